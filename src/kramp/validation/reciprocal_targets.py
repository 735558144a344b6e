"""Target D7: the timing of reciprocal Ia inhibition of the soleus H-reflex.

The virtual experiment, on the healthy default person, relaxed, with the ankle held (soleus and
tibialis anterior simulated, each with its afferents and interneurones):

* **Background.** The person is simulated without any stimulus; its State is kept at every time
  a trial begins. Every trial resumes from one of these States, so trials share the person, its
  anatomy and its random streams, and each starts rested: no earlier pulse depresses it (the
  separate runs stand for trials seconds apart).
* **Test pulse** (``stimulation``): 1 ms to the tibial nerve in the popliteal fossa, as in the
  ``h-reflex`` scenario, at ``TEST_MS``. Its intensity is set, for each person, as an
  experimenter sets it: a recruitment curve in ``RECRUITMENT_STEP_MA`` steps, each pulse a trial
  of its own from the State at ``TEST_MS``, up past the largest H-wave; the test intensity is
  the one on the ascending limb whose H-wave is nearest half that largest one (the size of the
  test reflex changes the inhibition measured, Crone et al. 1990, Exp Brain Res 81:35–45, not
  re-checked, so every condition below is tested at its own half-maximal H).
* **Conditioning pulse** (``conditioning_stimulation``): 1 ms to the common peroneal nerve at
  ``CONDITIONING_TIMES_THRESHOLD`` × the tibialis anterior's motor threshold, the lowest
  intensity (found by bisection, ``THRESHOLD_TOLERANCE_MA``) whose pulse evokes a tibialis
  anterior M-wave of ``VISIBLE_M_WAVE_MV`` or more. At motor threshold the nerve's largest
  fibres, its Ia afferents, are excited with few motor axons; Crone et al. (1987) found the
  inhibition from 0.6 × motor threshold, and Knikou's protocols condition at about motor
  threshold (not re-checked).
* **Conditioning–test intervals** ``INTERVALS_MS`` (conditioning first): each a trial that
  resumes from the State at the conditioning pulse and gives both pulses. Until the
  conditioning pulse it is the control trial (the test pulse alone at ``TEST_MS``) number for
  number, so H_conditioned / H_control is the conditioning's effect on that very trial. H is
  the soleus H-wave, peak to peak (``kramp.analysis.reflex``). The peroneal electrode's current
  also reaches the tibial nerve's fibres, from ``tibial_offset`` across the limb: far below
  their threshold, but at 0 ms it adds to the test pulse's, and it can change which of the
  soleus Ia fibres near threshold the test pulse excites some milliseconds later.
* **Trial-to-trial noise.** The test pulse alone is also given at ``N_CONTROLS`` times
  ``CONTROL_SPACING_MS`` apart, each a trial of its own; their H-waves' coefficient of
  variation (sample SD over mean) is the noise of one trial. An interval *depresses* the reflex
  when H_conditioned / H_control < 1 − ``NOISE_SDS`` × that CV.
* **Conditions**, each a person of its own with its own background, test intensity and noise:
  intact; reciprocal Ia inhibition removed (``spinal.ia_interneuron_contact_conductance`` 0:
  the Ia-inhibitory interneurones' synapses on motoneurones; the Ib interneurones' stay);
  presynaptic inhibition removed (``spinal.ia_presynaptic_inhibition`` 0). kramp's presynaptic
  inhibition is a tonic share of the Ia release under descending control: no afferent volley
  evokes more of it, so this knock-out changes the reflex's size, not a conditioning effect.

The band (``shared/validation/targets.md``): intact, a depression at one or more intervals of
``SHORT_WINDOW_MS`` and none at the other short intervals (up to ``SHORT_LATENCY_MAX_MS``), and a
depression within ``LATE_WINDOW_MS``; without reciprocal inhibition no depression in the short
window and one in the late window; without presynaptic inhibition the reverse. Nothing is fitted
to D7.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import xarray as xr

from kramp.analysis import reflex
from kramp.analysis.nerve import Pulse
from kramp.engine.kinds import build_model
from kramp.engine.network import Model, State
from kramp.engine.simulate import Simulation

MUSCLES = ("soleus", "tibialis_anterior")
PULSE_WIDTH_MS = 1.0
SITE_MM = 100.0
# every test pulse after the background has settled from the initial rest, and the earliest
# conditioning pulse (150 ms before it) too
TEST_MS = 600.0
# a trial runs until the H-wave window (20–50 ms after the test pulse) has closed
TRIAL_TAIL_MS = 50.0
# and, for a motor threshold, until the M-wave window (2–20 ms) has
M_TRIAL_TAIL_MS = 20.0
INTERVALS_MS = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 20.0, 30.0, 50.0, 75.0, 100.0, 120.0,
                150.0)
SHORT_WINDOW_MS = (1.0, 4.0)
SHORT_LATENCY_MAX_MS = 10.0
LATE_WINDOW_MS = (30.0, 120.0)
# control trials 100 ms apart: ten times the background's correlation times (interneurone noise
# 5 ms, the spindles' 10 Hz discharge), so their backgrounds are unalike
N_CONTROLS = 8
CONTROL_SPACING_MS = 100.0
NOISE_SDS = 2.0
# below every Ia fibre's threshold in the default person (checked: its H-wave must be nil)
RECRUITMENT_START_MA = 4.5
RECRUITMENT_STEP_MA = 0.1
# the recruitment curve has passed its peak when the H-wave falls below this share of it
PAST_PEAK = 0.9
RECRUITMENT_MAX_MA = 20.0
VISIBLE_M_WAVE_MV = 0.05
THRESHOLD_TOLERANCE_MA = 0.01
CONDITIONING_TIMES_THRESHOLD = 1.0

CONDITIONS: dict[str, dict[str, dict[str, float]]] = {
    "intact": {},
    "no reciprocal Ia inhibition": {"spinal": {"ia_interneuron_contact_conductance": 0.0}},
    "no presynaptic inhibition": {"spinal": {"ia_presynaptic_inhibition": 0.0}},
}
# conditions other targets run through the same protocol (F7: strychnine at the glycine
# receptors, 1 µM, where K/(K + [Str]) leaves 1 % of glycinergic transmission)
TOXIN_CONDITIONS: dict[str, dict[str, dict[str, float]]] = {
    "strychnine": {"toxins": {"strychnine": 1000.0}},
}
# conditions a study runs through the same protocol (``register_condition``)
STUDY_CONDITIONS: dict[str, dict[str, dict[str, float]]] = {}


def register_condition(name: str, values: dict[str, dict[str, float]]) -> None:
    """Make ``name`` a condition of this protocol: the default person changed by ``values``
    (by component and parameter, as ``CONDITIONS`` holds them), for ``conditioning_curve``."""
    if name in CONDITIONS or name in TOXIN_CONDITIONS:
        raise ValueError(f"{name!r} is one of the protocol's own conditions")
    STUDY_CONDITIONS[name] = values


def _model(condition: str, test_mA: float = 0.0, test_ms: float = TEST_MS,
           conditioning_mA: float = 0.0, conditioning_ms: float = TEST_MS) -> Model:
    values = {"drive": {"level": 0.0}, "emg": {"sampling_rate": 10000.0},
              "stimulation": {"intensity": test_mA, "pulse_width": PULSE_WIDTH_MS,
                              "first_pulse": test_ms, "pulse_count": 1.0,
                              "site_distance": SITE_MM},
              "conditioning_stimulation": {"intensity": conditioning_mA,
                                           "pulse_width": PULSE_WIDTH_MS,
                                           "first_pulse": conditioning_ms, "pulse_count": 1.0}}
    # a condition changes parameters inside the protocol's tables, not the tables whole (a
    # condition's "drive" or "stimulation" must keep the protocol's level and pulses)
    for table, changes in {**CONDITIONS, **TOXIN_CONDITIONS, **STUDY_CONDITIONS}[condition].items():
        values[table] = {**values.get(table, {}), **changes}
    return build_model("ankle", values, muscle_names=list(MUSCLES))


def control_times_ms() -> tuple[float, ...]:
    return tuple(TEST_MS + k * CONTROL_SPACING_MS for k in range(N_CONTROLS))


@cache
def _background(condition: str) -> dict[float, State]:
    """The unstimulated person's State at every time a trial begins."""
    starts = sorted({TEST_MS - interval for interval in INTERVALS_MS} | set(control_times_ms()))
    simulation = Simulation(_model(condition))
    states = {}
    for start in starts:
        now = simulation.state.step * simulation.model.dt_ms
        if start > now:
            simulation.run(start - now)
        states[start] = simulation.state
    return states


