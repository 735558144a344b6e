"""The simulation loop: every component of every person, stepped together, one exchange interval
at a time; recorders observe; the result is a labelled ``xarray.Dataset`` and the final State.

One interval (the schedule, as in ``mj_step`` or Brian2's network):

1. for each component in signal order: collect its inputs — the events its event lines deliver
   before the interval ends, the samples its signal lines hold for the interval — advance it
   through the interval, and send its event outputs into their lines;
2. keep the samples that delayed signal lines will need;
3. hand the outputs and the probes' samples to the recorders.

Intervals lie on a fixed grid of the exchange interval from t = 0, so a run resumed from a saved
State steps exactly as the run it continues. Recording never changes what is computed: probes
only read state inside the kernels.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numba
import numpy as np
import xarray as xr

import kramp
from kramp.engine.component import Component, Interval, Probe, divides, steps_of
from kramp.engine.lines import Events, merged
from kramp.engine.network import Model, State, initial_state, line_key
from kramp.errors import KrampInputError

MAX_DURATION_MS = 3.6e6
# Below this many elements in its largest component a network's interval is too little work to
# share between threads: starting them costs more than it saves (a 300-unit calf runs slower on
# two threads than on one), and far more when another process holds a core; 1,000 membranes
# already run about twice as fast on two.
PARALLEL_MIN_ELEMENTS = 1000

Progress = Callable[[float, float], None]


@dataclass(frozen=True)
class Record:
    """Record state variable ``path`` (``component.variable``) every ``interval_ms``.

    ``elements`` chooses elements (units, neurons) of every person (None: all). ``name`` is the
    Dataset variable (default: the path) and ``time_dim`` its time dimension (default
    ``<path>.time``).
    """

    path: str
    interval_ms: float
    elements: tuple[int, ...] | None = None
    name: str | None = None
    time_dim: str | None = None


def check_duration(model: Model, duration_ms: float) -> int:
    """The number of dt steps of ``duration_ms``, which must be a whole number of the model's
    base clock (every component then ends the run on one of its own steps)."""
    if not (math.isfinite(duration_ms) and 0.0 < duration_ms <= MAX_DURATION_MS):
        raise KrampInputError(
            f"`duration` must be in (0, {MAX_DURATION_MS / 1e3:g}] s, got {duration_ms / 1e3:g} s",
            field="duration")
    if not divides(model.base_ms, duration_ms):
        raise KrampInputError(
            f"`duration` must be a whole number of {model.base_ms:g} ms (the step every "
            f"component of '{model.kind}' shares), got {duration_ms:g} ms", field="duration")
    return steps_of(duration_ms, model.dt_ms)


def intervals(model: Model, first_step: int, n_steps: int) -> Iterator[Interval]:
    """The exchange intervals from ``first_step`` for ``n_steps``, on the grid from t = 0."""
    size = steps_of(model.exchange_ms, model.dt_ms)
    step, end = first_step, first_step + n_steps
    while step < end:
        stop = min((step // size + 1) * size, end)
        yield Interval(step, stop - step, model.dt_ms)
        step = stop


@contextmanager
def _threads(model: Model) -> Iterator[None]:
    threads = numba.get_num_threads()
    if model.largest_component < PARALLEL_MIN_ELEMENTS:
        numba.set_num_threads(1)
    try:
        yield
    finally:
        numba.set_num_threads(threads)


@dataclass(frozen=True)
class _Plan:
    """How one Record is read from its component's probe."""

    record: Record
    component: str
    rows: np.ndarray  # rows of the probe's samples
    columns: np.ndarray  # columns of the probe's samples, person-major
    elements: np.ndarray
    every: int  # in steps of the component's clock


