"""The electrode over the Achilles tendon (``kramp.physiology.tendon_stimulation``) as a
component: at each pulse the Ib afferents it excites fire at their receptors (output ``spikes``,
element = afferent), into the same axons as the receptors' own discharge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from kramp.engine.component import Component, Interval
from kramp.engine.lines import Events
from kramp.params import Port
from kramp.physiology import tendon_stimulation

# the pulses are exact times; the clock only sets the grid the engine exchanges on
TENDON_ELECTRODE_STEP_MS = 1.0


class TendonElectrode(Component):
    name = "tendon_electrode"
    element = "afferent"
    variables = ()
    outputs = (Port("spikes", "events", "ms", "Ib spikes the tendon stimulus starts"),)

    def __init__(self, settings: Sequence[Mapping[str, float]], excited: np.ndarray):
        """``settings``: each person's ``tendon_stimulation`` values; ``excited`` (P, A) the
        afferents each person's pulses fire."""
        self.settings = [dict(s) for s in settings]
        self.excited = np.asarray(excited, dtype=bool)
        self.n_person, self.n_element = self.excited.shape
        self.step_ms = TENDON_ELECTRODE_STEP_MS

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        return {"variables": np.zeros((0, self.n_person, self.n_element))}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        times, people, fibres = [], [], []
        for p, settings in enumerate(self.settings):
            pulses = tendon_stimulation.pulse_times_ms(settings, interval.start_ms,
                                                       interval.end_ms)
            fired = np.flatnonzero(self.excited[p])
            if pulses.size == 0 or fired.size == 0:
                continue
            times.append(np.repeat(pulses, fired.size))
            people.append(np.full(pulses.size * fired.size, p))
            fibres.append(np.tile(fired, pulses.size))
        if not times:
            return {"spikes": Events.none()}, None
        events = Events(np.concatenate(times), np.concatenate(people).astype(np.int64),
                        np.concatenate(fibres).astype(np.int64))
        return {"spikes": events.sorted()}, None
