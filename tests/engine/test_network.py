"""The person's network on the engine: muscles, batches, streams, recorders, save and resume."""

import numpy as np
import pytest
import xarray as xr

from kramp.engine import Record, Simulation, build_model, simulate
from kramp.engine import network as network_module
from kramp.engine.kinds import KINDS
from kramp.errors import KrampInputError

# Small pools keep these tests fast; the physiology is the default person's.
SMALL = {"soleus": {"n_unit": 24}, "medial_gastrocnemius": {"n_unit": 12},
         "lateral_gastrocnemius": {"n_unit": 6}}
RAMP = {"level": 50.0, "onset": 50.0, "ramp_up": 300.0, "hold": 400.0, "ramp_down": 200.0}


def calf(n_person=1, seed=3, **values):
    drive = {**RAMP, **values.pop("drive", {})}
    return build_model("motor_pool", {**SMALL, "drive": drive, **values}, n_person=n_person,
                       seed=seed)


@pytest.fixture(scope="module")
def half_effort():
    return simulate(calf(), 1500.0)


def test_units_are_recruited_smallest_first_in_each_muscle(half_effort):
    first_spike = {}
    for time, unit in zip(half_effort.spike_time_ms.values, half_effort.spike_unit.values,
                          strict=True):
        first_spike[int(unit)] = min(time, first_spike.get(int(unit), np.inf))
    muscle = half_effort.unit_muscle.values
    for name in ("soleus", "medial_gastrocnemius"):
        units = np.array(sorted(u for u in first_spike if muscle[u] == name))
        times = np.array([first_spike[u] for u in units])
        rank = np.corrcoef(np.argsort(np.argsort(units)), np.argsort(np.argsort(times)))[0, 1]
        assert rank > 0.8, name


def test_the_calf_force_is_the_sum_of_its_heads(half_effort):
    force = half_effort.force_mN.sel(person=0)
    assert list(half_effort.muscle.values) == ["soleus", "medial_gastrocnemius",
                                               "lateral_gastrocnemius"]
    t = half_effort.time_ms.values
    plateau = force.sum("muscle").values[(t > 400) & (t < 700)]
    maximum = sum(float(half_effort[f"{m}.muscle_tetanic_force"][0])
                  for m in half_effort.muscle.values)
    assert plateau.mean() > 0.05 * maximum
    assert (force.max("time") > 0).all()


def test_the_calf_relaxes_after_the_command(half_effort):
    # The command ends at 950 ms; half a second later little force is left. The slowest
    # units' Ca²⁺ clears with τ_c = fibre.tau_calcium_per_contraction_time × the calf's
    # contraction_time_longest (about a quarter of a second), so a few per cent linger
    # (2.3 % measured);
    # how fast the calf relaxes is checked by C1's half-relaxation on the ankle (Sale et al.).
    force = half_effort.force_mN.sel(person=0).sum("muscle").values
    t = half_effort.time_ms.values
    assert force[t >= 1450].max() < 0.03 * force.max()


def test_emg_is_silent_before_the_first_arrival_and_active_in_the_contraction(half_effort):
    emg = half_effort.emg_mV.sel(person=0).values
    t = half_effort.emg_time_ms.values
    first_arrival = (half_effort.spike_time_ms.values.min()
                     + half_effort.arrival_delay_ms.values.min())
    assert np.all(emg[t < first_arrival] == 0.0)
    assert np.sqrt(np.mean(emg[(t > 400) & (t < 700)] ** 2)) > 0.01


def test_same_seed_same_run_other_seed_other_run():
    a = simulate(calf(seed=5), 400.0)
    b = simulate(calf(seed=5), 400.0)
    c = simulate(calf(seed=6), 400.0)
    xr.testing.assert_identical(a, b)
    assert not np.array_equal(a.spike_time_ms.values, c.spike_time_ms.values)


def _person_one(values_a, values_b, muscles=None):
    """Person 1's force, EMG and spikes in a batch [a, b] and in a batch [b, b]."""
    runs = []
    for first in (values_a, values_b):
        values = {}
        for path in {*first, *values_b}:
            component, name = path.split(".")
            values.setdefault(component, {})[name] = np.array([first[path], values_b[path]])
        settings = {"muscle_names": muscles} if muscles else {}
        base = {**SMALL, "diaphragm": {"n_unit": 16}} if muscles else SMALL
        for component, table in base.items():
            if muscles and component not in muscles:
                continue
            values.setdefault(component, {}).update(table)
        values.setdefault("drive", {}).update(RAMP if not muscles else {"level": 0.0})
        model = build_model("motor_pool", values, n_person=2, seed=9, **settings)
        result = simulate(model, 600.0)
        own = result.spike_person.values == 1
        runs.append((result.force_mN.sel(person=1).values, result.emg_mV.sel(person=1).values,
                     result.spike_time_ms.values[own]))
    return runs


