"""Toxins that attack the nervous system, each given by a dose and, where it has one, a time
course; each acts only by changing physiological parameters of the components it reaches.

* **Tetrodotoxin** (TTX, nM in the tissue) blocks voltage-gated Na⁺ channels by occupancy: the
  conductance left is ``1 / (1 + [TTX]/IC50)`` with the IC50 of each channel type — nerve
  (Na_V1.6 and Na_V1.1, a few nM) and skeletal muscle (Na_V1.4, 25 nM in man; Catterall et al.
  2005). It scales ``motor_axon.g_na`` (the motor and afferent axons' nodes) and
  ``sarcolemma.g_na``; the spinal cord, behind the blood–brain barrier, is spared.
* **Strychnine** (nM) competes with glycine at its receptor; the glycinergic synapses keep
  ``K / (K + [strychnine])`` of their effect (``spinal.glycinergic_transmission``); the
  GABAergic ones are untouched (F7).
* **Tetanus toxin** travels retrogradely from a wound to the spinal cord and stops the release
  of glycine and GABA from inhibitory interneurones. ``tetanus_toxin`` is the share of those
  terminals it reaches; after an incubation period the block grows over the progression time
  (linearly), and both kinds of spinal inhibition keep ``1 − share × progress``.
* **Botulinum toxin A** (units injected into the muscle) cleaves SNAP-25 in the motor nerve
  terminals it enters, and a poisoned terminal releases no quanta. The share of end plates
  poisoned is ``(1 − e^{−U/U₀}) (1 − e^{−t/τ_on}) e^{−t/τ_off}`` at t days after the injection
  (entry and cleavage, then recovery by sprouting and repair); which end plates are poisoned is
  drawn from the person's ``toxin_spread`` stream. It applies to every muscle the scenario lists
  (one injected muscle, or all of them in botulism).
* **Organophosphates** phosphorylate acetylcholinesterase. Their dose is the share of the
  enzyme inhibited (``organophosphate_inhibition``, %), the clinical measure of severity
  (cholinesterase activity as a percentage of normal); the end plates keep
  ``1 − inhibition`` of the person's own activity (``junction.esterase_activity``), and the
  junction turns the activity left into a slower decay of the end-plate current.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "catterall2005": (
        "Catterall WA, Goldin AL, Waxman SG (2005) International Union of Pharmacology. XLVII. "
        "Nomenclature and structure-function relationships of voltage-gated sodium channels. "
        "Pharmacol Rev 57:397–409 (the IUPHAR compendium): TTX EC50 for Na_V1.4 5 nM (rat) and "
        "25 nM (human), Na_V1.6 1 nM (rat) to 6 nM (mouse), Na_V1.1 about 6 nM; Na_V1.5 "
        "micromolar (values not re-checked)"
    ),
    "ttx_dose": (
        "kramp range: tissue concentrations from none to 10 µM, above every Na_V channel's "
        "IC50 but the cardiac one's"
    ),
    "young1973": (
        "Young AB, Snyder SH (1973) Strychnine binding associated with glycine receptors of the "
        "central nervous system. Proc Natl Acad Sci USA 70:2832–2836; adult glycine receptors "
        "pA2 8.0 for strychnine, about 10 nM (secondary; not re-checked)"
    ),
    "strychnine_dose": (
        "kramp range: none to 100 µM, the span of strychnine concentrations in fatal poisoning "
        "(forensic series, secondary; not re-checked)"
    ),
    "tetanus_course": (
        "Generalised tetanus: incubation 3–21 days (median about 7), symptoms progressing over "
        "about two weeks, spasms lasting 3–4 weeks (clinical reviews; secondary, not "
        "re-checked); the linear progression is kramp's simplification"
    ),
    "tetanus_dose": (
        "kramp dose measure: the share of the spinal inhibitory interneurones' terminals the "
        "toxin reaches (0 none, 1 all)"
    ),
    "botulinum_dose": (
        "Clinical doses of onabotulinumtoxinA: a few to a few hundred units per session; "
        "kramp allows 0–400 U"
    ),
    "namba1971": (
        "Namba T, Nolte CT, Jackrel J, Grob D (1971) Poisoning due to organophosphate "
        "insecticides: acute and chronic manifestations. Am J Med 50:475–492: severity graded "
        "by blood cholinesterase activity, mild 20–50 %, moderate 10–20 %, severe below 10 % of "
        "normal (secondary; not re-checked)"
    ),
    "hamjian1994": (
        "Hamjian JA, Walker FO (1994) Serial neurophysiological studies of intramuscular "
        "botulinum-A toxin in humans. Muscle Nerve 17:1385–1392: 10 U into extensor digitorum "
        "brevis; CMAP down within 48 h, lowest at day 21 (8.3 → 3.0 mV), still reduced at "
        "8 weeks. U₀, τ_on and τ_off were chosen to give that course (F4 is a calibration)"
    ),
}

PARAMETERS = ParameterTable(
    component="toxins",
    references=REFERENCES,
    params=(
        Param("tetrodotoxin", 0.0, "nM", (0.0, 10000.0), "ttx_dose",
              "tetrodotoxin in the tissue around nerve and muscle", "[TTX]"),
        Param("tetrodotoxin_nerve_ic50", 6.0, "nM", (0.5, 100.0), "catterall2005",
              "TTX concentration that blocks half of the nodes' Na⁺ channels (Na_V1.6, 1.1)",
              "IC50,N"),
        Param("tetrodotoxin_muscle_ic50", 25.0, "nM", (1.0, 1000.0), "catterall2005",
              "TTX concentration that blocks half of the muscle fibres' Na⁺ channels (Na_V1.4)",
              "IC50,M"),
        Param("strychnine", 0.0, "nM", (0.0, 100000.0), "strychnine_dose",
              "strychnine at the spinal glycine receptors", "[Str]"),
        Param("strychnine_constant", 10.0, "nM", (0.5, 1000.0), "young1973",
              "strychnine concentration that halves glycinergic transmission", "K_Str"),
        Param("tetanus_toxin", 0.0, "1", (0.0, 1.0), "tetanus_dose",
              "share of the spinal inhibitory terminals tetanus toxin reaches"),
        Param("tetanus_days", 0.0, "day", (0.0, 180.0), "tetanus_course",
              "time since the toxin entered the wound"),
        Param("tetanus_incubation", 7.0, "day", (1.0, 60.0), "tetanus_course",
              "incubation period: from the wound to the first block"),
        Param("tetanus_progression", 14.0, "day", (0.5, 60.0), "tetanus_course",
              "time over which the block grows to its full share"),
        Param("organophosphate_inhibition", 0.0, "%", (0.0, 100.0), "namba1971",
              "share of acetylcholinesterase an organophosphate has inhibited (100 % − the "
              "activity left)"),
        Param("botulinum", 0.0, "U", (0.0, 400.0), "botulinum_dose",
              "botulinum toxin A injected into the muscle (onabotulinumtoxinA units)"),
        Param("botulinum_days", 0.0, "day", (0.0, 365.0), "hamjian1994",
              "time since the injection"),
        Param("botulinum_units_per_efold", 6.2, "U", (0.5, 200.0), "hamjian1994",
              "dose that leaves 1/e of the end plates unpoisoned at full effect", "U₀",
              fitted_to=("F4",)),
        Param("botulinum_onset", 5.0, "day", (0.1, 30.0), "hamjian1994",
              "time constant of the toxin's entry and cleavage", "τ_on", fitted_to=("F4",)),
        Param("botulinum_recovery", 90.0, "day", (10.0, 365.0), "hamjian1994",
              "time constant of recovery by sprouting and repair", "τ_off", fitted_to=("F4",)),
    ),
)


def sodium_channels_left(values: Mapping[str, float]) -> tuple[float, float]:
    """(nerve, muscle) share of the Na⁺ conductance TTX leaves."""
    ttx = values["tetrodotoxin"]
    return (1.0 / (1.0 + ttx / values["tetrodotoxin_nerve_ic50"]),
            1.0 / (1.0 + ttx / values["tetrodotoxin_muscle_ic50"]))


def tetanus_block(values: Mapping[str, float]) -> float:
    """The share of spinal inhibitory release tetanus toxin has stopped by now."""
    progress = (values["tetanus_days"] - values["tetanus_incubation"]) / \
        values["tetanus_progression"]
    return values["tetanus_toxin"] * min(1.0, max(0.0, progress))


def glycinergic_left(values: Mapping[str, float]) -> float:
    """The share of glycinergic inhibition strychnine and tetanus toxin leave."""
    receptors = values["strychnine_constant"] / (values["strychnine_constant"]
                                                 + values["strychnine"])
    return receptors * (1.0 - tetanus_block(values))


def gabaergic_left(values: Mapping[str, float]) -> float:
    """The share of GABAergic inhibition tetanus toxin leaves."""
    return 1.0 - tetanus_block(values)


def botulinum_share(values: Mapping[str, float]) -> float:
    """The share of end plates poisoned by now (module doc)."""
    days = values["botulinum_days"]
    return ((1.0 - np.exp(-values["botulinum"] / values["botulinum_units_per_efold"]))
            * (1.0 - np.exp(-days / values["botulinum_onset"]))
            * np.exp(-days / values["botulinum_recovery"]))


def apply(v: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, dict[str, Any]]:
    """The compiled values ``v`` ([person] arrays by table) with each person's toxins acting on
    the parameters they change; ``v`` itself is left as the scenario gave it."""
    out = {table: dict(values) for table, values in v.items()}
    people = range(next(iter(v["toxins"].values())).shape[0])
    own = [{name: float(array[p]) for name, array in v["toxins"].items()} for p in people]
    nerve, muscle = np.array([sodium_channels_left(t) for t in own]).T
    out["motor_axon"]["g_na"] = v["motor_axon"]["g_na"] * nerve
    out["sarcolemma"]["g_na"] = v["sarcolemma"]["g_na"] * muscle
    out["junction"]["esterase_activity"] = (v["junction"]["esterase_activity"]
                                            * (1.0 - v["toxins"]["organophosphate_inhibition"]
                                               / 100.0))
    if "spinal" in v:
        out["spinal"]["glycinergic_transmission"] = (v["spinal"]["glycinergic_transmission"]
                                                     * np.array([glycinergic_left(t)
                                                                 for t in own]))
        out["spinal"]["gabaergic_transmission"] = (v["spinal"]["gabaergic_transmission"]
                                                   * np.array([gabaergic_left(t) for t in own]))
    return out


def poisoned_end_plates(values: Mapping[str, float], n_unit: int,
                        rng: np.random.Generator) -> np.ndarray:
    """Which of a person's ``n_unit`` end plates botulinum toxin has poisoned (bool): each
    unit's draw from the person's ``toxin_spread`` stream against the share poisoned by now, so
    a later day poisons a subset or superset of the same end plates."""
    return rng.random(n_unit) < botulinum_share(values)
