"""The motor axons of every unit as live membranes: where spikes are born, meet and pass.

Each motor axon has two active sites, each a node of Ranvier with its internode
(``kramp.physiology.motor_axon``: transient and persistent Na⁺, slow and fast K⁺, HCN):
the **stimulation site** under the electrodes (the tibial and the peroneal one's currents add
there, each through its own gain: ``kramp.physiology.nerve``), and the **terminal**, the distal
axon at the motor point where ectopic discharges begin (fasciculation and cramp discharges arise
in the terminal arborisation; Roth G 1982, Ann Neurol 12:542–547, not re-checked); a damaged
axon's terminal may have a membrane of its own (``kramp.physiology.nerve_injury``). Between them,
and between the soma and the stimulation site, the axon is a delay line whose length is the
distance over the unit's conduction velocity (``kramp.physiology.nerve``).

Spikes leave a site in both directions:

* a spike that reaches a site drives it with the axial current of a firing neighbour for
  ``RELAY_WIDTH_MS`` (``RELAY_THRESHOLDS`` times the site's resting threshold); a refractory site
  does not fire, and the spike ends there;
* two spikes travelling towards each other on a segment annihilate (collision);
* a spike that leaves the stimulation site towards the cord goes to the soma (output
  ``antidromic``), and a somatic spike that left the soma while an antidromic spike was on its way,
  or within ``INVASION_REFRACTORY_MS`` after it invaded the soma, dies in the segment;
* every spike that fires the terminal goes on to the muscle (output ``terminal``), whatever its
  origin; spikes born in the axon without a stimulus are also reported as ``ectopic``.

A spike is an upward crossing of ``SPIKE_DETECTION_MV`` (a level a relay's passive response cannot
reach). Each site is stepped at dt while a relay drives it or a spike is under way; otherwise it
tries one exponential-Euler step to the next event (at most ``COARSE_STEPS`` dt, never longer than
the conduction time to the other site) and keeps it only if its potential moved by less than
``COARSE_TOLERANCE_MV``: at the start of each block, and again after a step of dt slow enough that
the rest of the block, at its pace, would stay within the tolerance. A site relaxing so slowly that,
at the speed of its last long step, it would move less than ``COARSE_TOLERANCE_MV`` defers whole
blocks and takes them when something is due or after ``LAG_MS_MAX``, in one step extrapolated
to second order (Richardson: twice two half steps less the whole one). A plain first-order step
over the span (up to ``LAG_MS_MAX``) left an error in the gates that set a relaxing site's
threshold 1.5–2.5 % low 35–60 ms after a spike, enough to change which resting afferents a
test pulse recruits, and made the H-reflex vary from trial to trial about twice as much as at
convergence (docs/findings.md, reciprocal inhibition and the H-reflex's trial noise); taken in
pieces of ``COARSE_STEPS`` dt, 1.2–1.6 % low; extrapolated, 0.1–0.5 %, for fewer site steps
than the pieces took. Where the whole span's one step and its two half steps differ by
``EXTRAPOLATION_TOLERANCE_MV`` or more in V_node, the
span is extrapolated in pieces of ``COARSE_STEPS`` dt instead: extrapolated at once, the span of
an axon firing on its own in a burst (low Ca²⁺) put off its next spike by 0.7 ms. A site whose last
long step left it where it was is at its steady state and is not stepped until something reaches it,
and an axon whose two sites are there, with no spike on its way and no pulse in the interval, is
skipped. A resting axon costs almost nothing. Long steps are first order (extrapolated as well,
the threshold above comes within 0.1 % for a large axon, but the afferent axons take half as long
again, measured 2026-12-07): a slow depolarisation that
ends in a spike (an axon firing on its own) ends a few per cent late, while the spikes themselves
and the intervals within a burst are resolved at dt (the test suite bounds both against stepping at
dt throughout).

The sites' state can be recorded (``axon.stimulation_v_node``, ``axon.terminal_m`` and the like).
A sample that falls inside a long step holds the state after that step, and one inside a deferred
span the state before it: within ``COARSE_TOLERANCE_MV`` of the potential there either way.
Steps of dt, and so every spike, are sampled as they are. Recording changes no result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Probe
from kramp.engine.lines import Events, grouped_by_element, slot_events_in_time_order
from kramp.params import Port, Variable
from kramp.physiology import motor_axon

SITES = ("stimulation", "terminal")
N_VAR = len(motor_axon.VARIABLES)
V_ROW = motor_axon.S.v_node
# the gating variables' rows, [first, end) (the others are the node's and internode's potentials)
FIRST_GATE_ROW = motor_axon.S.m
END_GATE_ROW = motor_axon.S.m + len(motor_axon.GATES)
SPIKE_DETECTION_MV = motor_axon.SPIKE_DETECTION_MV
# The drive of an arriving spike, in resting thresholds. Saltatory conduction has a safety factor
# of 5–7 in amphibian fibres (Tasaki 1953, not re-checked); a single site stands in for many
# nodes here, and 3 keeps a relative-refractory site able to stop a spike (kramp assumption).
RELAY_THRESHOLDS = 3.0
RELAY_WIDTH_MS = 0.1
INVASION_REFRACTORY_MS = 1.0
COARSE_STEPS = 80
ALIGN_MS = 1.0  # the clock of the drive and the fibres: exchange intervals are made of it
COARSE_TOLERANCE_MV = 0.2
# a deferred span is extrapolated only where its plain steps' error in V_node, as one step and two
# half steps differ, is below this; above it the site is heading for a spike (module doc)
EXTRAPOLATION_TOLERANCE_MV = 0.02
# a long step that moved V more slowly than this found the site at its steady state
AT_REST_MV_PER_MS = 1e-9
LAG_MS_MAX = 10.0  # the longest a relaxing site waits for its next step
QUEUE = 32  # spikes in flight between the sites of one axon (25 ms of segment at 1 kHz)
SLOTS_PER_MS = 1  # output spikes per unit and ms of interval, at most 1 kHz
STIMULUS_WINDOW_MS = 2.0  # a stimulation-site spike this soon after a pulse began is its answer


def site_variables() -> tuple[Variable, ...]:
    return tuple(Variable(f"{site}_{v.name}", v.unit, f"{v.meaning} at the {site} site")
                 for site in SITES for v in motor_axon.VARIABLES)


@numba.njit(cache=True)
def _emit(out_t, out_n, p, u, t):
    n = out_n[p, u]
    if n < out_t.shape[2]:
        out_t[p, u, n] = t
    out_n[p, u] = n + 1


@numba.njit(cache=True, inline="always")
def _occupied_end(queue_site, p, u, n):
    """One past the last occupied slot of axon (p, u)'s queue, which holds ``n`` spikes: the
    slots beyond it are empty, so a search of the spikes in flight stops there (a queue has
    ``QUEUE`` slots, and seldom more than one spike in them)."""
    k = 0
    while n > 0 and k < queue_site.shape[2]:
        if queue_site[p, u, k] >= 0:
            n -= 1
        k += 1
    return k


@numba.njit(cache=True)
def _leave(site, t, p, u, queue_t, queue_site, in_flight, segment_ms, antidromic_dep, anti_t,
           anti_n, term_t, term_n, origin):
    """A spike fired at ``site`` at t travels on, away from where it came from (``origin``: −1
    from the soma side, +1 from the terminal side, 0 born here). False if it found no room on
    the segment (more than ``QUEUE`` spikes in flight), which the caller reports."""
    q = queue_t.shape[2]
    if site == 1:
        _emit(term_t, term_n, p, u, t)
    if site == 0 and origin != -1:
        # towards the soma
        antidromic_dep[p, u, 1] = antidromic_dep[p, u, 0]
        antidromic_dep[p, u, 0] = t
        _emit(anti_t, anti_n, p, u, t)
    target = 1 - site
    if (site == 0 and origin == 1) or (site == 1 and origin == -1):
        return True
    # a spike on the segment coming the other way (due at this site later) meets this one
    for k in range(_occupied_end(queue_site, p, u, in_flight[p, u])):
        if queue_site[p, u, k] == site and queue_t[p, u, k] > t:
            queue_t[p, u, k] = np.inf
            queue_site[p, u, k] = -1
            in_flight[p, u] -= 1
            return True
    for k in range(q):
        if queue_site[p, u, k] < 0:
            queue_t[p, u, k] = t + segment_ms[p, u]
            queue_site[p, u, k] = target
            in_flight[p, u] += 1
            return True
    return False


@numba.njit(cache=True, inline="always")
def _extrapolated_step(site, whole, n, dt, k, table):
    """Advance ``site`` by ``n`` dt with no input, Richardson-extrapolated: twice two steps of
    about n/2 less one step of n (``whole``, scratch), which cancels the exponential-Euler
    steps' first-order error; gates kept within [0, 1], which the difference could leave by its
    own rounding. Returns the new V_node and the plain steps' error in it as the pair and the
    single step differ."""
    whole[:] = site
    motor_axon.site_step(whole, 0.0, n * dt, k, table)
    half = n // 2
    motor_axon.site_step(site, 0.0, half * dt, k, table)
    pair = motor_axon.site_step(site, 0.0, (n - half) * dt, k, table)
    for r in range(N_VAR):
        site[r] = 2.0 * site[r] - whole[r]
    for r in range(FIRST_GATE_ROW, END_GATE_ROW):
        site[r] = min(max(site[r], 0.0), 1.0)
    return site[V_ROW], abs(pair - whole[V_ROW])


@numba.njit(cache=True, inline="always", error_model="numpy")
def _long_step(site, saved, n, dt, k, table, motion, j):
    """Try one step of ``n`` dt with no input; keep it if the potential moved less than
    ``COARSE_TOLERANCE_MV`` (and note how fast, in mV/ms, in ``motion[j]``), else undo it."""
    saved[:] = site
    v0 = site[V_ROW]
    v1 = motor_axon.site_step(site, 0.0, n * dt, k, table)
    if abs(v1 - v0) < COARSE_TOLERANCE_MV:
        motion[j] = abs(v1 - v0) / (n * dt)
        return True
    site[:] = saved
    return False


@numba.njit(cache=True)
def _sample(site, j, p, u, n_unit, begin, end, probe_rows, probe_slot, probe_every, probe_phase,
            probe_samples):
    """Samples due in steps [begin, end) of the interval of site j of a probed axon (p, u), all
    from ``site``'s present state (the state after the step that covered them, or, for a
    deferred span, before it: within ``COARSE_TOLERANCE_MV`` either way)."""
    slot = probe_slot[p * n_unit + u]
    first_due = begin + (probe_every - (probe_phase + begin + 1) % probe_every) % probe_every
    for i in range(first_due, end, probe_every):
        sample = (probe_phase + i + 1) // probe_every - 1
        for r in range(probe_rows.shape[0]):
            if probe_rows[r] // N_VAR == j:
                probe_samples[sample, r, slot] = site[probe_rows[r] % N_VAR]


@numba.njit(cache=True)
def _at_rest(p, u, t, motion, relay_until, in_flight):
    """Whether both sites of axon (p, u) are at their steady state with no spike on its way."""
    for j in range(2):
        if motion[p, u, j] >= AT_REST_MV_PER_MS or relay_until[p, u, j] > t:
            return False
    return in_flight[p, u] == 0


@numba.njit(cache=True, inline="always")
def _pulse_on(stim_mA, i, p):
    """Whether any electrode passes current into person p in step i."""
    for e in range(stim_mA.shape[2]):  # noqa: SIM110 (numba compiles no generator)
        if stim_mA[i, p, e] != 0.0:
            return True
    return False


@numba.njit(cache=True, inline="always", error_model="numpy")
def _first_busy_step(j, t, t_end, p, u, first, last, soma_t, queue_t, queue_site, in_flight,
                     relay_until, stim_mA, stimulated, s, block):
    """The first step of the block from which site j must be stepped at dt (``block`` if none):
    a relay still driving it (0), or the step in which a spike or a pulse arrives."""
    if relay_until[p, u, j] > t:
        return 0
    dt = (t_end - t) / block
    due = t_end
    for kq in range(_occupied_end(queue_site, p, u, in_flight[p, u])):
        if queue_site[p, u, kq] == j:
            due = min(due, queue_t[p, u, kq])
    if j == 0:
        for m in range(first, last):
            if soma_t[m] >= t:
                due = min(due, soma_t[m])
                break
        if stimulated:
            for b in range(block):
                if _pulse_on(stim_mA, s + b, p):
                    due = min(due, t + b * dt)
                    break
    return min(block, max(0, int((due - t) / dt)))


@numba.njit(parallel=True, cache=True, error_model="numpy")
def advance_axons(y, k, constant_of, tables, table_of, gain, stim_mA, pulse_recent, first_step,
                  dt, soma_t, soma_start, soma_ms,
                  queue_t, queue_site, in_flight, relay_until, relay_from, antidromic_dep,
                  relay_current, segment_ms, block_steps, motion, lag,
                  lost, term_t, term_n, anti_t, anti_n, ect_t, ect_n, probe_rows, probe_slot,
                  probe_every, probe_phase, probe_samples):
    """Advance every unit's two sites through ``stim_mA.shape[0]`` steps in place.

    y (2·N_VAR, P, U); k (R, K) the distinct site constants, site j of axon (p, u) reading
    ``k[constant_of[p, u, j]]``; tables (T, rows, columns) the sites' tables
    (``motor_axon.site_table`` for steps of dt), person p reading ``tables[table_of[p]]``; gain
    (P, U, E) µA/cm² per mA that each active electrode drives into the stimulation site;
    stim_mA (steps, P, E) each electrode's current, pulse_recent (steps, P) whether a pulse of
    any began within ``STIMULUS_WINDOW_MS``; soma_t the orthodromic arrivals at the stimulation
    site, sorted by person, unit and time, those of (p, u) at soma_start[p·U + u] up to the
    next; soma_ms (P, U) the soma–site conduction time; queue_* spikes in flight between the
    sites, in_flight (P, U) how many; relay_* the drive of an arriving spike; motion (P, U, 2)
    how fast (mV/ms) each site's potential moved in its latest long step (∞ after a step of
    dt); lag (P, U, 2) the steps a relaxing site has yet to take; lost (P,) counts spikes that
    found no room on a segment; outputs as slot arrays; the probe as in
    :class:`kramp.engine.component.Probe` (rows of the packed two-site state).

    Each site takes blocks of at most ``COARSE_STEPS`` steps and never longer than the conduction
    time between the sites, so a spike one site fires in a block reaches the other after it: the
    sites can be stepped one after the other, each with its own step size.
    """
    n_steps = stim_mA.shape[0]
    n_person, n_unit, n_electrode = gain.shape
    t_first = first_step * dt
    for p in numba.prange(n_person):
        table = tables[table_of[p]]
        saved = np.empty(N_VAR)
        whole = np.empty(N_VAR)
        # one axon's two sites, contiguous while it is stepped (y holds them unit by unit)
        sites = np.empty(2 * N_VAR)
        stimulated = False
        for i in range(n_steps):
            if _pulse_on(stim_mA, i, p):
                stimulated = True
                break
        for u in range(n_unit):
            first, last = soma_start[p * n_unit + u], soma_start[p * n_unit + u + 1]
            probing = probe_every > 0 and probe_slot[p * n_unit + u] >= 0
            if not stimulated and first == last and _at_rest(p, u, t_first, motion, relay_until,
                                                             in_flight):
                # nothing reaches an axon at its steady state: it stays there
                for j in range(2):
                    if probing:
                        _sample(y[j * N_VAR:(j + 1) * N_VAR, p, u], j, p, u, n_unit, 0, n_steps,
                                probe_rows, probe_slot, probe_every, probe_phase, probe_samples)
                continue
            longest = block_steps[p, u]
            sites[:] = y[:, p, u]
            s = 0
            # blocks lie on the run's step grid, so results do not depend on the intervals: the
            # first ends where its block of the grid does, the others start on the grid (kept
            # without a division in every block, which cost 3 % of the afferents' stepping)
            into_block = first_step % longest
            while s < n_steps:
                block = min(longest - into_block, n_steps - s)
                into_block = 0
                t_start = (first_step + s) * dt
                for j in range(2):
                    quiet = _first_busy_step(j, t_start, t_start + block * dt, p, u, first, last,
                                             soma_t, queue_t, queue_site, in_flight,
                                             relay_until, stim_mA, stimulated, s, block)
                    rate = motion[p, u, j]
                    if quiet == block and rate >= AT_REST_MV_PER_MS and \
                            (lag[p, u, j] + block) * dt <= LAG_MS_MAX and \
                            rate * (lag[p, u, j] + block) * dt < COARSE_TOLERANCE_MV:
                        # a slowly relaxing site with nothing to meet: step it later, at once
                        lag[p, u, j] += block
                        if probing:
                            _sample(sites[j * N_VAR:(j + 1) * N_VAR], j, p, u, n_unit, s,
                                    s + block, probe_rows, probe_slot, probe_every, probe_phase,
                                    probe_samples)
                        continue
                    # the views only a site that is stepped needs
                    site = sites[j * N_VAR:(j + 1) * N_VAR]
                    kp = k[constant_of[p, u, j]]
                    if lag[p, u, j] > 0:
                        v0 = site[V_ROW]
                        # one extrapolated step: a first-order step over the span was the
                        # main error of the afferent volley (module doc)
                        saved[:] = site
                        v1, error = _extrapolated_step(site, whole, lag[p, u, j], dt, kp, table)
                        if error >= EXTRAPOLATION_TOLERANCE_MV and lag[p, u, j] > COARSE_STEPS:
                            # too long a span to extrapolate at once: in pieces of a block (a
                            # span of one block would only repeat the step just taken)
                            site[:] = saved
                            left = lag[p, u, j]
                            while left > 0:
                                piece = min(left, COARSE_STEPS)
                                v1 = _extrapolated_step(site, whole, piece, dt, kp, table)[0]
                                left -= piece
                        motion[p, u, j] = abs(v1 - v0) / (lag[p, u, j] * dt)
                        lag[p, u, j] = 0
                    # up to the first event a site at rest stays put
                    b = quiet if quiet > 1 and motion[p, u, j] < AT_REST_MV_PER_MS else 0
                    if probing:
                        _sample(site, j, p, u, n_unit, s, s + b, probe_rows, probe_slot,
                                probe_every, probe_phase, probe_samples)
                    # a site no relay drives tries to reach the next event in one step when its
                    # latest step says it would stay within the tolerance (a long step from
                    # the trough between two spikes of a burst could miss the second)
                    try_long = motion[p, u, j] * block * dt < COARSE_TOLERANCE_MV
                    while b < block:
                        if try_long and relay_until[p, u, j] <= t_start + b * dt:
                            if b > 0:
                                quiet = _first_busy_step(j, t_start + b * dt, t_start + block * dt,
                                                         p, u, first, last, soma_t, queue_t,
                                                         queue_site, in_flight, relay_until,
                                                         stim_mA, stimulated, s + b, block - b)
                            if quiet > 1 and _long_step(site, saved, quiet, dt, kp, table,
                                                        motion[p, u, :], j):
                                if probing:
                                    _sample(site, j, p, u, n_unit, s + b, s + b + quiet, probe_rows,
                                            probe_slot, probe_every, probe_phase, probe_samples)
                                b += quiet
                                continue
                        motion[p, u, j] = np.inf
                        t = (first_step + s + b) * dt
                        if j == 0:
                            for m in range(first, last):
                                if t <= soma_t[m] < t + dt:
                                    left_soma = soma_t[m] - soma_ms[p, u]
                                    blocked = False
                                    for a in range(2):
                                        t_a = antidromic_dep[p, u, a]
                                        if t_a - soma_ms[p, u] < left_soma < \
                                                t_a + soma_ms[p, u] + INVASION_REFRACTORY_MS:
                                            blocked = True
                                    if not blocked:
                                        relay_until[p, u, 0] = soma_t[m] + RELAY_WIDTH_MS
                                        relay_from[p, u, 0] = -1
                        for kq in range(_occupied_end(queue_site, p, u, in_flight[p, u])):
                            if queue_site[p, u, kq] == j and queue_t[p, u, kq] < t + dt:
                                relay_until[p, u, j] = queue_t[p, u, kq] + RELAY_WIDTH_MS
                                relay_from[p, u, j] = 1 if j == 0 else -1
                                queue_t[p, u, kq] = np.inf
                                queue_site[p, u, kq] = -1
                                in_flight[p, u] -= 1
                        current = 0.0
                        if relay_until[p, u, j] > t:
                            current += relay_current[p]
                        if j == 0:
                            for e in range(n_electrode):
                                current += gain[p, u, e] * stim_mA[s + b, p, e]
                        v0 = site[V_ROW]
                        v1 = motor_axon.site_step(site, current, dt, kp, table)
                        try_long = abs(v1 - v0) * (block - b) < COARSE_TOLERANCE_MV
                        if v0 < SPIKE_DETECTION_MV <= v1:
                            # on the run's clock, as the motoneurons time their spikes
                            t_spike = (first_step + s + b
                                       + (SPIKE_DETECTION_MV - v0) / (v1 - v0)) * dt
                            origin = 0
                            if relay_until[p, u, j] > t - 2.0:
                                origin = relay_from[p, u, j]
                                relay_from[p, u, j] = 0
                            elif not (j == 0 and pulse_recent[s + b, p]):
                                _emit(ect_t, ect_n, p, u, t_spike)
                            if not _leave(j, t_spike, p, u, queue_t, queue_site, in_flight,
                                          segment_ms, antidromic_dep, anti_t, anti_n, term_t,
                                          term_n, origin):
                                lost[p] += 1
                        if probing:
                            _sample(site, j, p, u, n_unit, s + b, s + b + 1, probe_rows, probe_slot,
                                    probe_every, probe_phase, probe_samples)
                        b += 1
                s += block
            y[:, p, u] = sites


def pulse_train_mA(train: Mapping[str, np.ndarray], interval: Interval, n_person: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """One electrode's current in each step of the interval, and whether one of its pulses began
    within ``STIMULUS_WINDOW_MS`` before it, both (steps, P); ``train`` its settings (intensity,
    pulse_width, first_pulse, pulse_count, frequency), arrays over persons."""
    period = 1e3 / train["frequency"]
    train_end = (train["first_pulse"] + (train["pulse_count"] - 1) * period
                 + np.maximum(train["pulse_width"], STIMULUS_WINDOW_MS))
    silent = ((train["intensity"] <= 0.0) | (train["pulse_count"] < 1)
              | (train["first_pulse"] >= interval.end_ms) | (train_end < interval.start_ms))
    if silent.all():
        return (np.zeros((interval.n_steps, n_person)),
                np.zeros((interval.n_steps, n_person), dtype=bool))
    t = (interval.first_step + np.arange(interval.n_steps)) * interval.dt_ms
    since = t[:, None] - train["first_pulse"][None, :]
    index = np.floor(since / period)
    within = since - index * period
    in_train = ((since >= 0.0) & (index < train["pulse_count"])
                & (train["intensity"][None, :] > 0.0))
    on = in_train & (within < train["pulse_width"])
    return (np.where(on, train["intensity"][None, :], 0.0),
            in_train & (within < STIMULUS_WINDOW_MS))


def _distinct_sites(constants: np.ndarray, n_unit: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows (R, K) of site constants given per person (P, K) or per person, unit
    and site (P, U, 2, K), and which row each site reads, ``constant_of`` (P, U, 2): sites with
    the same membrane share a row, so a person's healthy axons still share one."""
    if constants.ndim == 2:
        n_person = constants.shape[0]
        of = np.broadcast_to(np.arange(n_person)[:, None, None], (n_person, n_unit, 2))
        return np.ascontiguousarray(constants), np.ascontiguousarray(of, dtype=np.int64)
    rows, of = np.unique(constants.reshape(-1, constants.shape[-1]), axis=0,
                         return_inverse=True)
    return np.ascontiguousarray(rows), of.reshape(constants.shape[:3]).astype(np.int64)


