"""The firing summary reads a hand-made Result, so it is checked without running the engine."""

import numpy as np
import pytest
import xarray as xr

from kramp.analysis.summary import neuron_summaries, neuron_summary


def _result(with_voltage: bool = True) -> xr.Dataset:
    """Two people, one unit, 200 ms: person 0 spikes three times (out of order), person 1 never."""
    data_vars = {
        "spike_time_ms": ("spike", np.array([150.0, 20.0, 80.0])),
        "spike_person": ("spike", np.array([0, 0, 0])),
        "spike_unit": ("spike", np.array([0, 0, 0])),
    }
    if with_voltage:
        v = np.full((5, 2, 1), -65.0)
        v[2, 0, 0], v[3, 1, 0] = 35.0, -50.0
        data_vars["membrane.v"] = (("time", "person", "unit"), v, {"units": "mV"})
    return xr.Dataset(data_vars, coords={"person": [0, 1], "unit": [0]},
                      attrs={"duration_ms": 200.0})


def test_a_neurons_spikes_are_its_own_and_in_time_order():
    summary = neuron_summary(_result(), person=0)
    assert summary.spike_times_ms == (20.0, 80.0, 150.0)
    assert summary.spike_count == 3
    assert summary.mean_rate_hz == pytest.approx(15.0)  # 3 spikes in 0.2 s
    assert summary.peak_v_mV == 35.0


def test_a_silent_neuron_has_rate_zero_and_its_own_peak():
    summary = neuron_summary(_result(), person=1)
    assert (summary.spike_times_ms, summary.spike_count, summary.mean_rate_hz) == ((), 0, 0.0)
    assert summary.peak_v_mV == -50.0


def test_without_recorded_voltage_the_peak_is_unknown():
    assert neuron_summary(_result(with_voltage=False)).peak_v_mV is None


def test_every_neuron_is_summarised():
    summaries = neuron_summaries(_result())
    assert [(s.person, s.unit, s.spike_count) for s in summaries] == [(0, 0, 3), (1, 0, 0)]
