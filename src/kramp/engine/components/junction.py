"""Every motor unit's neuromuscular junction (:mod:`kramp.physiology.junction`) as one component,
between the motor axon's terminal and the muscle fibre's end plate.

Ports. ``arrivals`` (events): the axon's terminal spikes after the junction's delay; each
releases quanta at its exact time. ``end_plate`` (events, same times): the end-plate conductance
each impulse opens, relative to a normal first impulse's (the sarcolemma's ``arrivals``); an
impulse that releases nothing sends no event.

The junction changes only at impulses, so it steps by events: between two impulses of a unit its
pool and residual calcium follow the exact solution, and the quanta an impulse releases are a
binomial draw from the person's own ``quantal_release`` stream, in the order of the person's
impulses (so the other people of a batch never change a person's quanta).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval
from kramp.engine.lines import Events
from kramp.params import Port, Variable, variable_rows
from kramp.physiology import junction

VARIABLES = (
    Variable("available", "1", "share of the releasable pool of quanta available"),
    Variable("residual_calcium", "1", "residual calcium trace of earlier impulses"),
    Variable("augmentation", "1", "augmentation of release by earlier impulses (G)"),
    Variable("last_impulse", "ms", "time of the unit's latest impulse (−inf: none yet)"),
)
V = variable_rows(VARIABLES)


@numba.njit(cache=True)
def impulse_rounds(unit, n_unit):
    """Each impulse's place among its unit's impulses (0 for the first), in the order given."""
    seen = np.zeros(n_unit, dtype=np.int64)
    rounds = np.empty(unit.size, dtype=np.int64)
    for i in range(unit.size):
        rounds[i] = seen[unit[i]]
        seen[unit[i]] += 1
    return rounds


class Junction(Component):
    name = "junction"
    element = "unit"
    variables = VARIABLES
    inputs = (Port("arrivals", "events", "1", "motor-axon terminal spikes at the end plate"),)
    outputs = (Port("end_plate", "events", "1",
                    "end-plate conductance of each impulse (weight: relative to a normal "
                    "first impulse)"),)
    streams = ("quantal_release",)

    def __init__(self, values: Sequence[Mapping[str, float]],
                 ion_values: Sequence[Mapping[str, float]], n_unit: int, dt_ms: float, *,
                 poisoned: np.ndarray | None = None, strength: np.ndarray | None = None):
        """``values``: each person's ``junction`` values; ``ion_values`` their ``ions``;
        ``poisoned`` (P, U): end plates whose release machinery botulinum toxin has cleaved
        (they release nothing); ``strength`` (P, U): each end plate's normal conductance over
        the most sensitive one's (``junction.end_plate_strengths``; default 1 everywhere)."""
        self.n_person, self.n_element = len(values), n_unit
        self.step_ms = dt_ms

        def column(numbers) -> np.ndarray:
            return np.asarray(numbers, dtype=float)[:, None]

        self.pool = column([junction.pool_size(v) for v in values])
        intact = np.ones((self.n_person, n_unit)) if poisoned is None else ~poisoned
        self.probability = column([junction.release_probability(v, i)
                                   for v, i in zip(values, ion_values, strict=True)]) * intact
        self.facilitation = column([v["facilitation"] for v in values])
        self.residual_ms = column([v["residual_calcium_time"] for v in values])
        self.augmentation = column([v["augmentation"] for v in values])
        self.augmentation_ms = column([v["augmentation_time"] * 1e3 for v in values])
        self.refill_per_ms = column([v["refill_rate"] * 1e-3 for v in values])
        self.refill_calcium_per_ms = column([v["refill_rate_calcium"] * 1e-3 for v in values])
        # conductance per quantum, relative to a normal first impulse's m₀ quanta at the most
        # sensitive end plates
        per_quantum = column([v["acetylcholine_receptors"] / v["quantal_content"]
                              for v in values])
        self.quantum_weight = per_quantum * (np.ones((self.n_person, n_unit)) if strength is None
                                             else np.asarray(strength, dtype=float))

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        packed = np.zeros((len(VARIABLES), self.n_person, self.n_element))
        packed[V.available] = 1.0
        packed[V.last_impulse] = -np.inf
        return {"variables": packed}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        del interval, probe, backend
        events = inputs.get("arrivals")
        if events is None or events.size == 0:
            return {"end_plate": Events.none()}, None
        x = state["variables"]
        weight = np.zeros(events.size)
        # A unit rarely gets two impulses in one exchange interval; round r takes each unit's
        # impulse r (the impulses of a round in the order they came), so each unit's impulses
        # are handled in time order.
        rounds = impulse_rounds(events.person * self.n_element + events.element,
                                self.n_person * self.n_element)
        for r in range(rounds.max() + 1):
            # usually every impulse is in the first round, and nothing is left to set apart
            now = np.flatnonzero(rounds == r) if r or rounds.any() else np.arange(events.size)
            weight[now] = self._impulses(x, events.person[now], events.element[now],
                                         events.time_ms[now], streams["quantal_release"])
        released = weight > 0.0
        out = Events(events.time_ms[released], events.person[released],
                     events.element[released], weight[released])
        return {"end_plate": out}, None

    def _impulses(self, x: np.ndarray, person: np.ndarray, unit: np.ndarray, time_ms: np.ndarray,
                  generators: list[np.random.Generator]) -> np.ndarray:
        """Release at one impulse of each (person, unit) given (distinct units); returns each
        impulse's end-plate weight and updates the junctions' state in place."""
        elapsed = time_ms - x[V.last_impulse, person, unit]
        available, residual = junction.recover(
            x[V.available, person, unit], x[V.residual_calcium, person, unit], elapsed,
            self.refill_per_ms[person, 0], self.refill_calcium_per_ms[person, 0],
            self.residual_ms[person, 0])
        augmentation = x[V.augmentation, person, unit] * np.exp(
            -elapsed / self.augmentation_ms[person, 0])
        probability = np.minimum(1.0, self.probability[person, unit]
                                 * (1.0 + self.facilitation[person, 0] * residual)
                                 * (1.0 + augmentation))
        ready = np.round(self.pool[person, 0] * available).astype(np.int64)
        quanta = np.empty(person.size, dtype=np.int64)
        for p in range(self.n_person):
            mine = person == p
            if mine.any():
                quanta[mine] = generators[p].binomial(ready[mine], probability[mine])
        x[V.available, person, unit] = available - quanta / self.pool[person, 0]
        x[V.residual_calcium, person, unit] = residual + 1.0
        x[V.augmentation, person, unit] = augmentation + self.augmentation[person, 0]
        x[V.last_impulse, person, unit] = time_ms
        return quanta * self.quantum_weight[person, unit]
