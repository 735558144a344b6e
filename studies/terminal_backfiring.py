"""How large an acetylcholine current at the motor nerve terminal would have to be to make the
terminal fire again after its own impulse, at each level of acetylcholinesterase inhibition: the
presynaptic route to the repetitive discharges of organophosphate poisoning (target F3).

After anticholinesterases a single nerve volley is followed by repetitive discharges recorded in
the ventral roots as well as the muscle (Blaber & Bowman 1963, cat): the terminals themselves
fire again, antidromically, through nicotinic receptors on the nerve terminal that the
lingering acetylcholine opens (Masland & Wigton 1940; Hubbard, Schmidt & Yokota 1965). kramp does
not model that current: it found no published size for it (F3's reason), and the muscle-fibre
route alone cannot make F3 pass while F11 holds (``fibre_membrane_scan.py``).

This script asks what size would be needed. It takes the terminal site of the default motor
axon (``kramp.physiology.motor_axon``, stepped at dt alone, as ``kramp.engine.components.axons``
steps it while a spike is under way), fires it with the drive of an arriving spike, and adds
after each of its spikes, ``--delay-ms`` later (the synaptic delay, a kramp assumption), a
current that decays as the end-plate current does at that esterase activity: τ = the fibre's
``sarcolemma.epc_tau`` × ``junction.decay_prolongation`` (so 0.6, 1.24, 2.12 and 3 ms at
100, 20, 5 and 0 % of the esterase left). Each re-fired spike releases acetylcholine again and
adds its own current. For each activity it scans the current's peak, in rheobases of the site
(its threshold for a 20 ms pulse), over ``PEAKS`` and counts the terminal's spikes within
``--watch-ms`` (an upstroke through 0 mV from below ``REARM_MV``), telling a re-firing after
the terminal has recovered (the second spike ``LATE_MS`` or more after the first: the lingering
acetylcholine) from one the current's onset forces in the relative refractory period (a size
at which the esterase no longer matters). The response is not monotonic: a larger current holds
the terminal depolarised, its Na⁺ channels inactivated, until it has decayed. It fits nothing:
it bounds a parameter a future model of the presynaptic route would need.

Run (a few seconds)::

    python studies/terminal_backfiring.py
    python studies/terminal_backfiring.py --delay-ms 0.3 --json
"""

from __future__ import annotations

import argparse
import json
from functools import cache

import numpy as np

ACTIVITIES = (1.0, 0.2, 0.05, 0.0)
DT_MS = 0.025
RHEOBASE_PULSE_MS = 20.0
PEAKS = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0)
# a second spike this long after the first came after the terminal recovered
LATE_MS = 1.0
# a spike counts once the site has repolarised below this since the last one (a current that
# holds a falling spike above 0 mV, or lifts it back, is not a second action potential)
REARM_MV = -60.0


def decay_ms(activity: float) -> float:
    """The end-plate current's decay time constant (ms) at this esterase activity."""
    from kramp.physiology import junction, sarcolemma

    values = {**junction.PARAMETERS.defaults(), "esterase_activity": activity}
    return sarcolemma.PARAMETERS["epc_tau"].value * junction.decay_prolongation(values)


@cache
def _terminal() -> tuple[np.ndarray, np.ndarray, float, float, np.ndarray]:
    """The default terminal site's constants, step table, rheobase and arriving-spike drive
    (µA/cm²) and resting state: the same for every run of the scan."""
    from kramp.engine.components import axons
    from kramp.physiology import motor_axon

    k = motor_axon.site_constants()
    return (k, motor_axon.site_table(k, DT_MS),
            motor_axon.threshold_uA_per_cm2(k, RHEOBASE_PULSE_MS, DT_MS),
            axons.relay_current_uA_per_cm2(k, DT_MS), motor_axon.initial_state(k))


def terminal_spikes(peak_rheobases: float, tau_ms: float, delay_ms: float, watch_ms: float
                    ) -> list[float]:
    """The terminal site's spike times (ms) after an arriving spike at 0 ms, with an
    acetylcholine current of ``peak_rheobases`` rheobases after each of its spikes."""
    from kramp.engine.components import axons
    from kramp.physiology import motor_axon

    k, table, rheobase, relay, rest = _terminal()
    site = rest.copy()
    spikes: list[float] = []
    armed = True
    for i in range(round(watch_ms / DT_MS)):
        t = i * DT_MS
        current = relay if t < axons.RELAY_WIDTH_MS else 0.0
        for fired in spikes:
            since = t - fired - delay_ms
            if since >= 0.0:
                current += peak_rheobases * rheobase * np.exp(-since / tau_ms)
        before = site[motor_axon.S.v_node]
        after = motor_axon.site_step(site, current, DT_MS, k, table)
        if armed and before < motor_axon.SPIKE_DETECTION_MV <= after:
            spikes.append(t)
            armed = False
        elif after < REARM_MV:
            armed = True
    return spikes


def scan(tau_ms: float, delay_ms: float, watch_ms: float) -> list[dict]:
    """For each peak of ``PEAKS``: the terminal's spike count and how its second spike came."""
    rows = []
    for peak in PEAKS:
        spikes = terminal_spikes(peak, tau_ms, delay_ms, watch_ms)
        second = spikes[1] - spikes[0] if len(spikes) > 1 else None
        rows.append({"peak_rheobases": peak, "spikes": len(spikes), "second_after_ms": second,
                     "late": second is not None and second >= LATE_MS})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=0.5)
    parser.add_argument("--watch-ms", type=float, default=30.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for activity in ACTIVITIES:
        tau = decay_ms(activity)
        rows.append({"esterase_activity": activity, "decay_ms": tau,
                     "peaks": scan(tau, args.delay_ms, args.watch_ms)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print("spikes of the terminal after one arriving spike, by the acetylcholine current's peak "
          "(rheobases); * the second came after the terminal recovered, ! at the current's "
          "onset")
    print(f"{'esterase left':>13s} {'decay ms':>9s}  " + " ".join(f"{p:>4g}" for p in PEAKS))
    for row in rows:
        marks = " ".join(f"{r['spikes']:>3d}" + ("*" if r["late"] else
                                                 "!" if r["spikes"] > 1 else " ")
                         for r in row["peaks"])
        print(f"{100 * row['esterase_activity']:12.0f}% {row['decay_ms']:9.2f}  {marks}")


if __name__ == "__main__":
    main()
