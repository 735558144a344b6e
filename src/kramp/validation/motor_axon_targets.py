"""Targets A7 and E5: how the human motor axon's active sites respond to current and to calcium.

- A7: the strength–duration time constant and rheobase of human motor axons (Mogyoros, Kiernan
  & Burke 1996), measured as threshold current against pulse width on the axon's site membrane
  (``kramp.physiology.motor_axon``) at skin temperature, Weiss's law fitted.
- A9: the site follows trains of pulses one to one with no afterdischarge, the criterion to
  which the persistent Na⁺ share was fitted (a calibration).
- A10 (kramp's own): the same trains with the potassium around the axon at the upper limit of
  the normal plasma range (5.0 mM) and in mild hyperkalaemia (5.5, 6.0 mM). Human motor axons
  in hyperkalaemia are depolarised and less excitable, not more: before dialysis, with serum K⁺
  raised, refractoriness is longer and superexcitability smaller, in proportion to the K⁺
  (Krishnan et al. 2005), and a normal plasma K⁺ brings no discharge at all. Nothing was fitted
  to it: a prediction.
- E5: the ionised calcium at which motor axons begin to discharge on their own, found by running
  the ``low-calcium-axon`` scenario at falling calcium levels (no command reaches the cord, so
  every axon spike is ectopic) and reading its spontaneous discharges from the outputs.

Each ``target_*`` returns ``{"id", "quantity", "published", "band", "model_value", "passed",
"source"}``, computed each time; a failing target reports its measured value.
"""

from __future__ import annotations

import numpy as np

from kramp.physiology import acid_base, ions, motor_axon
from kramp.physiology.motor_axon import threshold_uA_per_cm2

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


# --- A9: trains followed one to one ------------------------------------------------------------
A9_FREQUENCIES_HZ = (10.0, 20.0, 50.0, 100.0, 200.0)
A9_TRAIN_MS = 2000.0
A9_AFTER_MS = 500.0
A9_TEMPERATURE_DEGC = 37.0
A9_PULSE_MS = 0.1
A9_DT_MS = 0.025


def train_response(frequency_hz: float, axon_values: dict | None = None,
                   ion_values: dict | None = None) -> tuple[int, int, int]:
    """(pulses, spikes during the train, spikes after it) of a resting site given a 2 s train of
    0.1 ms pulses at 3 × threshold; ``ion_values`` change the default ions and A9's 37 °C."""
    k = motor_axon.site_constants(axon_values or {}, {**ions.PARAMETERS.defaults(),
                                                      "temperature": A9_TEMPERATURE_DEGC,
                                                      **(ion_values or {})})
    amplitude = 3.0 * threshold_uA_per_cm2(k, A9_PULSE_MS, A9_DT_MS)
    steps_per_pulse = round(A9_PULSE_MS / A9_DT_MS)
    period = round(1e3 / frequency_hz / A9_DT_MS)
    train_steps = round(A9_TRAIN_MS / A9_DT_MS)
    current = np.zeros(train_steps + round(A9_AFTER_MS / A9_DT_MS))
    onsets = np.arange(0, train_steps, period)
    for onset in onsets:
        current[onset:onset + steps_per_pulse] = amplitude
    v = motor_axon.site_trace(motor_axon.initial_state(k), k, current, A9_DT_MS)
    level = motor_axon.SPIKE_DETECTION_MV
    crossing = np.flatnonzero((v[1:] >= level) & (v[:-1] < level)) + 1
    during = int(np.sum(crossing < train_steps))
    return int(onsets.size), during, int(crossing.size) - during


