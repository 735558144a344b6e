"""Arterial acid–base balance and how much of the plasma's calcium and magnesium is ionised.

**pH** from the arterial CO₂ tension and bicarbonate (Henderson–Hasselbalch, plasma pK' 6.1 and
CO₂ solubility 0.0307 mmol/L per mmHg at 37 °C)::

    pH = 6.1 + log10([HCO3⁻] / (0.0307 PaCO2))

A change of PaCO₂ over minutes (over-breathing, breath-holding) is buffered by the body's
non-bicarbonate buffers before the kidneys act: the bicarbonate falls 0.2 mmol/L for every mmHg
the PaCO₂ falls and rises 0.1 mmol/L for every mmHg it rises (the acute rules of Adrogué &
Madias 1998). The kidneys' slower compensation over days is not modelled, so a scenario's PaCO₂ is
an acute change; a metabolic disorder is a different ``bicarbonate`` (its value at 40 mmHg).

**Calcium.** Plasma calcium is ionised, bound to proteins, or complexed with small anions
(citrate, phosphate, bicarbonate). Each protein offers binding sites that protons and Ca²⁺
compete for (mass action with the site's acid dissociation constant; constants of Takano et al.
2012)::

    [CaP] = S_P · K_P [Ca²⁺] / (1 + K_P [Ca²⁺] + 10^(pKa − pH))

with S the site concentration (per g/L of albumin or globulin), K the Ca²⁺ stability constant
and pKa 7.55 for both. A rise of pH frees sites of protons, so more Ca²⁺ binds and less is
ionised at the same total: the reason over-breathing lowers ionised calcium. The complexed calcium
is a fixed share of the ionised (Moore 1970's ultrafiltrate). Total = ionised + protein-bound +
complexed is solved for the ionised concentration (it rises monotonically with the total).

**Magnesium** is ionised at a fixed share of the total (Altura & Altura 1994); its binding to
proteins is left pH-independent.

The reference person's total calcium, bicarbonate and magnesium are those that give exactly the
``ions`` table's defaults (ionised Ca 1.2 mM, pH 7.40, ionised Mg 0.55 mM), so a person without any
of these values set is the same person with or without them; each of those totals lies in its
clinical normal range. Calcium and magnesium are taken as regulated (parathyroid hormone, bone,
kidney) at their plasma concentrations: they do not follow the water moved by sweat and drinks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from scipy.optimize import brentq

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.physiology import ions

REFERENCES = {
    "henderson_hasselbalch": (
        "Henderson–Hasselbalch equation for plasma: pH = 6.1 + log10([HCO3⁻] / (0.0307 PaCO2)), "
        "pK' 6.1 and CO2 solubility 0.0307 mmol/L per mmHg at 37 °C (e.g. Boron & Boulpaep "
        "2017, Medical Physiology); normal [HCO3⁻] 22–26 mmol/L"
    ),
    "adrogue1998": (
        "Adrogué HJ, Madias NE (1998) Management of life-threatening acid–base disorders. N Engl J "
        "Med 338:26–34 and 107–111 (secondary rules, not re-checked): acute respiratory "
        "alkalosis lowers [HCO3⁻] 0.2 mmol/L per mmHg fall of PaCO2, acute respiratory acidosis "
        "raises it 0.1 mmol/L per mmHg"
    ),
    "arterial_gases": (
        "Normal arterial PaCO2 35–45 mmHg and [HCO3⁻] 22–26 mmol/L (e.g. Boron & Boulpaep 2017, "
        "Medical Physiology)"
    ),
    "takano2012": (
        "Takano S, Kaji H, Hayashi F et al. (2012) Calculation of ionized calcium from total "
        "calcium, albumin, total protein and phosphate by complexation and acid-dissociation "
        "equilibria. Anal Chem Insights 7:23–30, doi 10.4137/ACI.S9681: albumin sites 1.7e-3 "
        "mol/L per g/dL, globulin 2.6e-4 mol/L per g/dL, pKa 7.55, log K(Ca) 2.38 and 2.55"
    ),
    "plasma_proteins": (
        "Serum albumin 35–50 g/L and globulins 20–35 g/L (e.g. StatPearls, 'Biochemistry, "
        "Albumin' and 'Total Protein', NCBI Bookshelf; secondary)"
    ),
    "moore1970": (
        "Moore EW (1970) Ionized calcium in normal serum, ultrafiltrates, and whole blood "
        "determined by ion-exchange electrodes. J Clin Invest 49:318–334, doi 10.1172/JCI106241: "
        "ionised Ca 66.7–90.2 % of the ultrafiltrable (ionised + complexed) calcium; protein "
        "binding obeys the mass law, about 81 % of it on albumin"
    ),
    "total_calcium": (
        "Normal serum total calcium 2.2–2.6 mmol/L (8.8–10.4 mg/dL; e.g. StatPearls, "
        "'Hypocalcemia', NCBI Bookshelf; secondary)"
    ),
    "pham2014": (
        "Pham PC et al. (2014) Hypomagnesemia: a clinical perspective. Int J Nephrol Renovasc Dis "
        "7:219–230, doi 10.2147/IJNRD.S42054: plasma Mg 0.70–1.05 mmol/L"
    ),
    "altura1994": (
        "Altura BT, Altura BM (1994) Scand J Clin Lab Invest Suppl 217:5–9 (not re-checked): "
        "ionised Mg about 0.53–0.67 mmol/L, some 65 % of the total"
    ),
}

# Takano et al. 2012 (per g/dL in the paper, here per g/L of protein)
ALBUMIN_SITES_MM_PER_G_L = 0.17
GLOBULIN_SITES_MM_PER_G_L = 0.026
ALBUMIN_LOG_K = 2.38
GLOBULIN_LOG_K = 2.55
PROTEIN_PKA = 7.55
# Henderson–Hasselbalch for plasma at 37 °C
PK_PRIME = 6.1
CO2_SOLUBILITY_MM_PER_MMHG = 0.0307
NORMAL_PACO2_MMHG = 40.0
# Adrogué & Madias 1998, acute compensation (mmol/L of HCO3⁻ per mmHg of PaCO2)
ACUTE_BICARBONATE_SLOPE_FALL = 0.2
ACUTE_BICARBONATE_SLOPE_RISE = 0.1
# the physiologically possible arterial pH (issue 11; ions' pH range)
PH_RANGE = ions.PARAMETERS["ph"].range


def protein_bound_calcium_mM(ionised_mM: float, ph: float, albumin_g_L: float,
                             globulin_g_L: float) -> float:
    """Calcium bound to albumin and globulins at this ionised Ca and pH (module doc)."""
    protons = 10.0 ** (PROTEIN_PKA - ph)
    bound = 0.0
    for sites, log_k in ((ALBUMIN_SITES_MM_PER_G_L * albumin_g_L, ALBUMIN_LOG_K),
                         (GLOBULIN_SITES_MM_PER_G_L * globulin_g_L, GLOBULIN_LOG_K)):
        k_ca = 10.0 ** log_k * 1e-3 * ionised_mM  # K in L/mol, [Ca²⁺] in mol/L
        bound += sites * k_ca / (1.0 + k_ca + protons)
    return bound


def total_calcium_mM(ionised_mM: float, ph: float, albumin_g_L: float, globulin_g_L: float,
                     complexed_ratio: float) -> float:
    """Total plasma calcium holding this ionised concentration (module doc)."""
    return (ionised_mM * (1.0 + complexed_ratio)
            + protein_bound_calcium_mM(ionised_mM, ph, albumin_g_L, globulin_g_L))


def ionised_calcium_mM(total_mM: float, ph: float, albumin_g_L: float, globulin_g_L: float,
                       complexed_ratio: float) -> float:
    """The ionised calcium of a plasma with this total calcium, pH and proteins."""
    return brentq(lambda ca: total_calcium_mM(ca, ph, albumin_g_L, globulin_g_L,
                                              complexed_ratio) - total_mM,
                  0.0, total_mM, xtol=1e-12)


def bicarbonate_mM(paco2_mmHg: float, bicarbonate_at_normal_mM: float) -> float:
    """Plasma [HCO3⁻] after an acute change of PaCO2 from 40 mmHg (module doc)."""
    change = paco2_mmHg - NORMAL_PACO2_MMHG
    slope = ACUTE_BICARBONATE_SLOPE_RISE if change > 0 else ACUTE_BICARBONATE_SLOPE_FALL
    return bicarbonate_at_normal_mM + slope * change


def arterial_ph(paco2_mmHg: float, bicarbonate: float) -> float:
    """Henderson–Hasselbalch (module doc), [HCO3⁻] in mmol/L."""
    return PK_PRIME + math.log10(bicarbonate / (CO2_SOLUBILITY_MM_PER_MMHG * paco2_mmHg))


_IONS = ions.PARAMETERS.defaults()
_ALBUMIN_G_L = 42.0
_GLOBULIN_G_L = 30.0
# Moore 1970: ionised 66.7–90.2 % of the ultrafiltrable calcium; the middle, 78.5 %
_COMPLEXED_RATIO = 1.0 / 0.785 - 1.0
_MAGNESIUM_TOTAL_MM = 0.85

PARAMETERS = ParameterTable(
    component="acid_base",
    references=REFERENCES,
    params=(
        Param("paco2", NORMAL_PACO2_MMHG, "mmHg", (10.0, 100.0), "arterial_gases",
              "arterial CO₂ tension (an acute change from 40 mmHg: over- or under-breathing)",
              "PaCO2"),
        # the bicarbonate that gives pH 7.40 at 40 mmHg (the ions table's pH)
        Param("bicarbonate", CO2_SOLUBILITY_MM_PER_MMHG * NORMAL_PACO2_MMHG
              * 10.0 ** (_IONS["ph"] - PK_PRIME), "mM", (3.0, 60.0), "arterial_gases",
              "plasma bicarbonate at a PaCO₂ of 40 mmHg (its metabolic part)", "[HCO3]40"),
        Param("albumin", _ALBUMIN_G_L, "g/L", (10.0, 60.0), "plasma_proteins",
              "plasma albumin", "[Alb]"),
        Param("globulin", _GLOBULIN_G_L, "g/L", (10.0, 60.0), "plasma_proteins",
              "plasma globulins", "[Glob]"),
        Param("complexed_calcium_ratio", _COMPLEXED_RATIO, "1", (0.1, 0.5), "moore1970",
              "calcium complexed with small anions per ionised calcium", "CaX/Ca²⁺"),
        # the total that holds the ions table's ionised Ca (1.2 mM) at pH 7.40: 2.41 mM
        Param("total_calcium", total_calcium_mM(_IONS["calcium"], _IONS["ph"], _ALBUMIN_G_L,
                                                _GLOBULIN_G_L, _COMPLEXED_RATIO),
              "mM", (0.8, 4.5), "total_calcium", "plasma total calcium", "[Ca]tot"),
        Param("total_magnesium", _MAGNESIUM_TOTAL_MM, "mM", (0.1, 3.0), "pham2014",
              "plasma total magnesium", "[Mg]tot"),
        Param("ionised_magnesium_share", _IONS["magnesium"] / _MAGNESIUM_TOTAL_MM, "1",
              (0.5, 0.8), "altura1994", "ionised share of the plasma magnesium", "Mg²⁺/Mg"),
    ),
)


def plasma(values: Mapping[str, float] | None = None) -> dict[str, float]:
    """A person's arterial acid–base state and ionised Ca and Mg (``PARAMETERS`` values;
    defaults where not given). A pH outside the possible range is refused (KrampInputError)."""
    p = PARAMETERS.defaults() | dict(values or {})
    bicarbonate = bicarbonate_mM(p["paco2"], p["bicarbonate"])
    ph = arterial_ph(p["paco2"], bicarbonate) if bicarbonate > 0.0 else -math.inf
    low, high = PH_RANGE
    if not low <= ph <= high:
        raise KrampInputError(
            f"`fluids.paco2` {p['paco2']:g} mmHg with `fluids.bicarbonate` "
            f"{p['bicarbonate']:g} mM gives an arterial pH of {ph:.2f}; allowed: a pH in "
            f"[{low:g}, {high:g}], which a living person has", field="fluids.paco2")
    return {"arterial_ph": ph, "paco2_mmHg": p["paco2"], "bicarbonate_mM": bicarbonate,
            "total_calcium_mM": p["total_calcium"],
            "ionised_calcium_mM": ionised_calcium_mM(
                p["total_calcium"], ph, p["albumin"], p["globulin"],
                p["complexed_calcium_ratio"]),
            "total_magnesium_mM": p["total_magnesium"],
            "ionised_magnesium_mM": p["total_magnesium"] * p["ionised_magnesium_share"]}


def interstitial_ions(chemistry: Mapping[str, float]) -> dict[str, float]:
    """The ``ions`` table's ionised Ca, Mg and pH (mM, mM, 1) from :func:`plasma`'s values."""
    return {"calcium": chemistry["ionised_calcium_mM"],
            "magnesium": chemistry["ionised_magnesium_mM"], "ph": chemistry["arterial_ph"]}