def relay_current_uA_per_cm2(k: np.ndarray, dt_ms: float) -> float:
    """The drive of an arriving spike: ``RELAY_THRESHOLDS`` × the resting threshold."""
    return RELAY_THRESHOLDS * motor_axon.threshold_uA_per_cm2(k, RELAY_WIDTH_MS, dt_ms)


def block_steps(segment_ms: np.ndarray, dt_ms: float) -> np.ndarray:
    """Each axon's longest block of steps: at most ``COARSE_STEPS`` and the conduction time
    between its sites, and a divisor of the steps in ``ALIGN_MS``, so that no exchange interval
    (a whole number of the 1 ms clocks) ends inside a block."""
    per_ms = round(ALIGN_MS / dt_ms)
    if abs(per_ms * dt_ms - ALIGN_MS) > 1e-9 * ALIGN_MS:
        return np.ones(segment_ms.shape, dtype=np.int64)
    divisors = np.array([d for d in range(1, per_ms + 1) if per_ms % d == 0])
    limit = np.minimum(COARSE_STEPS, np.floor(segment_ms / dt_ms)).astype(np.int64)
    index = np.searchsorted(divisors, np.maximum(limit, 1), side="right") - 1
    return divisors[index].astype(np.int64)


# The event logic of the sites is written once; its reference is the same code run by Python.
BACKENDS = {"numba": advance_axons, "numpy": advance_axons.py_func}


