"""What paces kramp's ankle clonus, and why the lesioned ankle's reflex stops assisting an imposed
sinusoid above 2.5 Hz (target D5): the stretch-reflex loop taken apart stage by stage.

Target D5 asks for clonus at 5–7.5 Hz after an upper-motor-neurone lesion (spastic patients'
half-period 79.3 ± 12.3 ms: a plantarflexion part of 71.8 ± 6.7 ms, about one medium-latency
reflex, and a dorsiflexion part of 88.6 ± 10.8 ms), and a reflex that assists an imposed
sinusoidal movement somewhere in 3–7 Hz (Rack, Ross & Thilmann 1984). The default lesioned
person's released foot barely moves (``kramp run stroke-spasticity --json``: no clonus); with a
stronger dynamic fusimotor drive it oscillates, at 3.8 Hz. This script measures, without
changing any default:

1. **Clonus against the calf's twitch speed.** ``stroke-spasticity`` with the dynamic fusimotor
   drive of ``--gamma-dynamic`` (pps; the default person has 0), once at the calf heads'
   default kinetics (their slowest unit's contraction time 147 ms, fitted to the triceps twitch
   of target C1) and once for each of ``--contraction-times`` (the slowest unit's contraction
   time, ms, in all three heads, the range across each pool kept at 2). For each: the clonus
   frequency, the swing, and the cycle's two parts — the time from the most dorsiflexed to the
   most plantarflexed angle and back (all ``kramp.analysis.reflex.clonus``) — beside the
   published parts.
2. **The loop's phases at 2–7 Hz.** The lesioned, relaxed ankle moved ±2° about neutral at each
   frequency (the D5 protocol, one person per frequency): the amplitude and phase, relative to
   the soleus fascicle's length, of the soleus Ia rate, the soleus motoneurones' summed spike
   rate, the soleus's rectified EMG and its force, and the joint's viscosity
   (``kramp.analysis.reflex.dynamic_stiffness``; negative where the torque assists the
   movement), at the default maximal shortening velocity and at ``--fast-vmax`` (L₀/s), which
   halves the Hill force–velocity damping of the reflexly active muscle.

Run (about three minutes on 2 cores)::

    python studies/clonus_pacing.py
    python studies/clonus_pacing.py --json
    python studies/clonus_pacing.py --gamma-dynamic 70 --contraction-times 120 100 85 70
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from kramp.parallel import process_pool

CALF_HEADS = ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius")
# Target D5's clonus cycle in spastic patients (J Electromyogr Kinesiol 2011): ms, mean ± SD
PUBLISHED_PLANTARFLEXION_MS = (71.8, 6.7)
PUBLISHED_DORSIFLEXION_MS = (88.6, 10.8)
SINE_FREQUENCIES_HZ = (2.0, 3.0, 4.0, 5.0, 6.0, 7.0)
# the phases are read over whole cycles from here on (the reflex's first response left out)
SINE_READ_FROM_MS = 800.0
RATE_BIN_MS = 1.0


def clonus_run(gamma_dynamic: float, contraction_time_ms: float | None) -> dict:
    """The ``stroke-spasticity`` person's clonus with that dynamic fusimotor drive and, unless
    None, that slowest-unit contraction time in every calf head."""
    from kramp.analysis import reflex
    from kramp.scenarios import runner
    from kramp.scenarios.loader import load_scenario

    changes = {("parameters", "spindle", "gamma_dynamic"): gamma_dynamic}
    if contraction_time_ms is not None:
        changes |= {("parameters", head, "contraction_time_longest"): contraction_time_ms
                    for head in CALF_HEADS}
    result, _ = runner.run(load_scenario("stroke-spasticity").updated(changes))
    found = reflex.clonus(result, 0)
    return {"gamma_dynamic_pps": gamma_dynamic, "contraction_time_longest_ms": contraction_time_ms,
            "clonus_frequency_hz": found["clonus_frequency_hz"],
            "swing_deg": found["clonus_swing_deg"],
            "emg_rhythm_hz": found["clonus_discharge_hz"],
            "plantarflexion_ms": found["clonus_plantarflexion_ms"],
            "dorsiflexion_ms": found["clonus_dorsiflexion_ms"]}


def _coefficient(time_ms: np.ndarray, signal: np.ndarray, frequency_hz: float) -> complex:
    """The complex amplitude of ``signal`` at ``frequency_hz`` over whole cycles from
    ``SINE_READ_FROM_MS`` to the sinusoid's end (``reflex.phasor``)."""
    from kramp.analysis import reflex
    from kramp.validation.reflex_targets import D5_SINE_DURATION_MS, D5_SINE_START_MS

    end = D5_SINE_START_MS + D5_SINE_DURATION_MS
    cycles = int((end - SINE_READ_FROM_MS) * 1e-3 * frequency_hz)
    return reflex.phasor(time_ms, signal, frequency_hz, SINE_READ_FROM_MS, cycles)


