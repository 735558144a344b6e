"""A State as a labelled Dataset and back: what ``--save-state`` writes and ``--resume`` reads.

Every number of the State travels exactly (float64 arrays, the random generators' integer
states as JSON text), so a run resumed from a snapshot continues bit for bit as the run that
made it would have. The snapshot names the network it belongs to (``Model.signature``), the
kramp version and what its event lines' waiting events are (``WAITING_FORMAT``);
:func:`state_from_dataset` refuses one that does not fit.
"""

from __future__ import annotations

import json

import numpy as np
import xarray as xr

import kramp
from kramp.engine import streams
from kramp.engine.lines import Events
from kramp.engine.network import Model, State
from kramp.errors import KrampInputError

EVENT_FIELDS = ("time_ms", "person", "element", "weight", "stretch")
# What a fanning-out line's waiting events are: since kramp 0.1.0's engine keeps each spike once
# until it is delivered (``kramp.engine.lines``), a state saved by earlier code of the same version
# number, whose lines held the spread events, must not be read as spikes.
WAITING_FORMAT = "fan-out lines hold spikes"


def state_to_dataset(state: State) -> xr.Dataset:
    """The State as a Dataset: one variable per array, the clock and streams as attributes."""
    data_vars = {}
    for component, arrays in state.components.items():
        for key, array in arrays.items():
            dims = tuple(f"{component}.{key}.{axis}" for axis in range(array.ndim))
            data_vars[f"state.{component}.{key}"] = (dims, array)
    for line, events in state.waiting.items():
        for name in EVENT_FIELDS:
            data_vars[f"waiting.{line}.{name}"] = (f"waiting.{line}", getattr(events, name))
    for line, history in state.history.items():
        dims = tuple(f"history.{line}.{axis}" for axis in range(history.ndim))
        data_vars[f"history.{line}"] = (dims, history)
    attrs = {
        "kramp_version": kramp.__version__,
        "step": int(state.step),
        "signature": json.dumps(state.signature, sort_keys=True),
        "streams": streams.snapshot(state.streams),
        "waiting_format": WAITING_FORMAT,
    }
    return xr.Dataset(data_vars, attrs=attrs)


def state_from_dataset(dataset: xr.Dataset, model: Model, *, source: str = "state") -> State:
    """The State a snapshot holds, checked against ``model`` and this kramp version."""
    version = dataset.attrs.get("kramp_version")
    if version != kramp.__version__:
        raise KrampInputError(f"{source}: saved by kramp {version}, this is kramp "
                              f"{kramp.__version__}; allowed: a state saved by the same version",
                              field="--resume")
    if dataset.attrs.get("waiting_format") != WAITING_FORMAT:
        raise KrampInputError(f"{source}: saved by an earlier build of kramp {version}, whose "
                              f"fanning-out lines held spread events; allowed: a state saved by "
                              f"this build", field="--resume")
    try:
        signature = json.loads(dataset.attrs["signature"])
        step = int(dataset.attrs["step"])
        generators = streams.restore(dataset.attrs["streams"])
    except (KeyError, ValueError, TypeError) as error:
        raise KrampInputError(f"{source}: not a kramp state file ({error})",
                              field="--resume") from None
    if signature != json.loads(json.dumps(model.signature(), sort_keys=True)):
        mine = model.signature()
        differ = sorted(k for k in {*mine, *signature}
                        if json.dumps(mine.get(k)) != json.dumps(signature.get(k)))
        raise KrampInputError(
            f"{source}: the state belongs to another network ({', '.join(differ)} differ); "
            f"allowed: a state saved by the same scenario, muscles, people, dt and seed",
            field="--resume")
    components = {}
    for component in model.components:
        keys = ("variables", *component.buffers)
        components[component.name] = {
            key: np.array(dataset[f"state.{component.name}.{key}"].values) for key in keys}
        # a build of the same version with other state variables packs them in other rows
        saved = components[component.name]["variables"].shape[0]
        if saved != len(component.variables):
            raise KrampInputError(
                f"{source}: saved by an earlier build of kramp {version}, whose "
                f"{component.name} kept {saved} state variables where this build keeps "
                f"{len(component.variables)}; allowed: a state saved by this build",
                field="--resume")
    waiting = {}
    for name in [v[len("waiting."):-len(".time_ms")] for v in dataset.data_vars
                 if v.startswith("waiting.") and v.endswith(".time_ms")]:
        values = [np.array(dataset[f"waiting.{name}.{f}"].values) for f in EVENT_FIELDS]
        waiting[name] = Events(values[0], values[1].astype(np.int64),
                               values[2].astype(np.int64), values[3], values[4])
    history = {v[len("history."):]: np.array(dataset[v].values) for v in dataset.data_vars
               if v.startswith("history.")}
    return State(signature=model.signature(), step=step, components=components,
                 waiting=waiting, history=history, streams=generators)
