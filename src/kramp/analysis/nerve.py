"""What a clinical neurophysiologist reads from a run: compound muscle action potentials (M-waves)
after nerve stimulation, conduction velocity between two sites, and spontaneous axon discharges.

Everything is measured on outputs: the surface EMG, the spikes that left the axon terminals and
those born in the axons, and the stimulation the scenario gave (the recorded experimenter's
command, read back from the scenario document stored in the Result).

* **CMAP** of a pulse: the EMG of the stimulated muscle from the pulse to ``CMAP_WINDOW_MS``
  later, or to the next pulse where a train comes faster (above 25 Hz the window would
  otherwise hold the next M-wave too); amplitude peak to peak (mV); onset latency, the first
  sample whose deviation from the pre-pulse baseline exceeds ``ONSET_FRACTION`` of the window's
  largest deviation (the first departure from baseline a clinician marks); duration from onset
  to the last such sample.
* **Repeated discharges** after a single stimulus (the repetitive CMAP of acetylcholinesterase
  inhibition; Besser et al. 1989): a pulse is single when no other pulse comes within
  ``CMAP_WINDOW_MS`` before or after it, and it is read only at rest (no voluntary command
  within ``spasm.COMMAND_LAG_MS`` before its window or during it), so that a voluntary spike is
  never taken for one. In the window, each unit's first muscle-fibre action potential
  (``sarcolemma.action_potentials``) is its direct response; each further one within
  ``REPEAT_WINDOW_MS`` of it is a repeated discharge, wherever it was born (end plate, nerve
  terminal or axon). The bound keeps out what returns through the spinal cord — F-waves and
  H-reflexes come 20 ms or more after the M-wave from the wrist or the knee — while an
  end-plate potential that could re-excite a fibre is over well within it (the end-plate
  current decays within 5 τ ≤ 15 ms even without esterase, τ ≤ 3 ms).
* **Conduction velocity** between two sites: their distance over the difference of the CMAP onset
  latencies (Kimura 2013); delays both sites share (activation under the electrode, terminal
  branches, junction) cancel.
* **Post-exercise change**: the CMAP of the first pulse after a recorded voluntary command has
  ended over that of the last pulse before it began, in per cent (the test for a disorder of
  transmitter release: an increment of 60 % or more after a 10 s maximal contraction marks the
  Lambert–Eaton syndrome; Oh SJ et al. 2005, Muscle Nerve 32:515–520, not re-checked).
* **Spontaneous discharges**: spikes born in an axon without a stimulus. Spikes of one axon born
  less than ``SAME_DISCHARGE_MS`` apart (at its two sites, say) are one discharge: they collide
  on the way, and one volley reaches each end. Discharges of one axon less than
  ``BURST_GAP_MS`` apart form one burst: a singlet, doublet, triplet or multiplet
  (≥ 4), as in clinical EMG (neuromyotonic and tetanic discharges fire at 100–300 Hz within a
  burst; Gutmann & Gutmann 1996, not re-checked).
* **Muscle-fibre membrane**, where the run recorded the fibres' surface potential
  (``sarcolemma.v_surface``): the resting potential (median over units of the mean over the
  ``REST_WINDOW_MS`` before the first pulse, or over the whole run without one), and after the
  first pulse the share of fibres whose potential crossed the fibre's own action-potential
  detection level within ``FIBRE_RESPONSE_MS`` and the median peak of those that did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import xarray as xr

CMAP_WINDOW_MS = 40.0
ONSET_FRACTION = 0.02
BURST_GAP_MS = 20.0
SAME_DISCHARGE_MS = 1.0  # an axon's refractory period: closer spikes are one discharge
REST_WINDOW_MS = 10.0
FIBRE_RESPONSE_MS = 20.0
REPEAT_WINDOW_MS = 15.0


@dataclass(frozen=True)
class Pulse:
    time_ms: float
    site_distance_mm: float
    intensity_mA: float


@dataclass(frozen=True)
class Cmap:
    pulse: Pulse
    amplitude_mV: float
    latency_ms: float | None
    duration_ms: float | None


def stimulation_pulses(result: xr.Dataset) -> list[Pulse]:
    """Every pulse the run's stimulation gave, with the electrode's site at its time: the
    scenario's ``stimulation`` values, stepped by its protocol."""
    from kramp.physiology.nerve import STIMULATION
    from kramp.scenarios.runner import values_at
    from kramp.scenarios.schema import validate_scenario

    scenario = validate_scenario(json.loads(result.attrs["scenario"]))
    start, stop = result.attrs["start_ms"], result.attrs["start_ms"] + result.attrs["duration_ms"]
    boundaries = [0.0, *sorted({step.at_ms for step in scenario.steps if step.at_ms > 0.0}),
                  np.inf]
    pulses = []
    for begin, end in pairwise(boundaries):
        settings = {**STIMULATION.defaults(),
                    **{name: float(np.ravel(value)[0]) for name, value in
                       values_at(scenario, None, begin).get("stimulation", {}).items()}}
        if settings["intensity"] <= 0.0:
            continue
        period = 1e3 / settings["frequency"]
        for k in range(int(settings["pulse_count"])):
            t = settings["first_pulse"] + k * period
            if begin <= t < end and start <= t < stop:
                pulses.append(Pulse(t, settings["site_distance"], settings["intensity"]))
    return pulses


