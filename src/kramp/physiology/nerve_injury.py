"""Peripheral nerve injury, healed: motor units lost, and the orphaned fibres adopted by the
survivors.

When a motor nerve is damaged, the axons that are cut degenerate and their muscle fibres are
denervated; the surviving axons sprout and reinnervate some of them, so the muscle ends with
fewer, larger motor units (collateral reinnervation: fewer and larger motor-unit potentials in
chronic neurogenic EMG; Wohlfart 1958; McComas et al. 1971). kramp represents a healed partial
injury of the nerve that supplies a scenario's muscles:

* ``units_lost``: the share of each muscle's motor units whose axons were lost. The pool keeps
  ``round(n_unit × (1 − units_lost))`` units, spread over the same range of sizes;
* ``reinnervated``: the share of the orphaned fibres the survivors adopt. Each survivor grows by
  the same factor, ``1 + reinnervated × units_lost / (1 − units_lost)``, at most
  ``max_enlargement`` (a motor unit can grow about five- to eightfold by sprouting; Rafuse et
  al. 1992), in force and in the number of fibres that make its action potential.

The muscle's maximal force is then its healthy force × (1 − units_lost) × that factor: weakness
appears only when reinnervation cannot make up for the loss. What is not modelled: the injured
axons' own hyperexcitability (ectopic discharge from a damaged segment), the acute phase
(Wallerian degeneration, F8) and the denervated fibres' fibrillations.
"""

from __future__ import annotations

from collections.abc import Mapping

from kramp.params import Param, ParameterTable

REFERENCES = {
    "injury_dose": (
        "kramp measure of a partial nerve injury: the share of a muscle's motor axons lost "
        "(0 none; motor-unit number estimates fall by half or more in chronic neuropathies and "
        "after partial nerve lesions; McComas AJ et al. 1971, J Neurol Neurosurg Psychiatry "
        "34:453–460, not re-checked)"
    ),
    "wohlfart1958": (
        "Wohlfart G (1958) Collateral regeneration in partially denervated muscles. Neurology "
        "8:175–180: surviving axons sprout and reinnervate denervated fibres (the share "
        "adopted is the scenario's; not re-checked)"
    ),
    "rafuse1992": (
        "Rafuse VF, Gordon T, Orozco R (1992) Proportional enlargement of motor units after "
        "partial denervation of cat triceps surae muscles. J Neurophysiol 68:1261–1276: motor "
        "units enlarge up to about five- to eightfold (not re-checked)"
    ),
}

PARAMETERS = ParameterTable(
    component="nerve_injury",
    references=REFERENCES,
    params=(
        Param("units_lost", 0.0, "1", (0.0, 0.95), "injury_dose",
              "share of each muscle's motor units whose axons the injury took"),
        Param("reinnervated", 0.0, "1", (0.0, 1.0), "wohlfart1958",
              "share of the orphaned muscle fibres the surviving units adopt"),
        Param("max_enlargement", 5.0, "1", (1.0, 10.0), "rafuse1992",
              "largest factor by which sprouting can enlarge a motor unit"),
    ),
)


def surviving_units(n_unit: int, values: Mapping[str, float]) -> int:
    """How many of a pool's ``n_unit`` motor units keep their axons (at least one)."""
    return max(1, round(n_unit * (1.0 - values["units_lost"])))


def enlargement(values: Mapping[str, float]) -> float:
    """The factor by which every surviving unit grows (module doc)."""
    lost = values["units_lost"]
    return min(values["max_enlargement"],
               1.0 + values["reinnervated"] * lost / (1.0 - lost))
