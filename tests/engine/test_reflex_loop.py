"""The ankle's reflex loop: a stretch fires the stretched muscle's motoneurones through its
afferents and the cord, no sooner than the signals can travel, and not at all without them."""

import numpy as np
import pytest

from kramp.engine import simulate
from kramp.engine.kinds import build_model
from kramp.physiology import afferents

STRETCH = {"start_angle": -10.0, "ramp_start": 300.0, "ramp_amplitude": 20.0,
           "ramp_velocity": 300.0, "ramp_hold": 300.0}


def stretched(**changes):
    values = {"drive": {"level": 0.0}, "movement": STRETCH, **changes}
    model = build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])
    return model, simulate(model, 900.0)


@pytest.fixture(scope="module")
def intact():
    return stretched()


def soleus_spikes(model, result):
    muscle = np.array(model.coords["muscle"])[model.component("fibre").muscle]
    own = muscle[result["spike_unit"].values] == "soleus"
    return result["spike_time_ms"].values[own]


def test_the_first_reflex_spike_comes_after_the_fastest_afferent_loop(intact):
    model, result = intact
    spikes = soleus_spikes(model, result)
    assert spikes.size > 0 and (spikes < STRETCH["ramp_start"]).sum() == 0
    # the quickest way from a stretched spindle to a motoneurone: receptor → electrode site →
    # proximal site → cord, then the synapse
    to_site = model.event_lines[[line.source for line in model.event_lines].index(
        "sensor.spikes")].delay_ms
    to_cord = next(line for line in model.event_lines
                   if line.target == "motoneuron.excitatory_synapses").delay_ms
    fastest = float((to_site + 2.0 + to_cord).min())
    assert spikes.min() - STRETCH["ramp_start"] >= fastest


def test_without_afferent_contacts_the_stretch_fires_no_motoneurone():
    model, result = stretched(spinal={"ia_contact_conductance": 0.0,
                                      "ii_contact_conductance": 0.0})
    assert soleus_spikes(model, result).size == 0
    # the spindles still fired: only the synapse was removed
    rates = result["afferent_rate_pps"].sel(person=0, receptor="soleus.ia").values
    before = rates[int(STRETCH["ramp_start"]) - 10]
    assert rates.max() > before + 10.0


def test_a_person_with_fewer_receptors_leaves_the_others_reflexes_alone():
    """A batch simulates as many afferents as its richest person has; a person with fewer uses
    its own share of them. Before, the batch simulated its poorest person's count, so that a
    neighbour with one tibialis spindle made the default person's single simulated fibre stand
    for all 280 of its own (a synchronous volley for every spike)."""
    few = {"tibialis_anterior_receptors": {"spindles": np.array([280.0, 1.0])},
           "soleus_receptors": {"tendon_organs": np.array([200.0, 3.0]),
                                "spindles": np.array([400.0, 40.0])}}
    runs = []
    for changes in ({}, few):
        values = {"drive": {"level": 0.0}, "movement": STRETCH, **changes}
        model = build_model("ankle", values, n_person=2,
                            muscle_names=["soleus", "tibialis_anterior"])
        runs.append((model, simulate(model, 900.0)))
    (_, alike), (model, mixed) = runs
    for name in ("spike_time_ms", "afferent_axon.terminal.spike_time_ms"):
        alone, beside = (run[name].values[run[name.replace("time_ms", "person")].values == 0]
                         for run in (alike, mixed))
        assert alone.size > 0
        np.testing.assert_array_equal(alone, beside)
    # the second person's afferents that reach its cord are its own fibres, no more
    sent = mixed["afferent_axon.terminal.spike_person"].values == 1
    fibres = np.unique(mixed["afferent_axon.terminal.spike_unit"].values[sent])
    sensors = model.component("sensor")
    kinds = [f"{model.coords['muscle'][m]}.{('ia', 'ii', 'ib')[k]}"
             for m, k in zip(sensors.muscle[fibres], sensors.kind[fibres], strict=True)]
    counts = {kind: kinds.count(kind) for kind in set(kinds)}
    assert counts.get("tibialis_anterior.ia", 0) <= 1
    assert counts.get("soleus.ib", 0) <= 3
    assert 0 < counts.get("soleus.ia", 0) <= 40


def test_a_person_with_fewer_receptors_gets_what_it_gets_beside_people_like_it():
    """The reduced person of the test above, beside the default person, against the same
    person beside one like it (both second in their batch, so on the same random streams): its
    draws (its fibres' sensitivities, their spinal contacts, their discharge noise) are of its
    own fibres only, so its spikes do not depend on how many fibres the batch lays out. Before,
    it drew for every fibre of the batch's layout, and its own fibres got other numbers."""
    reduced = {"tibialis_anterior_receptors": {"spindles": 1.0},
               "soleus_receptors": {"tendon_organs": 3.0, "spindles": 40.0}}
    runs = []
    for first in ({"tibialis_anterior_receptors": {"spindles": 280.0},
                   "soleus_receptors": {"tendon_organs": 200.0, "spindles": 400.0}}, reduced):
        changes = {table: {name: np.array([first[table][name], value])
                           for name, value in names.items()}
                   for table, names in reduced.items()}
        # a weak command keeps the soleus firing, so that its spikes carry the afferents' input
        values = {"drive": {"level": 10.0, "onset": 0.0, "ramp_up": 100.0},
                  "movement": STRETCH, **changes}
        model = build_model("ankle", values, n_person=2,
                            muscle_names=["soleus", "tibialis_anterior"])
        runs.append(simulate(model, 900.0))
    for name in ("spike_time_ms", "afferent_axon.terminal.spike_time_ms"):
        beside_default, beside_alike = (
            np.sort(run[name].values[run[name.replace("time_ms", "person")].values == 1])
            for run in runs)
        assert beside_alike.size > 0
        np.testing.assert_array_equal(beside_default, beside_alike)
    np.testing.assert_array_equal(runs[0]["afferent_rate_pps"].sel(person=1).values,
                                  runs[1]["afferent_rate_pps"].sel(person=1).values)


def test_a_person_whose_spindle_endings_have_thresholds_gets_what_it_gets_beside_people_like_it():
    """Spindle endings with thresholds of their own (``reflex_targets.SILENT_ENDINGS``), second
    in a batch beside the default person and beside a person like it: its afferents' and
    motoneurones' spikes are the same (its thresholds, floor and discharge scale are its own,
    drawn from its own stream), and its stretched spindles send fewer spikes than the default
    person's (the thresholds act)."""
    from kramp.validation.reflex_targets import SILENT_ENDINGS

    silent = dict(SILENT_ENDINGS)
    default = {name: afferents.PARAMETERS[name].value for name in silent}
    runs = []
    for first in (default, silent):
        values = {"drive": {"level": 0.0}, "movement": STRETCH,
                  "afferents": {name: np.array([first[name], silent[name]]) for name in silent}}
        model = build_model("ankle", values, n_person=2,
                            muscle_names=["soleus", "tibialis_anterior"])
        runs.append(simulate(model, 900.0))
    beside_default, beside_alike = runs
    for name in ("spike_time_ms", "afferent_axon.terminal.spike_time_ms"):
        found = [run[name].values[run[name.replace("time_ms", "person")].values == 1]
                 for run in runs]
        np.testing.assert_array_equal(*found)
    afferent = "afferent_axon.terminal.spike_person"
    assert 0 < (beside_default[afferent].values == 1).sum() < \
        (beside_default[afferent].values == 0).sum()
    assert (beside_alike[afferent].values == 1).sum() > 0
