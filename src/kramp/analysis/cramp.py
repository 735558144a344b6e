"""Involuntary activity after a voluntary command has ended — a cramp — read from outputs alone:
the recorded command, the motoneurones' spikes and the force.

The command's end is the last instant the recorded voluntary command is above zero. From there
the motoneurone spikes of the whole pool are counted in ``BIN_MS`` bins; a bin is active when
its pool rate reaches ``ACTIVE_POOL_RATE_HZ``. The involuntary activity lasts from the command's
end to the end of the active bins that follow it without a silent gap longer than ``GAP_MS``
(the discharge a cramp keeps up is not perfectly continuous); it may begin up to ``ONSET_MS``
after the command's end, since motoneurones just released from a volley of antidromic spikes
or a strong contraction are held silent by their afterhyperpolarisations for a few hundred
milliseconds before a persistent inward current can drive them again. While it lasts, each unit that
fires at least ``MIN_SPIKES`` times gives its mean rate and interspike coefficient of variation,
and the share of all their intervals shorter than ``DOUBLET_MS`` is the doublets' (the measures
of target G5). Its onset latency runs from the command's end to the first spike at which the
pool has fired the active rate's worth of spikes in the ``BIN_MS`` before it
(``ACTIVE_POOL_RATE_HZ`` × ``BIN_MS``: five); its rise time from that onset to the middle of the
first bin whose pool rate reaches ``RISE_SHARE`` of the discharge's largest bin rate.

After electrical stimulation the same measure starts at each train's last pulse (the pool's
after-discharge). Whether the after-discharge is a cramp is the spasm detector's call
(:mod:`kramp.analysis.spasm`, which reads outputs only), as target G1 asks: the
cramp-threshold-frequency protocol (targets G1–G4) raises the trains' frequency until the
detector finds a spasm going on after a train's last pulse, before the next train.
"""

from __future__ import annotations

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


def involuntary_activity(result: xr.Dataset, person: int) -> dict:
    """The involuntary discharge after the command's end (module doc): its duration (s), the
    pool's rate in its first second, and the mean rate (Hz) and interspike CV of the units that
    kept firing; durations of 0 where nothing outlasted the command."""
    end = command_end_ms(result, person)
    if end is None:
        return {"involuntary_duration_s": None}
    return {f"involuntary_{key}": value
            for key, value in sustained_discharge(result, person, end).items()}


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
    episodes = [e for e in episodes if e["class"] != "contracture"]
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
        cramp_s = max((_end_ms(e) - last_pulse) * 1e-3 for e in following) if following \
            else 0.0
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
            first_cramp = (frequency, cramp_s, following)
    frequency, duration_s, following = first_cramp or (None, None, ())
    earliest = min(following, key=lambda e: e["start_ms"], default={})
    strongest = max(following, key=lambda e: e["peak_force_percent"], default={})
    return {"trains": trains,
            "cramp_threshold_frequency_hz": frequency,
            "cramp_duration_s": duration_s,
            "cramp_onset_latency_ms": earliest.get("onset_latency_ms"),
            "cramp_rise_time_ms": strongest.get("rise_time_ms"),
            "cramp_unit_rate_hz": strongest.get("unit_rate_hz"),
            "cramp_interspike_cv": strongest.get("interspike_cv"),
            "cramp_doublet_share": strongest.get("doublet_share")}


def _end_ms(episode: dict) -> float:
    """When a spasm episode of the detector ends (ms)."""
    return episode["start_ms"] + 1e3 * episode["duration_s"]
