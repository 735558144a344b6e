"""The compiled motoneuron-pool step against its NumPy reference, clamp and spike bookkeeping,
and the accuracy of spike times at the default step."""

import numpy as np
import pytest

from kramp.engine import motoneuron_step as step
from kramp.physiology import motoneuron


def batch():
    """Two people of ten cat-type units: current clamp, synaptic drive and somatic clamp mixed;
    the second person's PICs half warmed up (warm-up on, its memory short enough to move)."""
    pool = motoneuron.pool_parameters(10, "cat")
    model = step.build_pool_model([pool, pool.select(slice(None, None, -1))],
                                  values=[{}, {"pic_warm_up": 8.0, "tau_pic_warm_up": 1000.0,
                                                "tau_pic_warm_up_onset": 50.0}])
    state = step.steady_state(model, model.params[step.P.e_leak_mV], model.params[step.P.e_leak_mV])
    state[step.S.warm_up, 10:] = 0.5
    drive = step.new_drive(model, monoamine=1.5)
    drive[step.D.i_inj_nA, :10] = np.linspace(10.0, 45.0, 10)
    drive[step.D.g_exc_uS, 10:] = np.linspace(0.5, 3.0, 10)
    drive[step.D.g_inh_uS, 12] = 0.3
    drive[step.D.clamp, 15:] = 1.0
    drive[step.D.v_clamp_mV, 15:] = np.linspace(-70.0, -40.0, 5)
    return model, state, drive


def test_numba_and_numpy_steps_agree():
    model, state, drive = batch()
    runs = {}
    for backend in step.BACKENDS:
        final = state.copy()
        runs[backend] = (final, *step.run(model, final, drive, 2000, max_spikes=20,
                                          record_every=10, backend=backend))
    (s1, t1, c1, i1, v1), (s2, t2, c2, i2, v2) = runs["numba"], runs["numpy"]
    # The two differ only in fused multiply-adds: rounding near 1e-16 that the dynamics carry.
    np.testing.assert_array_equal(c1, c2)
    assert c1.sum() > 10
    np.testing.assert_allclose(t1, t2, rtol=0, atol=1e-8)
    np.testing.assert_allclose(v1, v2, rtol=0, atol=1e-6)
    np.testing.assert_allclose(s1, s2, rtol=0, atol=1e-6)
    np.testing.assert_allclose(i1, i2, rtol=0, atol=1e-8)


def test_sparse_synaptic_events_agree_with_the_numpy_step():
    # Two blocks of neurons, each neuron's excitatory and inhibitory events at a few scattered
    # steps of one long call: the compiled step visits its event pass only in those steps.
    pool = motoneuron.pool_parameters(40, "human")
    model = step.build_pool_model(pool, 0.025)
    rest = step.resting_state(model, 1.0, settle_ms=20.0)
    drive = step.new_drive(model, 1.0)
    drive[step.D.g_exc_uS] = np.linspace(0.3, 0.9, 40)
    rng = np.random.default_rng(3)
    n_events = 120
    synapses = step.Synapses.from_events(
        40, rng.integers(0, 40, n_events), rng.integers(0, 400, n_events),
        rng.uniform(0.01, 0.2, n_events), rng.integers(0, 2, n_events))
    runs = {}
    for backend in step.BACKENDS:
        final = rest.copy()
        runs[backend] = (final, *step.run(model, final, drive, 400, max_spikes=20,
                                          backend=backend, synapses=synapses))
    (s1, t1, c1, *_), (s2, t2, c2, *_) = runs["numba"], runs["numpy"]
    np.testing.assert_array_equal(c1, c2)
    np.testing.assert_allclose(t1, t2, rtol=0, atol=1e-8)
    np.testing.assert_allclose(s1, s2, rtol=0, atol=1e-6)
    quiet = rest.copy()
    step.run(model, quiet, drive, 400)
    assert np.abs(quiet[step.S.v_dend] - s1[step.S.v_dend]).max() > 1e-3  # the events acted


def test_clamped_soma_holds_its_command_and_reports_the_holding_current():
    model, state, drive = batch()
    final = state.copy()
    _, count, i_clamp, _ = step.run(model, final, drive, 400)
    clamped = drive[step.D.clamp] > 0.5
    np.testing.assert_array_equal(final[step.S.v_soma, clamped], drive[step.D.v_clamp_mV, clamped])
    assert np.all(count[clamped] == 0)
    assert np.all(i_clamp[~clamped] == 0.0)
    # Held 10 mV below rest (−70 mV), a soma needs hyperpolarising (negative) current.
    assert i_clamp[clamped][0] < 0.0


