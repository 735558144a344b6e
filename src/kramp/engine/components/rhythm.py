"""The brainstem respiratory rhythm as a component: each person's pre-Bötzinger population
(``kramp.physiology.respiration``), stepped at 0.1 ms.

Its output ``activity`` is the population's mean synaptic output s̄, averaged over each 1 ms
step of the drive that reads it. Each person's neurons differ in leak reversal (drawn once, from
the person's ``rhythm_population`` stream) and start at random phases of their slow inactivation
(the ``rhythm_start`` stream), so two people breathe out of phase but each breathes the same way
in any batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

import numpy as np

from kramp.engine import streams
from kramp.engine.component import Component, Interval
from kramp.params import Port
from kramp.physiology import respiration

# Butera et al. (1999) integrated at 0.05–0.1 ms; 0.1 ms resolves the fastest gate (τ_n ≤ 10 ms)
# and the spikes.
RHYTHM_STEP_MS = 0.1


class Rhythm(Component):
    name = "rhythm"
    element = "neuron"
    variables = respiration.VARIABLES
    outputs = (Port("activity", "signal", "1", "mean synaptic output of the population"),)

    def __init__(self, values: Mapping[str, np.ndarray], seed: int, output_step_ms: float):
        self.n_person = values["n_neurons"].shape[0]
        self.n_element = int(values["n_neurons"][0])
        self.step_ms = RHYTHM_STEP_MS
        self.output_step_ms = output_step_ms
        people = [{name: float(array[p]) for name, array in values.items()}
                  for p in range(self.n_person)]
        self.parameters = np.array([respiration.parameter_vector(p) for p in people])
        self.e_leak_mV = np.stack([
            respiration.leak_reversals(streams.generator(seed, p, "rhythm_population"), people[p])
            for p in range(self.n_person)])

    def output_width(self, port: str) -> int:
        return 1

    def labels(self) -> Mapping[str, Any]:
        return {"rhythm_e_leak_mV": (("person", "neuron"), self.e_leak_mV,
                                     {"units": "mV",
                                      "long_name": "leak reversal of each pre-Bötzinger neuron"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        start = [respiration.initial_population(streams.generator(seed, p, "rhythm_start"),
                                                self.n_element) for p in range(self.n_person)]
        return {"variables": np.stack(start, axis=1)}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams_, probe,
                backend):
        n = interval.substeps(self.step_ms)
        per_output = round(self.output_step_ms / self.step_ms)
        packed = state["variables"]
        activity = np.empty((self.n_person, n))
        # stretches of steps between samples (one stretch when nothing is recorded)
        ends = [k + 1 for k in range(n) if probe is not None and probe.due(k)]
        bounds = [0, *[e for e in ends if e < n], n]
        samples = probe.buffer(n) if probe is not None else None
        for p in range(self.n_person):
            v, h, n_k, s = (np.ascontiguousarray(packed[i, p]) for i in range(4))
            for first, last in pairwise(bounds):
                respiration.BACKENDS[backend](v, h, n_k, s, self.e_leak_mV[p],
                                              self.parameters[p], self.step_ms, last - first,
                                              activity[p, first:last])
                if samples is not None and last in ends:
                    columns = probe.slot[p * self.n_element:(p + 1) * self.n_element]
                    chosen = columns >= 0
                    values = np.stack([v, h, n_k, s])
                    samples[ends.index(last)][:, columns[chosen]] = \
                        values[probe.rows][:, chosen]
            packed[:, p] = np.stack([v, h, n_k, s])
        mean = activity.reshape(self.n_person, -1, per_output).mean(axis=2).T
        return {"activity": mean[:, :, None]}, samples
