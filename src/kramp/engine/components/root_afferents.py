"""The nociceptive afferents of a compressed nerve root (``kramp.physiology.root_compression``)
as a component: each fires ectopically at its own constant rate, as a Poisson process drawn from
the person's ``root_discharge`` stream (output ``spikes``, element = root afferent). Their
spikes travel to the cord, where interneurones relay them to the guarding muscles'
motoneurones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from kramp.engine.component import Component, Interval
from kramp.engine.lines import Events
from kramp.params import Port

# the discharge is drawn per interval; the clock only sets the grid the engine exchanges on
ROOT_AFFERENT_STEP_MS = 1.0


class RootAfferents(Component):
    name = "root_afferent"
    element = "root_afferent"
    variables = ()
    outputs = (Port("spikes", "events", "ms", "ectopic spikes of the compressed root's "
                                             "afferents"),)
    streams = ("root_discharge",)

    def __init__(self, rates_hz: np.ndarray):
        """``rates_hz`` (P, A): each person's afferents' ectopic discharge rates."""
        self.rates_per_ms = np.asarray(rates_hz, dtype=float) * 1e-3
        self.n_person, self.n_element = self.rates_per_ms.shape
        self.step_ms = ROOT_AFFERENT_STEP_MS

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        return {"variables": np.zeros((0, self.n_person, self.n_element))}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        del state, inputs, probe, backend
        times, people, fibres = [], [], []
        span = interval.end_ms - interval.start_ms
        for p, rng in enumerate(streams["root_discharge"]):
            # a Poisson process: a count per afferent, then its times uniform in the interval
            counts = rng.poisson(self.rates_per_ms[p] * span)
            total = int(counts.sum())
            if total == 0:
                continue
            times.append(interval.start_ms + span * rng.random(total))
            people.append(np.full(total, p))
            fibres.append(np.repeat(np.arange(self.n_element), counts))
        if not times:
            return {"spikes": Events.none()}, None
        events = Events(np.concatenate(times), np.concatenate(people).astype(np.int64),
                        np.concatenate(fibres).astype(np.int64))
        return {"spikes": events.sorted()}, None
