"""The motor pool: descending drive → motoneurons → motor axons → junction → muscle → force, EMG.

Stages, in the order a signal travels (MuJoCo's habit of a step that reads like a table of
contents):

1. ``_respiratory_activity``: where the person has a brainstem respiratory drive, the
   pre-Bötzinger population runs first and its activity becomes an inspiratory command;
2. ``_motoneuron_spikes``: the pool of two-compartment motoneurons
   (``kramp.engine.motoneuron_step``) is stepped at dt in 1 ms chunks; between chunks the
   excitatory conductance is set from the voluntary and respiratory commands and the common and
   independent synaptic noise (``kramp.physiology.drive``);
3. ``_arrival_times``: each spike reaches the muscle after its axon's conduction time (cable
   model, ``kramp.physiology.nerve``) and the junction delay; the junction relays every spike;
4. ``_muscle_force``: every unit's calcium, force, potentiation and metabolites
   (``kramp.physiology.fibre``) are stepped at 1 ms from the arrivals; the muscle's force is the
   sum over its units;
5. ``_surface_emg``: the sum of motor-unit action potentials (``kramp.physiology.emg``).

Nothing flows back from the muscle to the cord yet (no spindle or tendon-organ feedback), so the
stages can run one after the other over the whole run: this is exact, not an approximation. When
reflex loops arrive, the stages will be interleaved in chunks no longer than the shortest loop
delay.

A Model holds the batch ``[person, unit]``; every parameter may differ between persons.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numba
import numpy as np
import xarray as xr

import kramp
from kramp.engine import motoneuron_step
from kramp.engine.cable import axonal_delay_ms
from kramp.engine.simulate import MAX_DURATION_MS, compact_spikes, person_generators
from kramp.errors import KrampInputError
from kramp.params import ParameterTable, compile_tables
from kramp.physiology import drive, emg, fibre, mechanics, motoneuron, nerve, respiration

# The muscle is stepped at 1 ms (fibre: < 1e-3 of peak force error against 0.025 ms) and the
# synaptic input to the motoneurons is updated every 1 ms: its fastest fluctuations (the
# independent noise, τ = 5 ms) are resolved by five samples per correlation time.
MUSCLE_DT_MS = 1.0
CHUNK_MS = 1.0
# Chunks of drive generated at once (memory: chunks × persons × units floats).
CHUNKS_PER_BLOCK = 200
# Spike slots per neuron and chunk: no motoneuron fires more than 8 times in 1 ms.
SPIKE_SLOTS = 8
# Chunks stepped by one call of the motoneuron kernel: the call's fixed cost is spread over
# 10 ms, and its spike slots (SPIKE_SLOTS per chunk and neuron) stay small.
CHUNKS_PER_CALL = 10
# Below this many motoneurons a 1 ms chunk is too little work to share between threads: starting
# the threads costs more than it saves, and far more when another process holds a core.
PARALLEL_MIN_NEURONS = 4096
# The respiratory population is stepped at 0.1 ms: its fastest gate (τ_n ≤ 10 ms) and its
# spikes are resolved (Butera et al. 1999 integrated at 0.05–0.1 ms).
RHYTHM_DT_MS = 0.1
# The motoneurons settle without input for this long before a run, so every run starts at rest.
SETTLE_MS = 300.0

# The muscle's unit pool (number of units, force and contraction-time ranges, fatigability) is
# data: the calf's values are the defaults, and a scenario for another muscle overrides them.
MUSCLE = ParameterTable(component="muscle", params=fibre.POOLS["calf"].params,
                        references=fibre.REFERENCES)

COMPONENTS: tuple[ParameterTable, ...] = (
    drive.PARAMETERS, respiration.PARAMETERS, motoneuron.PARAMETERS, MUSCLE, fibre.PARAMETERS,
    mechanics.PARAMETERS, nerve.PARAMETERS, emg.PARAMETERS,
)

PersonValues = Mapping[str, Mapping[str, np.ndarray]]


@dataclass(frozen=True, eq=False)
class MotorPoolModel:
    """A batch of virtual people, each with one motor pool and its muscle, ready to run.

    ``values[component][name]`` is a read-only array over persons (shape ``(n_person,)``) in the
    parameter's declared unit. Per-unit arrays are shaped ``(n_person, n_unit)``.
    """

    dt_ms: float
    n_person: int
    n_unit: int
    values: PersonValues
    motoneurons: motoneuron_step.PoolModel
    muscle_arrays: Mapping[str, np.ndarray]
    muscle_constants: fibre.StepConstants
    mechanical_factor: float
    arrival_delay_ms: np.ndarray
    twitch_force_mN: np.ndarray
    contraction_time_ms: np.ndarray

    def person(self, component: str, p: int) -> dict[str, float]:
        """One person's values of one component, as plain floats."""
        return _person(self.values, component, p)


