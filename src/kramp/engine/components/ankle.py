"""The ankle's muscles and joint as one component: every unit's fibres (``kramp.physiology.fibre``)
pulling through each muscle's fascicles and tendon on a joint with inertia
(``kramp.physiology.ankle``), stepped at 1 ms.

In each 1 ms step the units are stepped first (as in :mod:`kramp.engine.components.fibres`), at
the muscle's optimal length and zero velocity: their summed force is each muscle's active force
F_act. Then, in ``MECHANICS_SUBSTEPS`` substeps, the joint moves — along the imposed trajectory
(``kramp.engine.stimuli.MOVEMENT``), or freely under the muscles' torque of the substep before,
its passive torque and its load — and each muscle's fascicle length is solved from the
equilibrium of tendon and fascicle force at the new angle, with its force–length and
backward-Euler force–velocity factors (``ankle.fibre_equilibrium``). The muscles' force on the
joint is their tendon force, which is what a force transducer on the tendon would read.

The units' force and the mechanics are coupled through F_act held over the 1 ms step; the fastest
unit's force changes by less than 3 % of its own peak in 1 ms (its twitch contraction time is
30 ms or more).

Outputs: ``force`` (tendon force per muscle, mN), ``active_force`` (the active fibres' share of
it, mN), ``fascicle`` (per muscle: length in optimal
fascicle lengths L0, lengthening velocity in L0/s, acceleration in L0/s²: what the spindles
feel) and ``joint`` (angle in degrees, angular velocity in °/s, the muscles' torque and the
joint's own passive torque in N·m, + dorsiflexing; the simulated muscles' passive pull is in their
torque, the rest of the relaxed ankle's in the joint's: ``ankle`` module doc; under an imposed
movement the torque the device must add is minus their sum plus the inertial torque).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Interval, Output, Probe, steps_of
from kramp.engine.components.fibres import MUSCLE_STEP_MS, Fibres, sample_units, step_units
from kramp.params import Port, rows
from kramp.physiology import ankle

MECHANICS_SUBSTEPS = 4
JOINT_OUTPUTS = ("angle_deg", "velocity_deg_per_s", "muscle_torque_Nm", "passive_torque_Nm")
# The movement protocol as an array per person, in this order (``stimuli.MOVEMENT`` names).
MOVEMENT_ROWS = ("free", "start_angle", "ramp_start", "ramp_amplitude", "ramp_velocity",
                 "ramp_hold", "sine_amplitude", "sine_frequency", "sine_start", "sine_duration",
                 "load_torque", "load_start", "ramp_acceleration")
MV = rows(MOVEMENT_ROWS)
DEG = np.pi / 180.0


@numba.njit(cache=True)
def ramp_profile(since_ms, amplitude, speed, acceleration):
    """Angle (deg) and velocity (deg/s) ``since_ms`` into a move of ``amplitude`` degrees that
    accelerates at ``acceleration`` to ``speed``, holds it and decelerates to rest (a triangle
    when the move is too short to reach the speed); and the move's duration (ms)."""
    distance = abs(amplitude)
    sign = 1.0 if amplitude > 0.0 else -1.0
    top = min(speed, np.sqrt(distance * acceleration))
    ramp_s = top / acceleration
    cruise_s = distance / top - ramp_s
    total_s = 2.0 * ramp_s + cruise_s
    t = min(max(since_ms * 1e-3, 0.0), total_s)
    if t < ramp_s:
        return sign * 0.5 * acceleration * t * t, sign * acceleration * t, total_s * 1e3
    if t < ramp_s + cruise_s:
        return (sign * (0.5 * top * ramp_s + top * (t - ramp_s)), sign * top, total_s * 1e3)
    left = total_s - t
    return sign * (distance - 0.5 * acceleration * left * left), sign * acceleration * left, \
        total_s * 1e3


