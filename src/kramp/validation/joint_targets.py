"""Target D13 (kramp's own, from the abstract of Weiss, Hunter & Kearney 1988): the ankle's
dynamic stiffness from rest to a maximal plantarflexor effort.

Weiss et al. held the foot of supine subjects in a low-inertia cast on a position servo, asked
for tonic plantarflexor (or dorsiflexor) torques from rest to maximal, perturbed the ankle with
small stochastic rotations and fitted a second-order model (inertia I, viscosity B, elasticity K)
to each compliance impulse response. Two rules held over the whole range: K grew in proportion
to the mean torque, by more than an order of magnitude from rest to maximal, while the damping
ratio ζ = B / (2 √(K I)) stayed almost the same.

The virtual experiment: the default person supine with the knee extended, ankle at neutral,
plantarflexors driven tonically at ``D13_EFFORTS`` of the maximal command (one person of a batch
per effort and frequency); after ``D13_SINE_START_MS`` the ankle is rotated ±``D13_AMPLITUDE_DEG``
sinusoidally at each of ``D13_FREQUENCIES_HZ`` (sinusoids instead of a stochastic sequence).
At each frequency :func:`kramp.analysis.reflex.dynamic_stiffness` gives K + iωB of the resisting
torque (inertia excluded); per effort K is their mean and B their least-squares fit
(Σ ω² B_f / Σ ω²). ζ is computed with the model foot's own inertia; the band compares ζ between
efforts, so that inertia, which Weiss et al.'s cast added to, cancels.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.analysis import reflex
from kramp.physiology import ankle

D13_EFFORTS = (0.0, 10.0, 25.0, 50.0, 100.0)  # % of the maximal command, plantarflexors only
D13_FREQUENCIES_HZ = (3.0, 5.0, 7.0, 9.0)
D13_AMPLITUDE_DEG = 1.0
D13_SINE_START_MS = 800.0
D13_SINE_DURATION_MS = 1500.0
D13_TORQUE_WINDOW_MS = (500.0, 800.0)  # the held torque, before the rotations begin
# kramp's reading of the abstract's two rules: K rises with every step of torque and is at least
# ten times larger at the maximal effort than at rest; "almost invariant" is every effort's ζ
# within a factor of two of their median
D13_STIFFNESS_RISE = 10.0
D13_ZETA_FACTOR = 2.0


@cache
def stiffness_by_effort() -> dict[str, np.ndarray]:
    """Per effort of ``D13_EFFORTS``: the held plantarflexing torque (N·m), K (N·m/rad),
    B (N·m·s/rad) and ζ."""
    from kramp.engine import build_model, simulate

    efforts = np.repeat(D13_EFFORTS, len(D13_FREQUENCIES_HZ))
    frequencies = np.tile(D13_FREQUENCIES_HZ, len(D13_EFFORTS))
    duration_ms = D13_SINE_START_MS + D13_SINE_DURATION_MS
    values = {"drive": {"level": efforts, "onset": 0.0, "ramp_up": 200.0, "hold": duration_ms},
              "tibialis_anterior": {"command_share": 0.0},
              "movement": {"start_angle": 0.0, "sine_amplitude": D13_AMPLITUDE_DEG,
                           "sine_frequency": frequencies, "sine_start": D13_SINE_START_MS,
                           "sine_duration": D13_SINE_DURATION_MS}}
    result = simulate(build_model("ankle", values, n_person=efforts.size), duration_ms)
    time = result["time_ms"].values
    held = (time >= D13_TORQUE_WINDOW_MS[0]) & (time < D13_TORQUE_WINDOW_MS[1])
    omega_squared = (2.0 * np.pi * np.array(D13_FREQUENCIES_HZ)) ** 2
    torque, elastic, viscous = [], [], []
    for effort in D13_EFFORTS:
        people = np.flatnonzero(efforts == effort)
        fits = [reflex.dynamic_stiffness(result, p) for p in people]
        torque.append(float(reflex.resisting_torque_Nm(result, people[0])[held].mean()))
        elastic.append(np.mean([f["elastic_stiffness_Nm_per_rad"] for f in fits]))
        viscous.append(float(np.sum(omega_squared * [f["viscosity_Nm_s_per_rad"] for f in fits])
                             / omega_squared.sum()))
    k, b = np.array(elastic), np.array(viscous)
    inertia = ankle.PARAMETERS["foot_inertia"].value
    return {"torque_Nm": np.array(torque), "K": k, "B": b,
            "zeta": b / (2.0 * np.sqrt(np.maximum(k, 1e-9) * inertia))}


def target_d13() -> dict:
    found = stiffness_by_effort()
    k, zeta = found["K"], found["zeta"]
    rising = bool(np.all(np.diff(k) > 0.0) and np.all(np.diff(found["torque_Nm"]) > 0.0))
    rise = float(k[-1] / k[0])
    spread = zeta / np.median(zeta)
    invariant = bool(np.all((spread >= 1.0 / D13_ZETA_FACTOR) & (spread <= D13_ZETA_FACTOR)))

    def listed(values: np.ndarray, form: str) -> str:
        return ", ".join(format(v, form) for v in values)

    return {
        "id": "D13",
        "quantity": ("ankle dynamic stiffness from rest to a maximal plantarflexor effort "
                     "(elasticity K and damping ratio ζ)"),
        "published": ("K increased in proportion to the mean ankle torque, by more than an "
                      "order of magnitude from rest to maximal voluntary contraction; the damping "
                      "ratio ζ stayed almost invariant over the whole range"),
        "band": (f"K rises with the torque and is ≥ {D13_STIFFNESS_RISE:g}× its resting value at "
                 f"the maximal effort; every effort's ζ within a factor {D13_ZETA_FACTOR:g} of "
                 "their median (kramp's reading of 'almost invariant')"),
        "model_value": (f"efforts {listed(np.array(D13_EFFORTS), 'g')} %: torque "
                        f"{listed(found['torque_Nm'], '.1f')} N·m, K {listed(k, '.0f')} N·m/rad "
                        f"({rise:.1f}× rest), B {listed(found['B'], '.2f')} N·m·s/rad, ζ "
                        f"{listed(zeta, '.2f')}"),
        "passed": bool(rising and rise >= D13_STIFFNESS_RISE and invariant),
        "source": ("Weiss PL, Hunter IW, Kearney RE 1988, J Biomech 21:539–544, 'Human ankle "
                   "joint stiffness over the full range of muscle activation levels' (abstract)"),
    }