def test_clamp_at_rest_needs_no_current():
    pool = motoneuron.pool_parameters(5, "cat")
    model = step.build_pool_model(pool)
    rest = step.resting_state(model, monoamine=0.0, settle_ms=1000.0)
    drive = step.new_drive(model, monoamine=0.0)
    drive[step.D.clamp] = 1.0
    drive[step.D.v_clamp_mV] = rest[step.S.v_soma]
    i_clamp = step.run(model, rest, drive, 400)[2]
    np.testing.assert_allclose(i_clamp, 0.0, atol=2e-3)


def test_spike_slots_overflow_is_counted_not_written():
    model, state, drive = batch()
    times, count, _, _ = step.run(model, state, drive, 4000, max_spikes=2)
    assert count.max() > 2
    assert np.all(np.isfinite(times[count >= 2]))


def test_gate_table_rejects_kinetics_that_do_not_fit_the_layout():
    grid = np.linspace(-100.0, 50.0, 11)
    kinetics = {"x": (np.full(11, 0.5), np.linspace(1.0, 2.0, 11))}
    with pytest.raises(ValueError, match="layout"):
        step.gate_table(kinetics, ("x",), (step.CONSTANT_TAU,), 0.025)
    table, decay = step.gate_table(kinetics, ("x",), (step.VARIABLE_TAU,), 0.025)
    assert table.shape == (grid.size, 4) and decay[0] == 0.0


def first_spikes_ms(dt_ms):
    pool = motoneuron.pool_parameters(3, "cat").select(np.array([0]))
    model = step.build_pool_model(pool, dt_ms)
    state = step.steady_state(model, -60.0, -60.0)
    drive = step.new_drive(model, monoamine=0.0)
    drive[step.D.i_inj_nA] = 35.0
    return step.run(model, state, drive, round(80.0 / dt_ms), max_spikes=8)[0][0, :4]


def test_spike_times_at_the_default_step_are_within_a_quarter_millisecond():
    # Four spikes over ~60 ms of repetitive firing, against a run at dt/16; reading m∞ at the
    # extrapolated mid-step voltage keeps the drift small (reading it at V(t+dt): ~1.8 ms).
    # The 35 nA step from rest fires the first spike within 0.2 ms; the interval after that
    # spike, whose AHP follows a 0.1 ms upstroke from rest, comes 0.87 ms early at dt 0.025 ms
    # (0.08 ms at dt/2), so the repetitive intervals that follow are what is compared.
    fine, default = first_spikes_ms(0.025 / 16), first_spikes_ms(0.025)
    assert np.all(np.isfinite(fine)) and np.all(np.isfinite(default))
    assert abs(default[0] - fine[0]) < 0.05
    error = np.abs(np.diff(default[1:]) - np.diff(fine[1:]))
    assert error.max() < 0.25, error


def advance(model, state, drive, g_exc, chunk_steps, first_step=0, synapses=None,
            slots=40):
    """One compiled call over ``len(g_exc)`` chunks; returns (spike slots, counts)."""
    t = model.tables
    n = model.n_neurons
    syn = synapses or step.Synapses.none(n)
    times, counts = np.full((n, slots), np.nan), np.zeros(n, dtype=np.int64)
    step.advance_pool(state, model.params, step.held(drive), np.ascontiguousarray(g_exc), syn.first,
                      syn.neuron, syn.step, syn.weight_uS, syn.inhibitory, t.soma, t.dend,
                      t.soma_decay, t.dend_decay, model.setting, t.v_min_mV, t.inv_step_per_mV,
                      first_step, model.dt_ms, chunk_steps, 0.0, times, counts, np.empty(n),
                      np.zeros(0, dtype=np.int64), np.full(n, -1, dtype=np.int64), 0, 0,
                      np.zeros((0, 0, 0)))
    return times, counts


