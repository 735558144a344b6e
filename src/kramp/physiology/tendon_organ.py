"""The Golgi tendon organ: its Ib afferent's discharge from the force in series with it.

Following Lin & Crago (2002), the receptor first compresses the tendon force F logarithmically
and then filters it with a linear lead–lag stage that gives the dynamic overshoot of a tendon
organ to a rising force::

    x(F) = G · ln(F / (φ F_max) + 1)                                (pps)
    r(s) / x(s) = (b₂ s² + b₁ s + b₀) / (s² + a₁ s + a₀)            (s in 1/s)

F is the force in series with the receptor. A tendon organ sits where a few muscle fibres join
the tendon: the twitch of one unit in series with it excites it, while passive stretch of the
relaxed muscle hardly does (Houk & Henneman 1967). kramp's receptors read the active fibres' share
of the tendon force plus ``passive_tension_share`` of the rest, the relaxed tissue's passive
tension. That share is 1 by default, the whole tendon force, which is not what Houk & Henneman
found: with the foot dorsiflexed 20° the soleus's passive tension (259 N) drives its Ib afferents
at 25 pps and silences the pool's answer to a moderate command. At 0 the command gets through,
but the relaxed pools then answer their spindles' resting discharge, which the passive Ib had
been holding back (a relaxed calf held by a 25 N·m load fires), so 0 waits for the relaxed pools'
excitability to be calibrated (docs/findings.md, what does not emerge yet).

Lin & Crago's force scale, 4 N, belongs to the cat soleus, a muscle of some 20 N; kramp keeps
it as the same share φ of each muscle's maximal force F_max, so a human soleus's receptors are
as sensitive to a given share of its strength as the cat's.

The filter's gain at steady state is b₀/a₀ = 1 (so a held force gives x(F)) and at high
frequency b₂ = 1.7: a step of force gives an initial jump of 1.7 x(F) that relaxes with time
constants of 0.5 and 5 s (the filter's poles at 2 and 0.2 per second). The rate is r clipped at
zero. The filter is discretised by the bilinear (Tustin) rule at the step the engine uses; its
poles are slow next to the step, and a test bounds its error against the continuous response
(``scipy.signal``) at 0.5 ms steps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numba
import numpy as np

from kramp.params import Param, ParameterTable, rows

REFERENCES = {
    "cat_soleus_force": (
        "kramp scaling: Lin & Crago's G_f = 4 N over a cat soleus maximal tetanic force of about "
        "20 N (about 2 kg; McPhedran AM, Wuerker RB, Henneman E 1965 J Neurophysiol 28:71–84, "
        "not re-checked) = 0.2 of the muscle's maximal force"
    ),
    "houk1967": (
        "Houk J, Henneman E (1967) Responses of Golgi tendon organs to active contractions of the "
        "soleus muscle of the cat. J Neurophysiol 30:466–481: a receptor fires to the "
        "contraction of the few motor units in series with it and is much less sensitive to "
        "passive stretch (pages not re-checked)"
    ),
    "lin2002": (
        "Lin CCK, Crago PE (2002) Neural and mechanical contributions to the stretch reflex: a "
        "model synthesis. Ann Biomed Eng 30:54–67: Ib rate = G ln(F/G_f + 1) followed by "
        "(1.7 s² + 2.58 s + 0.4)/(s² + 2.2 s + 0.4), G 60 pps, G_f 4 N (the form and values as "
        "commonly implemented, e.g. in the OpenSim Lin02GolgiTendonOrgan component and Elias "
        "LA, Watanabe RN, Kohn AF 2014 PLoS Comput Biol 10:e1003944; not re-checked against the "
        "paper)"
    ),
}

PARAMETERS = ParameterTable(
    component="tendon_organ",
    references=REFERENCES,
    params=(
        Param("gain", 60.0, "pps", (1.0, 500.0), "lin2002",
              "gain of the logarithmic force compression", "G"),
        Param("force_scale", 0.2, "1", (0.001, 2.0), "cat_soleus_force",
              "force scale of the compression, as a share of the muscle's maximal force", "φ"),
        Param("numerator_2", 1.7, "1", (0.0, 10.0), "lin2002",
              "s² coefficient of the filter's numerator (high-frequency gain)", "b₂"),
        Param("numerator_1", 2.58, "1/s", (0.0, 100.0), "lin2002",
              "s coefficient of the filter's numerator", "b₁"),
        Param("numerator_0", 0.4, "1/s", (0.0, 100.0), "lin2002",
              "constant of the filter's numerator, per s²", "b₀"),
        Param("denominator_1", 2.2, "1/s", (0.01, 100.0), "lin2002",
              "s coefficient of the filter's denominator", "a₁"),
        Param("denominator_0", 0.4, "1/s", (0.001, 100.0), "lin2002",
              "constant of the filter's denominator, per s²", "a₀"),
        Param("passive_tension_share", 1.0, "1", (0.0, 1.0), "houk1967",
              "share of the relaxed tissue's passive tension in the tendon force that the "
              "receptors read, beside the active fibres' pull: 0 as Houk & Henneman found, 1 "
              "kramp's default (module doc)"),
    ),
)

# The receptor's state: the filter's last input and output and the ones before them.
S = rows(("input_1", "input_2", "output_1", "output_2"))
N_STATE = 4
K = rows(("gain", "force_half_N", "b2", "b1", "b0", "a1", "a0", "passive_share"))


def constants(values: Mapping[str, float], max_force_N: float) -> np.ndarray:
    """The receptor constants ``k[K.<name>]`` of one muscle of maximal force ``max_force_N``."""
    return np.array([values["gain"], values["force_scale"] * max_force_N, values["numerator_2"],
                     values["numerator_1"], values["numerator_0"], values["denominator_1"],
                     values["denominator_0"], values["passive_tension_share"]])


@numba.njit(cache=True)
def read_force_N(tendon_N, active_N, k):
    """The force the receptor reads: the active fibres' pull ``active_N`` and the share
    ``passive_tension_share`` of the rest of the tendon force ``tendon_N`` (all of it at 1)."""
    if k[K.passive_share] >= 1.0:
        return tendon_N
    return active_N + k[K.passive_share] * (tendon_N - active_N)


@numba.njit(cache=True)
def compressed_rate(force_N, k):
    """x(F) = G ln(F/(φ F_max) + 1), pps (no discharge for a slack tendon)."""
    return k[K.gain] * math.log(max(force_N, 0.0) / k[K.force_half_N] + 1.0)


@numba.njit(cache=True)
def tustin(dt_s, k):
    """The bilinear-rule difference equation of the filter at step ``dt_s``:
    (n0, n1, n2, d1, d2) with y_n = n0 x_n + n1 x_{n−1} + n2 x_{n−2} − d1 y_{n−1} − d2 y_{n−2}."""
    c = 2.0 / dt_s
    b2, b1, b0 = k[K.b2] * c * c, k[K.b1] * c, k[K.b0]
    a2, a1, a0 = c * c, k[K.a1] * c, k[K.a0]
    norm = a2 + a1 + a0
    return ((b2 + b1 + b0) / norm, (2.0 * b0 - 2.0 * b2) / norm, (b2 - b1 + b0) / norm,
            (2.0 * a0 - 2.0 * a2) / norm, (a2 - a1 + a0) / norm)


def rest_state(force_N: float, k: np.ndarray) -> np.ndarray:
    """The receptor settled at a held force (the filter at its steady state, gain 1)."""
    x = compressed_rate(force_N, k) * k[K.b0] / k[K.a0]
    return np.array([compressed_rate(force_N, k), compressed_rate(force_N, k), x, x])


@numba.njit(cache=True)
def step(state, force_N, dt_s, k):
    """Advance the receptor by ``dt_s`` with the force at the step's end; return the Ib rate
    (pps)."""
    n0, n1, n2, d1, d2 = tustin(dt_s, k)
    x = compressed_rate(force_N, k)
    y = (n0 * x + n1 * state[S.input_1] + n2 * state[S.input_2]
         - d1 * state[S.output_1] - d2 * state[S.output_2])
    state[S.input_2] = state[S.input_1]
    state[S.input_1] = x
    state[S.output_2] = state[S.output_1]
    state[S.output_1] = y
    return max(y, 0.0)