def target_a9() -> dict:
    rows = {f: train_response(f) for f in A9_FREQUENCIES_HZ}
    return {
        "id": "A9",
        "quantity": "spikes of the motor-axon site to 2 s trains of pulses at "
                    f"{A9_FREQUENCIES_HZ[0]:g}–{A9_FREQUENCIES_HZ[-1]:g} Hz "
                    f"({A9_TEMPERATURE_DEGC:g} °C), during and in the {A9_AFTER_MS:g} ms after",
        "published": "normal motor axons follow impulse trains and hyperpolarise after them "
                     "instead of discharging",
        "band": "exactly one spike per pulse; none after the train",
        "model_value": "; ".join(f"{f:g} Hz: {n} pulses, {during} spikes, {after} after"
                                 for f, (n, during, after) in rows.items()),
        "passed": all(during == n and after == 0 for n, during, after in rows.values()),
        "source": "Bostock H, Grafe P 1985, J Physiol 365:239–257 (rat; not re-checked)",
    }


# --- A10: trains followed at raised potassium ----------------------------------------------
# the upper limit of normal plasma K⁺ (3.5–5.0 mM, StatPearls) and mild hyperkalaemia
A10_POTASSIUM_MM = (5.0, 5.5, 6.0)
A10_FREQUENCIES_HZ = (10.0, 20.0, 50.0)


def target_a10() -> dict:
    rows = {(k, f): train_response(f, ion_values={"potassium": k})
            for k in A10_POTASSIUM_MM for f in A10_FREQUENCIES_HZ}
    shown = "; ".join(
        f"{k:g} mM: " + ", ".join(f"{f:g} Hz {during}/{n} (+{after} after)"
                                  for f in A10_FREQUENCIES_HZ
                                  for n, during, after in [rows[k, f]])
        for k in A10_POTASSIUM_MM)
    return {
        "id": "A10",
        "quantity": "spikes of the motor-axon site to 2 s trains of pulses at "
                    f"{A10_FREQUENCIES_HZ[0]:g}–{A10_FREQUENCIES_HZ[-1]:g} Hz "
                    f"({A9_TEMPERATURE_DEGC:g} °C, as A9) with K⁺ outside at "
                    + ", ".join(f"{k:g}" for k in A10_POTASSIUM_MM) + " mM",
        "published": "before dialysis, human motor axons are depolarised in proportion to serum "
                     "K⁺: refractoriness increased, superexcitability and depolarising threshold "
                     "electrotonus reduced; normal plasma K⁺ is 3.5–5.0 mM",
        "band": "at each K⁺ level, exactly one spike per pulse and none after the train",
        "model_value": "spikes/pulses per train: " + shown,
        "passed": all(during == n and after == 0 for n, during, after in rows.values()),
        "source": "Krishnan AV, Phoon RKS, Pussell BA, Charlesworth JA, Bostock H, Kiernan MC "
                  "2005, Brain 128:2164–2174 (abstract); StatPearls, 'Hypokalemia' (the normal "
                  "range)",
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
    # from high to low Ca, up to the first level that discharges: the onset
    sweep = {}
    for ca in E5_CALCIUM_MM:
        sweep[ca] = discharges_at(ca)
        if sweep[ca]["spontaneous_discharges"]:
            break
    firing = [ca for ca, d in sweep.items() if d["spontaneous_discharges"]]
    onset = firing[0] if firing else None
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
        "model_value": shown + f" (levels {', '.join(f'{c:g}' for c in sweep)} mM)",
        "passed": bool(silent_above and onset is not None and low <= onset < high),
        "source": "Clin Chem 1978;24:1545–1552 (authors not re-checked); clinical reviews",
    }


# --- E6: hyperventilation and axonal excitability -------------------------------------------------
# Hand muscle and nerve of the study (median nerve, thenar) stood in for by kramp's hand pool:
# first dorsal interosseous, nerve stimulated at the wrist; a constant submaximal stimulus set at
# normal PaCO2 to the median unit's threshold, as in threshold-free CMAP monitoring.
E6_PACO2_MMHG = (40.0, 35.0, 30.0, 25.0, 20.0)
E6_MUSCLE = "first_dorsal_interosseous"
E6_SITE_MM = 70.0
E6_PULSE_MS = 0.2
E6_BURST_FALL_MMHG = (15.0, 25.0)


