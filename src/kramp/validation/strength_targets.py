"""Targets C6 and B10: the calf's maximal voluntary plantarflexion, on the whole ankle.

The default person sits with the knee extended and the foot held at the neutral angle (the
ankle model's defaults) and drives the calf to 100 % of maximal voluntary command, with every
reflex path of the ankle in place (spindles, tendon organs, interneurones, Renshaw cells), as a
dynamometer test would find them. One run serves both targets.

C6: the torque is the muscles' torque about the ankle on the plateau minus its resting value (a
dynamometer's baseline), reported as plantarflexion. Nothing in the muscles, tendons, moment
arms, drive or spinal tables was tuned to it: a prediction. Its ``measured`` record also says
where force is lost: each calf head's force as a share of its maximal isometric force, and how
many soleus units fire and how fast.

B10 (kramp's own, not in ``shared/validation/targets.md``): the soleus units' rates on the same
plateau, against Bellemare, Woods, Johansson & Bigland-Ritchie (1983), who recorded single units
during brief maximal efforts whose maximality they checked by twitch interpolation. A person's
maximal effort runs through the cord's reflex paths, so the ankle is its experiment; the
command's presynaptic gate on the calf's Ib input (``interneurons.ib_command_presynaptic``) was
fitted to it, so B10 is a calibration.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.engine import build_model, simulate
from kramp.physiology import muscles
from kramp.validation.pool_targets import window_rates

MVC_DRIVE = {"level": 100.0, "onset": 200.0, "ramp_up": 1000.0, "hold": 1500.0, "ramp_down": 0.0}
RESTING_WINDOW_MS = (0.0, 200.0)
PLATEAU_WINDOW_MS = (2000.0, 2700.0)
# Published 154.4 ± 37.8 N·m (mean ± SD); the band is the mean ± 2 SD.
C6_PUBLISHED_MEAN_NM = 154.4
C6_PUBLISHED_SD_NM = 37.8
C6_BAND_NM = (C6_PUBLISHED_MEAN_NM - 2 * C6_PUBLISHED_SD_NM,
              C6_PUBLISHED_MEAN_NM + 2 * C6_PUBLISHED_SD_NM)


def _window(times_ms: np.ndarray, window_ms: tuple[float, float]) -> np.ndarray:
    return (times_ms >= window_ms[0]) & (times_ms < window_ms[1])


@cache
def _maximal_effort(seed: int):
    return simulate(build_model("ankle", {"drive": MVC_DRIVE}, seed=seed), PLATEAU_WINDOW_MS[1])


def maximal_plantarflexion(seed: int = 1) -> dict:
    """Plantarflexion torque (N·m), each calf head's force share and the soleus units' firing
    in a maximal voluntary contraction at the neutral ankle, knee extended."""
    result = _maximal_effort(seed)
    times = result.time_ms.values
    joint = list(result.joint_output.values)
    # the ankle's torques are dorsiflexion-positive: a plantarflexion is negative
    muscle_torque = -result.ankle.values[:, 0, joint.index("muscle_torque_Nm")]
    plateau = _window(times, PLATEAU_WINDOW_MS)
    torque = float(muscle_torque[plateau].mean()
                   - muscle_torque[_window(times, RESTING_WINDOW_MS)].mean())
    names = list(result.muscle.values)
    force_share = {}
    for head in muscles.TRICEPS_SURAE:
        maximal_mN = float(result[f"{head}.muscle_tetanic_force"].values[0])
        force_share[head] = float(result.force_mN.values[plateau, 0, names.index(head)].mean()
                                  / maximal_mN)
    spike_times, spike_units = result.spike_time_ms.values, result.spike_unit.values
    soleus = np.flatnonzero(result.unit_muscle.values == "soleus")
    in_plateau = _window(spike_times, PLATEAU_WINDOW_MS) & np.isin(spike_units, soleus)
    counts = np.bincount(spike_units[in_plateau], minlength=result.sizes["unit"])[soleus]
    duration_s = (PLATEAU_WINDOW_MS[1] - PLATEAU_WINDOW_MS[0]) * 1e-3
    firing = counts[counts > 0]
    return {"torque_Nm": torque, "force_share": force_share,
            "soleus_units": int(soleus.size), "soleus_units_firing": int(firing.size),
            "soleus_median_rate_hz": float(np.median(firing) / duration_s) if firing.size
            else 0.0}


def target_c6() -> dict:
    measured = maximal_plantarflexion()
    low, high = C6_BAND_NM
    shares = ", ".join(f"{head.replace('_', ' ')} {100 * share:.0f} %"
                       for head, share in measured["force_share"].items())
    return {
        "id": "C6",
        "quantity": ("maximal voluntary isometric plantarflexion torque, knee extended, neutral "
                     "ankle, with the ankle's reflexes in place"),
        "published": (f"{C6_PUBLISHED_MEAN_NM} ± {C6_PUBLISHED_SD_NM} N·m (mean ± SD) with the "
                      "knee extended, 93.1 ± 22.3 N·m with it flexed; nine physically active "
                      "young men on a dynamometer"),
        "band": f"{low:.1f}–{high:.1f} N·m (mean ± 2 SD)",
        "model_value": (f"{measured['torque_Nm']:.1f} N·m; force as a share of maximal: "
                        f"{shares}; soleus {measured['soleus_units_firing']} of "
                        f"{measured['soleus_units']} units firing, median "
                        f"{measured['soleus_median_rate_hz']:.1f} Hz"),
        "passed": bool(low <= measured["torque_Nm"] <= high),
        "source": ("PubMed 39577118 (2024; MRI/DTI plantar-flexor architecture and MVC torque "
                   "with the knee flexed and extended; authors, journal and the ankle angle "
                   "not re-checked)"),
        "measured": measured,
    }


# Bellemare et al. 1983: soleus 10.7 ± 2.9 Hz (mean ± SD, over 300 units of four subjects),
# against 31.1 Hz in biceps brachii and 29.9 Hz in adductor pollicis.
B10_PUBLISHED_HZ = (10.7, 2.9)


def soleus_mvc_rates(seed: int = 1) -> np.ndarray:
    """Each soleus unit's mean rate (Hz, from its interspike intervals) on the plateau of the
    maximal effort, for the units that fire at least three times there."""
    result = _maximal_effort(seed)
    return window_rates(result, *PLATEAU_WINDOW_MS,
                        units=np.flatnonzero(result.unit_muscle.values == "soleus"))


def target_b10() -> dict:
    rates = soleus_mvc_rates()
    mean, sd = B10_PUBLISHED_HZ
    return {
        "id": "B10",
        "quantity": ("soleus motor-unit rate in a brief maximal voluntary contraction, on the "
                     "whole ankle with its reflex paths"),
        "published": (f"{mean:g} ± {sd:g} Hz (soleus; biceps brachii 31.1, adductor pollicis "
                      "29.9 Hz)"),
        "band": f"mean unit rate within the published mean ± SD, {mean - sd:g}–{mean + sd:g} Hz",
        "model_value": (f"{rates.mean():.1f} ± {rates.std():.1f} Hz ({rates.size} units; 5–95 % "
                        f"{np.percentile(rates, 5):.1f}–{np.percentile(rates, 95):.1f} Hz)"),
        "passed": bool(mean - sd <= rates.mean() <= mean + sd),
        "source": ("Bellemare F, Woods JJ, Johansson R, Bigland-Ritchie B 1983, J Neurophysiol "
                   "50:1380–1392"),
    }
