"""Hill-type muscle mechanics: how fibre length and velocity scale active force, and passive force.

Lengths are normalised by the optimal fibre length (l̃ = l/l_opt) and velocities by the maximal
shortening velocity (ṽ = v/v_max, shortening positive); forces by the maximal isometric force
F_max. Following Zajac (1989), the contractile element's force is

    F_CE = F_max · f_act · f_L(l̃) · f_V(ṽ),      F_PE = F_max · f_P(l̃)

where f_act is the activation-dependent force the ``fibre`` component produces (its ``force_norm``
summed over units) and the product f_L f_V is the ``mechanical_factor`` it takes.

Active force–length, a Gaussian fitted to sarcomere length–tension data (the plateau and both
limbs of Gordon, Huxley & Julian 1966) as used by Thelen (2003)::

    f_L(l̃) = exp(−(l̃ − 1)² / γ)

Force–velocity, shortening (Hill 1938, with a/F_max = k)::

    f_V(ṽ) = (1 − ṽ) / (1 + ṽ/k),                         0 ≤ ṽ ≤ 1 (0 beyond v_max)

and lengthening, a hyperbola rising to the eccentric plateau f_ecc, continuous at ṽ = 0, whose
slope there is ``eccentric_slope_ratio`` times the shortening slope (Katz 1939)::

    f_V(ṽ) = f_ecc − (f_ecc − 1) / (1 − ṽ β),   β = ρ (1 + 1/k)/(f_ecc − 1),   ṽ < 0

Passive force–length (Thelen 2003), zero below optimal length::

    f_P(l̃) = (exp(k_PE (l̃ − 1)/ε₀) − 1) / (exp(k_PE) − 1),   l̃ > 1

For now the engine holds every muscle isometric at a fixed length (default l̃ = 1, ṽ = 0, so the
factor is 1); a different fixed length only rescales force. The longer contraction and
half-relaxation times of a stretched muscle (Sale et al. 1982) are not modelled.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "zajac1989": (
        "Zajac FE (1989) Muscle and tendon: properties, models, scaling, and application to "
        "biomechanics and motor control. Crit Rev Biomed Eng 17:359–411"
    ),
    "gordon1966": (
        "Gordon AM, Huxley AF, Julian FJ (1966) The variation in isometric tension with "
        "sarcomere length in vertebrate muscle fibres. J Physiol 184:170–192. "
        "doi:10.1113/jphysiol.1966.sp007909"
    ),
    "thelen2003": (
        "Thelen DG (2003) Adjustment of muscle mechanics model parameters to simulate dynamic "
        "contractions in older adults. J Biomech Eng 125:70–77. doi:10.1115/1.1531112 "
        "(not re-checked)"
    ),
    "hill1938": (
        "Hill AV (1938) The heat of shortening and the dynamic constants of muscle. Proc R Soc "
        "Lond B 126:136–195. doi:10.1098/rspb.1938.0050"
    ),
    "katz1939": (
        "Katz B (1939) The relation between force and speed in muscular contraction. J Physiol "
        "96:45–64 (slope ratio and plateau as commonly quoted; secondary, not re-checked)"
    ),
}

PARAMETERS = ParameterTable(
    component="mechanics",
    references=REFERENCES,
    params=(
        Param("force_length_width", 0.45, "1", (0.1, 1.0), "thelen2003",
              "width γ of the Gaussian active force–length curve (normalised length squared)",
              "γ"),
        Param("hill_curvature", 0.25, "1", (0.1, 1.0), "hill1938",
              "a/F_max of Hill's force–velocity hyperbola", "k"),
        Param("max_shortening_velocity", 10.0, "1/s", (2.0, 20.0), "zajac1989",
              "maximal shortening velocity, optimal fibre lengths per second", "v_max"),
        Param("eccentric_force_max", 1.8, "1", (1.1, 2.0), "zajac1989",
              "force plateau of fast lengthening, relative to isometric force", "f_ecc"),
        Param("eccentric_slope_ratio", 2.0, "1", (1.0, 10.0), "katz1939",
              "slope of force against velocity just into lengthening / just into shortening",
              "ρ"),
        Param("passive_strain_at_max", 0.6, "1", (0.3, 1.0), "thelen2003",
              "fibre strain at which passive force equals the maximal isometric force", "ε₀"),
        Param("passive_shape", 4.0, "1", (1.0, 10.0), "thelen2003",
              "exponential shape factor of passive force", "k_PE"),
        Param("normalised_length", 1.0, "1", (0.5, 1.7), "gordon1966",
              "fixed fibre length / optimal length of the isometric default", "l̃"),
    ),
)


# The curves are written once, as Numba scalar functions that kernels call (``*_scalar``); the
# public functions of arrays below apply the same scalar functions element by element (compiled
# NumPy ufuncs), so a curve has one formula. The ``*_slope`` functions are their derivatives,
# which Newton solvers need (``kramp.physiology.ankle``).

@numba.njit(cache=True)
def active_force_length_scalar(length_norm, width):
    """f_L(l̃) = exp(−(l̃ − 1)²/γ) of one normalised length."""
    stretch = length_norm - 1.0
    return math.exp(-stretch * stretch / width)


@numba.njit(cache=True)
def active_force_length_slope(length_norm, width):
    """df_L/dl̃."""
    return -2.0 * (length_norm - 1.0) / width * active_force_length_scalar(length_norm, width)


@numba.njit(cache=True)
def force_velocity_scalar(velocity_norm, curvature, eccentric_force_max, eccentric_slope_ratio):
    """f_V(ṽ) of one normalised velocity (shortening positive; 0 beyond ṽ = 1)."""
    if velocity_norm >= 0.0:
        shortening = min(velocity_norm, 1.0)
        return (1.0 - shortening) / (1.0 + shortening / curvature)
    beta = eccentric_slope_ratio * (1.0 + 1.0 / curvature) / (eccentric_force_max - 1.0)
    return eccentric_force_max - (eccentric_force_max - 1.0) / (1.0 - beta * velocity_norm)


@numba.njit(cache=True)
def force_velocity_slope(velocity_norm, curvature, eccentric_force_max, eccentric_slope_ratio):
    """df_V/dṽ (the one-sided slope of the shortening branch at ṽ = 0; 0 beyond ṽ = 1)."""
    if velocity_norm >= 1.0:
        return 0.0
    if velocity_norm >= 0.0:
        denominator = 1.0 + velocity_norm / curvature
        return -(1.0 + 1.0 / curvature) / (denominator * denominator)
    beta = eccentric_slope_ratio * (1.0 + 1.0 / curvature) / (eccentric_force_max - 1.0)
    denominator = 1.0 - beta * velocity_norm
    return -(eccentric_force_max - 1.0) * beta / (denominator * denominator)


@numba.njit(cache=True)
def passive_force_length_scalar(length_norm, strain_at_max, shape):
    """f_P(l̃) of one normalised length (0 at and below optimal length)."""
    stretch = max(length_norm - 1.0, 0.0)
    return math.expm1(shape * stretch / strain_at_max) / math.expm1(shape)


@numba.njit(cache=True)
def passive_force_length_slope(length_norm, strain_at_max, shape):
    """df_P/dl̃."""
    if length_norm <= 1.0:
        return 0.0
    rate = shape / strain_at_max
    return rate * math.exp(rate * (length_norm - 1.0)) / math.expm1(shape)


@numba.vectorize(["float64(float64, float64)"], cache=True)
def _active_force_length_ufunc(length_norm, width):
    return active_force_length_scalar(length_norm, width)


@numba.vectorize(["float64(float64, float64, float64, float64)"], cache=True)
def _force_velocity_ufunc(velocity_norm, curvature, eccentric_force_max, eccentric_slope_ratio):
    return force_velocity_scalar(velocity_norm, curvature, eccentric_force_max,
                                 eccentric_slope_ratio)


@numba.vectorize(["float64(float64, float64, float64)"], cache=True)
def _passive_force_length_ufunc(length_norm, strain_at_max, shape):
    return passive_force_length_scalar(length_norm, strain_at_max, shape)


def active_force_length(length_norm, width: float):
    """f_L(l̃) = exp(−(l̃ − 1)²/γ): 1 at optimal length, falling on both limbs."""
    return _active_force_length_ufunc(np.asarray(length_norm, dtype=float), float(width))


def force_velocity(velocity_norm, curvature: float, eccentric_force_max: float,
                   eccentric_slope_ratio: float):
    """f_V(ṽ): Hill's hyperbola for shortening (ṽ > 0), a rising hyperbola for lengthening."""
    return _force_velocity_ufunc(np.asarray(velocity_norm, dtype=float), float(curvature),
                                 float(eccentric_force_max), float(eccentric_slope_ratio))


