"""Target G8 (Panza et al. 2017): the cramp threshold of a cohort of people like the default
person after a passive static stretch, against their fresh one, each on a visit of its own
(kramp.validation.cramp_targets), in a file of its own: its 177 s of simulated stretch and trains
for six people is the longest validation run, and pytest-xdist gives each file to one worker. It
fails, so it runs in CI's slow selection (``.ci/run slow``)."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G8: 6 people like the default person cramp from 18.7 Hz fresh (18, "
                          "26, 18, 10, 24, 16 Hz) and from 22.7 Hz after 90 s of static stretch "
                          "(20, 26, 18, 22, 26, 24 Hz): each person +4.0 ± 2.0 Hz (SE) on "
                          "average against ±2 Hz; the default person alone, over 8 visits, "
                          "+0.5 Hz (SD 6.9), so a stretch effect this size is not told from "
                          "the visit-to-visit noise (G12)")
def test_g8_static_stretching_leaves_the_threshold_unchanged():
    result = cramp_targets.target_g8()
    assert result["passed"], result["model_value"]
