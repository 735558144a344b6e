"""Target G7 (Khan & Burne 2007): does a cramp yield to tendon-afferent inhibition as a voluntary
contraction does?

Khan & Burne stimulated the Achilles tendon during a cramp of one gastrocnemius head and during a
voluntary contraction of matched force, and found the same two phases of inhibition (I1, I2) in
the averaged EMG after each stimulus; the inhibition was weaker in people who cramp. kramp's
cramp is the electrically induced one (``electrically-induced-cramp``, the default person): the
train that the cramp follows and its rest are run again
with pulses over the Achilles tendon (``tendon_stimulation``, exciting ``IB_SHARE`` of the calf's
Ib fibres) at ``STIMULUS_HZ`` from ``FIRST_AFTER_TRAIN_MS`` after the train's last pulse
(from the State the protocol's own run had before that train). The
voluntary contraction is a slow ramp of the calf's command with the same pulses throughout; the
stimuli whose preceding calf force lies within ``FORCE_MATCH`` of the cramp's mean force are its
force-matched ones (the nearest ``MIN_STIMULI`` when fewer do).

Each condition's rectified calf EMG (the three heads summed) is averaged around its stimuli.
The inhibition's *area* is the shortfall below the pre-stimulus mean (``BASELINE_MS``) summed
over ``WINDOW_MS`` after the stimulus, in ms of complete silence; its *onset* the first bin there
below half the baseline. G7's second part, weaker inhibition with lower Ib gain, compares the
voluntary inhibition of G1's cramp-prone person (weaker Ib interneurones) with the default's.
Nothing was fitted to this target (a prediction).
"""

from __future__ import annotations

import copy
from functools import cache

import numpy as np
import xarray as xr

from kramp.scenarios import runner
from kramp.scenarios.loader import load_scenario
from kramp.validation import cramp_targets

IB_SHARE = 0.5  # kramp's assumption for a stimulus at a few times the perception threshold
STIMULUS_HZ = 3.0
FIRST_AFTER_TRAIN_MS = 300.0
CALF = ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius")
RAMP = {"level": 30.0, "onset": 500.0, "ramp_up": 12000.0, "hold": 0.0, "ramp_down": 0.0}
RAMP_FIRST_PULSE_MS = 1000.0
RAMP_MS = 12500.0
FORCE_MATCH = 0.2
MIN_STIMULI = 6
BASELINE_MS = 50.0
WINDOW_MS = (20.0, 120.0)
BIN_MS = 5.0
AGREEMENT = 0.2


def _calf_emg(result: xr.Dataset) -> tuple[np.ndarray, np.ndarray]:
    emg = result["emg_mV"].sel(person=0, muscle=list(CALF))
    return emg["emg_time_ms"].values, np.abs(emg.values).sum(axis=-1)


def _calf_force_N(result: xr.Dataset) -> tuple[np.ndarray, np.ndarray]:
    force = result["force_mN"].sel(person=0, muscle=list(CALF)).values.sum(axis=-1) * 1e-3
    return result["time_ms"].values, force


def inhibition(result: xr.Dataset, stimuli_ms: np.ndarray) -> dict:
    """The averaged rectified calf EMG around ``stimuli_ms``: its baseline (mV), the inhibition's
    area (ms of silence) and onset (ms; None when it never falls below half the baseline)."""
    time, emg = _calf_emg(result)
    edges = np.arange(-BASELINE_MS, WINDOW_MS[1] + BIN_MS, BIN_MS)
    average = np.zeros(edges.size - 1)
    for stimulus in stimuli_ms:
        summed, _ = np.histogram(time - stimulus, bins=edges, weights=emg)
        counted, _ = np.histogram(time - stimulus, bins=edges)
        average += summed / np.maximum(counted, 1) / len(stimuli_ms)
    starts = edges[:-1]
    baseline = float(average[starts < 0.0].mean())
    after = (starts >= WINDOW_MS[0]) & (starts < WINDOW_MS[1])
    shortfall = np.clip(baseline - average[after], 0.0, None)
    area = float(shortfall.sum() * BIN_MS / baseline) if baseline > 0.0 else 0.0
    below = np.flatnonzero(average[after] < 0.5 * baseline)
    return {"baseline_mV": baseline, "area_ms": area, "stimuli": len(stimuli_ms),
            "onset_ms": float(starts[after][below[0]]) if below.size else None}


