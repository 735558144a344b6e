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

A spike is an upward crossing of ``threshold`` by V_s, its time interpolated within the step.

The inputs change between chunks of steps (0.5–1 ms). A call covers one or more chunks: the
excitatory conductance is given per chunk (``g_exc[chunk, neuron]``), the other inputs
(inhibitory conductance, injected current, monoamine level, clamp command, in ``drive``) hold
over the whole call. ``run`` advances one chunk and allocates its outputs; ``run_chunks``
advances many chunks in one compiled call into the caller's spike arrays, as the motor pool does:
a call costs some 10–25 µs besides its steps, against about 120 µs for a 1 ms chunk of 300
neurons.
``advance_pool`` (compiled, blocks of ``BLOCK`` neurons side by side, parallel over blocks) and
``advance_pool_numpy`` (vectorised over neurons; the readable reference) do the same arithmetic;
``tests/engine/test_motoneuron_step.py`` checks that they agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numba
import numpy as np

from kramp.engine.tables import voltage_grid
from kramp.physiology import motoneuron
from kramp.physiology.motoneuron import PoolParameters

# Neurons advanced side by side by one thread (see kramp.engine.integrators.BLOCK); 16, 32 and
# 64 run equally fast here, 128 slower (the block's workspace outgrows the L1 cache).
BLOCK = 64

# Rows of the packed state array ``state[row, neuron]``.
STATE_ROWS = ("v_soma_mV", "v_dend_mV", "m_na", "h_na", "n_kdr", "m_can", "h_can", "m_cal",
              "h_cal", "ca_uM")
S_VS, S_VD, S_M, S_H, S_N, S_MN, S_HN, S_ML, S_HL, S_CA = range(len(STATE_ROWS))

# Rows of the packed parameter array ``params[row, neuron]``, built by ``build_pool_model``.
PARAM_ROWS = ("c_soma_nF", "c_dend_nF", "g_leak_soma_uS", "g_leak_dend_uS", "e_leak_mV",
              "g_coupling_uS", "g_na_uS", "g_kdr_uS", "g_can_uS", "g_kca_uS", "g_cal_uS",
              "cal_inactivating", "e_na_mV", "e_k_mV", "e_ca_mV", "e_exc_mV",
              "e_inh_mV", "kd_kca_uM", "ca_decay", "ca_gain_uM_per_nA")
(P_CS, P_CD, P_GLS, P_GLD, P_EL, P_GC, P_GNA, P_GK, P_GCAN, P_GKCA, P_GCAL, P_EPS, P_ENA, P_EK,
 P_ECA, P_EEXC, P_EINH, P_KD, P_CA_DECAY, P_CA_GAIN) = range(len(PARAM_ROWS))

# Rows of the packed input array ``drive[row, neuron]``, held constant over one call.
# ``clamp`` is 1.0 where the soma is voltage-clamped at ``v_clamp_mV`` and 0.0 elsewhere;
# ``monoamine`` (μ) multiplies the PIC conductance ḡ_CaL.
DRIVE_ROWS = ("g_exc_uS", "g_inh_uS", "i_inj_nA", "monoamine", "clamp", "v_clamp_mV")
D_GEXC, D_GINH, D_IINJ, D_MONO, D_CLAMP, D_VCLAMP = range(len(DRIVE_ROWS))

# Table layout: the kind of each gate, in the order of motoneuron.SOMA_GATES / DEND_GATES. The
# kernel reads the columns at fixed offsets, so ``build_pool_model`` checks the kinetics against
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
    ``(len(PARAM_ROWS), n_neurons)``; ``setting[j]`` selects neuron j's gate tables.
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


def build_tables(p: Mapping[str, float], dt_ms: float) -> PoolTables:
    """The tables of one kinetic setting (the motoneuron parameters ``p``) at step ``dt_ms``."""
    grid = voltage_grid()
    soma, soma_decay = gate_table(motoneuron.soma_gate_kinetics(grid, p), motoneuron.SOMA_GATES,
                                  SOMA_KINDS, dt_ms)
    dend, dend_decay = gate_table(motoneuron.dendrite_gate_kinetics(grid, p),
                                  motoneuron.DEND_GATES, DEND_KINDS, dt_ms)
    arrays = [a[None] for a in (soma, dend, soma_decay, dend_decay)]
    for a in arrays:
        a.setflags(write=False)
    return PoolTables(*arrays, float(grid[0]), float(grid[1] - grid[0]))


