"""Can any fibre membrane give both the organophosphate's repetitive discharge (F3) and the
slow-channel syndrome's (F11), and what else do the membranes that pass F11 do? A random search
over the sarcolemma's Na⁺, K⁺ and Cl⁻ parameters.

Targets F3 and F11 both ask the end-plate cable (:mod:`kramp.physiology.end_plate_cable`, the
default 55 µm fibre) for a second action potential from one end-plate current whose decay is
slowed: F11 at the normal peak, once at 3.84 and at least twice at 8.68 times the normal decay
(Di et al. 2020's patients without and with a repetitive CMAP); F3 with the esterase 80 and 95 %
inhibited, which kramp's junction turns into 2.07 and 3.5 times the decay
(``junction.decay_prolongation``). This script draws ``--samples`` membranes (each of ``RANGES``
uniform over its range, seeded), runs the default junction's current and the slowed ones on each,
and counts the membranes that fire once to the normal current and pass F11 (and how long after the
first their second action potential comes: target F12 asks 3.5–4.0 ms), the ones that fire twice at
both inhibitions (also with the poisoned current's peak 1.5 and 2 times the normal one), and those
that do both; and, for each membrane that passes F11, target E14's experiment
(:mod:`kramp.validation.chloride_targets`: a 200 ms current pulse into the fibre with its Cl⁻
conductance normal and at the myotonia-congenita patients' membrane resistance), counting those
that pass it and how often their normal fibre fires during the pulse. It also holds the default
fibre's end-plate conductance constant at levels from 20 to 60 mS/cm² for 200 ms and counts its
action potentials at the end plate, at the recording segment and at the cable's far end.

Run::

    python studies/fibre_membrane_scan.py                 # 1,400 membranes, about 15 minutes
    python studies/fibre_membrane_scan.py --samples 200   # a quicker look
"""

from __future__ import annotations

import argparse

import numpy as np

from kramp.physiology import end_plate_cable, ions, junction
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q
from kramp.validation import chloride_targets, junction_targets, toxin_targets

# the sarcolemma parameters drawn, each uniform over a range about as wide as its table allows
# where the fibre still rests and fires
RANGES = {"m_half": (-52.0, -36.0), "m_slope": (4.5, 7.0),
          "h_half": (-80.0, -64.0), "h_slope": (4.5, 8.5), "h_tau_min": (0.05, 0.5),
          "h_tau_peak": (0.5, 4.0), "n_half": (-45.0, -25.0), "n_slope": (6.0, 14.0),
          "n_tau_min": (0.1, 0.8), "n_tau_peak": (0.5, 4.0), "g_kdr": (5.0, 40.0),
          "g_na": (150.0, 450.0), "g_cl": (0.2, 1.5), "gate_tau_slope": (10.0, 25.0)}
# F3's poisoned levels (esterase activity left), the targets' own
F3_ESTERASE_LEFT = tuple(1.0 - i / 100.0 for i in toxin_targets.F3_INHIBITION_PERCENT if i > 0.0)
F3_PEAKS = (1.0, 1.5, 2.0)
HELD_MS = 200.0
HELD_CONDUCTANCES = np.arange(20.0, 62.0, 2.0)  # mS/cm² of the end-plate segment
DT_MS = 0.025


def constants(**values: float) -> np.ndarray:
    """The default fibre's constants as a cable, with ``values`` overriding the sarcolemma's."""
    return sl.unit_constants({**sl.PARAMETERS.defaults(), **values}, ions.PARAMETERS.defaults(),
                             sl.DEFAULT_FIBRE_DIAMETER_UM, cable=True)


def action_potentials(values: dict[str, float], prolongation: float, peak: float) -> int:
    """Action potentials at the recording segment after one end-plate current decaying
    ``prolongation`` times more slowly than normal, its peak ``peak`` times the normal one."""
    q = constants(epc_tau=sl.PARAMETERS["epc_tau"].value * prolongation, **values)
    return end_plate_cable.response(q, peak * q[Q.epc_amplitude],
                                    duration_ms=junction_targets.F11_WATCH_MS)[0].size


