"""Targets A7 and E5: how the human motor axon's active sites respond to current and to calcium.

- A7: the strength–duration time constant and rheobase of human motor axons (Mogyoros, Kiernan
  & Burke 1996), measured as threshold current against pulse width on the axon's site membrane
  (``kramp.physiology.motor_axon``) at skin temperature, Weiss's law fitted.
- E5: the ionised calcium at which motor axons begin to discharge on their own, found by running
  the ``low-calcium-axon`` scenario at falling calcium levels (no command reaches the cord, so
  every axon spike is ectopic) and reading its spontaneous discharges from the outputs.

Each ``target_*`` returns ``{"id", "quantity", "published", "band", "model_value", "passed",
"source"}``, computed each time; a failing target reports its measured value.
"""

from __future__ import annotations

import numpy as np

from kramp.engine.components.axons import threshold_uA_per_cm2
from kramp.physiology import ions, motor_axon

# --- A7: strength–duration time constant ---------------------------------------------------------
A7_WIDTHS_MS = (0.1, 0.2, 0.3, 0.5, 1.0)  # the widths of threshold-tracking studies
A7_TEMPERATURE_DEGC = 33.0  # skin temperature kept > 32 °C in those studies
A7_DT_MS = 0.005
A7_MEAN_SD_MS = (0.459, 0.126)  # median motor axons, Mogyoros et al. 1996
A7_BAND_MS = (A7_MEAN_SD_MS[0] - 2 * A7_MEAN_SD_MS[1], A7_MEAN_SD_MS[0] + 2 * A7_MEAN_SD_MS[1])


def strength_duration() -> tuple[np.ndarray, np.ndarray, float, float]:
    """(widths ms, threshold µA/cm², rheobase µA/cm², τ_SD ms): charge = I_rh (w + τ_SD)."""
    k = motor_axon.site_constants({}, {**ions.PARAMETERS.defaults(),
                                       "temperature": A7_TEMPERATURE_DEGC})
    widths = np.array(A7_WIDTHS_MS)
    threshold = np.array([threshold_uA_per_cm2(k, w, A7_DT_MS) for w in widths])
    rheobase, intercept = np.polyfit(widths, threshold * widths, 1)
    return widths, threshold, float(rheobase), float(intercept / rheobase)


def target_a7() -> dict:
    low, high = A7_BAND_MS
    widths, threshold, rheobase, tau = strength_duration()
    return {
        "id": "A7",
        "quantity": "strength–duration time constant of human motor axons (Weiss fit, pulses "
                    f"{widths[0]:g}–{widths[-1]:g} ms, {A7_TEMPERATURE_DEGC:g} °C)",
        "published": f"τ_SD {A7_MEAN_SD_MS[0] * 1e3:.0f} ± {A7_MEAN_SD_MS[1] * 1e3:.0f} µs "
                     "(median nerve motor axons)",
        "band": f"{low:.3f}–{high:.3f} ms (mean ± 2 SD)",
        "model_value": f"τ_SD {tau:.3f} ms, rheobase {rheobase:.0f} µA/cm² of node; thresholds "
                       + ", ".join(f"{w:g} ms: {i:.0f}" for w, i in zip(widths, threshold,
                                                                          strict=True)),
        "passed": bool(low <= tau <= high),
        "source": "Mogyoros I, Kiernan MC, Burke D 1996, Brain 119:439–447",
    }


# --- E5: the hypocalcaemic discharge threshold ----------------------------------------------------
E5_CALCIUM_MM = (1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
E5_SCENARIO = "low-calcium-axon"
E5_DURATION = "1 s"
E5_SILENT_ABOVE_MM = 1.1
E5_ONSET_BAND_MM = (0.7, 1.1)


def discharges_at(calcium_mM: float) -> dict:
    """The scenario's spontaneous discharges with ionised Ca at ``calcium_mM``."""
    from kramp.analysis.nerve import spontaneous_discharges
    from kramp.scenarios import apply_overrides, load_scenario, run

    scenario = apply_overrides(load_scenario(E5_SCENARIO),
                               [f"ions.calcium={calcium_mM}", f"duration={E5_DURATION}"])
    result, _ = run(scenario)
    return spontaneous_discharges(result)


def target_e5() -> dict:
    low, high = E5_ONSET_BAND_MM
    sweep = {ca: discharges_at(ca) for ca in E5_CALCIUM_MM}
    firing = [ca for ca, d in sweep.items() if d["spontaneous_discharges"]]
    onset = max(firing) if firing else None
    silent_above = all(not d["spontaneous_discharges"] for ca, d in sweep.items()
                       if ca >= E5_SILENT_ABOVE_MM)
    if onset is None:
        shown = f"no spontaneous discharge down to {min(E5_CALCIUM_MM):g} mM"
    else:
        d = sweep[onset]
        shown = (f"discharges begin at {onset:g} mM: {d['spontaneous_discharge_rate_hz']:.1f} "
                 f"/s from {d['discharging_axons']} axons ({d['singlets']} singlets, "
                 f"{d['doublets']} doublets, {d['multiplets']} multiplets)")
    return {
        "id": "E5",
        "quantity": "ionised Ca²⁺ at which the calf's motor axons begin to discharge on their "
                    "own (scenario low-calcium-axon, Ca lowered in steps)",
        "published": "normal serum ionised Ca 1.184 ± 0.054 mmol/L; tetany typically below "
                     "about 1.1 mmol/L",
        "band": f"none at ≥ {E5_SILENT_ABOVE_MM:g} mM; onset between {low:g} and {high:g} mM",
        "model_value": shown + f" (levels {', '.join(f'{c:g}' for c in E5_CALCIUM_MM)} mM)",
        "passed": bool(silent_above and onset is not None and low <= onset < high),
        "source": "Clin Chem 1978;24:1545–1552 (authors not re-checked); clinical reviews",
    }
