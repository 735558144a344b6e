"""The muscle fibres of every motor unit as one component: calcium, force, potentiation,
metabolites, the energy store and rigor (``kramp.physiology.fibre``), stepped at 1 ms.

Each calcium release of a unit's fibre (input ``arrivals``, from the sarcolemma; its weight is the
fraction of a full release) acts at the start of the 1 ms muscle step it arrives in. The force
of each muscle (output ``force``, mN) is the sum over its units at the end of each step, scaled
by the muscle's mechanical factor f_L f_V (``kramp.physiology.mechanics``). Every constant may
differ between people: per-unit arrays ``[person, unit]`` and per-person step constants
``[person, constant]``.

``advance_fibres`` (compiled, one person per thread) and ``advance_fibres_numpy`` (vectorised
over people and units) do the same update; the compiled one evaluates exponentials by the Padé
and Taylor forms of :func:`kramp.physiology.fibre.unit_step`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Output, Probe, steps_of
from kramp.engine.lines import Events
from kramp.params import Port, variable_rows
from kramp.physiology import fibre

# The muscle is stepped at 1 ms: the force of the fastest (30 ms) unit stays within 1e-3 of its
# value at 0.025 ms (``kramp.physiology.fibre``).
MUSCLE_STEP_MS = 1.0

F = variable_rows(fibre.VARIABLES)
# Per-unit arrays the step takes (``fibre.step_arrays``), in this order.
UNIT_ARRAYS = ("calcium_decay_half", "tau_force_rest_ms", "tau_force_active_ms",
               "fatigability_per_ms", "tetanic_force_mN")


@numba.njit(parallel=True, cache=True)
def advance_fibres(state, arrivals, unit_arrays, constants, mechanical_factor, muscle, force,
                   probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every unit through ``arrivals.shape[0]`` muscle steps in place.

    state (7, P, U); arrivals (steps, P, U) action potentials per unit and step; unit_arrays
    (5, P, U) in ``UNIT_ARRAYS`` order; constants (P, K) per person (``fibre.K``);
    mechanical_factor (P, U); muscle (U,) each unit's muscle; force (steps, P, M), added to;
    the probe as in :class:`kramp.engine.component.Probe`.
    """
    n_steps, n_person, _ = arrivals.shape
    for p in numba.prange(n_person):
        for s in range(n_steps):
            step_units(state, arrivals, unit_arrays, constants, mechanical_factor, muscle,
                       force[s, p], p, s)
            sample_units(state, p, s, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples)


@numba.njit(cache=True, inline="always")
def step_units(state, arrivals, unit_arrays, constants, mechanical_factor, muscle, force, p, s):
    """Step person p's units through muscle step s, adding each unit's force to its muscle's
    entry of ``force`` (M,)."""
    k = constants[p]
    for u in range(arrivals.shape[2]):
        calcium, force_norm, potentiation, metabolite, phosphagen, rigor, glycolysed, \
            unit_force = fibre.unit_step(
                state[0, p, u], state[1, p, u], state[2, p, u], state[3, p, u], state[4, p, u],
                state[5, p, u], state[6, p, u], arrivals[s, p, u], unit_arrays[0, p, u],
                unit_arrays[1, p, u], unit_arrays[2, p, u], unit_arrays[3, p, u],
                unit_arrays[4, p, u], mechanical_factor[p, u], k)
        state[0, p, u] = calcium
        state[1, p, u] = force_norm
        state[2, p, u] = potentiation
        state[3, p, u] = metabolite
        state[4, p, u] = phosphagen
        state[5, p, u] = rigor
        state[6, p, u] = glycolysed
        force[muscle[u]] += unit_force


