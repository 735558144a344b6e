"""Targets E1 and E4: the potentials ions set, and how calcium moves gating.

- E1: Nernst and GHK potentials of the mammalian skeletal-muscle concentration set at 37 °C.
- E4: a tenfold rise of external Ca²⁺ (10 → 100 mM) moves the squid axon's h∞ curve about
  10 mV in the depolarising direction; in kramp the shift is the surface potential of Hille,
  Woodhull & Shapiro (1975) (``kramp.physiology.ions``), applied to the HH 1952 membrane.

Each ``target_e*`` returns ``{"id", "quantity", "published", "band", "model_value", "passed",
"source"}``, computed each time; a failing target reports its measured value.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import curve_fit

from kramp.physiology import hh_membrane, ions

# --- E1: Nernst and GHK at 37 °C ---------------------------------------------------------------
E1_TEMPERATURE_DEGC = 37.0
E1_OUTSIDE = {"sodium": 145.0, "potassium": 4.0, "chloride": 123.0}
E1_INSIDE = {"sodium": 12.0, "potassium": 155.0, "chloride": 4.2}
E1_CALCIUM_MM = (1.5, 100e-6)  # outside, free inside
E1_PUBLISHED_MV = {"E_Na": 66.6, "E_K": -97.7, "E_Cl": -90.3, "E_Ca": 128.5, "GHK": -89.5}
E1_TOLERANCE_MV = 0.1


def e1_potentials_mV() -> dict[str, float]:
    t = E1_TEMPERATURE_DEGC
    return {
        "E_Na": float(ions.nernst_mV(1, E1_OUTSIDE["sodium"], E1_INSIDE["sodium"], t)),
        "E_K": float(ions.nernst_mV(1, E1_OUTSIDE["potassium"], E1_INSIDE["potassium"], t)),
        "E_Cl": float(ions.nernst_mV(-1, E1_OUTSIDE["chloride"], E1_INSIDE["chloride"], t)),
        "E_Ca": float(ions.nernst_mV(2, *E1_CALCIUM_MM, t)),
        "GHK": ions.ghk_potential_mV(t, E1_OUTSIDE, E1_INSIDE,
                                     {"potassium": 1.0, "sodium": 0.01}),
    }


def target_e1() -> dict:
    model = e1_potentials_mV()
    worst = max(abs(model[k] - v) for k, v in E1_PUBLISHED_MV.items())
    return {
        "id": "E1",
        "quantity": "Nernst and GHK potentials at 37 °C (Na 145/12, K 4/155, Cl 123/4.2 mM, "
                    "Ca 1.5 mM/100 nM; P_K:P_Na 1:0.01)",
        "published": ", ".join(f"{k} {v:+.1f} mV" for k, v in E1_PUBLISHED_MV.items()),
        "band": f"each within ±{E1_TOLERANCE_MV} mV",
        "model_value": ", ".join(f"{k} {v:+.2f} mV" for k, v in model.items())
                       + f"; RT/F {ions.thermal_voltage_mV(E1_TEMPERATURE_DEGC):.3f} mV",
        "passed": bool(worst <= E1_TOLERANCE_MV),
        "source": "Nernst and Goldman–Hodgkin–Katz equations; CODATA 2018 R and F",
    }


# --- E4: Ca²⁺ shift of the squid h∞ curve --------------------------------------------------------
# Loligo artificial sea water (430 Na, 10 K, 10 Ca, 50 Mg mM, Cl to balance, pH 7.8) at the HH
# rates' 6.3 °C; the study raised Ca from 10 to 100 mM.
E4_SEA_WATER = {"sodium": 430.0, "potassium": 10.0, "calcium": 10.0, "magnesium": 50.0,
                "ph": 7.8, "temperature": hh_membrane.RATE_REFERENCE_TEMPERATURE_DEGC}
E4_CALCIUM_MM = (10.0, 30.0, 100.0)
E4_BAND_MV_PER_DECADE = (7.0, 13.0)


def sea_water(calcium_mM: float) -> dict[str, float]:
    """E4's sea water at ``calcium_mM``, chloride balancing the cations."""
    solution = {**E4_SEA_WATER, "calcium": calcium_mM}
    solution["chloride"] = (solution["sodium"] + solution["potassium"]
                            + 2.0 * (solution["calcium"] + solution["magnesium"]))
    return solution


def h_infinity_midpoint_mV(shift_mV: float) -> float:
    """V½ of the HH membrane's h∞ (Boltzmann fit over −100…−20 mV) with gating moved by
    ``shift_mV`` — the steady-state inactivation a long-prepulse two-pulse protocol measures."""
    p = hh_membrane.PARAMETERS.defaults()
    v = np.linspace(-100.0, -20.0, 161)
    h_inf = hh_membrane.gate_kinetics(v - shift_mV, p["temperature"], p["q10"])["h"][0]
    (half, _slope), _ = curve_fit(lambda x, a, k: 1.0 / (1.0 + np.exp((x - a) / k)), v, h_inf,
                                  p0=(-60.0, 7.0))
    return float(half)


def target_e4() -> dict:
    low, high = E4_BAND_MV_PER_DECADE
    psi = [ions.surface_potential_mV(sea_water(c)) for c in E4_CALCIUM_MM]
    half = [h_infinity_midpoint_mV(p - psi[0]) for p in psi]
    per_decade = (half[-1] - half[0]) / np.log10(E4_CALCIUM_MM[-1] / E4_CALCIUM_MM[0])
    return {
        "id": "E4",
        "quantity": "shift of the squid h∞ midpoint with external Ca²⁺ (10 → 100 mM, sea water "
                    "with 50 mM Mg), surface charge of Hille, Woodhull & Shapiro 1975",
        "published": "about +10 mV per tenfold rise of [Ca]o, slope unchanged",
        "band": f"{low:g}–{high:g} mV per tenfold, depolarising",
        "model_value": ", ".join(f"{c:g} mM: V½ {h:.2f} mV" for c, h in
                                 zip(E4_CALCIUM_MM, half, strict=True))
                       + f"; {per_decade:+.1f} mV per tenfold",
        "passed": bool(low <= per_decade <= high),
        "source": ("Loligo voltage-clamp study at 10–100 mM Ca (targets.md E4; authors not "
                   "re-checked); Frankenhaeuser B, Hodgkin AL 1957, J Physiol 137:218–244; "
                   "Hille B, Woodhull AM, Shapiro BI 1975, Philos Trans R Soc B 270:301–318"),
    }