def _trial(condition: str, start_ms: float, end_ms: float, **pulses: float) -> xr.Dataset:
    """One trial: the person's background resumed at ``start_ms`` with ``pulses`` (as
    ``_model`` takes them), run to ``end_ms``."""
    model = _model(condition, **pulses)
    return Simulation(model, _background(condition)[start_ms]).run(end_ms - start_ms)


def _waves(result: xr.Dataset, muscle: str, at_ms: float) -> dict:
    return reflex.h_and_m_waves(result, 0, muscle=muscle, pulses=[Pulse(at_ms, SITE_MM, 0.0)])[0]


def _test_h_mV(condition: str, test_mA: float, test_ms: float = TEST_MS,
               conditioning_mA: float = 0.0, conditioning_ms: float | None = None) -> float:
    """The soleus H-wave of one trial: the test pulse at ``test_ms``, after a conditioning
    pulse at ``conditioning_ms`` where one is given (the trial begins with the first pulse)."""
    start = test_ms if conditioning_ms is None else conditioning_ms
    result = _trial(condition, start, test_ms + TRIAL_TAIL_MS, test_mA=test_mA,
                    test_ms=test_ms, conditioning_mA=conditioning_mA, conditioning_ms=start)
    return _waves(result, "soleus", test_ms)["h_wave_mV"]