def test_one_multi_chunk_call_equals_successive_single_chunk_calls():
    model = step.build_pool_model(motoneuron.pool_parameters(20, "human"), 0.025)
    g_exc = np.linspace(0.2, 0.8, 20)[None, :] * np.linspace(0.5, 1.5, 30)[:, None]
    start = step.resting_state(model, 1.0, settle_ms=20.0)
    inputs = step.new_drive(model, 1.0)

    single = start.copy()
    single_spikes = []
    for chunk in range(g_exc.shape[0]):
        slots, counts = advance(model, single, inputs, g_exc[chunk:chunk + 1], 40, chunk * 40)
        single_spikes += [t for j in range(20) for t in slots[j, : counts[j]]]

    chunked = start.copy()
    slots, counts = advance(model, chunked, inputs, g_exc, 40, slots=8 * g_exc.shape[0])
    chunked_spikes = [t for j in range(20) for t in slots[j, : counts[j]]]

    np.testing.assert_array_equal(chunked, single)
    assert len(single_spikes) > 5
    np.testing.assert_array_equal(np.sort(chunked_spikes), np.sort(single_spikes))


def test_a_synaptic_event_acts_in_the_step_it_arrives_in():
    # One excitatory event in step 17 (0.425 ms, off the drive's 1 ms grid) onto neuron 0,
    # stepped one step per call so that the dendrite is seen after every step.
    model = step.build_pool_model(motoneuron.pool_parameters(2, "human"), 0.025)
    rest = step.resting_state(model, 1.0, settle_ms=50.0)
    inputs = step.new_drive(model, 1.0)
    arrival = 17
    event = step.Synapses.from_events(2, np.array([0]), np.array([0]), np.array([0.05]),
                                      np.array([0]))
    traces = []
    for with_event in (False, True):
        state = rest.copy()
        trace = []
        for k in range(40):
            synapses = event if with_event and k == arrival else None
            advance(model, state, inputs, inputs[step.D.g_exc_uS][None], 1, k, synapses)
            trace.append(state[step.S.v_dend].copy())
        traces.append(np.array(trace))
    quiet, kicked = traces
    np.testing.assert_array_equal(kicked[:arrival], quiet[:arrival])  # nothing before it
    assert kicked[arrival, 0] > quiet[arrival, 0] + 1e-3  # depolarised in that very step
    np.testing.assert_array_equal(kicked[:, 1], quiet[:, 1])  # the other neuron untouched


def test_synaptic_events_are_grouped_as_lexsort_groups_them():
    """The compiled grouping by block of neurons and step keeps events of the same block and
    step, and so those of one neuron and step, in their given order (the order their
    conductances add up in), as ``np.lexsort`` does."""
    rng = np.random.default_rng(3)
    neuron = rng.integers(0, 3 * step.BLOCK, 400)
    steps = rng.integers(-2, 5, 400)
    first, order = step.by_block_and_step(3 * step.BLOCK + 1, neuron, steps)
    assert np.array_equal(order, np.lexsort((steps, neuron // step.BLOCK)))
    assert np.array_equal(first, np.concatenate([[0], np.cumsum(np.bincount(
        neuron // step.BLOCK, minlength=4))]))
    none_first, none_order = step.by_block_and_step(3, np.zeros(0, dtype=np.int64),
                                                    np.zeros(0, dtype=np.int64))
    assert np.array_equal(none_first, np.zeros(2)) and none_order.size == 0


def test_a_decayed_synapse_leaves_no_subnormal_conductance():
    # One excitatory and one inhibitory event onto neuron 0, then quiet until both conductances
    # have decayed through the whole normal double range: without the flush each would end stuck
    # at a subnormal value (x·decay rounds back to x there), which x86 processors handle two
    # orders of magnitude more slowly than normal numbers.
    model = step.build_pool_model(motoneuron.pool_parameters(2, "human"), 0.025)
    rest = step.resting_state(model, 1.0, settle_ms=20.0)
    inputs = step.new_drive(model, 1.0)
    events = step.Synapses.from_events(2, np.array([0, 0]), np.array([0, 0]),
                                       np.array([0.05, 0.05]), np.array([0, 1]))
    slowest = max(model.params[step.P.syn_exc_decay, 0], model.params[step.P.syn_inh_decay, 0])
    n_steps = int(np.log(np.finfo(float).tiny / 0.05) / np.log(slowest)) + 2000
    for backend in step.BACKENDS:
        state = rest.copy()
        step.run(model, state, inputs, 1, backend=backend, synapses=events)
        assert state[step.S.g_syn_exc, 0] > 0.0 and state[step.S.g_syn_inh, 0] > 0.0
        step.run(model, state, inputs, n_steps, t0_ms=model.dt_ms, backend=backend)
        assert state[step.S.g_syn_exc, 0] == 0.0 and state[step.S.g_syn_inh, 0] == 0.0
        magnitude = np.abs(state)
        assert not ((magnitude > 0.0) & (magnitude < np.finfo(float).tiny)).any()
