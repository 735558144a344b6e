"""The motoneuron pools of a person's muscles as one component: every alpha motoneuron, stepped
by the two-compartment kernel of :mod:`kramp.engine.motoneuron_step`.

The units of all the person's muscles lie side by side along the ``unit`` axis, muscle after
muscle, each pool ordered by size (recruitment order) with its muscle's share of S, FR and FF
cells. In each 1 ms step of the drive, motoneuron j receives the excitatory conductance

    g_exc,j = ḡ_j · max(1 + η_common + η_j, 0)

(ḡ_j the drive's ``excitation``; η_common its common noise; η_j this component's independent
noise, an Ornstein–Uhlenbeck process per motoneuron), a tonic inhibitory conductance and the
monoaminergic level of the person's drive, and synaptic events on the dendrite (each adds its
line's conductance in the integration step it arrives in). Spikes leave as events (``spikes``).

**Voltage clamp.** An experiment may hold chosen somata at a command potential, as with an
electrode in the soma (the in-vivo voltage clamp of cat motoneurones, Lee & Heckman 1998): the
State's ``clamp_mV`` (P, U) holds each soma's command for the next interval (NaN: free, the
default), and ``clamp_current_nA`` receives the mean current the clamp injected into each soma
over the interval (0 where free). The dendrite stays free, with its synapses and its persistent
inward current, so a clamped cell's current shows what the network does to its dendrite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine import motoneuron_step as kernel
from kramp.engine.component import Component, Interval, Probe, steps_of
from kramp.engine.components.drive import (
    ornstein_uhlenbeck_steps,
    ornstein_uhlenbeck_steps_numpy,
    ou_coefficients,
)
from kramp.engine.lines import Events, Fanned, slot_events
from kramp.engine.streams import standard_normals
from kramp.params import Port
from kramp.physiology import drive, motoneuron

# Spike slots per neuron and drive step: no motoneuron fires more than 8 times in 1 ms.
SPIKE_SLOTS_PER_MS = 8
# The motoneurons settle without input for this long before a run, so every run starts at rest.
SETTLE_MS = 300.0


@numba.njit(parallel=True, cache=True)
def noisy_excitation(eta, normals, decay, scale, mean, common, noise, g_exc):
    """The independent OU noise through the interval's drive steps (into ``noise``), then
    g_exc[k] = ḡ·max(1 + η_common + η, 0); arrays ``[step, person, unit]`` (η, decay and scale
    ``[person, unit]``, η_common ``[step, person, 1]``), the people in parallel."""
    ornstein_uhlenbeck_steps(eta, normals, decay, scale, noise)
    n_steps, n_person, n_unit = normals.shape
    for p in numba.prange(n_person):
        for k in range(n_steps):
            for u in range(n_unit):
                g_exc[k, p, u] = mean[k, p, u] * max(1.0 + common[k, p, 0] + noise[k, p, u], 0.0)


def noisy_excitation_numpy(eta, normals, decay, scale, mean, common, noise, g_exc):
    """The same as ``noisy_excitation`` with NumPy (the readable reference)."""
    ornstein_uhlenbeck_steps_numpy(eta, normals, decay, scale, noise)
    g_exc[...] = mean * np.maximum(1.0 + common + noise, 0.0)


EXCITATION_BACKENDS = {"numba": noisy_excitation, "numpy": noisy_excitation_numpy}


class Motoneurons(Component):
    name = "motoneuron"
    element = "unit"
    variables = (*motoneuron.VARIABLES, drive.INDEPENDENT_NOISE)
    inputs = (
        Port("excitation", "signal", "uS", "mean excitatory drive conductance"),
        Port("common_noise", "signal", "1", "common synaptic noise of the drive"),
        Port("excitatory_synapses", "events", "uS", "excitatory synaptic events on the dendrite"),
        Port("inhibitory_synapses", "events", "uS", "inhibitory synaptic events on the dendrite"),
        Port("antidromic", "events", "1", "antidromic spikes reaching the soma from the axon"),
    )
    outputs = (Port("spikes", "events", "ms", "somatic spikes (upward 0 mV crossings)"),)
    streams = ("independent_drive",)
    buffers = ("last_spike_ms", "clamp_mV", "clamp_current_nA")

    def __init__(self, pools: Sequence[motoneuron.PoolParameters],
                 values: Sequence[Mapping[str, float]], drive_values: Mapping[str, np.ndarray],
                 dt_ms: float, drive_step_ms: float, axon_ms: np.ndarray | None = None):
        """One pool per person (muscles concatenated) and each person's motoneuron values;
        ``axon_ms`` (P, U) the conduction time from the soma to the axon's first active site
        (an antidromic spike and a somatic spike that leave within it of each other meet)."""
        self.pool = kernel.build_pool_model(pools, dt_ms, values)
        self.n_person = self.pool.n_person
        self.n_element = self.pool.n_unit
        self.step_ms = dt_ms
        self.drive_step_ms = drive_step_ms
        self.cell_type = np.stack([pool.cell_type for pool in pools])
        per_neuron = {name: np.repeat(drive_values[name], self.n_element)
                      for name in ("monoamine", "g_inh", "independent_noise_tau",
                                   "independent_noise_cv")}
        drive_inputs = kernel.new_drive(self.pool, per_neuron["monoamine"])
        drive_inputs[kernel.D.g_inh_uS] = per_neuron["g_inh"]
        self.inputs_held = kernel.held(drive_inputs)
        self.noise_decay, self.noise_scale = ou_coefficients(
            drive_step_ms, per_neuron["independent_noise_tau"].reshape(self.n_person, -1),
            per_neuron["independent_noise_cv"].reshape(self.n_person, -1))
        self.monoamine = per_neuron["monoamine"]
        self.axon_ms = (np.zeros((self.n_person, self.n_element)) if axon_ms is None
                        else np.asarray(axon_ms, dtype=float))

    def labels(self) -> Mapping[str, Any]:
        return {"cell_type": (("person", "unit"), self.cell_type,
                              {"long_name": "motoneuron type: 0 S, 1 FR, 2 FF"})}

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        rest = kernel.resting_state(self.pool, self.monoamine, settle_ms=SETTLE_MS)
        packed = np.zeros((len(self.variables), self.n_person, self.n_element))
        packed[:kernel.N_STATE] = rest.reshape(kernel.N_STATE, self.n_person, self.n_element)
        shape = (self.n_person, self.n_element)
        return {"variables": packed, "last_spike_ms": np.full(shape, -np.inf),
                "clamp_mV": np.full(shape, np.nan), "clamp_current_nA": np.zeros(shape)}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        packed = state["variables"]
        n_drive = interval.substeps(self.drive_step_ms)
        chunk_steps = steps_of(self.drive_step_ms, interval.dt_ms)
        g_exc, noise = self._excitation(packed, inputs, streams, n_drive, backend)
        n = self.pool.n_neurons
        neurons = packed[:kernel.N_STATE].reshape(kernel.N_STATE, n)
        synapses = self._synapses(inputs, interval, state["last_spike_ms"])
        slots = np.empty((n, SPIKE_SLOTS_PER_MS * max(1, round(interval.n_steps * interval.dt_ms))))
        counts = np.zeros(n, dtype=np.int64)
        # The kernel records the neurons' own rows (probe rows are sorted, so they come first);
        # the noise row, the last, is filled from the drive steps.
        recording = probe.arguments() if probe else Probe.absent(n)
        samples = probe.buffer(interval.n_steps) if probe else np.zeros((0, 0, 0))
        noise_rows = (np.flatnonzero(probe.rows >= kernel.N_STATE) if probe
                      else np.zeros(0, dtype=np.int64))
        if noise_rows.size:
            recording = (probe.rows[:noise_rows[0]], *recording[1:])
        t = self.pool.tables
        clamp_current = np.empty(n)  # each cell's mean clamp current, 0 where free
        kernel.BACKENDS[backend](
            neurons, self.pool.params, self._held(state["clamp_mV"]), g_exc, synapses.first,
            synapses.neuron, synapses.step, synapses.weight_uS, synapses.inhibitory, t.soma,
            t.dend, t.soma_decay, t.dend_decay, self.pool.setting, t.v_min_mV, t.inv_step_per_mV,
            interval.first_step, interval.dt_ms, chunk_steps, 0.0, slots, counts, clamp_current,
            *recording, samples)
        state["clamp_current_nA"][...] = clamp_current.reshape(state["clamp_current_nA"].shape)
        if noise_rows.size:
            _noise_samples(probe, noise_rows, samples, noise, chunk_steps, interval.n_steps)
        if (counts > slots.shape[1]).any():
            raise RuntimeError("a motoneuron fired more than 8 times per ms; spikes were lost")
        spikes = slot_events(slots, counts, self.n_element)
        np.maximum.at(state["last_spike_ms"], (spikes.person, spikes.element), spikes.time_ms)
        return {"spikes": spikes}, (samples if probe else None)

    def _held(self, clamp_mV: np.ndarray) -> np.ndarray:
        """The kernel's held inputs with the somata of finite ``clamp_mV`` clamped there (module
        doc)."""
        command = clamp_mV.reshape(-1)
        clamped = np.isfinite(command)
        if not clamped.any():
            return self.inputs_held
        held = self.inputs_held.copy()
        held[kernel.D.clamp] = np.where(clamped, 1.0, 0.0)
        held[kernel.D.v_clamp_mV] = np.where(clamped, command, 0.0)
        return held

    def _excitation(self, packed, inputs, streams, n_drive: int, backend: str):
        """(g_exc per drive step and neuron, the independent noise of each drive step),
        advancing the noise (the state's last row)."""
        normals = standard_normals(streams["independent_drive"], n_drive, self.n_element)
        eta = packed[-1].copy()
        noise = np.empty((n_drive, self.n_person, self.n_element))
        g_exc = np.empty((n_drive, self.n_person, self.n_element))
        EXCITATION_BACKENDS[backend](eta, normals, self.noise_decay, self.noise_scale,
                                     inputs["excitation"], inputs["common_noise"], noise, g_exc)
        packed[-1] = eta
        return g_exc.reshape(n_drive, -1), noise

    def _synapses(self, inputs: Mapping[str, Any], interval: Interval,
                  last_spike_ms: np.ndarray) -> kernel.Synapses:
        """The interval's synaptic events, each in the integration step it arrives in, and the
        antidromic spikes that did not meet a somatic spike on their way (each carries, as its
        weight, the time after which a somatic spike would have met it)."""
        parts = []
        for port, kind in (("excitatory_synapses", 0), ("inhibitory_synapses", 1)):
            delivered = inputs.get(port)
            if isinstance(delivered, Events):
                delivered = Fanned.one_to_one(delivered, self.n_person, self.n_element)
            if delivered is not None and delivered.spikes.size:
                parts.append((delivered, kind))
        invading = inputs.get("antidromic")
        if invading is not None and invading.size:
            met_after = invading.time_ms - 2.0 * self.axon_ms[invading.person, invading.element]
            free = last_spike_ms[invading.person, invading.element] <= met_after
            parts.append((Fanned.one_to_one(Events(invading.time_ms[free], invading.person[free],
                                                   invading.element[free], met_after[free]),
                                            self.n_person, self.n_element), kernel.INVASION))
        if not parts:
            return kernel.Synapses.none(self.pool.n_neurons)
        return kernel.Synapses.from_parts(self.n_person, self.n_element, parts,
                                          interval.first_step, interval.dt_ms)


def _noise_samples(probe: Probe, rows: np.ndarray, samples: np.ndarray, noise: np.ndarray,
                   chunk_steps: int, n_steps: int) -> None:
    """The independent noise at each sample: its value during the drive step sampled."""
    steps = np.array([k for k in range(n_steps) if probe.due(k)], dtype=np.int64)
    values = noise[steps // chunk_steps].reshape(steps.size, -1)
    chosen = np.flatnonzero(probe.slot >= 0)
    for r in rows:
        samples[:, r][:, probe.slot[chosen]] = values[:, chosen]
