"""The pre-Bötzinger population (Butera, Rinzel & Smith 1999) and its rhythm."""

import numpy as np
import pytest

from kramp.physiology import respiration

DEFAULTS = respiration.PARAMETERS.defaults()


def test_steady_states_and_time_constants_follow_the_published_forms():
    v = -45.0
    assert respiration.boltzmann(v, -40.0, -6.0) == pytest.approx(
        1.0 / (1.0 + np.exp((v + 40.0) / -6.0)))
    assert respiration.bell_tau(v, -48.0, 6.0, 10_000.0) == pytest.approx(
        10_000.0 / np.cosh((v + 48.0) / 12.0))


def burst_onsets_s(p, duration_ms=30_000.0, dt_ms=0.1, seed=0, backend="numba"):
    rng = np.random.default_rng(seed)
    e_leak = respiration.leak_reversals(rng, p)
    v, h, n, s = respiration.initial_population(rng, int(p["n_neurons"]))
    steps = int(duration_ms / dt_ms)
    activity = np.empty(steps)
    respiration.BACKENDS[backend](v, h, n, s, e_leak,
                                  np.array(respiration.parameter_vector(p)), dt_ms, steps,
                                  activity)
    window = int(300.0 / dt_ms)
    smooth = np.convolve(activity, np.ones(window) / window, "same")
    above = smooth > 0.5 * (smooth.max() + smooth.min())
    return np.flatnonzero(~above[:-1] & above[1:]) * dt_ms / 1e3


def test_population_bursts_at_a_breathing_rate_without_any_voluntary_input():
    onsets = burst_onsets_s(DEFAULTS)
    rate_per_min = 60.0 / np.diff(onsets[1:]).mean()
    assert 12.0 <= rate_per_min <= 20.0, onsets


def test_more_tonic_drive_breathes_faster():
    slow = burst_onsets_s(dict(DEFAULTS, n_neurons=20, g_tonic=0.2))
    fast = burst_onsets_s(dict(DEFAULTS, n_neurons=20, g_tonic=0.3))
    assert np.diff(fast[1:]).mean() < np.diff(slow[1:]).mean()


def test_without_persistent_sodium_there_is_no_rhythm():
    onsets = burst_onsets_s(dict(DEFAULTS, n_neurons=20, g_nap=0.0), duration_ms=15_000.0)
    assert onsets.size <= 1


def test_numba_and_numpy_populations_agree():
    p = dict(DEFAULTS, n_neurons=10)
    np.testing.assert_allclose(burst_onsets_s(p, 6000.0), burst_onsets_s(p, 6000.0,
                                                                          backend="numpy"))
