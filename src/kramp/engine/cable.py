"""The cable solver: action potentials that travel along unbranched axons, ``[axon, compartment]``.

This is the engine's second integrator, for spatially extended membranes; ``integrators`` steps
isopotential ones. A batch of independent axons (say fibres of different diameters) shares one
Model: arrays are ``[axon, compartment]``, so every axon must have the same number of
compartments (its lengths and diameters are its own).

Scheme (second order in Δt, NEURON's ``secondorder = 2``; Hines 1984): V on whole steps, gates on
half steps. From V(t) and gates x(t + Δt/2), with the gates frozen the cable is linear in V::

    C_i dV_i/dt = −G_i V_i + J_i + Σ_j G_ij (V_j − V_i) + I_i(t + Δt/2)
    G_i = Σ_c g_c,i Π_g x_g^p(c,g),   J_i = Σ_c g_c,i Π_g x_g^p(c,g) E_c,i   (µS, nA)

1. Crank–Nicolson, written as NEURON writes it: a backward-Euler half step to V(t + Δt/2),
   then V(t+Δt) = 2 V(t + Δt/2) − V(t). The half step is one tridiagonal system per axon::

       (2C_i/Δt + G_i + G_i,i−1 + G_i,i+1) V½_i − G_i,i−1 V½_i−1 − G_i,i+1 V½_i+1
           = (2C_i/Δt) V_i + J_i + I_i,

   solved by the Thomas algorithm (Hines' method on an unbranched cable), O(compartments).
2. Every gate is advanced from t + Δt/2 to t + 3Δt/2 by the Rush–Larsen update at V(t+Δt),
   x ← A(V) + B(V)·x, with A and B read from ``kramp.engine.tables``.

The arrival of the action potential at a recorded compartment is the first upward crossing of
the threshold (0 mV), its time interpolated linearly within the step; a velocity is Δx/Δt
between two arrivals away from the ends (the end effects of stimulus and sealed end fade within
a few length constants). 1 m/s = 1 mm/ms, so positions in mm over times in ms are velocities in
m/s.

Units inside: V mV, t ms, capacitance nF, conductance µS, current nA (nF/µS = ms, µS·mV = nA).

Two implementations of the same arithmetic exist: ``advance_cable_numba`` (compiled, axons in
parallel, Thomas algorithm) and ``advance_cable_numpy`` (vectorised over axons, with LAPACK's
banded solver in place of Thomas); ``tests/engine/test_cable.py`` checks that they agree.

Sources: Hines M (1984) Int J Biomed Comput 15:69–76; Rush S, Larsen H (1978) IEEE Trans Biomed
Eng 25:389–392; Hodgkin AL, Huxley AF (1952) J Physiol 117:500–544 (the cable equation of
Part VI).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numba
import numpy as np
from scipy.linalg import solve_banded

from kramp.engine.tables import GateTables, build_gate_tables, interpolate
from kramp.errors import KrampInputError
from kramp.physiology.axon import CableSpec, Membrane, myelinated_axon

ORDER = 2  # global order of accuracy in Δt of V and of arrival times

UM_PER_CM = 1e4
SPIKE_THRESHOLD_MV = 0.0  # an arrival is the upward 0 mV crossing (kramp's spike definition)


@dataclass(frozen=True)
class CurrentPulse:
    """A rectangular current injected into one compartment of every axon (the protocol).

    ``amplitude_nA`` is one value or one per axon; positive current depolarises.
    """

    amplitude_nA: float | np.ndarray
    delay_ms: float
    width_ms: float
    compartment: int = 0


@dataclass(frozen=True, eq=False)
class CableModel:
    """What is simulated: a batch of cables with one channel structure, as read-only arrays.

    ``capacitance_nF[a, i]``; ``conductance_uS[c, a, i]`` and ``reversal_mV[c, a, i]`` for channel
    ``channels[c]``; ``gate_powers[c, g]``; ``axial_uS[a, i]`` joins compartments i and i + 1;
    ``position_mm[a, i]`` is the centre of compartment i; ``site_index[a, k]`` are the
    compartments recorded by default; ``membranes[gate_setting[a]]`` is axon a's membrane, and
    ``gate_tables`` holds one table per membrane.
    """

    membranes: tuple[Membrane, ...]
    gates: tuple[str, ...]
    channels: tuple[str, ...]
    gate_powers: np.ndarray
    dt_ms: float
    capacitance_nF: np.ndarray
    conductance_uS: np.ndarray
    reversal_mV: np.ndarray
    axial_uS: np.ndarray
    position_mm: np.ndarray
    v_init_mV: np.ndarray
    site_index: np.ndarray
    gate_tables: GateTables
    gate_setting: np.ndarray

    @property
    def n_axon(self) -> int:
        return self.capacitance_nF.shape[0]

    @property
    def n_compartment(self) -> int:
        return self.capacitance_nF.shape[1]


@dataclass(frozen=True, eq=False)
class CableRun:
    """What the recorders saw: arrival times, and optionally V, at the recorded compartments.

    ``arrival_ms[a, k]`` is the first upward threshold crossing at compartment
    ``record_index[a, k]`` (NaN if the action potential never arrived), ``position_mm[a, k]`` its
    position; ``v_mV[sample, a, k]`` is sampled at ``time_ms`` (empty unless requested).
    """

    record_index: np.ndarray
    position_mm: np.ndarray
    arrival_ms: np.ndarray
    time_ms: np.ndarray
    v_mV: np.ndarray

    def velocity_m_per_s(self, first: int = 0, second: int = -1) -> np.ndarray:
        """Δposition/Δarrival between two recorded sites, per axon (mm/ms = m/s)."""
        distance = self.position_mm[:, second] - self.position_mm[:, first]
        return distance / (self.arrival_ms[:, second] - self.arrival_ms[:, first])


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.setflags(write=False)
    return array


def axial_conductance_uS(length_um: np.ndarray, diameter_um: np.ndarray,
                         resistivity_ohm_cm: float) -> np.ndarray:
    """Conductance between neighbouring compartment centres: half of each compartment in series.

    1/G_i,i+1 = R_i (ℓ_i/2) / (π d_i²/4) + R_i (ℓ_i+1/2) / (π d_i+1²/4)   (Ω; lengths in cm)
    """
    half_resistance_ohm = (resistivity_ohm_cm * (length_um / 2.0 / UM_PER_CM)
                           / (math.pi * (diameter_um / UM_PER_CM) ** 2 / 4.0))
    return 1e6 / (half_resistance_ohm[:-1] + half_resistance_ohm[1:])


def build_cable(specs: Sequence[CableSpec], dt_ms: float) -> CableModel:
    """Compile cable specifications into a Model; every spec needs the same compartment count
    and channel structure (gates, channels, powers), and may differ in all else."""
    if not specs:
        raise KrampInputError("a cable model needs at least one axon", field="axons")
    first = specs[0].membrane
    n = specs[0].length_um.size
    for spec in specs:
        same = (spec.membrane.gates, spec.membrane.channels, spec.membrane.gate_powers) == (
            first.gates, first.channels, first.gate_powers)
        if not same or spec.length_um.size != n or spec.site_index.size != specs[0].site_index.size:
            raise KrampInputError(
                "the axons of one cable model must share their channel structure, compartment "
                f"count ({n}) and number of recording sites", field="axons")
    membranes = list(dict.fromkeys(spec.membrane for spec in specs))
    area_cm2 = np.stack([math.pi * s.diameter_um * s.length_um / UM_PER_CM**2 for s in specs])
    # µF/cm² · cm² = µF → ×1e3 nF;  mS/cm² · cm² = mS → ×1e3 µS
    capacitance = np.stack([s.cm_uF_per_cm2 for s in specs]) * area_cm2 * 1e3
    conductance = np.stack([s.g_mS_per_cm2 for s in specs], axis=1) * area_cm2 * 1e3
    return CableModel(
        membranes=tuple(membranes),
        gates=first.gates,
        channels=first.channels,
        gate_powers=_read_only(np.array(first.gate_powers, dtype=np.int64)
                               .reshape(len(first.channels), len(first.gates))),
        dt_ms=float(dt_ms),
        capacitance_nF=_read_only(capacitance),
        conductance_uS=_read_only(conductance),
        reversal_mV=_read_only(np.stack([s.e_mV for s in specs], axis=1).astype(float)),
        axial_uS=_read_only(np.stack([
            axial_conductance_uS(s.length_um, s.diameter_um, s.axial_resistivity_ohm_cm)
            for s in specs])),
        position_mm=_read_only(np.stack([s.position_um / 1e3 for s in specs])),
        v_init_mV=_read_only(np.array([s.v_init_mV for s in specs], dtype=float)),
        site_index=_read_only(np.stack([s.site_index for s in specs]).astype(np.int64)),
        gate_tables=build_gate_tables([m.kinetics for m in membranes], first.gates, dt_ms),
        gate_setting=_read_only(np.array([membranes.index(s.membrane) for s in specs],
                                         dtype=np.int64)),
    )


def initial_cable_state(model: CableModel) -> tuple[np.ndarray, np.ndarray]:
    """(V, gates) at rest as NEURON's ``finitialize`` sets them: V = v_init, gates at x∞(v_init).

    ``gates[g, a, i]``; the gates are then held half a step ahead of V.
    """
    v = np.repeat(model.v_init_mV[:, None], model.n_compartment, axis=1)
    gates = np.empty((len(model.gates), *v.shape))
    for a, setting in enumerate(model.gate_setting):
        kinetics = model.membranes[setting].kinetics(v[a])
        for g, gate in enumerate(model.gates):
            gates[g, a] = kinetics[gate][0]
    return v, gates


@numba.njit(parallel=True, cache=True, fastmath={"contract"})
def advance_cable_numba(v, gates, capacitance, conductance, reversal, gate_powers, axial,
                        stim_index, stim_amplitude, stim_on, stim_off,
                        setting, table, v_min, inv_step, t0, dt, n_steps,
                        record_index, threshold, arrival, record_every, v_record):
    """Advance every axon by ``n_steps`` in place, axons in parallel (see module doc).

    ``arrival`` must hold NaN where no crossing has been seen yet. Only multiply-adds may be
    fused (``contract``); no other floating-point shortcut is taken.
    """
    n_axon, n_comp = v.shape
    n_channel, n_gate = gate_powers.shape
    n_rows = table.shape[1]
    row_width = table.shape[2]
    last_row = n_rows - 1.000001
    flat_table = table.reshape(-1)
    n_record = record_index.shape[1]
    for a in numba.prange(n_axon):
        va = v[a].copy()
        xa = gates[:, a, :].copy()
        two_c_dt = 2.0 * capacitance[a] / dt
        diag = np.empty(n_comp)
        rhs = np.empty(n_comp)
        upper = np.empty(n_comp)
        v_half = np.empty(n_comp)
        for s in range(n_steps):
            t_mid = t0 + (s + 0.5) * dt
            # the membrane, linear in V with the gates of t + dt/2
            for i in range(n_comp):
                g_total = 0.0
                drive = 0.0
                for c in range(n_channel):
                    open_fraction = 1.0
                    for g in range(n_gate):
                        for _ in range(gate_powers[c, g]):
                            open_fraction *= xa[g, i]
                    g_open = conductance[c, a, i] * open_fraction
                    g_total += g_open
                    drive += g_open * reversal[c, a, i]
                left = axial[a, i - 1] if i > 0 else 0.0
                right = axial[a, i] if i < n_comp - 1 else 0.0
                diag[i] = two_c_dt[i] + g_total + left + right
                rhs[i] = two_c_dt[i] * va[i] + drive
            if stim_on <= t_mid < stim_off:
                rhs[stim_index] += stim_amplitude[a]
            # Thomas algorithm; the off-diagonal entries are −G_i,i+1
            upper[0] = -axial[a, 0] / diag[0] if n_comp > 1 else 0.0
            v_half[0] = rhs[0] / diag[0]
            for i in range(1, n_comp):
                pivot = diag[i] + axial[a, i - 1] * upper[i - 1]
                upper[i] = -axial[a, i] / pivot if i < n_comp - 1 else 0.0
                v_half[i] = (rhs[i] + axial[a, i - 1] * v_half[i - 1]) / pivot
            for i in range(n_comp - 2, -1, -1):
                v_half[i] -= upper[i] * v_half[i + 1]
            for k in range(n_record):
                i = record_index[a, k]
                v_new = 2.0 * v_half[i] - va[i]
                if np.isnan(arrival[a, k]) and va[i] < threshold <= v_new:
                    arrival[a, k] = t0 + (s + (threshold - va[i]) / (v_new - va[i])) * dt
            # Rush–Larsen gate update at the new voltage, coefficients read from the table
            for i in range(n_comp):
                va[i] = 2.0 * v_half[i] - va[i]
                x = min(max((va[i] - v_min) * inv_step, 0.0), last_row)
                row = int(x)
                f = x - row
                r = (setting[a] * n_rows + row) * row_width
                for g in range(n_gate):
                    q = r + 4 * g
                    xa[g, i] = ((flat_table[q] + f * flat_table[q + 1])
                                + (flat_table[q + 2] + f * flat_table[q + 3]) * xa[g, i])
            if record_every > 0 and (s + 1) % record_every == 0:
                for k in range(n_record):
                    v_record[(s + 1) // record_every - 1, a, k] = va[record_index[a, k]]
        v[a] = va
        gates[:, a, :] = xa


def advance_cable_numpy(v, gates, capacitance, conductance, reversal, gate_powers, axial,
                        stim_index, stim_amplitude, stim_on, stim_off,
                        setting, table, v_min, inv_step, t0, dt, n_steps,
                        record_index, threshold, arrival, record_every, v_record):
    """The same step as ``advance_cable_numba``, vectorised over axons (the readable reference).

    The tridiagonal systems are solved by LAPACK's banded solver, one axon at a time, so this
    path also checks the compiled Thomas algorithm.
    """
    n_axon, n_comp = v.shape
    two_c_dt = 2.0 * capacitance / dt
    left = np.zeros_like(v)
    right = np.zeros_like(v)
    left[:, 1:] = axial
    right[:, :-1] = axial
    banded = np.zeros((n_axon, 3, n_comp))  # LAPACK layout: upper, main, lower diagonal
    banded[:, 0, 1:] = -axial
    banded[:, 2, :-1] = -axial
    axons = np.arange(n_axon)[:, None]
    powers = gate_powers[:, :, None, None]
    for s in range(n_steps):
        t_mid = t0 + (s + 0.5) * dt
        open_fraction = np.prod(gates[None] ** powers, axis=1)  # [channel, axon, compartment]
        g_open = conductance * open_fraction
        banded[:, 1] = two_c_dt + g_open.sum(axis=0) + left + right
        rhs = two_c_dt * v + (g_open * reversal).sum(axis=0)
        if stim_on <= t_mid < stim_off:
            rhs[:, stim_index] += stim_amplitude
        v_half = np.stack([solve_banded((1, 1), banded[a], rhs[a]) for a in range(n_axon)])
        v_new = 2.0 * v_half - v
        before, after = v[axons, record_index], v_new[axons, record_index]
        crossed = np.isnan(arrival) & (before < threshold) & (threshold <= after)
        with np.errstate(invalid="ignore", divide="ignore"):
            fraction = (threshold - before) / (after - before)
        arrival[crossed] = t0 + (s + fraction[crossed]) * dt
        a_coef, b_coef = interpolate(table, setting[:, None], v_new, v_min, inv_step)
        for g in range(gates.shape[0]):
            gates[g] = a_coef[..., g] + b_coef[..., g] * gates[g]
        v[:] = v_new
        if record_every > 0 and (s + 1) % record_every == 0:
            v_record[(s + 1) // record_every - 1] = v[axons, record_index]


CABLE_BACKENDS = {"numba": advance_cable_numba, "numpy": advance_cable_numpy}


def run_cable(model: CableModel, duration_ms: float, pulse: CurrentPulse, *,
              record_index: np.ndarray | None = None, record_every: int = 0,
              backend: str = "numba") -> CableRun:
    """Run ``model`` from rest for ``duration_ms`` under ``pulse`` and return the recordings.

    ``record_index[a, k]`` (default: the model's sites) are the compartments whose arrival times
    are detected and, every ``record_every`` steps if > 0, whose V is sampled.
    """
    if backend not in CABLE_BACKENDS:
        raise KrampInputError(f"`backend` must be one of {', '.join(CABLE_BACKENDS)}, "
                              f"got {backend!r}", field="backend")
    n_steps = round(duration_ms / model.dt_ms)
    if n_steps < 1:
        raise KrampInputError(f"`duration` must be at least one time step ({model.dt_ms:g} ms), "
                              f"got {duration_ms:g} ms", field="duration")
    if not 0 <= pulse.compartment < model.n_compartment:
        raise KrampInputError(f"`stimulus.compartment` must be in [0, {model.n_compartment - 1}],"
                              f" got {pulse.compartment}", field="stimulus.compartment")
    if record_index is None:
        record_index = model.site_index
    # fresh writable copies, so that the compiled kernel always sees the same array types
    record_index = np.array(np.broadcast_to(np.asarray(record_index, dtype=np.int64),
                                            (model.n_axon, np.shape(record_index)[-1])),
                            order="C")
    v, gates = initial_cable_state(model)
    arrival = np.full(record_index.shape, np.nan)
    n_samples = n_steps // record_every if record_every > 0 else 0
    v_record = np.empty((n_samples, *record_index.shape))
    amplitude = np.array(np.broadcast_to(np.asarray(pulse.amplitude_nA, dtype=float),
                                         (model.n_axon,)))
    tables = model.gate_tables
    CABLE_BACKENDS[backend](
        v, gates, model.capacitance_nF, model.conductance_uS, model.reversal_mV,
        model.gate_powers, model.axial_uS, pulse.compartment, amplitude, pulse.delay_ms,
        pulse.delay_ms + pulse.width_ms, model.gate_setting, tables.coefficients,
        tables.v_min_mV, tables.inv_step_per_mV, 0.0, model.dt_ms, n_steps, record_index,
        SPIKE_THRESHOLD_MV, arrival, record_every, v_record)
    return CableRun(
        record_index=record_index,
        position_mm=np.take_along_axis(model.position_mm, record_index, axis=1),
        arrival_ms=arrival,
        time_ms=np.arange(1, n_samples + 1) * record_every * model.dt_ms,
        v_mV=v_record,
    )


# --- Fibre diameter → conduction velocity of the myelinated motor axon --------------------------
# A virtual experiment, so these are protocol settings, not physiology. Velocity is measured
# between nodes 10 and 20 of a 31-node stretch: ten internodes from the stimulated end and from
# the sealed end, where the end effects have faded (every length scales with D, so "ten
# internodes" is the same electrical distance for every fibre). Ten compartments per internode
# and dt = 1 µs resolve the velocity to about 0.1 % (``tests/engine/test_cable.py``).
VELOCITY_NODES = 31
VELOCITY_SITES = (10, 20)
COMPARTMENTS_PER_INTERNODE = 10
VELOCITY_DT_MS = 0.001
VELOCITY_DURATION_MS = 3.0
# Stimulus: a 0.1 ms pulse into the first node. The charge needed grows with the node's and
# internode's capacitance, both ∝ D, so the amplitude does too: 0.5 nA per µm is four to five
# times threshold (≈ 0.1 nA per µm at 20–42 °C, for every diameter).
PULSE_NA_PER_UM = 0.5
PULSE_WIDTH_MS = 0.1


def fibre_conduction_velocity_m_per_s(
    fibre_diameter_um: np.ndarray,
    *,
    axon: Mapping[str, float] | None = None,
    node: Mapping[str, float] | None = None,
    dt_ms: float = VELOCITY_DT_MS,
    compartments_per_internode: int = COMPARTMENTS_PER_INTERNODE,
    backend: str = "numba",
) -> np.ndarray:
    """Conduction velocity (m/s) of the myelinated motor axon at each fibre diameter.

    Computed, not assumed: one cable per diameter (``kramp.physiology.axon.myelinated_axon``,
    with ``axon`` and ``node`` overrides, e.g. ``node={"temperature": 32.0}``), all run as one
    batch; the velocity is the distance between two nodes over the difference of their arrival
    times. NaN where the action potential did not propagate.
    """
    diameters = np.atleast_1d(np.asarray(fibre_diameter_um, dtype=float))
    specs = [myelinated_axon(VELOCITY_NODES, compartments_per_internode,
                             {**(axon or {}), "fibre_diameter": float(d)}, node)
             for d in diameters]
    model = build_cable(specs, dt_ms)
    pulse = CurrentPulse(PULSE_NA_PER_UM * diameters, 0.0, PULSE_WIDTH_MS)
    run = run_cable(model, VELOCITY_DURATION_MS, pulse,
                    record_index=model.site_index[:, list(VELOCITY_SITES)], backend=backend)
    return run.velocity_m_per_s()


@lru_cache(maxsize=32)
def _velocity_curve(grid_um: tuple[float, ...], axon: tuple, node: tuple) -> np.ndarray:
    velocity = fibre_conduction_velocity_m_per_s(np.array(grid_um), axon=dict(axon),
                                                 node=dict(node))
    velocity.setflags(write=False)
    return velocity


def axonal_delay_ms(
    fibre_diameter_um: np.ndarray,
    nerve_length_mm: np.ndarray,
    *,
    axon: Mapping[str, float] | None = None,
    node: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Conduction time (ms) of each motor unit's axon: nerve length / velocity(fibre diameter).

    The velocity is computed by the cable model on a 1 µm grid of diameters spanning the
    request (cached per grid and parameters) and interpolated linearly between grid points;
    velocity is proportional to diameter to well under 1 %, so the interpolation adds no
    visible error. Both arguments broadcast; the result has their broadcast shape.
    """
    diameter = np.asarray(fibre_diameter_um, dtype=float)
    low, high = math.floor(float(diameter.min())), math.ceil(float(diameter.max()))
    grid = tuple(float(d) for d in range(low, max(high, low + 1) + 1))
    velocity = _velocity_curve(grid, tuple(sorted((axon or {}).items())),
                               tuple(sorted((node or {}).items())))
    if np.isnan(velocity).any():
        raise KrampInputError("the action potential did not propagate at some fibre diameters "
                              f"in {grid[0]:g}–{grid[-1]:g} µm", field="fibre_diameter")
    return np.asarray(nerve_length_mm, dtype=float) / np.interp(diameter, grid, velocity)