def passive_force_length(length_norm, strain_at_max: float, shape: float):
    """f_P(l̃) = (exp(k_PE (l̃ − 1)/ε₀) − 1)/(exp(k_PE) − 1) above optimal length, else 0."""
    return _passive_force_length_ufunc(np.asarray(length_norm, dtype=float),
                                       float(strain_at_max), float(shape))


def mechanical_factor(length_norm, velocity_norm, params: dict[str, float]):
    """f_L(l̃) f_V(ṽ): the factor the fibre component applies to active force."""
    return active_force_length(length_norm, params["force_length_width"]) * force_velocity(
        velocity_norm, params["hill_curvature"], params["eccentric_force_max"],
        params["eccentric_slope_ratio"])


def normalised_velocity(shortening_mm_per_s, optimal_length_mm: float,
                        params: dict[str, float]):
    """ṽ = v/(v_max l_opt): shortening velocity in units of the maximal one."""
    return np.asarray(shortening_mm_per_s, dtype=float) / (
        params["max_shortening_velocity"] * optimal_length_mm)


def isometric_factor(params: dict[str, float] | None = None) -> float:
    """The mechanical factor of a muscle held still at its fixed ``normalised_length``."""
    p = PARAMETERS.defaults() if params is None else params
    return float(mechanical_factor(p["normalised_length"], 0.0, p))


def passive_force_mN(length_norm, max_force_mN, params: dict[str, float]):
    """Passive (parallel elastic) force in mN of a muscle of maximal isometric force F_max."""
    return max_force_mN * passive_force_length(length_norm, params["passive_strain_at_max"],
                                               params["passive_shape"])
