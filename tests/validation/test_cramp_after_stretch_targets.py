"""Target G8 (Panza et al. 2017): the cramp threshold after a passive static stretch against the
fresh person's (kramp.validation.cramp_targets), in a file of its own: its 177 s of simulated
stretch and trains are the longest validation run, and pytest-xdist gives each file to one
worker. It passes, so it runs with ``pytest -m long`` rather than in CI's slow selection
(``.ci/run slow``), which it would lengthen by minutes."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.long
def test_g8_static_stretching_leaves_the_threshold_unchanged():
    result = cramp_targets.target_g8()
    assert result["passed"], result["model_value"]
