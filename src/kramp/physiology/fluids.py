"""The body's water and salts on a slow clock: extracellular and intracellular fluid in osmotic
equilibrium, the plasma sodium and potassium and the osmolality they give, and what drinking,
sweating and urine do to them.

Two compartments share the body's water in osmotic equilibrium within minutes (water crosses cell
membranes freely; the cells' solutes do not): with effective osmoles ``O_e`` outside and ``O_i``
inside the cells, every compartment has the osmolality ``π = (O_e + O_i) / W`` of the total body
water ``W``, the extracellular volume is ``O_e / π`` and the cells hold the rest. Sodium and
potassium are exchanged with the outside world as salts, so each millimole gained or lost moves
two milliosmoles (the cation and its anion, chloride or bicarbonate). The extracellular sodium and
potassium are spread over the extracellular volume, so the plasma concentrations follow from the
contents and ``π``: the mass balance of Edelman et al. (1958) behind the Adrogué–Madias formula.
Osmotic coefficients below 1 and the Gibbs–Donnan distribution between plasma and interstitium are
left out, so plasma and interstitial fluid hold the same concentrations.

Everything is bookkeeping of amounts — litres of water, millimoles of sodium and potassium,
milliosmoles — so water and salt are conserved to rounding whatever the exchanges
(:func:`exchange`), and the state never has to be integrated at the fast simulation's time step:
the concentrations it hands to :mod:`kramp.physiology.ions` (:func:`interstitial_ions`) are
computed from it whenever asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kramp.params import Param, ParameterTable

REFERENCES = {
    "edelman1958": (
        "Edelman IS, Leibman J, O'Meara MP, Birkenfeld LW (1958) Interrelations between serum "
        "sodium concentration, serum osmolarity and total exchangeable sodium, total "
        "exchangeable potassium and total body water. J Clin Invest 37:1236–1256 (not "
        "re-checked): plasma Na follows exchangeable (Na + K) over total body water"
    ),
    "watson1980": (
        "Total body water about 0.6 of body mass in young men and 0.5 in women, the fractions "
        "of the Adrogué–Madias formula (Adrogué HJ, Madias NE 2000, N Engl J Med 342:1581–1589; "
        "Spasovski G et al. 2014, Eur J Endocrinol 170:G1–G47); range after Watson PE, Watson "
        "ID, Batt RD (1980) Am J Clin Nutr 33:27–39 (not re-checked)"
    ),
    "fluid_compartments": (
        "Extracellular fluid about one third of total body water, intracellular two thirds "
        "(e.g. Bhave G, Neilson EG 2011, J Am Soc Nephrol 22:1556–1562; Boron & Boulpaep 2017, "
        "Medical Physiology)"
    ),
    "plasma_osmolality": (
        "Normal plasma osmolality 275–295 mOsm/kg (e.g. Spasovski G et al. 2014, Eur J "
        "Endocrinol 170:G1–G47)"
    ),
    "spasovski2014": (
        "Spasovski G et al. (2014) Clinical practice guideline on diagnosis and treatment of "
        "hyponatraemia. Eur J Endocrinol 170:G1–G47: plasma Na 135–145 mmol/L; hyponatraemia "
        "mild 130–135, moderate 125–129, profound < 125 mmol/L"
    ),
    "statpearls_k": "StatPearls, 'Hypokalemia', NCBI Bookshelf: plasma K 3.5–5.0 mmol/L",
}

PARAMETERS = ParameterTable(
    component="fluids",
    references=REFERENCES,
    params=(
        Param("body_mass", 70.0, "kg", (30.0, 200.0), "watson1980", "body mass", "M"),
        Param("water_fraction", 0.6, "1", (0.4, 0.75), "watson1980",
              "total body water as a share of body mass (0.6 men, 0.5 women)", "TBW/M"),
        Param("extracellular_share", 1.0 / 3.0, "1", (0.25, 0.5), "fluid_compartments",
              "extracellular share of total body water", "ECF/TBW"),
        Param("plasma_sodium", 140.0, "mM", (100.0, 180.0), "spasovski2014",
              "plasma (and interstitial) Na⁺ at the start", "[Na]p"),
        Param("plasma_potassium", 4.0, "mM", (1.0, 10.0), "statpearls_k",
              "plasma (and interstitial) K⁺ at the start", "[K]p"),
        Param("osmolality", 287.0, "mOsm/kg", (250.0, 330.0), "plasma_osmolality",
              "plasma osmolality at the start", "π"),
    ),
)

# Spasovski et al. 2014: the lower bounds of mild and moderate hyponatraemia, and normal's top
HYPONATRAEMIA_CLASSES = (("profound", 125.0), ("moderate", 130.0), ("mild", 135.0))


@dataclass(frozen=True)
class BodyFluids:
    """The amounts in one person's body (module doc): water in L (1 kg), milliosmoles and
    millimoles. The concentrations are properties computed from them."""

    water_L: float
    extracellular_osmoles: float
    intracellular_osmoles: float
    extracellular_sodium_mmol: float
    extracellular_potassium_mmol: float

    @property
    def osmolality(self) -> float:
        """mOsm/kg, the same in every compartment."""
        return (self.extracellular_osmoles + self.intracellular_osmoles) / self.water_L

    @property
    def extracellular_L(self) -> float:
        return self.extracellular_osmoles / self.osmolality

    @property
    def intracellular_L(self) -> float:
        return self.intracellular_osmoles / self.osmolality

    @property
    def plasma_sodium(self) -> float:
        return self.extracellular_sodium_mmol / self.extracellular_L

    @property
    def plasma_potassium(self) -> float:
        return self.extracellular_potassium_mmol / self.extracellular_L


def at_rest(values: dict[str, float] | None = None) -> BodyFluids:
    """A person's fluids from the parameters (defaults where not given)."""
    p = PARAMETERS.defaults() | (values or {})
    water = p["body_mass"] * p["water_fraction"]
    outside = water * p["extracellular_share"]
    return BodyFluids(water_L=water,
                      extracellular_osmoles=p["osmolality"] * outside,
                      intracellular_osmoles=p["osmolality"] * (water - outside),
                      extracellular_sodium_mmol=p["plasma_sodium"] * outside,
                      extracellular_potassium_mmol=p["plasma_potassium"] * outside)


