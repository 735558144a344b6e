"""Targets D11 and D12 (Wilson, Gandevia & Burke 1997, 1995): tibialis anterior's spindle
afferents during and after a weak isometric dorsiflexion; D16 (Macefield et al. 1991): through
a minute of it; all through the whole ``ankle`` model (kramp.validation.spindle_targets)."""

import pytest

from kramp.validation import registry, spindle_targets


@pytest.mark.slow
def test_the_primaries_accelerate_as_the_published_afferents_did():
    """The part the model meets: nearly every Ia fibre fires faster in a hold near 10 % of
    maximal force (published: 24 of 26 spindle afferents, most from below 3.2 %)."""
    found = spindle_targets.isometric_dorsiflexion()
    assert 3.2 <= found["force_percent"] <= 20.0
    assert found["share_increased_ia"] >= 24 / 26
    assert not registry.fitted_parameters("D11")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D11: 69.6 % of tibialis anterior's 560 spindle afferents fire faster "
                          "in a hold at 8.1 % of maximal force (Ia 95.4 %, II 43.9 %; band 80–100 "
                          "%, published 24 of 26): many secondaries slow as the fibres shorten "
                          "against the tendon")
def test_d11_spindle_afferents_accelerate_in_a_weak_isometric_contraction():
    result = spindle_targets.target_d11()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_d12_the_thixotropy_calibration_holds_in_the_whole_ankle():
    """D12 is the calibration of the intrafusal fibres' stable cross-bridges (k_T tuned to the
    published +65 %; measured +67 %, 2.23 → 3.72 Hz): the whole model, with its co-activation,
    tendon and afferent scaling, keeps it in the band (a regression check, not evidence)."""
    assert registry.fitted_parameters("D12") == ("spindle.thixotropy_stiffness",)
    result = spindle_targets.target_d12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D16: over a minute's isometric dorsiflexion at 7.4–9.9 % of maximal "
                          "force the mean rate of tibialis anterior's 560 spindle afferents is "
                          "1.06, 1.09 and 1.15 times its onset value at 10, 30 and 60 s (2.7 % of "
                          "them slower at 60 s); published: 13 of 18 declined, to two-thirds by "
                          "30 s and half after a minute. Without the metabolites' fusimotor drive "
                          "1.02, 1.02, 0.97: kramp has nothing that withdraws the spindles' "
                          "support")
def test_d16_spindle_support_declines_through_a_sustained_contraction():
    assert not registry.fitted_parameters("D16")  # a prediction: nothing was tuned to it
    result = spindle_targets.target_d16()
    assert result["passed"], result["model_value"]
