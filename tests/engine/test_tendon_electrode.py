"""The electrode over the Achilles tendon: each pulse fires the chosen share of the calf's Ib
fibres and no other, and their spikes run up their own axons."""

import numpy as np

from kramp.engine import build_model, simulate

PULSES_MS = (200.0, 400.0)


def arrivals(ib_share: float):
    """Spikes leaving each afferent's axon (its recorded proximal end, a few ms up the leg) in the
    30 ms after each pulse, and the afferents' kinds and muscles."""
    parameters = {"tendon_stimulation": {"ib_share": ib_share, "first_pulse": PULSES_MS[0],
                                         "pulse_count": 2, "frequency": 5.0}}
    result = simulate(build_model("ankle", parameters), 500.0)
    time = result["afferent_axon.terminal.spike_time_ms"].values
    fibre = result["afferent_axon.terminal.spike_unit"].values
    n = result["afferent_kind"].size
    counts = [np.bincount(fibre[(time > pulse) & (time < pulse + 30.0)], minlength=n)
              for pulse in PULSES_MS]
    return counts, result["afferent_kind"].values, result["afferent_muscle"].values


def test_each_pulse_sends_a_volley_in_half_the_calfs_ib_fibres_and_no_other():
    (stimulated, kind, muscle), (relaxed, _, _) = arrivals(0.5), arrivals(0.0)
    for with_pulse, without in zip(stimulated, relaxed, strict=True):
        extra = with_pulse - without
        # the receptors' own discharge is the same in both runs (same seed, a relaxed leg)
        assert (extra >= 0).all() and extra.max() == 1
        assert ((kind[extra == 1] == "ib") & (muscle[extra == 1] != "tibialis_anterior")).all()
        for head in ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius"):
            ib = (kind == "ib") & (muscle == head)
            assert extra[ib].sum() == round(0.5 * ib.sum())