def plan_records(model: Model, records: Sequence[Record]) -> tuple[dict[str, Probe],
                                                                    list[_Plan]]:
    """One Probe per recorded component (the union of its records) and each record's plan.

    Unknown variables, intervals off the component's clock and elements out of range are
    refused with a message naming the recording.
    """
    by_component: dict[str, list[tuple[Record, int, int, np.ndarray]]] = defaultdict(list)
    for record in records:
        field = f"recording.{record.path}"
        name, _, variable = record.path.partition(".")
        try:
            component = model.component(name)
            row = [v.name for v in component.variables].index(variable)
        except (KeyError, ValueError):
            known = [f"{c.name}.{v.name}" for c in model.components for v in c.variables]
            raise KrampInputError(f"unknown variable `{record.path}` to record; known: "
                                  f"{', '.join(known)}", field=field) from None
        if not divides(component.step_ms, record.interval_ms):
            raise KrampInputError(
                f"`{field}.interval` must be a whole number of {component.step_ms:g} ms (the "
                f"step of `{name}`), got {record.interval_ms:g} ms", field=f"{field}.interval")
        elements = (np.arange(component.n_element) if record.elements is None
                    else np.asarray(record.elements, dtype=np.int64))
        if elements.size == 0 or elements.min() < 0 or elements.max() >= component.n_element:
            raise KrampInputError(
                f"`{field}.units` must be {component.element} indices in [0, "
                f"{component.n_element - 1}], got {list(record.elements or [])}",
                field=f"{field}.units")
        every = steps_of(record.interval_ms, component.step_ms)
        by_component[name].append((record, row, every, elements))
    probes, plans = {}, []
    for name, wanted in by_component.items():
        component = model.component(name)
        rows = np.array(sorted({row for _, row, _, _ in wanted}), dtype=np.int64)
        chosen = np.array(sorted({int(e) for *_, elements in wanted for e in elements}),
                          dtype=np.int64)
        every = math.gcd(*(every for _, _, every, _ in wanted))
        slot = np.full(component.n_person * component.n_element, -1, dtype=np.int64)
        for p in range(component.n_person):
            slot[p * component.n_element + chosen] = p * chosen.size + np.arange(chosen.size)
        probes[name] = Probe(rows, slot, every)
        for record, row, record_every, elements in wanted:
            position = np.searchsorted(chosen, elements)
            columns = (np.arange(component.n_person)[:, None] * chosen.size
                       + position[None, :]).reshape(-1)
            plans.append(_Plan(record, name, np.array([np.searchsorted(rows, row)]), columns,
                               elements, record_every))
    return probes, plans


