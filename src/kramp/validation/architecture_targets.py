"""Target C8 (kramp's own, from the abstract of Maganaris, Baltzopoulos & Sargeant 1998): how
the triceps surae's fascicles shorten with the ankle angle, at rest and in a maximal effort.

Maganaris et al. scanned the medial and lateral gastrocnemius and the soleus of six men by
ultrasonography, relaxed and in maximal voluntary plantarflexions, with the ankle held at 15°
of dorsiflexion, at neutral and at 15° and 30° of plantarflexion. From the most dorsiflexed to
the most plantarflexed angle the fibres shortened by 32–34 % at rest and by 27–30 % in the
maximal efforts (the ranges over the three muscles): the active fibres of a plantarflexed calf
are hardly shorter, relative to their own length at rest, than those of a dorsiflexed one.

The virtual experiment: the default person, knee extended (the posture was not re-checked), the
ankle held at each of ``C8_ANGLES_DEG`` (one person of a batch per angle; kramp's angles are
dorsiflexion-positive), relaxed, then the plantarflexors alone commanded to 100 % over 0.5 s
and held; each head's fascicle length (in its own optimal length) relaxed before the command and
during the hold. Per head and state, the ratio of the length at 30° of plantarflexion to that at
15° of dorsiflexion (1 − the published shortening). A prediction: no muscle or ankle parameter
was tuned to it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.physiology import muscles

C8_ANGLES_DEG = (15.0, 0.0, -15.0, -30.0)  # their −15, 0, +15 and +30°
C8_ONSET_MS, C8_RAMP_MS, C8_HOLD_MS = 1000.0, 500.0, 1500.0
C8_REST_WINDOW_MS = (800.0, 1000.0)
C8_EFFORT_WINDOW_MS = (2000.0, 2500.0)  # 0.5–1 s into the hold
# the published ratios (30° plantarflexion over 15° dorsiflexion), over the three muscles
C8_PUBLISHED_REST = (0.66, 0.68)
C8_PUBLISHED_EFFORT = (0.70, 0.73)
# kramp's band: the published range, 0.05 wider each way (six subjects' means, scanned at
# several sites per muscle)
C8_MARGIN = 0.05


@cache
def fascicle_lengths() -> dict[str, dict[str, np.ndarray]]:
    """Per calf head: its fascicle length (L0) at each of ``C8_ANGLES_DEG``, relaxed ("rest")
    and in the maximal effort ("effort"), and the plantarflexion torque of the effort (N·m)."""
    from kramp.engine import build_model, simulate

    angles = np.array(C8_ANGLES_DEG)
    values = {"drive": {"level": 100.0, "onset": C8_ONSET_MS, "ramp_up": C8_RAMP_MS,
                        "hold": C8_HOLD_MS, "ramp_down": 0.0},
              "tibialis_anterior": {"command_share": 0.0},
              "movement": {"start_angle": angles}}
    result = simulate(build_model("ankle", values, n_person=angles.size), C8_EFFORT_WINDOW_MS[1])
    time = result["time_ms"].values
    rest = (time >= C8_REST_WINDOW_MS[0]) & (time < C8_REST_WINDOW_MS[1])
    effort = (time >= C8_EFFORT_WINDOW_MS[0]) & (time < C8_EFFORT_WINDOW_MS[1])
    found = {}
    for head in muscles.TRICEPS_SURAE:
        length = result["fascicle"].sel(fascicle_output=f"{head}.length").values
        found[head] = {"rest": length[rest].mean(axis=0), "effort": length[effort].mean(axis=0)}
    torque = result["ankle"].sel(joint_output="muscle_torque_Nm").values
    found["torque_Nm"] = -torque[effort].mean(axis=0)
    return found


def length_ratios() -> dict[str, dict[str, float]]:
    """Per calf head and state: fascicle length at 30° of plantarflexion over that at 15° of
    dorsiflexion."""
    found = fascicle_lengths()
    return {head: {state: float(found[head][state][-1] / found[head][state][0])
                   for state in ("rest", "effort")} for head in muscles.TRICEPS_SURAE}


def target_c8() -> dict:
    ratios = length_ratios()
    found = fascicle_lengths()
    bands = {"rest": (C8_PUBLISHED_REST[0] - C8_MARGIN, C8_PUBLISHED_REST[1] + C8_MARGIN),
             "effort": (C8_PUBLISHED_EFFORT[0] - C8_MARGIN, C8_PUBLISHED_EFFORT[1] + C8_MARGIN)}
    passed = all(bands[state][0] <= ratios[head][state] <= bands[state][1]
                 for head in ratios for state in bands)
    shown = "; ".join(
        f"{head.replace('_', ' ')} {ratios[head]['rest']:.2f} at rest, "
        f"{ratios[head]['effort']:.2f} in effort (L/L0 in effort "
        f"{', '.join(f'{v:.2f}' for v in found[head]['effort'])})" for head in ratios)
    torque = ", ".join(f"{t:.0f}" for t in found["torque_Nm"])
    return {
        "id": "C8",
        "quantity": ("triceps surae fascicle length at 30° of plantarflexion over that at 15° "
                     "of dorsiflexion, relaxed and in a maximal voluntary effort"),
        "published": (f"{C8_PUBLISHED_REST[0]:g}–{C8_PUBLISHED_REST[1]:g} at rest (32–34 % "
                      f"shorter), {C8_PUBLISHED_EFFORT[0]:g}–{C8_PUBLISHED_EFFORT[1]:g} in "
                      "maximal efforts (27–30 % shorter), over the three heads"),
        "band": (f"every head {bands['rest'][0]:.2f}–{bands['rest'][1]:.2f} at rest and "
                 f"{bands['effort'][0]:.2f}–{bands['effort'][1]:.2f} in effort"),
        "model_value": (f"{shown}; at 15°, 0°, −15°, −30°; plantarflexion torque {torque} "
                        "N·m"),
        "passed": bool(passed),
        "source": ("Maganaris CN, Baltzopoulos V, Sargeant AJ 1998, J Physiol 512:603–614, "
                   "doi 10.1111/j.1469-7793.1998.603be.x (PMC2231202; abstract)"),
    }
