"""Targets C1–C5 and C7 (muscle force): each experiment runs, reports its numbers, and passes or
not.

C1 and C2 fail today and are kept visible with strict xfails: the model's tetanus fuses at a
lower rate than the published whole triceps surae (C1); its slowest thenar-like units begin to
fuse below 5 Hz because every unit shares one twitch shape scaled by its contraction time (C2).
Their other quantities (C1's twitch timed on the ankle's torque, as Sale et al. measured it, to
which the calf's contraction times are fitted; C2's half-maximal rate) are checked against their
bands separately.
"""

import math

import numpy as np
import pytest

from kramp.validation import muscle_targets, registry

KEYS = {"id", "quantity", "published", "band", "model_value", "passed", "source"}


@pytest.fixture(scope="module")
def results():
    return {
        "C1": muscle_targets.target_c1(),
        "C2": muscle_targets.target_c2(),
        "C3": muscle_targets.target_c3(),
        "C4": muscle_targets.target_c4(),
        "C5": muscle_targets.target_c5(),
    }


@pytest.mark.parametrize("target_id", ["C1", "C2", "C3", "C4", "C5"])
def test_each_target_reports_its_band_and_measured_values(results, target_id):
    result = results[target_id]
    assert set(result) >= KEYS
    assert result["id"] == target_id
    assert isinstance(result["passed"], bool)
    assert all(isinstance(result[key], str) and result[key] for key in KEYS - {"passed"})
    assert any(character.isdigit() for character in result["model_value"])
    for value in result["measured"].values():
        if np.ndim(value) == 0 and not isinstance(value, dict):
            assert math.isfinite(value)


@pytest.mark.parametrize("target_id", ["C3", "C4", "C5"])
def test_target_passes(results, target_id):
    assert results[target_id]["passed"], results[target_id]["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="C1: tetanic ripple < 5 % first at 15 Hz (10 Hz: 10.9 %, 20 Hz: "
                          "1.3 %), outside 50–70 Hz; the twitch on the ankle passes (111 and "
                          "112 ms)")
def test_c1_passes(results):
    assert results["C1"]["passed"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="C7: contraction time soleus 83.0 ms, MG 83.0 ms, LG 82.8 ms "
                          "(published 156.5 ± 14.7, 113.7 ± 19.6, 100.0 ± 10.8) and "
                          "potentiation after 3 s at 50 Hz soleus 97.1 %, LG 96.7 % (published "
                          "2.6 ± 3.3 and 60.4 ± 43.1): the three heads share one set of unit "
                          "kinetics (calibrated on the whole triceps surae's twitch on the "
                          "ankle, C1, which the tendons delay by about 28 ms beyond the units' "
                          "own) and one potentiation gain (calibrated on adductor pollicis, C3)")
def test_c7_each_calf_head_has_its_own_twitch():
    assert not registry.fitted_parameters("C7")  # a prediction: nothing was tuned to it
    result = muscle_targets.target_c7()
    assert result["passed"], result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="C2: fusion begins at 4–8 Hz across thenar-like units (4 Hz for "
                          "the 23 with contraction times above 65 ms), outside 5–8 Hz")
def test_c2_passes(results):
    assert results["C2"]["passed"]


def test_c1_twitch_timing_on_the_ankle_is_inside_its_bands(results):
    """The calf's contraction times are fitted to C1's contraction time, timed on the held
    ankle's torque as Sale et al. (1982) timed it; its half-relaxation, and the twitch's size
    (young men: 16 N·m, Simoneau et al. 2005), follow from the twitch/tetanus ratio of human
    thenar units (0.14, Thomas et al. 1999) and were not fitted."""
    assert "soleus.contraction_time_longest" in registry.fitted_parameters("C1")
    measured = results["C1"]["measured"]
    low, high = muscle_targets.C1_CONTRACTION_TIME_BAND_MS
    assert low <= measured["contraction_time_ms"] <= high
    low, high = muscle_targets.C1_HALF_RELAXATION_BAND_MS
    assert low <= measured["half_relaxation_ms"] <= high
    # the tendons delay the torque's peak beyond the units' summed force
    assert measured["contraction_time_ms"] > measured["fibre_contraction_time_ms"] + 10.0
    ripples = list(measured["ripple_by_rate"].values())
    assert np.all(np.diff(ripples) <= 1e-12)  # ripple falls as the rate rises


def test_c2_half_maximal_rate_is_inside_its_band(results):
    measured = results["C2"]["measured"]
    low, high = muscle_targets.C2_HALF_MAX_BAND_HZ
    assert low <= measured["mean_half_max_hz"] <= high
    # slower units fuse at lower rates, as published for thenar units
    assert np.corrcoef(measured["contraction_time_ms"], measured["half_max_hz"])[0, 1] < -0.9


def test_c3_potentiation_is_smaller_after_100_than_after_50_hz(results):
    measured = results["C3"]["measured"]
    assert 1.0 < measured["ratio_100hz"] < measured["ratio_50hz"]


def test_half_maximal_rate_reads_the_line_through_8_to_30_hz():
    rates = np.array([5.0, 8.0, 12.0, 20.0, 30.0, 50.0])
    # linear in log rate between 8 and 30 Hz, crossing 0.5 at 20 Hz; the ends do not count
    force = 0.2 + 0.3 * np.log(rates / 8.0) / math.log(20.0 / 8.0)
    force[[0, -1]] = (0.0, 1.0)
    assert muscle_targets.half_maximal_rate_hz(rates, force) == pytest.approx(20.0)


def test_twitch_timing_counts_from_the_stimulus():
    dt = 0.5
    time_ms = (np.arange(400) + 1) * dt
    force = np.where(time_ms <= 50.0, time_ms / 50.0, np.exp(-(time_ms - 50.0) / 40.0))
    peak, contraction, half_relaxation = muscle_targets.twitch_timing(force, dt)
    assert peak == pytest.approx(1.0)
    assert contraction == pytest.approx(50.0)
    assert half_relaxation == pytest.approx(40.0 * math.log(2.0), abs=dt)
