"""The body's water and salts on a slow clock: extracellular and intracellular fluid in osmotic
equilibrium, the plasma sodium, potassium and chloride and the osmolality they give, and what
drinking, sweating and urine do to them.

**Total body water** is the person's own, from their body mass M (kg), height H (cm), age A
(years) and sex by the anthropometric equations of Watson, Watson & Batt (1980), fitted to
deuterium and tritium dilution volumes of adults::

    men:    TBW = 2.447 − 0.09516 A + 0.1074 H + 0.3362 M
    women:  TBW = −2.097 + 0.1069 H + 0.2466 M

(in litres; age did not enter the women's equation). The default person, a man of 70 kg and
175 cm aged 30, has 41.9 L, the 0.6 L/kg of the Adrogué–Madias rule for a young man.

Two compartments share the body's water in osmotic equilibrium within minutes (water crosses cell
membranes freely; the cells' solutes do not): with effective osmoles ``O_e`` outside and ``O_i``
inside the cells, every compartment has the osmolality ``π = (O_e + O_i) / W`` of the total body
water ``W``, the extracellular volume is ``O_e / π`` and the cells hold the rest. Sodium and
potassium are exchanged with the outside world as salts, so each millimole gained or lost moves
two milliosmoles (the cation and a monovalent anion). Sodium is gained and lost
by the extracellular fluid. Potassium lives mostly in the cells, and their Na⁺/K⁺ pumps hold its
concentration gradient: after every exchange the cells swap potassium for sodium one for one
(which moves no osmoles) until the gradient is what it was at rest, so the few millimoles sweat
carries off come in effect from the ~3,900 in the cells. The extracellular sodium and potassium are
spread over the extracellular volume, so the plasma concentrations follow from the contents and
``π``: the mass balance of Edelman et al. (1958) behind the Adrogué–Madias formula.

**Chloride** is the extracellular fluid's main anion; the cells hold little of it, and it is
gained and lost with the salts through the extracellular fluid (sweat, drinks, the diet's NaCl,
urine). Whatever share of an exchanged cation's anion is not chloride is bicarbonate or another
monovalent anion (the citrate of oral rehydration salts counts as its base equivalents), so every
exchange is electroneutral and the osmoles stay two per cation; the extracellular fluid's
anions other than chloride (bicarbonate, proteins, phosphate) are its Na⁺ + K⁺ less its Cl⁻. The
Na⁺/K⁺ swap of the pumps moves no anion, so plasma chloride is the extracellular chloride over
the extracellular volume.
Osmotic coefficients below 1 and the Gibbs–Donnan distribution between plasma and interstitium are
left out, so plasma and interstitial fluid hold the same concentrations.

Everything is bookkeeping of amounts — litres of water, millimoles of sodium, potassium and
chloride, milliosmoles — so water and salt are conserved to rounding whatever the exchanges
(:func:`exchange`), and the state never has to be integrated at the fast simulation's time step:
the concentrations it hands to :mod:`kramp.physiology.ions` (:func:`interstitial_ions`) are
computed from it whenever asked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

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
        "Watson PE, Watson ID, Batt RD (1980) Total body water volumes for adult males and "
        "females estimated from simple anthropometric measurements. Am J Clin Nutr 33:27–39: "
        "TBW (L) = 2.447 − 0.09516 age + 0.1074 height(cm) + 0.3362 mass(kg) for men, "
        "−2.097 + 0.1069 height + 0.2466 mass for women (adults; subjects' ranges not "
        "re-checked)"
    ),
    "adrogue2000": (
        "Adrogué HJ, Madias NE (2000) Hyponatremia. N Engl J Med 342:1581–1589: total body "
        "water about 0.6 of body mass in young men, 0.5 in young women and elderly men, 0.45 in "
        "elderly women"
    ),
    "body_composition": (
        "Fat-free mass is about 73 % water (Pace N, Rathbun EN 1945, J Biol Chem 158:685–691; "
        "not re-checked) and adipose tissue holds little, so total body water lies between "
        "about 0.3 (severe obesity) and 0.75 of body mass"
    ),
    "statpearls_cl": "StatPearls, 'Hypochloremia', NCBI Bookshelf: plasma Cl 96–106 mmol/L",
    "lara2016": (
        "Lara B, Gallo-Salazar C, Puente C et al. (2016) Interindividual variability in sweat "
        "electrolyte concentration in marathoners. J Int Soc Sports Nutr 13:31, doi "
        "10.1186/s12970-016-0141-z (authors not re-checked): sweat Cl 16.4, 31.9 and 54.4 "
        "mmol/L where sweat Na was 21.4, 43.2 and 71.0 mmol/L (Cl/Na 0.74–0.77)"
    ),
    "iom2005": (
        "Institute of Medicine (2005) Dietary Reference Intakes for Water, Potassium, Sodium, "
        "Chloride, and Sulfate. National Academies Press: dietary chloride comes almost "
        "entirely as sodium chloride, so its intake is about equimolar with sodium's"
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
        "glucose 75, citrate 10 mmol/L (the citrate's 30 mEq balance the cations)"
    ),
    "fluid_protocol": "what the person drinks and sweats: set by the scenario",
    "adolph1947": (
        "Adolph EF and associates (1947) Physiology of Man in the Desert. Interscience, New York "
        "(not re-checked): water deficits of about 15–20 % of body mass are fatal in man"
    ),
}

REFERENCES.update({
    "urine_limits": (
        "Urine osmolality spans about 50–1200 mOsm/kg, so the obligatory urine for a day's solute "
        "is about 0.5 L (0.35 mL/min); a normal day's urine is about 1.5 L (1 mL/min) (e.g. "
        "Boron & Boulpaep 2017, Medical Physiology; secondary)"
    ),
    "hew_butler2015": (
        "Hew-Butler T et al. (2015) Statement of the Third International Exercise-Associated "
        "Hyponatremia Consensus Development Conference. Br J Sports Med 49:1432–1446: healthy "
        "kidneys excrete at most about 0.8–1.0 L of free water per hour (13–17 mL/min)"
    ),
    "robertson1976": (
        "Robertson GL, Shelton RL, Athar S (1976) The osmoregulation of vasopressin. Kidney Int "
        "10:25–37 (not re-checked): vasopressin rises from an osmotic threshold near 280–285 "
        "mOsm/kg, and urine goes from maximal dilution to maximal concentration over about "
        "10 mOsm/kg of plasma osmolality"
    ),
    "strauss1958": (
        "Strauss MB, Lamdin E, Smith WP, Bleifer DJ (1958) Surfeit and deficit of sodium: a "
        "kinetic concept of sodium excretion. Arch Intern Med 102:527–536 (not re-checked): after "
        "a change of intake urinary sodium reaches the new balance over 3–5 days; with no intake "
        "it falls to a few mmol a day. Chloride is reabsorbed with sodium along the nephron "
        "(Berend K, van Hulsteijn LH, Gans ROB 2012, Chloride: the queen of electrolytes? Eur J "
        "Intern Med 23:203–211; not re-checked), so its urine follows the same kinetics"
    ),
    "palmer2015": (
        "Palmer BF (2015) Regulation of potassium homeostasis. Clin J Am Soc Nephrol 10:1050–1060 "
        "(not re-checked): about half of an oral potassium load is excreted within 4–6 h; the "
        "kidney cannot lower urinary potassium much below 10–20 mmol/day"
    ),
    "powles2013": (
        "Powles J et al. (2013) Global, regional and national sodium intakes in 1990 and 2010. BMJ "
        "Open 3:e003733: mean adult intake about 3.95 g (172 mmol) of sodium a day"
    ),
    "potassium_intake": (
        "Adult potassium intake about 2.5–3.5 g (65–90 mmol) a day in Western diets (e.g. WHO "
        "2012, Guideline: potassium intake for adults and children; secondary)"
    ),
    "insensible_water": (
        "Insensible water loss through skin and breath about 0.7–0.9 L/day, less about 0.3 L/day "
        "of water made by metabolism (e.g. Boron & Boulpaep 2017; secondary)"
    ),
})

# The largest net loss of body mass (sweat less drink) a living person can have (Adolph 1947).
SURVIVABLE_MASS_LOSS = 0.15

# Watson et al. (1980): TBW (L) = intercept + age (years) + height (cm) + mass (kg) terms
WATSON_MEN = {"intercept": 2.447, "age": -0.09516, "height": 0.1074, "body_mass": 0.3362}
WATSON_WOMEN = {"intercept": -2.097, "age": 0.0, "height": 0.1069, "body_mass": 0.2466}
# the total body water a body can hold, as a share of its mass ("body_composition")
WATER_FRACTION_RANGE = (0.3, 0.75)

PARAMETERS = ParameterTable(
    component="fluids",
    references=REFERENCES,
    params=(
        Param("body_mass", 70.0, "kg", (30.0, 200.0), "watson1980", "body mass", "M"),
        Param("height", 175.0, "cm", (120.0, 220.0), "watson1980", "body height", "H"),
        Param("age", 30.0, "year", (18.0, 100.0), "watson1980", "age (adults)", "A"),
        Param("sex", 1.0, "1", (0.0, 1.0), "watson1980",
              "which of Watson's equations gives the body water: 0 female, 1 male", "sex"),
        Param("extracellular_share", 1.0 / 3.0, "1", (0.25, 0.5), "fluid_compartments",
              "extracellular share of total body water", "ECF/TBW"),
        Param("plasma_sodium", 140.0, "mM", (100.0, 180.0), "spasovski2014",
              "plasma (and interstitial) Na⁺ at the start", "[Na]p"),
        Param("plasma_potassium", 4.0, "mM", (1.0, 10.0), "statpearls_k",
              "plasma (and interstitial) K⁺ at the start", "[K]p"),
        # the ions table's default, so that a person with [fluids] feels the same chloride
        Param("plasma_chloride", 104.0, "mM", (60.0, 150.0), "statpearls_cl",
              "plasma (and interstitial) Cl⁻ at the start", "[Cl]p"),
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
        Param("sweat_chloride_per_sodium", 0.75, "1", (0.5, 1.0), "lara2016",
              "Cl⁻ of the sweat per its Na⁺", "[Cl]sw/[Na]sw"),
        Param("drink", 0.0, "L", (0.0, 20.0), "fluid_protocol", "volume drunk and retained",
              "V_dr"),
        Param("drink_sodium", 0.0, "mM", (0.0, 200.0), "who_ors",
              "Na⁺ of the drink (plain water 0, oral rehydration solution 75)", "[Na]dr"),
        Param("drink_potassium", 0.0, "mM", (0.0, 40.0), "who_ors",
              "K⁺ of the drink (plain water 0, oral rehydration solution 20)", "[K]dr"),
        Param("drink_chloride", 0.0, "mM", (0.0, 200.0), "who_ors",
              "Cl⁻ of the drink (plain water 0, oral rehydration solution 65; at most its "
              "Na⁺ + K⁺)", "[Cl]dr"),
    ),
)

# Days on the slow clock before the fast simulation begins: the same day repeated, meals at 7, 12
# and 18 h (each a third of the diet, over 30 min), the day's drinks spread over 7–22 h, and the
# training from 15 h with its sweat (the balance's composition) and the share of it drunk.
DAY = ParameterTable(
    component="fluid_day",
    references=REFERENCES,
    params=(
        Param("days", 0.0, "day", (0.0, 30.0), "fluid_protocol",
              "days run on the slow clock before the fast simulation (0: none)", "n_d"),
        Param("diet_sodium", 150.0, "mmol/day", (5.0, 400.0), "powles2013",
              "sodium eaten a day (the kidney's set point for sodium)", "Na_diet"),
        Param("diet_potassium", 75.0, "mmol/day", (10.0, 250.0), "potassium_intake",
              "potassium eaten a day (the kidney's set point for potassium)", "K_diet"),
        Param("diet_chloride_per_sodium", 1.0, "1", (0.5, 1.0), "iom2005",
              "chloride eaten per sodium (the kidney's set point for chloride)", "Cl/Na_diet"),
        # what balances the default kidney's resting urine (1 mL/min) and insensible loss
        Param("daily_drink", 1.94, "L/day", (0.0, 10.0), "urine_limits",
              "water drunk (and eaten in food) outside training, over 7–22 h", "V_day"),
        Param("training", 0.0, "h", (0.0, 8.0), "fluid_protocol",
              "daily training from 15 h, sweating at training_sweat_rate", "t_tr"),
        Param("training_sweat_rate", 1.2, "L/h", (0.1, 3.5), "baker2017",
              "sweat rate while training", "ṡ"),
        Param("training_replacement", 1.0, "1", (0.0, 1.5), "fluid_protocol",
              "share of the training's sweat drunk during it (the balance's drink "
              "composition)", "r"),
    ),
)

KIDNEY = ParameterTable(
    component="kidney",
    references=REFERENCES,
    params=(
        Param("kidneys", 1.0, "1", (0.0, 1.0), "fluid_protocol",
              "1: the kidneys excrete on the slow clock; 0: a closed system", "on"),
        Param("urine_flow_min", 0.35, "mL/min", (0.1, 1.0), "urine_limits",
              "urine flow at maximal concentration", "V̇min"),
        Param("urine_flow_rest", 1.0, "mL/min", (0.4, 2.0), "urine_limits",
              "urine flow at the person's starting osmolality", "V̇0"),
        Param("urine_flow_max", 15.0, "mL/min", (5.0, 25.0), "hew_butler2015",
              "urine flow in a maximal water diuresis", "V̇max"),
        Param("osmotic_slope", 2.3, "mOsm/kg", (0.5, 10.0), "robertson1976",
              "osmolality for an e-fold change of vasopressin's effect (10–90 % of the "
              "flow range over 4.4 slopes)", "s"),
        Param("sodium_balance_time", 1.0, "day", (0.2, 5.0), "strauss1958",
              "time constant of urinary sodium's (and chloride's) return to balance", "τ_Na"),
        Param("sodium_excretion_min", 5.0, "mmol/day", (0.0, 30.0), "strauss1958",
              "least sodium (and chloride) the kidneys excrete", "U_Na,min"),
        Param("potassium_balance_time", 6.0, "h", (1.0, 72.0), "palmer2015",
              "time constant of urinary potassium's return to balance", "τ_K"),
        Param("potassium_excretion_min", 15.0, "mmol/day", (0.0, 40.0), "palmer2015",
              "least potassium the kidneys excrete", "U_K,min"),
        Param("insensible_loss", 0.5, "L/day", (0.0, 2.0), "insensible_water",
              "water lost through skin and breath less water made by metabolism", "V̇ins"),
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
    extracellular_chloride_mmol: float

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

    @property
    def plasma_chloride(self) -> float:
        return self.extracellular_chloride_mmol / self.extracellular_L


def total_body_water_L(values: Mapping[str, float] | None = None) -> float:
    """The person's total body water by Watson et al.'s equations (module doc) from
    ``body_mass``, ``height``, ``age`` and ``sex`` (defaults where not given). A sex other than
    0 or 1, or a body whose water would lie outside ``WATER_FRACTION_RANGE`` of its mass, is
    refused (KrampInputError)."""
    p = PARAMETERS.defaults() | dict(values or {})
    if p["sex"] not in (0.0, 1.0):
        raise KrampInputError(f"`fluids.sex` must be 0 (female) or 1 (male), got {p['sex']:g}",
                              field="fluids.sex")
    equation = WATSON_MEN if p["sex"] == 1.0 else WATSON_WOMEN
    water = equation["intercept"] + sum(equation[name] * p[name]
                                        for name in ("age", "height", "body_mass"))
    low, high = WATER_FRACTION_RANGE
    if not low <= water / p["body_mass"] <= high:
        raise KrampInputError(
            f"`fluids.body_mass` {p['body_mass']:g} kg with `fluids.height` {p['height']:g} cm "
            f"gives {water:.1f} L of body water ({water / p['body_mass']:.2f} L/kg); allowed: "
            f"a body holding {low:g}–{high:g} L/kg", field="fluids.body_mass")
    return water


def at_rest(values: Mapping[str, float] | None = None) -> BodyFluids:
    """A person's fluids from the parameters (defaults where not given). Plasma chloride must
    leave room for the other anions (below Na⁺ + K⁺), or KrampInputError."""
    p = PARAMETERS.defaults() | dict(values or {})
    if p["plasma_chloride"] >= p["plasma_sodium"] + p["plasma_potassium"]:
        raise KrampInputError(
            f"`fluids.plasma_chloride` {p['plasma_chloride']:g} mM must be below the plasma's "
            f"Na⁺ + K⁺ ({p['plasma_sodium'] + p['plasma_potassium']:g} mM)",
            field="fluids.plasma_chloride")
    water = total_body_water_L(p)
    outside = water * p["extracellular_share"]
    return BodyFluids(water_L=water,
                      extracellular_osmoles=p["osmolality"] * outside,
                      intracellular_osmoles=p["osmolality"] * (water - outside),
                      extracellular_sodium_mmol=p["plasma_sodium"] * outside,
                      extracellular_potassium_mmol=p["plasma_potassium"] * outside,
                      intracellular_potassium_mmol=p["intracellular_potassium"]
                      * (water - outside),
                      intracellular_sodium_mmol=p["intracellular_sodium"] * (water - outside),
                      potassium_gradient=p["intracellular_potassium"] / p["plasma_potassium"],
                      extracellular_chloride_mmol=p["plasma_chloride"] * outside)


def exchange(fluids: BodyFluids, *, water_L: float = 0.0, sodium_mmol: float = 0.0,
             potassium_mmol: float = 0.0, chloride_mmol: float = 0.0) -> BodyFluids:
    """The fluids after a gain (positive) or loss (negative) of water and of sodium and
    potassium salts, ``chloride_mmol`` of their anions chloride: a drink, sweat, urine, a diet
    (module doc: sodium and chloride through the extracellular fluid, potassium shared with the
    cells).

    A loss larger than what the body holds, or one that leaves the extracellular fluid more
    chloride than cations, is refused (ValueError): it would not be a body.
    """
    after = replace(
        fluids,
        water_L=fluids.water_L + water_L,
        extracellular_osmoles=fluids.extracellular_osmoles
        + 2.0 * (sodium_mmol + potassium_mmol),
        extracellular_sodium_mmol=fluids.extracellular_sodium_mmol + sodium_mmol,
        extracellular_potassium_mmol=fluids.extracellular_potassium_mmol + potassium_mmol,
        extracellular_chloride_mmol=fluids.extracellular_chloride_mmol + chloride_mmol)
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
           after.intracellular_potassium_mmol, after.extracellular_chloride_mmol) <= 0.0:
        raise ValueError("the exchange takes more water or salt than the body holds")
    if after.extracellular_chloride_mmol >= (after.extracellular_sodium_mmol
                                             + after.extracellular_potassium_mmol):
        raise ValueError("the exchange leaves the extracellular fluid more chloride than "
                         "sodium and potassium")
    return after


def after_balance(values: Mapping[str, float] | None = None) -> BodyFluids:
    """A person's fluids (``PARAMETERS`` values) after the sweat and drink of ``BALANCE`` and then
    the days of ``DAY`` with the kidneys of ``KIDNEY`` (values of all tables in one mapping;
    defaults where not given)."""
    return history(values).final


def history(values: Mapping[str, float] | None = None) -> Course:
    """What :func:`after_balance` does, with the slow clock's record of the days (none when
    ``days`` is 0)."""
    p = _all_defaults() | dict(values or {})
    _check_drink(p)
    body = at_rest({param.name: p[param.name] for param in PARAMETERS})
    body = exchange(body, water_L=-p["sweat"], sodium_mmol=-p["sweat"] * p["sweat_sodium"],
                    potassium_mmol=-p["sweat"] * p["sweat_potassium"],
                    chloride_mmol=-p["sweat"] * p["sweat_sodium"]
                    * p["sweat_chloride_per_sodium"])
    body = exchange(body, water_L=p["drink"], sodium_mmol=p["drink"] * p["drink_sodium"],
                    potassium_mmol=p["drink"] * p["drink_potassium"],
                    chloride_mmol=p["drink"] * p["drink_chloride"])
    return course(p, body)


def _check_drink(p: Mapping[str, float]) -> None:
    """A drink's chloride is one of its cations' anions: no more of it than Na⁺ + K⁺."""
    cations = p["drink_sodium"] + p["drink_potassium"]
    if p["drink_chloride"] > cations:
        raise KrampInputError(
            f"`fluids.drink_chloride` {p['drink_chloride']:g} mM exceeds the drink's Na⁺ + K⁺ "
            f"({cations:g} mM); allowed: at most {cations:g} mM", field="fluids.drink_chloride")


def _all_defaults() -> dict[str, float]:
    return PARAMETERS.defaults() | BALANCE.defaults() | DAY.defaults() | KIDNEY.defaults()


# The slow clock's step; the fastest feedback, water excretion against osmolality, has a time
# constant of about 1.5 h at the default kidney (module doc), so 5 min steps follow it closely.
SLOW_STEP_H = 5.0 / 60.0
MEAL_HOURS = (7.0, 12.0, 18.0)
MEAL_LENGTH_H = 0.5
DRINKING_HOURS = (7.0, 22.0)
TRAINING_START_H = 15.0


@dataclass(frozen=True)
class Course:
    """The slow clock's record (``time_h`` from the start of the days) and its end state.

    Every amount is cumulative from the start: what came in (``drunk_L``, ``eaten_sodium_mmol``
    …) and went out (sweat, urine, insensible loss), so that the body's change equals the inputs
    less the outputs."""

    time_h: np.ndarray
    plasma_sodium: np.ndarray
    plasma_potassium: np.ndarray
    osmolality: np.ndarray
    water_L: np.ndarray
    extracellular_L: np.ndarray
    totals: dict[str, np.ndarray]
    final: BodyFluids


def _inputs(p: Mapping[str, float], hour: float, step: float) -> dict[str, float]:
    """Water (L), Na and K (mmol) gained (+) or lost (−) over one step by meals, drinks and
    training sweat, by the day's schedule (``DAY`` doc)."""
    clock = hour % 24.0
    meal = sum(m <= clock < m + MEAL_LENGTH_H for m in MEAL_HOURS) * step / (
        len(MEAL_HOURS) * MEAL_LENGTH_H)
    drinking = (DRINKING_HOURS[0] <= clock < DRINKING_HOURS[1]) * step / (
        DRINKING_HOURS[1] - DRINKING_HOURS[0])
    training = (TRAINING_START_H <= clock < TRAINING_START_H + p["training"]) * step
    sweat = p["training_sweat_rate"] * training
    replaced = p["training_replacement"] * sweat
    drink = p["daily_drink"] * drinking + replaced
    return {"drunk_L": drink, "sweat_L": sweat,
            "eaten_sodium_mmol": p["diet_sodium"] * meal,
            "eaten_potassium_mmol": p["diet_potassium"] * meal,
            "eaten_chloride_mmol": p["diet_sodium"] * p["diet_chloride_per_sodium"] * meal,
            "drunk_sodium_mmol": replaced * p["drink_sodium"],
            "drunk_potassium_mmol": replaced * p["drink_potassium"],
            "drunk_chloride_mmol": replaced * p["drink_chloride"],
            "sweat_sodium_mmol": sweat * p["sweat_sodium"],
            "sweat_potassium_mmol": sweat * p["sweat_potassium"],
            "sweat_chloride_mmol": sweat * p["sweat_sodium"] * p["sweat_chloride_per_sodium"]}