def _person(values: PersonValues, component: str, p: int) -> dict[str, float]:
    return {name: float(array[p]) for name, array in values[component].items()}


def build_pool(values: Mapping[str, Mapping[str, object]] | None = None, *, n_person: int = 1,
               dt_ms: float = 0.025) -> MotorPoolModel:
    """Compile a batch of motor pools: motoneurons by the size principle, muscle units, axons."""
    if n_person < 1:
        raise KrampInputError(f"`n_person` must be ≥ 1, got {n_person}", field="n_person")
    v = compile_tables(COMPONENTS, values, (n_person,), model="motor_pool", axes="[person]")
    unit_counts = {round(float(n)) for n in v["muscle"]["n_unit"]}
    if len(unit_counts) != 1:
        raise KrampInputError("`muscle.n_unit` must be the same for every person of a batch",
                              field="muscle.n_unit")
    n_unit = unit_counts.pop()

    def person(component: str, p: int) -> dict[str, float]:
        return _person(v, component, p)

    pools = [motoneuron.pool_parameters(n_unit, "human", person("motoneuron", p))
             for p in range(n_person)]
    motoneurons = motoneuron_step.build_pool_model(pools, dt_ms, person("motoneuron", 0))
    fibre_params = person("fibre", 0)
    properties = [fibre.pool_properties("calf", fibre_params, person("muscle", p))
                  for p in range(n_person)]
    stacked = {key: np.stack([props[key] for props in properties]) for key in properties[0]}
    delays = np.stack([
        axonal_delay_ms(nerve.fibre_diameters_um(n_unit, person("nerve", p)),
                        person("nerve", p)["length"],
                        node={"temperature": person("nerve", p)["temperature"]})
        + person("nerve", p)["junction_delay"]
        for p in range(n_person)])
    return MotorPoolModel(
        dt_ms=dt_ms,
        n_person=n_person,
        n_unit=n_unit,
        values=v,
        motoneurons=motoneurons,
        muscle_arrays=MappingProxyType(fibre.step_arrays(stacked, MUSCLE_DT_MS)),
        muscle_constants=fibre.step_constants(fibre_params, MUSCLE_DT_MS),
        mechanical_factor=mechanics.isometric_factor(person("mechanics", 0)),
        arrival_delay_ms=delays,
        twitch_force_mN=stacked["peak_twitch_force_mN"],
        contraction_time_ms=stacked["contraction_time_ms"],
    )


def _respiratory_activity(model: MotorPoolModel, rngs, n_chunks: int) -> np.ndarray:
    """Inspiratory command (fraction of maximal drive) per chunk and person, shape [chunk, P]."""
    command = np.zeros((n_chunks, model.n_person))
    steps_per_chunk = round(CHUNK_MS / RHYTHM_DT_MS)
    for p in range(model.n_person):
        gain = model.values["drive"]["respiratory_gain"][p]
        if gain == 0.0:
            continue
        rhythm = model.person("rhythm", p)
        v, h, n, s, e_leak = respiration.initial_population(rngs[p], rhythm)
        activity = np.empty(n_chunks * steps_per_chunk)
        respiration.advance_population(v, h, n, s, e_leak,
                                       np.array(respiration.parameter_vector(rhythm)),
                                       RHYTHM_DT_MS, activity.size, activity)
        command[:, p] = gain * activity.reshape(n_chunks, steps_per_chunk).mean(axis=1)
    return command


