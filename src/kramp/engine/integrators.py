"""One step of a conductance-based membrane: staggered Crank–Nicolson with Rush–Larsen gates.

The scheme (second order in Δt) is the one NEURON uses with ``secondorder = 2``: V lives on whole
steps and the gates on half steps. From V(t) and gates x(t + Δt/2):

1. with the gates frozen the membrane is linear in V, C dV/dt = −G·V + J, where
   G = Σ ḡ_i·(gate product) and J = Σ ḡ_i·(gate product)·E_i + I_stim(t + Δt/2);
2. Crank–Nicolson gives V(t+Δt) = [V(C/Δt − G/2) + J] / (C/Δt + G/2)  (the linearly-implicit
   update; no exponential needed);
3. each gate is advanced from t + Δt/2 to t + 3Δt/2 by the Rush–Larsen update at V(t+Δt),
   x ← A(V) + B(V)·x, with A and B read from ``tables``.

A spike is an upward crossing of the detection threshold, its time interpolated linearly within
the step. Background noise is an Ornstein–Uhlenbeck current updated exactly,
η ← η·e^(−Δt/τ) + σ√(1 − e^(−2Δt/τ))·ξ.

Two implementations of the same arithmetic exist: ``advance_numpy`` (time-outer, vectorised over
neurons; the readable reference) and ``advance_numba`` (neuron-outer, compiled, run in parallel
over neurons). ``tests/engine/test_integrators.py`` checks that they agree.

Sources: Hines M (1984) Int J Biomed Comput 15:69–76 (staggered time steps); Rush S, Larsen H
(1978) IEEE Trans Biomed Eng 25:389–392.
"""

from __future__ import annotations

import numba
import numpy as np

from kramp.engine.tables import interpolate

ORDER = 2  # global order of accuracy in Δt of V and of spike times


# Neurons advanced together by one thread. One neuron's step is a chain of dependent operations
# (V → table row → gates → V), so a neuron-by-neuron loop waits on latency; stepping a block of
# independent neurons side by side lets the processor overlap their chains, keeps the block's
# state in the L1 cache, and lets the compiler vectorise the voltage update.
BLOCK = 64


@numba.njit(cache=True, inline="always")
def _probe_value(row, v, m, h, n, eta):
    """The value of state row ``row`` (hh_membrane.VARIABLES order) of one neuron."""
    if row == 0:
        return v
    if row == 1:
        return m
    if row == 2:
        return h
    if row == 3:
        return n
    return eta


