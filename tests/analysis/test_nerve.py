"""Clinical read-outs on synthetic outputs with known answers."""

import numpy as np

from kramp.analysis.nerve import BURST_GAP_MS, burst_sizes, discharges


def test_discharges_closer_than_the_burst_gap_form_one_burst():
    gap = BURST_GAP_MS
    times = np.array([0.0, 5.0, 10.0, 10.0 + 3 * gap, 10.0 + 8 * gap, 10.0 + 8 * gap + 4.0,
                      200.0 + 8 * gap, 204.0 + 8 * gap, 208.0 + 8 * gap, 212.0 + 8 * gap])
    assert burst_sizes(times).tolist() == [3, 1, 2, 4]
    assert burst_sizes(np.zeros(0)).size == 0


def test_spikes_born_at_two_sites_of_an_axon_at_once_are_one_discharge():
    # they meet on the segment between the sites: one volley reaches the muscle, one the cord
    times = np.array([10.0, 10.3, 12.5, 12.5, 40.0])
    assert discharges(times).tolist() == [10.0, 12.5, 40.0]
