"""The machinery that runs the physiology: Model, State, step kernels, recorders, simulation loop.

Roles, as in OpenMM and MuJoCo: a frozen :class:`~kramp.engine.model.Model` says *what* is
simulated, a :class:`~kramp.engine.state.State` says *now*, the integrator in
``kramp.engine.integrators`` says *how* one step advances, and recorders *observe* without
changing anything. ``simulate`` ties them together and returns a labelled ``xarray.Dataset``.
"""

from kramp.engine.model import Model, build_model
from kramp.engine.recorders import SpikeRecorder, VoltageRecorder
from kramp.engine.simulate import simulate
from kramp.engine.state import State, initial_state

__all__ = [
    "Model",
    "SpikeRecorder",
    "State",
    "VoltageRecorder",
    "build_model",
    "initial_state",
    "simulate",
]