def cmap(result: xr.Dataset, pulse: Pulse, muscle: str, person: int = 0,
         window_ms: float = CMAP_WINDOW_MS) -> Cmap:
    """The compound muscle action potential that ``pulse`` evoked in ``muscle``, read over
    ``window_ms`` after it (module doc)."""
    values = result["emg_mV"].sel(person=person, muscle=muscle).values
    time = result["emg_time_ms"].values
    before = (time < pulse.time_ms) & (time >= pulse.time_ms - 5.0)
    baseline = float(values[before].mean()) if before.any() else 0.0
    window = (time >= pulse.time_ms) & (time < pulse.time_ms + window_ms)
    t, x = time[window], values[window] - baseline
    if x.size == 0 or not np.any(x):
        return Cmap(pulse, 0.0, None, None)
    amplitude = float(x.max() - x.min())
    above = np.flatnonzero(np.abs(x) > ONSET_FRACTION * np.abs(x).max())
    return Cmap(pulse, amplitude, float(t[above[0]] - pulse.time_ms),
                float(t[above[-1]] - t[above[0]]))


def conduction_study(result: xr.Dataset, muscle: str, person: int = 0) -> dict:
    """Distal motor latency, CMAP and conduction velocity from the two most distant sites."""
    pulses = stimulation_pulses(result)
    responses = [cmap(result, p, muscle, person, window)
                 for p, window in zip(pulses, _windows_ms(pulses), strict=True)]
    sites = sorted({r.pulse.site_distance_mm for r in responses})
    distal = next((r for r in responses if r.pulse.site_distance_mm == sites[0]), None) \
        if sites else None
    summary = {"cmap_amplitude_mV": distal.amplitude_mV if distal else None,
               "distal_latency_ms": distal.latency_ms if distal else None,
               "cmap_duration_ms": distal.duration_ms if distal else None,
               "conduction_velocity_m_per_s": None,
               "cmaps": [{"time_ms": r.pulse.time_ms, "site_distance_mm":
                          r.pulse.site_distance_mm, "intensity_mA": r.pulse.intensity_mA,
                          "amplitude_mV": r.amplitude_mV, "latency_ms": r.latency_ms,
                          "duration_ms": r.duration_ms} for r in responses]}
    if len(sites) >= 2:
        proximal = next(r for r in responses if r.pulse.site_distance_mm == sites[-1])
        if distal.latency_ms is not None and proximal.latency_ms is not None \
                and proximal.latency_ms > distal.latency_ms:
            summary["conduction_velocity_m_per_s"] = (
                (sites[-1] - sites[0]) / (proximal.latency_ms - distal.latency_ms))
    return summary


def post_exercise_change(result: xr.Dataset, muscle: str, person: int = 0) -> dict:
    """The CMAP before and after the person's voluntary command and its change (module doc);
    empty where no pulse came before the command began and after it ended."""
    command = result["command"].sel(person=person)
    on = np.flatnonzero(command.values > 0.0)
    if on.size == 0:
        return {}
    time = command[command.dims[0]].values
    began, ended = time[on[0]], time[on[-1]]
    pulses = stimulation_pulses(result)
    before = [p for p in pulses if p.time_ms + CMAP_WINDOW_MS <= began]
    after = [p for p in pulses if p.time_ms > ended]
    if not before or not after:
        return {}
    first, second = (cmap(result, before[-1], muscle, person).amplitude_mV,
                     cmap(result, after[0], muscle, person).amplitude_mV)
    return {"cmap_before_exercise_mV": first, "cmap_after_exercise_mV": second,
            "post_exercise_change_percent": (100.0 * (second / first - 1.0) if first > 0.0
                                             else None)}


def _windows_ms(pulses: list[Pulse]) -> list[float]:
    """Each pulse's CMAP window: ``CMAP_WINDOW_MS``, ended early by the next pulse."""
    times = [p.time_ms for p in pulses] + [np.inf]
    return [min(CMAP_WINDOW_MS, later - now) for now, later in pairwise(times)]


def single_pulses(result: xr.Dataset, person: int = 0) -> list[Pulse]:
    """The pulses given alone and at rest, whose repeated discharges can be read (module
    doc)."""
    from kramp.analysis.spasm import COMMAND_LAG_MS

    pulses = stimulation_pulses(result)
    times = np.array([p.time_ms for p in pulses])
    command = result["command"].sel(person=person).values
    command_ms = result["time_ms"].values
    single = []
    for pulse in pulses:
        others = np.abs(times - pulse.time_ms)
        alone = np.count_nonzero(others < CMAP_WINDOW_MS) == 1
        watched = ((command_ms >= pulse.time_ms - COMMAND_LAG_MS)
                   & (command_ms < pulse.time_ms + CMAP_WINDOW_MS))
        if alone and not np.any(command[watched] > 0.0):
            single.append(pulse)
    return single


