"""A patch of Hodgkin–Huxley membrane per element, under current clamp, as a component.

Each element (``unit``) of each person is an independent single-compartment membrane
(``kramp.physiology.hh_membrane``) stepped by the staggered Crank–Nicolson / Rush–Larsen kernel
of :mod:`kramp.engine.integrators`, with the current-clamp protocol of
:mod:`kramp.engine.stimuli` (a step and an optional Ornstein–Uhlenbeck background current, drawn
from each person's ``membrane_noise`` stream). Spikes (upward crossings of the recording's
threshold) leave as events. Every parameter may differ per person and per unit; elements that
share temperature and Q10 share one table of gate coefficients.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np

from kramp.engine.component import Component, Interval, Probe
from kramp.engine.integrators import BACKENDS
from kramp.engine.lines import slot_events
from kramp.engine.tables import build_gate_tables
from kramp.params import Port
from kramp.physiology import hh_membrane

# An upward crossing needs the step before it below threshold: at most one every two steps.
MAX_SPIKES_PER_STEP = 0.5


class Membrane(Component):
    name = "membrane"
    element = "unit"
    variables = hh_membrane.VARIABLES
    outputs = (Port("spikes", "events", "ms", "upward threshold crossings of V"),)
    streams = ("membrane_noise",)

    def __init__(self, membrane: Mapping[str, np.ndarray], stimulus: Mapping[str, np.ndarray],
                 dt_ms: float, threshold_mV: float):
        """``membrane`` and ``stimulus``: the two tables' arrays, ``[person, unit]``."""
        self.n_person, self.n_element = membrane["cm"].shape
        self.step_ms = dt_ms
        self.threshold_mV = threshold_mV
        self.membrane = {k: np.ascontiguousarray(a).reshape(-1) for k, a in membrane.items()}
        self.stimulus = {k: np.ascontiguousarray(a).reshape(-1) for k, a in stimulus.items()}
        self.noise_decay = np.exp(-dt_ms / self.stimulus["noise_tau"])
        self.noise_scale = self.stimulus["noise_sd"] * np.sqrt(1.0 - self.noise_decay ** 2)
        self.has_noise = bool(np.any(self.noise_scale > 0.0))
        settings = np.stack([self.membrane["temperature"], self.membrane["q10"]], axis=1)
        distinct, setting = np.unique(settings, axis=0, return_inverse=True)
        self.setting = setting.reshape(-1).astype(np.int64)
        self.kinetics = [partial(hh_membrane.gate_kinetics, temperature_degC=t, q10=q)
                         for t, q in distinct]
        self.tables = build_gate_tables(self.kinetics, hh_membrane.GATES, dt_ms)

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        """Rest as NEURON's ``finitialize`` sets it: V = v_init, every gate at x∞(v_init), and
        the background current at zero (it reaches its stationary spread within a few τ)."""
        del seed
        v = self.membrane["v_init"]
        packed = np.zeros((len(self.variables), v.size))
        packed[0] = v
        for k in range(int(self.setting.max()) + 1):
            chosen = self.setting == k
            kinetics = self.kinetics[k](v[chosen])
            for g, gate in enumerate(hh_membrane.GATES):
                packed[1 + g, chosen] = kinetics[gate][0]
        return {"variables": packed.reshape(len(self.variables), self.n_person, self.n_element)}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = self.n_person * self.n_element
        packed = state["variables"].reshape(len(self.variables), n)
        steps = interval.n_steps
        normals = (np.concatenate([g.standard_normal((steps, self.n_element))
                                   for g in streams["membrane_noise"]], axis=1)
                   if self.has_noise else np.empty((0, n)))
        slots = np.empty((n, int(steps * MAX_SPIKES_PER_STEP) + 1))
        counts = np.zeros(n, dtype=np.int64)
        samples = probe.buffer(steps) if probe else np.zeros((0, 0, 0))
        recording = probe.arguments() if probe else Probe.absent(n)
        m, s, t = self.membrane, self.stimulus, self.tables
        v, gates, eta = packed[0], packed[1:4], packed[4]
        BACKENDS[backend](
            v, gates, eta, m["cm"], m["g_na"], m["g_k"], m["g_leak"], m["e_na"], m["e_k"],
            m["e_leak"], s["amplitude"], s["delay"], s["width"], self.noise_decay,
            self.noise_scale, normals, self.setting, t.coefficients, t.v_min_mV,
            t.inv_step_per_mV, interval.first_step, interval.dt_ms, steps, self.threshold_mV,
            slots, counts, *recording, samples)
        return ({"spikes": slot_events(slots, counts, self.n_element)},
                samples if probe else None)
