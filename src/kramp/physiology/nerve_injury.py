"""Peripheral nerve injury: healed (motor units lost, the orphaned fibres adopted by the
survivors) and acute (the distal stump of a cut nerve degenerating).

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
appears only when reinnervation cannot make up for the loss.

**Wallerian degeneration.** A nerve cut (``transected`` 1) between the cord and the stimulating
electrodes carries nothing from the cord. Its distal stump stays excitable for days, and fails
from the end: the nerve terminals stop transmitting first, and the axon itself stops conducting
later (Gilliatt & Hjorth 1972, baboon: the muscle's response to distal stimulation was gone
after 4–5 days, the nerve action potential 2–3 days after that, with distal latency and
conduction velocity unchanged until the response was already small). kramp gives each unit a
survival time of its terminal, ``terminal_survival · max(1 + survival_spread · z, 0)`` days (z
from the person's ``degeneration`` stream), and of its axon, ``axon_survival_extra`` days
longer; after ``transection_days`` past its terminal's time the unit's end plate releases
nothing, past its axon's time the axon no longer answers a stimulus. Until it fails, an axon
conducts at its normal velocity. Both times are fitted to target F8, which is so a calibration.

**An irritable damaged segment.** In a share ``damaged_share`` of the surviving axons (drawn
from the person's ``injured_axons`` stream) the distal segment, the axon component's terminal
site where ectopic discharges begin, has lost the share ``pump_loss`` of its Na⁺/K⁺-pump current.
The electrogenic pump holds a motor axon several mV below the potential its leaks alone would
give; when ischaemia stops it, human motor axons depolarise and their excitability rises
(Kiernan & Bostock 2000), and after ischaemia motor axons fire spontaneously: fasciculations, as
in Bostock, Baker & Reid 1991, who modelled them in the node-and-internode axon that
``kramp.physiology.motor_axon`` uses. A damaged segment whose energy supply fails is that axon,
kept there. Nothing else of the membrane changes: whether the segment fires, how often and in
what pattern emerges from its node and internode at the person's temperature and ions, and the
spikes it fires travel both ways as any other (to the muscle, and back to the soma, where they
collide with what the cord sends). The remaining pump and the ion gradients are held fixed: the
axoplasm's Na⁺ does not rise as a real unpumped axon's would.

What emerges (the site alone, default person, measured by ``tests/physiology/
test_nerve_injury.py``): at 35 °C a segment that has lost 97.5 % of its pump or more fires on its
own, in bursts of 8–9 spikes 2.2–4 ms apart (about 380 Hz) every 0.55–0.6 s; from about 90 % it
rests but, once a train of spikes has passed, goes on bursting (two stable states, as Bostock et
al. 1991 found); below that it rests. At 37 °C the thresholds are lower (spontaneous from 74 %),
at 34 °C and below even a complete loss leaves it silent. The window is narrow: the discharge
depends on a nearly complete failure of the pump, and the rate within a burst is above the
30–300 Hz of clinical neuromyotonic bursts (the site's recovery cycle; ``motor_axon``).

What is not modelled: other mechanisms of ectopic firing in damaged axons (Na⁺ channels
accumulating at the injury site, Devor 2006; a raised persistent Na⁺ current, as in ALS axons,
Vucic & Kiernan 2006), the damaged segment's raised interstitial K⁺, and the denervated fibres'
fibrillations.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kramp.params import Param, ParameterTable
from kramp.physiology import motor_axon

REFERENCES = {
    "kiernan_bostock2000": (
        "Kiernan MC, Bostock H (2000) Effects of membrane polarization and ischaemia on the "
        "excitability properties of human motor axons. Brain 123:2542–2551: ischaemia, which "
        "stops the Na⁺/K⁺ pump, depolarises human motor axons and changes their excitability "
        "as depolarising current does (not re-checked)"
    ),
    "bostock1991": (
        "Bostock H, Baker M, Reid G (1991) Changes in excitability of human motor axons "
        "underlying post-ischaemic fasciculations: evidence for two stable states. J Physiol "
        "441:537–557: spontaneous motor-axon discharges (fasciculations) after ischaemia, "
        "modelled with a node and internode (not re-checked)"
    ),
    "damage_extent": (
        "setting of the virtual experiment: the share of the surviving motor axons whose "
        "distal segment is damaged (0 none, 1 all); no published share used"
    ),
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
    "transection": (
        "setting of the virtual experiment: 1 when the nerve has been cut between the cord "
        "and the stimulating electrodes, 0 intact; no other value"
    ),
    "gilliatt1972": (
        "Gilliatt RW, Hjorth RJ (1972) Nerve conduction during Wallerian degeneration in the "
        "baboon. J Neurol Neurosurg Psychiatry 35:335–341: the muscle response to distal "
        "stimulation lost after 4–5 days, the nerve action potential 2–3 days later. The two "
        "survival times are fitted to those (target F8 is a calibration)"
    ),
    "survival_spread": (
        "kramp assumption: the units' survival times after section scatter with a coefficient "
        "of variation of 0.2 (the response fades over a day or two rather than at once; no "
        "measured spread used)"
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
        Param("transected", 0.0, "1", (0.0, 1.0), "transection",
              "1: the nerve is cut between the cord and the electrodes; 0: intact"),
        Param("transection_days", 0.0, "day", (0.0, 365.0), "gilliatt1972",
              "time since the nerve was cut"),
        Param("terminal_survival", 3.5, "day", (0.2, 30.0), "gilliatt1972",
              "mean time after section until a unit's nerve terminal stops transmitting",
              fitted_to=("F8",)),
        Param("axon_survival_extra", 2.5, "day", (0.0, 30.0), "gilliatt1972",
              "how much longer the distal axon keeps conducting than its terminal",
              fitted_to=("F8",)),
        Param("survival_spread", 0.2, "1", (0.0, 1.0), "survival_spread",
              "coefficient of variation of the units' survival times"),
        Param("damaged_share", 0.0, "1", (0.0, 1.0), "damage_extent",
              "share of the surviving motor axons with a damaged distal segment"),
        Param("pump_loss", 0.0, "1", (0.0, 1.0), "kiernan_bostock2000",
              "share of the Na⁺/K⁺-pump current the damaged segment has lost (1: none left, "
              "as in complete ischaemia)"),
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


def degenerated(values: Mapping[str, float], n_unit: int, rng: np.random.Generator
                ) -> tuple[np.ndarray, np.ndarray]:
    """(terminal failed, axon failed) of each of ``n_unit`` units of a person with a cut nerve,
    by now (module doc); nothing has failed in an intact nerve. The draws from ``rng`` are
    taken whether or not the nerve is cut, so a person's survival times are their own."""
    z = rng.standard_normal(n_unit)
    terminal_days = values["terminal_survival"] * np.maximum(
        1.0 + values["survival_spread"] * z, 0.0)
    cut = values["transected"] > 0.0
    days = values["transection_days"]
    return (cut & (days > terminal_days),
            cut & (days > terminal_days + values["axon_survival_extra"]))


def damaged_axons(values: Mapping[str, float], n_unit: int, rng: np.random.Generator
                  ) -> np.ndarray:
    """Which of ``n_unit`` surviving axons have a damaged distal segment (module doc). The draws
    are taken whatever the share, so a person's damaged axons are their own."""
    return rng.random(n_unit) < values["damaged_share"]


def damaged_segment(site: np.ndarray, values: Mapping[str, float]) -> np.ndarray:
    """The constants (``motor_axon.K``) of a damaged segment of an axon whose healthy site has
    ``site``: its pump current reduced by ``pump_loss``."""
    damaged = site.copy()
    damaged[motor_axon.K.i_pump] *= 1.0 - values["pump_loss"]
    return damaged
