"""The Hodgkin–Huxley (1952) membrane of the squid giant axon.

Membrane equation (current densities in µA/cm², conductances in mS/cm², V in mV, t in ms)::

    C_m dV/dt = I_stim − ḡ_Na m³h (V − E_Na) − ḡ_K n⁴ (V − E_K) − ḡ_L (V − E_L)

Gates x ∈ {m, h, n} obey dx/dt = α_x(V)(1 − x) − β_x(V) x, i.e. relax to x∞ = α/(α+β) with
τ_x = 1/(φ(α+β)), where φ = Q10^((T − 6.3 °C)/10) scales every rate for temperature T.

Rate constants (1/ms) in the modern sign convention, resting potential placed at −65 mV::

    α_m = 0.1 (V+40) / (1 − exp(−(V+40)/10))      β_m = 4 exp(−(V+65)/18)
    α_h = 0.07 exp(−(V+65)/20)                      β_h = 1 / (1 + exp(−(V+35)/10))
    α_n = 0.01 (V+55) / (1 − exp(−(V+55)/10))      β_n = 0.125 exp(−(V+65)/80)

Source: Hodgkin AL, Huxley AF (1952) J Physiol 117:500–544 (eqs. 20–23, 26 and Table 3), with
the voltage axis shifted so that rest is −65 mV as in NEURON's built-in ``hh`` mechanism, which is
kramp's numerical reference for this component.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from kramp.params import Param, ParameterTable, Variable

REFERENCES = {
    "hodgkin1952": (
        "Hodgkin AL, Huxley AF (1952) A quantitative description of membrane current and its "
        "application to conduction and excitation in nerve. J Physiol 117:500–544. "
        "doi:10.1113/jphysiol.1952.sp004764"
    ),
    "neuron_hh": (
        "NEURON simulator, built-in hh mechanism (Hines ML, Carnevale NT 1997, Neural Comput "
        "9:1179–1209): HH 1952 with rest at −65 mV, E_Na 50 mV, E_K −77 mV, E_L −54.3 mV"
    ),
}

# Reference temperature of the HH 1952 rate constants.
RATE_REFERENCE_TEMPERATURE_DEGC = 6.3

PARAMETERS = ParameterTable(
    component="membrane",
    references=REFERENCES,
    params=(
        Param("cm", 1.0, "uF/cm2", (0.5, 2.0), "hodgkin1952",
              "specific membrane capacitance", "C_m"),
        Param("g_na", 120.0, "mS/cm2", (0.0, 300.0), "hodgkin1952",
              "peak sodium conductance (0 = complete Na-channel block)", "ḡ_Na"),
        Param("g_k", 36.0, "mS/cm2", (0.0, 100.0), "hodgkin1952",
              "peak delayed-rectifier potassium conductance", "ḡ_K"),
        Param("g_leak", 0.3, "mS/cm2", (0.0, 3.0), "hodgkin1952",
              "leak conductance", "ḡ_L"),
        Param("e_na", 50.0, "mV", (0.0, 90.0), "neuron_hh",
              "sodium reversal potential (115 mV above rest in HH 1952)", "E_Na"),
        Param("e_k", -77.0, "mV", (-120.0, -40.0), "neuron_hh",
              "potassium reversal potential (12 mV below rest in HH 1952)", "E_K"),
        Param("e_leak", -54.3, "mV", (-90.0, -20.0), "neuron_hh",
              "leak reversal potential (10.6 mV above rest in HH 1952)", "E_L"),
        Param("temperature", 6.3, "degC", (0.0, 40.0), "hodgkin1952",
              "temperature; rates were measured at 6.3 °C", "T"),
        Param("q10", 3.0, "1", (1.0, 5.0), "hodgkin1952",
              "temperature coefficient of every rate constant", "Q10"),
        Param("v_init", -65.0, "mV", (-100.0, -40.0), "neuron_hh",
              "initial membrane potential; gates start at their steady state there", "V₀"),
    ),
)

GATES = ("m", "h", "n")
# The membrane's state, in the order the engine packs it (the background current is the
# Ornstein–Uhlenbeck noise of the current-clamp protocol, kept with the membrane it flows into).
VARIABLES = (
    Variable("v", "mV", "membrane potential"),
    Variable("m", "1", "Na+ activation"),
    Variable("h", "1", "Na+ inactivation"),
    Variable("n", "1", "K+ activation"),
    Variable("background", "uA/cm2", "Ornstein–Uhlenbeck background current"),
)


def temperature_factor(temperature_degC: float, q10: float) -> float:
    """φ = Q10^((T − 6.3 °C)/10): the factor on every α and β (3.82 at 18.5 °C for Q10 = 3)."""
    return q10 ** ((temperature_degC - RATE_REFERENCE_TEMPERATURE_DEGC) / 10.0)


def _linoid(x: np.ndarray, y: float) -> np.ndarray:
    """x / (exp(x/y) − 1), with its limit y(1 − x/2y) where x/y → 0 (the removable singularity)."""
    x = np.asarray(x, dtype=float)
    ratio = x / y
    small = np.abs(ratio) < 1e-6
    safe_ratio = np.where(small, 1.0, ratio)
    return np.where(small, y * (1.0 - ratio / 2.0), x / np.expm1(safe_ratio))


def rate_constants(v_mV: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(α, β) in 1/ms at 6.3 °C for each gate, at membrane potential ``v_mV``."""
    v = np.asarray(v_mV, dtype=float)
    return {
        "m": (0.1 * _linoid(-(v + 40.0), 10.0), 4.0 * np.exp(-(v + 65.0) / 18.0)),
        "h": (0.07 * np.exp(-(v + 65.0) / 20.0), 1.0 / (1.0 + np.exp(-(v + 35.0) / 10.0))),
        "n": (0.01 * _linoid(-(v + 55.0), 10.0), 0.125 * np.exp(-(v + 65.0) / 80.0)),
    }