def repeated_discharges(result: xr.Dataset, person: int = 0) -> dict:
    """Muscle-fibre discharges after each single pulse beyond every unit's first (module
    doc): whether there were any, and how many per single pulse on average."""
    pulses = single_pulses(result, person)
    prefix = "sarcolemma.action_potentials."
    own = result[f"{prefix}spike_person"].values == person
    times = result[f"{prefix}spike_time_ms"].values[own]
    units = result[f"{prefix}spike_unit"].values[own]
    # each pulse's window is a slice of the spikes sorted by time (a train's hundreds of pulses
    # would otherwise each scan every spike of the run)
    order = np.argsort(times, kind="stable")
    times, units = times[order], units[order]
    repeated = []
    for pulse in pulses:
        begin, end = np.searchsorted(times, [pulse.time_ms, pulse.time_ms + CMAP_WINDOW_MS])
        repeated.append(_repeats(times[begin:end], units[begin:end]))
    return {"single_stimuli": len(pulses),
            "repetitive_discharges": bool(sum(repeated)),
            "repeated_discharges_per_stimulus": (float(np.mean(repeated)) if repeated
                                                 else None)}


def _repeats(times_ms: np.ndarray, units: np.ndarray) -> int:
    """How many of these spikes come within ``REPEAT_WINDOW_MS`` after their unit's first one
    (that first one not counted)."""
    if times_ms.size == 0:
        return 0
    by_unit = np.lexsort((times_ms, units))
    times_ms, units = times_ms[by_unit], units[by_unit]
    firsts = np.flatnonzero(np.append(True, units[1:] != units[:-1]))
    first_ms = np.repeat(times_ms[firsts], np.diff(np.append(firsts, times_ms.size)))
    return int(np.count_nonzero(times_ms <= first_ms + REPEAT_WINDOW_MS)) - firsts.size


def burst_sizes(times_ms: np.ndarray) -> np.ndarray:
    """Sizes of the bursts of one axon's sorted discharge times (module doc)."""
    if times_ms.size == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.diff(times_ms, prepend=-np.inf) >= BURST_GAP_MS)
    return np.diff(np.append(starts, times_ms.size))


def discharges(times_ms: np.ndarray) -> np.ndarray:
    """One axon's discharges from the sorted times of its ectopic spikes (module doc)."""
    kept = []
    for t in times_ms:
        if not kept or t - kept[-1] >= SAME_DISCHARGE_MS:
            kept.append(t)
    return np.array(kept)


def spontaneous_discharges(result: xr.Dataset, person: int = 0) -> dict:
    """Spikes born in the axons without a stimulus: whether any, their rate and bursts."""
    prefix = "axon.ectopic."
    duration_s = result.attrs["duration_ms"] / 1e3
    own = result[f"{prefix}spike_person"].values == person
    times = result[f"{prefix}spike_time_ms"].values[own]
    units = result[f"{prefix}spike_unit"].values[own]
    axons = np.unique(units)
    per_axon = [discharges(np.sort(times[units == u])) for u in axons]
    count = sum(d.size for d in per_axon)
    sizes = np.concatenate([burst_sizes(d) for d in per_axon]) if per_axon else \
        np.zeros(0, dtype=np.int64)
    return {
        "spontaneous_discharges": bool(count),
        "spontaneous_discharge_rate_hz": count / duration_s,
        "discharging_axons": int(axons.size),
        "discharging_axon_fraction": axons.size / result["unit"].size,
        "discharge_rate_per_discharging_axon_hz": (count / duration_s / axons.size
                                                   if axons.size else 0.0),
        "singlets": int((sizes == 1).sum()),
        "doublets": int((sizes == 2).sum()),
        "triplets": int((sizes == 3).sum()),
        "multiplets": int((sizes >= 4).sum()),
    }


def fibre_membrane(result: xr.Dataset, person: int = 0) -> dict:
    """The fibres' resting potential and, after the first pulse, how many fired and how high
    (module doc); empty where the run did not record ``sarcolemma.v_surface``."""
    name = "sarcolemma.v_surface"
    if name not in result:
        return {}
    v = result[name].sel(person=person)
    time = result[f"{name}.time_ms"].values
    pulses = stimulation_pulses(result)
    first = pulses[0].time_ms if pulses else np.inf
    before = (time < first) & (time >= min(first, time[-1]) - REST_WINDOW_MS) if pulses else \
        np.ones(time.size, dtype=bool)
    summary = {"fibre_resting_potential_mV": float(np.median(v.values[before].mean(axis=0)))}
    if pulses:
        after = (time >= first) & (time < first + FIBRE_RESPONSE_MS)
        peak = v.values[after].max(axis=0)
        fired = peak >= float(result["sarcolemma.ap_detection"].sel(person=person))
        summary |= {"fibres_firing_fraction": float(fired.mean()),
                    "fibre_action_potential_peak_mV": (float(np.median(peak[fired]))
                                                       if fired.any() else None)}
    return summary
