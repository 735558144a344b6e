"""Targets D2, D4, D5, D6 and D10 (shared/validation/targets.md; D10 is kramp's own, see
kramp.validation.reflex_targets): the ankle's reflexes through the whole loop."""

import pytest

from kramp.validation import reflex_targets


@pytest.mark.slow
def test_d2_h_reflex_latency_in_band():
    result = reflex_targets.target_d2()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_d10_relaxed_spindle_discharge_in_band():
    result = reflex_targets.target_d10()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D4: lesion reflex EMG 6, 16, 33, 36, 36 µV and resisting torque "
                          "22, 25, 25, 25, 25 N·m at 30, 75, 150, 225, 300 °/s (both level "
                          "from 150 °/s, neither rising at every step); healthy EMG 1, 3, 6, 7, "
                          "25 µV (25 µV at 300 °/s is 69 % of the lesion's largest, above "
                          "25 %); H/M 0.42 (lesion) > 0.26 (healthy) holds")
def test_d4_velocity_dependent_reflex_after_a_lesion():
    result = reflex_targets.target_d4()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D5: lesion none (swing 0.99°), healthy none: after the calf's "
                          "first reflex bursts their summed twitches (contraction times "
                          "100–200 ms) hold the foot plantarflexed for 400 ms without a spike; "
                          "it then settles near 13° of dorsiflexion and oscillates there with "
                          "soleus bursts every 350–400 ms (about 2.7 Hz) and a swing under 1°; "
                          "±2° sinusoids imposed on the lesioned ankle meet viscosities of "
                          "-0.58, 0.19, 0.76, 1.06, 0.93, 0.86, 0.87 N·m·s/rad at 2, 2.5, 3, 4, "
                          "5, 6, 7 Hz, so the reflex assists the movement at 2 Hz only, below "
                          "the published 3–7 Hz")
def test_d5_clonus_after_a_lesion():
    result = reflex_targets.target_d5()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D6: H2/H1 at 1, 0.3, 0.2, 0.125, 0.1 Hz: lesion 95, 90, 100, 100, "
                          "100 %; healthy 93, 94, 83, 115, 99 % (no steady depression with "
                          "rate): the Ia synapses' post-activation depression is off in the "
                          "default person (spinal.ia_release_use 0), so a second H-wave is as "
                          "large as the first at every interval")
def test_d6_post_activation_depression():
    result = reflex_targets.target_d6()
    assert result["passed"], result["model_value"]