def exchange(fluids: BodyFluids, *, water_L: float = 0.0, sodium_mmol: float = 0.0,
             potassium_mmol: float = 0.0) -> BodyFluids:
    """The fluids after a gain (positive) or loss (negative) of water and of sodium and
    potassium salts through the extracellular fluid: a drink, sweat, urine, a diet.

    A loss larger than what the body holds is refused (ValueError): it would not be a body.
    """
    after = replace(
        fluids,
        water_L=fluids.water_L + water_L,
        extracellular_osmoles=fluids.extracellular_osmoles
        + 2.0 * (sodium_mmol + potassium_mmol),
        extracellular_sodium_mmol=fluids.extracellular_sodium_mmol + sodium_mmol,
        extracellular_potassium_mmol=fluids.extracellular_potassium_mmol + potassium_mmol)
    if min(after.water_L, after.extracellular_osmoles, after.extracellular_sodium_mmol,
           after.extracellular_potassium_mmol) <= 0.0:
        raise ValueError("the exchange takes more water or salt than the body holds")
    return after


def interstitial_ions(fluids: BodyFluids) -> dict[str, float]:
    """The ``ions`` table's sodium and potassium (mM) these fluids give the fast simulation."""
    return {"sodium": fluids.plasma_sodium, "potassium": fluids.plasma_potassium}


def hyponatraemia_class(plasma_sodium_mM: float) -> str | None:
    """'mild', 'moderate' or 'profound' (Spasovski et al. 2014), None at 135 mmol/L or above."""
    for name, upper in HYPONATRAEMIA_CLASSES:
        if plasma_sodium_mM < upper:
            return name
    return None
