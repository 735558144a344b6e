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