@cache
def during_cramp() -> dict | None:
    """G7's cramp condition (module doc), with the cramp's mean calf force (N); None when the
    default person has no electrically induced cramp."""
    run = cramp_targets.intact_run()
    found, branch_ms, state = run.measures, run.branch_ms, run.branch_state
    frequency = found["cramp_threshold_frequency_hz"]
    if frequency is None:
        return None
    scenario = load_scenario(cramp_targets.SCENARIO).updated(
        {("cramp_threshold_protocol", "stop_at_first_cramp"): False})
    protocol = scenario.cramp_threshold_protocol
    begin = next(b for f, b in protocol.trains() if f == frequency)
    last_pulse = begin + (protocol.pulses(frequency) - 1) * 1000.0 / frequency
    first = last_pulse + FIRST_AFTER_TRAIN_MS
    end_ms = begin + protocol.train_duration_ms + protocol.rest_ms
    count = int((end_ms - first) * 1e-3 * STIMULUS_HZ)
    stimulated = scenario.updated({
        ("duration",): f"{end_ms - branch_ms!r} ms",
        ("parameters", "tendon_stimulation", "ib_share"): IB_SHARE,
        ("parameters", "tendon_stimulation", "first_pulse"): f"{first!r} ms",
        ("parameters", "tendon_stimulation", "pulse_count"): count,
        ("parameters", "tendon_stimulation", "frequency"): f"{STIMULUS_HZ!r} Hz"})
    # the same person up to the train the cramp followed, then that train and its rest again
    # with the stimuli (the State is copied: the cache keeps the original)
    result, _ = runner.run(stimulated, state=copy.deepcopy(state))
    # the stimuli that fell inside the cramp: from its onset to its end
    onset = last_pulse + found["cramp_onset_latency_ms"]
    end = last_pulse + found["cramp_duration_s"] * 1e3
    stimuli = first + np.arange(count) * 1000.0 / STIMULUS_HZ
    inside = stimuli[(stimuli >= onset) & (stimuli < end)]
    time, force = _calf_force_N(result)
    during = (time >= onset) & (time < end)
    return {**inhibition(result, inside), "force_N": float(force[during].mean())}


@cache
def voluntary(force_N: float, prone: bool) -> dict:
    """G7's voluntary condition (module doc): the inhibition after the stimuli whose preceding
    calf force matches ``force_N``, for the default or G1's cramp-prone person."""
    from kramp.engine import build_model, simulate

    count = int((RAMP_MS - RAMP_FIRST_PULSE_MS) * 1e-3 * STIMULUS_HZ)
    parameters = {"drive": RAMP, "tibialis_anterior": {"command_share": 0.0},
                  "movement": {"start_angle": 0.0},
                  "tendon_stimulation": {"ib_share": IB_SHARE,
                                         "first_pulse": RAMP_FIRST_PULSE_MS,
                                         "pulse_count": count, "frequency": STIMULUS_HZ}}
    if prone:
        for (_, component, name), value in cramp_targets.CRAMP_PRONE.items():
            parameters.setdefault(component, {})[name] = value
    result = simulate(build_model("ankle", parameters), RAMP_MS)
    stimuli = RAMP_FIRST_PULSE_MS + np.arange(count) * 1000.0 / STIMULUS_HZ
    time, force = _calf_force_N(result)
    before = np.array([force[(time >= s - BASELINE_MS) & (time < s)].mean() for s in stimuli])
    miss = np.abs(before / force_N - 1.0)
    matched = stimuli[miss <= FORCE_MATCH]
    if matched.size < MIN_STIMULI:
        matched = stimuli[np.argsort(miss)[:MIN_STIMULI]]
    return {**inhibition(result, matched), "force_N": float(np.mean(before[np.isin(stimuli,
                                                                                   matched)]))}


def _shown(found: dict) -> str:
    onset = "none" if found["onset_ms"] is None else f"{found['onset_ms']:g} ms"
    return (f"area {found['area_ms']:.1f} ms, onset {onset} ({found['stimuli']} stimuli at "
            f"{found['force_N']:.0f} N, baseline {1e3 * found['baseline_mV']:.1f} µV)")


def _agree(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and b > 0.0 and abs(a / b - 1.0) <= AGREEMENT


def target_g7() -> dict:
    cramp = during_cramp()
    if cramp is None:
        shown, passed = "no electrically induced cramp to stimulate in", False
    else:
        matched = voluntary(cramp["force_N"], False)
        prone = voluntary(cramp["force_N"], True)
        alike = (_agree(cramp["area_ms"], matched["area_ms"])
                 and _agree(cramp["onset_ms"], matched["onset_ms"]))
        weaker = prone["area_ms"] < matched["area_ms"]
        passed = alike and weaker
        shown = (f"cramp: {_shown(cramp)}; matched voluntary: {_shown(matched)}; cramp-prone "
                 f"person's voluntary: {_shown(prone)}")
    return {
        "id": "G7",
        "quantity": "inhibition of cramp EMG by Achilles-tendon stimulation",
        "published": ("cramp EMG inhibited with the same I1/I2 phases as voluntary EMG; the "
                      "inhibition weaker in people who cramp"),
        "band": (f"inhibition area and onset during the cramp within ±{100 * AGREEMENT:g} % of a "
                 "force-matched voluntary contraction's; weaker inhibition in the cramp-prone "
                 "person"),
        "model_value": shown,
        "passed": bool(passed),
        "source": "Khan SI, Burne JA 2007, J Neurophysiol 98:1102–1107, "
                  "doi 10.1152/jn.00371.2007",
    }
