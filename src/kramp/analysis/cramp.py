"""Involuntary activity after a voluntary command has ended — a cramp — read from outputs alone:
the recorded command, the motoneurones' spikes and the force.

The command's end is the last instant the recorded voluntary command is above zero. From there
the motoneurone spikes of the whole pool are counted in ``BIN_MS`` bins; a bin is active when
its pool rate reaches ``ACTIVE_POOL_RATE_HZ``. The involuntary activity lasts from the command's
end to the end of the active bins that follow it without a silent gap longer than ``GAP_MS``
(the discharge a cramp keeps up is not perfectly continuous). While it lasts, each unit that
fires at least ``MIN_SPIKES`` times gives its mean rate and interspike coefficient of variation
(the measures of target G5).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

BIN_MS = 100.0
ACTIVE_POOL_RATE_HZ = 50.0
GAP_MS = 300.0
MIN_SPIKES = 5


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
    own = result["spike_person"].values == person
    times = result["spike_time_ms"].values[own]
    units = result["spike_unit"].values[own]
    stop = result.attrs["start_ms"] + result.attrs["duration_ms"]
    edges = np.arange(end, stop + BIN_MS, BIN_MS)
    counts, _ = np.histogram(times, bins=edges)
    active = counts * (1e3 / BIN_MS) >= ACTIVE_POOL_RATE_HZ
    last, silent = end, 0.0
    for k, on in enumerate(active):
        if on:
            last, silent = edges[k + 1], 0.0
        else:
            silent += BIN_MS
            if silent > GAP_MS:
                break
    after = (times > end) & (times <= last)
    rates, cvs = [], []
    for unit in np.unique(units[after]):
        train = np.sort(times[after & (units == unit)])
        if train.size >= MIN_SPIKES:
            intervals = np.diff(train)
            rates.append(1e3 / intervals.mean())
            cvs.append(intervals.std() / intervals.mean())
    first_second = (times > end) & (times <= end + 1e3)
    return {"involuntary_duration_s": (last - end) * 1e-3,
            "involuntary_pool_rate_first_s_hz": float(first_second.sum()),
            "involuntary_units": len(rates),
            "involuntary_unit_rate_hz": float(np.mean(rates)) if rates else None,
            "involuntary_interspike_cv": float(np.mean(cvs)) if cvs else None}
