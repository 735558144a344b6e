"""The spinal inhibitory interneurones of every muscle (``kramp.physiology.interneurons``) as one
component, stepped at ``INTERNEURON_STEP_MS`` (exact between events; an event acts at the start of
the step it arrives in, and a spike is timed at the end of the step that fires it): afferent
volleys excite them (input ``afferents``, weights in mV), motor-axon collaterals the Renshaw
cells (input ``collaterals``, the slow drive in mV each spike adds), the voluntary command
(input ``command``, on the drive's 1 ms clock) adds ``command_gain`` × command to each cell's
descending drive, and their spikes (output ``spikes``) inhibit motoneurones through the lines the
model draws. The same command presynaptically inhibits the Ib fibres' terminals on their muscle's
Ib interneurones: each afferent event reaching an Ib cell is scaled by ``1 − command_gate ×
command`` (``interneurons.ib_command_presynaptic``).

The cells' inhibition of one another (Renshaw cells onto Ia-inhibitory interneurones, and the
Ia-inhibitory interneurones of opposing muscles onto each other) is the component's own coupling
(``recurrent[person, source, target]``, mV, after ``recurrent_steps`` steps), not a line: a line
back into the component itself would have to be at least one exchange interval long, and the
network exchanges on a 1 ms grid. The spikes on their way are the buffer ``recurrent_mV``
(``[person, slot, neuron]``, a ring indexed by the step), so a run resumes exactly.

The interneurones lie muscle by muscle along the ``neuron`` axis, each muscle's Ia-inhibitory
cells first, then its Ib cells, then its Renshaw cells (``kind``, ``muscle``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Probe, steps_of
from kramp.engine.components.drive import DRIVE_STEP_MS
from kramp.engine.components.fibres import sample_units
from kramp.engine.lines import Events, slot_events_in_time_order
from kramp.engine.streams import for_kernel
from kramp.params import Port
from kramp.physiology import interneurons

V = interneurons.V
# 0.1 ms: an interneurone's spike is timed to within the scatter of its synaptic delay.
INTERNEURON_STEP_MS = 0.1


@numba.njit(parallel=True, cache=True)
def advance_interneurons(state, drive, command_gain, command_gate, command, steps_per_command,
                         events_mV, collateral_mV, generators, first_step, dt, k,
                         recurrent, recurrent_steps, ring, spike_t, spike_n,
                         probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every interneurone through ``events_mV.shape[0]`` steps in place.

    state (4, P, N); drive (P, N) mV, to which command_gain (P, N) mV times the command
    (samples, P, 1; one sample per ``steps_per_command`` steps) adds; events_mV (steps, P, N)
    summed event weights arriving in each step, of which the share command_gate (P, N) times the
    command is removed presynaptically; collateral_mV (steps, P, N) the collateral drive's;
    generators (P,) each person's ``interneuron_noise`` stream, one draw per step and cell; k
    (P, K) ``interneurons.constants``; recurrent (P, N, N) the coupling (mV) after
    recurrent_steps (P) steps, ring (P, slots, N) the coupling on its way; spikes into slot
    arrays (P, N, slots) with their counts (P, N)."""
    n_steps, n_person, n_neuron = events_mV.shape
    n_ring = ring.shape[1]
    for p in numba.prange(n_person):
        kp = k[p]
        rng = generators[p]
        for s in range(n_steps):
            now = (first_step + s) % n_ring
            later = (first_step + s + 1 + recurrent_steps[p]) % n_ring
            commanded = command[s // steps_per_command, p, 0]
            for j in range(n_neuron):
                # a collateral EPSP rises at once and decays with the slow drive it adds to
                arriving = collateral_mV[s, p, j]
                collateral = (state[V.collateral, p, j] * kp[interneurons.K.collateral_decay]
                              + arriving)
                state[V.collateral, p, j] = collateral
                v, noise, left, fired = interneurons.step(
                    state[V.v, p, j], state[V.noise, p, j], state[V.refractory_left, p, j],
                    drive[p, j] + command_gain[p, j] * commanded + collateral,
                    events_mV[s, p, j] * (1.0 - command_gate[p, j] * commanded) + arriving
                    + ring[p, now, j],
                    rng.standard_normal(), dt, kp)
                ring[p, now, j] = 0.0
                state[V.v, p, j] = v
                state[V.noise, p, j] = noise
                state[V.refractory_left, p, j] = left
                if fired:
                    c = spike_n[p, j]
                    if c < spike_t.shape[2]:
                        spike_t[p, j, c] = (first_step + s + 1) * dt
                    spike_n[p, j] = c + 1
                    for t in range(n_neuron):
                        if recurrent[p, j, t] != 0.0:
                            ring[p, later, t] += recurrent[p, j, t]
            sample_units(state, p, s, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples)


class Interneurons(Component):
    name = "interneuron"
    element = "neuron"
    variables = interneurons.VARIABLES
    inputs = (Port("afferents", "events", "mV", "afferent volleys (EPSP size per spike)"),
              Port("collaterals", "events", "mV",
                   "motor-axon collateral spikes (slow drive per spike)"),
              Port("command", "signal", "1", "voluntary command (fraction of maximal drive)"))
    outputs = (Port("spikes", "events", "ms", "interneurone spikes"),)
    streams = ("interneuron_noise",)
    buffers = ("recurrent_mV",)

    def __init__(self, values: Mapping[str, np.ndarray], muscle_names: Sequence[str],
                 n_per_muscle: int, n_renshaw: int | None = None,
                 recurrent: np.ndarray | None = None,
                 recurrent_delay_ms: np.ndarray | None = None,
                 command_share: np.ndarray | None = None,
                 gabaergic_transmission: np.ndarray | None = None):
        """``values``: the ``interneurons`` table, arrays over persons; one population of
        ``n_per_muscle`` Ia-inhibitory and Ib cells and ``n_renshaw`` Renshaw cells (default
        ``n_per_muscle``) per muscle of ``muscle_names``; ``recurrent``
        (P, N, N) the cells' coupling among themselves (mV; none if None), each person's after
        ``recurrent_delay_ms`` (P); ``command_share`` (P, M) the share of the voluntary command
        each muscle receives (none if None), which its Ia-inhibitory cells receive too, scaled
        by ``ia_command_drive``, and which presynaptically inhibits the Ib fibres' input to its Ib
        cells by ``ib_command_presynaptic`` times ``gabaergic_transmission`` (P; the ``spinal``
        table's, 1 if None: presynaptic inhibition is GABAergic)."""
        sizes = [n_per_muscle] * len(interneurons.KINDS)
        sizes[interneurons.RENSHAW] = n_per_muscle if n_renshaw is None else n_renshaw
        self.muscle = np.repeat(np.arange(len(muscle_names)), sum(sizes))
        self.kind = np.tile(np.repeat(np.arange(len(sizes)), sizes), len(muscle_names))
        self.muscle_names = tuple(muscle_names)
        self.n_person = values["n_per_muscle"].shape[0]
        self.n_element = self.muscle.size
        self.step_ms = INTERNEURON_STEP_MS
        people = range(self.n_person)
        self.constants = np.stack([interneurons.constants(
            {name: float(a[p]) for name, a in values.items()}, self.step_ms) for p in people])
        descending = np.stack([values[name] for name in interneurons.DESCENDING], axis=1)
        self.drive = np.ascontiguousarray(descending[:, self.kind])
        share = (np.zeros((self.n_person, len(muscle_names))) if command_share is None
                 else np.broadcast_to(command_share, (self.n_person, len(muscle_names))))
        self.command_gain = np.ascontiguousarray(
            values["ia_command_drive"][:, None] * share[:, self.muscle]
            * (self.kind == interneurons.IA_IN)[None, :], dtype=float)
        gaba = (np.ones(self.n_person) if gabaergic_transmission is None
                else np.broadcast_to(gabaergic_transmission, (self.n_person,)))
        self.command_gate = np.ascontiguousarray(
            (values["ib_command_presynaptic"] * gaba)[:, None] * share[:, self.muscle]
            * (self.kind == interneurons.IB_IN)[None, :], dtype=float)
        self.set_recurrent(recurrent, recurrent_delay_ms)

    def set_recurrent(self, recurrent: np.ndarray | None,
                      delay_ms: np.ndarray | None = None) -> None:
        """The cells' coupling among themselves (see ``__init__``); before any State is made."""
        shape = (self.n_person, self.n_element, self.n_element)
        self.recurrent = np.zeros(shape) if recurrent is None else \
            np.ascontiguousarray(np.broadcast_to(recurrent, shape), dtype=float)
        delay = np.zeros(self.n_person) if delay_ms is None else \
            np.broadcast_to(delay_ms, (self.n_person,))
        self.recurrent_steps = np.maximum(
            np.round(np.asarray(delay) / INTERNEURON_STEP_MS).astype(np.int64), 0)

    def labels(self) -> Mapping[str, Any]:
        return {"interneuron_kind": ("neuron", np.array(interneurons.KINDS)[self.kind],
                                     {"long_name": "kind of interneurone"}),
                "interneuron_muscle": ("neuron", np.array(self.muscle_names)[self.muscle],
                                       {"long_name": "muscle whose afferents excite it"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        state = np.zeros((len(self.variables), self.n_person, self.n_element))
        state[V.v] = self.drive
        slots = int(self.recurrent_steps.max()) + 2
        return {"variables": state,
                "recurrent_mV": np.zeros((self.n_person, slots, self.n_element))}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        first = interval.first_step // steps_of(self.step_ms, interval.dt_ms)
        shape = (self.n_person, self.n_element)
        events_mV = (inputs.get("afferents") or Events.none()).per_step(
            first, self.step_ms, n, *shape)
        collateral_mV = (inputs.get("collaterals") or Events.none()).per_step(
            first, self.step_ms, n, *shape)
        steps_per_command = round(DRIVE_STEP_MS / self.step_ms)
        command = inputs.get("command")
        if command is None:
            command = np.zeros((-(-n // steps_per_command), self.n_person, 1))
        slots = max(1, round(n * self.step_ms)) + 1
        spike_t = np.empty((*shape, slots))  # read up to spike_n only
        spike_n = np.zeros(shape, dtype=np.int64)
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(n) if probe else np.zeros((0, 0, 0))
        kernel = advance_interneurons if backend == "numba" else advance_interneurons.py_func
        kernel(state["variables"], self.drive, self.command_gain, self.command_gate,
               np.ascontiguousarray(command, dtype=float), steps_per_command, events_mV,
               collateral_mV, for_kernel(streams["interneuron_noise"]), first,
               self.step_ms, self.constants, self.recurrent, self.recurrent_steps,
               state["recurrent_mV"], spike_t, spike_n, *recording, samples)
        if (spike_n > slots).any():
            raise RuntimeError("an interneurone fired more than once per ms; spikes were lost")
        return ({"spikes": slot_events_in_time_order(spike_t.reshape(-1, slots),
                                                     spike_n.reshape(-1), self.n_element)},
                samples if probe else None)
