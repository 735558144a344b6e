"""The body's water and salts on a slow clock: extracellular and intracellular fluid in osmotic
equilibrium, the plasma sodium and potassium and the osmolality they give, and what drinking,
sweating and urine do to them.

Two compartments share the body's water in osmotic equilibrium within minutes (water crosses cell
membranes freely; the cells' solutes do not): with effective osmoles ``O_e`` outside and ``O_i``
inside the cells, every compartment has the osmolality ``π = (O_e + O_i) / W`` of the total body
water ``W``, the extracellular volume is ``O_e / π`` and the cells hold the rest. Sodium and
potassium are exchanged with the outside world as salts, so each millimole gained or lost moves
two milliosmoles (the cation and its anion, chloride or bicarbonate). Sodium is gained and lost
by the extracellular fluid. Potassium lives mostly in the cells, and their Na⁺/K⁺ pumps hold its
concentration gradient: after every exchange the cells swap potassium for sodium one for one
(which moves no osmoles) until the gradient is what it was at rest, so the few millimoles sweat
carries off come in effect from the ~3,900 in the cells. The extracellular sodium and potassium are
spread over the extracellular volume, so the plasma concentrations follow from the contents and
``π``: the mass balance of Edelman et al. (1958) behind the Adrogué–Madias formula.
Osmotic coefficients below 1 and the Gibbs–Donnan distribution between plasma and interstitium are
left out, so plasma and interstitial fluid hold the same concentrations.

Everything is bookkeeping of amounts — litres of water, millimoles of sodium and potassium,
milliosmoles — so water and salt are conserved to rounding whatever the exchanges
(:func:`exchange`), and the state never has to be integrated at the fast simulation's time step:
the concentrations it hands to :mod:`kramp.physiology.ions` (:func:`interstitial_ions`) are
computed from it whenever asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.physiology import acid_base

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
        "Extracellular fluid about one third of total body water, intracellular two thirds; "
        "intracellular K⁺ about 140 and Na⁺ about 12 mmol/L (e.g. Bhave G, Neilson EG 2011, "
        "J Am Soc Nephrol 22:1556–1562; Boron & Boulpaep 2017, Medical Physiology)"
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
    "baker2017": (
        "Baker LB (2017) Sweating rate and sweat sodium concentration in athletes: a review of "
        "methodology and intra/interindividual variability. Sports Med 47 Suppl 1:111–128 (not "
        "re-checked): whole-body sweat Na about 10–90 mmol/L, K about 3–8 mmol/L; sweat rates "
        "up to about 2–3 L/h"
    ),
    "who_ors": (
        "WHO/UNICEF (2002) reduced-osmolarity oral rehydration salts: Na 75, K 20, Cl 65, "
        "glucose 75, citrate 10 mmol/L"
    ),
    "fluid_protocol": "what the person drinks and sweats: set by the scenario",
    "adolph1947": (
        "Adolph EF and associates (1947) Physiology of Man in the Desert. Interscience, New York "
        "(not re-checked): water deficits of about 15–20 % of body mass are fatal in man"
    ),
}

# The largest net loss of body mass (sweat less drink) a living person can have (Adolph 1947).
SURVIVABLE_MASS_LOSS = 0.15

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
        Param("intracellular_potassium", 140.0, "mM", (100.0, 170.0), "fluid_compartments",
              "K⁺ of the intracellular water", "[K]i"),
        Param("intracellular_sodium", 12.0, "mM", (5.0, 30.0), "fluid_compartments",
              "Na⁺ of the intracellular water", "[Na]i"),
    ),
)

# What happened to the person's water and salt before the fast simulation begins: sweat, then
# a drink (applied in that order; each a total over the episode).
BALANCE = ParameterTable(
    component="fluid_balance",
    references=REFERENCES,
    params=(
        Param("sweat", 0.0, "L", (0.0, 15.0), "baker2017", "sweat lost", "V_sw"),
        Param("sweat_sodium", 40.0, "mM", (5.0, 120.0), "baker2017",
              "Na⁺ of the sweat", "[Na]sw"),
        Param("sweat_potassium", 5.0, "mM", (1.0, 20.0), "baker2017",
              "K⁺ of the sweat", "[K]sw"),
        Param("drink", 0.0, "L", (0.0, 20.0), "fluid_protocol", "volume drunk and retained",
              "V_dr"),
        Param("drink_sodium", 0.0, "mM", (0.0, 200.0), "who_ors",
              "Na⁺ of the drink (plain water 0, oral rehydration solution 75)", "[Na]dr"),
        Param("drink_potassium", 0.0, "mM", (0.0, 40.0), "who_ors",
              "K⁺ of the drink (plain water 0, oral rehydration solution 20)", "[K]dr"),
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
    intracellular_potassium_mmol: float
    intracellular_sodium_mmol: float
    potassium_gradient: float  # [K]i / [K]e that the pumps hold

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
                      extracellular_potassium_mmol=p["plasma_potassium"] * outside,
                      intracellular_potassium_mmol=p["intracellular_potassium"]
                      * (water - outside),
                      intracellular_sodium_mmol=p["intracellular_sodium"] * (water - outside),
                      potassium_gradient=p["intracellular_potassium"] / p["plasma_potassium"])


def exchange(fluids: BodyFluids, *, water_L: float = 0.0, sodium_mmol: float = 0.0,
             potassium_mmol: float = 0.0) -> BodyFluids:
    """The fluids after a gain (positive) or loss (negative) of water and of sodium and
    potassium salts: a drink, sweat, urine, a diet (module doc: sodium through the extracellular
    fluid, potassium shared with the cells).

    A loss larger than what the body holds is refused (ValueError): it would not be a body.
    """
    after = replace(
        fluids,
        water_L=fluids.water_L + water_L,
        extracellular_osmoles=fluids.extracellular_osmoles
        + 2.0 * (sodium_mmol + potassium_mmol),
        extracellular_sodium_mmol=fluids.extracellular_sodium_mmol + sodium_mmol,
        extracellular_potassium_mmol=fluids.extracellular_potassium_mmol + potassium_mmol)
    # the pumps' one-for-one swap, which moves no osmoles and so no water
    total = after.extracellular_potassium_mmol + after.intracellular_potassium_mmol
    outside = total * after.extracellular_L / (
        after.extracellular_L + after.potassium_gradient * after.intracellular_L)
    swapped = outside - after.extracellular_potassium_mmol
    after = replace(after, extracellular_potassium_mmol=outside,
                    intracellular_potassium_mmol=total - outside,
                    extracellular_sodium_mmol=after.extracellular_sodium_mmol - swapped,
                    intracellular_sodium_mmol=after.intracellular_sodium_mmol + swapped)
    if min(after.water_L, after.extracellular_osmoles, after.intracellular_osmoles,
           after.extracellular_sodium_mmol, after.extracellular_potassium_mmol,
           after.intracellular_potassium_mmol) <= 0.0:
        raise ValueError("the exchange takes more water or salt than the body holds")
    return after


def after_balance(values: dict[str, float] | None = None) -> BodyFluids:
    """A person's fluids (``PARAMETERS`` values) after the sweat and drink of ``BALANCE``
    (values of both tables in one mapping; defaults where not given)."""
    p = PARAMETERS.defaults() | BALANCE.defaults() | (values or {})
    body = at_rest({param.name: p[param.name] for param in PARAMETERS})
    body = exchange(body, water_L=-p["sweat"], sodium_mmol=-p["sweat"] * p["sweat_sodium"],
                    potassium_mmol=-p["sweat"] * p["sweat_potassium"])
    return exchange(body, water_L=p["drink"], sodium_mmol=p["drink"] * p["drink_sodium"],
                    potassium_mmol=p["drink"] * p["drink_potassium"])


def interstitial_ions(fluids: BodyFluids) -> dict[str, float]:
    """The ``ions`` table's sodium and potassium (mM) these fluids give the fast simulation."""
    return {"sodium": fluids.plasma_sodium, "potassium": fluids.plasma_potassium}


