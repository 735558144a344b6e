"""The shape every component of a person has, and the engine's clock.

A component is one physiological part of a person that the engine steps together with the
others: the descending drive, the respiratory rhythm, the motoneuron pool, the muscle fibres, the
surface EMG, a patch of squid membrane. Each declares, by name and with units:

* ``variables``: its state (:class:`kramp.params.Variable`). Each variable is an array
  ``[person, element]`` and the component's whole state one packed array
  ``[variable, person, element]`` in the declaration's order; kernels index it through
  ``kramp.params.variable_rows`` of the same declaration, so rows are numbered in one place.
  Components may also keep ``buffers``: state that is not a physiological variable (samples of a
  signal already under way), saved and resumed with the rest but not offered to recorders;
* ``inputs`` and ``outputs``: ports (:class:`kramp.params.Port`) that the Model's lines join,
  carrying events or signals sampled on the component's own clock, ``step_ms`` (an events
  input fed by one fanning-out line receives its spikes unspread: ``kramp.engine.lines.Fanned``);
* the parameter tables it reads.

A compiled component is the static part of a Model: it holds arrays over persons and elements,
never changes, and has ``initial_state`` and ``advance``; ``advance`` moves the state through one
exchange interval in place (the engine gives it a copy) and returns the outputs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from kramp.params import Port, Variable


@dataclass(frozen=True)
class Interval:
    """One exchange interval: ``n_steps`` steps of dt from step ``first_step`` (t = step·dt)."""

    first_step: int
    n_steps: int
    dt_ms: float

    @property
    def start_ms(self) -> float:
        return self.first_step * self.dt_ms

    @property
    def end_ms(self) -> float:
        return (self.first_step + self.n_steps) * self.dt_ms

    def substeps(self, step_ms: float) -> int:
        """How many steps of a clock of ``step_ms`` (a whole number of dt) the interval holds."""
        return self.n_steps // steps_of(step_ms, self.dt_ms)


def steps_of(duration_ms: float, dt_ms: float) -> int:
    """``duration_ms`` in whole steps of ``dt_ms`` (the caller has checked that it divides)."""
    return round(duration_ms / dt_ms)


def divides(step_ms: float, interval_ms: float) -> bool:
    """Whether ``interval_ms`` is a whole number (≥ 1) of ``step_ms``, to within rounding."""
    n = round(interval_ms / step_ms)
    return n >= 1 and abs(n * step_ms - interval_ms) <= 1e-9 * max(1.0, interval_ms)


@dataclass(frozen=True)
class Probe:
    """What a kernel records of its own state while it steps (a recorder's request).

    After every step k of the call with (phase + k + 1) divisible by ``every`` (steps of the
    component's clock; ``phase`` places the call on the run's clock), rows ``rows`` of the
    elements whose flat index j (person-major) has ``slot[j] ≥ 0`` are written to column
    ``slot[j]`` of the sample buffer ``[sample, row, column]``.
    """

    rows: np.ndarray
    slot: np.ndarray
    every: int
    phase: int = 0

    @property
    def n_columns(self) -> int:
        return int(self.slot.max()) + 1 if self.slot.size else 0

    def n_samples(self, n_steps: int) -> int:
        return (self.phase + n_steps) // self.every

    def buffer(self, n_steps: int) -> np.ndarray:
        return np.zeros((self.n_samples(n_steps), self.rows.size, self.n_columns))

    def due(self, step: int) -> bool:
        """Whether a sample is taken after step ``step`` of the call."""
        return (self.phase + step + 1) % self.every == 0

    def arguments(self) -> tuple[np.ndarray, np.ndarray, int, int]:
        return self.rows, self.slot, self.every, self.phase

    def sample(self, packed: np.ndarray) -> np.ndarray:
        """One sample ``[row, column]`` of a packed state ``[variable, person, element]``."""
        chosen = np.flatnonzero(self.slot >= 0)
        flat = packed.reshape(packed.shape[0], -1)
        sample = np.zeros((self.rows.size, self.n_columns))
        sample[:, self.slot[chosen]] = flat[self.rows][:, chosen]
        return sample

    @staticmethod
    def absent(n_elements: int) -> tuple[np.ndarray, np.ndarray, int, int]:
        """Kernel arguments that record nothing."""
        return np.zeros(0, dtype=np.int64), np.full(n_elements, -1, dtype=np.int64), 0, 0

    def stack(self, samples: list[np.ndarray]) -> np.ndarray:
        """Samples taken one by one, as the ``[sample, row, column]`` array a kernel fills."""
        return np.array(samples).reshape(len(samples), self.rows.size, self.n_columns)


@dataclass(frozen=True)
class Output:
    """How a signal output is recorded: the Dataset variable, its time dimension, and the label
    axis of its per-person values (None: one value per person)."""

    variable: str
    time_dim: str
    axis: tuple[str, Sequence[Any]] | None


class Component(ABC):
    """The compiled, static part of one component for a batch of ``n_person`` people.

    Subclasses set the class declarations and implement ``initial_state`` and ``advance``.
    """

    name: ClassVar[str]
    element: ClassVar[str]  # what one element of the state is ("unit", "neuron", ...)
    variables: ClassVar[tuple[Variable, ...]]
    buffers: ClassVar[tuple[str, ...]] = ()
    inputs: ClassVar[tuple[Port, ...]] = ()
    outputs: ClassVar[tuple[Port, ...]] = ()
    # Purposes (kramp.engine.streams) of the random streams the component draws from while it
    # runs; their generators are part of the State.
    streams: ClassVar[tuple[str, ...]] = ()
    # Whether ``step_ms`` is an integration clock on the grid of dt that exchange intervals
    # must hold whole (False for a sampler with its own rate, such as the surface EMG).
    clocked: ClassVar[bool] = True

    n_person: int
    n_element: int
    step_ms: float

    @classmethod
    def port(cls, name: str) -> Port:
        return next(port for port in (*cls.inputs, *cls.outputs) if port.name == name)

    def output_width(self, port: str) -> int:
        """Values per person in each sample of signal output ``port`` (default: one per
        element)."""
        del port
        return self.n_element

    def recorded(self, port: str) -> Output:
        """How signal output ``port`` appears in a Result (components override)."""
        return Output(f"{self.name}.{port}", f"{self.name}.time", None)

    def labels(self) -> Mapping[str, tuple]:
        """Static arrays worth keeping in a Result, as Dataset variables ``(dims, values,
        attrs)`` (each unit's muscle, twitch force, MUAP)."""
        return {}

    @abstractmethod
    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        """``{"variables": [variable, person, element], <buffer>: array, ...}`` at t = 0."""

    @abstractmethod
    def advance(self, state: dict[str, np.ndarray], inputs: Mapping[str, Any],
                interval: Interval, streams: Mapping[str, list], probe: Probe | None,
                backend: str) -> tuple[dict[str, Any], np.ndarray | None]:
        """Move ``state`` through ``interval`` in place; return (outputs, probe samples)."""
