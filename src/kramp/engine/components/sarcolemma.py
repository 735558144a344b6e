"""The sarcolemma of every motor unit as one component: one representative muscle fibre per unit
(:mod:`kramp.physiology.sarcolemma`) between the motor axon and the fibre's calcium.

Ports. ``arrivals`` (events, weight = end-plate conductance relative to a normal junction, 1):
axon spikes at the motor point; each opens the end-plate conductance of its unit in the step of dt
that holds its time. ``action_potentials`` (events): one per surface action potential, at the time
of its peak, the moment it is known whole, so that it never reaches the EMG after the samples its
MUAP begins in have been written; weight = its amplitude above the potential before the arrival
relative to the default fibre's (for the EMG). ``releases``
(events): one per action potential, at the time the T-tubule potential peaked, weight = the
fraction of maximal Ca²⁺ release (charge-movement Boltzmann of that peak; for the fibre
component, in place of raw spikes). A fibre that does not fire emits neither.

Detection. An action potential begins in the step whose surface potential is at or above
``ap_detection`` while the membrane's own currents are driving it up (its ionic rate of rise,
the end-plate current's share taken out, is positive), provided the potential has been below the
level since the last one (``ap_armed``); ``ap_time`` keeps the crossing, interpolated, or that
step's start where the potential was already above the level. The end-plate current reverses
near −10 mV, above the level, so in a fibre still refractory from its last action potential it
can lift the membrane through the level by itself; that passive end-plate potential is not an
action potential, and counting it as one made paired pulses 2.25 ms apart fire the fibres twice.

Multirate stepping. The interval's steps of dt are grouped in chunks of ``COARSE_STEPS`` steps
aligned to the run's step grid (a chunk ends where the step number is a multiple of it), so the
result depends on how the run is cut into intervals only where an interval end splits a chunk of
a quiet unit in two (a difference of the size of the multirate error). A unit takes a chunk in
steps of dt when any of these holds at the chunk's start:

* an arrival falls in the chunk;
* its end-plate conductance is above ``QUIET_CONDUCTANCE`` of a full one (for an end-plate
  region modelled as a cable, which only a prolonged end-plate current gets, above
  ``CABLE_QUIET_CONDUCTANCE``: its slow tail is left to the steps below);
* an action potential is still being tracked (``ap_phase`` ≠ 0);

a unit whose membrane still moved faster than ``QUIET_RATE_MV_PER_MS`` in its latest step
(either compartment; it is recovering from an action potential) takes the chunk in steps of
``RECOVERY_STEPS`` dt; otherwise it takes the whole chunk as one step, and skips even that
when its membrane moved less
than ``REST_RATE_MV_PER_MS`` in its latest step (at its steady state nothing would change). The
step of :func:`kramp.physiology.sarcolemma.membrane_step` is stable at any length and keeps steady
states exactly, so a quiet fibre (at rest, or relaxing slowly while T-tubular K⁺ clears) loses
nothing; tests compare this with always-fine stepping. Steps of dt, ``RECOVERY_STEPS`` dt and
``COARSE_STEPS`` dt read their gates, and the Kir, pump and lumen-K⁺ factors, from tables made
for that step (``gate_tables``, within 2e-5 of the formulas); a shorter step, in a chunk cut
short by an interval end, takes the formulas.

``advance_sarcolemma`` (compiled, one person per thread) and ``advance_sarcolemma_numpy``
(vectorised over people and units, chunk by chunk) do the same update.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Probe
from kramp.engine.lines import grouped_by_element, slot_events
from kramp.params import Port
from kramp.physiology import end_plate_cable as epc
from kramp.physiology import ions
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q, S

# 1 ms at dt = 0.025 ms, the engine's base clock, so that no exchange interval cuts a chunk; a
# relaxing fibre's coarse steps cost half those of 0.5 ms chunks, with the same agreement with
# fine stepping (test_multirate_matches_fine_stepping).
COARSE_STEPS = 40
# A unit recovering from an action potential (no event pending, membrane still moving) takes
# steps of this many dt: the exponential and backward-Euler forms are stable at any step, and the
# afterpotential changes slowly compared with the upstroke.
RECOVERY_STEPS = 4
QUIET_RATE_MV_PER_MS = 0.5
QUIET_CONDUCTANCE = 1e-3
# An end-plate cable (a prolonged end-plate current) leaves steps of dt once its current has
# fallen below this share of its peak: the tail that remains moves its membrane slowly, and 60
# segments stepped at dt through a 3.5× slower decay to 1e-3 made the organophosphate run's
# sarcolemma five times dearer than its muscle; test_a_cable_steps_the_same_in_both_backends_
# and_multirate bounds the difference from steps of dt throughout.
CABLE_QUIET_CONDUCTANCE = 0.05
# A quiet unit whose membrane moved less than this in its latest step is at its steady state:
# its coarse step is skipped (it would change nothing but round-off).
REST_RATE_MV_PER_MS = 1e-7
# Event slots per unit and ms of interval (a fibre fires at most once per ms), plus two.
SLOTS_PER_MS = 1
# The step lengths, in dt, that have gate tables: ``tables[FINE | RECOVERY | COARSE]``. A step of
# another length (a chunk cut short at an interval end) takes the exact gates.
STEP_MULTIPLES = (1, RECOVERY_STEPS, COARSE_STEPS)
FINE, RECOVERY, COARSE = range(len(STEP_MULTIPLES))


@numba.njit(inline="always", **sl.STEP_COMPILE)
def _unit_step(x, q, dt, decays, time_end, emit_times, emit_weight, counts, j, table, lumen):
    """One step of ``dt`` of the unit whose variables are ``x`` (in place), ending at
    ``time_end``; events go to slots ``emit_*[kind, j, c]`` (kind 0 action potential,
    1 release). ``decays``: ``sarcolemma.step_decays`` for this dt; ``table``: the unit's gate
    table for this dt, or no rows (exact gates and factors); ``lumen`` its lumen table. (A unit
    whose end-plate region is a cable takes ``_cable_unit_step``.)"""
    vs, vt_ = x[S.v_surface], x[S.v_tubule]
    (vs_new, vt_new, x[S.m_surface], x[S.h_surface], x[S.n_surface], x[S.m_tubule],
     x[S.h_tubule], x[S.n_tubule], x[S.k_tubule], x[S.end_plate_conductance], i_ep) = \
        sl.step_with(vs, vt_, x[S.m_surface], x[S.h_surface], x[S.n_surface], x[S.m_tubule],
                     x[S.h_tubule], x[S.n_tubule], x[S.k_tubule], x[S.end_plate_conductance],
                     dt, decays, q, table, lumen)
    x[S.v_surface], x[S.v_tubule] = vs_new, vt_new
    inv_dt = 1.0 / dt
    _track(x, q, vs, vt_, vs_new, vt_new, i_ep, max(abs(vs_new - vs), abs(vt_new - vt_)) * inv_dt,
           dt, time_end, emit_times, emit_weight, counts, j)


@numba.njit(**sl.STEP_COMPILE)
def _cable_unit_step(x, q, dt, decays, time_end, emit_times, emit_weight, counts, j, table,
                     lumen, cable, scratch):
    """``_unit_step`` of a unit whose end-plate region is a cable: its ``cable`` [variable,
    segment] takes the step (``scratch`` its work array) and ``x`` keeps the recording
    segment's values; the action potentials are read there (no end-plate current)."""
    r = int(q[Q.cable_recording])
    vs, vt_ = cable[epc.VS, r], cable[epc.VT, r]
    x[S.end_plate_conductance], _, motion = epc.cable_step(
        cable, q, x[S.end_plate_conductance], dt, decays[0], decays[1], table, lumen, scratch)
    for k in range(epc.N_CABLE):
        x[epc.POINT_ROWS[k]] = cable[k, r]
    _track(x, q, vs, vt_, x[S.v_surface], x[S.v_tubule], 0.0, motion, dt, time_end,
           emit_times, emit_weight, counts, j)


