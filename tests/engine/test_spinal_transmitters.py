"""Glycinergic and GABAergic spinal inhibition are separate: blocking either one releases the
soleus reflex to a tibial-nerve volley, as the classical pharmacology found — strychnine (glycine
receptors) removes the reciprocal Ia inhibition of motoneurones (Curtis, Hösli & Johnston 1968),
picrotoxin (GABA_A) the presynaptic inhibition of the Ia terminals and so enlarges the
monosynaptic reflex (Eccles, Schmidt & Willis 1963). The electrode lies over both the tibial and
the peroneal nerve (as over the sciatic), so the volley also reaches the antagonist; its
motoneurones, held down by the soleus's Ia-inhibitory interneurones, are freed far more by the
glycine block.

The same person (the same random anatomy) is simulated three times: intact, glycine blocked and
GABA blocked."""

import pytest

from kramp.engine import simulate
from kramp.engine.kinds import build_model

# One 1 ms pulse at 7 mA, 100 mm from the motor point, to both nerves: a submaximal H-reflex
# in the default person.
VOLLEY = {"pulse_width": 1.0, "pulse_count": 1.0, "site_distance": 100.0,
          "first_pulse": 500.0, "intensity": 7.0, "peroneal_offset": 0.0}
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


def test_blocking_either_transmitter_enlarges_the_soleus_reflex(responses):
    intact = responses["intact"]["soleus"]
    assert responses["glycine blocked"]["soleus"] > intact
    assert responses["GABA blocked"]["soleus"] > intact


def test_reciprocal_inhibition_of_the_antagonist_is_glycinergic(responses):
    assert responses["intact"]["tibialis_anterior"] == 0
    assert (responses["glycine blocked"]["tibialis_anterior"]
            > 5 * max(responses["GABA blocked"]["tibialis_anterior"], 1))