@cache
def ta_motor_threshold_mA() -> float:
    """The lowest peroneal-nerve intensity whose pulse evokes a visible tibialis anterior M-wave
    (the intact person: spinal knock-outs leave the axons as they are)."""
    def visible(intensity: float) -> bool:
        result = _trial("intact", TEST_MS, TEST_MS + M_TRIAL_TAIL_MS,
                        conditioning_mA=intensity, conditioning_ms=TEST_MS)
        return _waves(result, "tibialis_anterior", TEST_MS)["m_wave_mV"] >= VISIBLE_M_WAVE_MV

    low, high = 0.0, RECRUITMENT_MAX_MA
    if not visible(high):
        raise RuntimeError(f"no tibialis anterior M-wave at {high:g} mA")
    while high - low > THRESHOLD_TOLERANCE_MA:
        middle = 0.5 * (low + high)
        low, high = (low, middle) if visible(middle) else (middle, high)
    return high


@cache
def test_intensity(condition: str) -> dict:
    """The soleus H-reflex recruitment curve from ``RECRUITMENT_START_MA`` up past its peak, and
    the test intensity: the one below the peak whose H-wave is nearest half the largest."""
    curve: list[tuple[float, float]] = []
    intensity = RECRUITMENT_START_MA
    while intensity <= RECRUITMENT_MAX_MA:
        curve.append((intensity, _test_h_mV(condition, intensity)))
        largest = max(h for _, h in curve)
        if largest > 0.0 and curve[-1][1] < PAST_PEAK * largest:
            break
        intensity = round(intensity + RECRUITMENT_STEP_MA, 6)
    largest = max(h for _, h in curve)
    if curve[0][1] > 0.0 or largest <= 0.0:
        raise RuntimeError(f"{condition}: the recruitment curve from {RECRUITMENT_START_MA:g} mA "
                           f"does not rise from zero ({curve[0][1]:.3f} mV) to a peak")
    ascending = curve[:[h for _, h in curve].index(largest) + 1]
    chosen = min(ascending, key=lambda point: abs(point[1] - 0.5 * largest))[0]
    return {"test_mA": chosen, "h_max_mV": largest, "curve": curve}


