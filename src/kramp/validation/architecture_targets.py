"""Targets C8 and C9 (kramp's own), the calf's muscle–tendon architecture.

C8 (from the abstract of Maganaris, Baltzopoulos & Sargeant 1998): how the triceps surae's
fascicles shorten with the ankle angle, at rest and in a maximal effort.

Maganaris et al. scanned the medial and lateral gastrocnemius and the soleus of six men by
ultrasonography, relaxed and in maximal voluntary plantarflexions, with the ankle held at 15°
of dorsiflexion, at neutral and at 15° and 30° of plantarflexion. From the most dorsiflexed to
the most plantarflexed angle the fibres shortened by 32–34 % at rest and by 27–30 % in the
maximal efforts (the ranges over the three muscles): the active fibres of a plantarflexed calf
are hardly shorter, relative to their own length at rest, than those of a dorsiflexed one.
Kawakami, Ichinose & Fukunaga (1998, J Appl Physiol 85:398–404, abstract; six men, ankle and knee
angles varied) likewise saw the gastrocnemius and soleus fascicles shorten more on contraction
where they were longer; kramp's shorten most where they start shortest, in a slack MTU.

The virtual experiment: the default person, knee extended (the posture was not re-checked), the
ankle held at each of ``C8_ANGLES_DEG`` (one person of a batch per angle; kramp's angles are
dorsiflexion-positive), relaxed, then the plantarflexors alone commanded to 100 % over 0.5 s
and held; each head's fascicle length (in its own optimal length) relaxed before the command and
during the hold. Per head and state, the ratio of the length at 30° of plantarflexion to that at
15° of dorsiflexion (1 − the published shortening). A prediction: no muscle or ankle parameter
was tuned to it.

C9 (from the abstract of Hoang, Herbert, Todd, Gorman & Gandevia 2007): where the relaxed
gastrocnemius muscle–tendon unit (MTU) falls slack. From the ankle's stiffness at several knee
angles and ultrasound of the fascicles, Hoang et al. found the fascicles slack below 3.3 ± 0.5
cm, and the MTU lengthened by up to 6.7 ± 1.9 cm above its slack length over the combined
range of knee and ankle (means ± SD of six people): it is slack over only its shortest
2.3 ± 1.2 cm. The comparison is static, from each head's default tables: kramp's relaxed
fascicle at the MTU's slack length is its optimal length (the ``optimal_angle`` assumption),
and the MTU's largest length above slack is reached with the knee extended and the ankle at
its dorsiflexion limit (``ankle.angle_max``). The tendons' share of the lengthening above slack
(52.4 %) is not compared: kramp uses it as the relaxed fascicles' share below slack. A
prediction: nothing was tuned to either number.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.physiology import ankle, muscles

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
def fascicle_lengths() -> tuple[dict[str, dict[str, np.ndarray]], np.ndarray]:
    """Per calf head, its fascicle length (L0) at each of ``C8_ANGLES_DEG``, relaxed ("rest")
    and in the maximal effort ("effort"); and the effort's plantarflexion torque (N·m) at each
    angle."""
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
    return found, -torque[effort].mean(axis=0)


def length_ratios() -> dict[str, dict[str, float]]:
    """Per calf head and state: fascicle length at 30° of plantarflexion over that at 15° of
    dorsiflexion."""
    found, _ = fascicle_lengths()
    return {head: {state: float(found[head][state][-1] / found[head][state][0])
                   for state in ("rest", "effort")} for head in muscles.TRICEPS_SURAE}


def target_c8() -> dict:
    ratios = length_ratios()
    found, torque_Nm = fascicle_lengths()
    bands = {"rest": (C8_PUBLISHED_REST[0] - C8_MARGIN, C8_PUBLISHED_REST[1] + C8_MARGIN),
             "effort": (C8_PUBLISHED_EFFORT[0] - C8_MARGIN, C8_PUBLISHED_EFFORT[1] + C8_MARGIN)}
    passed = all(bands[state][0] <= ratios[head][state] <= bands[state][1]
                 for head in ratios for state in bands)
    shown = "; ".join(
        f"{head.replace('_', ' ')} {ratios[head]['rest']:.2f} at rest, "
        f"{ratios[head]['effort']:.2f} in effort (L/L0 in effort "
        f"{', '.join(f'{v:.2f}' for v in found[head]['effort'])})" for head in ratios)
    torque = ", ".join(f"{t:.0f}" for t in torque_Nm)
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


C9_HEADS = ("medial_gastrocnemius", "lateral_gastrocnemius")
C9_FASCICLE_SLACK_CM = (3.3, 0.5)  # mean, SD
C9_ABOVE_SLACK_CM = (6.7, 1.9)


def gastrocnemius_slack() -> dict[str, dict[str, float]]:
    """Per gastrocnemius head, from its default tables: the relaxed fascicle's length at the
    MTU's slack length and the MTU's largest length above slack (knee extended, ankle at its
    dorsiflexion limit), both in cm."""
    found = {}
    for head in C9_HEADS:
        k = ankle.default_constants(head, knee_angle_rad=0.0)
        slack_mm = k[ankle.M.tendon_slack_length_mm] + k[ankle.M.optimal_span_mm]
        longest_mm = ankle.mtu_length_mm(ankle.PARAMETERS["angle_max"].value, k)
        found[head] = {"fascicle_slack_cm": k[ankle.M.optimal_fibre_length_mm] / 10.0,
                       "above_slack_cm": (longest_mm - slack_mm) / 10.0}
    return found


def target_c9() -> dict:
    found = gastrocnemius_slack()

    def within(value: float, published: tuple[float, float]) -> bool:
        return published[0] - published[1] <= value <= published[0] + published[1]

    passed = all(within(f["fascicle_slack_cm"], C9_FASCICLE_SLACK_CM)
                 and within(f["above_slack_cm"], C9_ABOVE_SLACK_CM) for f in found.values())
    shown = "; ".join(f"{head.replace('_', ' ')}: fascicles slack below "
                      f"{f['fascicle_slack_cm']:.1f} cm, MTU up to {f['above_slack_cm']:.1f} cm "
                      "above slack" for head, f in found.items())
    fas, above = C9_FASCICLE_SLACK_CM, C9_ABOVE_SLACK_CM
    return {
        "id": "C9",
        "quantity": ("relaxed gastrocnemius: fascicle slack length and the MTU's largest "
                     "length above its slack length"),
        "published": (f"fascicle slack length {fas[0]:g} ± {fas[1]:g} cm; MTU up to "
                      f"{above[0]:g} ± {above[1]:g} cm above slack over the knee's and ankle's "
                      "range, slack over only its shortest 2.3 ± 1.2 cm (6 people)"),
        "band": (f"each head within one SD of both means: fascicles {fas[0] - fas[1]:g}–"
                 f"{fas[0] + fas[1]:g} cm, MTU {above[0] - above[1]:g}–"
                 f"{above[0] + above[1]:g} cm above slack"),
        "model_value": shown,
        "passed": bool(passed),
        "source": ("Hoang PD, Herbert RD, Todd G, Gorman RB, Gandevia SC 2007, J Exp Biol "
                   "210:4159–4168, doi 10.1242/jeb.002204 (abstract)"),
    }
