"""The compiled step against the NumPy reference step, and the scheme's order of accuracy."""

import numpy as np

from kramp.engine import Record, Simulation, build_model, simulate
from kramp.engine.integrators import ORDER

VOLTAGE = Record("membrane.v", 0.1, name="v_mV", time_dim="time")


def batch_model(dt_ms=0.025):
    """Three people × four units, with parameters, temperatures and noise that differ."""
    rng = np.random.default_rng(7)
    return build_model(
        "hh_membrane",
        {
            "membrane": {
                "g_na": rng.uniform(100, 140, (3, 4)),
                "temperature": np.array([[6.3], [12.0], [18.5]]),
            },
            "stimulus": {
                "amplitude": np.linspace(0.0, 40.0, 12).reshape(3, 4),
                "delay": 2.0,
                "width": 30.0,
                "noise_sd": np.array([[0.0], [2.0], [5.0]]),
            },
        },
        n_person=3, n_unit=4, dt_ms=dt_ms, seed=3)


def test_numba_and_numpy_steps_agree():
    model = batch_model()
    runs = {backend: simulate(model, 50.0, records=[VOLTAGE], backend=backend)
            for backend in ("numpy", "numba")}
    # The two differ only in fused multiply-adds: rounding at 1e-16 that the dynamics carry along.
    np.testing.assert_allclose(runs["numba"].v_mV, runs["numpy"].v_mV, rtol=0, atol=1e-7)
    np.testing.assert_array_equal(runs["numba"].spike_unit, runs["numpy"].spike_unit)
    np.testing.assert_array_equal(runs["numba"].spike_person, runs["numpy"].spike_person)
    np.testing.assert_allclose(runs["numba"].spike_time_ms, runs["numpy"].spike_time_ms,
                               rtol=0, atol=1e-9)
    assert runs["numba"].sizes["spike"] > 10


def test_a_simulation_leaves_the_state_it_started_from_unchanged():
    model = batch_model()
    simulation = Simulation(model)
    before = simulation.state
    simulation.run(2.5)
    np.testing.assert_array_equal(before.components["membrane"]["variables"],
                                  Simulation(model).state.components["membrane"]["variables"])
    assert simulation.state.step == 100
    assert not np.array_equal(simulation.state.components["membrane"]["variables"],
                              before.components["membrane"]["variables"])


def first_spike_ms(dt_ms):
    model = build_model("hh_membrane", {"stimulus": {"amplitude": 15.0, "delay": 1.0}},
                        dt_ms=dt_ms)
    return simulate(model, 30.0).spike_time_ms.values[:2]


def test_spike_times_converge_at_the_declared_order():
    # Error against a 1e-4 ms run; the log–log slope of error vs dt is the order (diffrax habit).
    reference = first_spike_ms(1e-4)
    dts = np.array([0.05, 0.025, 0.0125])
    errors = np.array([np.max(np.abs(first_spike_ms(dt) - reference)) for dt in dts])
    slope = np.polyfit(np.log(dts), np.log(errors), 1)[0]
    assert ORDER - 0.4 < slope < ORDER + 0.4, (slope, errors)