def _voluntary_command(model: MotorPoolModel, chunk_mid_ms: np.ndarray) -> np.ndarray:
    """The voluntary command (fraction of maximal drive) per chunk and person, [chunk, P]."""
    per_person = {name: array[None, :] for name, array in model.values["drive"].items()}
    return drive.command_fraction(chunk_mid_ms[:, None], per_person)


def _motoneuron_spikes(model: MotorPoolModel, command: np.ndarray, rngs,
                       progress: Callable[[float, float], None] | None, duration_ms: float):
    """Step the motoneurons through every chunk; return (neuron, spike time ms) arrays."""
    mn = model.motoneurons
    d = model.values["drive"]
    n_unit = model.n_unit
    monoamine = np.repeat(d["monoamine"], n_unit)
    state = motoneuron_step.resting_state(mn, monoamine, settle_ms=SETTLE_MS)
    inputs = motoneuron_step.new_drive(mn, 1.0)
    inputs[motoneuron_step.D_MONO] = monoamine
    inputs[motoneuron_step.D_GINH] = np.repeat(d["g_inh"], n_unit)
    g_max = np.repeat(d["g_exc_max"], n_unit)
    steps = round(CHUNK_MS / model.dt_ms)
    neurons, times = [], []
    threads = numba.get_num_threads()
    if mn.n_neurons < PARALLEL_MIN_NEURONS:
        numba.set_num_threads(1)
    try:
        _step_chunks(model, command, rngs, state, inputs, g_max, steps, neurons, times,
                     progress, duration_ms)
    finally:
        numba.set_num_threads(threads)
    if not neurons:
        return np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(neurons), np.concatenate(times)


def _step_chunks(model, command, rngs, state, inputs, g_max, steps, neurons, times, progress,
                 duration_ms) -> None:
    """The chunk loop of ``_motoneuron_spikes``; appends each chunk's spikes to the lists."""
    mn = model.motoneurons
    d = model.values["drive"]
    n_unit, n_person = model.n_unit, model.n_person
    common_now = np.zeros(n_person)
    independent_now = np.zeros((n_person, n_unit))
    # each call's spikes, SPIKE_SLOTS per chunk and neuron
    slots = np.empty((mn.n_neurons, SPIKE_SLOTS * CHUNKS_PER_CALL))
    counts = np.empty(mn.n_neurons, dtype=np.int64)
    for first in range(0, command.shape[0], CHUNKS_PER_BLOCK):
        block = command[first:first + CHUNKS_PER_BLOCK]
        common = np.empty_like(block)
        independent = np.empty((block.shape[0], n_person, n_unit))
        for p in range(n_person):
            common[:, p] = drive.ornstein_uhlenbeck(
                rngs[p], common_now[p], block.shape[0], CHUNK_MS, d["common_noise_tau"][p],
                d["common_noise_cv"][p])
            independent[:, p] = drive.ornstein_uhlenbeck(
                rngs[p], independent_now[p], block.shape[0], CHUNK_MS,
                d["independent_noise_tau"][p], d["independent_noise_cv"][p])
        common_now, independent_now = common[-1], independent[-1]
        modulation = np.maximum(1.0 + common[:, :, None] + independent, 0.0)
        g_exc = (block[:, :, None] * modulation).reshape(block.shape[0], -1) * g_max
        for k in range(0, block.shape[0], CHUNKS_PER_CALL):
            chunks = g_exc[k:k + CHUNKS_PER_CALL]
            motoneuron_step.run_chunks(mn, state, inputs, chunks, steps, (first + k) * CHUNK_MS,
                                       slots, counts)
            if counts.any():
                neuron, time = compact_spikes(slots, np.minimum(counts, slots.shape[1]))
                neurons.append(neuron)
                times.append(time)
        if progress is not None:
            progress(min((first + block.shape[0]) * CHUNK_MS, duration_ms), duration_ms)


