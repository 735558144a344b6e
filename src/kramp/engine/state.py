"""The dynamic State: everything a step changes, as arrays shaped ``[person, unit]``.

A State is a snapshot. ``kramp.engine.integrators.advance`` returns a new State and leaves the
one it was given untouched, so a State can be kept, compared or restarted from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kramp.engine.model import Model


@dataclass(frozen=True, eq=False)
class State:
    """Membrane state of a batch at time ``t_ms``.

    ``v_mV[p, u]`` is the membrane potential at ``t_ms``; ``gates[g, p, u]`` the open fraction of
    gate ``model.kind.gates[g]``, held half a step ahead of V (at ``t_ms + dt/2``) once stepping
    has begun, as the staggered scheme in ``integrators`` requires; ``background_uA_per_cm2`` the
    Ornstein–Uhlenbeck background current.
    """

    t_ms: float
    v_mV: np.ndarray
    gates: np.ndarray
    background_uA_per_cm2: np.ndarray

    def copy(self) -> State:
        return State(self.t_ms, self.v_mV.copy(), self.gates.copy(),
                     self.background_uA_per_cm2.copy())


def initial_state(model: Model) -> State:
    """Rest as NEURON's ``finitialize`` sets it: V = v_init and every gate at x∞(v_init).

    The background current starts at zero and reaches its stationary spread within a few
    correlation times.
    """
    membrane = model.parameters["membrane"]
    v = np.array(membrane["v_init"], dtype=float)
    gates = np.empty((len(model.kind.gates), *model.shape))
    settings, index = model.kind.kinetic_settings(model.parameters, model.shape)
    for k, setting in enumerate(settings):
        chosen = index == k
        kinetics = model.kind.kinetics(setting)(v[chosen])
        for g, gate in enumerate(model.kind.gates):
            gates[g][chosen] = kinetics[gate][0]
    return State(0.0, v, gates, np.zeros(model.shape))
