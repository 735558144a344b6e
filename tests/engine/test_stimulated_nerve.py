"""An electrode over the tibial nerve in the popliteal fossa excites the triceps surae's fibres,
not the tibialis anterior's, which run in the peroneal nerve a few centimetres away: a tibial
M-wave has no tibialis anterior component even at a supramaximal intensity for the calf, while an
electrode over both nerves (as over the sciatic) excites both."""

import numpy as np
import pytest

from kramp.engine import simulate
from kramp.engine.kinds import build_model

# 30 mA: several times the calf's M-wave threshold (about 5.5 mA in the default person)
PULSE = {"pulse_width": 0.2, "pulse_count": 1.0, "site_distance": 100.0, "first_pulse": 20.0,
         "intensity": 30.0}


def excited_units(peroneal_offset_mm: float) -> dict[str, float]:
    values = {"drive": {"level": 0.0},
              "stimulation": {**PULSE, "peroneal_offset": peroneal_offset_mm}}
    model = build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])
    result = simulate(model, 40.0)
    muscle = result["unit_muscle"].values
    fired = np.unique(result["axon.terminal.spike_unit"].values)
    return {name: float(np.isin(np.flatnonzero(muscle == name), fired).mean())
            for name in ("soleus", "tibialis_anterior")}


@pytest.mark.parametrize(("offset_mm", "expected"), [
    (30.0, {"soleus": 1.0, "tibialis_anterior": 0.0}),
    (0.0, {"soleus": 1.0, "tibialis_anterior": 1.0}),
])
def test_the_stimulus_reaches_the_nerves_under_the_electrode(offset_mm, expected):
    assert excited_units(offset_mm) == expected


def test_a_stimulated_ankle_run_twice_is_identical():
    """The parallel axon, afferent and motoneurone kernels keep no order-dependent state: the same
    model with a voluntary command and a train of pulses gives the same result bit for bit (a
    helper once saw afferent outputs differ right after the compiled caches were cleared)."""
    import xarray as xr

    values = {"drive": {"level": 20.0, "onset": 0.0, "ramp_up": 100.0},
              "stimulation": {**PULSE, "intensity": 8.0, "pulse_count": 6.0, "frequency": 20.0,
                              "first_pulse": 50.0}}
    runs = [simulate(build_model("ankle", values, n_person=2,
                                 muscle_names=["soleus", "tibialis_anterior"]), 300.0)
            for _ in range(2)]
    assert runs[0]["afferent_axon.terminal.spike_time_ms"].size > 0
    xr.testing.assert_identical(runs[0], runs[1])