def build_pool_model(pools: PoolParameters | Sequence[PoolParameters], dt_ms: float = 0.025,
                     values: Mapping[str, float] | None = None) -> PoolModel:
    """Pack one pool per person into a PoolModel (every person must have the same n_unit).

    ``values`` overrides motoneuron table defaults for the scalars used here (reversal
    potentials, K_d and the gating constants); one kinetic setting serves the whole batch.
    """
    pools = [pools] if isinstance(pools, PoolParameters) else list(pools)
    n_unit = pools[0].n_unit
    if any(pool.n_unit != n_unit for pool in pools):
        raise ValueError("every person's pool must have the same number of units")
    p = motoneuron.PARAMETERS.defaults()
    p.update(values or {})
    n = len(pools) * n_unit

    def stacked(name: str) -> np.ndarray:
        return np.concatenate([getattr(pool, name) for pool in pools])

    tau_ca_ms = stacked("tau_ca_ms")
    ca_decay = np.exp(-dt_ms / tau_ca_ms)
    per_unit = ("c_soma_nF", "c_dend_nF", "g_leak_soma_uS", "g_leak_dend_uS", "e_leak_mV",
                "g_coupling_uS", "g_na_uS", "g_kdr_uS", "g_can_uS", "g_kca_uS", "g_cal_uS",
                "cal_inactivating")
    rows = {name: stacked(name) for name in per_unit}
    rows.update({f"{name}_mV": np.full(n, p[name])
                 for name in ("e_na", "e_k", "e_ca", "e_exc", "e_inh")})
    rows["kd_kca_uM"] = np.full(n, p["kd_kca"])
    rows["ca_decay"] = ca_decay
    rows["ca_gain_uM_per_nA"] = stacked("ca_influx_uM_per_ms_nA") * tau_ca_ms * (1.0 - ca_decay)
    params = np.ascontiguousarray(np.stack([rows[name] for name in PARAM_ROWS]))
    params.setflags(write=False)
    return PoolModel(dt_ms, len(pools), n_unit, params, build_tables(p, dt_ms),
                     np.zeros(n, dtype=np.int64))


def new_drive(model: PoolModel, monoamine: float = 1.0) -> np.ndarray:
    """An input array: no synaptic input, no current, no clamp, the given monoamine level."""
    drive = np.zeros((len(DRIVE_ROWS), model.n_neurons))
    drive[D_MONO] = monoamine
    return drive


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
    """A state at the given voltages with every gate at its steady state there and [Ca] = 0."""
    state = np.zeros((len(STATE_ROWS), model.n_neurons))
    state[S_VS], state[S_VD] = v_soma_mV, v_dend_mV
    t = model.tables
    for table, decay, kinds, v, rows in (
            (t.soma, t.soma_decay, SOMA_KINDS, v_soma_mV, range(S_M, S_HN + 1)),
            (t.dend, t.dend_decay, DEND_KINDS, v_dend_mV, (S_ML, S_HL))):
        a, b = interpolate_gates(table, decay, kinds, model.setting,
                                 np.broadcast_to(v, (model.n_neurons,)), t.v_min_mV,
                                 t.inv_step_per_mV)
        state[list(rows)] = a / (1.0 - b)  # the fixed point of x ← A + B·x is x∞
    return state


def resting_state(model: PoolModel, monoamine: float = 1.0, settle_ms: float = 500.0):
    """The state reached after ``settle_ms`` without input, from steady gates at E_L."""
    e_leak = model.params[P_EL]
    state = steady_state(model, e_leak, e_leak)
    run(model, state, new_drive(model, monoamine), round(settle_ms / model.dt_ms))
    return state


