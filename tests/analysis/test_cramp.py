"""The involuntary-activity measure on made-up spike trains whose answer is known."""

import numpy as np
import pytest
import xarray as xr

from kramp.analysis.cramp import involuntary_activity


def result(command_end_ms, trains, duration_ms=10_000.0):
    time = np.arange(1.0, duration_ms + 1.0)
    command = np.where(time <= command_end_ms, 1.0, 0.0)
    times = np.concatenate(trains)
    units = np.concatenate([np.full(t.size, u) for u, t in enumerate(trains)])
    return xr.Dataset(
        {"command": (("time", "person"), command[:, None]),
         "spike_time_ms": ("spike", times), "spike_unit": ("spike", units),
         "spike_person": ("spike", np.zeros(times.size, dtype=int))},
        coords={"time_ms": ("time", time)},
        attrs={"start_ms": 0.0, "duration_ms": duration_ms})


def test_a_discharge_that_outlasts_the_command_by_three_seconds_lasts_three_seconds():
    # ten units at 12.5 Hz (80 ms apart, 125 pool spikes/s) from the command's end (4 s) to 7 s
    trains = [np.arange(4000.0 + 8.0 * u, 7000.0, 80.0) for u in range(10)]
    found = involuntary_activity(result(4000.0, trains), 0)
    assert found["involuntary_duration_s"] == pytest.approx(3.0, abs=0.1)
    assert found["involuntary_units"] == 10
    assert found["involuntary_unit_rate_hz"] == pytest.approx(12.5, rel=1e-6)
    assert found["involuntary_interspike_cv"] == pytest.approx(0.0, abs=1e-9)


def test_nothing_after_the_command_is_no_involuntary_activity():
    trains = [np.arange(1000.0 + 8.0 * u, 4000.0, 80.0) for u in range(10)]
    found = involuntary_activity(result(4000.0, trains), 0)
    assert found["involuntary_duration_s"] == 0.0
    assert found["involuntary_units"] == 0