def scenario_params() -> dict[str, Param]:
    """Every key a scenario's ``[fluids]`` table may set: the body's water and salts, what was
    sweated and drunk, and the blood's acid–base state, calcium and magnesium."""
    return {param.name: param for table in (PARAMETERS, BALANCE, acid_base.PARAMETERS)
            for param in table}


def mass_loss_percent(values: Mapping[str, float] | None = None) -> float:
    """Net body-mass loss (sweat less drink; a litre of water weighs a kilogram), % of mass."""
    p = PARAMETERS.defaults() | BALANCE.defaults() | dict(values or {})
    return 100.0 * (p["sweat"] - p["drink"]) / p["body_mass"]


def membrane_ions(values: Mapping[str, float] | None = None) -> dict[str, float]:
    """The ``ions`` a scenario's ``[fluids]`` values give the membranes: Na and K from the body's
    water and salt after the balance, ionised Ca and Mg and the pH from the blood
    (:mod:`kramp.physiology.acid_base`). An impossible body (a loss past the survivable, an
    arterial pH outside 6.8–7.8) is refused with KrampInputError."""
    values = dict(values or {})
    loss = mass_loss_percent(values)
    if loss > 100.0 * SURVIVABLE_MASS_LOSS:
        raise KrampInputError(
            f"`fluids.sweat` less `fluids.drink` is a body-mass loss of {loss:.1f} %; allowed: "
            f"at most {100.0 * SURVIVABLE_MASS_LOSS:g} % of `fluids.body_mass` (losses of "
            "15–20 % are fatal)", field="fluids.sweat")
    body = {name: values[name] for name in (*PARAMETERS.defaults(), *BALANCE.defaults())
            if name in values}
    blood = {name: values[name] for name in acid_base.PARAMETERS.defaults() if name in values}
    try:
        body_ions = interstitial_ions(after_balance(body))
    except ValueError as error:
        raise KrampInputError(f"`fluids`: {error}", field="fluids.sweat") from None
    return body_ions | acid_base.interstitial_ions(acid_base.plasma(blood))


def hyponatraemia_class(plasma_sodium_mM: float) -> str | None:
    """'mild', 'moderate' or 'profound' (Spasovski et al. 2014), None at 135 mmol/L or above."""
    for name, upper in HYPONATRAEMIA_CLASSES:
        if plasma_sodium_mM < upper:
            return name
    return None
