"""The ions that excitable membranes feel: interstitial concentrations, temperature and pH.

The ``ions`` component holds the interstitial Na⁺, K⁺, ionised Ca²⁺ and Mg²⁺, Cl⁻, the pH and the
tissue temperature around the motor axons and the muscle fibres of a person. Its defaults are
normal human values; the body-fluid model will compute them (today a scenario sets them, e.g.
``--set ions.calcium=0.8``). Nothing here integrates anything; the membranes take three things
from these values.

**Reversal potentials** (Nernst), with R and F from CODATA 2018 and T in kelvin::

    E_X = (R T / z F) ln([X]o / [X]i)

**Resting potential of a membrane permeable to K, Na and Cl** (Goldman 1943; Hodgkin & Katz
1949)::

    V = (R T / F) ln((P_K [K]o + P_Na [Na]o + P_Cl [Cl]i) / (P_K [K]i + P_Na [Na]i + P_Cl [Cl]o))

**Surface potential and the gating shift.** Fixed negative charges near the Na channels of
myelinated nerve set up an outer surface potential ψ₀; the channels' voltage sensors feel the
potential across the membrane proper, V − ψ₀, so their gating curves lie at V½ + ψ₀ on the axis
of the measured potential. Divalent cations screen the charges and bind to them, so lowering Ca²⁺
or Mg²⁺ makes ψ₀ more negative and moves gating toward rest, and acid protonates them. kramp uses
the model with which Hille, Woodhull & Shapiro (1975) explained their voltage-clamp shifts in
frog nodes: a Gouy–Chapman diffuse double layer (the Grahame equation)::

    σ(ψ₀)² = 2 ε_r ε₀ R T Σ_i c_i (exp(−z_i F ψ₀ / R T) − 1)        (sign of σ = sign of ψ₀)

over two acidic groups (pKa 2.88 and 4.58; 0.9 and 0.58 charges per nm²; both bind Ca²⁺ with
dissociation constant 28 M) and a basic group (pKa 6.28; 0.33 per nm²), each in equilibrium with
the ion concentrations at the surface, c_s = c exp(−z F ψ₀ / R T). Mg²⁺ screens but is not bound
(Hille et al. ranked its effect below Ca²⁺'s and gave no binding constant for it). The gating shift
of a membrane is ψ₀ at the person's ions minus ψ₀ at the defaults, at which every membrane's
kinetics are given; it is applied equally to the activation and inactivation of Na and K channels
("the same surface-charge mechanism acts on activation", E4). None of these constants was tuned
to a kramp target: E4 (squid, 10–100 mM Ca) and E5 (the tetany threshold) test them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from scipy.optimize import brentq

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable

REFERENCES = {
    "codata2018": "CODATA 2018: R = 8.314462618 J/(mol K), F = 96485.33212 C/mol (exact SI values)",
    "spasovski2014": (
        "Spasovski G et al. (2014) Clinical practice guideline on diagnosis and treatment of "
        "hyponatraemia. Eur J Endocrinol 170:G1–G47: normal plasma Na 135–145 mmol/L"
    ),
    "statpearls_k": (
        "StatPearls, 'Hypokalemia' and 'Hyperkalemia', NCBI Bookshelf: plasma K 3.5–5.0 mmol/L "
        "(secondary)"
    ),
    "clinchem1978": (
        "'Measurement of free calcium ion in capillary blood and serum', Clin Chem 1978;24:1545–"
        "1552 (authors not re-checked): serum ionised Ca 1.184 ± 0.054 mmol/L (± 2 SD)"
    ),
    "altura1994": (
        "Altura BT, Altura BM (1994) Scand J Clin Lab Invest Suppl 217:5–9 (not re-checked): "
        "serum ionised Mg about 0.53–0.67 mmol/L with an ion-selective electrode"
    ),
    "statpearls_cl": "StatPearls, 'Hypochloremia', NCBI Bookshelf: plasma Cl 96–106 mmol/L",
    "acid_base": "Arterial pH 7.35–7.45 (any physiology text, e.g. Boron & Boulpaep 2017)",
    "limb_temperature": (
        "Kim JY et al. (2022) Ann Rehabil Med 46:9–23: nerve conduction is studied with the limb "
        "at ≥ 32 °C; resting muscle in a thermoneutral room is about 35 °C (Saltin B, Gagge AP, "
        "Stolwijk JA 1968, J Appl Physiol 25:679–688; not re-checked)"
    ),
    "hille1975": (
        "Hille B, Woodhull AM, Shapiro BI (1975) Negative surface charge near sodium channels of "
        "nerve: divalent ions, monovalent ions, and pH. Philos Trans R Soc Lond B 270:301–318 "
        "(surface groups and Ca binding from the abstract)"
    ),
    "malmberg1956": (
        "Malmberg CG, Maryott AA (1956) Dielectric constant of water from 0° to 100 °C. J Res Natl "
        "Bur Stand 56:1–8: ε_r = 87.740 − 0.40008 t + 9.398e-4 t² − 1.410e-6 t³"
    ),
}

PARAMETERS = ParameterTable(
    component="ions",
    references=REFERENCES,
    params=(
        Param("sodium", 140.0, "mM", (100.0, 180.0), "spasovski2014",
              "interstitial Na⁺ (normal plasma 135–145 mmol/L)", "[Na]o"),
        Param("potassium", 4.0, "mM", (0.5, 12.0), "statpearls_k",
              "interstitial K⁺ (normal plasma 3.5–5.0 mmol/L)", "[K]o"),
        Param("calcium", 1.2, "mM", (0.2, 5.0), "clinchem1978",
              "interstitial ionised Ca²⁺ (normal serum 1.13–1.24 mmol/L)", "[Ca]o"),
        Param("magnesium", 0.55, "mM", (0.05, 3.0), "altura1994",
              "interstitial ionised Mg²⁺ (normal serum about 0.53–0.67 mmol/L)", "[Mg]o"),
        Param("chloride", 104.0, "mM", (60.0, 150.0), "statpearls_cl",
              "interstitial Cl⁻ (normal plasma 96–106 mmol/L)", "[Cl]o"),
        Param("ph", 7.40, "1", (6.8, 7.8), "acid_base",
              "pH of the interstitial fluid (arterial 7.35–7.45)", "pH"),
        Param("temperature", 35.0, "degC", (20.0, 42.0), "limb_temperature",
              "temperature of the limb's nerves and muscles", "T"),
    ),
)

GAS_CONSTANT = 8.314462618  # J/(mol K), CODATA 2018
FARADAY = 96485.33212  # C/mol, CODATA 2018
ZERO_CELSIUS_K = 273.15
VACUUM_PERMITTIVITY = 8.8541878128e-12  # F/m, CODATA 2018
ELEMENTARY_CHARGE = 1.602176634e-19  # C

# Hille, Woodhull & Shapiro (1975): (charges per nm², pKa, sign of the deprotonated group's charge)
SURFACE_ACIDS = ((0.9, 2.88), (0.58, 4.58))
SURFACE_BASE = (0.33, 6.28)
CALCIUM_DISSOCIATION_M = 28.0


def thermal_voltage_mV(temperature_degC: float) -> float:
    """RT/F in mV (26.727 mV at 37 °C)."""
    return 1e3 * GAS_CONSTANT * (temperature_degC + ZERO_CELSIUS_K) / FARADAY


def nernst_mV(valence: int, outside_mM, inside_mM, temperature_degC: float):
    """Equilibrium potential of an ion of ``valence`` (mV); arrays broadcast."""
    import numpy as np

    return (thermal_voltage_mV(temperature_degC) / valence
            * np.log(np.asarray(outside_mM, dtype=float) / np.asarray(inside_mM, dtype=float)))


def ghk_potential_mV(temperature_degC: float, outside: Mapping[str, float],
                     inside: Mapping[str, float], permeability: Mapping[str, float]) -> float:
    """Goldman–Hodgkin–Katz resting potential for K, Na and Cl (module doc); ``permeability``
    holds relative P for any of ``"potassium"``, ``"sodium"``, ``"chloride"``."""
    cations = ("potassium", "sodium")
    p_cl = permeability.get("chloride", 0.0)
    numerator = sum(permeability.get(i, 0.0) * outside[i] for i in cations)
    denominator = sum(permeability.get(i, 0.0) * inside[i] for i in cations)
    numerator += p_cl * inside.get("chloride", 0.0)
    denominator += p_cl * outside.get("chloride", 0.0)
    return thermal_voltage_mV(temperature_degC) * math.log(numerator / denominator)


def water_permittivity(temperature_degC: float) -> float:
    """Relative permittivity of water (Malmberg & Maryott 1956)."""
    t = temperature_degC
    return 87.740 - 0.40008 * t + 9.398e-4 * t**2 - 1.410e-6 * t**3


def bathing_solution(ions: Mapping[str, float]) -> tuple[tuple[float, int], ...]:
    """(concentration mM, valence) of every ion in the double layer: the named ions and, for
    electroneutrality, the remaining anions (HCO₃⁻, proteins, …) as one monovalent anion."""
    cations = ions["sodium"] + ions["potassium"] + 2.0 * (ions["calcium"] + ions["magnesium"])
    others = max(cations - ions["chloride"], 0.0)
    return ((ions["sodium"], 1), (ions["potassium"], 1), (ions["calcium"], 2),
            (ions["magnesium"], 2), (ions["chloride"], -1), (others, -1))


def surface_potential_mV(ions: Mapping[str, float]) -> float:
    """Outer surface potential ψ₀ near the Na channels (module doc), in mV.

    ``ions`` needs the ``PARAMETERS`` names (concentrations in mM, pH, temperature in °C).
    """
    rt_f = thermal_voltage_mV(ions["temperature"]) / 1e3  # V
    kelvin = ions["temperature"] + ZERO_CELSIUS_K
    layer = 2.0 * water_permittivity(ions["temperature"]) * VACUUM_PERMITTIVITY * GAS_CONSTANT \
        * kelvin  # × mol/m³ (= mM) → (C/m²)²
    solution = bathing_solution(ions)
    hydrogen_M = 10.0 ** (-ions["ph"])

    def fixed_charge(psi_V: float) -> float:
        """Charge density of the surface groups (C/m²) with surface concentrations at ψ."""
        boltzmann = math.exp(-psi_V / rt_f)
        h_s = hydrogen_M * boltzmann
        ca_s = ions["calcium"] * 1e-3 * boltzmann**2
        per_nm2 = 0.0
        for density, pka in SURFACE_ACIDS:
            bound = ca_s / CALCIUM_DISSOCIATION_M
            per_nm2 += density * (bound - 1.0) / (1.0 + h_s / 10.0 ** (-pka) + bound)
        density, pka = SURFACE_BASE
        protonated = h_s / 10.0 ** (-pka)
        per_nm2 += density * protonated / (1.0 + protonated)
        return per_nm2 * ELEMENTARY_CHARGE * 1e18

    def mismatch(psi_V: float) -> float:
        screening = sum(c * (math.exp(-z * psi_V / rt_f) - 1.0) for c, z in solution)
        diffuse = math.copysign(math.sqrt(max(layer * screening, 0.0)), psi_V)
        return fixed_charge(psi_V) - diffuse

    return 1e3 * brentq(mismatch, -0.3, 0.3, xtol=1e-9)


def gating_shift_mV(ions: Mapping[str, float]) -> float:
    """How far the person's ions move every gating curve along the voltage axis, in mV:
    ψ₀(ions) − ψ₀(defaults); negative = toward rest (low Ca, low Mg, alkalosis)."""
    return surface_potential_mV(ions) - surface_potential_mV(PARAMETERS.defaults())


def check_concentrations(values: Mapping[str, float]) -> None:
    """Refuse a set of ions that no body fluid can hold: anions exceeding cations."""
    solution = bathing_solution(values)
    if values["chloride"] > sum(c * z for c, z in solution if z > 0):
        raise KrampInputError(
            f"`ions.chloride` must not exceed the cations' charge "
            f"({sum(c * z for c, z in solution if z > 0):g} mM), got {values['chloride']:g} mM",
            field="ions.chloride")
