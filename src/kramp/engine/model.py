"""The static Model: parameters compiled into read-only ``[person, unit]`` arrays, plus tables.

A Model is built once and never changed (MuJoCo's ``mjModel``, OpenMM's ``System``); a sweep builds
a new Model. Every per-neuron number is an array shaped ``[person, unit]`` so one run covers a
batch of virtual people, each with its own parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kramp.engine.membranes import MEMBRANES, MembraneKind
from kramp.engine.tables import GateTables, build_gate_tables
from kramp.errors import KrampInputError, out_of_range
from kramp.params import compile_tables

DEFAULT_DT_MS = 0.025
DT_RANGE_MS = (1e-4, 0.1)


@dataclass(frozen=True, eq=False)
class Model:
    """What is simulated: kind, time step, batch shape, parameter arrays and gate tables.

    ``parameters[component][name]`` is a read-only float array of shape ``(n_person, n_unit)`` in
    the unit declared by the component's parameter table. ``gate_setting[p, u]`` selects the
    table in ``gate_tables`` that holds that neuron's kinetics (one per distinct temperature).
    """

    kind: MembraneKind
    dt_ms: float
    n_person: int
    n_unit: int
    parameters: Mapping[str, Mapping[str, np.ndarray]]
    gate_tables: GateTables
    gate_setting: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return (self.n_person, self.n_unit)

    def parameter(self, path: str) -> np.ndarray:
        component, name = path.split(".", 1)
        return self.parameters[component][name]


def _read_only(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def build_model(
    kind: str,
    values: Mapping[str, Mapping[str, float | np.ndarray]] | None = None,
    *,
    n_person: int = 1,
    n_unit: int = 1,
    dt_ms: float = DEFAULT_DT_MS,
) -> Model:
    """Compile parameter values into a Model.

    ``values[component][name]`` overrides a default and may be a scalar or any array that
    broadcasts to ``(n_person, n_unit)``; values are in the parameter's declared unit and are
    range-checked here (strings with units are parsed earlier, in ``kramp.scenarios``).
    """
    if kind not in MEMBRANES:
        raise KrampInputError(f"unknown membrane kind '{kind}'; known: {', '.join(MEMBRANES)}",
                              field="model")
    model_kind = MEMBRANES[kind]
    if n_person < 1 or n_unit < 1:
        raise KrampInputError(f"`n_person` and `n_unit` must be ≥ 1, got {n_person}, {n_unit}",
                              field="n_person")
    if not DT_RANGE_MS[0] <= dt_ms <= DT_RANGE_MS[1]:
        raise out_of_range("simulation.dt", "ms", *DT_RANGE_MS, f"{dt_ms:g} ms")
    shape = (n_person, n_unit)
    parameters = compile_tables(model_kind.components, values, shape, model=kind,
                                axes="[person, unit]")

    settings, gate_setting = model_kind.kinetic_settings(parameters, shape)
    tables = build_gate_tables([model_kind.kinetics(s) for s in settings], model_kind.gates, dt_ms)
    return Model(
        kind=model_kind,
        dt_ms=float(dt_ms),
        n_person=n_person,
        n_unit=n_unit,
        parameters=parameters,
        gate_tables=tables,
        gate_setting=_read_only(gate_setting),
    )
