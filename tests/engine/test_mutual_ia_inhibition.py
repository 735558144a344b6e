"""The Ia-inhibitory interneurones of opposing muscles inhibit each other (Hultborn, Illert &
Santini 1976), so a command that drives tibialis anterior's cells (Crone et al. 1987) quietens
the soleus's, in the whole ankle network."""

import numpy as np

from kramp.engine import build_model, simulate

WINDOW_MS = (500.0, 2000.0)


def ia_interneurone_rates(mutual_ipsp: float) -> dict[str, float]:
    """Mean rate (Hz) of each muscle's Ia-inhibitory cells while tibialis anterior holds 30 % of
    the command; the soleus's cells are raised near threshold so that their firing shows."""
    parameters = {"drive": {"level": 30.0, "onset": 0.0, "ramp_up": 200.0, "hold": 1e6},
                  "movement": {"start_angle": 0.0},
                  "soleus": {"command_share": 0.0}, "tibialis_anterior": {"command_share": 1.0},
                  "interneurons": {"ia_descending": 7.0, "ia_mutual_ipsp": mutual_ipsp}}
    model = build_model("ankle", parameters, muscle_names=["soleus", "tibialis_anterior"])
    result = simulate(model, WINDOW_MS[1])
    time = result["interneuron.spikes.spike_time_ms"].values
    cell = result["interneuron.spikes.spike_unit"].values
    kind, muscle = result["interneuron_kind"].values, result["interneuron_muscle"].values
    inside = (time >= WINDOW_MS[0]) & (time < WINDOW_MS[1])
    seconds = (WINDOW_MS[1] - WINDOW_MS[0]) * 1e-3
    return {m: float(np.sum(inside & (kind[cell] == "ia_inhibitory") & (muscle[cell] == m))
                     / np.sum((kind == "ia_inhibitory") & (muscle == m)) / seconds)
            for m in ("soleus", "tibialis_anterior")}


def test_the_commanded_muscles_ia_interneurones_silence_the_antagonists():
    coupled, uncoupled = ia_interneurone_rates(0.05), ia_interneurone_rates(0.0)
    # tibialis anterior's cells fire on the command either way ...
    assert coupled["tibialis_anterior"] > 10.0 and uncoupled["tibialis_anterior"] > 10.0
    # ... and, coupled, they take at least half the soleus's cells' firing away
    assert coupled["soleus"] < 0.5 * uncoupled["soleus"]
