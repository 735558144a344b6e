"""A person's network as a static Model, and the dynamic State it runs from.

The Model (MuJoCo's ``mjModel``, OpenMM's ``System``) is built once and never changes: the
compiled components in signal order, the lines that join their ports, the time step, the
exchange interval and the parameter arrays over persons. The State (``mjData``, OpenMM's
``State``) is everything a run changes: the clock, each component's variables and buffers, the
events waiting in delay lines, the recent samples of delayed signal lines, and the random
streams that run during a simulation. A State can be copied, saved and resumed.

**The exchange interval.** Components step in signal order, each through a whole exchange
interval, and hand their outputs to the lines. A line into a component that steps *later*
(downstream) may have any delay: its events and samples are there when the target steps. A line
into a component that steps *earlier or itself* (a loop back towards the cord) must have a delay
of at least one exchange interval, so that what it delivers was made in an interval already
finished (the min-delay scheme of NEST and Arbor). The engine takes the largest interval that
keeps this true — never above ``EXCHANGE_MAX_MS`` — on the grid of every component's clock, and
refuses a network with a loop shorter than that grid, naming the line. Since events keep their
exact times and signals their own clocks, a run's result does not depend on the interval chosen.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from kramp.engine import streams
from kramp.engine.component import Component, divides, steps_of
from kramp.engine.lines import EventLine, Events, SignalLine
from kramp.errors import KrampInputError
from kramp.params import ParameterTable

# The longest exchange interval: short enough for a progress bar and a small memory footprint
# per interval, long enough that the per-interval cost is a few per cent of the stepping.
EXCHANGE_MAX_MS = 20.0


@dataclass(frozen=True, eq=False)
class Model:
    """What is simulated for a batch of ``n_person`` people (see the module doc).

    ``parameters[component][name]`` holds every table's values, ``[person]`` (or
    ``[person, unit]`` for single-membrane models), in the table's declared unit; ``tables`` are
    the tables a scenario may set. ``recorded`` names the outputs a run records by default
    (``"fibre.force"``); ``coords`` labels shared axes (``muscle``); ``structure`` is what a
    saved State must agree with to be resumed.
    """

    kind: str
    dt_ms: float
    exchange_ms: float
    base_ms: float
    n_person: int
    seed: int
    tables: tuple[ParameterTable, ...]
    parameters: Mapping[str, Mapping[str, np.ndarray]]
    components: tuple[Component, ...]
    event_lines: tuple[EventLine, ...]
    signal_lines: tuple[SignalLine, ...]
    recorded: tuple[str, ...]
    coords: Mapping[str, Any] = field(default_factory=dict)
    structure: Mapping[str, Any] = field(default_factory=dict)
    # the repetition of the experiment: new running noise, the same people (kramp.engine.streams)
    trial: int = 0

    def component(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        raise KeyError(name)

    def parameter(self, path: str) -> np.ndarray:
        component, name = path.split(".", 1)
        return self.parameters[component][name]

    def signature(self) -> dict[str, Any]:
        """What a State made by this Model fits: the network's shape, clock, people and seed."""
        return {
            "kind": self.kind,
            "dt_ms": self.dt_ms,
            "n_person": self.n_person,
            "seed": self.seed,
            "components": {c.name: c.n_element for c in self.components},
            "lines": sorted(line_key(line) for line in (*self.event_lines, *self.signal_lines)),
            **self.structure,
        }

    @cached_property
    def routes(self) -> tuple[Route, ...]:
        """Each component's lines, in signal order, with their keys and ports split out once
        (the loop looks them up in every exchange interval)."""
        def lines_at(lines, end: str, name: str) -> tuple:
            ends = [getattr(line, end).split(".", 1) for line in lines]
            return tuple((line, line_key(line), port)
                         for line, (component, port) in zip(lines, ends, strict=True)
                         if component == name)

        return tuple(Route(c, lines_at(self.event_lines, "target", c.name),
                           lines_at(self.signal_lines, "target", c.name),
                           lines_at(self.event_lines, "source", c.name))
                     for c in self.components)

    @property
    def largest_component(self) -> int:
        """Elements (over all people) of the largest component: the batch's unit of work."""
        return max(c.n_person * c.n_element for c in self.components)


@dataclass(frozen=True)
class Route:
    """The lines into and out of one component, each as (line, its key, the port it joins at
    this component's end)."""

    component: Component
    event_inputs: tuple[tuple[EventLine, str, str], ...]
    signal_inputs: tuple[tuple[SignalLine, str, str], ...]
    event_outputs: tuple[tuple[EventLine, str, str], ...]


