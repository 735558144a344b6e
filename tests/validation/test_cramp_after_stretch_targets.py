"""Target G8 (Panza et al. 2017): the cramp threshold after a passive static stretch against the
fresh person's (kramp.validation.cramp_targets), in a file of its own: its 177 s of simulated
stretch and trains are the longest validation run, and pytest-xdist gives each file to one
worker."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G8: fresh, a cramp after the 24 Hz train (1.6 s); after 3 × 30 s of "
                          "passive 20° dorsiflexion none up to 30 Hz (after-discharges 0.8–1.0 s; "
                          "the 8 Hz train's 0.8 s against 0.1 s fresh), so ΔCTF(stretch) − "
                          "ΔCTF(control) is over +6 Hz (published: no difference)")
def test_g8_static_stretching_leaves_the_threshold_unchanged():
    result = cramp_targets.target_g8()
    assert result["passed"], result["model_value"]