@numba.njit(inline="always", **sl.STEP_COMPILE)
def _track(x, q, vs, vt_, vs_new, vt_new, i_ep, motion, dt, time_end, emit_times, emit_weight,
           counts, j):
    """After a step from (vs, vt_) to (vs_new, vt_new): the motion, the rate of rise (less the
    end-plate current ``i_ep``), a new action potential's crossing and the pending peaks."""
    inv_dt = 1.0 / dt
    x[S.motion] = motion
    phase = x[S.ap_phase]
    level = q[Q.ap_detection]
    # the rise the membrane's own currents make, without the end-plate current's push
    rate = ((vs_new - vs) * inv_dt - i_ep / q[Q.c_s]) / q[Q.rate_ref]
    if phase != 2.0:  # until the action potential is emitted (0: before it, 3 or 1: pending)
        x[S.rate_of_rise] = max(x[S.rate_of_rise], rate)
    if vs_new < level:
        x[S.ap_armed] = 1.0
    elif x[S.ap_armed] == 1.0 and rate > 0.0:
        if phase != 0.0:  # a new action potential before the last one was done with
            _emit(x, q, phase, time_end - dt, emit_times, emit_weight, counts, j)
        x[S.ap_armed] = 0.0
        x[S.ap_phase] = 3.0
        x[S.ap_time] = time_end - dt + (dt * (level - vs) / (vs_new - vs) if vs < level
                                        else 0.0)
        x[S.peak_surface] = _away_from_end_plate(x, q, vs_new, i_ep)
        x[S.peak_tubule] = vt_new
        return
    if phase == 0.0:
        return
    # phase 3: both peaks pending; 2: the release pending; 1: the action potential pending
    if (phase == 3.0 or phase == 1.0):
        surface = _away_from_end_plate(x, q, vs_new, i_ep)
        if surface < x[S.peak_surface]:
            _emit(x, q, 1.0, time_end - dt, emit_times, emit_weight, counts, j)
        else:
            x[S.peak_surface] = surface
    phase = x[S.ap_phase]
    if (phase == 3.0 or phase == 2.0):
        if vt_new < x[S.peak_tubule]:
            _emit(x, q, 2.0, time_end - dt, emit_times, emit_weight, counts, j)
        else:
            x[S.peak_tubule] = vt_new


@numba.njit(inline="always", **sl.STEP_COMPILE)
def _away_from_end_plate(x, q, vs_new, i_ep):
    """The surface potential an action potential has away from the end plate (the peak an
    action potential's amplitude is read from): ``sarcolemma.unshunted_potential`` at the new
    gates; a cable's recording segment has no end-plate current (``i_ep`` 0)."""
    if i_ep == 0.0:
        return vs_new
    return sl.unshunted_potential(vs_new, i_ep, x[S.m_surface], x[S.h_surface],
                                  x[S.n_surface], q)


