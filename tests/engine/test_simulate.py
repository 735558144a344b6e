"""The simulation loop on single membranes: seeds, batches, recorders and the Dataset."""

import numpy as np
import pytest
import xarray as xr

import kramp
from kramp.engine import Record, build_model, simulate
from kramp.errors import KrampInputError

VOLTAGE = Record("membrane.v", 0.5, name="v_mV", time_dim="time")


def noisy_model(n_person, seed):
    return build_model("hh_membrane",
                       {"stimulus": {"amplitude": 5.0, "noise_sd": 3.0, "delay": 0.0}},
                       n_person=n_person, n_unit=2, seed=seed)


def test_same_seed_same_result_and_other_seed_other_result():
    a = simulate(noisy_model(2, 11), 40.0, records=[VOLTAGE])
    b = simulate(noisy_model(2, 11), 40.0, records=[VOLTAGE])
    c = simulate(noisy_model(2, 12), 40.0, records=[VOLTAGE])
    xr.testing.assert_identical(a, b)
    assert not np.array_equal(a.v_mV.values, c.v_mV.values)


def test_a_person_draws_the_same_noise_whatever_the_batch_size():
    small = simulate(noisy_model(2, 5), 30.0, records=[VOLTAGE])
    large = simulate(noisy_model(4, 5), 30.0, records=[VOLTAGE])
    np.testing.assert_array_equal(small.v_mV.values, large.v_mV.sel(person=[0, 1]).values)
    assert not np.array_equal(large.v_mV.sel(person=2).values, large.v_mV.sel(person=3).values)


def test_dataset_is_labelled_with_units_and_provenance():
    model = build_model("hh_membrane", {"stimulus": {"amplitude": 10.0}}, n_person=2, n_unit=3,
                        seed=4)
    ds = simulate(model, 30.0, records=[Record("membrane.v", 0.25, name="v_mV",
                                               time_dim="time")])
    assert ds.v_mV.dims == ("time", "person", "unit")
    assert ds.v_mV.attrs["units"] == "mV"
    assert ds.time_ms.values[0] == 0.0
    assert ds.time_ms.values[-1] == pytest.approx(30.0)
    assert ds.sizes["time"] == 121
    assert ds["membrane.g_na"].attrs["units"] == "mS/cm2"
    assert ds.attrs["seed"] == 4
    assert ds.attrs["kramp_version"] == kramp.__version__
    # every neuron of the batch has the same parameters, so the same spikes
    per_neuron = [ds.spike_time_ms.values[(ds.spike_person.values == p)
                                         & (ds.spike_unit.values == u)]
                  for p in range(2) for u in range(3)]
    assert all(np.array_equal(per_neuron[0], times) for times in per_neuron)
    assert per_neuron[0].size >= 2


def test_threshold_and_recording_interval_are_honoured():
    low = simulate(build_model("hh_membrane", {"stimulus": {"amplitude": 10.0}},
                               spike_threshold_mV=-20.0), 30.0)
    high = simulate(build_model("hh_membrane", {"stimulus": {"amplitude": 10.0}},
                                spike_threshold_mV=20.0), 30.0)
    assert np.all(low.spike_time_ms.values < high.spike_time_ms.values)
    with pytest.raises(KrampInputError, match=r"`recording.membrane.v.interval` must be a whole"):
        simulate(build_model("hh_membrane"), 10.0, records=[Record("membrane.v", 0.01)])


@pytest.mark.parametrize("duration", [0.0, -5.0, 1e12, float("nan")])
def test_bad_durations_are_refused(duration):
    model = build_model("hh_membrane")
    with pytest.raises(KrampInputError, match="`duration` must be in"):
        simulate(model, duration)


def test_a_duration_off_the_clock_is_refused():
    with pytest.raises(KrampInputError, match=r"`duration` must be a whole number of 0\.025 ms"):
        simulate(build_model("hh_membrane"), 10.01)


def test_build_refuses_out_of_range_and_misshaped_values():
    with pytest.raises(KrampInputError, match=r"`membrane.g_k` must be in \[0, 100\] mS/cm2"):
        build_model("hh_membrane", {"membrane": {"g_k": np.array([[36.0, 500.0]])}}, n_unit=2)
    with pytest.raises(KrampInputError, match="must broadcast"):
        build_model("hh_membrane", {"membrane": {"g_k": np.ones(3)}}, n_unit=2)
    with pytest.raises(KrampInputError, match=r"`dt` must be in"):
        build_model("hh_membrane", dt_ms=1.0)
    with pytest.raises(KrampInputError, match="unknown component `muscle`"):
        build_model("hh_membrane", {"muscle": {}})