def _urine(p: Mapping[str, float], body: BodyFluids, start: BodyFluids,
           step: float) -> dict[str, float]:
    """What the kidneys excrete over one step (module doc): water by vasopressin's answer to
    osmolality, sodium, potassium and chloride back towards the person's own balance
    (``start``: the person at rest, whose osmolality and amounts are the set points)."""
    if p["kidneys"] < 0.5:
        return {"urine_L": 0.0, "urine_sodium_mmol": 0.0, "urine_potassium_mmol": 0.0,
                "urine_chloride_mmol": 0.0}
    low, rest, high = (p[k] * 0.06 for k in ("urine_flow_min", "urine_flow_rest",
                                              "urine_flow_max"))  # L/h
    half = start.osmolality - p["osmotic_slope"] * math.log((high - low) / (rest - low) - 1.0)
    flow = low + (high - low) / (1.0 + math.exp((body.osmolality - half) / p["osmotic_slope"]))
    sodium_excess = (body.extracellular_sodium_mmol + body.intracellular_sodium_mmol
                     - start.extracellular_sodium_mmol - start.intracellular_sodium_mmol)
    potassium_excess = (body.extracellular_potassium_mmol + body.intracellular_potassium_mmol
                        - start.extracellular_potassium_mmol
                        - start.intracellular_potassium_mmol)
    chloride_excess = body.extracellular_chloride_mmol - start.extracellular_chloride_mmol
    sodium = _towards_balance(p["diet_sodium"], sodium_excess, p["sodium_balance_time"],
                              p["sodium_excretion_min"])
    potassium = _towards_balance(p["diet_potassium"], potassium_excess,
                                 p["potassium_balance_time"] / 24.0,
                                 p["potassium_excretion_min"])
    chloride = _towards_balance(p["diet_sodium"] * p["diet_chloride_per_sodium"],
                                chloride_excess, p["sodium_balance_time"],
                                p["sodium_excretion_min"])
    return {"urine_L": flow * step, "urine_sodium_mmol": sodium * step / 24.0,
            "urine_potassium_mmol": potassium * step / 24.0,
            "urine_chloride_mmol": chloride * step / 24.0}