@cache
def conditioning_curve(condition: str) -> dict:
    """H_conditioned / H_control at each of ``INTERVALS_MS`` and the noise threshold (module
    doc), for one condition."""
    test_mA = test_intensity(condition)["test_mA"]
    conditioning_mA = CONDITIONING_TIMES_THRESHOLD * ta_motor_threshold_mA()
    controls = np.array([_test_h_mV(condition, test_mA, at) for at in control_times_ms()])
    # the first control trial is the conditioned trials' own, up to the conditioning pulse
    control = controls[0]
    conditioned = np.array([_test_h_mV(condition, test_mA, conditioning_mA=conditioning_mA,
                                       conditioning_ms=TEST_MS - interval)
                            for interval in INTERVALS_MS])
    noise_cv = float(controls.std(ddof=1) / controls.mean())
    ratio = conditioned / control
    return {"test_mA": test_mA, "conditioning_mA": conditioning_mA, "controls_mV": controls,
            "noise_cv": noise_cv, "ratio": ratio,
            "depressed": ratio < 1.0 - NOISE_SDS * noise_cv}


def _within(window: tuple[float, float]) -> np.ndarray:
    intervals = np.array(INTERVALS_MS)
    return (intervals >= window[0]) & (intervals <= window[1])


def depressions(curve: dict) -> dict[str, bool]:
    """Where one condition's reflex is depressed: in the short window, at the other short
    intervals, in the late window."""
    intervals = np.array(INTERVALS_MS)
    short, late = _within(SHORT_WINDOW_MS), _within(LATE_WINDOW_MS)
    other_short = ~short & (intervals <= SHORT_LATENCY_MAX_MS)
    depressed = curve["depressed"]
    return {"short": bool(depressed[short].any()),
            "outside_short": bool(depressed[other_short].any()),
            "late": bool(depressed[late].any())}


def target_d7() -> dict:
    curves = {condition: conditioning_curve(condition) for condition in CONDITIONS}
    found = {condition: depressions(curve) for condition, curve in curves.items()}
    intact, no_ri, no_psi = (found[c] for c in CONDITIONS)
    passed = (intact["short"] and not intact["outside_short"] and intact["late"]
              and not no_ri["short"] and no_ri["late"]
              and no_psi["short"] and not no_psi["late"])

    def described(condition: str) -> str:
        curve = curves[condition]
        where = found[condition]
        ratios = ", ".join(f"{100 * r:.0f}" for r in curve["ratio"])
        return (f"{condition} (test {curve['test_mA']:.1f} mA, H {curve['controls_mV'][0]:.2f} "
                f"mV, trial CV {100 * curve['noise_cv']:.0f} %, depression below "
                f"{100 * (1 - NOISE_SDS * curve['noise_cv']):.0f} %): {ratios} %; depressed "
                f"in {SHORT_WINDOW_MS[0]:g}–{SHORT_WINDOW_MS[1]:g} ms: "
                f"{'yes' if where['short'] else 'no'}, at other intervals ≤ "
                f"{SHORT_LATENCY_MAX_MS:g} ms: {'yes' if where['outside_short'] else 'no'}, in "
                f"{LATE_WINDOW_MS[0]:g}–{LATE_WINDOW_MS[1]:g} ms: "
                f"{'yes' if where['late'] else 'no'}")

    conditioning = curves["intact"]["conditioning_mA"]
    return {
        "id": "D7",
        "quantity": ("soleus H-reflex after a common peroneal conditioning pulse, by "
                     "conditioning–test interval; with reciprocal Ia or presynaptic inhibition "
                     "removed"),
        "published": ("conditioning the common peroneal nerve depresses the soleus H-reflex "
                      "at conditioning–test intervals of 2–4 ms (disynaptic reciprocal Ia); a "
                      "later depression at 30–120 ms is presynaptic (healthy human soleus)"),
        "band": ("short-latency depression only inside a 1–4 ms window; removing reciprocal "
                 "Ia inhibition abolishes it and leaves the 30–120 ms depression; removing "
                 "presynaptic inhibition does the reverse (size not set)"),
        "model_value": (f"H conditioned / control at "
                        f"{', '.join(f'{i:g}' for i in INTERVALS_MS)} ms, conditioning "
                        f"{conditioning:.2f} mA ({CONDITIONING_TIMES_THRESHOLD:g} × the "
                        f"tibialis anterior's motor threshold): "
                        + "; ".join(described(c) for c in CONDITIONS)),
        "passed": bool(passed),
        "source": ("Knikou M et al. (PMC1351079, PMC1550496; journal not re-checked); Crone C, "
                   "Hultborn H, Jespersen B, Nielsen J 1987, J Physiol 389:163–185"),
    }
