"""Target G11: the exercise contracture of an energy-failure myopathy is electrically silent.

The ``metabolic-myopathy-contracture`` scenario (myophosphorylase deficiency; a hand muscle works
maximally for 40 s under a cuff, which then comes off) and the same person with glycogenolysis
intact. The contracture is the detector's (force held without spikes after the command); its
EMG is compared with the muscle's own EMG during the maximal effort, the level of a voluntary
or cramp discharge of that muscle. kramp has no blood lactate yet, so G11's lactate part is not
computed and the target cannot pass; the rest is measured and shown.
"""

from __future__ import annotations

from functools import cache

import numpy as np

G11_SCENARIO = "metabolic-myopathy-contracture"
G11_EMG_SHARE = 0.1
EFFORT_WINDOW_MS = (1000.0, 11000.0)  # the first 10 s of the maximal effort


@cache
def g11_runs() -> dict[str, dict]:
    """The summary and the effort's EMG RMS (mV) with glycogenolysis blocked and intact."""
    from kramp import scenarios

    found = {}
    for label, glycogenolysis in (("blocked", 0.0), ("intact", 1.0)):
        scenario = scenarios.load_scenario(G11_SCENARIO).updated(
            {("parameters", "fibre", "glycogenolysis"): glycogenolysis})
        result, _ = scenarios.run(scenario)
        emg = result["emg_mV"].isel(person=0, muscle=0)
        time = emg["emg_time_ms"].values
        inside = (time >= EFFORT_WINDOW_MS[0]) & (time < EFFORT_WINDOW_MS[1])
        found[label] = {"summary": scenarios.summarise(result),
                        "effort_emg_rms_mV": float(np.sqrt(np.mean(emg.values[inside] ** 2)))}
    return found


def target_g11() -> dict:
    found = g11_runs()
    blocked, intact = found["blocked"], found["intact"]
    summary = blocked["summary"]
    silent = (summary["contracture"]
              and summary["contracture_emg_rms_mV"] < G11_EMG_SHARE * blocked["effort_emg_rms_mV"])
    recovery = summary["contracture_recovery_ms"]
    spared = not intact["summary"]["contracture"]
    lactate_as_published = None  # kramp computes no blood lactate yet
    return {
        "id": "G11",
        "quantity": "force held after a 40 s maximal ischaemic effort without glycogenolysis "
                    "(myophosphorylase deficiency), its EMG against the effort's, its recovery "
                    "once the cuff comes off; the same with glycogenolysis; exercise lactate",
        "published": "the contracture is EMG-silent, unlike a cramp; lactate rises 3–5× "
                     "normally and < 1.5× with glycogenolysis blocked",
        "band": f"contracture with EMG < {G11_EMG_SHARE:.0%} of the discharge level; none "
                "with glycogenolysis; lactate ratios as published; recovery time reported",
        "model_value": (
            (f"contracture {summary['contracture_emg_rms_mV'] * 1e3:.3f} µV RMS against "
             f"{blocked['effort_emg_rms_mV'] * 1e3:.0f} µV in the effort, let go "
             + (f"{recovery / 1e3:.2f} s after it began" if recovery is not None
                else "not by the run's end")
             if summary["contracture"] else "no contracture")
            + "; with glycogenolysis: "
            + ("a contracture" if intact["summary"]["contracture"] else "none")
            + "; lactate: not modelled (no blood lactate in kramp yet)"),
        "passed": bool(silent and spared and lactate_as_published),
        "source": "ischaemic forearm test protocol (clinical, secondary); target G11",
    }
