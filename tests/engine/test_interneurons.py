"""The interneurone population against the leaky integrate-and-fire neuron's analytic answers."""

import math

import numpy as np
import pytest

from kramp.engine.component import Interval
from kramp.engine.components.interneurons import INTERNEURON_STEP_MS, Interneurons
from kramp.engine.lines import Events
from kramp.engine.streams import generators
from kramp.physiology import interneurons


def population(**changes):
    values = {name: np.array([value]) for name, value in
              {**interneurons.PARAMETERS.defaults(), "noise_sd": 0.0, **changes}.items()}
    return Interneurons(values, ["soleus"], round(interneurons.PARAMETERS["n_per_muscle"].value))


def run(pool, duration_ms, events=None):
    state = pool.initial_state(0)
    streams = {"interneuron_noise": generators(0, 1, "interneuron_noise")}
    steps = round(duration_ms / 0.025)
    outputs, _ = pool.advance(state, {"afferents": events}, Interval(0, steps, 0.025), streams,
                              None, "numba")
    return state["variables"], outputs["spikes"]


def test_below_threshold_no_spikes_and_an_epsp_decays_with_the_membrane_time_constant():
    tau = interneurons.PARAMETERS["membrane_time_constant"].value
    pool = population(ia_descending=3.0, ib_descending=3.0, renshaw_descending=3.0)
    kick = Events(np.array([10.0]), np.array([0]), np.array([0]), np.array([4.0]))
    state, spikes = run(pool, 10.0 + 2.0 * tau, kick)
    assert spikes.size == 0
    # after 2 τ the 4 mV EPSP has decayed to 4 e⁻², within the step's timing (0.1 ms)
    excess = state[interneurons.V.v, 0, 0] - 3.0
    assert excess == pytest.approx(4.0 * math.exp(-2.0), rel=INTERNEURON_STEP_MS / tau + 1e-3)
    assert state[interneurons.V.v, 0, 1] == pytest.approx(3.0)


def test_a_drive_above_threshold_fires_at_the_analytic_rate():
    values = interneurons.PARAMETERS.defaults()
    drive = 14.0
    tau, theta = values["membrane_time_constant"], values["threshold"]
    reset, refractory = values["reset"], values["refractory"]
    period = refractory + tau * math.log((drive - reset) / (drive - theta))
    _, spikes = run(population(ia_descending=drive, ib_descending=drive,
                               renshaw_descending=drive), 1000.0)
    per_neuron = np.bincount(spikes.element, minlength=60)
    intervals = np.diff(np.sort(spikes.time_ms[spikes.element == 5]))
    # each interval is the analytic one rounded up to the 0.1 ms step
    assert np.median(intervals) == pytest.approx(period, abs=INTERNEURON_STEP_MS + 1e-9)
    assert abs(per_neuron.mean() - 1000.0 / period) < 1000.0 / period * 0.02


def test_the_full_command_drives_the_muscles_ia_interneurones_at_the_analytic_rate():
    """The voluntary command adds ``ia_command_drive`` × command × the muscle's share to the
    Ia-inhibitory cells' drive and nothing to the Ib or Renshaw cells'."""
    values = interneurons.PARAMETERS.defaults()
    tau, theta = values["membrane_time_constant"], values["threshold"]
    reset, refractory = values["reset"], values["refractory"]
    share = 0.75
    drive = values["ia_descending"] + values["ia_command_drive"] * share
    period = refractory + tau * math.log((drive - reset) / (drive - theta))
    arrays = {name: np.array([value]) for name, value in {**values, "noise_sd": 0.0}.items()}
    pool = Interneurons(arrays, ["soleus"], round(values["n_per_muscle"]),
                        command_share=np.array([[share]]))
    state = pool.initial_state(0)
    streams = {"interneuron_noise": generators(0, 1, "interneuron_noise")}
    duration_ms = 1000.0
    outputs, _ = pool.advance(state, {"command": np.ones((round(duration_ms), 1, 1))},
                              Interval(0, round(duration_ms / 0.025), 0.025), streams, None,
                              "numba")
    spikes = outputs["spikes"]
    ia_cell = int(np.flatnonzero(pool.kind == interneurons.IA_IN)[0])
    intervals = np.diff(np.sort(spikes.time_ms[spikes.element == ia_cell]))
    assert np.median(intervals) == pytest.approx(period, abs=INTERNEURON_STEP_MS + 1e-9)
    assert set(pool.kind[np.unique(spikes.element)]) == {interneurons.IA_IN}


@pytest.mark.parametrize("gaba", [1.0, 0.0])
def test_the_command_removes_its_share_of_an_ib_cells_afferent_epsp(gaba):
    """Under a held command c, an afferent event of w mV raises an Ib cell by
    w (1 − g c s γ) (g the gate, s the muscle's share of the command, γ the GABAergic
    transmission that presynaptic inhibition needs) and an Ia-inhibitory cell by w; the EPSP's
    peak is read one step after it arrives, before the membrane has let much of it go."""
    values = {**interneurons.PARAMETERS.defaults(), "noise_sd": 0.0, "ia_command_drive": 0.0}
    gate, share, command, weight = 0.5, 0.8, 0.75, 4.0
    arrays = {name: np.array([value]) for name, value in {**values,
                                                           "ib_command_presynaptic": gate}.items()}
    pool = Interneurons(arrays, ["soleus"], round(values["n_per_muscle"]),
                        command_share=np.array([[share]]),
                        gabaergic_transmission=np.array([gaba]))
    ia_cell = int(np.flatnonzero(pool.kind == interneurons.IA_IN)[0])
    ib_cell = int(np.flatnonzero(pool.kind == interneurons.IB_IN)[0])
    arrival_ms = 5.05  # inside the step [5.0, 5.1) ms
    kick = Events(np.array([arrival_ms, arrival_ms]), np.array([0, 0]),
                  np.array([ia_cell, ib_cell]), np.array([weight, weight]))
    state = pool.initial_state(0)
    streams = {"interneuron_noise": generators(0, 1, "interneuron_noise")}
    stop_ms = 5.0 + INTERNEURON_STEP_MS
    pool.advance(state, {"afferents": kick, "command": np.full((6, 1, 1), command)},
                 Interval(0, round(stop_ms / 0.025), 0.025), streams, None, "numba")
    rise = state["variables"][interneurons.V.v, 0] - values["ib_descending"]
    decay = math.exp(-INTERNEURON_STEP_MS / values["membrane_time_constant"])
    assert rise[ia_cell] == pytest.approx(weight * decay, rel=1e-9)
    assert rise[ib_cell] == pytest.approx(weight * (1.0 - gate * command * share * gaba) * decay,
                                          rel=1e-9)
