"""Venous blood lactate after an ischaemic exercise test, from the lactate the fibres' glycolysis
made (target G11).

The fibres keep the ATP their anaerobic glycolysis has made since rest (``fibre.glycolysed``, in
shares of the rested PCr + ATP store; :mod:`kramp.physiology.fibre`). One share is the store's
PCr + ATP per kilogram of dry muscle (Harris et al. 1974), and glycogen broken down to lactate
gives three ATP and two lactate per glucosyl unit, so the muscle's lactate, per kilogram of wet
muscle with dry share δ, is::

    L = 2/3 · g · C_store · δ                     (mmol/kg wet muscle)

with g the glycolysed share averaged over the muscle's units, each weighted by its mass (its
tetanic force). Under a cuff no blood reaches the muscle, so the lactate stays where it was made.
When the cuff comes off it leaves the muscle for the blood with a time constant τ (lactate–proton
cotransport, not blood flow, limits it), into the blood flowing through the muscle at Q per
kilogram, so the venous blood draining the muscle carries (the Fick principle)::

    C_v(t) = C_rest + L e^(−t/τ) / (τ Q)

highest as the blood returns: C_rest + L/(τ Q), the peak the test's 1–5 min samples look for.
The transit from muscle to the sampling vein and the fall of the hyperaemic flow over minutes
are left out, and so is lactate made after the cuff comes off (the fibres no longer work).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "harris1974": (
        "Harris RC, Hultman E, Nordesjö LO (1974) Glycogen, glycolytic intermediates and "
        "high-energy phosphates determined in biopsy samples of musculus quadriceps femoris of "
        "man at rest. Scand J Clin Lab Invest 33:109–120 (not re-checked): ATP about 24 and PCr "
        "about 77 mmol/kg dry muscle"
    ),
    "sjogaard1982": (
        "Sjøgaard G, Saltin B (1982) Extra- and intracellular water spaces in muscles of man at "
        "rest and with dynamic exercise. Am J Physiol 243:R271–R280 (not re-checked): muscle "
        "water about 76 % of wet mass, so its dry share is about a quarter"
    ),
    "kraut2014": (
        "Kraut JA, Madias NE (2014) Lactic acidosis. N Engl J Med 371:2309–2319 (not "
        "re-checked): normal blood lactate about 1 mmol/L, up to about 2 mmol/L"
    ),
    "forearm_hyperaemia": (
        "Peak forearm blood flow after forearm ischaemia, with or without handgrip exercise, "
        "about 20–40 mL per 100 mL of forearm per minute by venous occlusion plethysmography "
        "(e.g. Alomari MA et al. 2001, Int J Sports Med 22:361–365; secondary values, not "
        "re-checked); muscle about 60 % of the forearm's volume, so about 30–70 mL per 100 g of "
        "muscle"
    ),
    "bangsbo1994": (
        "Bangsbo J, Graham T, Johansen L, Saltin B (1994) Muscle lactate metabolism in recovery "
        "from intense exhaustive exercise: impact of light exercise. J Appl Physiol "
        "77:1890–1895: about 60 % of the fall of muscle lactate over the first 10 min of "
        "recovery left in the blood. With muscle lactate about halved over those 10 min "
        "(secondary, not re-checked), release alone empties the muscle with a time constant of "
        "10 min / (0.6 ln 2) ≈ 24 min"
    ),
}

# glycogen → lactate: 3 ATP and 2 lactate per glucosyl unit (any biochemistry text)
LACTATE_PER_GLYCOLYTIC_ATP = 2.0 / 3.0

PARAMETERS = ParameterTable(
    component="lactate",
    references=REFERENCES,
    params=(
        Param("store_content", 24.0 + 77.0, "mmol/kg", (60.0, 130.0), "harris1974",
              "the fibre's rested PCr + ATP store per kg of dry muscle (the store "
              "fibre.glycolysed counts in)", "C_store"),
        Param("dry_share", 0.24, "1", (0.2, 0.3), "sjogaard1982",
              "dry mass per wet mass of muscle", "δ"),
        Param("resting_lactate", 1.0, "mM", (0.5, 2.2), "kraut2014",
              "venous blood lactate at rest", "C_rest"),
        Param("muscle_blood_flow", 50.0, "mL/min/100g", (20.0, 100.0), "forearm_hyperaemia",
              "blood flow through the muscle once the cuff comes off", "Q"),
        Param("release_time", 24.0, "min", (8.0, 60.0), "bangsbo1994",
              "time constant with which the muscle's lactate leaves it for the blood", "τ"),
    ),
)


def muscle_lactate_mmol_per_kg(glycolysed: np.ndarray, unit_mass: np.ndarray,
                               values: Mapping[str, float] | None = None) -> float:
    """Lactate made in the muscle, mmol per kg of wet muscle (module doc), from each unit's
    ``glycolysed`` share and its mass (any measure proportional to it, e.g. tetanic force)."""
    p = PARAMETERS.defaults() | dict(values or {})
    share = float(np.average(glycolysed, weights=unit_mass))
    return LACTATE_PER_GLYCOLYTIC_ATP * share * p["store_content"] * p["dry_share"]


def peak_venous_lactate_mM(muscle_lactate: float,
                           values: Mapping[str, float] | None = None) -> float:
    """The venous lactate as blood returns to a muscle holding ``muscle_lactate`` mmol/kg
    (module doc): resting lactate plus the release over the flow."""
    p = PARAMETERS.defaults() | dict(values or {})
    release_min = p["release_time"]
    flow_L_per_min_kg = p["muscle_blood_flow"] * 1e-2  # mL/min per 100 g → L/min per kg
    return p["resting_lactate"] + muscle_lactate / (release_min * flow_L_per_min_kg)