class Axons(Component):
    name = "axon"
    element = "unit"
    # With the nerve blocked between the stimulation site and the cord
    # (``stimulation.proximal_block``), nothing crosses the block: the somatic spikes (input
    # ``orthodromic``) never reach the stimulation site, and the output that travels towards the
    # cord is lost.
    input_lost_at_block = True
    output_lost_at_block = "antidromic"
    variables = site_variables()
    buffers = ("queue_t", "queue_site", "in_flight", "relay_until", "relay_from",
               "antidromic_departures", "motion", "lag")
    inputs = (Port("orthodromic", "events", "1",
                   "somatic spikes arriving at the stimulation site"),)
    outputs = (
        Port("terminal", "events", "1", "action potentials leaving the terminal for the muscle"),
        Port("antidromic", "events", "1", "spikes leaving the stimulation site for the soma"),
        Port("ectopic", "events", "1", "spikes born in the axon without a stimulus"),
    )

    def __init__(self, constants: np.ndarray, gain: np.ndarray, relay_current: np.ndarray,
                 soma_ms: np.ndarray, segment_ms: np.ndarray,
                 electrodes: Sequence[Mapping[str, Any]], proximal_block: np.ndarray,
                 dt_ms: float):
        """``constants`` ``motor_axon.site_constants`` per person (P, K), or per person, unit
        and site (P, U, 2, K: an injured segment's membrane differs from the rest of its axon;
        the gates' kinetics must be the same throughout a person); ``gain`` (P, U, E)
        µA/cm² per mA that each of the E electrodes drives into each stimulation site;
        ``relay_current`` (P,) µA/cm²; ``soma_ms`` and ``segment_ms`` (P, U) conduction times
        soma → stimulation site → terminal; ``electrodes``: each electrode's pulse-train values
        (``nerve.ELECTRODES``' tables), arrays over persons; ``proximal_block`` (P,) or (P, U):
        nonzero where the person's nerve (``stimulation.proximal_block``), or the fibre (in a
        compressed root), is blocked between the stimulation site and the cord."""
        self.gain = np.ascontiguousarray(gain)
        self.relay_current = np.ascontiguousarray(relay_current)
        self.soma_ms = np.ascontiguousarray(soma_ms)
        self.segment_ms = np.ascontiguousarray(segment_ms)
        self.electrodes = tuple({name: np.asarray(v, dtype=float) for name, v in train.items()}
                                for train in electrodes)
        self.n_person, self.n_element, _ = self.gain.shape
        self.constants, self.constant_of = _distinct_sites(np.asarray(constants, dtype=float),
                                                           self.n_element)
        self.blocked = np.broadcast_to(
            (np.asarray(proximal_block, dtype=float) > 0.0).reshape(self.n_person, -1),
            (self.n_person, self.n_element))
        # an electrode that passes no current in this model (intensity 0 for everyone; a
        # protocol step that turns it on builds a new model) is left out of the stepping, where
        # it would add exactly 0 to every site's current at every step
        active = [e for e, train in enumerate(self.electrodes) if (train["intensity"] > 0.0).any()]
        self.active_electrodes = tuple(self.electrodes[e] for e in active)
        self.active_gain = np.ascontiguousarray(self.gain[:, :, active])
        self.step_ms = dt_ms
        self.block_steps = block_steps(self.segment_ms, dt_ms)
        # people whose sites have the same kinetics (same ions) share a table
        keys = [motor_axon.kinetic_key(self.constants[row]) for row in self.constant_of[:, 0, 0]]
        distinct = list(dict.fromkeys(keys))
        self.tables = np.stack([motor_axon.site_table(
            self.constants[self.constant_of[keys.index(key), 0, 0]], dt_ms) for key in distinct])
        self.table_of = np.array([distinct.index(key) for key in keys], dtype=np.int64)

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        rest = np.stack([motor_axon.initial_state(k) for k in self.constants])  # (R, N_VAR)
        # (2·N_VAR, P, U): the rows of site 0, then those of site 1
        variables = np.concatenate([rest[self.constant_of[:, :, j]].transpose(2, 0, 1)
                                    for j in range(2)])
        shape = (self.n_person, self.n_element)
        return {"variables": np.ascontiguousarray(variables),
                "queue_t": np.full((*shape, QUEUE), np.inf),
                "queue_site": np.full((*shape, QUEUE), -1, dtype=np.int64),
                "in_flight": np.zeros(shape, dtype=np.int64),
                "relay_until": np.full((*shape, 2), -np.inf),
                "relay_from": np.zeros((*shape, 2), dtype=np.int64),
                "antidromic_departures": np.full((*shape, 2), -np.inf),
                "motion": np.full((*shape, 2), np.inf),
                "lag": np.zeros((*shape, 2), dtype=np.int64)}

    def pulses_mA(self, interval: Interval) -> tuple[np.ndarray, np.ndarray]:
        """Each active electrode's current in each step of the interval (steps, P, E), and
        whether a pulse of any began within ``STIMULUS_WINDOW_MS`` before it (steps, P)."""
        current = np.zeros((interval.n_steps, self.n_person, len(self.active_electrodes)))
        recent = np.zeros((interval.n_steps, self.n_person), dtype=bool)
        for e, train in enumerate(self.active_electrodes):
            current[:, :, e], began = pulse_train_mA(train, interval, self.n_person)
            recent |= began
        return current, recent

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        del streams
        soma = inputs.get("orthodromic")
        if soma is None:
            soma = Events.none()
        blocked = self.blocked
        if self.input_lost_at_block and blocked.any():
            soma = soma.select(~blocked[soma.person, soma.element])
        shape = (self.n_person, self.n_element)
        slots = SLOTS_PER_MS * max(1, round(interval.n_steps * interval.dt_ms)) + 4
        # only the first ``count`` slots of a unit are ever read (compact_spikes): left unset,
        # they spare zeroing the slot arrays of every interval
        out = {name: (np.empty((*shape, slots)), np.zeros(shape, dtype=np.int64))
               for name in ("terminal", "antidromic", "ectopic")}
        lost = np.zeros(self.n_person, dtype=np.int64)
        order, soma_start = grouped_by_element(soma.time_ms, soma.person, soma.element,
                                               self.n_person, self.n_element)
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(interval.n_steps) if probe else np.zeros((0, 0, 0))
        BACKENDS[backend](state["variables"], self.constants, self.constant_of, self.tables,
                          self.table_of,
                          self.active_gain, *self.pulses_mA(interval),
                      interval.first_step, interval.dt_ms, soma.time_ms[order], soma_start,
                      self.soma_ms,
                      state["queue_t"], state["queue_site"], state["in_flight"],
                      state["relay_until"],
                      state["relay_from"], state["antidromic_departures"],
                      self.relay_current, self.segment_ms, self.block_steps, state["motion"],
                      state["lag"], lost,
                      *out["terminal"],
                      *out["antidromic"],
                      *out["ectopic"],
                      *recording, samples)
        if lost.any():
            raise RuntimeError(f"more than {QUEUE} spikes were in flight on one axon; "
                               f"{int(lost.sum())} were lost")
        events = {}
        for name, (times, counts) in out.items():
            if (counts > slots).any():
                raise RuntimeError(f"an axon fired more than {slots} {name} spikes in an "
                                   "interval; spikes were lost")
            events[name] = slot_events_in_time_order(times.reshape(-1, slots),
                                                     counts.reshape(-1), self.n_element)
        if blocked.any():
            lost = events[self.output_lost_at_block]
            events[self.output_lost_at_block] = lost.select(~blocked[lost.person,
                                                                     lost.element])
        return events, (samples if probe else None)