@numba.njit(cache=True)
def imposed_angle(t_ms, movement):
    """The imposed angle (deg) and angular velocity (deg/s) at ``t_ms``: the start angle, a
    ramp-and-hold that returns the same way, and a sinusoid (``movement`` in ``MOVEMENT_ROWS``
    order, read through ``MV``)."""
    angle = movement[MV.start_angle]
    velocity = 0.0
    amplitude = movement[MV.ramp_amplitude]
    if amplitude != 0.0:
        since = t_ms - movement[MV.ramp_start]
        speed_set, acceleration = movement[MV.ramp_velocity], movement[MV.ramp_acceleration]
        there, speed, move_ms = ramp_profile(since, amplitude, speed_set, acceleration)
        back, back_speed, _ = ramp_profile(since - move_ms - movement[MV.ramp_hold], amplitude,
                                           speed_set, acceleration)
        if since >= 0.0:
            angle += there - back
            velocity = speed - back_speed
    since = t_ms - movement[MV.sine_start]
    sine = movement[MV.sine_amplitude]
    if sine > 0.0 and 0.0 <= since < movement[MV.sine_duration]:
        w = 2.0 * np.pi * movement[MV.sine_frequency]
        angle += sine * np.sin(w * since * 1e-3)
        velocity += sine * w * np.cos(w * since * 1e-3)
    return angle, velocity


