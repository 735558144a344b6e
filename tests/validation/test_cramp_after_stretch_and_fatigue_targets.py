"""Targets G8 (Panza et al. 2017) and G13 (kramp's own, from Stone et al.): the cramp threshold
of a cohort of people like the default person after a passive static stretch and after a
fatiguing contraction, against their fresh one, each on a visit of its own
(kramp.validation.cramp_targets), in a file of their own: their 177 s and 132 s of simulated
stretch or contraction and trains for six people are the longest validation runs, and
pytest-xdist gives each file to one worker (which computes the fresh cohort once). They run in
CI's slow selection (``.ci/run slow``)."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
def test_g8_static_stretching_leaves_the_threshold_unchanged():
    """Passes since 2026-12-07 (the end plates' spread of safety factors moved every cohort's
    thresholds); it failed before at +5.0 ± 3.0 Hz and passed the day before that. The same
    people move by whole steps between two visits with nothing changed (G12, SD about 11 Hz), so
    the verdict says little about a small stretch effect either way."""
    result = cramp_targets.target_g8()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G13: 3 of 6 people like the default person cramp fresh (28, none, "
                          "30, 26, none, none Hz; group 28.0 Hz) and all 6 right after a "
                          "minute's maximal contraction of the calf (4, 6, 14, 16, 10, 6 Hz; 9.3 "
                          "Hz): each of the 3 −16.7 ± 4.1 Hz (SE; −24, −16, −10), where Stone "
                          "et al.'s threshold rose 12.9 Hz after "
                          "local fatigue (band +6.45 to +25.8 Hz): kramp's fatigue raises the "
                          "spindles' fusimotor drive, as the neuromuscular-imbalance account has "
                          "it, and the experiment disagrees")
def test_g13_local_fatigue_raises_the_threshold():
    result = cramp_targets.target_g13()
    assert result["passed"], result["model_value"]