def line_key(line: EventLine | SignalLine) -> str:
    return f"{line.source}->{line.target}"


def _port(components: Mapping[str, Component], path: str, direction: str):
    name, port = path.split(".", 1)
    ports = components[name].outputs if direction == "output" else components[name].inputs
    for declared in ports:
        if declared.name == port:
            return declared
    raise ValueError(f"{path} is not an {direction} of component {name}")


def exchange_interval(components: Sequence[Component], event_lines: Sequence[EventLine],
                      signal_lines: Sequence[SignalLine], dt_ms: float,
                      ) -> tuple[float, float]:
    """(exchange interval, base clock) in ms for components in signal order (module doc).

    Refuses a dt that does not divide a component's clock, and a loop whose delay is shorter
    than the base clock, each with a message naming what clashes.
    """
    clocked = [c for c in components if c.clocked]
    for component in clocked:
        if not divides(dt_ms, component.step_ms):
            raise KrampInputError(
                f"`dt` = {dt_ms:g} ms must divide the {component.step_ms:g} ms step of "
                f"component `{component.name}`; allowed: a dt that divides every component's "
                f"step and the exchange interval", field="dt")
    base_steps = math.lcm(*(steps_of(c.step_ms, dt_ms) for c in clocked))
    base_ms = base_steps * dt_ms
    position = {c.name: k for k, c in enumerate(components)}
    loops = [(line.delay_ms if isinstance(line, SignalLine) else line.shortest_delay_ms, line)
             for line in (*event_lines, *signal_lines)
             if position[line.target.split(".")[0]] <= position[line.source.split(".")[0]]]
    limit = min([EXCHANGE_MAX_MS, *(delay for delay, _ in loops)])
    if limit < base_ms:
        delay, line = min(loops, key=lambda item: item[0])
        raise KrampInputError(
            f"line {line.source} → {line.target} closes a loop with a delay of {delay:g} ms, "
            f"shorter than the {base_ms:g} ms clock the network exchanges on; allowed: loop "
            f"delays ≥ {base_ms:g} ms", field=f"{line.source}->{line.target}")
    return math.floor(limit / base_ms + 1e-9) * base_ms, base_ms


def check_lines(components: Mapping[str, Component], event_lines: Sequence[EventLine],
                signal_lines: Sequence[SignalLine]) -> None:
    """Every line joins an output to an input of the same kind (a programming error if not)."""
    for lines, kind in ((event_lines, "events"), (signal_lines, "signal")):
        for line in lines:
            for path, direction in ((line.source, "output"), (line.target, "input")):
                if _port(components, path, direction).kind != kind:
                    raise ValueError(f"{path} does not carry {kind}")


@dataclass(eq=False)
class State:
    """Everything a run changes, at step ``step`` of the clock (t = step·dt).

    ``components[name]`` holds ``"variables"`` (``[variable, person, element]``) and the
    component's buffers; ``waiting[line]`` the events in an event line; ``history[line]`` the
    samples a delayed signal line still holds; ``streams[purpose]`` one generator per person;
    ``signature`` the Model's (``Model.signature``) that it belongs to.
    """

    signature: dict[str, Any]
    step: int
    components: dict[str, dict[str, np.ndarray]]
    waiting: dict[str, Events]
    history: dict[str, np.ndarray]
    streams: dict[str, list[np.random.Generator]]

    def copy(self) -> State:
        return copy.deepcopy(self)


def initial_state(model: Model) -> State:
    """The State at t = 0: every component at rest, the lines empty, every stream at its
    start."""
    purposes = sorted({purpose for c in model.components for purpose in c.streams})
    history = {}
    for line in model.signal_lines:
        source = model.component(line.source.split(".")[0])
        width = source.output_width(line.source.split(".", 1)[1])
        history[line_key(line)] = np.zeros((line.delay_samples, model.n_person, width))
    return State(
        signature=model.signature(),
        step=0,
        components={c.name: c.initial_state(model.seed) for c in model.components},
        waiting={line_key(line): Events.none() for line in model.event_lines},
        history=history,
        streams={purpose: streams.generators(model.seed, model.n_person, purpose, model.trial)
                 for purpose in purposes},
    )


def read_only(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array)
    array.setflags(write=False)
    return array