def _towards_balance(intake: float, excess_mmol: float, balance_time_day: float,
                     least: float) -> float:
    """Urinary excretion (mmol/day) of a salt eaten at ``intake`` mmol/day with ``excess_mmol``
    above the person's own amount: the intake plus the excess over its balance time, never
    below the kidneys' ``least``."""
    return max(least, intake + excess_mmol / balance_time_day)


def course(values: Mapping[str, float] | None = None, body: BodyFluids | None = None,
           start_hour: float = 0.0) -> Course:
    """Run ``DAY``'s days on the slow clock from ``body`` (default: the person at rest): meals,
    drinks, training sweat, insensible loss and the kidneys, in steps of ``SLOW_STEP_H``, from
    ``start_hour`` of the first day. The kidneys steer towards the person at rest
    (``PARAMETERS``), whatever ``body`` is."""
    p = _all_defaults() | dict(values or {})
    start = at_rest({param.name: p[param.name] for param in PARAMETERS})  # the set points
    body = body or start
    n_steps = round(p["days"] * 24.0 / SLOW_STEP_H)
    keys = ("drunk_L", "sweat_L", "urine_L", "insensible_L",
            *(f"{way}_{salt}_mmol" for way in ("eaten", "drunk", "sweat", "urine")
              for salt in ("sodium", "potassium", "chloride")))
    totals = {key: np.zeros(n_steps + 1) for key in keys}
    record = np.zeros((5, n_steps + 1))
    record[:, 0] = _state(body)
    for i in range(n_steps):
        flows = (_inputs(p, start_hour + i * SLOW_STEP_H, SLOW_STEP_H)
                 | _urine(p, body, start, SLOW_STEP_H))
        flows["insensible_L"] = p["insensible_loss"] * SLOW_STEP_H / 24.0
        for key in keys:
            totals[key][i + 1] = totals[key][i] + flows[key]
        body = exchange(
            body,
            water_L=flows["drunk_L"] - flows["sweat_L"] - flows["urine_L"]
            - flows["insensible_L"],
            sodium_mmol=flows["eaten_sodium_mmol"] + flows["drunk_sodium_mmol"]
            - flows["sweat_sodium_mmol"] - flows["urine_sodium_mmol"],
            potassium_mmol=flows["eaten_potassium_mmol"] + flows["drunk_potassium_mmol"]
            - flows["sweat_potassium_mmol"] - flows["urine_potassium_mmol"],
            chloride_mmol=flows["eaten_chloride_mmol"] + flows["drunk_chloride_mmol"]
            - flows["sweat_chloride_mmol"] - flows["urine_chloride_mmol"])
        record[:, i + 1] = _state(body)
    return Course(np.arange(n_steps + 1) * SLOW_STEP_H, *record, totals=totals, final=body)