def steady_release(rate_pps: np.ndarray, use: np.ndarray, recovery_ms: np.ndarray
                   ) -> np.ndarray:
    """The share of a terminal's transmitter there at each spike of a regular train at
    ``rate_pps`` once it has settled: with interval T and recovery τ, a* = (1 − e^(−T/τ)) /
    (1 − (1 − U) e^(−T/τ)), the fixed point of ``release_weights``' rule; 1 for a silent fibre."""
    with np.errstate(divide="ignore"):
        decay = np.exp(-1e3 / (np.asarray(rate_pps, dtype=float) * recovery_ms))
    return (1.0 - decay) / (1.0 - (1.0 - use) * decay)


@numba.njit(cache=True)
def release_weights(time_ms, person, element, use, recovery_ms, left, last_ms):
    """Each afferent spike's transmitter release relative to a rested terminal (the events in
    time order; ``left`` and ``last_ms`` [person, element], the share left after each fibre's
    last spike and its time, are updated in place): the share recovers towards 1 with
    ``recovery_ms[person]`` since the last spike, the spike releases what is there and uses the
    share ``use[person, element]`` of it."""
    weight = np.ones(time_ms.size)
    for i in range(time_ms.size):
        p, a = person[i], element[i]
        if use[p, a] <= 0.0:
            continue
        available = 1.0 - (1.0 - left[p, a]) * math.exp(-(time_ms[i] - last_ms[p, a])
                                                       / recovery_ms[p])
        weight[i] = available
        left[p, a] = available * (1.0 - use[p, a])
        last_ms[p, a] = time_ms[i]
    return weight