def sinusoid_phases(max_shortening_velocity: float | None) -> list[dict]:
    """Each D5 frequency's stage amplitudes and phases (degrees, + a lead on the soleus
    fascicle's length) and the joint's viscosity, the lesioned person relaxed; with that
    maximal shortening velocity unless None."""
    from kramp.analysis import reflex
    from kramp.validation.reflex_targets import sinusoid_run

    result = sinusoid_run(SINE_FREQUENCIES_HZ, None if max_shortening_velocity is None else
                          {"mechanics": {"max_shortening_velocity": max_shortening_velocity}})
    time = result["time_ms"].values
    sensor_time = result["sensor.time_ms"].values
    emg_time = result["emg_time_ms"].values
    edges = np.arange(0.0, time[-1] + RATE_BIN_MS, RATE_BIN_MS)
    soleus_unit = result["unit_muscle"].values == "soleus"
    rows = []
    for person, frequency in enumerate(SINE_FREQUENCIES_HZ):
        length = _coefficient(time, result["fascicle"].sel(
            fascicle_output="soleus.length").values[:, person], frequency)
        spikes = (result["spike_person"].values == person) & soleus_unit[
            result["spike_unit"].values]
        counts, _ = np.histogram(result["spike_time_ms"].values[spikes], bins=edges)
        stages = {
            "ia_rate_pps": _coefficient(sensor_time, result["afferent_rate_pps"].sel(
                receptor="soleus.ia").values[:, person], frequency),
            "motoneuron_spikes_per_s": _coefficient(edges[:-1] + 0.5 * RATE_BIN_MS,
                                                    counts / (RATE_BIN_MS * 1e-3), frequency),
            "rectified_emg_mV": _coefficient(emg_time, np.abs(result["emg_mV"].sel(
                muscle="soleus").values[:, person]), frequency),
            "force_N": _coefficient(time, 1e-3 * result["force_mN"].sel(
                muscle="soleus").values[:, person], frequency)}
        row = {"frequency_hz": frequency,
               "viscosity_Nm_s_per_rad": reflex.dynamic_stiffness(
                   result, person)["viscosity_Nm_s_per_rad"]}
        for stage, value in stages.items():
            lead = np.degrees(np.angle(value) - np.angle(length))
            row[stage] = {"amplitude": abs(value), "phase_deg": float((lead + 180.0) % 360.0
                                                                      - 180.0)}
        rows.append(row)
    return rows


def _shown(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def main() -> None:
    from kramp.validation.reflex_targets import D5_SINE_AMPLITUDE_DEG

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gamma-dynamic", type=float, default=70.0,
                        help="dynamic fusimotor drive of the clonus runs (pps)")
    parser.add_argument("--contraction-times", type=float, nargs="+",
                        default=[120.0, 100.0, 85.0, 70.0],
                        help="slowest calf unit's contraction times to try (ms)")
    parser.add_argument("--fast-vmax", type=float, default=20.0,
                        help="maximal shortening velocity of the second sinusoid run (L0/s)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    times = [None, *args.contraction_times]
    with process_pool(args.workers) as pool:
        clonus_jobs = [pool.submit(clonus_run, args.gamma_dynamic, ct) for ct in times]
        sine_jobs = [pool.submit(sinusoid_phases, v) for v in (None, args.fast_vmax)]
        clonus = [job.result() for job in clonus_jobs]
        sines = [job.result() for job in sine_jobs]
    found = {"clonus": clonus, "sinusoid_default_vmax": sines[0],
             "sinusoid_fast_vmax": sines[1], "fast_vmax": args.fast_vmax}
    if args.json:
        print(json.dumps(found, indent=2))
        return
    print(f"Released lesioned foot, dynamic fusimotor drive {args.gamma_dynamic:g} pps "
          f"(published cycle: plantarflexion {PUBLISHED_PLANTARFLEXION_MS[0]} ± "
          f"{PUBLISHED_PLANTARFLEXION_MS[1]} ms, dorsiflexion {PUBLISHED_DORSIFLEXION_MS[0]} ± "
          f"{PUBLISHED_DORSIFLEXION_MS[1]} ms, 5–7.5 Hz)")
    print("slowest unit CT (ms)  clonus (Hz)  swing (°)  EMG rhythm (Hz)  plantarflexion (ms)"
          "  dorsiflexion (ms)")
    for row in clonus:
        ct = row["contraction_time_longest_ms"]
        print(f"{'147 (default)' if ct is None else f'{ct:g}':>20}  "
              f"{_shown(row['clonus_frequency_hz']):>11}  {row['swing_deg']:9.2f}  "
              f"{_shown(row['emg_rhythm_hz']):>15}  {_shown(row['plantarflexion_ms'], 0):>19}"
              f"  {_shown(row['dorsiflexion_ms'], 0):>17}")
    for label, rows in (("default", sines[0]), (f"{args.fast_vmax:g} L0/s", sines[1])):
        print(f"\nLesioned ankle, ±{D5_SINE_AMPLITUDE_DEG:g}° sinusoids, maximal shortening "
              f"velocity {label}: phase (°, + leads the soleus length) and amplitude")
        print("  Hz   Ia rate        motoneurones      rectified EMG     soleus force     "
              "viscosity (N·m·s/rad)")
        for row in rows:
            cells = [f"{row[s]['phase_deg']:6.0f} ({row[s]['amplitude']:.3g})" for s in
                     ("ia_rate_pps", "motoneuron_spikes_per_s", "rectified_emg_mV", "force_N")]
            print(f"  {row['frequency_hz']:g}  " + "  ".join(f"{c:16}" for c in cells)
                  + f"  {row['viscosity_Nm_s_per_rad']:.2f}")


if __name__ == "__main__":
    main()