def _state(body: BodyFluids) -> tuple[float, ...]:
    return (body.plasma_sodium, body.plasma_potassium, body.osmolality, body.water_L,
            body.extracellular_L)


def interstitial_ions(fluids: BodyFluids) -> dict[str, float]:
    """The ``ions`` table's sodium, potassium and chloride (mM) these fluids give the fast
    simulation."""
    return {"sodium": fluids.plasma_sodium, "potassium": fluids.plasma_potassium,
            "chloride": fluids.plasma_chloride}


# Every key a scenario's ``[fluids]`` table (or a cohort's ``fluids.*`` column) may set: the
# body's water and salts, what was sweated and drunk, the days and kidneys, and the blood.
SCENARIO = ParameterTable(
    component="fluids",
    references=REFERENCES | acid_base.REFERENCES,
    params=tuple(param for table in (PARAMETERS, BALANCE, DAY, KIDNEY, acid_base.PARAMETERS)
                 for param in table),
)


def mass_loss_percent(values: Mapping[str, float] | None = None,
                      body: BodyFluids | None = None) -> float:
    """Net body-mass loss, % of the starting mass: the body water lost (a litre weighs a
    kilogram) by the balance and the days (``body``: their result, if already computed)."""
    p = PARAMETERS.defaults() | dict(values or {})
    start = at_rest({param.name: p[param.name] for param in PARAMETERS})
    end = body if body is not None else after_balance(values)
    return 100.0 * (start.water_L - end.water_L) / p["body_mass"]


