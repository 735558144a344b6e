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
# independent neurons side by side lets the processor overlap their chains, and the block's state
# stays in the L1 cache.
BLOCK = 64


@numba.njit(parallel=True, cache=True)
def advance_numba(v, gates, eta, cm, g_na, g_k, g_leak, e_na, e_k, e_leak,
                  amplitude, delay, width, noise_decay, noise_scale, normals,
                  setting, table, v_min, inv_step, t0, dt, n_steps, threshold,
                  spike_times, spike_count, record_every, v_record):
    """Advance every neuron by ``n_steps`` in place (flat arrays over neurons; see module doc)."""
    n_neurons = v.shape[0]
    has_noise = normals.shape[0] > 0
    last_row = table.shape[1] - 1.000001
    n_blocks = (n_neurons + BLOCK - 1) // BLOCK
    for b in numba.prange(n_blocks):
        first = b * BLOCK
        size = min(BLOCK, n_neurons - first)
        vb = v[first:first + size].copy()
        mb = gates[0, first:first + size].copy()
        hb = gates[1, first:first + size].copy()
        nb = gates[2, first:first + size].copy()
        eb = eta[first:first + size].copy()
        count = np.zeros(size, dtype=np.int64)
        for s in range(n_steps):
            t_mid = t0 + (s + 0.5) * dt
            for q in range(size):
                j = first + q
                stim = amplitude[j] if (t_mid >= delay[j] and t_mid < delay[j] + width[j]) else 0.0
                if has_noise:
                    eb[q] = eb[q] * noise_decay[j] + noise_scale[j] * normals[s, j]
                    stim += eb[q]
                vq = vb[q]
                m = mb[q]
                h = hb[q]
                nk = nb[q]
                gna = g_na[j] * (m * m * m * h)
                gk = g_k[j] * (nk * nk * nk * nk)
                total_g = gna + gk + g_leak[j]
                drive = gna * e_na[j] + gk * e_k[j] + g_leak[j] * e_leak[j] + stim
                c_dt = cm[j] / dt
                v_new = (vq * (c_dt - 0.5 * total_g) + drive) / (c_dt + 0.5 * total_g)
                if vq < threshold <= v_new:
                    spike_times[j, count[q]] = t0 + (s + (threshold - vq) / (v_new - vq)) * dt
                    count[q] += 1
                x = (v_new - v_min) * inv_step
                x = min(max(x, 0.0), last_row)
                i = int(x)
                f = x - i
                k = setting[j]
                mb[q] = ((table[k, i, 0] + f * (table[k, i + 1, 0] - table[k, i, 0]))
                         + (table[k, i, 1] + f * (table[k, i + 1, 1] - table[k, i, 1])) * m)
                hb[q] = ((table[k, i, 2] + f * (table[k, i + 1, 2] - table[k, i, 2]))
                         + (table[k, i, 3] + f * (table[k, i + 1, 3] - table[k, i, 3])) * h)
                nb[q] = ((table[k, i, 4] + f * (table[k, i + 1, 4] - table[k, i, 4]))
                         + (table[k, i, 5] + f * (table[k, i + 1, 5] - table[k, i, 5])) * nk)
                vb[q] = v_new
            if record_every > 0 and (s + 1) % record_every == 0:
                v_record[(s + 1) // record_every - 1, first:first + size] = vb
        v[first:first + size] = vb
        gates[0, first:first + size] = mb
        gates[1, first:first + size] = hb
        gates[2, first:first + size] = nb
        eta[first:first + size] = eb
        spike_count[first:first + size] = count


def advance_numpy(v, gates, eta, cm, g_na, g_k, g_leak, e_na, e_k, e_leak,
                  amplitude, delay, width, noise_decay, noise_scale, normals,
                  setting, table, v_min, inv_step, t0, dt, n_steps, threshold,
                  spike_times, spike_count, record_every, v_record):
    """The same step as ``advance_numba`` in plain NumPy, vectorised over neurons."""
    spike_count[:] = 0
    c_dt = cm / dt
    on, off = delay, delay + width
    for s in range(n_steps):
        t_mid = t0 + (s + 0.5) * dt
        stim = np.where((t_mid >= on) & (t_mid < off), amplitude, 0.0)
        if normals.shape[0] > 0:
            eta[:] = eta * noise_decay + noise_scale * normals[s]
            stim = stim + eta
        m, h, nk = gates
        gna = g_na * (m * m * m * h)
        gk = g_k * (nk * nk * nk * nk)
        total_g = gna + gk + g_leak
        drive = gna * e_na + gk * e_k + g_leak * e_leak + stim
        v_new = (v * (c_dt - 0.5 * total_g) + drive) / (c_dt + 0.5 * total_g)
        crossed = np.flatnonzero((v < threshold) & (threshold <= v_new))
        spike_times[crossed, spike_count[crossed]] = t0 + (
            s + (threshold - v[crossed]) / (v_new[crossed] - v[crossed])) * dt
        spike_count[crossed] += 1
        coefficients = interpolate(table, setting, v_new, v_min, inv_step)
        for g in range(gates.shape[0]):
            gates[g] = coefficients[:, 2 * g] + coefficients[:, 2 * g + 1] * gates[g]
        v[:] = v_new
        if record_every > 0 and (s + 1) % record_every == 0:
            v_record[(s + 1) // record_every - 1] = v


BACKENDS = {"numba": advance_numba, "numpy": advance_numpy}
