"""Targets G4 and G5: the electrically induced cramp of the ``electrically-induced-cramp``
scenario, read by the cramp measure of :mod:`kramp.analysis.cramp` (outputs only).

G4 (Minetto et al. 2011) compares the cramp threshold frequency, the cramp's duration and its
motor units' rate with the nerve intact and with its conduction blocked between the electrode
and the cord (``stimulation.proximal_block``): a cramp the spinal loop sustains shortens or
vanishes under the block. G5 (Minetto et al. 2009) describes the motor units of a cramp: mean
rate, interspike variability and doublets, read here from the first train that a cramp outlasts.

The scenario's person is kramp's default; nothing was fitted to either target (predictions). The
published cramps are of the abductor hallucis (G5) and of the calf or foot muscles under tibial
stimulation (G4); the model's is the calf's under tibial-nerve trains of 2 s, not 150 pulses.
"""

from __future__ import annotations

from functools import cache

from kramp.analysis import cramp
from kramp.scenarios import runner
from kramp.scenarios.loader import load_scenario

SCENARIO = "electrically-induced-cramp"
G4_CTF_RISE_HZ = (2.0, 8.0)
G4_DURATION_SHARE = 0.1
G4_RATE_PPS = (14.0, 26.0)
G5_RATE_PPS = (10.0, 20.0)
G5_CV = (0.30, 0.55)
G5_DOUBLETS = 0.10


@cache
def electrically_induced(blocked: bool) -> dict:
    """The scenario's cramp measures, with the nerve intact or blocked proximally."""
    scenario = load_scenario(SCENARIO)
    if blocked:
        scenario = scenario.updated({("parameters", "stimulation", "proximal_block"): 1.0})
    return cramp.electrically_induced_cramp(runner.run(scenario)[0], 0)


def _longest_after_discharge(found: dict) -> str:
    longest = max(found["trains"], key=lambda train: train["after_train_s"])
    return (f"no cramp up to {found['trains'][-1]['frequency_hz']:g} Hz (longest "
            f"after-discharge {longest['after_train_s']:.1f} s, after {longest['frequency_hz']:g}"
            " Hz)")


def _shown(found: dict) -> str:
    if found["cramp_threshold_frequency_hz"] is None:
        return _longest_after_discharge(found)
    rate = found["cramp_unit_rate_hz"]
    return (f"CTF {found['cramp_threshold_frequency_hz']:g} Hz, cramp "
            f"{found['cramp_duration_s']:.1f} s, units "
            + ("none steady" if rate is None else f"{rate:.1f} pps"))


def target_g4() -> dict:
    intact, blocked = electrically_induced(False), electrically_induced(True)
    low, high = G4_CTF_RISE_HZ
    rate_low, rate_high = G4_RATE_PPS
    passed = False
    if intact["cramp_threshold_frequency_hz"] is not None:
        rate = intact["cramp_unit_rate_hz"]
        rises = (blocked["cramp_threshold_frequency_hz"] is None
                 or low <= blocked["cramp_threshold_frequency_hz"]
                 - intact["cramp_threshold_frequency_hz"] <= high)
        shorter = (blocked["cramp_duration_s"] or 0.0) < (G4_DURATION_SHARE
                                                          * intact["cramp_duration_s"])
        passed = bool(rises and shorter and rate is not None and rate_low <= rate <= rate_high)
    return {
        "id": "G4",
        "quantity": "electrically induced cramp with the spinal loop intact and cut (nerve block)",
        "published": ("CTF 13 ± 3 Hz intact vs 18 ± 3 Hz blocked; cramp 55.6 ± 19.2 vs 2.6 ± "
                      "1.3 s; motor units 20.0 ± 5.9 vs 25.7 ± 11.6 pps"),
        "band": (f"blocked CTF {low:g}–{high:g} Hz higher (or none); blocked cramp < "
                 f"{100 * G4_DURATION_SHARE:g} % of the intact one; intact units "
                 f"{rate_low:g}–{rate_high:g} pps"),
        "model_value": f"intact: {_shown(intact)}; blocked: {_shown(blocked)}",
        "passed": passed,
        "source": ("Minetto MA et al. 2011, J Physiol 589:5759–5773, "
                   "doi 10.1113/jphysiol.2011.212332"),
    }


def target_g5() -> dict:
    found = electrically_induced(False)
    rate, cv, doublets = (found["cramp_unit_rate_hz"], found["cramp_interspike_cv"],
                          found["cramp_doublet_share"])
    if rate is None:
        shown = _shown(found)
        passed = False
    else:
        shown = (f"{rate:.1f} pps, interspike CV {100 * cv:.1f} %, doublets "
                 f"{100 * doublets:.1f} % ({_shown(found)})")
        passed = bool(G5_RATE_PPS[0] <= rate <= G5_RATE_PPS[1] and G5_CV[0] <= cv <= G5_CV[1]
                      and doublets < G5_DOUBLETS)
    return {
        "id": "G5",
        "quantity": "motor-unit discharge during an electrically induced cramp",
        "published": ("48 units: 14.5 ± 5.1 pps (minimum 6.0, maximum 25.0), interspike CV 44.6 "
                      "± 9.7 %, doublets 4.1 %"),
        "band": (f"mean rate {G5_RATE_PPS[0]:g}–{G5_RATE_PPS[1]:g} pps; interspike CV "
                 f"{100 * G5_CV[0]:g}–{100 * G5_CV[1]:g} %; doublets < {100 * G5_DOUBLETS:g} %"),
        "model_value": shown,
        "passed": passed,
        "source": "Minetto MA, Holobar A, Botter A, Farina D 2009, J Neurophysiol 102:1890–1901",
    }