def hyperventilation_sweep() -> list[dict]:
    """CMAP to a constant submaximal stimulus and spontaneous discharges at each PaCO2: the
    blood's pH and ionised Ca from :mod:`kramp.physiology.acid_base` (acute buffering, Ca bound
    to the plasma proteins), with the gating shift each of them alone would give."""
    from kramp.analysis.nerve import Pulse, cmap
    from kramp.engine import build_model, simulate

    def model(blood: dict, intensity: float):
        return build_model("motor_pool", {
            "drive": {"level": 0.0}, "ions": acid_base.interstitial_ions(blood),
            "emg": {"sampling_rate": 20000.0},
            "stimulation": {"intensity": intensity, "pulse_width": E6_PULSE_MS,
                            "site_distance": E6_SITE_MM, "first_pulse": 50.0}},
            muscle_names=[E6_MUSCLE])

    normal = model(acid_base.plasma({"paco2": E6_PACO2_MMHG[0]}), 1.0).component("axon")
    tibial_gain = normal.gain[0, :, 0]  # person 0, the tibial-nerve electrode
    thresholds = threshold_uA_per_cm2(normal.constants[0], E6_PULSE_MS, 0.025) / tibial_gain
    intensity = float(np.median(thresholds))
    rows = []
    defaults = ions.PARAMETERS.defaults()
    for paco2 in E6_PACO2_MMHG:
        blood = acid_base.plasma({"paco2": paco2})
        felt = acid_base.interstitial_ions(blood)
        result = simulate(model(blood, intensity), 400.0)
        response = cmap(result, Pulse(50.0, E6_SITE_MM, intensity), E6_MUSCLE)
        rows.append({"paco2_mmHg": paco2, "ph": felt["ph"], "calcium_mM": felt["calcium"],
                     "cmap_mV": response.amplitude_mV,
                     "ectopic": int(result["axon.ectopic.spike_time_ms"].size),
                     "shift_mV": ions.gating_shift_mV({**defaults, **felt}),
                     "shift_ph_mV": ions.gating_shift_mV({**defaults, "ph": felt["ph"]}),
                     "shift_calcium_mV": ions.gating_shift_mV({**defaults,
                                                               "calcium": felt["calcium"]})})
    return rows


def target_e6() -> dict:
    rows = hyperventilation_sweep()
    amplitude = np.array([r["cmap_mV"] for r in rows])
    rising = bool(np.all(np.diff(amplitude) > 0.0))
    bursting = [E6_PACO2_MMHG[0] - r["paco2_mmHg"] for r in rows if r["ectopic"] > 0]
    onset = min(bursting) if bursting else None
    low, high = E6_BURST_FALL_MMHG
    return {
        "id": "E6",
        "quantity": "CMAP to a constant submaximal stimulus and ectopic discharges as PaCO2 falls "
                    "40 → 20 mmHg (pH and ionised Ca from the acid–base and Ca-binding model), "
                    "hand muscle",
        "published": "CMAP grew before symptoms, excitability inversely related to PCO2; "
                     "paraesthesiae after a fall of about 20 mmHg; pH 7.39 → 7.75 in 5 min",
        "band": f"CMAP rising monotonically; ectopic bursts begin at a fall of {low:g}–{high:g} "
                "mmHg",
        "model_value": "; ".join(f"{r['paco2_mmHg']:g} mmHg (pH {r['ph']:.2f}, ionised Ca "
                                 f"{r['calcium_mM']:.3f} mM, shift {r['shift_mV']:+.2f} mV: "
                                 f"{r['shift_ph_mV']:+.2f} from pH, {r['shift_calcium_mV']:+.2f} "
                                 f"from Ca): CMAP {r['cmap_mV']:.2f} mV, {r['ectopic']} ectopic"
                                 for r in rows)
                       + ("; no ectopic discharge" if onset is None
                          else f"; ectopic from a fall of {onset:g} mmHg"),
        "passed": bool(rising and onset is not None and low <= onset <= high),
        "source": "Macefield G, Burke D 1991, Brain 114:527–540; Steurer J et al. 1997, Dtsch "
                  "Med Wochenschr 122:887–889",
    }