@numba.njit(cache=True)
def _step_muscle(arrivals, state, calcium_decay_half, tau_force_rest_ms, tau_force_active_ms,
                 fatigability_per_ms, tetanic_force_mN, mechanical_factor, k, n_person,
                 force_mN):
    """Step every unit through every muscle step; ``force_mN[step, person]`` gets the sums.

    ``arrivals[step, j]`` counts the action potentials reaching unit j (flat person-major index)
    in that step; ``state[4, j]`` holds calcium, force, potentiation and metabolites, updated.
    """
    n_steps, n_units_total = arrivals.shape
    n_unit = n_units_total // n_person
    for step in range(n_steps):
        for j in range(n_units_total):
            calcium, force_norm, potentiation, metabolite, force = fibre.unit_step(
                state[0, j], state[1, j], state[2, j], state[3, j], arrivals[step, j],
                calcium_decay_half[j], tau_force_rest_ms[j], tau_force_active_ms[j],
                fatigability_per_ms[j], tetanic_force_mN[j], mechanical_factor, k)
            state[0, j] = calcium
            state[1, j] = force_norm
            state[2, j] = potentiation
            state[3, j] = metabolite
            force_mN[step, j // n_unit] += force


def _muscle_force(model: MotorPoolModel, neuron: np.ndarray, arrival_ms: np.ndarray,
                  n_steps: int) -> np.ndarray:
    """Whole-muscle force (mN) at the end of each 1 ms step, [step, person]."""
    n_total = model.n_person * model.n_unit
    flat = {key: np.ascontiguousarray(a).reshape(n_total) for key, a in model.muscle_arrays.items()}
    state = np.zeros((4, n_total))
    force = np.zeros((n_steps, model.n_person))
    step_of = np.floor(arrival_ms / MUSCLE_DT_MS).astype(np.int64)
    for first in range(0, n_steps, CHUNKS_PER_BLOCK * 5):
        last = min(first + CHUNKS_PER_BLOCK * 5, n_steps)
        inside = (step_of >= first) & (step_of < last)
        arrivals = np.zeros((last - first, n_total))
        np.add.at(arrivals, (step_of[inside] - first, neuron[inside]), 1.0)
        _step_muscle(arrivals, state, flat["calcium_decay_half"], flat["tau_force_rest_ms"],
                     flat["tau_force_active_ms"], flat["fatigability_per_ms"],
                     flat["tetanic_force_mN"], model.mechanical_factor, model.muscle_constants,
                     model.n_person, force[first:last])
    return force


def simulate_pool(model: MotorPoolModel, duration_ms: float, *, seed: int = 0,
                  progress: Callable[[float, float], None] | None = None,
                  with_emg: bool = True) -> xr.Dataset:
    """Run the batch from rest for ``duration_ms``; return command, force, EMG and spikes.

    ``with_emg=False`` leaves the surface EMG out (its stage is the only one nothing else needs).
    """
    if not (math.isfinite(duration_ms) and 0.0 < duration_ms <= MAX_DURATION_MS):
        raise KrampInputError(
            f"`duration` must be in (0, {MAX_DURATION_MS / 1e3:g}] s, got {duration_ms / 1e3:g} s",
            field="duration")
    n_chunks = max(1, round(duration_ms / CHUNK_MS))
    duration_ms = n_chunks * CHUNK_MS
    rngs = person_generators(seed, model.n_person)
    chunk_mid_ms = (np.arange(n_chunks) + 0.5) * CHUNK_MS
    voluntary = _voluntary_command(model, chunk_mid_ms)
    respiratory = _respiratory_activity(model, rngs, n_chunks)
    neuron, spike_ms = _motoneuron_spikes(model, voluntary + respiratory, rngs, progress,
                                          duration_ms)
    arrival_ms = spike_ms + model.arrival_delay_ms.reshape(-1)[neuron]
    n_steps = round(duration_ms / MUSCLE_DT_MS)
    force = _muscle_force(model, neuron, arrival_ms, n_steps)
    emg_signal, emg_props = (_surface_emg(model, neuron, arrival_ms, duration_ms, rngs) if with_emg
                             else (None, None))
    return _pool_dataset(model, seed, duration_ms, voluntary, respiratory, force, neuron,
                         spike_ms, emg_signal, emg_props)


def _surface_emg(model: MotorPoolModel, neuron, arrival_ms, duration_ms, rngs):
    rate = float(model.values["emg"]["sampling_rate"][0])
    signals, amplitudes, widths = [], [], []
    for p in range(model.n_person):
        settings = model.person("emg", p)
        depth = emg.unit_depths(rngs[p], model.n_unit, settings)
        amplitude, width = emg.unit_muaps(model.twitch_force_mN[p], depth, settings)
        own = (neuron // model.n_unit) == p
        signals.append(emg.surface_emg(arrival_ms[own], neuron[own] % model.n_unit, amplitude,
                                       width, duration_ms, rate))
        amplitudes.append(amplitude)
        widths.append(width)
    return np.stack(signals, axis=1), (rate, np.stack(amplitudes), np.stack(widths))


def _pool_dataset(model, seed, duration_ms, voluntary, respiratory, force, neuron, spike_ms,
                  emg_signal, emg_props) -> xr.Dataset:
    order = np.lexsort((spike_ms, neuron))
    neuron, spike_ms = neuron[order], spike_ms[order]
    time_ms = np.arange(force.shape[0] + 1) * MUSCLE_DT_MS
    # the command of each 1 ms chunk, shown at the chunk's end like the force
    command = np.vstack([np.zeros((1, model.n_person)), voluntary])
    inspiratory = np.vstack([np.zeros((1, model.n_person)), respiratory])
    per_unit = ("person", "unit")
    data_vars = {
        "command": (("time", "person"), command,
                    {"units": "1", "long_name": "voluntary command (fraction of maximal drive)"}),
        "inspiratory_command": (("time", "person"), inspiratory,
                                {"units": "1",
                                 "long_name": "brainstem inspiratory command (fraction of "
                                              "maximal drive)"}),
        "force_mN": (("time", "person"), np.vstack([np.zeros((1, model.n_person)), force]),
                     {"units": "mN", "long_name": "muscle force"}),
        "spike_time_ms": ("spike", spike_ms,
                          {"units": "ms", "long_name": "motoneuron spike time (soma)"}),
        "spike_person": ("spike", neuron // model.n_unit, {"long_name": "person of the spike"}),
        "spike_unit": ("spike", neuron % model.n_unit, {"long_name": "unit of the spike"}),
        "twitch_force_mN": (per_unit, model.twitch_force_mN,
                            {"units": "mN", "long_name": "peak twitch force of each unit"}),
        "contraction_time_ms": (per_unit, model.contraction_time_ms,
                                {"units": "ms", "long_name": "twitch contraction time"}),
        "arrival_delay_ms": (per_unit, model.arrival_delay_ms,
                             {"units": "ms", "long_name": "axon conduction + junction delay"}),
    }
    for table in COMPONENTS:
        for param in table:
            data_vars[f"{table.component}.{param.name}"] = (
                "person", np.asarray(model.values[table.component][param.name]),
                {"units": param.unit, "long_name": param.meaning, "source": param.source})
    coords = {
        "person": np.arange(model.n_person),
        "unit": np.arange(model.n_unit),
        "time_ms": ("time", time_ms, {"units": "ms"}),
    }
    if emg_signal is not None:
        rate, amplitude, width = emg_props
        coords["emg_time_ms"] = ("emg_time", np.arange(emg_signal.shape[0]) * 1e3 / rate,
                                 {"units": "ms"})
        data_vars["emg_mV"] = (("emg_time", "person"), emg_signal,
                               {"units": "mV", "long_name": "surface EMG"})
        data_vars["muap_amplitude_mV"] = (per_unit, amplitude,
                                          {"units": "mV", "long_name": "surface MUAP amplitude"})
        data_vars["muap_width_ms"] = (per_unit, width,
                                      {"units": "ms", "long_name": "MUAP time scale λ"})
    attrs = {
        "kramp_version": kramp.__version__,
        "model": "motor_pool",
        "seed": int(seed),
        "dt_ms": model.dt_ms,
        "duration_ms": float(duration_ms),
        "muscle_dt_ms": MUSCLE_DT_MS,
    }
    return xr.Dataset(data_vars, coords=coords, attrs=attrs)
