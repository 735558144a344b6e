"""Targets E14 and E15 (kramp's own): the muscle fibre's resting Cl⁻ conductance — how large the
resting membrane conductance of a human fibre is (E15), and what losing most of its Cl⁻ part does
(E14, myotonia).

E15. Published: isolated external intercostal fibre bundles of 13 normal volunteers had, by cable
analysis, a specific membrane resistance of 2619 Ω·cm² and a capacitance of 5.15 µF/cm² (per cm²
of the fibre's surface; means, Lipicky, Bryant & Salmon 1971; the abstract gives neither spread
nor temperature). Virtual experiment: the default point fibre at rest takes a small held current
(``PROBE_CURRENT_UA_PER_CM2``); the steady shift of its surface potential gives the slope
conductance (the T-tubule's, through its access conductance, included, as a cable analysis
includes it), and the time the shift takes to reach 1 − 1/e of its final value, times that
conductance, the effective capacitance. Band: each within ±``E15_TOLERANCE`` of the mean. A
prediction: ``g_leak`` was fitted to the resting potential (E2), not to the conductance, and no
parameter to this target. The fibres' internal resistivity (123.2 Ω·cm) is kramp's
``myoplasm_resistivity``, taken from the same paper: shown, not scored.

E14. Published. In myotonic goat intercostal fibres, whose Cl⁻ conductance is low, a suprathreshold
current pulse sets off a train of action potentials that goes on after the pulse has ended (the
myotonic after-discharge), which a normal fibre does not show (Adrian & Bryant 1974). Rat
diaphragm fibres became myotonic once a low-Cl⁻ bath had brought their Cl⁻ conductance down to
38.3 % of control (Kurihara, Tanaka & Shioya 1984). In human myotonia congenita the intercostal
fibres' membrane resistance is 5729 against 2619 Ω·cm² in normal volunteers (Lipicky, Bryant &
Salmon 1971): most of the resting conductance, the Cl⁻ part, is gone; and in a patient's biopsy
almost every fibre recorded showed myotonic activity (Birnberger, Rüdel & Struppler 1975).

Virtual experiment. The default fibre (``sarcolemma.DEFAULT_FIBRE_DIAMETER_UM``, default ions) as a
cable (:mod:`kramp.physiology.end_plate_cable`), at rest, with ``g_cl`` normal and at the share
that gives the fibre the myotonic patients' membrane resistance (``myotonic_chloride_share``: the
share at which the model fibre's resting slope conductance is 2619/5729 of its normal one,
measured with a small held current; it lands near Kurihara et al.'s 38.3 %). A microelectrode
passes a square current pulse of ``E14_PULSE_MS`` into the first segment: a current source is a
conductance to a potential far beyond any membrane potential, here the cable's end-plate input
held constant with its reversal at ``SOURCE_MV`` (the current then changes by less than 1.3 %
between −85 and +40 mV). The pulse's threshold is found by bisection (the smallest current that
sends an action potential past the recording segment within ``THRESHOLD_PULSE_MS``); at
``E14_STRENGTHS`` times it, the action potentials at the recording segment are counted during
the pulse and after it (from ``AFTER_DELAY_MS`` past its end for ``E14_AFTER_MS``).

Band: with the patients' membrane resistance, an after-discharge (at least one action potential
after the pulse) at some strength; with the Cl⁻ conductance normal, none at any strength. A
prediction: no parameter was tuned to it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.physiology import end_plate_cable, ions
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q

# external intercostal fibres (Lipicky et al. 1971): specific membrane resistance (Ω·cm²) of
# normal volunteers and of myotonia congenita; the normal capacitance (µF/cm²) and internal
# resistivity (Ω·cm)
NORMAL_RESISTANCE = 2619.0
MYOTONIA_CONGENITA_RESISTANCE = 5729.0
NORMAL_CAPACITANCE = 5.15
NORMAL_RESISTIVITY = 123.2
E15_TOLERANCE = 0.4
E14_PULSE_MS = 200.0
E14_AFTER_MS = 300.0
E14_STRENGTHS = (1.2, 1.5, 2.0)
AFTER_DELAY_MS = 2.0  # an action potential under way as the pulse ends is not an after-discharge
THRESHOLD_PULSE_MS = 50.0
SOURCE_MV = 10_000.0
DT_MS = 0.025
# the held current that measures the resting slope conductance moves the fibre by about 1 mV
PROBE_CURRENT_UA_PER_CM2 = 2.0
PROBE_SETTLE_MS = 400.0
PROBE_DT_MS = 0.025
# the current source never decays: an end-plate time constant far beyond the run
HELD_TAU_MS = 1e9
# sarcolemma parameters overriding the defaults, as hashable (name, value) pairs (a study of
# other membranes; the targets use none)
Membrane = tuple[tuple[str, float], ...]


def fibre_constants(chloride_share: float, cable: bool = True,
                    diameter_um: float = sl.DEFAULT_FIBRE_DIAMETER_UM,
                    ion_values: dict[str, float] | None = None,
                    membrane: Membrane = ()) -> np.ndarray:
    """The default fibre's constants (as a cable, or a point) with ``g_cl`` at
    ``chloride_share`` of normal and its end-plate input turned into a held current source (of
    ``diameter_um``, at the default ions unless ``ion_values``; ``membrane`` overrides
    ``sarcolemma`` parameters, as (name, value) pairs)."""
    values = {**sl.PARAMETERS.defaults(), **dict(membrane)}
    values = {**values, "g_cl": values["g_cl"] * chloride_share, "epc_reversal": SOURCE_MV,
              "epc_tau": HELD_TAU_MS}
    return sl.unit_constants(values, ion_values or ions.PARAMETERS.defaults(), diameter_um,
                             cable=cable, references=cable)


def pulse_crossings(q: np.ndarray, current_uA_per_cm2: float, pulse_ms: float, watch_ms: float,
                    dt_ms: float, segments: list[int]) -> list[np.ndarray]:
    """Upward crossings of ``ap_detection`` at each of ``segments`` (ms, as
    :func:`kramp.physiology.end_plate_cable.source_crossings`) over ``watch_ms`` after a square
    pulse of ``current_uA_per_cm2`` for ``pulse_ms`` into the first segment of the resting cable
    (the held source's conductance sized at the resting potential there)."""
    rest = end_plate_cable.resting_cable(q)
    step_start_ms = dt_ms * np.arange(round(watch_ms / dt_ms))
    conductance = np.where(step_start_ms < pulse_ms,
                           current_uA_per_cm2 / (SOURCE_MV - rest[end_plate_cable.VS, 0]), 0.0)
    return end_plate_cable.source_crossings(q, conductance, dt_ms, segments, start=rest)


@cache
def step_response(chloride_share: float, membrane: Membrane = ()) -> tuple[float, float]:
    """(resting slope conductance in mS/cm² of surface, effective capacitance in µF/cm²) of the
    point fibre: a small held current switched on at rest, the steady shift of the surface
    potential and the time it takes to reach 1 − 1/e of that shift."""
    q = fibre_constants(chloride_share, cable=False, membrane=membrane)
    x = sl.resting_state(q)
    state = [x[row] for row in end_plate_cable.POINT_ROWS]  # membrane_step's order
    rest = state[0]
    conductance = PROBE_CURRENT_UA_PER_CM2 / (SOURCE_MV - rest)
    shifts = []
    for _ in range(round(PROBE_SETTLE_MS / PROBE_DT_MS)):
        *state, _, _ = sl.membrane_step(*state, conductance, PROBE_DT_MS, q)
        shifts.append(state[0] - rest)
    shifts = np.array(shifts)
    slope = PROBE_CURRENT_UA_PER_CM2 / shifts[-1]
    times = PROBE_DT_MS * np.arange(1, shifts.size + 1)
    tau = float(np.interp((1.0 - np.exp(-1.0)) * shifts[-1], shifts, times))
    return slope, tau * slope


def resting_slope_conductance(chloride_share: float, membrane: Membrane = ()) -> float:
    """The point fibre's resting slope conductance (mS/cm² of surface, the T-tubule's through its
    access included)."""
    return step_response(chloride_share, membrane)[0]


@cache
def myotonic_chloride_share(membrane: Membrane = ()) -> float:
    """The share of the normal Cl⁻ conductance at which the model fibre's resting slope
    conductance is the myotonia-congenita patients' share of the normal one (bisection)."""
    wanted = (NORMAL_RESISTANCE / MYOTONIA_CONGENITA_RESISTANCE
              * resting_slope_conductance(1.0, membrane))
    low, high = 0.0, 1.0
    for _ in range(20):
        mid = 0.5 * (low + high)
        low, high = ((mid, high) if resting_slope_conductance(mid, membrane) < wanted
                     else (low, mid))
    return 0.5 * (low + high)


def pulse_response(q: np.ndarray, current_uA_per_cm2: float, pulse_ms: float = E14_PULSE_MS,
                   after_ms: float = E14_AFTER_MS) -> tuple[int, int]:
    """(action potentials past the recording segment during the pulse, and after it) for a
    square pulse of ``current_uA_per_cm2`` into the first segment of the resting cable."""
    (times,) = pulse_crossings(q, current_uA_per_cm2, pulse_ms, pulse_ms + after_ms, DT_MS,
                               [int(q[Q.cable_recording])])
    return int((times < pulse_ms).sum()), int((times >= pulse_ms + AFTER_DELAY_MS).sum())


def pulse_threshold(q: np.ndarray) -> float:
    """Smallest pulse current (µA/cm² of the first segment) that fires the fibre."""
    return sl.smallest_firing_amplitude(
        lambda current: pulse_response(q, current, THRESHOLD_PULSE_MS, 0.0)[0] > 0,
        100.0, 1e6)


@cache
def e14_responses(membrane: Membrane = ()) -> dict[float, dict]:
    """For each Cl⁻ share: the pulse threshold (µA/cm²) and, for each strength, (action potentials
    during the pulse, after it)."""
    found = {}
    for share in (1.0, myotonic_chloride_share(membrane)):
        q = fibre_constants(share, membrane=membrane)
        threshold = pulse_threshold(q)
        found[share] = {"threshold": threshold,
                        "counts": {m: pulse_response(q, m * threshold) for m in E14_STRENGTHS}}
    return found


def myotonia_as_published(found: dict[float, dict]) -> bool:
    """E14's band on ``e14_responses``: the fibre with the patients' membrane resistance fires
    after the pulse at some strength, the normal one at none."""
    normal, low = found.values()
    return (any(after > 0 for _, after in low["counts"].values())
            and all(after == 0 for _, after in normal["counts"].values()))


def target_e14() -> dict:
    found = e14_responses()

    def shown(share: float) -> str:
        entry = found[share]
        counts = "; ".join(f"{m:g}×: {d} during, {a} after"
                           for m, (d, a) in entry["counts"].items())
        return (f"Cl⁻ conductance {100 * share:.1f} % (threshold "
                f"{entry['threshold']:.0f} µA/cm²): {counts}")

    return {
        "id": "E14",
        "quantity": "action potentials during and after a 200 ms suprathreshold current pulse "
                    "into the default fibre, its Cl⁻ conductance normal and lowered to the "
                    "membrane resistance of myotonia congenita",
        "published": "human myotonia congenita: membrane resistance 5729 against 2619 Ω·cm², "
                     "myotonic activity in almost every fibre of a biopsy; low-Cl⁻ (myotonic "
                     "goat) fibres: a current pulse sets off a train that outlasts it, normal "
                     "fibres none; rat diaphragm myotonic at 38.3 % of the control Cl⁻ "
                     "conductance",
        "band": "myotonic membrane resistance: ≥ 1 action potential after the pulse at some "
                "strength "
                f"({', '.join(f'{m:g}' for m in E14_STRENGTHS)} × threshold); normal: none "
                "after it at any",
        "model_value": " | ".join(shown(share) for share in found),
        "passed": myotonia_as_published(found),
        "source": "Lipicky RJ, Bryant SH, Salmon JH 1971, J Clin Invest 50:2091–2103 "
                  "(abstract); Birnberger KL, Rüdel R, Struppler A 1975, J Neurol 210:99–110 "
                  "(abstract); Adrian RH, Bryant SH 1974, J Physiol 240:505–515 (not "
                  "re-checked); Kurihara T, Tanaka M, Shioya K 1984, doi "
                  "10.1111/j.1440-1819.1984.tb00798.x (abstract)",
    }


def target_e15() -> dict:
    slope, capacitance = step_response(1.0)
    resistance = 1e3 / slope  # Ω·cm² from mS/cm²
    low, high = 1.0 - E15_TOLERANCE, 1.0 + E15_TOLERANCE
    passed = (low <= resistance / NORMAL_RESISTANCE <= high
              and low <= capacitance / NORMAL_CAPACITANCE <= high)
    resistivity = sl.PARAMETERS["myoplasm_resistivity"].value
    return {
        "id": "E15",
        "quantity": "specific membrane resistance and capacitance of a resting human muscle "
                    "fibre (per cm² of surface, T-tubules included)",
        "published": f"external intercostal fibres of 13 normal volunteers: {NORMAL_RESISTANCE:g} "
                     f"Ω·cm² and {NORMAL_CAPACITANCE:g} µF/cm² (internal resistivity "
                     f"{NORMAL_RESISTIVITY:g} Ω·cm)",
        "band": f"each within ±{100 * E15_TOLERANCE:.0f} % of the published mean",
        "model_value": (f"{resistance:.0f} Ω·cm² ({resistance / NORMAL_RESISTANCE:.2f} × "
                        f"published; slope conductance {slope:.2f} mS/cm²) and "
                        f"{capacitance:.2f} µF/cm² ({capacitance / NORMAL_CAPACITANCE:.2f} ×); "
                        f"internal resistivity {resistivity:g} Ω·cm, a parameter taken from "
                        "the same paper, not scored"),
        "passed": bool(passed),
        "source": "Lipicky RJ, Bryant SH, Salmon JH 1971, J Clin Invest 50:2091–2103 (abstract)",
    }
