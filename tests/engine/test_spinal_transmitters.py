"""Glycinergic and GABAergic spinal inhibition are separate: blocking either one releases the
soleus reflex to a tibial-nerve volley, as the classical pharmacology found — strychnine (glycine
receptors) removes the reciprocal Ia inhibition of motoneurones (Curtis, Hösli & Johnston 1968),
picrotoxin (GABA_A) the presynaptic inhibition of the Ia terminals and so enlarges the
monosynaptic reflex (Eccles, Schmidt & Willis 1963) — and only the glycine block frees the
antagonist, whose motoneurones the soleus's Ia-inhibitory interneurones hold down.

The same person (the same random anatomy) is simulated three times: intact, glycine blocked and
GABA blocked."""

import pytest

from kramp.engine import simulate
from kramp.engine.kinds import build_model

# One 1 ms pulse at 5 mA, 100 mm from the cord: a submaximal H-reflex in the default person.
VOLLEY = {"pulse_width": 1.0, "pulse_count": 1.0, "site_distance": 100.0,
          "first_pulse": 500.0, "intensity": 5.0}
# The H-reflex arrives some 30 ms after the pulse (target D2); nothing else fires the relaxed
# motoneurones in the window.
WINDOW_MS = (500.0, 560.0)


def reflex_spikes(glycinergic: float, gabaergic: float) -> dict[str, int]:
    values = {"drive": {"level": 0.0}, "stimulation": VOLLEY,
              "spinal": {"glycinergic_transmission": glycinergic,
                         "gabaergic_transmission": gabaergic}}
    model = build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])
    result = simulate(model, WINDOW_MS[1])
    times = result["spike_time_ms"].values
    muscle = result["unit_muscle"].values[result["spike_unit"].values]
    inside = (times > WINDOW_MS[0]) & (times < WINDOW_MS[1])
    assert not (times <= WINDOW_MS[0]).any(), "the relaxed motoneurones fired before the volley"
    return {name: int((inside & (muscle == name)).sum())
            for name in ("soleus", "tibialis_anterior")}


@pytest.fixture(scope="module")
def responses():
    return {"intact": reflex_spikes(1.0, 1.0), "glycine blocked": reflex_spikes(0.0, 1.0),
            "GABA blocked": reflex_spikes(1.0, 0.0)}


def test_the_intact_person_has_a_submaximal_soleus_reflex(responses):
    assert 0 < responses["intact"]["soleus"] < 150  # the soleus has 150 units


def test_blocking_glycine_releases_the_reflex_and_the_antagonist(responses):
    intact, blocked = responses["intact"], responses["glycine blocked"]
    assert blocked["soleus"] > intact["soleus"]
    assert intact["tibialis_anterior"] == 0 < blocked["tibialis_anterior"]


def test_blocking_gaba_enlarges_the_reflex_but_leaves_reciprocal_inhibition(responses):
    intact, blocked = responses["intact"], responses["GABA blocked"]
    assert blocked["soleus"] > intact["soleus"]
    assert blocked["tibialis_anterior"] == 0