@numba.njit(parallel=True, cache=True)
def advance_ankle(state, mechanics, arrivals, unit_arrays, constants, unit_factor, muscle, k_mtu,
                  k_joint, movement, l_opt, first_step, step_ms, force, active_force, fascicle,
                  joint, fatigue, probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every person's units, muscles and joint through ``arrivals.shape[0]`` steps.

    state (4, P, U) the units' fibre state; mechanics (P, 3 + 2M): angle (rad), angular velocity
    (rad/s), muscles' torque (N·m) of the last substep, then each muscle's fascicle length (mm)
    and lengthening velocity (mm/s); k_mtu (P, M, ·), k_joint (P, ·), movement (P, ·); l_opt
    (P, M) mm; outputs force (steps, P, M) mN, active_force (steps, P, M) mN the active fibres'
    share of it (``ankle.active_tendon_force_N``), fascicle (steps, P, 3M), joint (steps, P, 4)
    and fatigue (steps, P, M): each muscle's metabolite load (``muscle_fatigue``).
    """
    n_steps, n_person, _ = arrivals.shape
    n_muscle = k_mtu.shape[1]
    h_s = step_ms * 1e-3 / MECHANICS_SUBSTEPS
    for p in numba.prange(n_person):
        active = np.zeros(n_muscle)
        muscle_force = np.zeros(n_muscle)
        for u in range(muscle.shape[0]):
            muscle_force[muscle[u]] += unit_arrays[4, p, u]
        for s in range(n_steps):
            active[:] = 0.0
            step_units(state, arrivals, unit_arrays, constants, unit_factor, muscle, active, p, s)
            sample_units(state, p, s, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples)
            for i in range(MECHANICS_SUBSTEPS):
                t_ms = (first_step + s) * step_ms + (i + 1) * h_s * 1e3
                angle = mechanics[p, 0]
                velocity = mechanics[p, 1]
                if movement[p, MV.free] > 0.5:
                    load = (movement[p, MV.load_torque] if t_ms >= movement[p, MV.load_start]
                            else 0.0)
                    angle, velocity = ankle.joint_step(angle, velocity, mechanics[p, 2] + load,
                                                       h_s, k_joint[p])
                else:
                    angle_deg, velocity_deg = imposed_angle(t_ms, movement[p])
                    angle = angle_deg * DEG
                    velocity = velocity_deg * DEG
                torque = 0.0
                for m in range(n_muscle):
                    k = k_mtu[p, m]
                    previous = mechanics[p, 3 + m]
                    length, shortening, tendon_N = ankle.fibre_equilibrium(
                        ankle.mtu_length_mm(angle, k), previous, h_s, active[m] * 1e-3, k)
                    mechanics[p, 3 + m] = length
                    lengthening = -shortening
                    if i == MECHANICS_SUBSTEPS - 1:
                        fascicle[s, p, 2 * n_muscle + m] = \
                            (lengthening - mechanics[p, 3 + n_muscle + m]) / (step_ms * 1e-3) \
                            / l_opt[p, m]
                        mechanics[p, 3 + n_muscle + m] = lengthening
                        force[s, p, m] = tendon_N * 1e3
                        active_force[s, p, m] = ankle.active_tendon_force_N(
                            length, shortening, active[m] * 1e-3, tendon_N, k) * 1e3
                        fascicle[s, p, m] = length / l_opt[p, m]
                        fascicle[s, p, n_muscle + m] = lengthening / l_opt[p, m]
                    torque += ankle.moment_arm_mm(angle, k) * tendon_N * 1e-3
                mechanics[p, 0] = angle
                mechanics[p, 1] = velocity
                mechanics[p, 2] = torque
            muscle_fatigue(state, unit_arrays, muscle, muscle_force, fatigue[s, p], p)
            joint[s, p, 0] = mechanics[p, 0] / DEG
            joint[s, p, 1] = mechanics[p, 1] / DEG
            joint[s, p, 2] = mechanics[p, 2]
            joint[s, p, 3] = ankle.passive_joint_torque_Nm(mechanics[p, 0], mechanics[p, 1],
                                                           k_joint[p])


@numba.njit(cache=True, inline="always")
def muscle_fatigue(state, unit_arrays, muscle, muscle_force, out, p):
    """Each muscle's metabolite load, into ``out`` (M,): m/(1 + m) of its units (0 fresh, 1/2
    where their calcium release has halved; ``kramp.physiology.fibre``), averaged over the units
    weighted by their tetanic force (``muscle_force`` (M,), the muscles' sums of it)."""
    out[:] = 0.0
    for u in range(state.shape[2]):
        load = state[3, p, u]
        out[muscle[u]] += unit_arrays[4, p, u] * load / (1.0 + load)
    for m in range(out.shape[0]):
        out[m] /= muscle_force[m]


class AnkleMuscles(Fibres):
    """The ankle's muscles (``fibre``) with their tendons and the joint they move."""

    outputs = (
        Port("force", "signal", "mN", "tendon force of each muscle"),
        Port("active_force", "signal", "mN",
             "the active fibres' share of each muscle's tendon force (without the passive "
             "tension)"),
        Port("fascicle", "signal", "1",
             "each muscle's fascicle length (L0), lengthening velocity (L0/s) and "
             "acceleration (L0/s²)"),
        Port("joint", "signal", "1",
             "ankle angle (deg), angular velocity (deg/s), the muscles' torque and the "
             "joint's own passive torque (N·m), + dorsiflexion"),
        Port("fatigue", "signal", "1",
             "each muscle's metabolite load m/(1 + m): 0 fresh, 1/2 where calcium release has "
             "halved"),
    )
    buffers = ("mechanics",)

    def __init__(self, properties: Mapping[str, np.ndarray], constants: np.ndarray,
                 muscle: np.ndarray, muscle_names: Sequence[str], k_mtu: np.ndarray,
                 k_joint: np.ndarray, movement: Mapping[str, np.ndarray], l_opt_mm: np.ndarray):
        """As :class:`Fibres`, with each person's muscle–tendon constants ``k_mtu`` (P, M, ·),
        joint constants ``k_joint`` (P, ·), the ``movement`` protocol (arrays over persons) and
        the optimal fascicle lengths ``l_opt_mm`` (P, M)."""
        super().__init__(properties, constants, np.ones(properties["tetanic_force_mN"].shape),
                         muscle, muscle_names)
        self.k_mtu = np.ascontiguousarray(k_mtu)
        self.k_joint = np.ascontiguousarray(k_joint)
        self.movement = np.ascontiguousarray(
            np.stack([np.asarray(movement[name], dtype=float) for name in MOVEMENT_ROWS],
                     axis=1))
        self.l_opt = np.ascontiguousarray(l_opt_mm)

    def output_width(self, port: str) -> int:
        n = len(self.muscle_names)
        return {"force": n, "active_force": n, "fascicle": 3 * n, "joint": len(JOINT_OUTPUTS),
                "fatigue": n}[port]

    def recorded(self, port: str) -> Output:
        if port == "force":
            return super().recorded(port)
        if port == "fatigue":
            return Output("fatigue", "time", ("muscle", self.muscle_names))
        if port == "active_force":
            return Output("active_force_mN", "time", ("muscle", self.muscle_names))
        if port == "joint":
            return Output("ankle", "time", ("joint_output", JOINT_OUTPUTS))
        names = [f"{m}.{q}" for q in ("length", "velocity", "acceleration")
                 for m in self.muscle_names]
        return Output("fascicle", "time", ("fascicle_output", names))

    def start_angle_rad(self) -> np.ndarray:
        return self.movement[:, MV.start_angle] * DEG

    def rest_lengths_mm(self) -> np.ndarray:
        """Each muscle's fascicle length (P, M) at rest at the start angle."""
        angle = self.start_angle_rad()
        return np.array([[ankle.rest_fibre_length_mm(angle[p], 0.0, self.k_mtu[p, m])
                          for m in range(self.k_mtu.shape[1])] for p in range(self.n_person)])

    def rest_tendon_force_N(self) -> np.ndarray:
        """Each muscle's (passive) tendon force at rest at the start angle, (P, M)."""
        angle = self.start_angle_rad()
        lengths = self.rest_lengths_mm()
        return np.array([[ankle.fibre_equilibrium(ankle.mtu_length_mm(angle[p], k), lengths[p, m],
                                                  1e-3, 0.0, k)[2]
                          for m, k in enumerate(self.k_mtu[p])] for p in range(self.n_person)])

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        state = super().initial_state(seed)
        n_muscle = len(self.muscle_names)
        mechanics = np.zeros((self.n_person, 3 + 2 * n_muscle))
        mechanics[:, 0] = self.start_angle_rad()
        mechanics[:, 3:3 + n_muscle] = self.rest_lengths_mm()
        angle = mechanics[:, 0]
        tendon_N = self.rest_tendon_force_N()
        mechanics[:, 2] = [sum(ankle.moment_arm_mm(angle[p], k) * f * 1e-3
                               for k, f in zip(self.k_mtu[p], tendon_N[p], strict=True))
                           for p in range(self.n_person)]
        state["mechanics"] = mechanics
        return state

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        arrivals = self.arrivals(inputs, interval, n)
        n_muscle = len(self.muscle_names)
        force = np.zeros((n, self.n_person, n_muscle))
        active_force = np.zeros((n, self.n_person, n_muscle))
        fascicle = np.zeros((n, self.n_person, 3 * n_muscle))
        joint = np.zeros((n, self.n_person, len(JOINT_OUTPUTS)))
        fatigue = np.zeros((n, self.n_person, n_muscle))
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(n) if probe else np.zeros((0, 0, 0))
        kernel = advance_ankle if backend == "numba" else advance_ankle.py_func
        kernel(state["variables"], state["mechanics"], arrivals, self.unit_arrays,
               self.constants, self.mechanical_factor, self.muscle, self.k_mtu, self.k_joint,
               self.movement, self.l_opt, interval.first_step // steps_of(self.step_ms,
                                                                          interval.dt_ms),
               MUSCLE_STEP_MS, force, active_force, fascicle, joint, fatigue, *recording,
               samples)
        return ({"force": force, "active_force": active_force, "fascicle": fascicle,
                 "joint": joint, "fatigue": fatigue}, samples if probe else None)