def gate_kinetics(
    v_mV: np.ndarray, temperature_degC: float, q10: float
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Steady state x∞ (1) and time constant τ_x (ms) of each gate at ``v_mV`` and temperature."""
    phi = temperature_factor(temperature_degC, q10)
    kinetics = {}
    for gate, (alpha, beta) in rate_constants(v_mV).items():
        total = alpha + beta
        kinetics[gate] = (alpha / total, 1.0 / (phi * total))
    return kinetics


def ionic_current(v_mV, m, h, n, p: dict[str, float]) -> np.ndarray:
    """Total ionic current density (µA/cm², outward positive)."""
    return (
        p["g_na"] * m**3 * h * (v_mV - p["e_na"])
        + p["g_k"] * n**4 * (v_mV - p["e_k"])
        + p["g_leak"] * (v_mV - p["e_leak"])
    )


def steady_state_current(v_mV, p: dict[str, float]) -> np.ndarray:
    """Ionic current with every gate at its steady state for ``v_mV`` (the I–V curve of rest)."""
    kin = gate_kinetics(v_mV, p["temperature"], p["q10"])
    return ionic_current(v_mV, kin["m"][0], kin["h"][0], kin["n"][0], p)


def resting_potential(p: dict[str, float]) -> float:
    """The stable zero of the steady-state I–V curve (mV), or NaN if the membrane has none.

    A stable rest is a zero where the steady-state current rises with voltage; among those the one
    closest to ``v_init`` is returned (the HH membrane has exactly one for default parameters).
    """
    grid = np.linspace(-120.0, 40.0, 1601)
    current = steady_state_current(grid, p)
    rising = np.flatnonzero((current[:-1] < 0.0) & (current[1:] >= 0.0))
    if rising.size == 0:
        return float("nan")
    roots = [
        brentq(lambda v: float(steady_state_current(v, p)), grid[i], grid[i + 1], xtol=1e-10)
        for i in rising
    ]
    return float(min(roots, key=lambda v: abs(v - p["v_init"])))
