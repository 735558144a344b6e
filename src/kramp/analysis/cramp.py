"""Involuntary activity after a voluntary command has ended, or after a stimulus train — a
cramp — read from outputs alone: the recorded command and stimuli, the motoneurones' spikes and
the force.

**Whether it is a cramp** is the spasm detector's call (:mod:`kramp.analysis.spasm`, outputs
only), as target G1 asks, so that a run's ``spasm_episodes`` and these measures never disagree.
After the command's end (the last instant the recorded voluntary command is above zero) the
involuntary activity is the detector's spasm episodes (contractures apart, which have no
discharge, and trains of myoclonic jerks, whose discharge stops between jerks) of a discharge
that began within ``ONSET_MS`` of it — motoneurones just released from a strong contraction
or a volley of antidromic spikes are held silent by their afterhyperpolarisations for a few
hundred milliseconds before a persistent inward current can drive them again; a discharge that
begins later is not the command's aftermath. The detector
counts the spikes of its release grace after a command (``spasm.COMMAND_LAG_MS``, 1 s) as
commanded, so such a discharge's episode begins in the detector's first bin after the grace.
The activity lasts from the command's end to the end of the last of those episodes, and
``muscles`` names the muscles they are in, in the order their discharges began (the muscle the
command drove, or an antagonist the posture stretches, told apart); its onset
latency is the first episode's (the detector's: from the command's end to the episode's first
involuntary spike), its rise time and firing (mean rate, interspike CV, doublet share: target
G5) are those of the strongest episode (largest involuntary force), and ``units`` counts the
units that fire at least ``MIN_SPIKES`` times inside their muscle's episodes.

**After electrical stimulation** each train's last pulse takes the command's end's place: the
cramp-threshold-frequency protocol (targets G1–G4) raises the trains' frequency until the
detector finds a spasm going on after a train's last pulse, before the next train. Each train
also reports the pool's own after-discharge (``sustained_discharge``): from the last pulse,
the whole pool's spikes in ``BIN_MS`` bins, a bin active at ``ACTIVE_POOL_RATE_HZ``, lasting to
the end of the active bins that follow without a silent gap longer than ``GAP_MS`` and begin
within ``ONSET_MS``; its onset latency is the first spike at which the pool has fired the
active rate's worth of spikes in the ``BIN_MS`` before it (five), its rise time runs from there
to the middle of the first bin at ``RISE_SHARE`` of the largest bin rate. That measure sees a
discharge whatever the detector makes of it (a tail of reflex volleys, a cramp).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import xarray as xr

BIN_MS = 100.0
ACTIVE_POOL_RATE_HZ = 50.0
GAP_MS = 300.0
ONSET_MS = 1000.0
MIN_SPIKES = 5
# an interval this short is a doublet (Minetto et al. 2009 counted 4.1 % in cramps)
DOUBLET_MS = 10.0
RISE_SHARE = 0.9


def command_end_ms(result: xr.Dataset, person: int) -> float | None:
    """The last instant the voluntary command is above zero (None: no command, or it never
    ends within the run)."""
    command = result["command"].sel(person=person).values
    time = result["time_ms"].values
    on = np.flatnonzero(command > 0.0)
    if on.size == 0 or on[-1] == command.size - 1:
        return None
    return float(time[on[-1]])


def involuntary_activity(result: xr.Dataset, person: int,
                         episodes: list[dict] | None = None) -> dict:
    """The involuntary activity after the command's end (module doc): its duration (s, 0 where
    none followed the command), the muscles it is in, onset latency and rise time (ms), the pool's
    spike rate in the first second, and the firing of the units that kept going;
    ``involuntary_duration_s`` None
    where the run has no command that ends. ``episodes``: the detector's ``spasm_episodes`` for
    this person, found here when not given."""
    end = command_end_ms(result, person)
    if end is None:
        return {"involuntary_duration_s": None}
    from kramp.analysis import spasm  # spasm imports this module

    if episodes is None:
        episodes = spasm.verdict(result, person)["spasm_episodes"]
    # the detector counts every spike within its release grace after the command as commanded:
    # a discharge that began within ONSET_MS (no longer than that grace) shows first in its
    # first bin after the grace
    aftermath_ms = end + max(ONSET_MS, spasm.COMMAND_LAG_MS) + spasm.BIN_MS
    following = [e for e in _discharges(episodes)
                 if _end_ms(e) > end and e["start_ms"] < aftermath_ms]
    own = result["spike_person"].values == person
    times = result["spike_time_ms"].values[own]
    units = result["spike_unit"].values[own]
    first_second = (times > end) & (times <= end + 1e3)
    return {f"involuntary_{key}": value for key, value in (
        _aftermath(following, end)
        | {"pool_rate_first_s_hz": float(first_second.sum()),
           "units": _units_inside(following, times, units,
                                  result["unit_muscle"].values)}).items()}


def _discharges(episodes: list[dict]) -> list[dict]:
    """The spasm episodes that are sustained discharges (a contracture is force without one, a
    train of myoclonic jerks a discharge that stops between its jerks)."""
    return [e for e in episodes if e["class"] not in ("contracture", "myoclonus")]


def _aftermath(following: list[dict], after_ms: float) -> dict:
    """Duration (s) from ``after_ms`` to the end of the ``following`` episodes (0: none), the
    muscles they are in (by their first episode's start: the muscle a command drove and an
    antagonist the posture stretches are told apart), the first one's onset latency, and the
    strongest one's rise time, peak force (% of its muscle's maximum), EMG (RMS over the
    episode, mV) and firing."""
    earliest = min(following, key=lambda e: e["start_ms"], default={})
    strongest = max(following, key=lambda e: e["peak_force_percent"], default={})
    # each muscle once, in the order its first episode began
    muscles = list(dict.fromkeys(
        e["muscle"] for e in sorted(following, key=lambda e: (e["start_ms"], e["muscle"]))))
    return {"duration_s": max(((_end_ms(e) - after_ms) * 1e-3 for e in following),
                              default=0.0),
            "muscles": muscles,
            "onset_latency_ms": earliest.get("onset_latency_ms"),
            "rise_time_ms": strongest.get("rise_time_ms"),
            "peak_force_percent": strongest.get("peak_force_percent"),
            "emg_rms_mV": strongest.get("emg_rms_mV"),
            "unit_rate_hz": strongest.get("unit_rate_hz"),
            "interspike_cv": strongest.get("interspike_cv"),
            "doublet_share": strongest.get("doublet_share")}


def _units_inside(episodes: list[dict], times: np.ndarray, units: np.ndarray,
                  unit_muscle: np.ndarray) -> int:
    """How many units fire at least ``MIN_SPIKES`` times inside their own muscle's
    ``episodes``."""
    muscle = unit_muscle[units]
    inside = np.zeros(times.size, dtype=bool)
    for e in episodes:
        inside |= (muscle == e["muscle"]) & (times >= e["start_ms"]) & (times < _end_ms(e))
    counts = np.bincount(units[inside])
    return int(np.count_nonzero(counts >= MIN_SPIKES))


def sustained_discharge(result: xr.Dataset, person: int, after_ms: float,
                        until_ms: float | None = None) -> dict:
    """The pool's discharge that begins within ``ONSET_MS`` of ``after_ms`` and goes on
    without a silent gap longer than ``GAP_MS`` (module doc), looked for up to ``until_ms``
    (default: the run's end); its duration counts from ``after_ms``."""
    own = result["spike_person"].values == person
    times = result["spike_time_ms"].values[own]
    units = result["spike_unit"].values[own]
    stop = result.attrs["start_ms"] + result.attrs["duration_ms"] if until_ms is None \
        else until_ms
    edges = np.arange(after_ms, stop + BIN_MS, BIN_MS)
    counts, _ = np.histogram(times, bins=edges)
    active = counts * (1e3 / BIN_MS) >= ACTIVE_POOL_RATE_HZ
    last, silent, begun = after_ms, 0.0, False
    for k, on in enumerate(active):
        if on:
            last, silent, begun = edges[k + 1], 0.0, True
        elif begun:
            silent += BIN_MS
            if silent > GAP_MS:
                break
        elif edges[k + 1] - after_ms >= ONSET_MS:
            break
    inside = (times > after_ms) & (times <= last)
    first_second = (times > after_ms) & (times <= after_ms + 1e3)
    onset_ms = rise_ms = None
    if begun:
        pool = np.sort(times[inside])
        needed = round(ACTIVE_POOL_RATE_HZ * BIN_MS * 1e-3)
        if pool.size >= needed:
            # the first spike with ``needed`` pool spikes inside the BIN_MS window ending at it
            span = pool[needed - 1:] - pool[:pool.size - needed + 1]
            reached = np.flatnonzero(span < BIN_MS)
            if reached.size:
                onset = pool[reached[0] + needed - 1]
                onset_ms = float(onset - after_ms)
                during = counts[:max(1, round((last - after_ms) / BIN_MS))]
                peak_bin = int(np.flatnonzero(during >= RISE_SHARE * during.max())[0])
                rise_ms = max(0.0, float(edges[peak_bin] + 0.5 * BIN_MS - onset))
    return {"duration_s": float(last - after_ms) * 1e-3,
            "onset_latency_ms": onset_ms, "rise_time_ms": rise_ms,
            "pool_rate_first_s_hz": float(first_second.sum()),
            **unit_discharge(times[inside], units[inside])}


def unit_discharge(times: np.ndarray, units: np.ndarray) -> dict:
    """Of the units with at least ``MIN_SPIKES`` of these spikes: how many, their mean rate
    (Hz), mean interspike CV and the share of all their intervals shorter than ``DOUBLET_MS``
    (None where no unit fired enough)."""
    rates, cvs, doublets, intervals_counted = [], [], 0, 0
    for unit in np.unique(units):
        train = np.sort(times[units == unit])
        if train.size >= MIN_SPIKES:
            intervals = np.diff(train)
            rates.append(1e3 / intervals.mean())
            cvs.append(intervals.std() / intervals.mean())
            doublets += int((intervals < DOUBLET_MS).sum())
            intervals_counted += intervals.size
    return {"units": len(rates),
            "unit_rate_hz": float(np.mean(rates)) if rates else None,
            "interspike_cv": float(np.mean(cvs)) if cvs else None,
            "doublet_share": doublets / intervals_counted if intervals_counted else None}


# A discharge that outlasts a stimulus train by more than this may be a cramp (the tail of the
# train's own reflex volleys dies out well within it); the spasm detector asks as much of an
# episode.
CRAMP_MIN_S = 1.0
TRAIN_GAP_MS = 500.0  # pulses further apart than this belong to different trains


def in_trains(pulses: list) -> bool:
    """Whether a run's stimulation ``pulses`` (:func:`kramp.analysis.nerve.stimulation_pulses`)
    came in trains: two consecutive pulses less than ``TRAIN_GAP_MS`` apart at the same site and
    intensity. A recruitment curve's single pulses change intensity from one to the next, and a
    train of the cramp-threshold protocol may be as slow as one pulse in 250 ms."""
    return any(second.time_ms - first.time_ms < TRAIN_GAP_MS
               and second.intensity_mA == first.intensity_mA
               and second.site_distance_mm == first.site_distance_mm
               for first, second in pairwise(pulses))


def electrically_induced_cramp(result: xr.Dataset, person: int,
                               episodes: list[dict] | None = None) -> dict:
    """Trains of nerve stimulation at rising frequency (the cramp-threshold-frequency protocol):
    each train's frequency, the pool's after-discharge from its last pulse
    (``after_train_s`` and its measures, ``sustained_discharge``) and ``cramp_s``, how long
    after the last pulse the spasm episodes the detector finds going on then last (0: none).
    The cramp threshold frequency is that of the first train a cramp followed; the cramp's
    duration is that train's ``cramp_s``, its onset latency that of its first episode, and its
    rise time and firing those of its strongest episode (largest involuntary force).
    ``episodes``: the detector's ``spasm_episodes`` for this person, found here when not given."""
    from kramp.analysis import spasm
    from kramp.analysis.nerve import stimulation_pulses

    times = np.array([pulse.time_ms for pulse in stimulation_pulses(result)])
    if times.size < 2:
        return {"cramp_threshold_frequency_hz": None}
    if episodes is None:
        episodes = spasm.verdict(result, person)["spasm_episodes"]
    episodes = _discharges(episodes)
    run_end = result.attrs["start_ms"] + result.attrs["duration_ms"]
    breaks = np.flatnonzero(np.diff(times) > TRAIN_GAP_MS)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [times.size - 1]])
    trains, first_cramp = [], None
    for k, (first, last) in enumerate(zip(starts, ends, strict=True)):
        until = times[starts[k + 1]] if k + 1 < starts.size else None
        last_pulse = float(times[last])
        after = sustained_discharge(result, person, last_pulse, until)
        following = [e for e in episodes
                     if e["start_ms"] < (run_end if until is None else until)
                     and _end_ms(e) > last_pulse]
        cramp_s = _aftermath(following, last_pulse)["duration_s"]
        frequency = (round(float((last - first) / ((times[last] - times[first]) * 1e-3)), 3)
                     if last > first else None)
        trains.append({"frequency_hz": frequency, "pulses": int(last - first + 1),
                       "after_train_s": after["duration_s"],
                       "onset_latency_ms": after["onset_latency_ms"],
                       "rise_time_ms": after["rise_time_ms"],
                       "unit_rate_hz": after["unit_rate_hz"],
                       "interspike_cv": after["interspike_cv"],
                       "doublet_share": after["doublet_share"],
                       "cramp_s": cramp_s})
        if following and first_cramp is None:
            first_cramp = (frequency, _aftermath(following, last_pulse))
    frequency, measures = first_cramp or (None, _aftermath([], 0.0) | {"duration_s": None})
    return {"trains": trains, "cramp_threshold_frequency_hz": frequency,
            **{f"cramp_{key}": value for key, value in measures.items()}}


def _end_ms(episode: dict) -> float:
    """When a spasm episode of the detector ends (ms)."""
    return episode["start_ms"] + 1e3 * episode["duration_s"]
