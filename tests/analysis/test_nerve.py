"""Clinical read-outs on synthetic outputs with known answers."""

import numpy as np

from kramp.analysis.nerve import BURST_GAP_MS, burst_sizes


def test_discharges_closer_than_the_burst_gap_form_one_burst():
    gap = BURST_GAP_MS
    times = np.array([0.0, 5.0, 10.0, 10.0 + 3 * gap, 10.0 + 8 * gap, 10.0 + 8 * gap + 4.0,
                      200.0 + 8 * gap, 204.0 + 8 * gap, 208.0 + 8 * gap, 212.0 + 8 * gap])
    assert burst_sizes(times).tolist() == [3, 1, 2, 4]
    assert burst_sizes(np.zeros(0)).size == 0