class AfferentAxons(Axons):
    """The muscles' afferent fibres in the same nerve, with the motor axons' two-site membrane.

    The receptors' spikes reach the stimulation site (input ``orthodromic``) after their
    conduction from the muscle; a stimulus there sends spikes both ways. The second site lies
    ``PROXIMAL_SEGMENT_MS`` of conduction closer to the cord: long enough that its steps, like a
    motor axon's, are not cut short by the segment between the sites. Spikes that leave it
    (``terminal``) travel on to the cord in the lines that carry them to their synapses; those
    that leave the stimulation site towards the muscle (``antidromic``) collide with what the
    receptors send and then end at the receptor.
    """

    name = "afferent_axon"
    element = "afferent"
    # the receptors' spikes come from the muscle's side of a proximal block; what the proximal
    # site sends on to the cord is lost at it
    input_lost_at_block = False
    output_lost_at_block = "terminal"
    buffers = (*Axons.buffers, "release_left", "release_last_ms")

    def __init__(self, constants: np.ndarray, gain: np.ndarray, relay_current: np.ndarray,
                 soma_ms: np.ndarray, segment_ms: np.ndarray,
                 electrodes: Sequence[Mapping[str, Any]], proximal_block: np.ndarray,
                 dt_ms: float, release_use: np.ndarray, release_recovery_ms: np.ndarray,
                 rest_rate_pps: np.ndarray):
        """As :class:`Axons`, and each fibre's post-activation depression at its central
        terminals: ``release_use`` (P, A) the share of its transmitter a spike uses (0: none)
        and ``release_recovery_ms`` (P,) the recovery time constant (``afferents.SPINAL``'s
        ``ia_release_use`` and ``ia_release_recovery``). The depression weights the spikes
        leaving for the cord (output ``terminal``): every synapse of the fibre scales with it.
        ``rest_rate_pps`` (P, A), each fibre's discharge at the start, sets the depression it
        starts with: the steady state of that rate (``steady_release``), so a fibre that fires
        at rest has not rested its terminals."""
        super().__init__(constants, gain, relay_current, soma_ms, segment_ms, electrodes,
                         proximal_block, dt_ms)
        self.release_use = np.ascontiguousarray(release_use, dtype=float)
        self.release_recovery_ms = np.ascontiguousarray(release_recovery_ms, dtype=float)
        self.rest_rate_pps = np.asarray(rest_rate_pps, dtype=float)

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        state = super().initial_state(seed)
        # as if each fibre had just fired at its resting steady state: what a spike leaves
        before = steady_release(self.rest_rate_pps, self.release_use,
                                self.release_recovery_ms[:, None])
        return {**state, "release_left": before * (1.0 - self.release_use),
                "release_last_ms": np.zeros(before.shape)}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        events, samples = super().advance(state, inputs, interval, streams, probe, backend)
        sent = events["terminal"]
        if sent.size and (self.release_use > 0.0).any():
            weight = release_weights(sent.time_ms, sent.person, sent.element, self.release_use,
                                     self.release_recovery_ms, state["release_left"],
                                     state["release_last_ms"])
            events["terminal"] = Events(sent.time_ms, sent.person, sent.element,
                                        sent.weight * weight, sent.stretch)
        return events, samples
    inputs = (Port("orthodromic", "events", "1",
                   "the receptors' spikes arriving at the stimulation site"),)
    outputs = (
        Port("terminal", "events", "1", "spikes leaving the proximal site for the cord"),
        Port("antidromic", "events", "1",
             "spikes leaving the stimulation site towards the receptors"),
        Port("ectopic", "events", "1", "spikes born in the fibre without a stimulus"),
    )


# The afferent's proximal site lies this much conduction time beyond the stimulation site.
PROXIMAL_SEGMENT_MS = 2.0