@numba.njit(cache=True, inline="always")
def sample_units(state, p, s, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Person p's probed units after muscle step s, where a sample is due."""
    if probe_every > 0 and (probe_phase + s + 1) % probe_every == 0:
        n_unit = state.shape[2]
        sample = (probe_phase + s + 1) // probe_every - 1
        for u in range(n_unit):
            slot = probe_slot[p * n_unit + u]
            if slot >= 0:
                for r in range(probe_rows.shape[0]):
                    probe_samples[sample, r, slot] = state[probe_rows[r], p, u]


def advance_fibres_numpy(state, arrivals, unit_arrays, constants, mechanical_factor, muscle,
                         force, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples):
    """The same update as ``advance_fibres``, vectorised over people and units (exact exp)."""
    k = constants[:, None, :]
    flat_slot = probe_slot.reshape(state.shape[1], state.shape[2])
    chosen = flat_slot >= 0
    for s in range(arrivals.shape[0]):
        *new, unit_force = fibre.unit_step_numpy(*state, arrivals[s], *unit_arrays,
                                                 mechanical_factor, k)
        state[:] = np.array(new)
        for m in range(force.shape[2]):
            force[s, :, m] += unit_force[:, muscle == m].sum(axis=1)
        if probe_every > 0 and (probe_phase + s + 1) % probe_every == 0:
            probe_samples[(probe_phase + s + 1) // probe_every - 1][:, flat_slot[chosen]] = \
                state[probe_rows][:, chosen]


BACKENDS = {"numba": advance_fibres, "numpy": advance_fibres_numpy}


class Fibres(Component):
    name = "fibre"
    element = "unit"
    variables = fibre.VARIABLES
    inputs = (Port("arrivals", "events", "1", "action potentials reaching each unit"),)
    outputs = (Port("force", "signal", "mN", "force of each muscle"),)

    def __init__(self, properties: Mapping[str, np.ndarray], constants: np.ndarray,
                 mechanical_factor: np.ndarray, muscle: np.ndarray, muscle_names: Sequence[str]):
        """``properties``: ``fibre.unit_properties`` arrays ``[person, unit]``; ``constants``:
        ``[person, constant]``; ``mechanical_factor`` ``[person, unit]``; ``muscle`` ``[unit]``."""
        arrays = fibre.step_arrays(dict(properties), MUSCLE_STEP_MS)
        self.unit_arrays = np.ascontiguousarray(np.stack([arrays[n] for n in UNIT_ARRAYS]))
        self.constants = np.ascontiguousarray(constants)
        self.mechanical_factor = np.ascontiguousarray(mechanical_factor)
        self.muscle = np.ascontiguousarray(muscle, dtype=np.int64)
        self.muscle_names = tuple(muscle_names)
        self.n_person, self.n_element = self.mechanical_factor.shape
        self.step_ms = MUSCLE_STEP_MS
        self.twitch_force_mN = properties["peak_twitch_force_mN"]
        self.contraction_time_ms = properties["contraction_time_ms"]

    def output_width(self, port: str) -> int:
        return len(self.muscle_names)

    def recorded(self, port: str) -> Output:
        return Output("force_mN", "time", ("muscle", self.muscle_names))

    def labels(self) -> Mapping[str, Any]:
        per_unit = ("person", "unit")
        return {"twitch_force_mN": (per_unit, self.twitch_force_mN,
                                    {"units": "mN", "long_name": "peak twitch force"}),
                "contraction_time_ms": (per_unit, self.contraction_time_ms,
                                        {"units": "ms", "long_name": "twitch contraction time"}),
                "unit_muscle": ("unit", np.array(self.muscle_names)[self.muscle],
                                {"long_name": "muscle of each motor unit"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        rested = fibre.rested_state(self.n_person * self.n_element)
        return {"variables": rested.reshape(len(self.variables), self.n_person, self.n_element)}

    def arrivals(self, inputs: Mapping[str, Any], interval: Interval, n: int) -> np.ndarray:
        """Action potentials reaching each unit in each of the interval's ``n`` muscle steps."""
        events = inputs.get("arrivals") or Events.none()
        return events.per_step(interval.first_step // steps_of(self.step_ms, interval.dt_ms),
                               self.step_ms, n, self.n_person, self.n_element)

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        arrivals = self.arrivals(inputs, interval, n)
        force = np.zeros((n, self.n_person, len(self.muscle_names)))
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(n) if probe else np.zeros((0, 0, 0))
        BACKENDS[backend](state["variables"], arrivals, self.unit_arrays, self.constants,
                          self.mechanical_factor, self.muscle, force, *recording, samples)
        return {"force": force}, (samples if probe else None)
