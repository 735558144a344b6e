"""Target D1: short- and long-latency stretch reflexes of tibialis anterior (Petersen et al.
1998; the published thumb configuration of Marsden et al. 1976 has no counterpart in kramp)
(kramp.validation.long_latency_targets)."""

import pytest

from kramp.validation import long_latency_targets, registry


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D1's first burst at 33 ms, not within 10 % of the published M1 "
                          "onset, 44 ms (42 ms before the calf and tibialis anterior twitches "
                          "were refitted on the ankle: a smaller twitch needs more drive for "
                          "the same background force, and the averaged EMG's threshold fell "
                          "from 15 to 12 µV)")
def test_the_short_latency_reflex_comes_when_the_published_m1_does():
    """The part the model meets: the first burst after a stretch of the contracting tibialis
    anterior begins within 10 % of the published mean M1 onset, 44 ms (a spinal loop: spindle,
    Ia fibre, motoneurone, motor axon, end plate and fibre, each with its own delays)."""
    found = long_latency_targets.stretch_reflex_components()
    assert found["onsets_ms"]
    assert abs(found["onsets_ms"][0] - 44.0) <= 4.4
    assert not registry.fitted_parameters("D1")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D1: the first burst of the average of 40 stretches comes at 33 ms "
                          "(13 µV over a 12 µV threshold), later ones only at 112–197 ms "
                          "(3.39–5.97 × its latency, the largest 32 µV; published M3 95 ms = "
                          "2.2 × M1): kramp has no transcortical loop")
def test_d1_a_long_latency_reflex_follows_the_short_one():
    result = long_latency_targets.target_d1()
    assert result["passed"], result["model_value"]