def person(values: Mapping[str, float] | None = None) -> tuple[Course, dict[str, float]]:
    """What a scenario's ``[fluids]`` values make of a person: the body after the balance and
    the days (with the slow clock's record) and the blood (:func:`acid_base.plasma`). An
    impossible body (a loss past the survivable, an arterial pH outside 6.8–7.8) is refused with
    KrampInputError."""
    values = dict(values or {})
    body_values = {name: values[name] for name in _all_defaults() if name in values}
    blood = {name: values[name] for name in acid_base.PARAMETERS.defaults() if name in values}
    try:
        days = history(body_values)
    except ValueError as error:
        raise KrampInputError(f"`fluids`: {error}", field="fluids.sweat") from None
    loss = mass_loss_percent(body_values, days.final)
    if loss > 100.0 * SURVIVABLE_MASS_LOSS:
        raise KrampInputError(
            f"`fluids.sweat` less `fluids.drink` is a body-mass loss of {loss:.1f} %; allowed: "
            f"at most {100.0 * SURVIVABLE_MASS_LOSS:g} % of `fluids.body_mass` (losses of "
            "15–20 % are fatal)", field="fluids.sweat")
    return days, acid_base.plasma(blood)


def membrane_ions(values: Mapping[str, float] | None = None) -> dict[str, float]:
    """The ``ions`` a scenario's ``[fluids]`` values give the membranes (:func:`person`): Na,
    K and Cl from the body's water and salt, ionised Ca and Mg and the pH from the blood."""
    days, blood = person(values)
    return interstitial_ions(days.final) | acid_base.interstitial_ions(blood)


def hyponatraemia_class(plasma_sodium_mM: float) -> str | None:
    """'mild', 'moderate' or 'profound' (Spasovski et al. 2014), None at 135 mmol/L or above."""
    for name, upper in HYPONATRAEMIA_CLASSES:
        if plasma_sodium_mM < upper:
            return name
    return None
