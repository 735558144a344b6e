"""Glycinergic and GABAergic spinal inhibition are separate: blocking either one releases the
soleus reflex to a tibial-nerve volley, as the classical pharmacology found — strychnine (glycine
receptors) removes the reciprocal Ia inhibition of motoneurones (Curtis, Hösli & Johnston 1968),
picrotoxin (GABA_A) the presynaptic inhibition of the Ia terminals and so enlarges the
monosynaptic reflex (Eccles, Schmidt & Willis 1963). For the reflex the electrode lies over
both the tibial and the peroneal nerve (as over the sciatic). For the reciprocal IPSP it lies
over the tibial nerve alone, and the antagonist's (tibialis anterior's) motoneurones are
watched: the soleus Ia volley hyperpolarises them through the Ia-inhibitory interneurones, an
IPSP strychnine abolishes and picrotoxin leaves.

The same person (the same random anatomy) is simulated three times each way: intact, glycine
blocked and GABA blocked."""

import numpy as np
import pytest

from kramp.engine import simulate
from kramp.engine.kinds import build_model
from kramp.engine.simulate import Record

# One 1 ms pulse at 7 mA, 100 mm from the motor point, to both nerves: a submaximal H-reflex
# in the default person.
VOLLEY = {"pulse_width": 1.0, "pulse_count": 1.0, "site_distance": 100.0,
          "first_pulse": 500.0, "intensity": 7.0, "peroneal_offset": 0.0}
# The H-reflex arrives some 30 ms after the pulse (target D2); nothing else fires the relaxed
# motoneurones in the window.
WINDOW_MS = (500.0, 560.0)
# The same pulse with the peroneal nerve's fibres 200 mm away: the tibial nerve alone.
TIBIAL_VOLLEY = VOLLEY | {"peroneal_offset": 200.0}
BLOCKS = {"intact": (1.0, 1.0), "glycine blocked": (0.0, 1.0), "GABA blocked": (1.0, 0.0)}
RECORD_MS = 0.1


def _model(volley: dict, glycinergic: float, gabaergic: float):
    values = {"drive": {"level": 0.0}, "stimulation": volley,
              "spinal": {"glycinergic_transmission": glycinergic,
                         "gabaergic_transmission": gabaergic}}
    return build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])


def reflex_spikes(glycinergic: float, gabaergic: float) -> dict[str, int]:
    result = simulate(_model(VOLLEY, glycinergic, gabaergic), WINDOW_MS[1])
    times = result["spike_time_ms"].values
    muscle = result["unit_muscle"].values[result["spike_unit"].values]
    inside = (times > WINDOW_MS[0]) & (times < WINDOW_MS[1])
    assert not (times <= WINDOW_MS[0]).any(), "the relaxed motoneurones fired before the volley"
    return {name: int((inside & (muscle == name)).sum())
            for name in ("soleus", "tibialis_anterior")}


def antagonist_ipsp_mV(glycinergic: float, gabaergic: float) -> float:
    """The deepest fall of the tibialis anterior motoneurones' mean somatic potential in the
    window after a tibial volley, below its mean over the 50 ms before (mV, positive)."""
    model = _model(TIBIAL_VOLLEY, glycinergic, gabaergic)
    result = simulate(model, WINDOW_MS[1], records=[Record("motoneuron.v_soma", RECORD_MS,
                                                           name="v_soma_mV")])
    muscle = result["unit_muscle"].values
    v = result["v_soma_mV"].values[:, 0, muscle == "tibialis_anterior"].mean(axis=1)
    t = RECORD_MS * np.arange(v.size)
    before = v[(t > WINDOW_MS[0] - 50.0) & (t < WINDOW_MS[0])].mean()
    return float(before - v[(t > WINDOW_MS[0]) & (t < WINDOW_MS[1])].min())


@pytest.fixture(scope="module")
def responses():
    return {name: reflex_spikes(*block) for name, block in BLOCKS.items()}


@pytest.fixture(scope="module")
def ipsps():
    return {name: antagonist_ipsp_mV(*block) for name, block in BLOCKS.items()}


def test_the_intact_person_has_a_submaximal_soleus_reflex(responses):
    assert 0 < responses["intact"]["soleus"] < 150  # the soleus has 150 units


def test_blocking_either_transmitter_enlarges_the_soleus_reflex(responses):
    intact = responses["intact"]["soleus"]
    assert responses["glycine blocked"]["soleus"] > intact
    assert responses["GABA blocked"]["soleus"] > intact


def test_reciprocal_inhibition_of_the_antagonist_is_glycinergic(ipsps):
    # a reciprocal Ia IPSP of more than a millivolt in the intact cord, gone with the glycine
    # receptors blocked, kept with the GABA_A receptors blocked
    assert ipsps["intact"] > 1.0
    assert ipsps["glycine blocked"] < 0.2 * ipsps["intact"]
    assert ipsps["GABA blocked"] > 0.8 * ipsps["intact"]
