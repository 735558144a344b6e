"""Targets D2, D4, D5, D6, D10, D14 and D17 (shared/validation/targets.md; D10, D14 and D17 are
kramp's own, see kramp.validation.reflex_targets): the ankle's reflexes through the whole loop."""

import numpy as np
import pytest

from kramp.validation import reflex_targets, registry


@pytest.mark.slow
def test_d2_h_reflex_latency_in_band():
    result = reflex_targets.target_d2()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_d10_relaxed_spindle_discharge_in_band():
    result = reflex_targets.target_d10()
    assert result["passed"], result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D17: all 280 Ia and all 280 II fibres of the relaxed tibialis "
                          "anterior discharge at 25° of plantar flexion (100 %), where Burke et "
                          "al. found 24 of 39 endings active (band 46–75 %): by default kramp's "
                          "endings differ only by a multiplicative sensitivity, so every ending "
                          "the model spindle drives fires; their own thresholds (off by default, "
                          "fitted to this share: the next test) give 61 %")
def test_d17_a_share_of_relaxed_spindle_endings_is_silent():
    assert not registry.fitted_parameters("D17")  # a prediction: nothing was tuned to it
    result = reflex_targets.target_d17()
    assert result["passed"], result["model_value"]


def test_endings_with_own_thresholds_fall_silent_as_burke_found():
    """With the endings' own thresholds on (``SILENT_ENDINGS``: the mean threshold and the
    discharge scale fitted to D17's 24 of 39 active and D10's 11.1 Hz) the relaxed tibialis
    has silent endings among active ones, and what was not fitted agrees with Burke et al.
    (1979): the slowest and the fastest of their 24 active endings (4.8 and 22.1 Hz) are each
    what 24 endings drawn from kramp's active ones (primaries and secondaries) would reach
    with a chance of at least 5 %."""
    found = reflex_targets.relaxed_tibialis_discharge(reflex_targets.SILENT_ENDINGS)
    every = np.concatenate([found["ia"], found["ii"]])
    low, high = reflex_targets.D17_ACTIVE_SHARE
    assert low <= (every > 0).mean() <= high
    active = every[every > 0]
    slowest_reached = 1.0 - (1.0 - (active <= 4.8).mean()) ** 24
    fastest_reached = 1.0 - (active < 22.1).mean() ** 24
    assert slowest_reached >= 0.05 and fastest_reached >= 0.05


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D14: Hmax/Mmax 0.237 at 20° plantarflexion (96 % of neutral), 0.245 "
                          "at neutral, 0.231 at 20° dorsiflexion (94 %, not below 90 %). It "
                          "passed while every group II excitation reached the motoneurones "
                          "(spinal.ii_transmission 1: 0.118 at 20° dorsiflexion, 49 %), since "
                          "a relaxed calf held at 5° fired with it; the stretched soleus's "
                          "Ia and II rates are the same either way (17.3 and 17.2 pps), and no "
                          "other kramp mechanism depresses the reflex with the stretch "
                          "(the Ia synapses' post-activation depression is off)")
def test_d14_dorsiflexion_suppresses_the_h_reflex_and_plantarflexion_does_not():
    """The relaxed soleus's Hmax/Mmax falls when the ankle is held dorsiflexed (the soleus
    stretched) and stays at its neutral value when it is held plantarflexed, where tibialis
    anterior is stretched instead."""
    result = reflex_targets.target_d14()
    assert result["passed"], result["model_value"]
    assert not registry.fitted_parameters("D14")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D4: lesion reflex EMG 6, 14, 27, 26, 34 µV and resisting torque 22, "
                          "21, 21, 21, 21 N·m at 30, 75, 150, 225, 300 °/s, each the mean of "
                          "three stretches (neither rises at every step: the EMG dips at 225 "
                          "°/s, the torque stays flat); healthy EMG 1, 2, 3, 4, 8 µV (the "
                          "largest 24 % of the lesion's: the 25 % bound holds); H/M 0.46 "
                          "(lesion) > 0.25 (healthy) holds")
def test_d4_velocity_dependent_reflex_after_a_lesion():
    result = reflex_targets.target_d4()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D5: lesion none (swing 0.99°, no EMG rhythm), healthy none; ±2° "
                          "sinusoids imposed on the lesioned ankle meet viscosities of 0.06, "
                          "0.29, 0.47, 0.78, 0.82, 0.75, 0.71 N·m·s/rad at 2, 2.5, 3, 4, 5, 6, 7 "
                          "Hz, so the reflex assists the movement at none of them, where the "
                          "published lesion's did at 3–7 Hz (at 2 and 2.5 Hz while every "
                          "Ia-inhibitory interneurone contacted every antagonist motoneurone)")
def test_d5_clonus_after_a_lesion():
    result = reflex_targets.target_d5()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D6: H2/H1 at 1, 0.3, 0.2, 0.125, 0.1 Hz, means of 8 pairs: lesion 100, "
                          "102, 101, 96, 100 % (SE 1–3 %); healthy 107, 102, 100, 102, 103 % (SE "
                          "2–4 %): the Ia synapses' post-activation depression is off in the "
                          "default person (spinal.ia_release_use 0), so a second H-wave is as "
                          "large as the first at every interval")
def test_d6_post_activation_depression():
    result = reflex_targets.target_d6()
    assert result["passed"], result["model_value"]