def second_discharge_delay(values: dict[str, float], prolongation: float) -> float | None:
    """The delay (ms) of the second action potential after the first at the recording segment,
    one end-plate current of the normal peak decaying ``prolongation`` times more slowly than
    normal (None: no second one)."""
    q = constants(epc_tau=sl.PARAMETERS["epc_tau"].value * prolongation, **values)
    times = end_plate_cable.response(q, q[Q.epc_amplitude],
                                     duration_ms=junction_targets.F11_WATCH_MS)[0]
    return float(times[1] - times[0]) if times.size >= 2 else None


def held_conductance_counts() -> list[tuple[float, list[int]]]:
    """The default fibre with its end-plate conductance held: action potentials at the end
    plate, the recording segment and the far end, per held level that fires it at all."""
    q = constants()
    watched = [0, int(q[Q.cable_recording]), int(q[Q.cable_segments]) - 2]
    found = []
    for level in HELD_CONDUCTANCES:
        held = np.full(round(HELD_MS / DT_MS), level)
        counts = [times.size for times in
                  end_plate_cable.source_crossings(q, held, DT_MS, watched)]
        if any(counts):
            found.append((float(level), counts))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1400)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()

    for level, counts in held_conductance_counts():
        print(f"default fibre, end-plate conductance held at {level:g} mS/cm² for {HELD_MS:g} ms: "
              f"{counts[0]} / {counts[1]} / {counts[2]} action potentials (end plate / recording "
              "segment / far end)")

    esterase = [junction.decay_prolongation({**junction.PARAMETERS.defaults(),
                                             "esterase_activity": a}) for a in F3_ESTERASE_LEFT]
    rng = np.random.default_rng(args.seed)
    f11 = myotonic = 0
    during_pulse = []  # the normal fibre's most action potentials during E14's pulse
    delays = []  # F11 passers: the second action potential's delay at 8.68 times (F12)
    f3_by_peak = dict.fromkeys(F3_PEAKS, 0)
    both_by_peak = dict.fromkeys(F3_PEAKS, 0)
    for _ in range(args.samples):
        values = {name: float(rng.uniform(*span)) for name, span in RANGES.items()}
        if action_potentials(values, 1.0, 1.0) != 1:
            continue
        without, with_ = (action_potentials(values, p, 1.0)
                          for p in junction_targets.F11_PROLONGATIONS.values())
        passes_f11 = without == 1 and with_ >= 2
        f11 += passes_f11
        if passes_f11:
            delays.append(second_discharge_delay(
                values, junction_targets.F11_PROLONGATIONS["with"]))
            membrane = tuple(sorted(values.items()))
            responses = chloride_targets.e14_responses(membrane)
            if chloride_targets.myotonia_as_published(responses):
                myotonic += 1
                normal = next(iter(responses.values()))
                during_pulse.append(max(d for d, _ in normal["counts"].values()))
        for peak in F3_PEAKS:
            repeats = all(action_potentials(values, p, peak) >= 2 for p in esterase)
            f3_by_peak[peak] += repeats
            both_by_peak[peak] += repeats and passes_f11
    print(f"{args.samples} membranes (seed {args.seed}); the poisoned decays "
          f"{esterase[0]:.2f} and {esterase[1]:.2f} times the normal one")
    print(f"  pass F11: {f11}; of these, pass E14: {myotonic}")
    if delays:
        low, high = junction_targets.F12_INTERVAL_BAND_MS
        within = sum(low <= d <= high for d in delays)
        print(f"    their second action potential at {junction_targets.F11_PROLONGATIONS['with']:g}"
              f" times comes {min(delays):.1f}–{max(delays):.1f} ms after the first (median "
              f"{np.median(delays):.1f}); {within} within F12's {low:g}–{high:g} ms")
    if during_pulse:
        print(f"    with the Cl⁻ conductance normal, these fire {min(during_pulse)}–"
              f"{max(during_pulse)} times during the 200 ms pulse (median "
              f"{int(np.median(during_pulse))}; E14 scores only what follows it)")
    for peak in F3_PEAKS:
        print(f"  fire twice at both inhibitions, peak {peak:g} × normal: {f3_by_peak[peak]}; "
              f"and pass F11: {both_by_peak[peak]}")


if __name__ == "__main__":
    main()