def run(model: PoolModel, state: np.ndarray, drive: np.ndarray, n_steps: int,
        t0_ms: float = 0.0, threshold_mV: float = 0.0, max_spikes: int = 8,
        record_every: int = 0, backend: str = "numba"):
    """Advance ``state`` in place by ``n_steps`` with the chosen backend.

    Returns (spike_times_ms, spike_count, i_clamp_nA, v_record_mV): this call's spike times in
    per-neuron slots (NaN where unused), the mean somatic clamp current over the call, and V_s
    every ``record_every`` steps.
    """
    n = model.n_neurons
    spike_times = np.full((n, max_spikes), np.nan)
    spike_count = np.zeros(n, dtype=np.int64)
    i_clamp = np.zeros(n)
    v_record = np.zeros((n_steps // record_every if record_every else 0, n))
    t = model.tables
    one_chunk = drive[D_GEXC][None]  # n_steps steps at the g_exc of ``drive``
    BACKENDS[backend](state, model.params, drive, one_chunk, t.soma, t.dend,
                      t.soma_decay, t.dend_decay, model.setting, t.v_min_mV, t.inv_step_per_mV,
                      t0_ms, model.dt_ms, n_steps, threshold_mV, spike_times, spike_count,
                      i_clamp, record_every, v_record)
    return spike_times, spike_count, i_clamp, v_record


def run_chunks(model: PoolModel, state: np.ndarray, drive: np.ndarray, g_exc: np.ndarray,
               chunk_steps: int, t0_ms: float, spike_times: np.ndarray,
               spike_count: np.ndarray, threshold_mV: float = 0.0) -> None:
    """Advance ``state`` in place through ``len(g_exc)`` chunks of ``chunk_steps`` steps each.

    ``g_exc[chunk]`` is the excitatory conductance of each neuron during that chunk (the g_exc
    row of ``drive`` is not read; the other inputs hold over the call), the first chunk starting
    at ``t0_ms``. The call's spike times (ms) go into the caller's ``spike_times`` (N, slots),
    valid in the first ``spike_count[j]`` slots of row j (a count above ``slots`` means spikes
    were dropped). Numba backend only.
    """
    n = model.n_neurons
    t = model.tables
    advance_pool(state, model.params, drive, g_exc, t.soma, t.dend, t.soma_decay, t.dend_decay,
                 model.setting, t.v_min_mV, t.inv_step_per_mV, t0_ms, model.dt_ms, chunk_steps,
                 threshold_mV, spike_times, spike_count, np.empty(n), 0, np.empty((0, n)))


# Rows of the per-block workspace ``work[row, q]`` of ``advance_pool``: the block's state (first,
# in STATE_ROWS order, so the S_ indices serve), the per-neuron constants and the intermediate
# values of a step. Keeping every number the step loops touch in one array lets the compiler see
# that the rows never overlap, so it vectorises those loops without run-time aliasing checks.
WORK_ROWS = (
    *STATE_ROWS, "v_soma_old_mV", "v_dend_old_mV", "kca_open", "row_soma", "frac_soma",
    "row_m_na", "frac_m_na", "row_dend", "frac_dend", "c_soma_dt", "c_dend_dt",
    "half_g_coupling", "g_leak_soma", "j_soma", "g_dend", "j_dend", "g_cal", "cal_inactivating",
    "g_na", "g_kdr", "g_kca", "g_can", "kd_kca", "e_na", "e_k", "e_ca", "ca_decay", "ca_gain",
    "b_m_can", "b_h_can", "b_m_cal", "b_h_cal", "row_base", "clamped", "v_clamp_mV",
    "i_clamp_sum")
(W_VS_OLD, W_VD_OLD, W_KCA, W_ROW_S, W_FRAC_S, W_ROW_M, W_FRAC_M, W_ROW_D, W_FRAC_D, W_CS_DT,
 W_CD_DT, W_HALF_GC, W_GLS, W_J_SOMA, W_G_DEND, W_J_DEND, W_G_CAL, W_EPS, W_GNA, W_GK, W_GKCA,
 W_GCAN, W_KD, W_ENA, W_EK, W_ECA, W_CA_DECAY, W_CA_GAIN, W_B_MN, W_B_HN, W_B_ML, W_B_HL,
 W_ROW_BASE, W_CLAMPED, W_VCMD, W_I_SUM) = range(len(STATE_ROWS), len(WORK_ROWS))
N_WORK_ROWS = len(WORK_ROWS)


@numba.njit(fastmath={"contract"}, inline="always")
def _crank_nicolson_rows(work, q, vs, vd):
    """(a_s, a_d, r_s, r_d) of neuron q's 2 × 2 system from V(t) = (vs, vd) and the gates."""
    m = work[S_M, q]
    n2 = work[S_N, q] * work[S_N, q]
    mn = work[S_MN, q]
    half_gc = work[W_HALF_GC, q]
    g_na = work[W_GNA, q] * (m * m * m * work[S_H, q])
    g_k = work[W_GK, q] * (n2 * n2) + work[W_GKCA, q] * work[W_KCA, q]
    g_can = work[W_GCAN, q] * (mn * mn * work[S_HN, q])
    g_l = work[W_G_CAL, q] * work[S_ML, q] * (1.0 - work[W_EPS, q] * (1.0 - work[S_HL, q]))
    a_s = work[W_CS_DT, q] + 0.5 * (g_na + g_k + g_can + work[W_GLS, q]) + half_gc
    a_d = work[W_CD_DT, q] + 0.5 * (g_l + work[W_G_DEND, q]) + half_gc
    r_s = (vs * (2.0 * work[W_CS_DT, q] - a_s) + half_gc * vd + g_na * work[W_ENA, q]
           + g_k * work[W_EK, q] + g_can * work[W_ECA, q] + work[W_J_SOMA, q])
    r_d = (vd * (2.0 * work[W_CD_DT, q] - a_d) + half_gc * vs + g_l * work[W_ECA, q]
           + work[W_J_DEND, q])
    return a_s, a_d, r_s, r_d


@numba.njit(fastmath={"contract"}, inline="always")
def _table_positions(work, q, v_min, inv_step, last_row):
    """Neuron q's table rows and fractions at V_s(t+dt), the extrapolated V_s and V_d(t+dt).

    The rows are stored as floats (exact integers): the table-reading loop, which reads the
    tables one neuron at a time anyway, converts them to indices.
    """
    vs_new = work[S_VS, q]
    x = min(max((vs_new - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W_FRAC_S, q] = x - x_floor
    work[W_ROW_S, q] = work[W_ROW_BASE, q] + x_floor
    # instantaneous m∞ at the extrapolated mid-step voltage V(t + 3dt/2)
    x = min(max((1.5 * vs_new - 0.5 * work[W_VS_OLD, q] - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W_FRAC_M, q] = x - x_floor
    work[W_ROW_M, q] = work[W_ROW_BASE, q] + x_floor
    x = min(max((work[S_VD, q] - v_min) * inv_step, 0.0), last_row)
    x_floor = np.floor(x)
    work[W_FRAC_D, q] = x - x_floor
    work[W_ROW_D, q] = work[W_ROW_BASE, q] + x_floor


@numba.njit(fastmath={"contract"}, inline="always")
def _load_block(work, state, params, drive, setting, soma_decay, dend_decay, first, size,
                n_rows, dt):
    """Fill the workspace of neurons first … first + size − 1; return how many are clamped."""
    n_clamped = 0
    for q in range(size):
        j = first + q
        for row in range(len(STATE_ROWS)):
            work[row, q] = state[row, j]
        work[W_KCA, q] = state[S_CA, j] / (state[S_CA, j] + params[P_KD, j])
        work[W_CS_DT, q] = params[P_CS, j] / dt
        work[W_CD_DT, q] = params[P_CD, j] / dt
        work[W_HALF_GC, q] = 0.5 * params[P_GC, j]
        work[W_GLS, q] = params[P_GLS, j]
        work[W_J_SOMA, q] = params[P_GLS, j] * params[P_EL, j] + drive[D_IINJ, j]
        work[W_G_CAL, q] = params[P_GCAL, j] * drive[D_MONO, j]
        work[W_EPS, q] = params[P_EPS, j]
        work[W_GNA, q] = params[P_GNA, j]
        work[W_GK, q] = params[P_GK, j]
        work[W_GKCA, q] = params[P_GKCA, j]
        work[W_GCAN, q] = params[P_GCAN, j]
        work[W_KD, q] = params[P_KD, j]
        work[W_ENA, q] = params[P_ENA, j]
        work[W_EK, q] = params[P_EK, j]
        work[W_ECA, q] = params[P_ECA, j]
        work[W_CA_DECAY, q] = params[P_CA_DECAY, j]
        work[W_CA_GAIN, q] = params[P_CA_GAIN, j]
        # B of the constant-τ gates, one number each per setting
        k = setting[j]
        work[W_B_MN, q] = soma_decay[k, 3]
        work[W_B_HN, q] = soma_decay[k, 4]
        work[W_B_ML, q] = dend_decay[k, 0]
        work[W_B_HL, q] = dend_decay[k, 1]
        work[W_ROW_BASE, q] = k * n_rows
        clamped = drive[D_CLAMP, j] > 0.5
        work[W_CLAMPED, q] = 1.0 if clamped else 0.0
        work[W_VCMD, q] = drive[D_VCLAMP, j]
        work[W_I_SUM, q] = 0.0
        n_clamped += clamped
    return n_clamped


@numba.njit(parallel=True, cache=True, fastmath={"contract"})
def advance_pool(state, params, drive, g_exc, soma_table, dend_table, soma_decay, dend_decay,
                 setting, v_min, inv_step, t0, dt, chunk_steps, threshold, spike_times,
                 spike_count, i_clamp, record_every, v_record):
    """Advance every neuron by ``len(g_exc) × chunk_steps`` steps in place (see module doc).

    state (10, N) float64, updated; params (20, N) float64; drive (6, N) float64, held over the
    call except its g_exc row, replaced chunk by chunk by g_exc (chunks, N) float64;
    soma_table (settings, rows, 14), dend_table (settings, rows, 4), soma_decay (settings, 5),
    dend_decay (settings, 2) float64; setting (N,) int64. spike_times (N, slots) and
    spike_count (N,) receive this call's spikes (a count above ``slots`` means spikes were
    dropped); i_clamp (N,) the mean clamp current (nA, into the soma; 0 where not clamped);
    v_record (n_steps // record_every, N) V_s. Only multiply-adds may be fused (``contract``).

    Each step is three passes over a block: the voltage update (vectorised), a neuron-by-neuron
    pass only when a soma is clamped or crosses the threshold, and the table reads and gate
    updates (the reads are scalar, the arithmetic around them vectorised).
    """
    n_neurons = state.shape[1]
    n_chunks = g_exc.shape[0]
    n_steps = n_chunks * chunk_steps
    n_rows = soma_table.shape[1]
    last_row = n_rows - 1.000001
    soma_rows = soma_table.reshape(-1, soma_table.shape[2])
    dend_rows = dend_table.reshape(-1, dend_table.shape[2])
    max_slots = spike_times.shape[1]
    n_blocks = (n_neurons + BLOCK - 1) // BLOCK
    for b in numba.prange(n_blocks):
        first = b * BLOCK
        size = min(BLOCK, n_neurons - first)
        work = np.empty((N_WORK_ROWS, BLOCK))
        n_clamped = _load_block(work, state, params, drive, setting, soma_decay, dend_decay,
                                first, size, n_rows, dt)
        count = np.zeros(size, dtype=np.int64)
        for c in range(n_chunks):
            for q in range(size):
                j = first + q
                work[W_G_DEND, q] = params[P_GLD, j] + g_exc[c, j] + drive[D_GINH, j]
                work[W_J_DEND, q] = (params[P_GLD, j] * params[P_EL, j]
                                     + g_exc[c, j] * params[P_EEXC, j]
                                     + drive[D_GINH, j] * params[P_EINH, j])
            for s in range(c * chunk_steps, (c + 1) * chunk_steps):
                # 1. Crank–Nicolson for (V_s, V_d) with the gates and [Ca] of t + dt/2
                crossings = 0
                for q in range(size):
                    vs = work[S_VS, q]
                    vd = work[S_VD, q]
                    a_s, a_d, r_s, r_d = _crank_nicolson_rows(work, q, vs, vd)
                    half_gc = work[W_HALF_GC, q]
                    inv_det = 1.0 / (a_s * a_d - half_gc * half_gc)
                    vs_new = (r_s * a_d + half_gc * r_d) * inv_det
                    work[W_VS_OLD, q] = vs
                    work[W_VD_OLD, q] = vd
                    work[S_VS, q] = vs_new
                    work[S_VD, q] = (a_s * r_d + half_gc * r_s) * inv_det
                    if vs < threshold <= vs_new:
                        crossings += 1
                    _table_positions(work, q, v_min, inv_step, last_row)
                # Clamped somata and threshold crossings, neuron by neuron. The pass is skipped
                # in most steps; its condition also depends on the step, which keeps the compiler
                # from copying the whole step loop for the clamp-or-not case (the copies lost the
                # vectorised gate loop below).
                if crossings + n_clamped > 0:
                    for q in range(size):
                        if work[W_CLAMPED, q] > 0.5:
                            # a clamped soma sits at its command; the soma row gives the current
                            vs = work[W_VS_OLD, q]
                            a_s, a_d, r_s, r_d = _crank_nicolson_rows(work, q, vs,
                                                                      work[W_VD_OLD, q])
                            half_gc = work[W_HALF_GC, q]
                            v_cmd = work[W_VCMD, q]
                            vd_new = (r_d + half_gc * v_cmd) / a_d
                            work[W_I_SUM, q] += a_s * v_cmd - half_gc * vd_new - r_s
                            work[S_VS, q] = v_cmd
                            work[S_VD, q] = vd_new
                            _table_positions(work, q, v_min, inv_step, last_row)
                        vs = work[W_VS_OLD, q]
                        vs_new = work[S_VS, q]
                        if vs < threshold <= vs_new:
                            if count[q] < max_slots:
                                fraction = (threshold - vs) / (vs_new - vs)
                                spike_times[first + q, count[q]] = t0 + (s + fraction) * dt
                            count[q] += 1
                # 2.–3. gates and [Ca] from t + dt/2 to t + 3dt/2, tables read at the new
                # voltages. The rows become np.uint32 indices: unsigned, they need no
                # negative-index wraparound.
                for q in range(size):
                    row_s = np.uint32(work[W_ROW_S, q])
                    row_m = np.uint32(work[W_ROW_M, q])
                    row_d = np.uint32(work[W_ROW_D, q])
                    f = work[W_FRAC_S, q]
                    f_d = work[W_FRAC_D, q]
                    mn_old = work[S_MN, q]
                    hn_old = work[S_HN, q]
                    work[S_M, q] = soma_rows[row_m, 0] + work[W_FRAC_M, q] * soma_rows[row_m, 1]
                    work[S_H, q] = ((soma_rows[row_s, 2] + f * soma_rows[row_s, 3])
                                    + (soma_rows[row_s, 4] + f * soma_rows[row_s, 5])
                                    * work[S_H, q])
                    work[S_N, q] = ((soma_rows[row_s, 6] + f * soma_rows[row_s, 7])
                                    + (soma_rows[row_s, 8] + f * soma_rows[row_s, 9])
                                    * work[S_N, q])
                    mn = ((soma_rows[row_s, 10] + f * soma_rows[row_s, 11])
                          + work[W_B_MN, q] * mn_old)
                    hn = ((soma_rows[row_s, 12] + f * soma_rows[row_s, 13])
                          + work[W_B_HN, q] * hn_old)
                    work[S_MN, q] = mn
                    work[S_HN, q] = hn
                    work[S_ML, q] = ((dend_rows[row_d, 0] + f_d * dend_rows[row_d, 1])
                                     + work[W_B_ML, q] * work[S_ML, q])
                    work[S_HL, q] = ((dend_rows[row_d, 2] + f_d * dend_rows[row_d, 3])
                                     + work[W_B_HL, q] * work[S_HL, q])
                    mn_mid = 0.5 * (mn_old + mn)
                    i_can = (work[W_GCAN, q] * (mn_mid * mn_mid * (0.5 * (hn_old + hn)))
                             * (work[S_VS, q] - work[W_ECA, q]))
                    ca = work[S_CA, q] * work[W_CA_DECAY, q] - work[W_CA_GAIN, q] * i_can
                    work[S_CA, q] = ca
                    # the KCa activation of the next step, off the voltage update's critical path
                    work[W_KCA, q] = ca / (ca + work[W_KD, q])
                if record_every > 0 and (s + 1) % record_every == 0:
                    for q in range(size):
                        v_record[(s + 1) // record_every - 1, first + q] = work[S_VS, q]
        for q in range(size):
            j = first + q
            for row in range(len(STATE_ROWS)):
                state[row, j] = work[row, q]
            spike_count[j] = count[q]
            i_clamp[j] = work[W_I_SUM, q] / n_steps if work[W_CLAMPED, q] > 0.5 else 0.0


def advance_pool_numpy(state, params, drive, g_exc, soma_table, dend_table, soma_decay,
                       dend_decay, setting, v_min, inv_step, t0, dt, chunk_steps, threshold,
                       spike_times, spike_count, i_clamp, record_every, v_record):
    """The same step as ``advance_pool`` in plain NumPy, vectorised over neurons."""
    P = params
    spike_count[:] = 0
    i_sum = np.zeros(state.shape[1])
    cs_dt, cd_dt, half_gc = P[P_CS] / dt, P[P_CD] / dt, 0.5 * P[P_GC]
    g_cal = P[P_GCAL] * drive[D_MONO]
    j_soma_fixed = P[P_GLS] * P[P_EL] + drive[D_IINJ]
    clamped = drive[D_CLAMP] > 0.5
    v_cmd = drive[D_VCLAMP]
    max_slots = spike_times.shape[1]
    n_steps = g_exc.shape[0] * chunk_steps
    for s in range(n_steps):
        if s % chunk_steps == 0:
            g = g_exc[s // chunk_steps]
            g_dend_fixed = P[P_GLD] + g + drive[D_GINH]
            j_dend_fixed = P[P_GLD] * P[P_EL] + g * P[P_EEXC] + drive[D_GINH] * P[P_EINH]
        vs, vd, m, h, nk, mn, hn, ml, hl, ca = state.copy()
        g_na = P[P_GNA] * (m * m * m * h)
        g_k = P[P_GK] * (nk * nk) ** 2 + P[P_GKCA] * (ca / (ca + P[P_KD]))
        g_can = P[P_GCAN] * (mn * mn * hn)
        g_l = g_cal * ml * (1.0 - P[P_EPS] * (1.0 - hl))
        a_s = cs_dt + 0.5 * (g_na + g_k + g_can + P[P_GLS]) + half_gc
        a_d = cd_dt + 0.5 * (g_l + g_dend_fixed) + half_gc
        r_s = (vs * (2.0 * cs_dt - a_s) + half_gc * vd + g_na * P[P_ENA] + g_k * P[P_EK]
               + g_can * P[P_ECA] + j_soma_fixed)
        r_d = vd * (2.0 * cd_dt - a_d) + half_gc * vs + g_l * P[P_ECA] + j_dend_fixed
        det = a_s * a_d - half_gc * half_gc
        vd_clamped = (r_d + half_gc * v_cmd) / a_d
        vs_new = np.where(clamped, v_cmd, (r_s * a_d + half_gc * r_d) / det)
        vd_new = np.where(clamped, vd_clamped, (a_s * r_d + half_gc * r_s) / det)
        i_sum += np.where(clamped, a_s * v_cmd - half_gc * vd_new - r_s, 0.0)
        crossed = np.flatnonzero((vs < threshold) & (threshold <= vs_new))
        kept = crossed[spike_count[crossed] < max_slots]
        spike_times[kept, spike_count[kept]] = t0 + (
            s + (threshold - vs[kept]) / (vs_new[kept] - vs[kept])) * dt
        spike_count[crossed] += 1
        a, b = interpolate_gates(soma_table, soma_decay, SOMA_KINDS, setting, vs_new, v_min,
                                 inv_step)
        state[S_M:S_HN + 1] = a + b * state[S_M:S_HN + 1]
        state[S_M] = interpolate_gates(soma_table, soma_decay, SOMA_KINDS, setting,
                                       1.5 * vs_new - 0.5 * vs, v_min, inv_step)[0][0]
        mn_mid = 0.5 * (mn + state[S_MN])
        i_can = P[P_GCAN] * (mn_mid * mn_mid * (0.5 * (hn + state[S_HN]))) * (vs_new - P[P_ECA])
        state[S_CA] = ca * P[P_CA_DECAY] - P[P_CA_GAIN] * i_can
        a, b = interpolate_gates(dend_table, dend_decay, DEND_KINDS, setting, vd_new, v_min,
                                 inv_step)
        state[S_ML:S_HL + 1] = a + b * state[S_ML:S_HL + 1]
        state[S_VS], state[S_VD] = vs_new, vd_new
        if record_every > 0 and (s + 1) % record_every == 0:
            v_record[(s + 1) // record_every - 1] = vs_new
    i_clamp[:] = np.where(clamped, i_sum / n_steps, 0.0)


BACKENDS = {"numba": advance_pool, "numpy": advance_pool_numpy}