class _Collector:
    """What the recorders keep while a run goes on."""

    def __init__(self, model: Model, plans: Sequence[_Plan], probes: dict[str, Probe]):
        self.model = model
        self.plans = plans
        self.probes = probes
        # each component's recorded outputs (port, path), looked up once, not every interval
        self.recorded_ports = {
            component.name: tuple((port.name, f"{component.name}.{port.name}")
                                  for port in component.outputs
                                  if f"{component.name}.{port.name}" in model.recorded)
            for component in model.components}
        self.events: dict[str, list[Events]] = defaultdict(list)
        self.signals: dict[str, list[np.ndarray]] = defaultdict(list)
        # the intervals of each signal's samples and how many each made: their times are
        # worked out once, at the end
        self.signal_intervals: dict[str, list[tuple[Interval, int]]] = defaultdict(list)
        self.samples: dict[str, list[np.ndarray]] = defaultdict(list)
        self.sample_steps: dict[str, list[np.ndarray]] = defaultdict(list)

    def start(self, state: State) -> None:
        """The state-variable samples at the run's first instant, where it lies on their grid."""
        for name, probe in self.probes.items():
            component = self.model.component(name)
            step = state.step // steps_of(component.step_ms, self.model.dt_ms)
            if step % probe.every == 0:
                packed = state.components[name]["variables"]
                self.samples[name].append(probe.sample(packed)[None])
                self.sample_steps[name].append(np.array([step]))

    def add(self, component: Component, outputs, samples, interval: Interval) -> None:
        name = component.name
        for port, path in self.recorded_ports[name]:
            if port not in outputs:
                continue
            value = outputs[port]
            if isinstance(value, Events):
                self.events[path].append(value)
            else:
                self.signals[path].append(value)
                self.signal_intervals[path].append((interval, value.shape[0]))
        if samples is not None and samples.shape[0]:
            probe = self.probes[name]
            clock = steps_of(component.step_ms, self.model.dt_ms)
            first = interval.first_step // clock
            steps = first - probe.phase + (np.arange(samples.shape[0]) + 1) * probe.every
            self.samples[name].append(samples)
            self.sample_steps[name].append(steps)

    def dataset(self, state_start: int, n_steps: int) -> xr.Dataset:
        model = self.model
        data_vars, coords = {}, {"person": np.arange(model.n_person), **model.coords}
        event_outputs = [p for p in model.recorded
                         if model.component(p.split(".")[0]).port(p.split(".", 1)[1]).kind
                         == "events"]
        for path in model.recorded:
            name, port = path.split(".", 1)
            component = model.component(name)
            if path in event_outputs:
                # the first recorded spikes are the run's ``spike_*``; others carry their path
                prefix = "" if path == event_outputs[0] else f"{path}."
                data_vars.update(_spike_variables(Events.concatenate(self.events[path]),
                                                  component, prefix))
                continue
            out = component.recorded(port)
            values = (np.concatenate(self.signals[path]) if self.signals[path]
                      else np.zeros((0, model.n_person, component.output_width(port))))
            times = self._signal_times(component, path)
            coords[f"{out.time_dim}_ms"] = (out.time_dim, times, {"units": "ms"})
            attrs = {"units": component.port(port).unit,
                     "long_name": component.port(port).meaning}
            if out.axis is None:
                data_vars[out.variable] = ((out.time_dim, "person"), values[:, :, 0], attrs)
            else:
                data_vars[out.variable] = ((out.time_dim, "person", out.axis[0]), values, attrs)
        for plan in self.plans:
            data_vars.update(self._record_variable(plan, coords))
        for component in model.components:
            data_vars.update(component.labels())
        for table in model.tables:
            for param in table:
                values = np.asarray(model.parameters[table.component][param.name])
                dims = ("person", "unit")[:values.ndim]
                data_vars[f"{table.component}.{param.name}"] = (
                    dims, values, {"units": param.unit, "long_name": param.meaning,
                                   "source": param.source})
        attrs = {
            "kramp_version": kramp.__version__,
            "model": model.kind,
            "seed": int(model.seed),
            "trial": int(model.trial),
            "dt_ms": model.dt_ms,
            "exchange_ms": model.exchange_ms,
            "start_ms": state_start * model.dt_ms,
            "duration_ms": n_steps * model.dt_ms,
        }
        return xr.Dataset(data_vars, coords=coords, attrs=attrs)

    def _signal_times(self, component: Component, path: str) -> np.ndarray:
        """The times of signal ``path``'s samples, interval after interval."""
        made = self.signal_intervals[path]
        if not component.clocked:
            return np.concatenate([component.sample_times_ms(interval) for interval, _ in made]
                                  or [np.zeros(0)])
        # sample k of an interval lies k + 1 steps after its start: for all samples at once,
        # the same sums as interval by interval
        counts = np.array([n_samples for _, n_samples in made], dtype=np.int64)
        starts = np.array([interval.start_ms for interval, _ in made], dtype=float)
        within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return np.repeat(starts, counts) + (within + 1) * component.step_ms

    def _record_variable(self, plan: _Plan, coords: dict) -> dict:
        component = self.model.component(plan.component)
        variable = component.variables[int(self.probes[plan.component].rows[plan.rows[0]])]
        if self.samples[plan.component]:
            samples = np.concatenate(self.samples[plan.component])
            steps = np.concatenate(self.sample_steps[plan.component])
        else:
            samples = np.zeros((0, 1, 1))
            steps = np.zeros(0, dtype=np.int64)
        keep = steps % plan.every == 0
        values = samples[keep][:, plan.rows[0]][:, plan.columns]
        values = values.reshape(-1, component.n_person, plan.elements.size)
        name = plan.record.name or plan.record.path
        time_dim = plan.record.time_dim or f"{plan.record.path}.time"
        if plan.record.elements is None:
            element_dim = component.element
        else:
            element_dim = f"{plan.record.path}.{component.element}"
            coords[element_dim] = (element_dim, plan.elements)
        coords[f"{time_dim}_ms"] = (time_dim, steps[keep] * component.step_ms, {"units": "ms"})
        return {name: ((time_dim, "person", element_dim), values,
                       {"units": variable.unit, "long_name": variable.meaning})}


