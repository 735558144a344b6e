"""Motor summaries computed from hand-made Results: they read outputs only."""

import numpy as np
import pytest
import xarray as xr

from kramp.analysis.motor import breathing_summary, contraction_summary, force_steadiness


def result(command, force_N, spikes=(), emg=None, max_force_N=1000.0):
    """One person with two muscles, each making half of ``force_N``."""
    t = np.arange(len(force_N)) * 1.0
    times = np.array([s[0] for s in spikes], dtype=float)
    units = np.array([s[1] for s in spikes], dtype=int)
    emg = np.zeros(len(force_N)) if emg is None else np.asarray(emg)
    half = np.asarray(force_N, dtype=float)[:, None, None] * 1e3 / 2
    return xr.Dataset(
        {
            "command": (("time", "person"), np.asarray(command, dtype=float)[:, None]),
            "force_mN": (("time", "person", "muscle"), np.concatenate([half, half], axis=2)),
            "emg_mV": (("emg_time", "person", "muscle"), np.stack([emg, emg], axis=1)[:, None]),
            "spike_time_ms": ("spike", times),
            "spike_person": ("spike", np.zeros(times.size, dtype=int)),
            "spike_unit": ("spike", units),
            "a.muscle_tetanic_force": ("person", [max_force_N * 1e3 / 2]),
            "b.muscle_tetanic_force": ("person", [max_force_N * 1e3 / 2]),
        },
        coords={"time_ms": ("time", t), "emg_time_ms": ("emg_time", t),
                "person": [0], "muscle": ["a", "b"]},
        attrs={"start_ms": 0.0},
    )


def test_contraction_measures_peak_relaxation_rates_and_involuntary_spikes():
    n = 6000
    t = np.arange(n)
    command = np.interp(t, [0, 1000, 2000, 3000, 4000], [0, 0, 0.5, 0.5, 0])
    force = np.interp(t, [0, 1000, 2000, 3000, 4300, 6000], [0, 0, 100, 100, 0, 0])
    # unit 0 fires at 8 Hz from 1100 ms, then 20 Hz on the plateau; unit 1 fires once at 5500
    spikes = [(1100 + 125 * k, 0) for k in range(8)] + [(2000 + 50 * k, 0) for k in range(20)]
    spikes.append((5500.0, 1))
    summary = contraction_summary(result(command, force, spikes))
    assert summary.peak_force_N == pytest.approx(100.0)
    assert summary.peak_force_by_muscle_N == pytest.approx({"a": 50.0, "b": 50.0})
    # force is within 2 % of its rise 1274 ms after the plateau ends at 3000 ms
    assert summary.return_to_baseline_ms == pytest.approx(1274.0, abs=1.5)
    assert summary.rate_at_recruitment_hz == pytest.approx(8.0)
    assert summary.rate_at_peak_hz == pytest.approx(20.0)
    assert summary.involuntary_spikes == 1
    assert summary.recruited_units == 1


def test_breaths_are_counted_with_hysteresis_and_the_rate_excludes_the_first():
    t = np.arange(40_000)
    onsets = np.arange(1000, 40_000, 4000)  # one breath every 4 s: 15 per minute
    force = np.zeros(t.size)
    for start in onsets:
        force += np.where((t >= start) & (t < start + 1500),
                          np.sin(np.pi * (t - start) / 1500.0), 0.0)
    summary = breathing_summary(result(np.zeros(t.size), force, max_force_N=10.0))
    assert summary.breaths == onsets.size
    assert summary.breaths_per_minute == pytest.approx(15.0, rel=1e-3)
    assert all(p == pytest.approx(1.0, abs=1e-3) for p in summary.peak_force_per_breath_N)
    assert summary.percent_of_max == pytest.approx(10.0, rel=1e-3)


def test_force_steadiness_is_the_coefficient_of_variation_over_the_held_command():
    t = np.arange(1.0, 8001.0)
    command = np.clip((t - 500.0) / 1000.0, 0.0, 1.0) * (t < 7000.0)
    # 100 N held with a ±10 N ripple: CV = 10/√2/100
    force = 100.0 * command + 10.0 * np.sin(2 * np.pi * t / 100.0) * (command >= 1.0)
    data = xr.Dataset({"command": (("time", "person"), command[:, None]),
                       "force_mN": (("time", "person", "muscle"), 1e3 * force[:, None, None])},
                      coords={"time_ms": ("time", t), "muscle": ["soleus"]})
    found = force_steadiness(data, 0)
    assert found["force_cv_during_hold"] == pytest.approx(0.1 / np.sqrt(2.0), rel=0.02)
    assert found["force_during_hold_N"] == pytest.approx(100.0, rel=0.01)
