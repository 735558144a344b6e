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

Inputs are held constant over one call: the caller steps the pool in chunks (0.5–1 ms) and
updates synaptic conductances, injected current, monoamine level and clamp command between
chunks. ``advance_pool`` (compiled, blocks of ``BLOCK`` neurons side by side, parallel over
blocks) and ``advance_pool_numpy`` (vectorised over neurons; the readable reference) do the same
arithmetic; ``tests/engine/test_motoneuron_step.py`` checks that they agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numba
import numpy as np

from kramp.engine.tables import voltage_grid
from kramp.physiology import motoneuron
from kramp.physiology.motoneuron import PoolParameters

# Neurons advanced side by side by one thread (see kramp.engine.integrators.BLOCK).
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
    BACKENDS[backend](state, model.params, drive, t.soma, t.dend, t.soma_decay, t.dend_decay,
                      model.setting, t.v_min_mV, t.inv_step_per_mV, t0_ms, model.dt_ms, n_steps,
                      threshold_mV, spike_times, spike_count, i_clamp, record_every, v_record)
    return spike_times, spike_count, i_clamp, v_record


@numba.njit(parallel=True, cache=True, fastmath={"contract"})
def advance_pool(state, params, drive, soma_table, dend_table, soma_decay, dend_decay, setting,
                 v_min, inv_step, t0, dt, n_steps, threshold, spike_times, spike_count,
                 i_clamp, record_every, v_record):
    """Advance every neuron by ``n_steps`` in place (packed arrays; see the module docstring).

    state (10, N) float64, updated; params (20, N) float64; drive (6, N) float64, held over the
    call; soma_table (settings, rows, 14), dend_table (settings, rows, 4), soma_decay
    (settings, 5), dend_decay (settings, 2) float64; setting (N,) int64. spike_times (N, slots)
    and spike_count (N,) receive this call's spikes (a count above ``slots`` means spikes were
    dropped); i_clamp (N,) the mean clamp current (nA, into the soma; 0 where not clamped);
    v_record (n_steps // record_every, N) V_s. Only multiply-adds may be fused (``contract``).
    """
    n_neurons = state.shape[1]
    n_rows = soma_table.shape[1]
    soma_width = soma_table.shape[2]
    dend_width = dend_table.shape[2]
    last_row = n_rows - 1.000001
    soma_flat = soma_table.reshape(-1)
    dend_flat = dend_table.reshape(-1)
    max_slots = spike_times.shape[1]
    n_blocks = (n_neurons + BLOCK - 1) // BLOCK
    for b in numba.prange(n_blocks):
        first = b * BLOCK
        last = min(first + BLOCK, n_neurons)
        size = last - first
        vs = state[S_VS, first:last].copy()
        vd = state[S_VD, first:last].copy()
        m = state[S_M, first:last].copy()
        h = state[S_H, first:last].copy()
        nk = state[S_N, first:last].copy()
        mn = state[S_MN, first:last].copy()
        hn = state[S_HN, first:last].copy()
        ml = state[S_ML, first:last].copy()
        hl = state[S_HL, first:last].copy()
        ca = state[S_CA, first:last].copy()
        # What stays fixed during the call, gathered per block.
        cs_dt = params[P_CS, first:last] / dt
        cd_dt = params[P_CD, first:last] / dt
        half_gc = 0.5 * params[P_GC, first:last]
        g_cal = params[P_GCAL, first:last] * drive[D_MONO, first:last]
        g_dend_fixed = (params[P_GLD, first:last] + drive[D_GEXC, first:last]
                        + drive[D_GINH, first:last])
        j_dend_fixed = (params[P_GLD, first:last] * params[P_EL, first:last]
                        + drive[D_GEXC, first:last] * params[P_EEXC, first:last]
                        + drive[D_GINH, first:last] * params[P_EINH, first:last])
        j_soma_fixed = (params[P_GLS, first:last] * params[P_EL, first:last]
                        + drive[D_IINJ, first:last])
        g_na_max = params[P_GNA, first:last]
        g_k_max = params[P_GK, first:last]
        g_kca_max = params[P_GKCA, first:last]
        g_can_max = params[P_GCAN, first:last]
        g_leak_soma = params[P_GLS, first:last]
        kd = params[P_KD, first:last]
        eps = params[P_EPS, first:last]
        e_na = params[P_ENA, first:last]
        e_k = params[P_EK, first:last]
        e_ca = params[P_ECA, first:last]
        ca_decay = params[P_CA_DECAY, first:last]
        ca_gain = params[P_CA_GAIN, first:last]
        clamped = drive[D_CLAMP, first:last] > 0.5
        any_clamped = clamped.any()
        v_cmd = drive[D_VCLAMP, first:last]
        i_sum = np.zeros(size)
        count = np.zeros(size, dtype=np.int64)
        vs_new = np.empty(size)
        vd_new = np.empty(size)
        a_s = np.empty(size)
        a_d = np.empty(size)
        r_s = np.empty(size)
        r_d = np.empty(size)
        frac = np.empty(size)
        frac_d = np.empty(size)
        row = np.empty(size, dtype=np.int64)
        row_d = np.empty(size, dtype=np.int64)
        # B of the constant-τ gates, one number each per setting
        b_mn = np.empty(size)
        b_hn = np.empty(size)
        b_ml = np.empty(size)
        b_hl = np.empty(size)
        for q in range(size):
            k = setting[first + q]
            b_mn[q] = soma_decay[k, 3]
            b_hn[q] = soma_decay[k, 4]
            b_ml[q] = dend_decay[k, 0]
            b_hl[q] = dend_decay[k, 1]
        for s in range(n_steps):
            # 1. Crank–Nicolson for (V_s, V_d) with the gates and [Ca] of t + dt/2
            for q in range(size):
                g_na = g_na_max[q] * (m[q] * m[q] * m[q] * h[q])
                n2 = nk[q] * nk[q]
                g_k = g_k_max[q] * (n2 * n2) + g_kca_max[q] * (ca[q] / (ca[q] + kd[q]))
                g_can = g_can_max[q] * (mn[q] * mn[q] * hn[q])
                g_l = g_cal[q] * ml[q] * (1.0 - eps[q] * (1.0 - hl[q]))
                a_s[q] = cs_dt[q] + 0.5 * (g_na + g_k + g_can + g_leak_soma[q]) + half_gc[q]
                a_d[q] = cd_dt[q] + 0.5 * (g_l + g_dend_fixed[q]) + half_gc[q]
                r_s[q] = (vs[q] * (2.0 * cs_dt[q] - a_s[q]) + half_gc[q] * vd[q]
                          + g_na * e_na[q] + g_k * e_k[q] + g_can * e_ca[q] + j_soma_fixed[q])
                r_d[q] = (vd[q] * (2.0 * cd_dt[q] - a_d[q]) + half_gc[q] * vs[q]
                          + g_l * e_ca[q] + j_dend_fixed[q])
            for q in range(size):
                inv_det = 1.0 / (a_s[q] * a_d[q] - half_gc[q] * half_gc[q])
                vs_new[q] = (r_s[q] * a_d[q] + half_gc[q] * r_d[q]) * inv_det
                vd_new[q] = (a_s[q] * r_d[q] + half_gc[q] * r_s[q]) * inv_det
            if any_clamped:
                # a clamped soma sits at its command; the soma row gives the clamp current
                for q in range(size):
                    if clamped[q]:
                        vs_new[q] = v_cmd[q]
                        vd_new[q] = (r_d[q] + half_gc[q] * v_cmd[q]) / a_d[q]
                        i_sum[q] += a_s[q] * v_cmd[q] - half_gc[q] * vd_new[q] - r_s[q]
            for q in range(size):
                if vs[q] < threshold <= vs_new[q]:
                    if count[q] < max_slots:
                        fraction = (threshold - vs[q]) / (vs_new[q] - vs[q])
                        spike_times[first + q, count[q]] = t0 + (s + fraction) * dt
                    count[q] += 1
            # 2.–3. gates and [Ca] from t + dt/2 to t + 3dt/2, tables read at the new voltages
            for q in range(size):
                x = min(max((vs_new[q] - v_min) * inv_step, 0.0), last_row)
                xd = min(max((vd_new[q] - v_min) * inv_step, 0.0), last_row)
                i = int(x)
                i_d = int(xd)
                frac[q] = x - i
                frac_d[q] = xd - i_d
                row[q] = (setting[first + q] * n_rows + i) * soma_width
                row_d[q] = (setting[first + q] * n_rows + i_d) * dend_width
            for q in range(size):
                r = row[q]
                f = frac[q]
                mn_old = mn[q]
                hn_old = hn[q]
                # instantaneous m∞ at the extrapolated mid-step voltage V(t + 3dt/2)
                x = min(max((1.5 * vs_new[q] - 0.5 * vs[q] - v_min) * inv_step, 0.0), last_row)
                i = int(x)
                rm = (setting[first + q] * n_rows + i) * soma_width
                m[q] = soma_flat[rm] + (x - i) * soma_flat[rm + 1]
                h[q] = ((soma_flat[r + 2] + f * soma_flat[r + 3])
                        + (soma_flat[r + 4] + f * soma_flat[r + 5]) * h[q])
                nk[q] = ((soma_flat[r + 6] + f * soma_flat[r + 7])
                         + (soma_flat[r + 8] + f * soma_flat[r + 9]) * nk[q])
                mn[q] = (soma_flat[r + 10] + f * soma_flat[r + 11]) + b_mn[q] * mn_old
                hn[q] = (soma_flat[r + 12] + f * soma_flat[r + 13]) + b_hn[q] * hn_old
                mn_mid = 0.5 * (mn_old + mn[q])
                i_can = (g_can_max[q] * (mn_mid * mn_mid * (0.5 * (hn_old + hn[q])))
                         * (vs_new[q] - e_ca[q]))
                ca[q] = ca[q] * ca_decay[q] - ca_gain[q] * i_can
            for q in range(size):
                rd = row_d[q]
                f_d = frac_d[q]
                ml[q] = (dend_flat[rd] + f_d * dend_flat[rd + 1]) + b_ml[q] * ml[q]
                hl[q] = (dend_flat[rd + 2] + f_d * dend_flat[rd + 3]) + b_hl[q] * hl[q]
            for q in range(size):
                vs[q] = vs_new[q]
                vd[q] = vd_new[q]
            if record_every > 0 and (s + 1) % record_every == 0:
                v_record[(s + 1) // record_every - 1, first:last] = vs
        state[S_VS, first:last] = vs
        state[S_VD, first:last] = vd
        state[S_M, first:last] = m
        state[S_H, first:last] = h
        state[S_N, first:last] = nk
        state[S_MN, first:last] = mn
        state[S_HN, first:last] = hn
        state[S_ML, first:last] = ml
        state[S_HL, first:last] = hl
        state[S_CA, first:last] = ca
        spike_count[first:last] = count
        for q in range(size):
            i_clamp[first + q] = i_sum[q] / n_steps if clamped[q] else 0.0


def advance_pool_numpy(state, params, drive, soma_table, dend_table, soma_decay, dend_decay,
                       setting, v_min, inv_step, t0, dt, n_steps, threshold, spike_times,
                       spike_count, i_clamp, record_every, v_record):
    """The same step as ``advance_pool`` in plain NumPy, vectorised over neurons."""
    P = params
    spike_count[:] = 0
    i_sum = np.zeros(state.shape[1])
    cs_dt, cd_dt, half_gc = P[P_CS] / dt, P[P_CD] / dt, 0.5 * P[P_GC]
    g_cal = P[P_GCAL] * drive[D_MONO]
    g_dend_fixed = P[P_GLD] + drive[D_GEXC] + drive[D_GINH]
    j_dend_fixed = (P[P_GLD] * P[P_EL] + drive[D_GEXC] * P[P_EEXC]
                    + drive[D_GINH] * P[P_EINH])
    j_soma_fixed = P[P_GLS] * P[P_EL] + drive[D_IINJ]
    clamped = drive[D_CLAMP] > 0.5
    v_cmd = drive[D_VCLAMP]
    max_slots = spike_times.shape[1]
    for s in range(n_steps):
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
