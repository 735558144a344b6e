"""Target G11: the exercise contracture of an energy-failure myopathy is electrically silent.

The ``metabolic-myopathy-contracture`` scenario (myophosphorylase deficiency; a hand muscle works
maximally for 40 s under a cuff, which then comes off) and the same person with glycogenolysis
intact. The contracture is the detector's (force held without spikes after the command); its
EMG is compared with the muscle's own EMG during the maximal effort, the level of a voluntary
or cramp discharge of that muscle. The lactate part reads the ATP each unit's glycolysis made
over the run (``fibre.glycolysed`` in the final State), turns it into the muscle's lactate and the
venous lactate as the cuff comes off (:mod:`kramp.physiology.lactate`), and compares that peak
with the resting lactate: 3–5-fold with glycogenolysis, under 1.5-fold without. The hand muscle
stands in for the forearm flexors, and its effort is the scenario's (40 s maximal, held), not the
clinical test's minute of rhythmic gripping.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.params import variable_rows
from kramp.physiology import fibre, lactate

G11_SCENARIO = "metabolic-myopathy-contracture"
G11_EMG_SHARE = 0.1
G11_LACTATE_RATIO_INTACT = (3.0, 5.0)
G11_LACTATE_RATIO_BLOCKED = 1.5
F = variable_rows(fibre.VARIABLES)
EFFORT_WINDOW_MS = (1000.0, 11000.0)  # the first 10 s of the maximal effort


@cache
def g11_runs() -> dict[str, dict]:
    """The summary, the effort's EMG RMS (mV) and the muscle's lactate (mmol/kg wet) with
    glycogenolysis blocked and intact."""
    from kramp import scenarios

    found = {}
    for label, glycogenolysis in (("blocked", 0.0), ("intact", 1.0)):
        scenario = scenarios.load_scenario(G11_SCENARIO).updated(
            {("parameters", "fibre", "glycogenolysis"): glycogenolysis})
        result, state = scenarios.run(scenario)
        emg = result["emg_mV"].isel(person=0, muscle=0)
        time = emg["emg_time_ms"].values
        inside = (time >= EFFORT_WINDOW_MS[0]) & (time < EFFORT_WINDOW_MS[1])
        glycolysed = state.components["fibre"]["variables"][F.glycolysed, 0]
        found[label] = {"summary": scenarios.summarise(result),
                        "effort_emg_rms_mV": float(np.sqrt(np.mean(emg.values[inside] ** 2))),
                        "muscle_lactate_mmol_per_kg": lactate.muscle_lactate_mmol_per_kg(
                            glycolysed, result["twitch_force_mN"].isel(person=0).values)}
    return found


def target_g11() -> dict:
    found = g11_runs()
    blocked, intact = found["blocked"], found["intact"]
    summary = blocked["summary"]
    silent = (summary["contracture"]
              and summary["contracture_emg_rms_mV"] < G11_EMG_SHARE * blocked["effort_emg_rms_mV"])
    recovery = summary["contracture_recovery_ms"]
    spared = not intact["summary"]["contracture"]
    rest = lactate.PARAMETERS["resting_lactate"].value
    ratio = {label: lactate.peak_venous_lactate_mM(found[label]["muscle_lactate_mmol_per_kg"])
             / rest for label in found}
    low, high = G11_LACTATE_RATIO_INTACT
    lactate_as_published = (low <= ratio["intact"] <= high
                            and ratio["blocked"] < G11_LACTATE_RATIO_BLOCKED)
    release = lactate.PARAMETERS["release_time"]
    spread = [lactate.peak_venous_lactate_mM(intact["muscle_lactate_mmol_per_kg"],
                                             {"release_time": t}) / rest
              for t in reversed(release.range)]
    return {
        "id": "G11",
        "quantity": "force held after a 40 s maximal ischaemic effort without glycogenolysis "
                    "(myophosphorylase deficiency), its EMG against the effort's, its recovery "
                    "once the cuff comes off; the same with glycogenolysis; exercise lactate",
        "published": "the contracture is EMG-silent, unlike a cramp; lactate rises 3–5× "
                     "normally and < 1.5× with glycogenolysis blocked",
        "band": f"contracture with EMG < {G11_EMG_SHARE:.0%} of the discharge level; none "
                f"with glycogenolysis; peak venous lactate {low:g}–{high:g}× rest with "
                f"glycogenolysis, < {G11_LACTATE_RATIO_BLOCKED:g}× without; recovery time "
                "reported",
        "model_value": (
            (f"contracture {summary['contracture_emg_rms_mV'] * 1e3:.3f} µV RMS against "
             f"{blocked['effort_emg_rms_mV'] * 1e3:.0f} µV in the effort, let go "
             + (f"{recovery / 1e3:.2f} s after it began" if recovery is not None
                else "not by the run's end")
             if summary["contracture"] else "no contracture")
            + "; with glycogenolysis: "
            + ("a contracture" if intact["summary"]["contracture"] else "none")
            + f"; venous lactate as the cuff comes off {ratio['intact']:.1f}× rest with "
            f"glycogenolysis (muscle {intact['muscle_lactate_mmol_per_kg']:.1f} mmol/kg; "
            f"{spread[0]:.1f}–{spread[1]:.1f}× over the release time's "
            f"{release.range[0]:g}–{release.range[1]:g} min), {ratio['blocked']:.2f}× without "
            f"(muscle {blocked['muscle_lactate_mmol_per_kg']:.1f} mmol/kg)"),
        "passed": bool(silent and spared and lactate_as_published),
        "source": "ischaemic forearm test protocol (clinical, secondary); target G11; "
                  "lactate from the fibres' glycolysis (kramp.physiology.lactate)",
    }
