"""Target D11 (Wilson, Gandevia & Burke 1997): tibialis anterior's spindle afferents during a
weak isometric dorsiflexion, through the whole ``ankle`` model
(kramp.validation.spindle_targets)."""

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
                   reason="D11: 72.3 % of tibialis anterior's 560 spindle afferents fire faster "
                          "in a hold at 8.1 % of maximal force (Ia 96.1 %, II 48.6 %; band "
                          "80–100 %, published 24 of 26): many secondaries slow as the fibres "
                          "shorten against the tendon")
def test_d11_spindle_afferents_accelerate_in_a_weak_isometric_contraction():
    result = spindle_targets.target_d11()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D12: after a 5 s isometric dorsiflexion tibialis anterior's spindle "
                          "afferents fire 2.23 → 2.52 Hz (+13 %) from 2 to 10 s after the "
                          "command (published 2.3 → 3.9 Hz, +65 %): kramp's intrafusal fibres "
                          "keep no stiffening from the contraction's fusimotor drive "
                          "(thixotropy); and a contraction at 30 % of the command gives the "
                          "static fibres an activation of only 0.06 (γ_static 15 pps), so even "
                          "stable cross-bridges holding all of it (a probe, not in the model) "
                          "reach +20 %")
def test_d12_spindles_fire_faster_after_a_contraction():
    assert not registry.fitted_parameters("D12")  # a prediction: nothing was tuned to it
    result = spindle_targets.target_d12()
    assert result["passed"], result["model_value"]