@numba.njit(cache=True)
def _emit(x, q, which, time, emit_times, emit_weight, counts, j):
    """Emit the pending action potential (``which`` 1), release (2) or both (3)."""
    slots = emit_times.shape[2]
    if which == 1.0 or which == 3.0:
        c = counts[0, j]
        if c < slots:
            emit_times[0, j, c] = time
            emit_weight[0, j, c] = (x[S.peak_surface] - x[S.v_before]) / q[Q.amplitude_ref]
        counts[0, j] = c + 1
        x[S.conduction_velocity] = q[Q.cv_default] * np.sqrt(max(x[S.rate_of_rise], 0.0))
        if c < slots:
            emit_weight[2, j, c] = q[Q.cv_default] / max(x[S.conduction_velocity], 1e-9)
        x[S.rate_of_rise] = 0.0
        x[S.ap_phase] -= 1.0
    if which == 2.0 or which == 3.0:
        c = counts[1, j]
        if c < slots:
            emit_times[1, j, c] = time
            emit_weight[1, j, c] = sl.release_fraction(x[S.peak_tubule], q)
        counts[1, j] = c + 1
        x[S.ap_phase] -= 2.0


@numba.njit(cache=True)
def _busy(x, q, quiet_share):
    """An action potential in progress or an end plate still open (its conductance above
    ``quiet_share`` of a full one: ``QUIET_CONDUCTANCE``, or ``CABLE_QUIET_CONDUCTANCE`` for an
    end-plate cable): steps of dt."""
    return (x[S.ap_phase] != 0.0
            or x[S.end_plate_conductance] > quiet_share * q[Q.epc_amplitude])


