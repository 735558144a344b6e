"""Physiological components: parameter tables and pure functions on arrays.

Each module is one component (membrane, motor neuron, junction, fibre, …). It imports nothing of
kramp beyond the small shared helpers (``kramp.params``, ``kramp.units``), so it can be read and
tested alone. Functions return derivatives or, for gating variables, steady states and time
constants; the engine decides how to integrate them.
"""


def parameter_tables():
    """Every parameter table of every physiological component (each muscle is one table)."""
    from kramp.physiology import (
        acid_base,
        afferents,
        ankle,
        axon,
        drive,
        emg,
        fibre,
        fluids,
        hh_membrane,
        interneurons,
        ions,
        junction,
        lactate,
        mechanics,
        motoneuron,
        motor_axon,
        muscles,
        nerve,
        nerve_injury,
        respiration,
        root_compression,
        sarcolemma,
        spindle,
        tendon_organ,
        tendon_stimulation,
        toxins,
    )

    return (hh_membrane.PARAMETERS, axon.HH_CABLE, axon.NODE_MEMBRANE, axon.MYELINATED_AXON,
            drive.PARAMETERS, respiration.PARAMETERS, motoneuron.PARAMETERS,
            ions.PARAMETERS, nerve.PARAMETERS, nerve.STIMULATION, nerve.CONDITIONING_STIMULATION,
            motor_axon.PARAMETERS, junction.PARAMETERS,
            sarcolemma.PARAMETERS, fibre.PARAMETERS, mechanics.PARAMETERS, emg.PARAMETERS,
            *muscles.MUSCLES.values(), ankle.PARAMETERS, *ankle.MTU.values(),
            spindle.PARAMETERS, tendon_organ.PARAMETERS, afferents.PARAMETERS, afferents.SPINAL,
            *afferents.RECEPTORS.values(), interneurons.PARAMETERS,
            tendon_stimulation.PARAMETERS, fluids.PARAMETERS, fluids.BALANCE, fluids.DAY,
            fluids.KIDNEY, acid_base.PARAMETERS, toxins.PARAMETERS,
            nerve_injury.PARAMETERS, root_compression.PARAMETERS, lactate.PARAMETERS)


def parameter(path: str):
    """The ``Param`` named by ``component.parameter`` (``"spinal.central_delay"``)."""
    from kramp.errors import KrampInputError

    component, _, name = path.partition(".")
    for table in parameter_tables():
        if table.component == component:
            return table[name]
    raise KrampInputError(f"no parameter table named `{component}` (in `{path}`)", field=path)


def assigned_values(assignments: list[str], varied: set[str] = frozenset()
                    ) -> dict[str, float]:
    """``component.parameter=VALUE`` assignments (a bare number in the parameter's declared
    unit, or a quantity) as values, each checked against its parameter's range; a parameter in
    ``varied`` (one the caller sets itself) is refused."""
    from kramp.errors import KrampInputError

    values = {}
    for assignment in assignments:
        path, equals, raw = (part.strip() for part in assignment.partition("="))
        if not equals:
            raise KrampInputError(f"`--set {assignment}` must be PATH=VALUE", field="--set")
        if path in varied:
            raise KrampInputError(f"`--set {path}`: already varied here", field=path)
        values[path] = parameter(path).coerce(raw, path=path)
    return values


def default_value(path: str) -> float:
    """The default person's value of ``component.parameter``, in the parameter's declared
    unit."""
    return parameter(path).value


def varied_values(rows: list[dict[str, float]]) -> dict[str, dict]:
    """The model values of a batch with one person per row, each row naming the parameters
    (``component.parameter`` in its declared unit) in which that person differs from the default
    person: each parameter a row names becomes an array over the people, at its default for the
    people whose row does not name it."""
    import numpy as np

    values: dict[str, dict] = {}
    for path in sorted({key for row in rows for key in row}):
        component, _, name = path.partition(".")
        default = default_value(path)
        values.setdefault(component, {})[name] = np.array(
            [row.get(path, default) for row in rows], dtype=float)
    return values