@numba.njit(parallel=True, cache=True, fastmath={"contract"})
def advance_numba(v, gates, eta, cm, g_na, g_k, g_leak, e_na, e_k, e_leak,
                  amplitude, delay, width, noise_decay, noise_scale, normals,
                  setting, table, v_min, inv_step, first_step, dt, n_steps, threshold,
                  spike_times, spike_count, probe_rows, probe_slot, probe_every, probe_phase,
                  probe_samples):
    """Advance every neuron by ``n_steps`` in place (flat arrays over neurons; see module doc).

    The probe records rows of (V, m, h, n, background) as :class:`kramp.engine.component.Probe`
    describes. Times are (first_step + s + …)·dt, first_step being the call's first step on the
    run's clock, so that they do not depend on how a run is cut into calls. Only multiply-adds
    may be fused (``contract``); no other floating-point shortcut
    is taken.
    """
    n_neurons = v.shape[0]
    has_noise = normals.shape[0] > 0
    n_rows = table.shape[1]
    row_width = table.shape[2]
    last_row = n_rows - 1.000001
    flat_table = table.reshape(-1)
    n_blocks = (n_neurons + BLOCK - 1) // BLOCK
    for b in numba.prange(n_blocks):
        first = b * BLOCK
        last = min(first + BLOCK, n_neurons)
        size = last - first
        vb = v[first:last].copy()
        mb = gates[0, first:last].copy()
        hb = gates[1, first:last].copy()
        nb = gates[2, first:last].copy()
        eb = eta[first:last].copy()
        c_dt = cm[first:last] / dt
        leak_drive = g_leak[first:last] * e_leak[first:last]
        stim = np.empty(size)
        v_new = np.empty(size)
        count = np.zeros(size, dtype=np.int64)
        for s in range(n_steps):
            t_mid = (first_step + s + 0.5) * dt
            for q in range(size):
                j = first + q
                on = t_mid >= delay[j] and t_mid < delay[j] + width[j]
                stim[q] = amplitude[j] if on else 0.0
            if has_noise:
                for q in range(size):
                    j = first + q
                    eb[q] = eb[q] * noise_decay[j] + noise_scale[j] * normals[s, j]
                    stim[q] += eb[q]
            # Crank–Nicolson voltage update with the gates of t + dt/2
            for q in range(size):
                j = first + q
                m = mb[q]
                n2 = nb[q] * nb[q]
                gna = g_na[j] * (m * m * m * hb[q])
                gk = g_k[j] * (n2 * n2)
                half_g = 0.5 * (gna + gk + g_leak[j])
                drive = gna * e_na[j] + gk * e_k[j] + leak_drive[q] + stim[q]
                v_new[q] = (vb[q] * (c_dt[q] - half_g) + drive) / (c_dt[q] + half_g)
            for q in range(size):
                if vb[q] < threshold <= v_new[q]:
                    fraction = (threshold - vb[q]) / (v_new[q] - vb[q])
                    spike_times[first + q, count[q]] = (first_step + s + fraction) * dt
                    count[q] += 1
            # Rush–Larsen gate update at the new voltage, coefficients read from the table
            for q in range(size):
                x = min(max((v_new[q] - v_min) * inv_step, 0.0), last_row)
                i = int(x)
                f = x - i
                r = (setting[first + q] * n_rows + i) * row_width
                mb[q] = ((flat_table[r] + f * flat_table[r + 1])
                         + (flat_table[r + 2] + f * flat_table[r + 3]) * mb[q])
                hb[q] = ((flat_table[r + 4] + f * flat_table[r + 5])
                         + (flat_table[r + 6] + f * flat_table[r + 7]) * hb[q])
                nb[q] = ((flat_table[r + 8] + f * flat_table[r + 9])
                         + (flat_table[r + 10] + f * flat_table[r + 11]) * nb[q])
                vb[q] = v_new[q]
            if probe_every > 0 and (probe_phase + s + 1) % probe_every == 0:
                sample = (probe_phase + s + 1) // probe_every - 1
                for q in range(size):
                    slot = probe_slot[first + q]
                    if slot >= 0:
                        for r in range(probe_rows.shape[0]):
                            probe_samples[sample, r, slot] = _probe_value(
                                probe_rows[r], vb[q], mb[q], hb[q], nb[q], eb[q])
        v[first:last] = vb
        gates[0, first:last] = mb
        gates[1, first:last] = hb
        gates[2, first:last] = nb
        eta[first:last] = eb
        spike_count[first:last] = count


def advance_numpy(v, gates, eta, cm, g_na, g_k, g_leak, e_na, e_k, e_leak,
                  amplitude, delay, width, noise_decay, noise_scale, normals,
                  setting, table, v_min, inv_step, first_step, dt, n_steps, threshold,
                  spike_times, spike_count, probe_rows, probe_slot, probe_every, probe_phase,
                  probe_samples):
    """The same step as ``advance_numba`` in plain NumPy, vectorised over neurons."""
    spike_count[:] = 0
    c_dt = cm / dt
    leak_drive = g_leak * e_leak
    on, off = delay, delay + width
    for s in range(n_steps):
        t_mid = (first_step + s + 0.5) * dt
        stim = np.where((t_mid >= on) & (t_mid < off), amplitude, 0.0)
        if normals.shape[0] > 0:
            eta[:] = eta * noise_decay + noise_scale * normals[s]
            stim = stim + eta
        m, h, nk = gates
        n2 = nk * nk
        gna = g_na * (m * m * m * h)
        gk = g_k * (n2 * n2)
        half_g = 0.5 * (gna + gk + g_leak)
        drive = gna * e_na + gk * e_k + leak_drive + stim
        v_new = (v * (c_dt - half_g) + drive) / (c_dt + half_g)
        crossed = np.flatnonzero((v < threshold) & (threshold <= v_new))
        spike_times[crossed, spike_count[crossed]] = (
            first_step + s + (threshold - v[crossed]) / (v_new[crossed] - v[crossed])) * dt
        spike_count[crossed] += 1
        a, b = interpolate(table, setting, v_new, v_min, inv_step)
        for g in range(gates.shape[0]):
            gates[g] = a[:, g] + b[:, g] * gates[g]
        v[:] = v_new
        if probe_every > 0 and (probe_phase + s + 1) % probe_every == 0:
            chosen = np.flatnonzero(probe_slot >= 0)
            state = np.stack([v, *gates, eta])
            probe_samples[(probe_phase + s + 1) // probe_every - 1][:, probe_slot[chosen]] = \
                state[probe_rows][:, chosen]


BACKENDS = {"numba": advance_numba, "numpy": advance_numpy}
