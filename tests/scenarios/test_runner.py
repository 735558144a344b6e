"""From scenario to Model, Result and summary: settings reach the engine and come back labelled."""

import json

import numpy as np
import pytest
import xarray as xr

import kramp
from kramp.scenarios import (
    apply_overrides,
    build,
    load_scenario,
    resting_potential_mV,
    run,
    summarise,
    validate_scenario,
)

NOISY = ["stimulus.noise_sd=5 uA/cm2", "duration=40 ms"]


@pytest.fixture(scope="module")
def squid():
    return load_scenario("squid-axon")


@pytest.fixture(scope="module")
def squid_result(squid):
    return run(squid)[0]


def test_build_compiles_the_scenario_values_into_the_model(squid):
    cohort = {"membrane.g_k": np.array([30.0, 36.0, 40.0])}
    model = build(apply_overrides(squid, ["dt=0.01 ms"]), cohort)
    assert (model.n_person, model.component("membrane").n_element) == (3, 1)
    assert model.dt_ms == 0.01
    np.testing.assert_array_equal(model.parameter("membrane.g_k")[:, 0], [30.0, 36.0, 40.0])
    assert np.all(model.parameter("stimulus.amplitude") == 10.0)
    assert np.all(model.parameter("membrane.temperature") == 6.3)
    assert np.all(model.parameter("membrane.g_na") == 120.0)  # the table default


def test_the_result_carries_the_scenario_as_it_ran(squid):
    changed = apply_overrides(squid, ["stimulus.amplitude=20"])
    result = run(changed, duration_ms=30.0, seed=5)[0]
    stored = validate_scenario(json.loads(result.attrs["scenario"]))
    assert stored == changed.updated({("duration",): "30 ms", ("seed",): 5})
    assert result.attrs["scenario_id"] == "squid-axon"
    assert result.attrs["seed"] == 5
    assert result.attrs["duration_ms"] == 30.0
    assert result.attrs["kramp_version"] == kramp.__version__
    assert float(result["stimulus.amplitude"].sel(person=0, unit=0)) == 20.0


def test_the_squid_axon_rests_then_fires_repetitively(squid_result):
    summary = summarise(squid_result)
    times = np.array(summary["spike_times_ms"])
    assert summary["spike_count"] == times.size >= 5
    assert times[0] > 10.0  # nothing before the current step starts at 10 ms
    assert np.all(np.diff(times) > 10.0)  # one spike per cycle, not a burst of threshold noise
    assert summary["mean_rate_hz"] == pytest.approx(times.size / 0.1)
    assert summary["resting_potential_mV"] == pytest.approx(-64.97, abs=0.01)
    assert 20.0 < summary["peak_v_mV"] < 50.0


def test_the_summary_reports_every_promised_key(squid_result):
    assert {"scenario", "duration_ms", "dt_ms", "seed", "spike_times_ms", "spike_count",
            "mean_rate_hz", "resting_potential_mV", "peak_v_mV",
            "kramp_version"} <= set(summarise(squid_result))


def test_the_resting_potential_follows_the_stored_membrane_parameters(squid):
    result = run(apply_overrides(squid, ["membrane.e_leak=-60 mV"]), duration_ms=1.0)[0]
    default = run(squid, duration_ms=1.0)[0]
    assert resting_potential_mV(result) < resting_potential_mV(default) - 0.5


def test_without_voltage_recording_there_is_no_peak(squid):
    silent = squid.updated({("recording",): {"spike_threshold": "0 mV"}})
    result = run(silent, duration_ms=20.0)[0]
    assert "membrane.v" not in result
    assert summarise(result)["peak_v_mV"] is None


def test_the_same_seed_gives_the_same_result_and_another_seed_does_not(squid):
    noisy = apply_overrides(squid, NOISY)
    first = run(noisy, seed=11)[0]
    xr.testing.assert_identical(first, run(noisy, seed=11)[0])
    assert not np.array_equal(first["membrane.v"].values,
                              run(noisy, seed=12)[0]["membrane.v"].values)


def test_a_protocol_step_changes_a_parameter_during_the_run(squid):
    # the current stops at 50 ms: no spike after it, as in a run whose stimulus ends there
    stepped = squid.updated({("protocol",): [{"at": "50 ms",
                                                "set": {"stimulus.amplitude": "0 uA/cm2"}}]})
    times = run(stepped)[0].spike_time_ms.values
    reference = run(squid.updated({("parameters", "stimulus", "width"): "40 ms"}))[0]
    assert times.size >= 3 and times.max() < 52.0
    np.testing.assert_array_equal(times, reference.spike_time_ms.values)


def test_a_trial_repeats_the_experiment_on_the_same_people():
    """A second trial draws new running noise (the motoneurones fire at other times) on the
    same person (the same motor-unit action potentials, set by the electrode depths, and the
    same conduction delays: the anatomy); trial 0 is the run without a trial, number for
    number."""
    contraction = apply_overrides(load_scenario("voluntary-contraction"),
                                  ["drive.onset=0 ms", "drive.ramp_up=300 ms", "duration=600 ms"])
    first = run(contraction)[0]
    again = run(contraction.updated({("trial",): 0}))[0]
    second = run(contraction.updated({("trial",): 1}))[0]
    assert (first.attrs["trial"], second.attrs["trial"]) == (0, 1)
    np.testing.assert_array_equal(first["spike_time_ms"], again["spike_time_ms"])
    for anatomy in ("muap_amplitude_mV", "arrival_delay_ms"):
        np.testing.assert_array_equal(first[anatomy], second[anatomy])
    assert min(first.sizes["spike"], second.sizes["spike"]) > 500  # both trials fire
    assert not np.array_equal(first["spike_time_ms"][:500], second["spike_time_ms"][:500])
    assert summarise(second)["trial"] == 1
