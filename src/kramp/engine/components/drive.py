"""The descending drive as a component: the command from the brain and its common noise.

Every 1 ms step (the drive's clock) the component computes, per person, the voluntary command
c(t) (``kramp.physiology.drive.command_fraction`` at the step's middle) and the inspiratory
command r(t) = gain × the pre-Bötzinger population's activity (its input ``activity``, none
where the person has no breathing muscle), and for each motor unit the mean excitatory
conductance its motoneuron receives,

    ḡ_exc · (c(t)·s_c + r(t)·s_r)        (s_c, s_r: the unit's muscle's command shares),

which the motoneuron component modulates by the common noise (this component's state, an
Ornstein–Uhlenbeck process per person) and its own independent noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Output, steps_of
from kramp.engine.streams import standard_normals
from kramp.params import Port
from kramp.physiology import drive

# The drive's clock: its fastest fluctuations (the independent noise, τ = 5 ms) are resolved by
# five samples per correlation time.
DRIVE_STEP_MS = 1.0
# The voluntary command is computed this many drive steps at a time (``Drive._command``).
COMMAND_AHEAD_STEPS = 1000


@numba.njit(parallel=True, cache=True)
def ornstein_uhlenbeck_steps(eta, normals, decay, scale, out):
    """Advance OU processes η ``[person, process]`` through ``len(normals)`` exact steps,
    η ← η·e^(−Δ/τ) + σ√(1 − e^(−2Δ/τ))·ξ, writing each step's η to ``out[step]``; the
    people in parallel."""
    n_steps, n_person, n_process = normals.shape
    for p in numba.prange(n_person):
        for k in range(n_steps):
            for j in range(n_process):
                eta[p, j] = eta[p, j] * decay[p, j] + normals[k, p, j] * scale[p, j]
                out[k, p, j] = eta[p, j]


def ornstein_uhlenbeck_steps_numpy(eta, normals, decay, scale, out):
    """The same steps as ``ornstein_uhlenbeck_steps`` with NumPy (the readable reference)."""
    for k in range(normals.shape[0]):
        eta[...] = eta * decay + normals[k] * scale
        out[k] = eta


OU_BACKENDS = {"numba": ornstein_uhlenbeck_steps, "numpy": ornstein_uhlenbeck_steps_numpy}


def ou_coefficients(step_ms: float, tau_ms: np.ndarray, sd: np.ndarray):
    """(e^(−Δ/τ), σ√(1 − e^(−2Δ/τ))) of an OU process sampled every ``step_ms``."""
    decay = np.exp(-step_ms / tau_ms)
    return decay, sd * np.sqrt(1.0 - decay * decay)


class Drive(Component):
    name = "drive"
    element = "drive"
    variables = drive.VARIABLES
    inputs = (Port("activity", "signal", "1", "pre-Bötzinger population synaptic activity"),)
    outputs = (
        Port("command", "signal", "1", "voluntary command (fraction of maximal drive)"),
        Port("inspiratory_command", "signal", "1",
             "brainstem inspiratory command (fraction of maximal drive)"),
        Port("excitation", "signal", "uS", "mean excitatory conductance onto each motoneuron"),
        Port("common_noise", "signal", "1", "common synaptic noise"),
    )
    streams = ("common_drive",)

    def __init__(self, values: Mapping[str, np.ndarray], command_share: np.ndarray,
                 respiratory_share: np.ndarray):
        """``values``: the drive table over persons; the shares are ``[person, unit]``."""
        self.values = values
        self.n_person = values["level"].shape[0]
        self.n_element = 1
        self.step_ms = DRIVE_STEP_MS
        g_max = values["g_exc_max"][:, None]
        self.command_gain_uS = g_max * command_share
        self.respiratory_gain_uS = g_max * respiratory_share
        self.per_person = {name: array[:, None] for name, array in values.items()}
        self.noise_decay, self.noise_scale = ou_coefficients(
            DRIVE_STEP_MS, values["common_noise_tau"][:, None],
            values["common_noise_cv"][:, None])
        self._command_ahead = (0, np.zeros((0, self.n_person)))

    def output_width(self, port: str) -> int:
        return self.command_gain_uS.shape[1] if port == "excitation" else 1

    def recorded(self, port: str) -> Output:
        return {"command": Output("command", "time", None),
                "inspiratory_command": Output("inspiratory_command", "time", None)}[port]

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        return {"variables": np.zeros((len(self.variables), self.n_person, 1))}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        first = interval.first_step // steps_of(self.step_ms, interval.dt_ms)
        command = self._command(first, n)
        activity = inputs.get("activity")
        inspiratory = (np.zeros_like(command) if activity is None
                       else activity[:, :, 0] * self.values["respiratory_gain"][None, :])
        excitation = (command[:, :, None] * self.command_gain_uS[None]
                      + inspiratory[:, :, None] * self.respiratory_gain_uS[None])
        normals = standard_normals(streams["common_drive"], n, 1)
        eta = state["variables"][0].copy()
        common = np.empty((n, self.n_person, 1))
        OU_BACKENDS[backend](eta, normals, self.noise_decay, self.noise_scale, common)
        state["variables"][0] = eta
        samples = None
        if probe is not None:
            samples = probe.stack([probe.sample(common[k][None]) for k in range(n)
                                   if probe.due(k)])
        outputs = {"command": command[:, :, None], "inspiratory_command": inspiratory[:, :, None],
                   "excitation": excitation, "common_noise": common}
        return outputs, samples

    def _command(self, first: int, n: int) -> np.ndarray:
        """The voluntary command at the middle of drive steps ``first`` … ``first + n − 1``,
        ``[step, person]`` (read-only). It depends on time alone, value by value, so it is
        computed ``COMMAND_AHEAD_STEPS`` steps at a time and each interval reads its steps: the
        same numbers, where a dozen NumPy calls on an interval's eight steps took 1 % of an
        ankle run. (A memo, not state: a resumed run computes the same values again.)"""
        start, ahead = self._command_ahead
        if not start <= first <= first + n <= start + ahead.shape[0]:
            mid_ms = (first + np.arange(max(n, COMMAND_AHEAD_STEPS)) + 0.5) * self.step_ms
            ahead = drive.command_fraction(mid_ms[None, :], self.per_person).T
            ahead.setflags(write=False)  # intervals share it
            start = first
            self._command_ahead = (start, ahead)
        return ahead[first - start:first - start + n]