@numba.njit(cache=True)
def _sample(x, j, begin, end, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Probe samples due in steps [begin, end) of a probed unit j, from its present state."""
    slot = probe_slot[j]
    for i in range(begin, end):
        if (probe_phase + i + 1) % probe_every == 0:
            sample = (probe_phase + i + 1) // probe_every - 1
            for r in range(probe_rows.shape[0]):
                probe_samples[sample, r, slot] = x[probe_rows[r]]


@numba.njit(**sl.STEP_COMPILE)
def _long_step(x, q, n, dt, time_end, emit_times, emit_weight, counts, j, table, lumen, length,
               decays):
    """``_unit_step`` of ``n`` dt with ``table`` and ``decays``, made for steps of ``length``
    dt, or the exact gates when ``n`` is not that length (a chunk cut short)."""
    if n == length:
        _unit_step(x, q, n * dt, decays, time_end, emit_times, emit_weight, counts, j, table,
                   lumen)
    else:
        _unit_step(x, q, n * dt, sl.step_decays(n * dt, q), time_end, emit_times, emit_weight,
                   counts, j, table[:0], lumen)


@numba.njit(**sl.STEP_COMPILE)
def _cable_long_step(x, q, n, dt, time_end, emit_times, emit_weight, counts, j, table, lumen,
                     length, decays, cable, scratch):
    """``_long_step`` for a unit whose end-plate region is a cable."""
    if n == length:
        _cable_unit_step(x, q, n * dt, decays, time_end, emit_times, emit_weight, counts, j,
                         table, lumen, cable, scratch)
    else:
        _cable_unit_step(x, q, n * dt, sl.step_decays(n * dt, q), time_end, emit_times,
                         emit_weight, counts, j, table[:0], lumen, cable, scratch)


@numba.njit(**sl.STEP_COMPILE)
def _advance_person(state, cables, q, tables, lumen_tables, table_of, p, first, arrival_step,
                    arrival_weight, first_step, n_steps, dt, coarse, emit_times, emit_weight,
                    counts, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """``advance_sarcolemma`` for person ``p`` (a plain compiled function: Numba optimises it
    far better than the same loops written inside ``prange``)."""
    n_var, _, n_unit = state.shape
    x = np.empty(n_var)
    scratch = np.empty((epc.SCRATCH_ROWS, cables.shape[3]))
    for u in range(n_unit):
        j = p * n_unit + u
        qu = q[p, u]
        fine_table = tables[FINE, table_of[p, u]]
        recovery_table = tables[RECOVERY, table_of[p, u]]
        coarse_table = tables[COARSE, table_of[p, u]]
        lumen = lumen_tables[table_of[p, u]]
        for v in range(n_var):
            x[v] = state[v, p, u]
        if qu[Q.cable_segments] > 0.0:
            _advance_cable_unit(x, qu, j, fine_table, recovery_table, coarse_table, lumen,
                                cables[p, u], scratch, first, arrival_step, arrival_weight,
                                first_step, n_steps, dt, coarse, emit_times, emit_weight, counts,
                                probe_rows, probe_slot, probe_every, probe_phase, probe_samples)
            for v in range(n_var):
                state[v, p, u] = x[v]
            continue
        fine_decays = sl.step_decays(dt, qu)
        recovery_decays = sl.step_decays(RECOVERY_STEPS * dt, qu)
        coarse_decays = sl.step_decays(COARSE_STEPS * dt, qu)
        probing = probe_every > 0 and probe_slot[j] >= 0
        k = first[j]
        s = 0
        # chunks lie on the run's grid of ``coarse`` steps: only the first can start off it
        # (kept without a division in every chunk, 5 % of the kernel's time in an ankle run)
        into_chunk = first_step % coarse if coarse > 0 else 0
        while s < n_steps:
            chunk = min(coarse - into_chunk, n_steps - s) if coarse > 0 else 1
            into_chunk = 0
            busy = coarse == 0 or chunk == 1 or _busy(x, qu, QUIET_CONDUCTANCE) or (
                k < first[j + 1] and arrival_step[k] < s + chunk)
            if busy:
                for i in range(s, s + chunk):
                    while k < first[j + 1] and arrival_step[k] == i:
                        if x[S.end_plate_conductance] <= QUIET_CONDUCTANCE * qu[Q.epc_amplitude]:
                            x[S.v_before] = x[S.v_surface]
                        x[S.end_plate_conductance] += qu[Q.epc_amplitude] * arrival_weight[k]
                        k += 1
                    _unit_step(x, qu, dt, fine_decays, (first_step + i + 1) * dt, emit_times,
                               emit_weight, counts, j, fine_table, lumen)
                    if probing:
                        _sample(x, j, i, i + 1, probe_rows, probe_slot, probe_every, probe_phase,
                                probe_samples)
            elif x[S.motion] > QUIET_RATE_MV_PER_MS:
                i = s
                while i < s + chunk:
                    n = min(RECOVERY_STEPS, s + chunk - i)
                    _long_step(x, qu, n, dt, (first_step + i + n) * dt, emit_times,
                               emit_weight, counts, j, recovery_table, lumen, RECOVERY_STEPS,
                               recovery_decays)
                    if probing:
                        _sample(x, j, i, i + n, probe_rows, probe_slot, probe_every, probe_phase,
                                probe_samples)
                    i += n
            else:
                if x[S.motion] > REST_RATE_MV_PER_MS or x[S.end_plate_conductance] > 0.0:
                    _long_step(x, qu, chunk, dt, (first_step + s + chunk) * dt, emit_times,
                               emit_weight, counts, j, coarse_table, lumen, COARSE_STEPS,
                               coarse_decays)
                if probing:
                    _sample(x, j, s, s + chunk, probe_rows, probe_slot, probe_every, probe_phase,
                            probe_samples)
            s += chunk
        for v in range(n_var):
            state[v, p, u] = x[v]


@numba.njit(**sl.STEP_COMPILE)
def _advance_cable_unit(x, qu, j, fine_table, recovery_table, coarse_table, lumen, cable,
                        scratch, first, arrival_step, arrival_weight, first_step, n_steps, dt,
                        coarse, emit_times, emit_weight, counts, probe_rows, probe_slot,
                        probe_every, probe_phase, probe_samples):
    """``_advance_person``'s work for flat unit j whose end-plate region is a cable: the same
    chunks, arrivals, multirate choice and probe samples as a point fibre's (kept apart, so the
    point fibres' loop carries no branch for it), each step ``_cable_unit_step``."""
    fine_decays = sl.step_decays(dt, qu)
    recovery_decays = sl.step_decays(RECOVERY_STEPS * dt, qu)
    coarse_decays = sl.step_decays(COARSE_STEPS * dt, qu)
    probing = probe_every > 0 and probe_slot[j] >= 0
    k = first[j]
    s = 0
    into_chunk = first_step % coarse if coarse > 0 else 0  # as in _advance_person
    while s < n_steps:
        chunk = min(coarse - into_chunk, n_steps - s) if coarse > 0 else 1
        into_chunk = 0
        busy = coarse == 0 or chunk == 1 or _busy(x, qu, CABLE_QUIET_CONDUCTANCE) or (
            k < first[j + 1] and arrival_step[k] < s + chunk)
        if busy:
            for i in range(s, s + chunk):
                while k < first[j + 1] and arrival_step[k] == i:
                    if x[S.end_plate_conductance] <= QUIET_CONDUCTANCE * qu[Q.epc_amplitude]:
                        x[S.v_before] = x[S.v_surface]
                    x[S.end_plate_conductance] += qu[Q.epc_amplitude] * arrival_weight[k]
                    k += 1
                _cable_unit_step(x, qu, dt, fine_decays, (first_step + i + 1) * dt, emit_times,
                                 emit_weight, counts, j, fine_table, lumen, cable, scratch)
                if probing:
                    _sample(x, j, i, i + 1, probe_rows, probe_slot, probe_every, probe_phase,
                            probe_samples)
        elif x[S.motion] > QUIET_RATE_MV_PER_MS:
            i = s
            while i < s + chunk:
                n = min(RECOVERY_STEPS, s + chunk - i)
                _cable_long_step(x, qu, n, dt, (first_step + i + n) * dt, emit_times,
                                 emit_weight, counts, j, recovery_table, lumen, RECOVERY_STEPS,
                                 recovery_decays, cable, scratch)
                if probing:
                    _sample(x, j, i, i + n, probe_rows, probe_slot, probe_every, probe_phase,
                            probe_samples)
                i += n
        else:
            if x[S.motion] > REST_RATE_MV_PER_MS or x[S.end_plate_conductance] > 0.0:
                _cable_long_step(x, qu, chunk, dt, (first_step + s + chunk) * dt, emit_times,
                                 emit_weight, counts, j, coarse_table, lumen, COARSE_STEPS,
                                 coarse_decays, cable, scratch)
            if probing:
                _sample(x, j, s, s + chunk, probe_rows, probe_slot, probe_every, probe_phase,
                        probe_samples)
        s += chunk


@numba.njit(parallel=True, cache=True)
def advance_sarcolemma(state, cables, q, tables, lumen_tables, table_of, first, arrival_step,
                       arrival_weight, first_step, n_steps, dt, coarse, emit_times, emit_weight,
                       counts, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every unit through ``n_steps`` steps of dt in place, one person per thread.

    state (V, P, U); cables (P, U, ``end_plate_cable.N_CABLE``, segments) the end-plate cables
    of the units that have one (``cable_segments`` > 0; no segments where none has);
    q (P, U, K) unit constants ``Q``; tables (len(STEP_MULTIPLES), T, rows,
    columns) the gate tables and lumen_tables (T, rows, 3) the lumen tables (``gate_tables``),
    unit (p, u) using ``tables[length, table_of[p, u]]`` and ``lumen_tables[table_of[p, u]]``;
    arrivals of flat unit j = p·U + u are ``arrival_step/weight[first[j]:first[j + 1]]`` (steps
    within the interval, ascending);
    ``coarse`` > 0 enables the multirate scheme with chunks of that many steps (0: always dt);
    emit_times/weight (2, P·U, slots) and counts (2, P·U) receive the events; the probe as in
    :class:`kramp.engine.component.Probe`.
    """
    for p in numba.prange(state.shape[1]):
        _advance_person(state, cables, q, tables, lumen_tables, table_of, p, first, arrival_step,
                        arrival_weight, first_step, n_steps, dt, coarse, emit_times, emit_weight,
                        counts, probe_rows, probe_slot, probe_every, probe_phase, probe_samples)


def advance_sarcolemma_numpy(state, cables, q, tables, lumen_tables, table_of, first,
                             arrival_step, arrival_weight, first_step, n_steps, dt, coarse,
                             emit_times, emit_weight, counts, probe_rows, probe_slot, probe_every,
                             probe_phase, probe_samples):
    """The same update as ``advance_sarcolemma``, vectorised over all units chunk by chunk: the
    busy units take the chunk's steps of dt, the others longer steps (gates from the tables of
    their step length, or exact for a chunk cut short). A batch with end-plate cables takes the
    compiled kernel one person at a time (the cable is not vectorised)."""
    if cables.shape[3] > 0:
        for p in range(state.shape[1]):
            _advance_person(state, cables, q, tables, lumen_tables, table_of, p, first,
                            arrival_step, arrival_weight, first_step, n_steps, dt, coarse,
                            emit_times, emit_weight, counts, probe_rows, probe_slot, probe_every,
                            probe_phase, probe_samples)
        return
    n_var, n_person, n_unit = state.shape
    n = n_person * n_unit
    x = state.reshape(n_var, n).copy()
    qt = np.ascontiguousarray(q.reshape(n, -1).T)  # [constant, unit]
    unit = np.repeat(np.arange(n), np.diff(first))
    arrivals = np.zeros((n_steps, n))
    np.add.at(arrivals, (arrival_step, unit), arrival_weight)
    table_of = table_of.reshape(-1)
    chosen = probe_slot >= 0
    s = 0
    while s < n_steps:
        chunk = min(coarse - (first_step + s) % coarse, n_steps - s) if coarse > 0 else 1
        busy = ((x[S.ap_phase] != 0.0)
                | (x[S.end_plate_conductance] > QUIET_CONDUCTANCE * qt[Q.epc_amplitude])
                | arrivals[s:s + chunk].any(axis=0))
        if coarse == 0 or chunk == 1:
            busy[:] = True
        recovering = ~busy & (x[S.motion] > QUIET_RATE_MV_PER_MS)
        lazy = ~busy & ~recovering & ((x[S.motion] > REST_RATE_MV_PER_MS)
                                      | (x[S.end_plate_conductance] > 0.0))
        if lazy.any():
            _steps_numpy(x, qt, lazy, chunk, dt, (first_step + s + chunk) * dt, None,
                         emit_times, emit_weight, counts, tables, lumen_tables, table_of)
        for i in range(s, s + chunk):
            if (i - s) % RECOVERY_STEPS == 0 and recovering.any():
                n = min(RECOVERY_STEPS, s + chunk - i)
                _steps_numpy(x, qt, recovering, n, dt, (first_step + i + n) * dt, None,
                             emit_times, emit_weight, counts, tables, lumen_tables, table_of)
            if busy.any():
                _steps_numpy(x, qt, busy, 1, dt, (first_step + i + 1) * dt, arrivals[i],
                             emit_times, emit_weight, counts, tables, lumen_tables, table_of)
            if probe_every > 0 and (probe_phase + i + 1) % probe_every == 0:
                # busy units are sampled now; the others hold the state of their longer step
                probe_samples[(probe_phase + i + 1) // probe_every - 1][:, probe_slot[chosen]] \
                    = x[probe_rows][:, chosen]
        s += chunk
    state[:] = x.reshape(state.shape)


def _steps_numpy(x, qt, mask, length, dt, time_end, arriving, emit_times, emit_weight, counts,
                 tables, lumen_tables, table_of):
    """One step of ``length`` dt for the units in ``mask`` (arrays [variable, unit]), in place;
    the gates from the tables of that length (``STEP_MULTIPLES``), or exact for another."""
    dt = length * dt
    idx = np.flatnonzero(mask)
    y = x[:, idx]
    qq = qt[:, idx]
    if arriving is not None:
        came = arriving[idx] > 0
        quiet = y[S.end_plate_conductance] <= QUIET_CONDUCTANCE * qq[Q.epc_amplitude]
        y[S.v_before] = np.where(came & quiet, y[S.v_surface], y[S.v_before])
        y[S.end_plate_conductance] += qq[Q.epc_amplitude] * arriving[idx]
    vs, vt_ = y[S.v_surface].copy(), y[S.v_tubule].copy()
    if length in STEP_MULTIPLES:
        tables = tables[STEP_MULTIPLES.index(length)]
        which = table_of[idx]
        surface = sl.tabulated_gates_numpy(vs, y[S.m_surface], y[S.h_surface], y[S.n_surface],
                                           tables, which)
        tubule = sl.tabulated_gates_numpy(vt_, y[S.m_tubule], y[S.h_tubule], y[S.n_tubule],
                                          tables, which)
        epc_decay, k_decay = sl.step_decays.py_func(dt, qq)
        kt, gep = y[S.k_tubule], y[S.end_plate_conductance]
        e_kt, root, lumen_e = sl.tabulated_lumen_factors_numpy(kt, qq, lumen_tables, which)
        vs_new, vt_new, g_lumen, g_ep = sl.step_potentials.py_func(
            vs, vt_, *surface[:3], *tubule[:3], kt, gep, dt, epc_decay, qq, surface[3],
            surface[4], tubule[4], e_kt, sl.tubule_kir.py_func(tubule[5], root, lumen_e))
        kt_new = sl.step_lumen_potassium.py_func(
            vt_new, kt, e_kt, g_lumen, sl.tabulated_pump_factor_numpy(vt_new, tables, which),
            k_decay, qq)
        out = (vs_new, vt_new, *surface[:3], *tubule[:3], kt_new, gep * epc_decay,
               g_ep * (qq[Q.epc_reversal] - vs_new))
    rows = (S.v_surface, S.v_tubule, S.m_surface, S.h_surface, S.n_surface, S.m_tubule,
            S.h_tubule, S.n_tubule, S.k_tubule, S.end_plate_conductance)
    for row, value in zip(rows, out[:10], strict=True):
        y[row] = value
    i_ep = out[10]
    vs_new, vt_new = y[S.v_surface], y[S.v_tubule]
    y[S.motion] = np.maximum(np.abs(vs_new - vs), np.abs(vt_new - vt_)) / dt
    phase = y[S.ap_phase].copy()
    level = qq[Q.ap_detection]
    tracking_rise = phase != 2.0
    rate = ((vs_new - vs) / dt - i_ep / qq[Q.c_s]) / qq[Q.rate_ref]
    y[S.rate_of_rise] = np.where(tracking_rise, np.maximum(y[S.rate_of_rise], rate),
                                 y[S.rate_of_rise])
    y[S.ap_armed] = np.where(vs_new < level, 1.0, y[S.ap_armed])
    crossing = (level <= vs_new) & (y[S.ap_armed] == 1.0) & (rate > 0.0)
    y[S.ap_armed] = np.where(crossing, 0.0, y[S.ap_armed])
    # an unfinished action potential before a new crossing: emit what is pending
    for k in np.flatnonzero(crossing & (phase != 0.0)):
        _emit_numpy(y, qq, k, phase[k], time_end - dt, idx, emit_times, emit_weight,
                    counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossed_at = time_end - dt + np.where(vs < level, dt * (level - vs) / (vs_new - vs),
                                              0.0)
    y[S.ap_phase] = np.where(crossing, 3.0, y[S.ap_phase])
    y[S.ap_time] = np.where(crossing, crossed_at, y[S.ap_time])
    # the peak an action potential has away from the end plate (``_away_from_end_plate``)
    surface = np.where(i_ep == 0.0, vs_new, sl.unshunted_potential.py_func(
        vs_new, i_ep, y[S.m_surface], y[S.h_surface], y[S.n_surface], qq))
    y[S.peak_surface] = np.where(crossing, surface, y[S.peak_surface])
    y[S.peak_tubule] = np.where(crossing, vt_new, y[S.peak_tubule])
    later = ~crossing & (phase != 0.0)
    surface_pending = later & ((phase == 3.0) | (phase == 1.0))
    for k in np.flatnonzero(surface_pending & (surface < y[S.peak_surface])):
        _emit_numpy(y, qq, k, 1.0, time_end - dt, idx, emit_times, emit_weight, counts)
    y[S.peak_surface] = np.where(surface_pending & (surface >= y[S.peak_surface]), surface,
                                 y[S.peak_surface])
    phase = y[S.ap_phase]
    tubule_pending = later & ((phase == 3.0) | (phase == 2.0))
    for k in np.flatnonzero(tubule_pending & (vt_new < y[S.peak_tubule])):
        _emit_numpy(y, qq, k, 2.0, time_end - dt, idx, emit_times, emit_weight, counts)
    y[S.peak_tubule] = np.where(tubule_pending & (vt_new >= y[S.peak_tubule]), vt_new,
                                y[S.peak_tubule])
    x[:, idx] = y


def _emit_numpy(y, qq, k, which, time, idx, emit_times, emit_weight, counts):
    j = idx[k]
    slots = emit_times.shape[2]
    if which in (1.0, 3.0):
        c = counts[0, j]
        if c < slots:
            emit_times[0, j, c] = time
            emit_weight[0, j, c] = (y[S.peak_surface, k] - y[S.v_before, k]) / \
                qq[Q.amplitude_ref, k]
        counts[0, j] = c + 1
        y[S.conduction_velocity, k] = qq[Q.cv_default, k] * np.sqrt(max(y[S.rate_of_rise, k],
                                                                        0.0))
        if c < slots:
            emit_weight[2, j, c] = qq[Q.cv_default, k] / max(y[S.conduction_velocity, k], 1e-9)
        y[S.rate_of_rise, k] = 0.0
        y[S.ap_phase, k] -= 1.0
    if which in (2.0, 3.0):
        c = counts[1, j]
        if c < slots:
            emit_times[1, j, c] = time
            emit_weight[1, j, c] = 1.0 / (1.0 + np.exp(
                -(y[S.peak_tubule, k] - qq[Q.release_half, k]) / qq[Q.release_slope, k]))
        counts[1, j] = c + 1
        y[S.ap_phase, k] -= 2.0


BACKENDS = {"numba": advance_sarcolemma, "numpy": advance_sarcolemma_numpy}


def _one_person(state, cables, q, tables, lumen_tables, table_of, *arguments):
    _advance_person(state, cables, q, tables, lumen_tables, table_of, 0, *arguments)


# The constants the tables depend on (the gates' and the voltage factors'): units sharing them
# share a table.
TABLE_CONSTANTS = np.array([Q.shift, Q.rate, Q.tau_slope, Q.m_half, Q.m_slope, Q.h_half,
                            Q.h_slope, Q.n_half, Q.n_slope, Q.m_tau_min, Q.m_tau_peak,
                            Q.h_tau_min, Q.h_tau_peak, Q.n_tau_min, Q.n_tau_peak, Q.k_out, Q.e_k_s,
                            Q.kir_ref, Q.kir_half, Q.kir_slope, Q.v_thermal, Q.pump_sigma,
                            Q.k_in])


def gate_tables(q: np.ndarray, dt_ms: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tables [len(STEP_MULTIPLES), T, rows, columns], lumen tables [T, rows, 3], table_of
    [person, unit]): for each step length of ``STEP_MULTIPLES`` × ``dt_ms``, one
    ``sarcolemma.gate_table``, and one ``sarcolemma.lumen_table``, per distinct set of table
    constants among the units of ``q`` [person, unit, K]."""
    keys = q[:, :, TABLE_CONSTANTS].reshape(-1, TABLE_CONSTANTS.size)
    distinct, table_of = np.unique(keys, axis=0, return_inverse=True)
    first = [int(np.flatnonzero(table_of == t)[0]) for t in range(len(distinct))]
    flat_q = q.reshape(-1, q.shape[2])
    tables = np.stack([np.stack([sl.gate_table(flat_q[j], n * dt_ms) for j in first])
                       for n in STEP_MULTIPLES])
    lumen = np.stack([sl.lumen_table(flat_q[j]) for j in first])
    return tables, lumen, table_of.reshape(q.shape[:2]).astype(np.int64)


def unit_constant_array(values: Mapping[str, np.ndarray], ion_values: Sequence[Mapping[str,
                        float]], diameter_um: np.ndarray,
                        cable: Sequence[bool] | None = None) -> np.ndarray:
    """The constants ``Q`` of every unit, ``[person, unit, constant]``, from per-person parameter
    arrays ``values[name][person, unit]``, each person's ions and fibre diameters ``[person,
    unit]``; ``cable[person]``: that person's end-plate regions are cables. Units with equal
    parameters share one computation."""
    diameter_um = np.asarray(diameter_um, dtype=float)
    n_person, n_unit = diameter_um.shape
    cable = [False] * n_person if cable is None else [bool(c) for c in cable]
    out = np.empty((n_person, n_unit, len(Q._fields)))
    cache: dict[tuple, np.ndarray] = {}
    for p in range(n_person):
        for u in range(n_unit):
            unit_values = {name: float(np.asarray(a)[p, u]) for name, a in values.items()}
            key = (sl._key(unit_values), sl._key(ion_values[p]), float(diameter_um[p, u]),
                   cable[p])
            if key not in cache:
                cache[key] = sl.unit_constants(unit_values, ion_values[p], diameter_um[p, u],
                                               cable=cable[p])
            out[p, u] = cache[key]
    return out


class Sarcolemma(Component):
    name = "sarcolemma"
    element = "unit"
    variables = sl.VARIABLES
    # the end-plate cables [person, unit, variable, segment] (no segments where none has one):
    # saved and resumed with the rest; recorders read the recording segment's copy in variables
    buffers = ("cable",)
    inputs = (Port("arrivals", "events", "1",
                   "axon spikes at the motor point (weight: end-plate conductance relative to a "
                   "normal junction)"),)
    outputs = (
        Port("releases", "events", "1",
             "Ca²⁺ releases at the T-tubule peak (weight: fraction of maximal release)"),
        Port("action_potentials", "events", "1",
             "surface action potentials at their peak (weight: amplitude relative "
             "to the default fibre; stretch: the unit's normal conduction velocity over this "
             "one's)"),
    )

    def __init__(self, values: Mapping[str, np.ndarray], ion_values: Sequence[Mapping[str, float]],
                 cell_type: np.ndarray, dt_ms: float, *, multirate: bool = True,
                 cable: Sequence[bool] | None = None, strength: np.ndarray | None = None):
        """``values``: ``sarcolemma`` parameters, each broadcastable to ``[person, unit]`` (e.g.
        from :func:`kramp.params.compile_tables`); ``ion_values``: each person's ``ions``
        values (dicts of floats); ``cell_type`` ``[person, unit]`` or ``[unit]`` (0 S, 1 FR,
        2 FF; sets the fibre diameter); ``dt_ms`` the network step; ``multirate=False`` steps
        every unit at dt always (the reference for the multirate scheme); ``cable[person]``:
        that person's end-plate regions are cables (:mod:`kramp.physiology.end_plate_cable`;
        default none); ``strength`` ``[person, unit]``: each end plate's normal conductance over
        the most sensitive one's (``junction.end_plate_strengths``; default 1), against which a
        point fibre's rate of rise is read (``sarcolemma.rate_reference_scale``)."""
        self.n_person = len(ion_values)
        cell_type = np.broadcast_to(np.asarray(cell_type), (self.n_person, np.shape(cell_type)[-1]))
        self.n_element = cell_type.shape[1]
        shape = (self.n_person, self.n_element)
        arrays = {name: np.broadcast_to(np.asarray(values.get(name, param.value), dtype=float),
                                        shape) for name, param in
                  ((p.name, p) for p in sl.PARAMETERS)}
        diameter = np.where(cell_type == 0, arrays["diameter_type_i"], arrays["diameter_type_ii"])
        self.ion_values = [dict(v) for v in ion_values]
        self.q = np.ascontiguousarray(unit_constant_array(arrays, self.ion_values, diameter,
                                                          cable))
        if strength is not None:
            point = self.q[:, :, Q.cable_segments] == 0  # a cable reads its recording segment
            self.q[:, :, Q.rate_ref] *= np.where(point, sl.rate_reference_scale(strength), 1.0)
        self.diameter_um = diameter
        self.step_ms = dt_ms
        self.coarse = COARSE_STEPS if multirate else 0
        self.tables, self.lumen_tables, self.table_of = gate_tables(self.q, dt_ms)

    def labels(self) -> Mapping[str, Any]:
        return {"fibre_diameter_um": (("person", "unit"), self.diameter_um,
                                      {"units": "um", "long_name": "muscle fibre diameter"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        packed = np.zeros((len(self.variables), self.n_person, self.n_element))
        segments = int(self.q[:, :, Q.cable_segments].max())
        cables = np.zeros((self.n_person, self.n_element, epc.N_CABLE, segments))
        cache: dict[bytes, tuple] = {}
        # the rest does not depend on the rate the fibre's action potentials are read against
        at_rest = np.delete(self.q, Q.rate_ref, axis=2)
        for p in range(self.n_person):
            for u in range(self.n_element):
                key = at_rest[p, u].tobytes()
                if key not in cache:
                    cache[key] = self._rest(self.q[p, u])
                packed[:, p, u] = cache[key][0]
                if cache[key][1] is not None:
                    cables[p, u] = cache[key][1]
        return {"variables": packed, "cable": cables}

    @staticmethod
    def _rest(q: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """(the packed variables at rest, the cable at rest or None) of a unit."""
        x = sl.resting_state(q)
        if q[Q.cable_segments] == 0:
            return x, None
        cable = epc.resting_cable(q)
        r = int(q[Q.cable_recording])
        for k, row in enumerate(epc.POINT_ROWS):
            x[row] = cable[k, r]
        x[S.v_before] = x[S.peak_surface] = x[S.v_surface]
        x[S.peak_tubule] = x[S.v_tubule]
        return x, cable

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = self.n_person * self.n_element
        events = inputs.get("arrivals")
        if events is not None and events.size:
            step = events.steps_within(interval.first_step, interval.dt_ms)
            order, first = grouped_by_element(step, events.person, events.element,
                                              self.n_person, self.n_element)
            step, weight = step[order], events.weight[order]
        else:
            first = np.zeros(n + 1, dtype=np.int64)
            step, weight = np.zeros(0, dtype=np.int64), np.zeros(0)
        slots = SLOTS_PER_MS * max(1, round(interval.n_steps * interval.dt_ms)) + 2
        times = np.zeros((2, n, slots))
        # rows: action-potential amplitude, release fraction, action-potential stretch
        weights = np.zeros((3, n, slots))
        counts = np.zeros((2, n), dtype=np.int64)
        recording = probe.arguments() if probe else Probe.absent(n)
        samples = probe.buffer(interval.n_steps) if probe else np.zeros((0, 0, 0))
        kernel = BACKENDS[backend]
        if backend == "numba" and self.n_person == 1:
            kernel = _one_person  # no thread pool for a single person
        kernel(state["variables"], state["cable"], self.q, self.tables, self.lumen_tables,
               self.table_of, first,
               np.ascontiguousarray(step), np.ascontiguousarray(weight, dtype=float),
               interval.first_step, interval.n_steps, interval.dt_ms, self.coarse, times, weights,
               counts,
                          *recording, samples)
        if (counts > slots).any():
            raise RuntimeError("a muscle fibre fired more than once per ms; events were lost")
        outputs = {}
        for kind, port in enumerate(("action_potentials", "releases")):
            # an action potential's stretch shares its slots
            stretch = (weights[2],) if kind == 0 else ()
            outputs[port] = slot_events(times[kind], counts[kind], self.n_element, weights[kind],
                                        *stretch)
        return outputs, (samples if probe else None)


def default_ions(n_person: int) -> list[dict[str, float]]:
    """The default ``ions`` values for each of ``n_person`` people."""
    return [ions.PARAMETERS.defaults() for _ in range(n_person)]