def _spike_variables(events: Events, component, prefix: str = "") -> dict:
    owner = events.person * component.n_element + events.element
    order = np.lexsort((events.time_ms, owner))  # by neuron, then time
    dim = f"{prefix}spike"
    return {
        f"{prefix}spike_time_ms": (dim, events.time_ms[order],
                                   {"units": "ms",
                                    "long_name": "spike time (upward threshold crossing)"}),
        f"{prefix}spike_person": (dim, events.person[order],
                                  {"long_name": "person of the spike"}),
        f"{prefix}spike_unit": (dim, events.element[order],
                                {"long_name": f"{component.element} of the spike"}),
    }


def join_results(parts: Sequence[xr.Dataset]) -> xr.Dataset:
    """The Results of consecutive runs, each continuing the last one's State, as the Result of
    one run through them all: what was recorded over time (time series, spikes) end to end, the
    rest (parameter values, labels, attributes) as the first part holds it, as a run's Result
    holds its first model's. Spikes are in a run's order (by neuron, then time), and a sample the
    next part records again at its first instant is kept once."""
    joined = parts[0].copy()
    timed = [dim for dim in joined.dims if f"{dim}_ms" in joined.coords]
    spiking = [dim for dim in joined.dims if str(dim).endswith("spike")]
    for dim in [*timed, *spiking]:
        names = [name for name, variable in joined.variables.items() if dim in variable.dims]
        chunks, last_ms = [], -np.inf
        for part in parts:
            chunk = part[names]
            if dim in timed:
                chunk = chunk.isel({dim: chunk[f"{dim}_ms"].values > last_ms})
                if chunk.sizes[dim]:
                    last_ms = float(chunk[f"{dim}_ms"].values[-1])
            chunks.append(chunk)
        together = xr.concat(chunks, dim, data_vars="minimal", coords="minimal",
                             compat="override", join="override")
        if dim in spiking:
            prefix = str(dim)[:-len("spike")]
            together = together.isel({dim: np.lexsort((
                together[f"{prefix}spike_time_ms"].values, together[f"{prefix}spike_unit"].values,
                together[f"{prefix}spike_person"].values))})
        joined = joined.drop_vars(names).merge(together)
    joined.attrs["duration_ms"] = sum(part.attrs["duration_ms"] for part in parts)
    return joined


