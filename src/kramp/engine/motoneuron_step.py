"""The fast step of a motoneuron pool: two compartments, staggered Crank–Nicolson, table gates.

Each neuron of a flat ``[person·unit]`` batch has a soma and a dendrite (equations in
:mod:`kramp.physiology.motoneuron`). The scheme is the one of :mod:`kramp.engine.integrators`
extended to two coupled compartments: V_s and V_d live on whole steps, the gates and [Ca] on
half steps. From V(t) and the gates at t + Δt/2:

1. with the gates frozen both compartments are linear in V. With G a compartment's total
   conductance, J its Σ g·E plus injected current, a = C/Δt + (G + g_c)/2 and h = g_c/2,
   Crank–Nicolson gives the 2 × 2 system ::

       a_s V_s' − h V_d' = r_s = V_s (2C_s/Δt − a_s) + h V_d + J_s
       −h V_s' + a_d V_d' = r_d = V_d (2C_d/Δt − a_d) + h V_s + J_d

   solved in closed form (one division). Under somatic voltage clamp V_s' is the command, the
   dendrite row gives V_d', and the soma row gives the clamp current I = a_s V_s' − h V_d' − r_s;
2. the gates go from t + Δt/2 to t + 3Δt/2 by the Rush–Larsen update x ← A(V) + B·x
   (Rush & Larsen 1978), A and B read from tables indexed by the new voltage, as in
   :mod:`kramp.engine.tables`. Three kinds of gate keep the tables short: an *instantaneous*
   gate (τ = 0: x = x∞(V), stored as A alone), a *constant-τ* gate (B = e^(−Δt/τ) is one number
   per kinetic setting, only A is tabulated) and a *voltage-dependent-τ* gate (A and B
   tabulated). Each tabulated quantity is stored with its slope to the next grid row. The
   instantaneous Na⁺ activation m∞ is read at the voltage extrapolated to the middle of the
   next step, 1.5 V(t+Δt) − 0.5 V(t); read at V(t+Δt) it would make spike times first-order
   in Δt (about 1.8 ms drift over four spikes at Δt = 0.025 ms, against 0.13 ms);
3. [Ca] goes over the same interval exactly for a constant influx, with the Ca²⁺ current at
   t + Δt (V_s', CaN gates averaged over the two half steps):
   [Ca] ← [Ca]·e^(−Δt/τ_Ca) − k·τ_Ca(1 − e^(−Δt/τ_Ca))·I_CaN.

4. the fast synaptic conductances on the dendrite, g_e and g_i, enter step s at their mid-step
   value g·e^(−Δt/2τ) and then decay by e^(−Δt/τ); a spike arriving anywhere in step s adds
   its conductance at the step's start, so synaptic timing is resolved to Δt.

A spike is an upward crossing of ``threshold`` by V_s, its time interpolated within the step.

The inputs change between chunks of steps (the drive's 1 ms step). A call covers one or more
chunks: the excitatory drive conductance is given per chunk (``g_exc[chunk, neuron]``), synaptic
events per step (``Synapses``), and the other inputs (tonic inhibitory conductance, injected
current, monoamine level, clamp command, in ``drive``) hold over the whole call. ``run``
advances the neurons and allocates its outputs; the engine's motoneuron component calls
``advance_pool`` once per exchange interval.

Every row of the packed arrays is named: the state's by :data:`kramp.physiology.motoneuron
.VARIABLES` (``S``), the compiled parameters' by ``P``, the inputs' by ``D`` and the kernel's
workspace by ``W``.
``advance_pool`` (compiled, blocks of ``BLOCK`` neurons side by side, parallel over blocks) and
``advance_pool_numpy`` (vectorised over neurons; the readable reference) do the same arithmetic;
``tests/engine/test_motoneuron_step.py`` checks that they agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numba
import numpy as np

from kramp.engine.lines import Fanned, stable_by_key
from kramp.engine.tables import voltage_grid
from kramp.params import rows, variable_rows
from kramp.physiology import motoneuron
from kramp.physiology.motoneuron import PoolParameters

# Neurons advanced side by side by one thread (see kramp.engine.integrators.BLOCK); 16, 32 and
# 64 run equally fast here, 128 slower (the block's workspace outgrows the L1 cache).
BLOCK = 32

# A synaptic conductance that has decayed below this (µS) is set to zero. Left alone, a quiet
# synapse's conductance decays into the subnormal floating-point range, where multiplying by the
# decay factor rounds back to the same value: it stays there for good, and every operation on a
# subnormal costs x86 processors a microcode assist (a resting calf pool ran twice as slowly as a
# firing one). Anything this small is far below one ulp of the terms it is added to, so the flush
# changes no result.
NEGLIGIBLE_CONDUCTANCE_US = 1e-300

# The packed state ``state[S.<variable>, neuron]``, in the order motoneuron.VARIABLES declares.
S = variable_rows(motoneuron.VARIABLES)
N_STATE = len(S)

# The packed per-neuron parameters ``params[P.<name>, neuron]`` that ``build_pool_model`` derives.
PARAM_NAMES = ("c_soma_nF", "c_dend_nF", "g_leak_soma_uS", "g_leak_dend_uS", "e_leak_mV",
               "g_coupling_uS", "g_na_uS", "g_kdr_uS", "g_can_uS", "g_kca_uS", "g_late_uS",
               "g_cal_uS", "cal_inactivating", "e_na_mV", "e_k_mV", "e_ca_mV", "e_exc_mV",
               "e_inh_mV", "kd_kca_uM", "ca_decay", "ca_gain_uM_per_nA", "syn_exc_decay",
               "syn_inh_decay", "late_decay", "warm_up_shift_mV", "warm_up_rise", "warm_up_decay")
P = rows(PARAM_NAMES)

# The packed inputs ``drive[D.<name>, neuron]``, held over one call. ``clamp`` is 1.0 where the
# soma is voltage-clamped at ``v_clamp_mV`` and 0.0 elsewhere; ``monoamine`` (μ) multiplies the
# PIC conductance ḡ_CaL.
DRIVE_NAMES = ("g_exc_uS", "g_inh_uS", "i_inj_nA", "monoamine", "clamp", "v_clamp_mV")
D = rows(DRIVE_NAMES)

# Table layout: the kind of each gate, in the order of motoneuron.SOMA_GATES / DEND_GATES. The
# kernel reads the columns at fixed offsets, so ``build_tables`` checks the kinetics against
# this layout.
INSTANT, CONSTANT_TAU, VARIABLE_TAU = "instant", "constant", "variable"
SOMA_KINDS = (INSTANT, VARIABLE_TAU, VARIABLE_TAU, CONSTANT_TAU, CONSTANT_TAU)
DEND_KINDS = (CONSTANT_TAU, CONSTANT_TAU)
_WIDTH = {INSTANT: 2, CONSTANT_TAU: 2, VARIABLE_TAU: 4}


@dataclass(frozen=True, eq=False)
class PoolTables:
    """Rush–Larsen tables of the somatic and dendritic gates, one per kinetic setting.

    ``soma[k, i]`` and ``dend[k, i]`` hold, for grid voltage V_i = v_min_mV + i·step and each
    gate in turn, (A, ΔA) for instantaneous and constant-τ gates and (A, ΔA, B, ΔB) for
    voltage-dependent-τ gates, Δ being the difference to the next row (0 on the last row).
    ``soma_decay[k, g]`` / ``dend_decay[k, g]`` is B of constant-τ gate g (0 for the others).
    """

    soma: np.ndarray
    dend: np.ndarray
    soma_decay: np.ndarray
    dend_decay: np.ndarray
    v_min_mV: float
    step_mV: float

    @property
    def inv_step_per_mV(self) -> float:
        return 1.0 / self.step_mV


@dataclass(frozen=True, eq=False)
class PoolModel:
    """A flat batch of ``n_person × n_unit`` motoneurons ready for ``advance_pool``.

    Neuron ``j = person·n_unit + unit``. ``params`` is read-only, shape
    ``(len(P), n_neurons)``; ``setting[j]`` selects neuron j's gate tables (one setting per
    distinct set of kinetic parameters among the people).
    """

    dt_ms: float
    n_person: int
    n_unit: int
    params: np.ndarray
    tables: PoolTables
    setting: np.ndarray

    @property
    def n_neurons(self) -> int:
        return self.n_person * self.n_unit


@dataclass(frozen=True)
class Synapses:
    """Synaptic events of one call, grouped by block of ``BLOCK`` neurons (compressed rows), as
    ``advance_pool`` steps the neurons: a block's event pass then reads just the events of the
    step, not a cursor per neuron.

    The events of block b (neurons b·BLOCK …) are entries ``first[b] … first[b + 1] − 1``, in
    step order, the events of one neuron in the order they add up: each adds ``weight_uS`` to
    neuron ``neuron``'s excitatory (``inhibitory`` 0) or inhibitory (1) conductance at the start
    of step ``step`` of the call (steps outside the call are not taken). Kind ``INVASION`` (2)
    is an antidromic spike reaching the soma: the soma is depolarised to ``INVASION_MV`` at the
    start of that step (the initial-segment spike invading it), unless the soma fired after the
    time its ``weight_uS`` holds (ms on the run's clock: then an orthodromic spike met the
    antidromic one in the axon).
    """

    first: np.ndarray
    neuron: np.ndarray
    step: np.ndarray
    weight_uS: np.ndarray
    inhibitory: np.ndarray

    @staticmethod
    def none(n_neurons: int) -> Synapses:
        return Synapses(np.zeros(n_blocks(n_neurons) + 1, dtype=np.int64),
                        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0),
                        np.zeros(0, dtype=np.int64))

    @staticmethod
    def from_events(n_neurons: int, neuron: np.ndarray, step: np.ndarray, weight_uS: np.ndarray,
                    inhibitory: np.ndarray) -> Synapses:
        step = np.asarray(step, dtype=np.int64)
        neuron = np.asarray(neuron, dtype=np.int64)
        first, order = by_block_and_step(n_neurons, neuron, step)
        return Synapses(first, neuron[order], step[order],
                        np.asarray(weight_uS, dtype=float)[order],
                        np.asarray(inhibitory, dtype=np.int64)[order])

    @staticmethod
    def from_parts(n_person: int, n_unit: int, parts: Sequence[tuple[Fanned, int]],
                   first_step: int, dt_ms: float) -> Synapses:
        """The events of spikes spread over their contacts (``Fanned``, each part in time
        order, as lines deliver them) of the given kinds, in the order ``from_events`` gives the
        parts' events one after the other (the parts' spread events, each in delivery order):
        by block, then step; one neuron's events of a step by part, then delivery order.
        Neuron = person · ``n_unit`` + target; a call's step as ``Events.steps_within`` has
        it."""
        # one array type throughout, so that the compiled code indexes the parts in a loop
        spikes = tuple(tuple(np.ascontiguousarray(values, dtype=dtype) for values, dtype in (
            (part.spikes.time_ms, float), (part.spikes.person, np.int64),
            (part.spikes.element, np.int64), (part.spikes.weight, float),
            (part.start, np.int64), (part.target, np.int64), (part.contact, float)))
            for part, _ in parts)
        return Synapses(*_synapses_of_parts(
            spikes, np.array([part.n_source for part, _ in parts], dtype=np.int64),
            np.array([kind for _, kind in parts], dtype=np.int64), n_person, n_unit, first_step,
            dt_ms))


@numba.njit(cache=True)
def _synapses_of_parts(parts, n_source, kind, n_person, n_unit, first_step, dt):
    """``Synapses.from_parts``' arrays (first, neuron, step, weight, kind) for ``parts``, each
    (time, person, source, weight, start, target, contact): one counting pass and one pass
    that takes the parts' spikes in step order (the earlier part first at a tie), each block's
    events then falling in the order of the stable sort by step of the parts one after the
    other, without sorting them."""
    n_parts = len(parts)
    first = np.zeros(n_blocks(n_person * n_unit) + 1, dtype=np.int64)
    for k in range(n_parts):
        time_ms, person, source, _, start, target, _ = parts[k]
        for i in range(time_ms.size):
            if i > 0 and time_ms[i] < time_ms[i - 1]:
                raise ValueError("a part's spikes are out of time order")
            row = person[i] * n_source[k] + source[i]
            base = person[i] * n_unit
            for c in range(start[row], start[row + 1]):
                first[(base + target[c]) // BLOCK + 1] += 1
    for b in range(first.size - 1):
        first[b + 1] += first[b]
    total = first[-1]
    neurons = np.empty(total, dtype=np.int64)
    steps = np.empty(total, dtype=np.int64)
    weights = np.empty(total)
    kinds = np.empty(total, dtype=np.int64)
    fill = first[:-1].copy()
    cursor = np.zeros(n_parts, dtype=np.int64)
    while True:
        # the part whose next spike comes in the earliest step
        chosen, step = -1, 0
        for k in range(n_parts):
            if cursor[k] < parts[k][0].size:
                s = np.int64(np.floor(parts[k][0][cursor[k]] / dt)) - first_step
                if chosen < 0 or s < step:
                    chosen, step = k, s
        if chosen < 0:
            break
        _, person, source, weight, start, target, contact = parts[chosen]
        i = cursor[chosen]
        row = person[i] * n_source[chosen] + source[i]
        # the spike's values taken once: the compiler cannot keep them over the writes below
        # (the arrays might overlap), and reading them for every contact took a quarter longer
        base = person[i] * n_unit
        spike_weight = weight[i]
        spike_kind = kind[chosen]
        for c in range(start[row], start[row + 1]):
            j = base + target[c]
            e = fill[j // BLOCK]
            neurons[e] = j
            steps[e] = step
            weights[e] = spike_weight * contact[c]
            kinds[e] = spike_kind
            fill[j // BLOCK] = e + 1
        cursor[chosen] += 1
    return first, neurons, steps, weights, kinds


@numba.njit(cache=True)
def n_blocks(n_neurons):
    """How many blocks of ``BLOCK`` neurons ``advance_pool`` steps ``n_neurons`` in."""
    return (n_neurons + BLOCK - 1) // BLOCK


@numba.njit(cache=True)
def by_block_and_step(n_neurons, neuron, step):
    """Where each block's events begin (``n_blocks`` + 1) and the order that groups the events
    by block of ``BLOCK`` neurons, each block's by step, events of the same block and step in
    their given order: ``np.lexsort((step, neuron // BLOCK))``, as two counting sorts (by step,
    then stably by block) in time linear in the events, where a comparison sort of the tens of
    thousands of synaptic events in an exchange interval cost more than the rest of their
    way."""
    order = np.arange(neuron.size)
    if neuron.size == 0:
        return np.zeros(n_blocks(n_neurons) + 1, dtype=np.int64), order
    lowest = step.min()
    by_step, _ = stable_by_key(order, step - lowest, step.max() - lowest + 1)
    order, first = stable_by_key(by_step, neuron // BLOCK, n_blocks(n_neurons))
    return first, order


# An antidromic spike invades the soma from the initial segment: the soma is taken to the
# initial-segment spike's overshoot, about +30 mV in cat motoneurons (Coombs, Eccles & Fatt 1957,
# J Physiol 139:232–249; not re-checked), and its own channels do the rest.
INVASION = 2
INVASION_MV = 30.0


def gate_table(kinetics: Mapping[str, tuple[np.ndarray, np.ndarray]], gates: tuple[str, ...],
               kinds: tuple[str, ...], dt_ms: float) -> tuple[np.ndarray, np.ndarray]:
    """One setting's table rows on ``voltage_grid()`` and the B of its constant-τ gates."""
    columns, decays = [], []
    for gate, kind in zip(gates, kinds, strict=True):
        x_inf, tau_ms = kinetics[gate]
        constant = bool(np.all(tau_ms == tau_ms[0]))
        if (kind == INSTANT) != bool(np.all(tau_ms == 0.0)) or (kind == CONSTANT_TAU
                                                                 and not constant):
            raise ValueError(f"gate {gate}: kinetics do not fit the '{kind}' table layout")
        decay = np.exp(-dt_ms / tau_ms) if kind != INSTANT else np.zeros_like(x_inf)
        tabulated = [x_inf * (1.0 - decay)] + ([decay] if kind == VARIABLE_TAU else [])
        for values in tabulated:
            columns += [values, np.append(np.diff(values), 0.0)]
        decays.append(decay[0] if kind == CONSTANT_TAU else 0.0)
    return np.stack(columns, axis=1), np.array(decays)


def build_tables(settings: Sequence[Mapping[str, float]], dt_ms: float) -> PoolTables:
    """The tables of each kinetic setting (motoneuron parameters) at step ``dt_ms``."""
    grid = voltage_grid()
    parts = []
    for p in settings:
        soma, soma_decay = gate_table(motoneuron.soma_gate_kinetics(grid, p),
                                      motoneuron.SOMA_GATES, SOMA_KINDS, dt_ms)
        dend, dend_decay = gate_table(motoneuron.dendrite_gate_kinetics(grid, p),
                                      motoneuron.DEND_GATES, DEND_KINDS, dt_ms)
        parts.append((soma, dend, soma_decay, dend_decay))
    arrays = [np.ascontiguousarray(np.stack(a)) for a in zip(*parts, strict=True)]
    for a in arrays:
        a.setflags(write=False)
    return PoolTables(*arrays, float(grid[0]), float(grid[1] - grid[0]))


def build_pool_model(pools: PoolParameters | Sequence[PoolParameters], dt_ms: float = 0.025,
                     values: Mapping[str, float] | Sequence[Mapping[str, float]] | None = None
                     ) -> PoolModel:
    """Pack one pool per person into a PoolModel (every person must have the same n_unit).

    ``values`` overrides motoneuron table defaults for the scalars used here (reversal
    potentials, K_d, synaptic and gating constants): one mapping for everyone, or one per person.
    People whose gating constants are the same share one kinetic setting (one table).
    """
    pools = [pools] if isinstance(pools, PoolParameters) else list(pools)
    n_unit = pools[0].n_unit
    if any(pool.n_unit != n_unit for pool in pools):
        raise ValueError("every person's pool must have the same number of units")
    given = [values or {}] * len(pools) if values is None or isinstance(values, Mapping) \
        else list(values)
    people = [motoneuron.PARAMETERS.defaults() | dict(v) for v in given]

    def stacked(name: str) -> np.ndarray:
        return np.concatenate([getattr(pool, name) for pool in pools])

    def per_person(name: str) -> np.ndarray:
        return np.repeat([p[name] for p in people], n_unit)

    tau_ca_ms = stacked("tau_ca_ms")
    ca_decay = np.exp(-dt_ms / tau_ca_ms)
    per_unit = ("c_soma_nF", "c_dend_nF", "g_leak_soma_uS", "g_leak_dend_uS", "e_leak_mV",
                "g_coupling_uS", "g_na_uS", "g_kdr_uS", "g_can_uS", "g_kca_uS", "g_late_uS",
                "g_cal_uS", "cal_inactivating")
    columns = {name: stacked(name) for name in per_unit}
    columns.update({f"{name}_mV": per_person(name)
                    for name in ("e_na", "e_k", "e_ca", "e_exc", "e_inh")})
    columns["kd_kca_uM"] = per_person("kd_kca")
    columns["ca_decay"] = ca_decay
    columns["ca_gain_uM_per_nA"] = (stacked("ca_influx_uM_per_ms_nA") * tau_ca_ms
                                    * (1.0 - ca_decay))
    columns["syn_exc_decay"] = np.exp(-dt_ms / per_person("tau_syn_exc"))
    columns["syn_inh_decay"] = np.exp(-dt_ms / per_person("tau_syn_inh"))
    columns["late_decay"] = np.exp(-dt_ms / per_person("tau_late_adaptation"))
    columns["warm_up_shift_mV"] = per_person("pic_warm_up")
    columns["warm_up_rise"] = np.exp(-dt_ms / per_person("tau_pic_warm_up_onset"))
    columns["warm_up_decay"] = np.exp(-dt_ms / per_person("tau_pic_warm_up"))
    params = np.ascontiguousarray(np.stack([columns[name] for name in PARAM_NAMES]))
    params.setflags(write=False)
    kinetic = [tuple(p[name] for name in motoneuron.KINETIC_PARAMETERS) for p in people]
    distinct = list(dict.fromkeys(kinetic))
    setting = np.repeat([distinct.index(k) for k in kinetic], n_unit).astype(np.int64)
    settings = [dict(zip(motoneuron.KINETIC_PARAMETERS, k, strict=True)) for k in distinct]
    setting.setflags(write=False)
    return PoolModel(dt_ms, len(pools), n_unit, params, build_tables(settings, dt_ms), setting)


def new_drive(model: PoolModel, monoamine: float | np.ndarray = 1.0) -> np.ndarray:
    """An input array: no synaptic input, no current, no clamp, the given monoamine level."""
    drive = np.zeros((len(D), model.n_neurons))
    drive[D.monoamine] = monoamine
    return drive


def held(drive: np.ndarray) -> np.ndarray:
    """``drive`` as ``advance_pool`` is always given it: a read-only view. Numba compiles a
    kernel apart for a writable array, so every caller passing the same kind keeps it to one
    compilation (about 25 s on a cold cache)."""
    view = drive.view()
    view.setflags(write=False)
    return view


def interpolate_gates(table: np.ndarray, decay: np.ndarray, kinds: tuple[str, ...],
                      setting: np.ndarray, v_mV: np.ndarray, v_min_mV: float,
                      inv_step: float) -> tuple[np.ndarray, np.ndarray]:
    """(A, B) of every gate at ``v_mV`` (NumPy path), each shaped (gates, neurons).

    Outside the grid the end rows are used, exactly as in the compiled kernel.
    """
    x = np.clip((v_mV - v_min_mV) * inv_step, 0.0, table.shape[1] - 1.000001)
    i = x.astype(np.int64)
    f = x - i
    row = table[setting, i]
    a, b, column = [], [], 0
    for g, kind in enumerate(kinds):
        a.append(row[:, column] + f * row[:, column + 1])
        if kind == VARIABLE_TAU:
            b.append(row[:, column + 2] + f * row[:, column + 3])
        else:
            b.append(decay[setting, g])
        column += _WIDTH[kind]
    return np.array(a), np.array(b)


def steady_state(model: PoolModel, v_soma_mV: np.ndarray, v_dend_mV: np.ndarray) -> np.ndarray:
    """A state at the given voltages, every gate at its steady state there, [Ca] and synaptic
    conductances 0."""
    state = np.zeros((N_STATE, model.n_neurons))
    state[S.v_soma], state[S.v_dend] = v_soma_mV, v_dend_mV
    t = model.tables
    for table, decay, kinds, v, gate_rows in (
            (t.soma, t.soma_decay, SOMA_KINDS, v_soma_mV, range(S.m_na, S.h_can + 1)),
            (t.dend, t.dend_decay, DEND_KINDS, v_dend_mV, (S.m_cal, S.h_cal))):
        a, b = interpolate_gates(table, decay, kinds, model.setting,
                                 np.broadcast_to(v, (model.n_neurons,)), t.v_min_mV,
                                 t.inv_step_per_mV)
        state[list(gate_rows)] = a / (1.0 - b)  # the fixed point of x ← A + B·x is x∞
    state[S.warm_up] = state[S.m_cal]
    return state


def resting_state(model: PoolModel, monoamine: float | np.ndarray = 1.0,
                  settle_ms: float = 500.0):
    """The state reached after ``settle_ms`` without input, from steady gates at E_L."""
    e_leak = model.params[P.e_leak_mV]
    state = steady_state(model, e_leak, e_leak)
    run(model, state, new_drive(model, monoamine), round(settle_ms / model.dt_ms))
    return state


def voltage_probe(n_neurons: int, every: int) -> tuple[np.ndarray, np.ndarray, int]:
    """A probe recording V_s of every neuron every ``every`` steps: (rows, slot, every)."""
    return np.array([S.v_soma], dtype=np.int64), np.arange(n_neurons, dtype=np.int64), every


def run(model: PoolModel, state: np.ndarray, drive: np.ndarray, n_steps: int,
        t0_ms: float = 0.0, threshold_mV: float = 0.0, max_spikes: int = 8,
        record_every: int = 0, backend: str = "numba", synapses: Synapses | None = None):
    """Advance ``state`` in place by ``n_steps`` with the chosen backend.

    Returns (spike_times_ms, spike_count, i_clamp_nA, v_record_mV): this call's spike times in
    per-neuron slots (NaN where unused), the mean somatic clamp current over the call, and V_s
    of every neuron every ``record_every`` steps, ``[sample, neuron]``.
    """
    n = model.n_neurons
    spike_times = np.full((n, max_spikes), np.nan)
    spike_count = np.zeros(n, dtype=np.int64)
    i_clamp = np.zeros(n)
    probe_rows, probe_slot, every = voltage_probe(n, record_every)
    samples = np.zeros((n_steps // record_every if record_every else 0, 1, n))
    t = model.tables
    one_chunk = drive[D.g_exc_uS][None]  # n_steps steps at the g_exc of ``drive``
    syn = synapses or Synapses.none(n)
    BACKENDS[backend](state, model.params, held(drive), one_chunk, syn.first, syn.neuron, syn.step,
                      syn.weight_uS, syn.inhibitory, t.soma, t.dend, t.soma_decay, t.dend_decay,
                      model.setting, t.v_min_mV, t.inv_step_per_mV, round(t0_ms / model.dt_ms),
                      model.dt_ms, n_steps, threshold_mV, spike_times, spike_count, i_clamp,
                      probe_rows, probe_slot, every, 0, samples)
    return spike_times, spike_count, i_clamp, samples[:, 0, :]


# The per-block workspace ``work[W.<name>, q]`` of ``advance_pool``: the block's state (first, in
# the state's order, so W.v_soma == S.v_soma), the per-neuron constants and the intermediate
# values of a step. Keeping every number the step loops touch in one array lets the compiler see
# that the rows never overlap, so it vectorises those loops without run-time aliasing checks.
W = rows((
    *S._fields, "v_soma_old", "v_dend_old", "kca_open", "row_soma", "frac_soma", "row_m_na",
    "frac_m_na", "row_dend", "frac_dend", "c_soma_dt", "c_dend_dt", "half_g_coupling",
    "g_leak_soma", "j_soma", "g_dend", "j_dend", "g_cal", "cal_inactivating", "g_na", "g_kdr",
    "g_kca", "g_late", "late_decay", "warm_shift", "warm_rise", "warm_decay", "g_can", "kd_kca",
    "e_na", "e_k", "e_ca", "e_exc", "e_inh",
    "syn_exc_decay", "syn_exc_half", "syn_inh_decay", "syn_inh_half", "ca_decay", "ca_gain",
    "b_m_can", "b_h_can", "b_m_cal", "b_h_cal", "a_h_na", "b_h_na", "a_n_kdr", "b_n_kdr",
    "a_m_can", "a_h_can", "a_m_cal", "a_h_cal", "row_base", "clamped", "v_clamp", "i_clamp_sum"))
N_WORK = len(W)


@numba.njit(fastmath={"contract"}, inline="always", error_model="numpy")
def _crank_nicolson_rows(work, q, vs, vd):
    """(a_s, a_d, r_s, r_d) of neuron q's 2 × 2 system from V(t) = (vs, vd) and the gates."""
    m = work[W.m_na, q]
    n2 = work[W.n_kdr, q] * work[W.n_kdr, q]
    mn = work[W.m_can, q]
    half_gc = work[W.half_g_coupling, q]
    g_na = work[W.g_na, q] * (m * m * m * work[W.h_na, q])
    g_k = (work[W.g_kdr, q] * (n2 * n2) + work[W.g_kca, q] * work[W.kca_open, q]
           + work[W.g_late, q] * work[W.late, q])
    g_can = work[W.g_can, q] * (mn * mn * work[W.h_can, q])
    g_l = work[W.g_cal, q] * work[W.m_cal, q] * (
        1.0 - work[W.cal_inactivating, q] * (1.0 - work[W.h_cal, q]))
    g_se = work[W.g_syn_exc, q] * work[W.syn_exc_half, q]
    g_si = work[W.g_syn_inh, q] * work[W.syn_inh_half, q]
    a_s = work[W.c_soma_dt, q] + 0.5 * (g_na + g_k + g_can + work[W.g_leak_soma, q]) + half_gc
    a_d = work[W.c_dend_dt, q] + 0.5 * (g_l + work[W.g_dend, q] + g_se + g_si) + half_gc
    r_s = (vs * (2.0 * work[W.c_soma_dt, q] - a_s) + half_gc * vd + g_na * work[W.e_na, q]
           + g_k * work[W.e_k, q] + g_can * work[W.e_ca, q] + work[W.j_soma, q])
    r_d = (vd * (2.0 * work[W.c_dend_dt, q] - a_d) + half_gc * vs + g_l * work[W.e_ca, q]
           + work[W.j_dend, q] + g_se * work[W.e_exc, q] + g_si * work[W.e_inh, q])
    return a_s, a_d, r_s, r_d


@numba.njit(fastmath={"contract"}, inline="always", error_model="numpy")
def _table_positions(work, q, v_min, inv_step, last_row):
    """Neuron q's table rows and fractions at V_s(t+dt), the extrapolated V_s and V_d(t+dt).

    The rows are stored as floats (exact integers): the table-reading loop, which reads the
    tables one neuron at a time anyway, converts them to indices.
    """
    vs_new = work[W.v_soma, q]
    x = min(max((vs_new - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W.frac_soma, q] = x - x_floor
    work[W.row_soma, q] = work[W.row_base, q] + x_floor
    # instantaneous m∞ at the extrapolated mid-step voltage V(t + 3dt/2)
    x = min(max((1.5 * vs_new - 0.5 * work[W.v_soma_old, q] - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W.frac_m_na, q] = x - x_floor
    work[W.row_m_na, q] = work[W.row_base, q] + x_floor
    x = min(max((work[W.v_dend, q] - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W.frac_dend, q] = x - x_floor
    work[W.row_dend, q] = work[W.row_base, q] + x_floor


@numba.njit(fastmath={"contract"}, inline="always", error_model="numpy")
def _load_block(work, state, params, drive, setting, soma_decay, dend_decay, first, size,
                n_rows, dt):
    """Fill the workspace of neurons first … first + size − 1; return how many are clamped."""
    n_clamped = 0
    for q in range(size):
        j = first + q
        for row in range(N_STATE):
            work[row, q] = state[row, j]
        work[W.kca_open, q] = state[S.ca, j] / (state[S.ca, j] + params[P.kd_kca_uM, j])
        work[W.c_soma_dt, q] = params[P.c_soma_nF, j] / dt
        work[W.c_dend_dt, q] = params[P.c_dend_nF, j] / dt
        work[W.half_g_coupling, q] = 0.5 * params[P.g_coupling_uS, j]
        work[W.g_leak_soma, q] = params[P.g_leak_soma_uS, j]
        work[W.j_soma, q] = (params[P.g_leak_soma_uS, j] * params[P.e_leak_mV, j]
                             + drive[D.i_inj_nA, j])
        work[W.g_cal, q] = params[P.g_cal_uS, j] * drive[D.monoamine, j]
        work[W.cal_inactivating, q] = params[P.cal_inactivating, j]
        work[W.g_na, q] = params[P.g_na_uS, j]
        work[W.g_kdr, q] = params[P.g_kdr_uS, j]
        work[W.g_kca, q] = params[P.g_kca_uS, j]
        work[W.g_late, q] = params[P.g_late_uS, j]
        work[W.late_decay, q] = params[P.late_decay, j]
        work[W.warm_shift, q] = params[P.warm_up_shift_mV, j]
        work[W.warm_rise, q] = params[P.warm_up_rise, j]
        work[W.warm_decay, q] = params[P.warm_up_decay, j]
        work[W.g_can, q] = params[P.g_can_uS, j]
        work[W.kd_kca, q] = params[P.kd_kca_uM, j]
        work[W.e_na, q] = params[P.e_na_mV, j]
        work[W.e_k, q] = params[P.e_k_mV, j]
        work[W.e_ca, q] = params[P.e_ca_mV, j]
        work[W.e_exc, q] = params[P.e_exc_mV, j]
        work[W.e_inh, q] = params[P.e_inh_mV, j]
        work[W.syn_exc_decay, q] = params[P.syn_exc_decay, j]
        work[W.syn_exc_half, q] = np.sqrt(params[P.syn_exc_decay, j])
        work[W.syn_inh_decay, q] = params[P.syn_inh_decay, j]
        work[W.syn_inh_half, q] = np.sqrt(params[P.syn_inh_decay, j])
        work[W.ca_decay, q] = params[P.ca_decay, j]
        work[W.ca_gain, q] = params[P.ca_gain_uM_per_nA, j]
        # B of the constant-τ gates, one number each per setting
        k = setting[j]
        work[W.b_m_can, q] = soma_decay[k, 3]
        work[W.b_h_can, q] = soma_decay[k, 4]
        work[W.b_m_cal, q] = dend_decay[k, 0]
        work[W.b_h_cal, q] = dend_decay[k, 1]
        work[W.row_base, q] = k * n_rows
        clamped = drive[D.clamp, j] > 0.5
        work[W.clamped, q] = 1.0 if clamped else 0.0
        work[W.v_clamp, q] = drive[D.v_clamp_mV, j]
        work[W.i_clamp_sum, q] = 0.0
        n_clamped += clamped
    return n_clamped


@numba.njit(cache=True, fastmath={"contract"}, error_model="numpy")
def _advance_block(b, state, params, drive, g_exc, syn_first, syn_neuron, syn_step, syn_weight,
                  syn_inhibitory, soma_table, dend_table, soma_decay, dend_decay, setting, v_min,
                  inv_step, first_step, dt, chunk_steps, threshold, spike_times, spike_count,
                  i_clamp, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Block ``b`` of ``advance_pool``: its neurons through every step of the call.

    A kernel of its own so that the parallel loop over blocks stays small: Numba's parallel
    passes work through a loop's whole body, and with this body inside the loop the kernel took
    46 s to compile, against 9 s for the same body compiled serially; the compiled code runs as
    fast either way."""
    n_neurons = state.shape[1]
    n_chunks = g_exc.shape[0]
    n_steps = n_chunks * chunk_steps
    n_rows = soma_table.shape[1]
    last_row = n_rows - 1.000001
    soma_rows = soma_table.reshape(-1, soma_table.shape[2])
    dend_rows = dend_table.reshape(-1, dend_table.shape[2])
    max_slots = spike_times.shape[1]
    n_probe_rows = probe_rows.shape[0]
    first = b * BLOCK
    size = min(BLOCK, n_neurons - first)
    work = np.empty((N_WORK, BLOCK))
    n_clamped = _load_block(work, state, params, drive, setting, soma_decay, dend_decay,
                            first, size, n_rows, dt)
    count = np.zeros(size, dtype=np.int64)
    cursor, end = syn_first[b], syn_first[b + 1]
    # the step of the block's next synaptic event (n_steps: none), so that the event pass
    # runs only in the few steps that have one
    next_event = syn_step[cursor] if cursor < end else n_steps
    probed = False
    if probe_every > 0:
        for q in range(size):
            probed = probed or probe_slot[first + q] >= 0
    for c in range(n_chunks):
        for q in range(size):
            j = first + q
            work[W.g_dend, q] = params[P.g_leak_dend_uS, j] + g_exc[c, j] + drive[D.g_inh_uS, j]
            work[W.j_dend, q] = (params[P.g_leak_dend_uS, j] * params[P.e_leak_mV, j]
                                 + g_exc[c, j] * params[P.e_exc_mV, j]
                                 + drive[D.g_inh_uS, j] * params[P.e_inh_mV, j])
        for s in range(c * chunk_steps, (c + 1) * chunk_steps):
            # 0. synaptic events arriving in this step
            if s >= next_event:
                while cursor < end and syn_step[cursor] <= s:
                    # (an event of a step before the call's first is passed over)
                    if syn_step[cursor] == s:
                        q = syn_neuron[cursor] - first
                        kind = syn_inhibitory[cursor]
                        if kind == INVASION:
                            met = count[q] > 0 and count[q] <= max_slots and \
                                spike_times[first + q, count[q] - 1] > syn_weight[cursor]
                            if not met:
                                work[W.v_soma, q] = max(work[W.v_soma, q], INVASION_MV)
                        elif kind == 1:
                            work[W.g_syn_inh, q] += syn_weight[cursor]
                        else:
                            work[W.g_syn_exc, q] += syn_weight[cursor]
                    cursor += 1
                next_event = syn_step[cursor] if cursor < end else n_steps
            # 1. Crank–Nicolson for (V_s, V_d) with the gates and [Ca] of t + dt/2
            crossings = 0
            for q in range(size):
                vs = work[W.v_soma, q]
                vd = work[W.v_dend, q]
                a_s, a_d, r_s, r_d = _crank_nicolson_rows(work, q, vs, vd)
                half_gc = work[W.half_g_coupling, q]
                inv_det = 1.0 / (a_s * a_d - half_gc * half_gc)
                vs_new = (r_s * a_d + half_gc * r_d) * inv_det
                work[W.v_soma_old, q] = vs
                work[W.v_dend_old, q] = vd
                work[W.v_soma, q] = vs_new
                work[W.v_dend, q] = (a_s * r_d + half_gc * r_s) * inv_det
                if vs < threshold <= vs_new:
                    crossings += 1
                _table_positions(work, q, v_min, inv_step, last_row)
            # Clamped somata and threshold crossings, neuron by neuron. The pass is skipped
            # in most steps; its condition also depends on the step, which keeps the compiler
            # from copying the whole step loop for the clamp-or-not case (the copies lost the
            # vectorised gate loop below).
            if crossings + n_clamped > 0:
                for q in range(size):
                    if work[W.clamped, q] > 0.5:
                        # a clamped soma sits at its command; the soma row gives the current
                        vs = work[W.v_soma_old, q]
                        a_s, a_d, r_s, r_d = _crank_nicolson_rows(work, q, vs,
                                                                  work[W.v_dend_old, q])
                        half_gc = work[W.half_g_coupling, q]
                        v_cmd = work[W.v_clamp, q]
                        vd_new = (r_d + half_gc * v_cmd) / a_d
                        work[W.i_clamp_sum, q] += a_s * v_cmd - half_gc * vd_new - r_s
                        work[W.v_soma, q] = v_cmd
                        work[W.v_dend, q] = vd_new
                        _table_positions(work, q, v_min, inv_step, last_row)
                    vs = work[W.v_soma_old, q]
                    vs_new = work[W.v_soma, q]
                    if vs < threshold <= vs_new:
                        if count[q] < max_slots:
                            fraction = (threshold - vs) / (vs_new - vs)
                            spike_times[first + q, count[q]] = (first_step + s + fraction) * dt
                        count[q] += 1
                        work[W.late, q] += 1.0
            # 2.–4. gates, [Ca] and synaptic conductances from t + dt/2 to t + 3dt/2, tables
            # read at the new voltages: first each neuron's A and B of every gate (the rows
            # become np.uint32 indices: unsigned, they need no negative-index wraparound),
            # then the updates x ← A + B·x, which the compiler vectorises once they no longer
            # wait on reads at scattered rows.
            for q in range(size):
                row_s = np.uint32(work[W.row_soma, q])
                row_m = np.uint32(work[W.row_m_na, q])
                row_d = np.uint32(work[W.row_dend, q])
                f = work[W.frac_soma, q]
                f_d = work[W.frac_dend, q]
                work[W.m_na, q] = (soma_rows[row_m, 0]
                                   + work[W.frac_m_na, q] * soma_rows[row_m, 1])
                work[W.a_h_na, q] = soma_rows[row_s, 2] + f * soma_rows[row_s, 3]
                work[W.b_h_na, q] = soma_rows[row_s, 4] + f * soma_rows[row_s, 5]
                work[W.a_n_kdr, q] = soma_rows[row_s, 6] + f * soma_rows[row_s, 7]
                work[W.b_n_kdr, q] = soma_rows[row_s, 8] + f * soma_rows[row_s, 9]
                work[W.a_m_can, q] = soma_rows[row_s, 10] + f * soma_rows[row_s, 11]
                work[W.a_h_can, q] = soma_rows[row_s, 12] + f * soma_rows[row_s, 13]
                # the PIC's activation, read Δθ_w·w higher by its warm-up (here, in the scalar
                # pass: a branch or extra row in the vectorised voltage pass slowed it by 40 %)
                if work[W.warm_shift, q] != 0.0:
                    x = min(max((work[W.v_dend, q] + work[W.warm_shift, q] * work[W.warm_up, q]
                                 - v_min) * inv_step, 0.0), last_row)
                    x_floor = np.floor(x)
                    row_l = np.uint32(work[W.row_base, q] + x_floor)
                    f_l = x - x_floor
                else:
                    row_l, f_l = row_d, f_d
                work[W.a_m_cal, q] = dend_rows[row_l, 0] + f_l * dend_rows[row_l, 1]
                work[W.a_h_cal, q] = dend_rows[row_d, 2] + f_d * dend_rows[row_d, 3]
            for q in range(size):
                mn_old = work[W.m_can, q]
                hn_old = work[W.h_can, q]
                work[W.h_na, q] = work[W.a_h_na, q] + work[W.b_h_na, q] * work[W.h_na, q]
                work[W.n_kdr, q] = work[W.a_n_kdr, q] + work[W.b_n_kdr, q] * work[W.n_kdr, q]
                mn = work[W.a_m_can, q] + work[W.b_m_can, q] * mn_old
                hn = work[W.a_h_can, q] + work[W.b_h_can, q] * hn_old
                work[W.m_can, q] = mn
                work[W.h_can, q] = hn
                m_cal = work[W.a_m_cal, q] + work[W.b_m_cal, q] * work[W.m_cal, q]
                work[W.m_cal, q] = m_cal
                # the warm-up memory follows the PIC's activation up with τ_w,on, down with τ_w
                # (both factors loaded before the choice, so that it compiles to a vector select)
                warm = work[W.warm_up, q]
                rise = work[W.warm_rise, q]
                decay = work[W.warm_decay, q]
                work[W.warm_up, q] = m_cal + (rise if m_cal > warm else decay) * (warm - m_cal)
                work[W.h_cal, q] = work[W.a_h_cal, q] + work[W.b_h_cal, q] * work[W.h_cal, q]
                mn_mid = 0.5 * (mn_old + mn)
                i_can = (work[W.g_can, q] * (mn_mid * mn_mid * (0.5 * (hn_old + hn)))
                         * (work[W.v_soma, q] - work[W.e_ca, q]))
                ca = work[W.ca, q] * work[W.ca_decay, q] - work[W.ca_gain, q] * i_can
                work[W.ca, q] = ca
                # the KCa activation of the next step, off the voltage update's critical path
                work[W.kca_open, q] = ca / (ca + work[W.kd_kca, q])
                g_se = work[W.g_syn_exc, q] * work[W.syn_exc_decay, q]
                g_si = work[W.g_syn_inh, q] * work[W.syn_inh_decay, q]
                work[W.g_syn_exc, q] = g_se if g_se > NEGLIGIBLE_CONDUCTANCE_US else 0.0
                work[W.g_syn_inh, q] = g_si if g_si > NEGLIGIBLE_CONDUCTANCE_US else 0.0
                work[W.late, q] *= work[W.late_decay, q]
            if probed and (probe_phase + s + 1) % probe_every == 0:
                sample = (probe_phase + s + 1) // probe_every - 1
                for q in range(size):
                    slot = probe_slot[first + q]
                    if slot >= 0:
                        for r in range(n_probe_rows):
                            probe_samples[sample, r, slot] = work[probe_rows[r], q]
    for q in range(size):
        j = first + q
        for row in range(N_STATE):
            state[row, j] = work[row, q]
        spike_count[j] = count[q]
        i_clamp[j] = work[W.i_clamp_sum, q] / n_steps if work[W.clamped, q] > 0.5 else 0.0


@numba.njit(parallel=True, cache=True)
def advance_pool(state, params, drive, g_exc, syn_first, syn_neuron, syn_step, syn_weight,
                 syn_inhibitory,
                 soma_table, dend_table, soma_decay, dend_decay, setting, v_min, inv_step,
                 first_step, dt, chunk_steps, threshold, spike_times, spike_count, i_clamp,
                 probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Advance every neuron by ``len(g_exc) × chunk_steps`` steps in place (see module doc).

    state (len(S), N) float64, updated; params (len(P), N) float64; drive (len(D), N) float64,
    held over the call except its g_exc row, replaced chunk by chunk by g_exc (chunks, N);
    synaptic events as in :class:`Synapses`; soma_table (settings, rows, 14), dend_table
    (settings, rows, 4), soma_decay (settings, 5), dend_decay (settings, 2) float64; setting (N,)
    int64. spike_times (N, slots) and spike_count (N,) receive this call's spikes (a count above
    ``slots`` means spikes were dropped), at (first_step + s + fraction)·dt, first_step being the
    call's first step on the run's clock (so a time never depends on how a run is cut into
    calls); i_clamp (N,) the mean clamp current (nA, into the soma;
    0 where not clamped). After each step s with (probe_phase + s + 1) divisible by
    ``probe_every`` (0: never), state rows ``probe_rows`` of the neurons with
    ``probe_slot[j] ≥ 0`` go to ``probe_samples[sample, row, slot]`` (see
    :class:`kramp.engine.component.Probe`). Only multiply-adds may be fused (``contract``).

    Each step is up to five passes over a block: synaptic events (only in steps that have any,
    and only over those events), the voltage update (vectorised), a neuron-by-neuron pass only
    when a soma is clamped or crosses the threshold, the table reads (scalar: each neuron reads
    its own rows) and the gate updates (vectorised).
    """
    for b in numba.prange(n_blocks(state.shape[1])):
        _advance_block(b, state, params, drive, g_exc, syn_first, syn_neuron, syn_step, syn_weight,
                       syn_inhibitory, soma_table, dend_table, soma_decay, dend_decay, setting,
                       v_min, inv_step, first_step, dt, chunk_steps, threshold, spike_times,
                       spike_count, i_clamp, probe_rows, probe_slot, probe_every, probe_phase,
                       probe_samples)


def advance_pool_numpy(state, params, drive, g_exc, syn_first, syn_neuron, syn_step,
                       syn_weight, syn_inhibitory, soma_table, dend_table, soma_decay,
                       dend_decay, setting, v_min, inv_step, first_step, dt, chunk_steps,
                       threshold, spike_times, spike_count, i_clamp, probe_rows, probe_slot,
                       probe_every, probe_phase, probe_samples):
    """The same step as ``advance_pool`` in plain NumPy, vectorised over neurons."""
    spike_count[:] = 0
    i_sum = np.zeros(state.shape[1])
    cs_dt, cd_dt, half_gc = params[P.c_soma_nF] / dt, params[P.c_dend_nF] / dt, \
        0.5 * params[P.g_coupling_uS]
    g_cal = params[P.g_cal_uS] * drive[D.monoamine]
    j_soma_fixed = params[P.g_leak_soma_uS] * params[P.e_leak_mV] + drive[D.i_inj_nA]
    clamped = drive[D.clamp] > 0.5
    v_cmd = drive[D.v_clamp_mV]
    max_slots = spike_times.shape[1]
    n_steps = g_exc.shape[0] * chunk_steps
    probed = np.flatnonzero(probe_slot >= 0)
    for s in range(n_steps):
        if s % chunk_steps == 0:
            g = g_exc[s // chunk_steps]
            g_dend_fixed = params[P.g_leak_dend_uS] + g + drive[D.g_inh_uS]
            j_dend_fixed = (params[P.g_leak_dend_uS] * params[P.e_leak_mV] + g * params[P.e_exc_mV]
                            + drive[D.g_inh_uS] * params[P.e_inh_mV])
        now = syn_step == s
        for row, kind in ((S.g_syn_exc, 0), (S.g_syn_inh, 1)):
            chosen = now & (syn_inhibitory == kind)
            np.add.at(state[row], syn_neuron[chosen], syn_weight[chosen])
        for e in np.flatnonzero(now & (syn_inhibitory == INVASION)):
            j = syn_neuron[e]
            last = spike_count[j] - 1
            if not (0 <= last < max_slots and spike_times[j, last] > syn_weight[e]):
                state[S.v_soma, j] = max(state[S.v_soma, j], INVASION_MV)
        vs, vd = state[S.v_soma].copy(), state[S.v_dend].copy()
        m, h, nk = state[S.m_na], state[S.h_na], state[S.n_kdr]
        mn, hn, ml, hl, ca = (state[S.m_can].copy(), state[S.h_can].copy(), state[S.m_cal],
                              state[S.h_cal], state[S.ca])
        g_na = params[P.g_na_uS] * (m * m * m * h)
        g_k = (params[P.g_kdr_uS] * (nk * nk) ** 2
               + params[P.g_kca_uS] * (ca / (ca + params[P.kd_kca_uM]))
               + params[P.g_late_uS] * state[S.late])
        g_can = params[P.g_can_uS] * (mn * mn * hn)
        g_l = g_cal * ml * (1.0 - params[P.cal_inactivating] * (1.0 - hl))
        g_se = state[S.g_syn_exc] * np.sqrt(params[P.syn_exc_decay])
        g_si = state[S.g_syn_inh] * np.sqrt(params[P.syn_inh_decay])
        a_s = cs_dt + 0.5 * (g_na + g_k + g_can + params[P.g_leak_soma_uS]) + half_gc
        a_d = cd_dt + 0.5 * (g_l + g_dend_fixed + g_se + g_si) + half_gc
        r_s = (vs * (2.0 * cs_dt - a_s) + half_gc * vd + g_na * params[P.e_na_mV]
               + g_k * params[P.e_k_mV] + g_can * params[P.e_ca_mV] + j_soma_fixed)
        r_d = (vd * (2.0 * cd_dt - a_d) + half_gc * vs + g_l * params[P.e_ca_mV] + j_dend_fixed
               + g_se * params[P.e_exc_mV] + g_si * params[P.e_inh_mV])
        det = a_s * a_d - half_gc * half_gc
        vd_clamped = (r_d + half_gc * v_cmd) / a_d
        vs_new = np.where(clamped, v_cmd, (r_s * a_d + half_gc * r_d) / det)
        vd_new = np.where(clamped, vd_clamped, (a_s * r_d + half_gc * r_s) / det)
        i_sum += np.where(clamped, a_s * v_cmd - half_gc * vd_new - r_s, 0.0)
        crossed = np.flatnonzero((vs < threshold) & (threshold <= vs_new))
        kept = crossed[spike_count[crossed] < max_slots]
        spike_times[kept, spike_count[kept]] = (
            first_step + s + (threshold - vs[kept]) / (vs_new[kept] - vs[kept])) * dt
        spike_count[crossed] += 1
        state[S.late, crossed] += 1.0
        soma = slice(S.m_na, S.h_can + 1)
        a, b = interpolate_gates(soma_table, soma_decay, SOMA_KINDS, setting, vs_new, v_min,
                                 inv_step)
        state[soma] = a + b * state[soma]
        state[S.m_na] = interpolate_gates(soma_table, soma_decay, SOMA_KINDS, setting,
                                          1.5 * vs_new - 0.5 * vs, v_min, inv_step)[0][0]
        mn_mid = 0.5 * (mn + state[S.m_can])
        i_can = params[P.g_can_uS] * (mn_mid * mn_mid * (0.5 * (hn + state[S.h_can]))) * (
            vs_new - params[P.e_ca_mV])
        state[S.ca] = ca * params[P.ca_decay] - params[P.ca_gain_uM_per_nA] * i_can
        a, b = interpolate_gates(dend_table, dend_decay, DEND_KINDS, setting, vd_new, v_min,
                                 inv_step)
        a[0] = interpolate_gates(dend_table, dend_decay, DEND_KINDS, setting,
                                 vd_new + params[P.warm_up_shift_mV] * state[S.warm_up], v_min,
                                 inv_step)[0][0]
        state[S.m_cal:S.h_cal + 1] = a + b * state[S.m_cal:S.h_cal + 1]
        keep = np.where(state[S.m_cal] > state[S.warm_up], params[P.warm_up_rise],
                        params[P.warm_up_decay])
        state[S.warm_up] = state[S.m_cal] + keep * (state[S.warm_up] - state[S.m_cal])
        for row, decay in ((S.g_syn_exc, P.syn_exc_decay), (S.g_syn_inh, P.syn_inh_decay)):
            g = state[row] * params[decay]
            state[row] = np.where(g > NEGLIGIBLE_CONDUCTANCE_US, g, 0.0)
        state[S.late] *= params[P.late_decay]
        state[S.v_soma], state[S.v_dend] = vs_new, vd_new
        if probe_every > 0 and (probe_phase + s + 1) % probe_every == 0:
            sample = (probe_phase + s + 1) // probe_every - 1
            probe_samples[sample][:, probe_slot[probed]] = state[probe_rows][:, probed]
    i_clamp[:] = np.where(clamped, i_sum / n_steps, 0.0)


BACKENDS = {"numba": advance_pool, "numpy": advance_pool_numpy}
