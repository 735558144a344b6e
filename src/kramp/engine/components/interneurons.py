"""The spinal inhibitory interneurones of every muscle (``kramp.physiology.interneurons``) as one
component, stepped at ``INTERNEURON_STEP_MS`` (exact between events; an event acts at the start of
the step it arrives in, and a spike is timed at the end of the step that fires it): afferent
volleys excite them (input ``afferents``, weights in mV), and their spikes (output ``spikes``)
inhibit motoneurones through the lines the model draws.

The interneurones lie muscle by muscle along the ``neuron`` axis, each muscle's Ia-inhibitory
cells first, then its Ib cells (``kind``, ``muscle``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Probe, steps_of
from kramp.engine.components.fibres import sample_units
from kramp.engine.lines import Events, compact_spikes
from kramp.params import Port
from kramp.physiology import interneurons

V = interneurons.V
# 0.1 ms: an interneurone's spike is timed to within the scatter of its synaptic delay.
INTERNEURON_STEP_MS = 0.1


@numba.njit(parallel=True, cache=True)
def advance_interneurons(state, drive, events_mV, normals, first_step, dt, k, spike_t, spike_n,
                         probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every interneurone through ``events_mV.shape[0]`` steps in place.

    state (3, P, N); drive (P, N) mV; events_mV (steps, P, N) summed event weights arriving in
    each step; normals (steps, P, N) the noise's draws; k (P, K) ``interneurons.constants``;
    spikes into slot arrays (P, N, slots) with their counts (P, N)."""
    n_steps, n_person, n_neuron = events_mV.shape
    for p in numba.prange(n_person):
        kp = k[p]
        for s in range(n_steps):
            for j in range(n_neuron):
                v, noise, left, fired = interneurons.step(
                    state[V.v, p, j], state[V.noise, p, j], state[V.refractory_left, p, j],
                    drive[p, j], events_mV[s, p, j], normals[s, p, j], dt, kp)
                state[V.v, p, j] = v
                state[V.noise, p, j] = noise
                state[V.refractory_left, p, j] = left
                if fired:
                    c = spike_n[p, j]
                    if c < spike_t.shape[2]:
                        spike_t[p, j, c] = (first_step + s + 1) * dt
                    spike_n[p, j] = c + 1
            sample_units(state, p, s, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples)


class Interneurons(Component):
    name = "interneuron"
    element = "neuron"
    variables = interneurons.VARIABLES
    inputs = (Port("afferents", "events", "mV", "afferent volleys (EPSP size per spike)"),)
    outputs = (Port("spikes", "events", "ms", "interneurone spikes"),)
    streams = ("interneuron_noise",)

    def __init__(self, values: Mapping[str, np.ndarray], muscle_names: Sequence[str],
                 n_per_muscle: int):
        """``values``: the ``interneurons`` table, arrays over persons; one population of
        ``n_per_muscle`` cells of each kind per muscle of ``muscle_names``."""
        self.muscle = np.repeat(np.arange(len(muscle_names)), 2 * n_per_muscle)
        self.kind = np.tile(np.repeat(np.arange(2), n_per_muscle), len(muscle_names))
        self.muscle_names = tuple(muscle_names)
        self.n_person = values["n_per_muscle"].shape[0]
        self.n_element = self.muscle.size
        self.step_ms = INTERNEURON_STEP_MS
        people = range(self.n_person)
        self.constants = np.stack([interneurons.constants(
            {name: float(a[p]) for name, a in values.items()}, self.step_ms) for p in people])
        descending = np.stack([values["ia_descending"], values["ib_descending"]], axis=1)
        self.drive = np.ascontiguousarray(descending[:, self.kind])

    def labels(self) -> Mapping[str, Any]:
        return {"interneuron_kind": ("neuron", np.array(interneurons.KINDS)[self.kind],
                                     {"long_name": "kind of interneurone"}),
                "interneuron_muscle": ("neuron", np.array(self.muscle_names)[self.muscle],
                                       {"long_name": "muscle whose afferents excite it"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        state = np.zeros((len(self.variables), self.n_person, self.n_element))
        state[V.v] = self.drive
        return {"variables": state}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        first = interval.first_step // steps_of(self.step_ms, interval.dt_ms)
        shape = (self.n_person, self.n_element)
        events_mV = (inputs.get("afferents") or Events.none()).per_step(
            first, self.step_ms, n, *shape)
        normals = np.stack([g.standard_normal((n, self.n_element))
                            for g in streams["interneuron_noise"]], axis=1)
        slots = max(1, round(n * self.step_ms)) + 1
        spike_t = np.zeros((*shape, slots))
        spike_n = np.zeros(shape, dtype=np.int64)
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(n) if probe else np.zeros((0, 0, 0))
        kernel = advance_interneurons if backend == "numba" else advance_interneurons.py_func
        kernel(state["variables"], self.drive, events_mV, normals, first, self.step_ms,
               self.constants, spike_t, spike_n, *recording, samples)
        if (spike_n > slots).any():
            raise RuntimeError("an interneurone fired more than once per ms; spikes were lost")
        neuron, times = compact_spikes(spike_t.reshape(-1, slots), spike_n.reshape(-1))
        return ({"spikes": Events(times, neuron // self.n_element,
                                  neuron % self.n_element).sorted()},
                samples if probe else None)