# One parameter of every component: each person gets exactly what it gets in a batch of people
# like it, whatever the others are.
EVERY_COMPONENT = [
    ({"drive.level": 30.0}, {"drive.level": 60.0}),
    ({"motoneuron.e_k": -80.0}, {"motoneuron.e_k": -74.0}),
    ({"motoneuron.tau_h_na": 30.0}, {"motoneuron.tau_h_na": 20.0}),  # gate kinetics
    ({"motoneuron.temperature": 37.0}, {"motoneuron.temperature": 33.0}),  # their speed
    ({"fibre.potentiation_gain": 1.7}, {"fibre.potentiation_gain": 3.0}),
    ({"mechanics.normalised_length": 1.0}, {"mechanics.normalised_length": 1.3}),
    ({"ions.temperature": 34.0}, {"ions.temperature": 30.0}),
    ({"emg.depth_max": 20.0}, {"emg.depth_max": 8.0}),
    ({"soleus.muscle_tetanic_force": 2.47e6}, {"soleus.muscle_tetanic_force": 1.5e6}),
]


@pytest.mark.parametrize(("a", "b"), EVERY_COMPONENT)
def test_each_person_gets_what_it_gets_in_a_batch_of_people_like_it(a, b):
    (force_ab, emg_ab, spikes_ab), (force_bb, emg_bb, spikes_bb) = _person_one(a, b)
    np.testing.assert_array_equal(force_ab, force_bb)
    np.testing.assert_array_equal(emg_ab, emg_bb)
    np.testing.assert_array_equal(spikes_ab, spikes_bb)
    assert force_ab.max() > 0.0


def test_the_breathing_rhythm_is_per_person_too():
    a, b = {"rhythm.g_tonic": 0.2, "drive.respiratory_gain": 6.0}, \
        {"rhythm.g_tonic": 0.3, "drive.respiratory_gain": 6.0}
    (force_ab, _, spikes_ab), (force_bb, _, spikes_bb) = _person_one(a, b, ["diaphragm"])
    np.testing.assert_array_equal(force_ab, force_bb)
    np.testing.assert_array_equal(spikes_ab, spikes_bb)


def test_a_parameter_that_sets_array_sizes_cannot_vary_within_a_batch():
    with pytest.raises(KrampInputError, match=r"`soleus.n_unit` must be the same for every "
                                              r"person of a batch"):
        build_model("motor_pool", {"soleus": {"n_unit": np.array([20.0, 30.0])}}, n_person=2)


def test_a_dt_that_does_not_divide_the_drive_step_is_refused():
    with pytest.raises(KrampInputError, match=r"`dt` = 0.03 ms must divide the 1 ms step of "
                                              r"component `drive`"):
        build_model("motor_pool", SMALL, dt_ms=0.03)


def test_a_split_run_is_bit_identical_to_the_run_in_one_piece():
    model = calf()
    whole = simulate(model, 800.0)
    simulation = Simulation(model)
    first = simulation.run(333.0)
    second = Simulation(model, simulation.state).run(467.0)
    for name in ("force_mN", "emg_mV"):
        joined = np.concatenate([first[name].values, second[name].values])
        np.testing.assert_array_equal(joined, whole[name].values)
    joined = np.sort(np.concatenate([first.spike_time_ms.values, second.spike_time_ms.values]))
    np.testing.assert_array_equal(joined, np.sort(whole.spike_time_ms.values))


def test_results_do_not_depend_on_the_exchange_interval(monkeypatch):
    reference = simulate(calf(), 300.0)
    monkeypatch.setattr(network_module, "EXCHANGE_MAX_MS", 3.0)
    finer = calf()
    assert finer.exchange_ms == 3.0
    result = simulate(finer, 300.0)
    for name in ("force_mN", "emg_mV", "spike_time_ms"):
        np.testing.assert_array_equal(result[name].values, reference[name].values)


