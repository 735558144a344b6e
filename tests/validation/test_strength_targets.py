"""Targets C6 and B10 on one maximal plantarflexion effort of the whole ankle: the torque (C6, a
prediction) and the soleus units' rates (B10, the calibration of the command's presynaptic gate
on the calf's Ib input); B8 on the same effort held 150 s (a prediction)."""

import pytest

from kramp.validation import registry
from kramp.validation.strength_targets import target_b8, target_b10, target_c6


@pytest.mark.slow
def test_b10_soleus_fires_at_its_published_maximal_rate():
    """The calibration holds: with the fitted gate the soleus units' mean rate is Bellemare et
    al.'s, and B10 is the only target the gate was fitted to."""
    result = target_b10()
    assert result["passed"], result["model_value"]
    assert registry.fitted_parameters("B10") == ("interneurons.ib_command_presynaptic",)
    assert not registry.fitted_parameters("C6")


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="C6: 48.5 N·m against 78.8–230.0 N·m (published 154.4 ± 37.8): at 100 % "
                          "command soleus gives 35 % and each gastrocnemius 15–16 % of its "
                          "maximal force while 145 of 150 soleus units fire at a median 12.9 Hz, "
                          "near the published maximal rate (B10): the calf units' twitches, "
                          "fitted to the whole triceps surae's on the ankle (C1), are faster than "
                          "the soleus's own (C7) and far from fused there")
def test_c6_maximal_plantarflexion_torque():
    result = target_c6()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="B8: calf units 11.4 / 13.6 / 15.5 Hz in the three windows, ratio 136.1 "
                          "% against 75–95 % (soleus 12.4 → 16.8 Hz): the rates rise as the calf "
                          "fatigues (force 84 % of the first window's at 120–150 s) because the "
                          "soleus tendon organs' discharge falls with the force and the "
                          "metabolites (Ib 64.9 → 41.5 pps) and the metabolites' fusimotor drive "
                          "lifts Ia (2.1 → 6.0 pps). The motoneurones' late adaptation is off by "
                          "default (on at LATE_ADAPTATION_B11: 10.1 / 10.3 / 11.5 Hz, 113.8 %, "
                          "with the muscle fibre before 2026-12-06) and the cord has no "
                          "inhibition from fatigue-sensitive group III/IV afferents")
def test_b8_rates_decline_in_a_sustained_maximal_contraction():
    """Macefield et al.'s units slowed to 86 % over 150 s of maximal effort; nothing in the
    model was fitted to it."""
    assert not registry.fitted_parameters("B8")
    result = target_b8()
    assert result["passed"], result["model_value"]
