"""Target D9: a tendon organ's sensitivity to the twitch of one motor unit (Houk & Henneman
1967, cat soleus).

The experiment twitches one soleus motor unit at a time in a relaxed person whose ankle is held
at right angles (the ``ankle`` model's default imposed angle, 0°, descending drive 0): one action
potential enters the unit's motor axon at its root, as when a single ventral-root filament is
stimulated, and the engine conducts it to the muscle, turns it into the unit's twitch and the
muscle's tendon force (series elasticity and all), and feeds that force to the muscle's model
tendon organ (``kramp.physiology.tendon_organ``), whose Ib rate is read. Each unit is one person
of a single batch (the smallest, the median and the largest unit by twitch force), with one more
person left unstimulated as the control whose Ib rate is the resting rate at every instant.

The peak Ib increment is read from the stimulus to the end of the run or, where the twitch
itself evokes a reflex discharge of the relaxed pool, to that person's first motoneurone spike
(before any force of the reflex reaches the tendon).

kramp has one lumped tendon organ per muscle, with Lin & Crago's force scale taken as 0.2 of the
muscle's maximal force, not one receptor in series with a few fibres of a few units; nothing was
fitted to D9, so the result is a prediction. The muscle is kramp's human soleus (its pool and
its receptor's force scale), the target's species the cat.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import numpy as np

from kramp.engine.lines import Events
from kramp.engine.network import initial_state, line_key

MUSCLE = "soleus"
# the action potential enters the motor axon here (ms); the run ends at DURATION_MS, long after
# the slowest unit's twitch (contraction time 147 ms) has peaked
STIMULUS_MS = 20.0
DURATION_MS = 600.0
# A twitch evokes Ib discharge when it raises the receptor's rate by at least one spike per
# second at its peak: a twitch of 0.1–0.3 s then adds some tenths of a spike to each Ib fibre.
EVOKED_PPS = 1.0
UNITS = ("smallest", "median", "largest")


def chosen_units(twitch_force_mN: np.ndarray) -> dict[str, int]:
    """The indices of the smallest, the median (the upper one of an even pool) and the largest
    unit by peak twitch force."""
    order = np.argsort(twitch_force_mN, kind="stable")
    return {"smallest": int(order[0]), "median": int(order[order.size // 2]),
            "largest": int(order[-1])}


def peak_increment(rate_pps: np.ndarray, control_pps: np.ndarray, time_ms: np.ndarray,
                   start_ms: float, end_ms: float) -> tuple[float, float, float]:
    """(peak rise of ``rate_pps`` above ``control_pps`` in pps, its time in ms, the extra spikes
    the rise adds, ∫ rise dt) over ``start_ms`` < t ≤ ``end_ms``."""
    window = (time_ms > start_ms) & (time_ms <= end_ms)
    rise = rate_pps[window] - control_pps[window]
    if not rise.size:
        return 0.0, start_ms, 0.0
    at = int(np.argmax(rise))
    step_s = float(np.median(np.diff(time_ms))) * 1e-3 if time_ms.size > 1 else 1e-3
    return float(rise[at]), float(time_ms[window][at]), float(np.clip(rise, 0.0, None).sum()
                                                              * step_s)


@cache
def single_unit_twitches() -> dict:
    """Run the experiment (module doc); return its raw numbers per unit and at rest."""
    from kramp.engine import build_model, simulate

    n_person = len(UNITS) + 1  # the last person is the unstimulated control
    model = build_model("ankle", {"drive": {"level": 0.0}}, muscle_names=[MUSCLE],
                        n_person=n_person)
    fibres = model.component("fibre")
    units = chosen_units(fibres.twitch_force_mN[0])
    state = initial_state(model)
    into_axon = next(line for line in model.event_lines
                     if line.source == "motoneuron.spikes" and line.target == "axon.orthodromic")
    state.waiting[line_key(into_axon)] = Events(
        np.full(len(UNITS), STIMULUS_MS), np.arange(len(UNITS)),
        np.array([units[name] for name in UNITS]))
    result = simulate(model, DURATION_MS, state=state)

    time_ms = result["time_ms"].values
    force_N = result["force_mN"].sel(muscle=MUSCLE).values * 1e-3  # (time, person)
    sensor_ms = result["sensor.time_ms"].values
    ib = result["afferent_rate_pps"].sel(receptor=f"{MUSCLE}.ib").values  # (time, person)
    spike_ms = result["spike_time_ms"].values
    spike_person = result["spike_person"].values
    control = n_person - 1
    measured: dict = {
        "rest_tendon_force_N": float(model.component("sensor").rest_force_N[0, 0]),
        "rest_ib_pps": float(ib[:, control].max()),
        "receptor_force_scale_N": float(model.component("sensor").k_organ[0, 0, 1]),
        "control_motoneuron_spikes": int((spike_person == control).sum()),
    }
    for p, name in enumerate(UNITS):
        reflex = spike_ms[(spike_person == p) & (spike_ms > STIMULUS_MS)]
        end_ms = float(reflex.min()) if reflex.size else DURATION_MS
        rise, at_ms, extra = peak_increment(ib[:, p], ib[:, control], sensor_ms, STIMULUS_MS,
                                            end_ms)
        window = (time_ms > STIMULUS_MS) & (time_ms <= end_ms)
        measured[name] = {
            "unit": units[name],
            "twitch_force_mN": float(fibres.twitch_force_mN[p, units[name]]),
            "contraction_time_ms": float(fibres.contraction_time_ms[p, units[name]]),
            "tendon_force_rise_N": float((force_N[window, p] - force_N[window, control]).max()),
            "ib_rise_pps": rise,
            "ib_peak_ms": at_ms,
            "ib_extra_spikes": extra,
            "window_end_ms": end_ms,
            "reflex_spikes": int(reflex.size),
        }
    return measured


def target_d9() -> dict:
    measured = single_unit_twitches()
    rises = [measured[name]["ib_rise_pps"] for name in UNITS]
    evoked = all(rise >= EVOKED_PPS for rise in rises)
    rising = all(b > a for a, b in pairwise(rises))
    shown = "; ".join(
        f"{name} unit (#{measured[name]['unit']}, twitch "
        f"{measured[name]['twitch_force_mN'] * 1e-3:.3g} N, "
        f"{measured[name]['tendon_force_rise_N']:.3g} N at the tendon) "
        f"+{measured[name]['ib_rise_pps']:.2f} pps" for name in UNITS)
    reflexes = "".join(
        f"; the {name} unit's twitch evokes a reflex discharge of the relaxed pool "
        f"({measured[name]['reflex_spikes']} motoneurone spikes from "
        f"{measured[name]['window_end_ms']:.0f} ms, the window's end)"
        for name in UNITS if measured[name]["reflex_spikes"])
    return {
        "id": "D9",
        "quantity": ("Ib response of the soleus tendon organ to the twitch of one motor unit "
                     "(relaxed, ankle held at 0°)"),
        "published": ("a tendon organ fires to contraction of the one or two muscle fibres in "
                      "series with it (threshold below 0.1 g); 4–15 motor units act on each "
                      "receptor through 3–25 in-series fibres (cat soleus)"),
        "band": (f"the twitch of every unit tested (smallest, median, largest) raises the Ib "
                 f"rate by ≥ {EVOKED_PPS:g} pps at its peak (evokes discharge), and the peak "
                 f"rise grows with the unit's twitch force"),
        "model_value": (f"peak Ib rise: {shown}; resting Ib {measured['rest_ib_pps']:.2f} pps at "
                        f"a resting tendon force of {measured['rest_tendon_force_N']:.2f} N; one "
                        f"lumped receptor per muscle, force scale "
                        f"{measured['receptor_force_scale_N']:.0f} N{reflexes}"),
        "passed": bool(evoked and rising),
        "source": ("Houk J, Henneman E 1967, J Neurophysiol 30:466 (authors and pages not "
                   "re-checked)"),
        "measured": measured,
    }
