"""The simulation loop: advance a Model's State in chunks, feed recorders, return a Dataset.

The loop runs the compiled kernel over chunks of a few milliseconds. Neurons of this model are
independent within a chunk, so the kernel keeps each neuron in registers for the whole chunk and
runs neurons in parallel; when later components couple neurons through axonal and synaptic
delays, the chunk length becomes the smallest such delay (the min-delay scheme of NEST).
"""

from __future__ import annotations

from collections.abc import Callable

import numba
import numpy as np
import xarray as xr

import kramp
from kramp.engine.integrators import BACKENDS
from kramp.engine.model import Model
from kramp.engine.recorders import SpikeRecorder, VoltageRecorder
from kramp.engine.state import State, initial_state
from kramp.errors import KrampInputError

# Simulated time per call of the kernel, and the memory its buffers may take.
CHUNK_MS = 5.0
CHUNK_BUFFER_BYTES = 32 * 2**20

MAX_DURATION_MS = 3.6e6

Progress = Callable[[float, float], None]


def person_generators(seed: int, n_person: int) -> list[np.random.Generator]:
    """One independent random stream per virtual person, fixed by (seed, person index) alone.

    Person p draws the same numbers whatever the batch size, so a person can be re-run alone.
    """
    return [np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(p,)))
            for p in range(n_person)]