def advance_interval(model: Model, state: State, interval: Interval,
                     probes: dict[str, Probe], collector: _Collector | None,
                     backend: str) -> None:
    """Step every component through ``interval`` (the module doc's schedule), in place."""
    fresh = {}
    for route in model.routes:
        component = route.component
        inputs: dict[str, object] = {}
        # a fanning-out line's spikes reach the target unspread (``lines.Fanned``), unless
        # another line feeds the same port and their events are merged
        for line, key, port in route.event_inputs:
            due, state.waiting[key] = line.deliver_unspread(state.waiting[key], interval.end_ms)
            inputs[port] = merged(inputs[port], due) if port in inputs else due
        for line, key, port in route.signal_inputs:
            inputs[port] = line.read(state.history[key], fresh.get(line.source),
                                     interval.substeps(line.step_ms))
        probe = probes.get(component.name)
        if probe is not None:
            clock = steps_of(component.step_ms, model.dt_ms)
            probe = replace(probe, phase=(interval.first_step // clock) % probe.every)
        outputs, samples = component.advance(state.components[component.name], inputs,
                                             interval, state.streams, probe, backend)
        for port, value in outputs.items():
            fresh[f"{component.name}.{port}"] = value
        for line, key, port in route.event_outputs:
            state.waiting[key] = line.send(state.waiting[key], outputs[port])
        if collector is not None:
            collector.add(component, outputs, samples, interval)
    for line in model.signal_lines:
        state.history[line_key(line)] = line.keep(state.history[line_key(line)],
                                                  fresh[line.source])
    state.step += interval.n_steps


class Simulation:
    """A Model with its current State (OpenMM's Context): ``run`` advances it and returns what
    the recorders saw; ``state`` is a copy of where it stands, to save or to resume from."""

    def __init__(self, model: Model, state: State | None = None):
        self.model = model
        if state is not None:
            check_compatible(model, state.signature)
        self._state = initial_state(model) if state is None else state.copy()

    @property
    def state(self) -> State:
        return self._state.copy()

    def run(self, duration_ms: float, *, records: Sequence[Record] = (),
            schedule: Sequence[tuple[float, Model]] = (), progress: Progress | None = None,
            backend: str = "numba") -> xr.Dataset:
        """Advance by ``duration_ms``; return the Result of that stretch (see ``simulate``).

        ``schedule`` lists (time in ms, Model): from that time on the run continues with that
        Model — the same network with other parameter values, a protocol's step. Each time must
        lie inside the stretch, on the model's base clock, in order.
        """
        if backend not in ("numba", "numpy"):
            raise KrampInputError(f"`backend` must be one of numba, numpy, got {backend!r}",
                                  field="backend")
        n_steps = check_duration(self.model, duration_ms)
        probes, plans = plan_records(self.model, records)
        state = self._state.copy()
        start, end = state.step, state.step + n_steps
        segments = _segments(self.model, start, end, schedule)
        collector = _Collector(self.model, plans, probes)
        collector.start(state)
        with _threads(self.model):
            # the segments' models share one network (checked), so the collector's labels hold
            for model, first, last in segments:
                for interval in intervals(model, first, last - first):
                    advance_interval(model, state, interval, probes, collector, backend)
                    if progress is not None:
                        progress((state.step - start) * model.dt_ms, n_steps * model.dt_ms)
        self.model = segments[-1][0]
        self._state = state
        return collector.dataset(start, n_steps)


def _segments(model: Model, start: int, end: int, schedule: Sequence[tuple[float, Model]]
              ) -> list[tuple[Model, int, int]]:
    """(model, first step, end step) of each stretch between the schedule's changes."""
    segments, current, first = [], model, start
    for at_ms, changed in schedule:
        step = steps_of(at_ms, model.dt_ms)
        if not (start < step < end and divides(model.base_ms, at_ms) and step >= first):
            raise KrampInputError(
                f"a protocol step at {at_ms / 1e3:g} s must lie inside the run "
                f"({start * model.dt_ms / 1e3:g}–{end * model.dt_ms / 1e3:g} s), in time order, "
                f"on the {model.base_ms:g} ms clock", field="protocol.at")
        check_compatible(changed, current.signature(), "protocol step's model")
        segments.append((current, first, step))
        current, first = changed, step
    segments.append((current, first, end))
    return segments


def check_compatible(model: Model, signature: dict, what: str = "state") -> None:
    """Refuse to run ``model`` from a State (or after a Model) of another network."""
    mine = model.signature()
    if mine != signature:
        differ = sorted(key for key in {*mine, *signature} if mine.get(key) != signature.get(key))
        raise KrampInputError(
            f"the {what} belongs to another network ({', '.join(differ)} differ); allowed: a "
            f"state made by the same scenario, muscles, people, time step and seed",
            field=what)


def simulate(model: Model, duration_ms: float, *, state: State | None = None,
             records: Sequence[Record] = (), progress: Progress | None = None,
             backend: str = "numba") -> xr.Dataset:
    """Run ``model`` for ``duration_ms`` from ``state`` (None: from rest at t = 0).

    Returns the Result: the model's recorded outputs over (start, end] (spikes, commands,
    force, EMG), the recorded state variables (each from its first sample at or after the
    start), every parameter and static label, with units, seed and kramp version. ``state`` is
    not changed; ``Simulation`` keeps the final State for a later call.
    """
    return Simulation(model, state).run(duration_ms, records=records, progress=progress,
                                        backend=backend)
