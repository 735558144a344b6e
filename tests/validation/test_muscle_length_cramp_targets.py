"""Target G6 (Bertolasi et al. 1993): cramps after a maximal effort with the calf shortened, none
at neutral length, relief by a held stretch (kramp.validation.muscle_length_cramp_targets)."""

import pytest

from kramp.validation import muscle_length_cramp_targets, registry


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G6's neutral part: 9 of 10 people like the default one keep firing "
                          "after a 3 s maximal effort at neutral length (longest 2.5 s; "
                          "published none of 10); it held (none) until the spindles kept a "
                          "contraction's after-effect (thixotropy, tuned on D12's weak "
                          "contraction): the maximal effort's co-activation (50 pps) activates "
                          "the bag fibres to 0.41, D12's 30 % command to 0.06, and the stable "
                          "cross-bridges follow the activation without saturating")
def test_an_effort_at_neutral_length_leaves_no_cramp():
    """At most one of ten people like the default one keeps firing for more than a second
    after a maximal effort at neutral length (published: none of 10)."""
    found = muscle_length_cramp_targets.maximal_effort_by_length()
    assert found["neutral_rate"] <= muscle_length_cramp_targets.NEUTRAL_RATE_MAX
    assert not registry.fitted_parameters("G6")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G6: after a 3 s maximal effort none of 10 people cramped with the calf "
                          "shortened (published 7 of 10) and 9 of 10 at neutral length (longest "
                          "involuntary discharge 2.5 s; none in either posture before the "
                          "spindles' thixotropy): the effort's after-effect in the spindles "
                          "drives the neutral calf, where the cramp should be least likely")
def test_g6_a_shortened_calf_cramps_after_a_maximal_effort():
    result = muscle_length_cramp_targets.target_g6()
    assert result["passed"], result["model_value"]
