"""The membrane of one active site of a human motor axon: a node of Ranvier, in the person's ions.

The node is the mammalian "CRRSS" node of ``kramp.physiology.axon`` (Sweeney, Mortimer & Durand
1987, on the rabbit data of Chiu et al. 1979): fast Na⁺ (m²h) and a leak, the membrane with which
``kramp.engine.cable`` computes every unit's conduction velocity, so the sites that fire and the
cable that conducts are the same membrane. Here it is one isopotential patch per site, stepped by
the axon component (``kramp.engine.components.axons``)::

    C dV/dt = −ḡ_Na m² h (V − E_Na) − ḡ_L (V − E_L) + I_stim

What the person's ions change (``kramp.physiology.ions``):

* temperature: every rate × Q10^((T − 37 °C)/10) (Q10 2.2 for m, 2.9 for h);
* reversal potentials: E_Na moves with the Nernst potential of Na⁺ across the axolemma and E_L
  with that of K⁺ (the node's leak is mostly K⁺), each from its value at the default ions;
* the divalent surface charge: every gate's rates are evaluated at V − ψ, with ψ =
  ``ions.gating_shift_mV`` (negative when Ca²⁺, Mg²⁺ or H⁺ fall).

Not modelled yet: the node's persistent Na⁺ and slow (Kv7) K⁺ and the internode's fast K⁺ (Kv1)
and HCN channels that human threshold-tracking studies resolve (Bostock, Baker & Reid 1991;
Howells et al. 2012). Without them the site has no slow afterpotentials and no accommodation,
and it cannot oscillate, so ectopic discharges from low Ca²⁺ cannot arise here (target E5 says
how far that is from the clinic).

Integration: exponential Euler for the gates and for V given the step's conductances, stable at
any step; ``site_step`` (Numba, one site) and ``site_step_numpy`` (any array of sites) agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numba
import numpy as np
from scipy.optimize import brentq

from kramp.params import Param, ParameterTable, Variable, rows, variable_rows
from kramp.physiology import axon, ions

REFERENCES = {
    **axon.REFERENCES,
    "axoplasm": (
        "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed., Sinauer: mammalian "
        "axoplasm about 10–15 mM Na⁺ and 140–155 mM K⁺ (not re-checked)"
    ),
}

PARAMETERS = ParameterTable(
    component="motor_axon",
    references=REFERENCES,
    params=(
        *(p for p in axon.NODE_MEMBRANE if p.name not in ("temperature", "v_init")),
        Param("sodium_inside", 12.0, "mM", (4.0, 30.0), "axoplasm",
              "axoplasmic Na⁺ (sets how E_Na follows external Na⁺)", "[Na]i"),
        Param("potassium_inside", 150.0, "mM", (100.0, 180.0), "axoplasm",
              "axoplasmic K⁺ (sets how E_L follows external K⁺)", "[K]i"),
    ),
)

VARIABLES = (
    Variable("v", "mV", "membrane potential of the node"),
    Variable("m", "1", "Na⁺ activation"),
    Variable("h", "1", "Na⁺ inactivation"),
)
S = variable_rows(VARIABLES)
N_VAR = len(VARIABLES)
# Everything ``site_step`` needs, in this order.
K = rows(("cm", "g_na", "g_leak", "e_na", "e_leak", "shift", "phi_m", "phi_h"))
REST_GUESS_MV = -80.0  # CRRSS rest (Sweeney et al. 1987)


def site_constants(axon_values: Mapping[str, float] | None = None,
                   ion_values: Mapping[str, float] | None = None) -> np.ndarray:
    """The step constants ``K`` of one person's sites (module doc)."""
    p = PARAMETERS.resolve(axon_values or {})
    here = {**ions.PARAMETERS.defaults(), **(ion_values or {})}
    normal = ions.PARAMETERS.defaults()

    def nernst_change(ion: str, inside: float) -> float:
        return float(ions.nernst_mV(1, here[ion], inside, here["temperature"])
                     - ions.nernst_mV(1, normal[ion], inside, normal["temperature"]))

    k = np.zeros(len(K))
    k[K.cm], k[K.g_na], k[K.g_leak] = p["cm"], p["g_na"], p["g_leak"]
    k[K.e_na] = p["e_na"] + nernst_change("sodium", p["sodium_inside"])
    k[K.e_leak] = p["e_leak"] + nernst_change("potassium", p["potassium_inside"])
    k[K.shift] = ions.gating_shift_mV(here)
    dt_c = (here["temperature"] - axon.NODE_RATE_REFERENCE_TEMPERATURE_DEGC) / 10.0
    k[K.phi_m], k[K.phi_h] = p["q10_m"] ** dt_c, p["q10_h"] ** dt_c
    return k


