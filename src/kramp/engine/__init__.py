"""The machinery that runs the physiology: components, the network Model, State, the loop.

Roles, as in OpenMM and MuJoCo: a frozen :class:`~kramp.engine.network.Model` says *what* is
simulated (components, lines, parameters); a :class:`~kramp.engine.network.State` says *now*;
the components' kernels say *how* a step advances; recorders (:class:`Record`) *observe*
without changing anything. :class:`Simulation` holds a Model with its State and advances it;
:func:`simulate` runs a Model once and returns a labelled ``xarray.Dataset``.
"""

from kramp.engine.kinds import KINDS, build_model
from kramp.engine.network import Model, State, initial_state
from kramp.engine.simulate import Record, Simulation, simulate

__all__ = [
    "KINDS",
    "Model",
    "Record",
    "Simulation",
    "State",
    "build_model",
    "initial_state",
    "simulate",
]