def test_recording_any_variable_changes_nothing():
    model = calf()
    plain = simulate(model, 300.0)
    records = [Record("motoneuron.v_soma", 0.1, (0, 20, 41)), Record("fibre.force_norm", 1.0),
               Record("drive.common_noise", 2.0)]
    watched = simulate(model, 300.0, records=records)
    for name in ("force_mN", "emg_mV", "spike_time_ms"):
        np.testing.assert_array_equal(watched[name].values, plain[name].values)
    v = watched["motoneuron.v_soma"]
    assert v.attrs["units"] == "mV"
    assert v.shape == (3001, 1, 3)
    assert v.values.max() > 0.0  # unit 0 fires: its somatic spikes overshoot


def test_one_random_process_does_not_change_another():
    record = [Record("motoneuron.independent_noise", 1.0, (0, 5))]
    with_common = simulate(calf(), 200.0, records=record)
    without = simulate(calf(drive={"common_noise_cv": 0.0}), 200.0, records=record)
    np.testing.assert_array_equal(with_common["motoneuron.independent_noise"].values,
                                  without["motoneuron.independent_noise"].values)
    # a person's anatomy does not depend on how long it is simulated
    np.testing.assert_array_equal(simulate(calf(), 10.0).muap_amplitude_mV.values,
                                  with_common.muap_amplitude_mV.values)


def test_numba_and_numpy_networks_agree():
    model = calf(n_person=2, drive={"level": np.array([40.0, 70.0])})
    runs = {backend: simulate(model, 300.0, backend=backend) for backend in ("numba", "numpy")}
    # the compiled fibre step evaluates exponentials by Padé forms (< 1e-8 relative)
    np.testing.assert_allclose(runs["numba"].force_mN, runs["numpy"].force_mN, rtol=1e-6,
                               atol=1e-6)
    np.testing.assert_array_equal(runs["numba"].spike_unit, runs["numpy"].spike_unit)
    # fused multiply-adds in the compiled motoneuron step move spike times by < 1e-7 ms
    np.testing.assert_allclose(runs["numba"].spike_time_ms, runs["numpy"].spike_time_ms,
                               rtol=0, atol=1e-6)
    np.testing.assert_allclose(runs["numba"].emg_mV, runs["numpy"].emg_mV, rtol=0, atol=1e-8)
    assert runs["numba"].sizes["spike"] > 50


def test_the_diaphragm_is_its_own_muscle_with_its_own_motoneurons():
    model = build_model("motor_pool", {"drive": {"level": 0.0, "respiratory_gain": 6.0}},
                        muscle_names=["diaphragm"])
    assert [c.name for c in model.components] == ["rhythm", "drive", "motoneuron", "axon",
                                                  "junction", "sarcolemma", "fibre", "emg"]
    cell_type = model.component("motoneuron").cell_type[0]
    # half slow units, after the diaphragm's 50 % type I fibres (Meznaric & Cvetko 2016)
    assert np.mean(cell_type == 0) == pytest.approx(0.5)
    assert KINDS["motor_pool"].tables(["diaphragm"])[-1].component == "diaphragm"


def test_unknown_muscles_and_components_are_refused():
    with pytest.raises(KrampInputError, match="unknown muscle `biceps`"):
        build_model("motor_pool", muscle_names=["biceps"])
    with pytest.raises(KrampInputError, match="unknown component `spindle`"):
        build_model("motor_pool", {"spindle": {}})
    with pytest.raises(KrampInputError, match=r"`drive.level` must be in \[0, 100\] %"):
        build_model("motor_pool", {"drive": {"level": 150.0}})


def test_a_protocol_step_switches_parameters_mid_run_and_keeps_the_state():
    base, shorter = calf(), calf(mechanics={"normalised_length": 1.3})
    plain = simulate(base, 400.0)
    stepped = Simulation(base).run(400.0, schedule=[(200.0, shorter)])
    t = plain.time_ms.values
    np.testing.assert_array_equal(stepped.force_mN.values[t <= 200.0],
                                  plain.force_mN.values[t <= 200.0])
    # off the optimum the same activation gives less force, from the step on
    after = (t > 200.0) & (plain.force_mN.sum("muscle").values[:, 0] > 0)
    assert np.all(stepped.force_mN.sum("muscle").values[after, 0]
                  < plain.force_mN.sum("muscle").values[after, 0])
    np.testing.assert_array_equal(stepped.spike_time_ms.values, plain.spike_time_ms.values)
    with pytest.raises(KrampInputError, match="belongs to another network"):
        Simulation(base).run(400.0, schedule=[(200.0, calf(soleus={"n_unit": 20}))])