@numba.njit(cache=True)
def _rates(v, k):
    """(α_m, β_m, α_h, β_h) in 1/ms at V (CRRSS, ``axon.node_rate_constants``, shifted)."""
    u = v - k[K.shift] + 80.0
    alpha_m = (97.0 + 0.363 * u) / (1.0 + math.exp((31.0 - u) / 5.3))
    beta_m = alpha_m / math.exp((u - 23.8) / 4.17)
    beta_h = 15.6 / (1.0 + math.exp((24.0 - u) / 10.0))
    alpha_h = beta_h / math.exp((u - 5.5) / 5.0)
    return (alpha_m * k[K.phi_m], beta_m * k[K.phi_m], alpha_h * k[K.phi_h],
            beta_h * k[K.phi_h])


@numba.njit(cache=True)
def site_step(y, i_stim_uA_per_cm2, dt_ms, k):
    """Advance one site ``y = (V, m, h)`` by ``dt_ms`` in place; returns the new V (mV)."""
    v = y[0]
    alpha_m, beta_m, alpha_h, beta_h = _rates(v, k)
    total_m, total_h = alpha_m + beta_m, alpha_h + beta_h
    m = alpha_m / total_m + (y[1] - alpha_m / total_m) * math.exp(-dt_ms * total_m)
    h = alpha_h / total_h + (y[2] - alpha_h / total_h) * math.exp(-dt_ms * total_h)
    g_na = k[K.g_na] * m * m * h
    g_total = g_na + k[K.g_leak]
    v_inf = (g_na * k[K.e_na] + k[K.g_leak] * k[K.e_leak] + i_stim_uA_per_cm2) / g_total
    v = v_inf + (v - v_inf) * math.exp(-dt_ms * g_total / k[K.cm])
    y[0], y[1], y[2] = v, m, h
    return v


def site_step_numpy(y: np.ndarray, i_stim_uA_per_cm2, dt_ms: float, k: np.ndarray) -> np.ndarray:
    """``site_step`` on ``y[N_VAR, ...]`` (any number of sites, one person), with NumPy."""
    u = y[S.v] - k[K.shift] + 80.0
    rates = axon.node_rate_constants(u - 80.0)
    alpha_m, beta_m = (r * k[K.phi_m] for r in rates["m"])
    alpha_h, beta_h = (r * k[K.phi_h] for r in rates["h"])
    gates = []
    for x, alpha, beta in ((y[S.m], alpha_m, beta_m), (y[S.h], alpha_h, beta_h)):
        inf = alpha / (alpha + beta)
        gates.append(inf + (x - inf) * np.exp(-dt_ms * (alpha + beta)))
    m, h = gates
    g_na = k[K.g_na] * m**2 * h
    g_total = g_na + k[K.g_leak]
    v_inf = (g_na * k[K.e_na] + k[K.g_leak] * k[K.e_leak] + i_stim_uA_per_cm2) / g_total
    y[S.v] = v_inf + (y[S.v] - v_inf) * np.exp(-dt_ms * g_total / k[K.cm])
    y[S.m], y[S.h] = m, h
    return y[S.v]


def _steady_gates(v_mV: float, k: np.ndarray) -> tuple[float, float]:
    alpha_m, beta_m, alpha_h, beta_h = _rates(v_mV, k)
    return alpha_m / (alpha_m + beta_m), alpha_h / (alpha_h + beta_h)


def steady_current(v_mV: float, k: np.ndarray) -> float:
    """Ionic current density (µA/cm², outward positive) with the gates at steady state."""
    m, h = _steady_gates(v_mV, k)
    return k[K.g_na] * m * m * h * (v_mV - k[K.e_na]) + k[K.g_leak] * (v_mV - k[K.e_leak])


def initial_state(k: np.ndarray) -> np.ndarray:
    """The site at rest: the stable zero of the steady-state current nearest −80 mV."""
    grid = np.linspace(-120.0, 0.0, 1201)
    current = np.array([steady_current(v, k) for v in grid])
    rising = np.flatnonzero((current[:-1] < 0.0) & (current[1:] >= 0.0))
    roots = [brentq(steady_current, grid[i], grid[i + 1], args=(k,), xtol=1e-10)
             for i in rising]
    v = min(roots, key=lambda r: abs(r - REST_GUESS_MV))
    return np.array([v, *_steady_gates(v, k)])