def _chunk_steps(model: Model, record_every: int, has_noise: bool) -> int:
    n_neurons = model.n_person * model.n_unit
    # per step and neuron: half a spike slot, plus a noise sample, plus a recorded sample
    bytes_per_step = n_neurons * 8 * (0.5 + has_noise + (1.0 / record_every if record_every else 0))
    steps = min(max(1, round(CHUNK_MS / model.dt_ms)),
                max(2, int(CHUNK_BUFFER_BYTES / bytes_per_step)))
    if record_every:
        steps = max(record_every, steps // record_every * record_every)
    return steps


@numba.njit(cache=True)
def compact_spikes(spike_times, spike_count):
    """Flatten the per-neuron spike slots into (neuron, time) arrays, neuron by neuron."""
    total = spike_count.sum()
    neuron = np.empty(total, dtype=np.int64)
    times = np.empty(total)
    k = 0
    for j in range(spike_count.shape[0]):
        for c in range(spike_count[j]):
            neuron[k] = j
            times[k] = spike_times[j, c]
            k += 1
    return neuron, times


def advance(model: Model, state: State, n_steps: int, *, backend: str = "numba",
            normals: np.ndarray | None = None, spike_threshold_mV: float = 0.0,
            record_every: int = 0):
    """Advance ``state`` by ``n_steps`` steps and return ``(new_state, spikes, v_samples)``.

    Pure: ``state`` is not modified. ``spikes`` is ``(neuron, time_ms)``: flat neuron indices
    (person-major) and spike times, in neuron then time order; ``v_samples`` is
    ``[n_samples, person, unit]`` (empty unless ``record_every > 0``).
    ``normals`` are the standard-normal draws of the background noise, ``[n_steps, person·unit]``.
    """
    new = state.copy()
    n = model.n_person * model.n_unit
    membrane = model.parameters["membrane"]
    stimulus = model.parameters["stimulus"]
    flat = {name: np.ascontiguousarray(a).reshape(n) for name, a in membrane.items()}
    stim = {name: np.ascontiguousarray(a).reshape(n) for name, a in stimulus.items()}
    decay = np.exp(-model.dt_ms / stim["noise_tau"])
    scale = stim["noise_sd"] * np.sqrt(1.0 - decay * decay)
    if normals is None:
        normals = np.empty((0, n))
    # an upward crossing needs the step before it below threshold: at most one every two steps
    spike_times = np.empty((n, n_steps // 2 + 1))
    spike_count = np.zeros(n, dtype=np.int64)
    n_samples = n_steps // record_every if record_every else 0
    v_record = np.empty((n_samples, n))
    gates = new.gates.reshape(len(model.kind.gates), n)
    v = new.v_mV.reshape(n)
    eta = new.background_uA_per_cm2.reshape(n)
    tables = model.gate_tables
    BACKENDS[backend](
        v, gates, eta, flat["cm"], flat["g_na"], flat["g_k"], flat["g_leak"], flat["e_na"],
        flat["e_k"], flat["e_leak"], stim["amplitude"], stim["delay"], stim["width"], decay, scale,
        normals, model.gate_setting.reshape(n), tables.coefficients, tables.v_min_mV,
        tables.inv_step_per_mV, state.t_ms, model.dt_ms, n_steps, spike_threshold_mV,
        spike_times, spike_count, record_every, v_record)
    spikes = compact_spikes(spike_times, spike_count)
    result = State(state.t_ms + n_steps * model.dt_ms, new.v_mV, new.gates,
                   new.background_uA_per_cm2)
    return result, spikes, v_record.reshape(n_samples, model.n_person, model.n_unit)


def simulate(
    model: Model,
    duration_ms: float,
    *,
    seed: int = 0,
    voltage: VoltageRecorder | None = None,
    spikes: SpikeRecorder | None = None,
    backend: str = "numba",
    progress: Progress | None = None,
) -> xr.Dataset:
    """Run ``model`` from rest for ``duration_ms`` and return the recordings as a Dataset.

    The Dataset holds ``v_mV(time, person, unit)`` if ``voltage`` is given, the spikes as flat
    ``spike_time_ms``/``spike_person``/``spike_unit`` arrays along ``spike``, every parameter as
    ``<component>.<name>(person, unit)``, and the seed, dt and kramp version as attributes.
    """
    if not 0.0 < duration_ms <= MAX_DURATION_MS or not np.isfinite(duration_ms):
        raise KrampInputError(
            f"`duration` must be in (0, {MAX_DURATION_MS / 1e3:g}] s, got {duration_ms / 1e3:g} s",
            field="duration")
    if backend not in BACKENDS:
        raise KrampInputError(f"`backend` must be one of {', '.join(BACKENDS)}, got {backend!r}",
                              field="backend")
    spikes = spikes or SpikeRecorder()
    n_total = round(duration_ms / model.dt_ms)
    if n_total < 1:
        raise KrampInputError(
            f"`duration` must be at least one time step ({model.dt_ms:g} ms), "
            f"got {duration_ms:g} ms", field="duration")
    record_every = voltage.steps_between_samples(model.dt_ms) if voltage else 0
    has_noise = bool(np.any(model.parameters["stimulus"]["noise_sd"] > 0))
    generators = person_generators(seed, model.n_person) if has_noise else []
    chunk = _chunk_steps(model, record_every, has_noise)

    state = initial_state(model)
    spike_chunks: list[tuple[np.ndarray, np.ndarray]] = []
    samples = [state.v_mV[None].copy()] if record_every else []
    done = 0
    while done < n_total:
        steps = min(chunk, n_total - done)
        normals = None
        if has_noise:
            normals = np.concatenate(
                [g.standard_normal((steps, model.n_unit)) for g in generators], axis=1)
        state, chunk_spikes, v_samples = advance(
            model, state, steps, backend=backend, normals=normals,
            spike_threshold_mV=spikes.threshold_mV, record_every=record_every)
        spike_chunks.append(chunk_spikes)
        if record_every:
            samples.append(v_samples)
        done += steps
        if progress is not None:
            progress(done * model.dt_ms, n_total * model.dt_ms)

    return _to_dataset(model, seed, n_total, spike_chunks, samples, record_every, spikes)


def _to_dataset(model, seed, n_total, spike_chunks, samples, record_every, spikes) -> xr.Dataset:
    person = np.arange(model.n_person)
    unit = np.arange(model.n_unit)
    owner = np.concatenate([neuron for neuron, _ in spike_chunks])
    spike_time = np.concatenate([times for _, times in spike_chunks])
    order = np.lexsort((spike_time, owner))  # by neuron, then time
    owner, spike_time = owner[order], spike_time[order]
    data_vars = {
        "spike_time_ms": ("spike", spike_time,
                          {"units": "ms", "long_name": "spike time (upward threshold crossing)"}),
        "spike_person": ("spike", owner // model.n_unit, {"long_name": "person of the spike"}),
        "spike_unit": ("spike", owner % model.n_unit, {"long_name": "unit of the spike"}),
    }
    coords = {"person": person, "unit": unit}
    if record_every:
        v = np.concatenate(samples, axis=0)
        coords["time_ms"] = ("time", np.arange(v.shape[0]) * record_every * model.dt_ms,
                             {"units": "ms"})
        data_vars["v_mV"] = (("time", "person", "unit"), v,
                             {"units": "mV", "long_name": "membrane potential"})
    for table in model.kind.components:
        for param in table:
            data_vars[f"{table.component}.{param.name}"] = (
                ("person", "unit"), np.asarray(model.parameters[table.component][param.name]),
                {"units": param.unit, "long_name": param.meaning, "source": param.source})
    attrs = {
        "kramp_version": kramp.__version__,
        "model": model.kind.name,
        "seed": int(seed),
        "dt_ms": model.dt_ms,
        "duration_ms": n_total * model.dt_ms,
        "spike_threshold_mV": spikes.threshold_mV,
    }
    return xr.Dataset(data_vars, coords=coords, attrs=attrs)
