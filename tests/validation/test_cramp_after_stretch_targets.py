"""Target G8 (Panza et al. 2017): the cramp threshold after a passive static stretch against the
fresh person's (kramp.validation.cramp_targets), in a file of its own: its 177 s of simulated
stretch and trains are the longest validation run, and pytest-xdist gives each file to one
worker. It fails, so it runs in CI's slow selection (``.ci/run slow``)."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G8: the default person cramps from 18 Hz fresh and from 26 Hz after "
                          "90 s of static stretch, ΔCTF(stretch) − ΔCTF(control) = +8 Hz "
                          "against ±2 Hz (+4 Hz before the spindles' thixotropy, 22 Hz after the "
                          "stretch; it passed, 24 and 24 Hz, before the fibre's Na⁺ activation "
                          "kinetics and myoplasmic resistivity were taken from published values, "
                          "2026-12-05): one person's threshold moves by whole 2 Hz steps with "
                          "small changes")
def test_g8_static_stretching_leaves_the_threshold_unchanged():
    result = cramp_targets.target_g8()
    assert result["passed"], result["model_value"]
