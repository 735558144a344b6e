"""Every validation target kramp runs, in the order of ``shared/validation/targets.md``.

A target is a function that runs its own virtual experiment and returns a record with the
published value, the pass band, the model's measured value and whether it passed (``None`` when
its reference simulator is not installed). Nothing here is typed in: each row is recomputed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kramp.errors import KrampInputError
from kramp.physiology import parameter_tables


@dataclass(frozen=True)
class TargetResult:
    """One target's outcome. ``fitted_parameters`` are the parameters tuned to this target
    (their ``fitted_to`` names it): where there are any, agreement is a calibration, not a
    prediction."""

    id: str
    quantity: str
    published: str
    band: str
    model_value: str
    passed: bool | None
    source: str
    fitted_parameters: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return {True: "pass", False: "FAIL", None: "n/a"}[self.passed]

    @property
    def fitted(self) -> bool:
        return bool(self.fitted_parameters)

    def to_json(self) -> dict:
        return {**vars(self), "fitted_parameters": list(self.fitted_parameters),
                "fitted": self.fitted, "status": self.status}


def fitted_parameters(target_id: str) -> tuple[str, ...]:
    """``component.parameter`` of every parameter whose value was tuned to ``target_id``."""
    return tuple(f"{table.component}.{param.name}" for table in parameter_tables()
                 for param in table if target_id in param.fitted_to)


# target id -> (module, function); modules are imported only when their targets run
TARGETS: dict[str, tuple[str, str]] = {
    "A1": ("kramp.validation.membrane_targets", "target_a1"),
    "A2": ("kramp.validation.membrane_targets", "target_a2"),
    "A3": ("kramp.validation.axon_targets", "target_a3"),
    "A4": ("kramp.validation.axon_targets", "target_a4"),
    "A5": ("kramp.validation.axon_targets", "target_a5"),
    "A6": ("kramp.validation.fibre_membrane_targets", "target_a6"),
    "A7": ("kramp.validation.motor_axon_targets", "target_a7"),
    "A9": ("kramp.validation.motor_axon_targets", "target_a9"),
    "A10": ("kramp.validation.motor_axon_targets", "target_a10"),
    "B1": ("kramp.validation.motoneuron_targets", "target_b1"),
    "B2": ("kramp.validation.motoneuron_targets", "target_b2"),
    "B3": ("kramp.validation.motoneuron_targets", "target_b3"),
    "B4": ("kramp.validation.motoneuron_targets", "target_b4"),
    "B5": ("kramp.validation.motoneuron_targets", "target_b5"),
    "B6": ("kramp.validation.motoneuron_targets", "target_b6"),
    "B7": ("kramp.validation.pool_targets", "target_b7"),
    "B8": ("kramp.validation.strength_targets", "target_b8"),
    "B9": ("kramp.validation.pool_targets", "target_b9"),
    "B10": ("kramp.validation.strength_targets", "target_b10"),
    "B11": ("kramp.validation.adaptation_targets", "target_b11"),
    "B12": ("kramp.validation.motoneuron_targets", "target_b12"),
    "B13": ("kramp.validation.motoneuron_targets", "target_b13"),
    "C1": ("kramp.validation.muscle_targets", "target_c1"),
    "C2": ("kramp.validation.muscle_targets", "target_c2"),
    "C3": ("kramp.validation.muscle_targets", "target_c3"),
    "C4": ("kramp.validation.muscle_targets", "target_c4"),
    "C5": ("kramp.validation.muscle_targets", "target_c5"),
    "C6": ("kramp.validation.strength_targets", "target_c6"),
    "C7": ("kramp.validation.muscle_targets", "target_c7"),
    "C8": ("kramp.validation.architecture_targets", "target_c8"),
    "C9": ("kramp.validation.architecture_targets", "target_c9"),
    "D1": ("kramp.validation.long_latency_targets", "target_d1"),
    "D2": ("kramp.validation.reflex_targets", "target_d2"),
    "D3": ("kramp.validation.root_targets", "target_d3"),
    "D4": ("kramp.validation.reflex_targets", "target_d4"),
    "D5": ("kramp.validation.reflex_targets", "target_d5"),
    "D6": ("kramp.validation.reflex_targets", "target_d6"),
    "D7": ("kramp.validation.reciprocal_targets", "target_d7"),
    "D8": ("kramp.validation.recurrent_targets", "target_d8"),
    "D9": ("kramp.validation.tendon_organ_targets", "target_d9"),
    "D10": ("kramp.validation.reflex_targets", "target_d10"),
    "D11": ("kramp.validation.spindle_targets", "target_d11"),
    "D12": ("kramp.validation.spindle_targets", "target_d12"),
    "D13": ("kramp.validation.joint_targets", "target_d13"),
    "D14": ("kramp.validation.reflex_targets", "target_d14"),
    "D15": ("kramp.validation.pic_angle_targets", "target_d15"),
    "D16": ("kramp.validation.spindle_targets", "target_d16"),
    "D17": ("kramp.validation.reflex_targets", "target_d17"),
    "E1": ("kramp.validation.ion_targets", "target_e1"),
    "E2": ("kramp.validation.fibre_membrane_targets", "target_e2"),
    "E3": ("kramp.validation.fluid_targets", "target_e3"),
    "E4": ("kramp.validation.ion_targets", "target_e4"),
    "E5": ("kramp.validation.motor_axon_targets", "target_e5"),
    "E6": ("kramp.validation.motor_axon_targets", "target_e6"),
    "E7": ("kramp.validation.fluid_targets", "target_e7"),
    "E8": ("kramp.validation.fluid_targets", "target_e8"),
    "E9": ("kramp.validation.fluid_targets", "target_e9"),
    "E10": ("kramp.validation.fluid_targets", "target_e10"),
    "E11": ("kramp.validation.fluid_targets", "target_e11"),
    "E12": ("kramp.validation.fluid_targets", "target_e12"),
    "E13": ("kramp.validation.fluid_targets", "target_e13"),
    "E14": ("kramp.validation.chloride_targets", "target_e14"),
    "E15": ("kramp.validation.chloride_targets", "target_e15"),
    "E16": ("kramp.validation.cable_conduction_targets", "target_e16"),
    "E17": ("kramp.validation.voltage_clamp_targets", "target_e17"),
    "G1": ("kramp.validation.cramp_targets", "target_g1"),
    "G2": ("kramp.validation.cramp_targets", "target_g2"),
    "G4": ("kramp.validation.cramp_targets", "target_g4"),
    "G5": ("kramp.validation.cramp_targets", "target_g5"),
    "G6": ("kramp.validation.muscle_length_cramp_targets", "target_g6"),
    "G7": ("kramp.validation.tendon_inhibition_targets", "target_g7"),
    "G8": ("kramp.validation.cramp_targets", "target_g8"),
    "G9": ("kramp.validation.cramp_targets", "target_g9"),
    "F1": ("kramp.validation.junction_targets", "target_f1"),
    "F2": ("kramp.validation.junction_targets", "target_f2"),
    "F3": ("kramp.validation.toxin_targets", "target_f3"),
    "F4": ("kramp.validation.junction_targets", "target_f4"),
    "F5": ("kramp.validation.junction_targets", "target_f5"),
    "F6": ("kramp.validation.toxin_targets", "target_f6"),
    "F7": ("kramp.validation.toxin_targets", "target_f7"),
    "F8": ("kramp.validation.degeneration_targets", "target_f8"),
    "F9": ("kramp.validation.root_targets", "target_f9"),
    "F10": ("kramp.validation.junction_targets", "target_f10"),
    "F11": ("kramp.validation.junction_targets", "target_f11"),
    "F12": ("kramp.validation.junction_targets", "target_f12"),
    "G10": ("kramp.validation.race_cohort_targets", "target_g10"),
    "G11": ("kramp.validation.contracture_targets", "target_g11"),
    "G12": ("kramp.validation.cramp_targets", "target_g12"),
    "G13": ("kramp.validation.cramp_targets", "target_g13"),
}


def _load(target_id: str) -> Callable[[], dict]:
    module_name, function_name = TARGETS[target_id]
    return getattr(importlib.import_module(module_name), function_name)


def select(ids: Iterable[str] | None) -> list[str]:
    """Target ids to run: all, or those named (case-insensitive), in table order."""
    if not ids:
        return list(TARGETS)
    wanted = {i.strip().upper() for i in ids if i.strip()}
    unknown = sorted(wanted - set(TARGETS))
    if unknown:
        raise KrampInputError(f"unknown validation target `{unknown[0]}`; known: "
                              f"{', '.join(TARGETS)}", field="--only")
    return [i for i in TARGETS if i in wanted]


def run_target(target_id: str) -> TargetResult:
    record = _load(target_id)()
    fields = [f for f in TargetResult.__dataclass_fields__ if f != "fitted_parameters"]
    return TargetResult(**{field: record[field] for field in fields},
                        fitted_parameters=fitted_parameters(target_id))


def run_targets(ids: list[str], workers: int = 1,
                progress: Callable[[int, int], None] | None = None) -> list[TargetResult]:
    """Each target of ``ids``, returned in that order; ``progress(done, total)`` as each ends.

    With ``workers`` > 1 the targets run side by side in that many processes, one core each
    (:mod:`kramp.parallel`). Every target's experiment is its own and seeded, so a target's
    result does not depend on the process it ran in; a worker takes the next target in ``ids``
    order as it frees, and targets of one module that share a run (``functools.cache``) compute
    it once in each worker that needs it.
    """
    if workers <= 1 or len(ids) <= 1:
        serial = []
        for target_id in ids:
            serial.append(run_target(target_id))
            if progress is not None:
                progress(len(serial), len(ids))
        return serial
    from concurrent.futures import as_completed

    from kramp.parallel import process_pool

    results: dict[str, TargetResult] = {}
    with process_pool(min(workers, len(ids))) as pool:
        pending = {pool.submit(run_target, target_id): target_id for target_id in ids}
        for done, future in enumerate(as_completed(pending), start=1):
            results[pending[future]] = future.result()
            if progress is not None:
                progress(done, len(ids))
    return [results[i] for i in ids]
