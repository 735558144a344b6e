"""Renshaw cells: the motor-axon collaterals' long EPSP makes a Renshaw cell fire a burst to one
synchronous volley (Eccles, Fatt & Koketsu 1954), where an Ia interneurone given the same EPSP
fires once; the cells inhibit their muscle's Ia-inhibitory interneurones after the disynaptic
delay (Hultborn, Jankowska & Lindström 1971), through glycinergic and GABAergic synapses."""

import numpy as np
import pytest

from kramp.engine import simulate
from kramp.engine.component import Interval
from kramp.engine.components.interneurons import INTERNEURON_STEP_MS, Interneurons
from kramp.engine.kinds import build_model
from kramp.engine.lines import Events
from kramp.engine.simulate import Record
from kramp.engine.streams import generators
from kramp.physiology import interneurons

N = round(interneurons.PARAMETERS["n_per_muscle"].value)
IA, RENSHAW = 0, 2 * N  # the first Ia-inhibitory and the first Renshaw cell of the muscle


def population(recurrent=None, delay_ms=None):
    values = {name: np.array([value]) for name, value in
              {**interneurons.PARAMETERS.defaults(), "noise_sd": 0.0}.items()}
    return Interneurons(values, ["soleus"], N, N, recurrent, delay_ms)


def run(pool, duration_ms, afferents=None, collaterals=None):
    state = pool.initial_state(0)
    streams = {"interneuron_noise": generators(0, 1, "interneuron_noise")}
    outputs, _ = pool.advance(state, {"afferents": afferents, "collaterals": collaterals},
                              Interval(0, round(duration_ms / 0.025), 0.025), streams, None,
                              "numba")
    return state, outputs["spikes"]


def volley(element, mV, at_ms=10.0):
    return Events(np.array([at_ms]), np.array([0]), np.array([element]), np.array([mV]))


def test_a_collateral_volley_makes_a_renshaw_cell_burst_where_an_ia_interneurone_fires_once():
    _, burst = run(population(), 100.0, collaterals=volley(RENSHAW, 30.0))
    _, single = run(population(), 100.0, afferents=volley(IA, 30.0))
    times = np.sort(burst.time_ms[burst.element == RENSHAW])
    assert times.size >= 4
    assert times[0] == pytest.approx(10.1)  # fired in the step the volley arrives in
    assert np.diff(times)[0] < 10.0  # a high-frequency burst, slowing as the EPSP decays
    assert np.all(np.diff(np.diff(times)) >= -1e-9)
    assert (single.element == IA).sum() == 1


def test_a_renshaw_spike_inhibits_an_ia_interneurone_after_the_delay():
    recurrent = np.zeros((1, 3 * N, 3 * N))
    recurrent[0, RENSHAW, IA] = -3.0
    pool = population(recurrent, np.array([0.8]))
    state, spikes = run(pool, 10.9, collaterals=volley(RENSHAW, 30.0))
    assert spikes.time_ms[spikes.element == RENSHAW].min() == pytest.approx(10.1)
    rest = interneurons.PARAMETERS["ia_descending"].value
    assert state["variables"][interneurons.V.v, 0, IA] == pytest.approx(rest)
    # the spike at 10.1 ms arrives at 10.9 ms: in the step that ends at 11.0 ms
    state, _ = run(pool, 11.0, collaterals=volley(RENSHAW, 30.0))
    assert state["variables"][interneurons.V.v, 0, IA] < rest - 2.5


def antidromic(**changes):
    """A supramaximal antidromic volley up the relaxed soleus motor axons: the soleus
    interneurones' potentials (every 0.1 ms) and spikes, and the pool's kinds."""
    values = {"drive": {"level": 0.0},
              "stimulation": {"intensity": 50.0, "pulse_width": 0.2, "first_pulse": 20.0,
                              "site_distance": 100.0},
              **changes}
    values.setdefault("interneurons", {})["renshaw_per_muscle"] = N
    model = build_model("ankle", values, muscle_names=["soleus"])
    result = simulate(model, 60.0, records=[Record("interneuron.v", 0.1)])
    return result, model.component("interneuron").kind


@pytest.fixture(scope="module")
def volleys():
    silent = {"renshaw_ia_ipsp": 0.0, "renshaw_contact_conductance": 0.0}
    return {"intact": antidromic(),
            "silent": antidromic(interneurons=silent),
            "blocked": antidromic(spinal={"glycinergic_transmission": 0.0,
                                          "gabaergic_transmission": 0.0})}


def test_an_antidromic_volley_fires_every_renshaw_cell_in_a_burst(volleys):
    result, kind = volleys["intact"]
    cell = result["interneuron.spikes.spike_unit"].values
    after = result["interneuron.spikes.spike_time_ms"].values > 20.0
    per_cell = np.bincount(cell[after & (kind[cell] == interneurons.RENSHAW)],
                           minlength=kind.size)[kind == interneurons.RENSHAW]
    assert per_cell.min() >= 2
    assert per_cell.mean() >= 3


def test_recurrent_inhibition_of_ia_interneurones_needs_glycine_or_gaba(volleys):
    def ia_mean(name):
        result, kind = volleys[name]
        return result["interneuron.v"].values[:, 0, kind == interneurons.IA_IN].mean(axis=1)

    intact, silent, blocked = ia_mean("intact"), ia_mean("silent"), ia_mean("blocked")
    # the intact Ia interneurones are hyperpolarised by several mV at the burst's height ...
    assert (silent - intact).max() > 2.0
    # ... and not at all once both transmitters are blocked (before their own spikes differ)
    assert np.abs(blocked - silent)[:400].max() == pytest.approx(0.0, abs=1e-9)
    assert INTERNEURON_STEP_MS == 0.1
