"""The kinds of model a scenario can name, and how each is built and run.

A kind lists the parameter tables a scenario may set (``[parameters.<component>]``), a ``build``
that compiles values into that kind's frozen Model, and a ``simulate`` that runs the Model and
returns the Result Dataset. The scenario layer only ever goes through this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import xarray as xr

from kramp.engine.membranes import MEMBRANES
from kramp.engine.model import build_model
from kramp.engine.pool import COMPONENTS as POOL_COMPONENTS
from kramp.engine.pool import build_pool, simulate_pool
from kramp.engine.recorders import SpikeRecorder, VoltageRecorder
from kramp.engine.simulate import Progress, simulate
from kramp.params import ParameterTable


@dataclass(frozen=True)
class Recording:
    """What a run records besides spikes: V every ``voltage_interval_ms`` (None: no V)."""

    voltage_interval_ms: float | None
    spike_threshold_mV: float = 0.0


@dataclass(frozen=True)
class ModelKind:
    name: str
    components: tuple[ParameterTable, ...]
    build: Callable[..., Any]
    simulate: Callable[..., xr.Dataset]

    def component(self, name: str) -> ParameterTable:
        for table in self.components:
            if table.component == name:
                return table
        raise KeyError(name)


def _simulate_membrane(model, duration_ms: float, *, seed: int, recording: Recording,
                       progress: Progress | None = None) -> xr.Dataset:
    voltage = (VoltageRecorder(recording.voltage_interval_ms)
               if recording.voltage_interval_ms is not None else None)
    return simulate(model, duration_ms, seed=seed, voltage=voltage,
                    spikes=SpikeRecorder(recording.spike_threshold_mV), progress=progress)


def _simulate_pool(model, duration_ms: float, *, seed: int, recording: Recording,
                   progress: Progress | None = None) -> xr.Dataset:
    # A pool records force, EMG, spikes and commands; membrane potentials are not kept.
    del recording
    return simulate_pool(model, duration_ms, seed=seed, progress=progress)


KINDS: dict[str, ModelKind] = {
    "hh_membrane": ModelKind(
        name="hh_membrane",
        components=MEMBRANES["hh_membrane"].components,
        build=partial(build_model, "hh_membrane"),
        simulate=_simulate_membrane,
    ),
    "motor_pool": ModelKind(
        name="motor_pool",
        components=POOL_COMPONENTS,
        build=build_pool,
        simulate=_simulate_pool,
    ),
}
