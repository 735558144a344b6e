"""The end-plate region of a muscle fibre as a cable: the end plate and the fibre beside it.

The default fibre (:mod:`kramp.physiology.sarcolemma`) is a point: its end-plate current
depolarises the whole fibre at once. That is enough where the end-plate current is over before
the action potential is (the default one-to-one junction). Where it is not (acetylcholinesterase
inhibited: the current decays several times more slowly), the end plate is a small spot on a long
fibre: its potential spreads electrotonically along the fibre and fades with distance, so the
membrane beside the end plate sees a smaller depolarisation than the end plate itself. This module
models that: half a fibre from the end plate outwards (the other half is its mirror image) as a
chain of ``cable_segments`` segments of length Δx, each one two-compartment membrane of
:mod:`kramp.physiology.sarcolemma` (surface V_s,i and T-tubule V_t,i, the same currents, gates
and T-tubular K⁺), coupled through the myoplasm::

    C_s dV_s,i/dt = −I_ion,s,i + g_a (V_t,i − V_s,i) + g_x (V_s,i−1 − 2 V_s,i + V_s,i+1)
                    + [i = 0] I_EP
    C_t dV_t,i/dt = −I_ion,t,i + g_a (V_s,i − V_t,i)
    g_x = a / (2 R_i Δx²)    (mS/cm² of surface; a the fibre radius, R_i the myoplasm's
                              resistivity: the axial conductance π a²/(R_i Δx) between
                              neighbours over a segment's surface 2π a Δx)

with sealed ends: at the end plate (x = 0) by symmetry, and at ``cable_length`` from it, where
the chain stops (several length constants out, so the end does not matter for the spread; an
action potential that gets there has left the end-plate region). The end-plate conductance acts
on segment 0 (per cm² of its surface; its amplitude is scaled with the segment's length so that
the end plate's total conductance is the same at any Δx, and the responses converge as Δx
shrinks: the tests compare 50, 25 and 10 µm); the first ``junction_segments`` segments (the
perijunctional membrane) carry ``perijunctional_sodium`` times the surface Na⁺ channel density
(Roberts 1987; Caldwell, Campbell & Beam 1986). The fibre's action potentials are read at
``recording_distance`` from the end plate (segment ``recording``), where the end-plate potential
itself has faded: what propagates away along the fibre.

Passive spread. At rest, with a steady current at the end plate, the potential along the cable
is that of a sealed cable of length L (Hodgkin & Rushton 1946; Jack, Noble & Tsien 1975)::

    ΔV(x) = ΔV(0) cosh((L − x)/λ) / cosh(L/λ),    λ = √(a / (2 R_i G_m)),

G_m the membrane's slope conductance per cm² of surface (the T-tubule's in series with its
access conductance included); the tests compare the chain with it.

Numerics. The same as the point fibre's, extended to the chain: the gates by exponential
(Rush–Larsen) steps with V held (from the step's tables, or the formulas); the potentials by one
backward-Euler step of the whole linear system, the conductances at the new gates and the Kir
chord conductance and pump current at the old potentials. Each segment's tubular potential is
eliminated (it couples only to its own surface), leaving a tridiagonal system in the surface
potentials, solved exactly (Thomas algorithm); [K]_t by the exact solution of its linear
equation; the end-plate conductance decays exactly. Stable at any step, and a steady state of
the step is a steady state of the equations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numba
import numpy as np

from kramp.physiology import ions
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q

# The cable's variables per segment, in this order (rows of a unit's [variable, segment] array).
CABLE_VARIABLES = ("v_surface", "v_tubule", "m_surface", "h_surface", "n_surface", "m_tubule",
                   "h_tubule", "n_tubule", "k_tubule")
N_CABLE = len(CABLE_VARIABLES)
VS, VT, MS, HS, NS, MT, HT, NT, KT = range(N_CABLE)
# The point fibre's packed variables the recording segment's values are copied into.
POINT_ROWS = (sl.S.v_surface, sl.S.v_tubule, sl.S.m_surface, sl.S.h_surface, sl.S.n_surface,
              sl.S.m_tubule, sl.S.h_tubule, sl.S.n_tubule, sl.S.k_tubule)


def geometry(values: Mapping[str, float], diameter_um: float) -> tuple[int, int, int, float]:
    """(segments, junction segments, recording segment, g_x in mS/cm² of surface) of a fibre of
    ``diameter_um`` with the ``sarcolemma`` parameters ``values``."""
    dx_um = values["cable_segment"]
    segments = max(3, round(1e3 * values["cable_length"] / dx_um))
    junction = min(segments, max(1, round(values["perijunctional_length"] / dx_um)))
    recording = min(segments - 1, round(1e3 * values["recording_distance"] / dx_um))
    radius_cm, dx_cm = 0.5 * diameter_um * 1e-4, dx_um * 1e-4
    g_axial = radius_cm / (2.0 * values["myoplasm_resistivity"] * dx_cm * dx_cm) * 1e3
    return segments, junction, recording, g_axial


def length_constant_mm(values: Mapping[str, float], diameter_um: float,
                       slope_conductance: float) -> float:
    """λ (mm) of a fibre of ``diameter_um`` whose membrane has ``slope_conductance`` (mS/cm² of
    surface)."""
    radius_cm = 0.5 * diameter_um * 1e-4
    return math.sqrt(radius_cm / (2.0 * values["myoplasm_resistivity"]
                                  * slope_conductance * 1e-3)) * 10.0


SCRATCH_ROWS = 8


@numba.njit(**sl.STEP_COMPILE)
def cable_step(y, q, gep, dt, epc_decay, k_decay, table, lumen, scratch):
    """One step of ``dt`` of a unit's cable ``y`` [variable, segment] (in place), the end-plate
    conductance ``gep`` on segment 0; returns (the new end-plate conductance, the step's mean
    end-plate current at segment 0, µA/cm², inward positive, the largest |dV/dt| of any
    compartment in the step, mV/ms). ``table``/``lumen``: the unit's
    gate and lumen tables for this dt (``sarcolemma.gate_table``), or no rows (the formulas);
    ``scratch`` a [``SCRATCH_ROWS``, segments] work array."""
    n = int(q[Q.cable_segments])
    junction = int(q[Q.cable_junction])
    gx = q[Q.g_axial]
    ga = q[Q.g_a]
    inv_dt = 1.0 / dt
    cs_dt = q[Q.c_s] * inv_dt
    ct_dt = q[Q.c_t] * inv_dt
    e_na, e_cl, e_ks = q[Q.e_na], q[Q.e_cl], q[Q.e_k_s]
    pump_s_max = q[Q.pump_s] * q[Q.k_out] / (q[Q.k_out] + q[Q.pump_k_half])
    g_ep_mean = gep * (1.0 - epc_decay) * q[Q.epc_tau] / dt  # mean over the step
    use_table = table.shape[0] > 0
    for i in range(n):
        vs, vt_, kt = y[VS, i], y[VT, i], y[KT, i]
        if use_table:
            ms, hs, ns, kir_s, pump_s, _ = sl.tabulated_gates(vs, y[MS, i], y[HS, i], y[NS, i],
                                                              table)
            mt, ht, nt, _, pump_t, kir_e_t = sl.tabulated_gates(vt_, y[MT, i], y[HT, i],
                                                                y[NT, i], table)
            e_kt, root, lumen_e = sl.tabulated_lumen_factors(kt, q, lumen)
        else:
            ms, hs, ns = sl.gates(vs, y[MS, i], y[HS, i], y[NS, i], dt, q)
            mt, ht, nt = sl.gates(vt_, y[MT, i], y[HT, i], y[NT, i], dt, q)
            kir_s = sl.kir_conductance(vs, q[Q.k_out], q[Q.e_k_s], q)
            pump_s = sl.pump_voltage_factor(vs, q)
            pump_t = sl.pump_voltage_factor(vt_, q)
            kir_e_t = sl.kir_exponential(vt_, q)
            e_kt, root, lumen_e = sl.lumen_factors(kt, q)
        y[MS, i], y[HS, i], y[NS, i], y[MT, i], y[HT, i], y[NT, i] = ms, hs, ns, mt, ht, nt
        g_na = q[Q.g_na_s] * ms * ms * ms * hs
        if i < junction:
            g_na *= q[Q.na_junction]
        g_k = q[Q.g_k_s] * ns ** 4
        g_kir = q[Q.g_kir_s] * kir_s
        g_s = g_na + g_k + g_kir + q[Q.g_cl_s] + q[Q.g_leak]
        i_s = ((g_na + q[Q.g_leak]) * e_na + (g_k + g_kir) * e_ks + q[Q.g_cl_s] * e_cl
               - pump_s_max * pump_s)
        if i == 0:
            g_s += g_ep_mean
            i_s += g_ep_mean * q[Q.epc_reversal]
        g_na_t = q[Q.g_na_t] * mt * mt * mt * ht
        g_lumen = q[Q.g_k_t] * nt ** 4 + q[Q.g_kir_t] * sl.tubule_kir(kir_e_t, root, lumen_e)
        g_t = g_na_t + g_lumen + q[Q.g_cl_t]
        i_t = (g_na_t * e_na + g_lumen * e_kt + q[Q.g_cl_t] * e_cl
               - q[Q.pump_t] * pump_t * kt / (kt + q[Q.pump_k_half]))
        # the segment's tubule eliminated: V_t = (b2 + g_a V_s) / a22
        a22 = ct_dt + g_t + ga
        b2 = ct_dt * vt_ + i_t
        neighbours = (1.0 if i > 0 else 0.0) + (1.0 if i < n - 1 else 0.0)
        scratch[0, i] = cs_dt + g_s + ga - ga * ga / a22 + gx * neighbours
        scratch[1, i] = cs_dt * vs + i_s + ga * b2 / a22
        scratch[2, i] = a22
        scratch[3, i] = b2
        scratch[4, i] = g_lumen
        scratch[5, i] = e_kt
    # Thomas algorithm: −g_x V_(i−1) + d_i V_i − g_x V_(i+1) = r_i
    c_prime, d_prime = scratch[6], scratch[7]
    c_prime[0] = -gx / scratch[0, 0]
    d_prime[0] = scratch[1, 0] / scratch[0, 0]
    for i in range(1, n):
        m = scratch[0, i] + gx * c_prime[i - 1]
        c_prime[i] = -gx / m
        d_prime[i] = (scratch[1, i] + gx * d_prime[i - 1]) / m
    v = d_prime[n - 1]
    motion = 0.0
    for i in range(n - 1, -1, -1):
        if i < n - 1:
            v = d_prime[i] - c_prime[i] * v
        vt_new = (scratch[3, i] + ga * v) / scratch[2, i]
        motion = max(motion, abs(v - y[VS, i]), abs(vt_new - y[VT, i]))
        y[VS, i] = v
        y[VT, i] = vt_new
        pump_t_new = (sl.tabulated_pump_factor(vt_new, table) if use_table
                      else sl.pump_voltage_factor(vt_new, q))
        y[KT, i] = sl.step_lumen_potassium(vt_new, y[KT, i], scratch[5, i], scratch[4, i],
                                           pump_t_new, k_decay, q)
    return gep * epc_decay, g_ep_mean * (q[Q.epc_reversal] - y[VS, 0]), motion * inv_dt


def resting_cable(q: np.ndarray, settle_ms: float = 200.0, dt_ms: float = 0.5) -> np.ndarray:
    """The cable [variable, segment] of a fibre with constants ``q`` at rest: every segment at
    the point fibre's resting state, then left alone for ``settle_ms`` (the perijunctional
    segments, with more Na⁺ channels, rest a little higher)."""
    rest = sl.resting_state(q)
    n = int(q[Q.cable_segments])
    y = np.empty((N_CABLE, n))
    for r, row in enumerate(POINT_ROWS):
        y[r] = rest[row]
    scratch = np.empty((SCRATCH_ROWS, n))
    decays = sl.step_decays(dt_ms, q)
    no_table = np.empty((0, 9))
    for _ in range(round(settle_ms / dt_ms)):
        cable_step(y, q, 0.0, dt_ms, decays[0], decays[1], no_table, np.empty((0, 3)), scratch)
    return y


@numba.njit(cache=True)
def _run(y, q, amplitude, dt, duration, every, trace):
    """Step the cable ``y`` (in place) for ``duration`` after an end-plate conductance of
    ``amplitude`` at t = 0: (upward crossings of ``ap_detection`` at the recording segment,
    their times, the largest rate of rise there, its peak); every ``every`` steps the surface
    potentials go to ``trace`` rows while it has room."""
    n = int(q[Q.cable_segments])
    recording = int(q[Q.cable_recording])
    scratch = np.empty((SCRATCH_ROWS, n))
    epc_decay, k_decay = sl.step_decays(dt, q)
    no_table, no_lumen = np.empty((0, 9)), np.empty((0, 3))
    gep = amplitude
    times = np.full(64, np.nan)
    count = 0
    rate, peak = 0.0, y[VS, recording]
    for s in range(round(duration / dt)):
        before = y[VS, recording]
        gep, _, _ = cable_step(y, q, gep, dt, epc_decay, k_decay, no_table, no_lumen, scratch)
        after = y[VS, recording]
        rate = max(rate, (after - before) / dt)
        peak = max(peak, after)
        if before < q[Q.ap_detection] <= after:
            if count < times.size:
                times[count] = (s + (q[Q.ap_detection] - before) / (after - before)) * dt
            count += 1
        if every > 0 and s % every == 0 and s // every < trace.shape[0]:
            trace[s // every, :] = y[VS]
    return count, times, rate, peak


def response(q: np.ndarray, amplitude: float, dt_ms: float = 0.025, duration_ms: float = 20.0,
             start: np.ndarray | None = None, trace_every: int = 0
             ) -> tuple[np.ndarray, float, float, np.ndarray]:
    """(action-potential times at the recording segment in ms, its largest rate of rise in
    mV/ms, its peak potential, the surface potentials [sample, segment] every ``trace_every``
    steps) after one end-plate conductance of ``amplitude`` mS/cm² at a cable at rest (or at
    ``start``)."""
    y = (resting_cable(q) if start is None else start).copy()
    rows = int(duration_ms / dt_ms) // trace_every + 1 if trace_every > 0 else 0
    trace = np.zeros((rows, y.shape[1]))
    count, times, rate, peak = _run(y, q, float(amplitude), dt_ms, duration_ms, trace_every,
                                    trace)
    return times[:min(count, times.size)], rate, peak, trace


def source_crossings(q: np.ndarray, conductance_mS_per_cm2: np.ndarray, dt_ms: float,
                     segments: Sequence[int], start: np.ndarray | None = None
                     ) -> list[np.ndarray]:
    """For each of ``segments``, the times (ms from the start, interpolated within the step) at
    which its surface potential rose through ``ap_detection`` while the cable (at rest, or at
    ``start``) took ``conductance_mS_per_cm2[i]`` through its end-plate input in step i: with
    ``epc_reversal`` far beyond any membrane potential that input is a current source, as the
    validation experiments set it up for a microelectrode."""
    y = (resting_cable(q) if start is None else start).copy()
    scratch = np.empty((SCRATCH_ROWS, y.shape[1]))
    epc_decay, k_decay = sl.step_decays(dt_ms, q)
    no_table, no_lumen = np.empty((0, 9)), np.empty((0, 3))
    watched = np.asarray(segments, dtype=np.int64)
    level = q[Q.ap_detection]
    found: list[list[float]] = [[] for _ in watched]
    before = y[VS, watched]
    for i, conductance in enumerate(conductance_mS_per_cm2):
        cable_step(y, q, float(conductance), dt_ms, epc_decay, k_decay, no_table, no_lumen,
                   scratch)
        after = y[VS, watched]
        for k in np.flatnonzero((before < level) & (level <= after)):
            found[k].append((i + (level - before[k]) / (after[k] - before[k])) * dt_ms)
        before = after
    return [np.array(times) for times in found]


def threshold_amplitude(q: np.ndarray, dt_ms: float = 0.025) -> float:
    """Smallest end-plate conductance amplitude (mS/cm² of the end-plate segment) that sends an
    action potential to the recording segment (bisection)."""
    rest = resting_cable(q)

    def fires(a: float) -> bool:
        return response(q, a, dt_ms, 10.0, start=rest)[0].size > 0

    return sl.smallest_firing_amplitude(fires, 50.0, 1e5)


@lru_cache(maxsize=1)
def default_references() -> tuple[float, float, float]:
    """(AP amplitude above rest in mV, max rate of rise in mV/ms, threshold end-plate
    conductance in mS/cm²) at the recording segment of the default fibre (default parameters
    and ions, 55 µm) as a cable, at rest: what ``sarcolemma.default_fibre_references`` is to
    the point fibre."""
    values = sl.PARAMETERS.defaults()
    q = sl.unit_constants(values, ions.PARAMETERS.defaults(), 55.0, references=False,
                          cable=True)
    threshold = threshold_amplitude(q)
    rest = resting_cable(q)
    _, rate, peak, _ = response(q, values["epc_safety_factor"] * threshold, start=rest)
    return peak - rest[VS, int(q[Q.cable_recording])], rate, threshold
