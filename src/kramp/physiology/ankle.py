"""The ankle: four muscle–tendon units (MTUs) turning a one-degree-of-freedom foot.

Conventions. The ankle angle θ (rad) is 0 at the neutral position (foot at 90° to the shank) and
positive in dorsiflexion; ω = dθ/dt (rad/s). Torques (N·m) are positive when they dorsiflex.
Lengths are in mm, forces in N, times in s. The knee angle φ_K (rad) is 0 with the knee extended
and positive in flexion; it is a fixed posture of the experiment (default: extended, the posture
of the dynamometer studies the tests below use).

Muscle–tendon length and moment arm (one formula). Each MTU has a moment-arm magnitude linear in
the ankle angle, r(θ) = r₀ + r₁ θ (mm; fitted through the published in vivo values at rest), and
an action d = +1 for the plantarflexors (dorsiflexion lengthens them) and −1 for tibialis
anterior. Its length is

    l_MT(θ) = l_ref + d · R(θ),          R(θ) = r₀ θ + r₁ θ²/2,
    l_ref   = L_s + l_opt cos α_opt − d · R(θ_opt) − r_K φ_K,

so that at θ_opt (knee extended) a relaxed MTU holds its fibres at their optimal length with the
tendon just taut (θ_opt is a kramp assumption: 0 for every muscle), and knee flexion shortens the
gastrocnemius heads by their knee moment arm r_K (0 for soleus and tibialis anterior). The signed
moment arm, torque on the joint per N of tendon force, follows by virtual work:

    m(θ) = −dl_MT/dθ = −d · r(θ)          (mm; < 0 for plantarflexors, > 0 for tibialis anterior)

Tendon (series elastic element). With elongation Δ = l_T − L_s (mm), a quadratic toe region that
joins a linear region with a continuous slope (Zajac 1989's form)::

    F_T(Δ) = 0                                  Δ ≤ 0
           = k_T Δ² / (2 Δ_toe)                 0 < Δ < Δ_toe
           = k_T (Δ − Δ_toe/2)                  Δ ≥ Δ_toe,       k_T = F_max / (Δ_max − Δ_toe/2)

Δ_max is the elongation at a tendon force equal to the muscle's maximal isometric force F_max,
so the tendon stiffens with the muscle's strength (a person with a stronger muscle has a stiffer
tendon by the same factor). The Achilles values are Morrison et al. (2015)'s 201.8 N/mm for the
whole tendon, shared by the three heads in proportion to their F_max (so all heads stretch alike
at equal relative force), with Thelen (2003)'s toe strain; tibialis anterior's come from
Maganaris & Paul (1999). These are tendon measurements (muscle–tendon junction to bone): the
aponeuroses' compliance is not included (see the tests).

Fibres. The muscle keeps its thickness h = l_opt sin α_opt as its fibres change length (the
fixed-width pennation model of Zajac 1989 and Millard et al. 2013), so a fibre of length l_F
spans x(l_F) = √(l_F² − h²) along the tendon at an angle α with cos α = x/l_F: a shortening fibre
turns, and near the muscle's short end a small change of fibre length takes up a large change of
the MTU's length (with α held constant it would take the same fraction of it at every length).
The fibre cannot turn past α_max (cos α_max = 0.1, Millard et al.'s bound), so it is never shorter
than l_min = h / sin α_max. l̃ = l_F/l_opt. Force balance along the tendon, with the fibre
velocity taken backward over the step (ṽ shortening positive, as in ``mechanics``)::

    F_T(l_MT − x(l_F) − L_s) = (F_act f_L(l̃) f_V(ṽ) + F_max f_P(l̃)) cos α(l_F),
    ṽ = (l_F,prev − l_F) / (Δt v_max l_opt)

F_act (N) is the active force at optimal length and zero velocity: the units' forces summed with
mechanical factor 1. The left side falls and the right side rises with l_F (except where f_L's
descending limb outweighs f_V's saturated ends), and the root lies between l_F = l_min (tendon
stretched to nearly the whole MTU, left side > 0) and the fibre with x = l_MT − L_s (tendon
slack, left side 0 ≤ right side). ``fibre_equilibrium`` finds it by Newton's method kept inside
that bracket (bisection when a Newton step leaves it), to 1e-7 mm, in at most 60 iterations
(bisection alone reaches 1e-6 mm from a 200 mm bracket in 28).

Slack. Below its slack length l_s = L_s + x(l_opt) (the length at which a relaxed MTU starts
to bear force: tendon at its slack length, fibre at l_opt where f_P starts) a relaxed MTU bears
nothing and the model's forces leave its fibre length undetermined. In vivo the fascicles take
only part of the MTU's length change and the tendinous tissue (free tendon and aponeuroses) the
rest (Hoang et al. 2007: 47.6 % for the gastrocnemius fascicles above slack; Herbert et al. 2002:
55 % for tibialis anterior), so a relaxed slack fibre's span takes the share σ of the slack::

    x(l_F) = x(l_opt) − σ (l_s − l_MT),        F_T = 0           (l_MT < l_s, relaxed)

and the tendinous tissue the rest, which an active fibre must take up before the tendon pulls.
The bracket's upper end is therefore ``relaxed_fibre_ceiling_mm``, the longer of that length
and the fibre with x = l_MT − L_s. A fibre that has shortened inside a slack MTU is drawn back
to its share by the slack tissue around it, a weak recoil internal to the MTU (it reaches
neither tendon nor bone)::

    F_R = κ_R (F_max / l_opt) max(0, l_F,share − l_F)            (l_MT < l_s; else 0)

which joins the tendon's side of the balance. Without it nothing in the model lengthens such a
fibre while any active force is left: after a contraction at a short length the relaxed fibre
would stay at the length where its tendon went slack, however long it rested, instead of at the
length it had before (the same state, a different length). κ_R is small (a fibre 10 % of l_opt
short of its share is pulled by 0.5 % of F_max), so an active fibre's shortening is barely
resisted. Where the tendon is slack, the recoil is 0 and an active fibre would shorten faster
than v_max (f_V = 0, the residual 0 over a range) the solver returns the longest such length,
the fibre shortening at v_max. Above l_s the force balance alone sets the share, and there the
relaxed fibre, with Thelen's compliant passive curve against the stiff tendon toe, still takes
most of the lengthening (see the tests).

Joint. The foot (and an optional load) of inertia I + I_load turns under::

    (I + I_load) dω/dt = Σ_m m_m(θ) F_T,m / 1000 + τ_passive(θ, ω) + τ_load
    τ_passive = τ_RE(θ) − Σ_m m_m(θ) F_T,m^relaxed(θ) / 1000 − B ω
    τ_RE = exp(c₁ + c₂ θ° + c₃ φ_K°) − exp(c₄ + c₅ θ° + c₆ φ_K°) + c₇

τ_RE being Riener & Edrich (1999)'s passive elastic moment of the whole ankle (muscles, ligaments
and capsule, measured relaxed; angles in degrees, their sign convention turned to
dorsiflexion-positive) and B a viscous damping. τ_RE already holds the relaxed muscles' passive
pull, which the simulated MTUs exert themselves (their fibres' f_P beyond l_opt, in
dorsiflexion: about a third of τ_RE at 10–30°), so the joint keeps only the rest: τ_RE less the
moment of the model's own MTUs held relaxed at θ in static equilibrium, F_T,m^relaxed (tabulated
per person over the joint's range, ``relaxed_moment_table``). With every muscle relaxed and still,
the ankle's whole passive moment is then Riener & Edrich's; the muscles not simulated stay in the
joint's share. ``joint_step`` integrates by
semi-implicit (symplectic) Euler — ω first, then θ with the new ω — and stops the foot at the
angle limits (the angle is clamped and the velocity into the limit zeroed). The scheme is stable
for Δt ω_n < 2: the stiffest torque the ankle meets, the Achilles tendon held by a fibre that
cannot move plus tibialis anterior's tendon plus the passive moment at 30° dorsiflexion, is about
1.2 kN·m/rad, so ω_n ≈ 280 rad/s with the foot alone and Δt ω_n ≈ 0.28 at the engine's 1 ms step
(``test_ankle.py`` checks energy and frequency).

Units. Angles are declared in rad, torques in N·m, inertia in kg·m², damping in N·m·s/rad
(``kramp.units``); the passive-moment exponents are per degree as published ("1"). Lengths are
mm, forces N.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numba
import numpy as np

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable, rows
from kramp.physiology import mechanics
from kramp.physiology.mechanics import (
    active_force_length_scalar,
    active_force_length_slope,
    force_velocity_scalar,
    force_velocity_slope,
    passive_force_length_scalar,
    passive_force_length_slope,
)

REFERENCES = {
    **mechanics.REFERENCES,
    "riener1999": (
        "Riener R, Edrich T (1999) Identification of passive elastic joint moments in the lower "
        "extremities. J Biomech 32:539–544. doi:10.1016/S0021-9290(99)00009-3: ankle moment "
        "(N·m, plantarflexion and plantarflexing moment positive, angles in degrees, knee "
        "flexion positive) M = exp(2.1016 − 0.0843 φ_A − 0.0176 φ_K) − exp(−7.9763 + 0.1949 φ_A "
        "+ 0.0008 φ_K) − 1.792 (coefficients as used in published code, e.g. Miller et al. "
        "2012's; paper not re-checked)"
    ),
    "maganaris2000_achilles": (
        "Maganaris CN, Baltzopoulos V, Sargeant AJ (2000) In vivo measurement-based estimations "
        "of the human Achilles tendon moment arm. Eur J Appl Physiol 83:363–369: at rest, 4.3 to "
        "5.6 cm from 15° dorsiflexion to 30° plantarflexion (centre-of-rotation method; abstract), "
        "1–1.5 cm (22–27 %) larger during MVC"
    ),
    "maganaris2000_ta": (
        "Maganaris CN, Baltzopoulos V, Sargeant AJ (2000) In vivo measurement-based estimations "
        "of the moment arm in the human tibialis anterior muscle-tendon unit. J Biomech "
        "33:375–379: at rest, about 4.5 cm in dorsiflexion falling to about 2.9 cm in "
        "plantarflexion (abstract; the angles, 15° dorsiflexion and 30° plantarflexion, are "
        "those of the group's protocol and not re-checked)"
    ),
    "ward2009": (
        "Ward SR, Eng CM, Smallwood LH, Lieber RL (2009) Are current measurements of lower "
        "extremity muscle architecture accurate? Clin Orthop Relat Res 467:1074–1082: "
        "normalised fibre length / pennation, soleus 4.40 cm / 28.3°, medial gastrocnemius "
        "5.10 cm / 9.9°, lateral gastrocnemius 5.88 cm / 12.0°, tibialis anterior 6.83 cm / "
        "9.6° (cadavers; values not re-checked against the table)"
    ),
    "morrison2015": (
        "Morrison SM, Dick TJM, Wakeling JM (2015) Structural and mechanical properties of the "
        "human Achilles tendon: sex and strength effects. J Biomech 48:3530–3533: Achilles "
        "stiffness 201.8 ± 5.9 N/mm (linear region), resting (zero-force) length of the medial "
        "gastrocnemius tendon 209 mm and of the lateral 222 mm (abstract)"
    ),
    "millard2013": (
        "Millard M, Uchida T, Seth A, Delp SL (2013) Flexing computational muscle: modeling and "
        "simulation of musculotendon dynamics. J Biomech Eng 135:021005. doi:10.1115/1.4023390: "
        "the fixed-width (constant thickness) pennation model, with the pennation angle kept "
        "below acos(0.1)"
    ),
    "maganaris1999": (
        "Maganaris CN, Paul JP (1999) In vivo human tendon mechanical properties. J Physiol "
        "521:307–313: tibialis anterior tendon at maximal isometric load 530 N, elongation "
        "4.1 mm, strain 2.5 % (so a resting length of 164 mm), stiffness 161 N/mm; toe region "
        "from the stiffness: Δ_toe = 2 (4.1 − 530/161) mm = 1.62 mm"
    ),
    "peltonen2010": (
        "Peltonen J, Cronin NJ, Avela J, Finni T (2010) In vivo mechanical response of human "
        "Achilles tendon to a single bout of hopping exercise. J Exp Biol 213:1259–1265: "
        "Achilles tendon force 3.5 ± 0.6 kN in maximal plantarflexion (the calf's F_max in "
        "``muscles``); with Morrison et al.'s stiffness, Δ_max = 3500/201.8 + Δ_toe/2"
    ),
    "achilles_toe": (
        "Toe region of the Achilles tendon: Thelen (2003)'s generic toe strain, 0.609 × 3.3 % "
        "≈ 2.0 % of the 209 mm resting length = 4.2 mm (generic model value, not an Achilles "
        "measurement)"
    ),
    "soleus_tendon": (
        "kramp assumption: the soleus shares the Achilles tendon; its resting length is taken "
        "as the medial gastrocnemius's 209 mm (Morrison et al. 2015) for want of a measurement"
    ),
    "optimal_angle": (
        "kramp assumption: a relaxed MTU holds its fibres at optimal length with its tendon just "
        "taut at the neutral ankle (knee extended). Measured slack angles differ: Hirata K, "
        "Kanehisa H, Miyamoto-Mikami E, Miyamoto N (2015) J Biomech 48:1210–1213 (shear-wave "
        "elastography, knee extended, 9 adults): medial gastrocnemius 20.7 ± 6.7° and lateral "
        "14.9 ± 6.7° plantarflexed, soleus 2.0 ± 4.8° dorsiflexed. Given those, the "
        "gastrocnemii are taut and their spindles loaded at the neutral ankle, and the reflex "
        "loop calibrated under this assumption turns over: the neutral H_max/M_max rises from "
        "0.25 to 0.33, every person of target G1 cramps at the first 4–6 Hz train (10–26 Hz "
        "now) and D14 fails, while G6's neutral after-discharges fall from 6 to 2 of 10 and "
        "C9's MTU range above slack grows from 2.3 to 4.1 cm; adopting them waits on "
        "re-calibrating the spindles and reflexes at the measured angles"
    ),
    "knee_moment_arm": (
        "kramp assumption, order of magnitude: a gastrocnemius knee-flexion moment arm of 20 mm "
        "(musculoskeletal models of the Delp 1990 family; not re-checked)"
    ),
    "winter2009": (
        "Winter DA (2009) Biomechanics and Motor Control of Human Movement, 4th ed., Wiley, "
        "table 4.1: foot mass 1.45 % of body mass, radius of gyration 0.475 of foot length about "
        "its centre of mass; for 75 kg and a 0.26 m foot with its centre of mass about 0.07 m "
        "from the ankle axis this gives about 0.015 kg·m² (kramp estimate from the table; not "
        "re-checked)"
    ),
    "ankle_damping": (
        "kramp assumption, order of magnitude: viscous damping of the relaxed ankle of a few "
        "10⁻² N·m·s/rad, the order reported by system identification of ankle dynamics "
        "(Hunter & Kearney 1982 J Biomech 15:747; Weiss, Hunter & Kearney 1986 J Biomech "
        "19:727); the numbers themselves not re-checked"
    ),
    "ankle_range": (
        "kramp assumption: a range of motion of 50° plantarflexion to 30° dorsiflexion, the "
        "order of clinical normal values (not re-checked)"
    ),
    "experiment_posture": (
        "setting of the virtual experiment: knee angle, starting ankle angle, load inertia and "
        "load torque (defaults: knee extended, neutral ankle, no load)"
    ),
    "hoang2007": (
        "Hoang PD, Herbert RD, Todd G, Gorman RB, Gandevia SC (2007) Passive mechanical "
        "properties of human gastrocnemius muscle–tendon units, muscle fascicles and tendons in "
        "vivo. J Exp Biol 210:4159–4168. doi:10.1242/jeb.002204: of the relaxed gastrocnemius "
        "MTU's lengthening above its slack length (up to 6.7 ± 1.9 cm), 52.4 ± 11.7 % was "
        "elongation of the tendon (tendinous tissue: free tendon and aponeuroses), so the "
        "fascicles took 47.6 % measured along the MTU; slack lengths of fascicles, tendons and "
        "MTU 3.3, 39.5 and 42.3 cm (abstract). kramp applies the fascicles' share to the slack "
        "MTU too (below its slack length, where the model has no force to share by)"
    ),
    "hoang2007_soleus": (
        "kramp assumption: the soleus's relaxed fascicles take the gastrocnemius's share of the "
        "MTU's length change (Hoang et al. 2007) for want of a soleus measurement"
    ),
    "slack_recoil": (
        "kramp assumption, order of magnitude: the slack tissue around a fascicle that has "
        "shortened inside a slack MTU (endomysium, perimysium, crimped aponeurosis) draws it back "
        "with a force of the order of the smallest force a slack MTU is measured to bear (below "
        "the few newtons by which Hoang et al. 2007 defined slack); no direct measurement. "
        "Chosen so that an active fibre's shortening loses < 1 % of F_max to it"
    ),
    "herbert2002": (
        "Herbert RD, Moseley AM, Butler JE, Gandevia SC (2002) Change in length of relaxed "
        "muscle fascicles and tendons with knee and ankle movement in humans. J Physiol "
        "539:637–645. doi:10.1113/jphysiol.2001.012756: relaxed tibialis anterior fascicles "
        "'saw' 55 ± 13 % (mean ± SD) of the MTU's change in length with passive ankle movement "
        "(abstract)"
    ),
    "anatomy": (
        "anatomy: the triceps surae plantarflexes the ankle, tibialis anterior dorsiflexes it; "
        "the gastrocnemius heads also cross the knee"
    ),
}

_DEG = math.pi / 180.0
# Millard et al. 2013's bound on the pennation angle, cos α_max = 0.1
_SIN_MAX_PENNATION = math.sqrt(1.0 - 0.1 ** 2)

PARAMETERS = ParameterTable(
    component="ankle",
    references=REFERENCES,
    params=(
        Param("foot_inertia", 0.015, "kg*m2", (0.005, 0.05), "winter2009",
              "moment of inertia of the foot about the ankle axis (kg·m²)", "I"),
        Param("load_inertia", 0.0, "kg*m2", (0.0, 10.0), "experiment_posture",
              "moment of inertia of a load turning with the foot, e.g. a footplate (kg·m²)",
              "I_load"),
        Param("damping", 0.05, "N*m*s/rad", (0.0, 5.0), "ankle_damping",
              "viscous damping of the relaxed ankle (N·m·s/rad)", "B"),
        Param("knee_angle", 0.0, "rad", (0.0, 2.4), "experiment_posture",
              "knee flexion angle, 0 = extended (rad)", "φ_K"),
        Param("angle_min", -50.0 * _DEG, "rad", (-1.2, 0.0), "ankle_range",
              "plantarflexion limit of the ankle (rad, negative)", "θ_min"),
        Param("angle_max", 30.0 * _DEG, "rad", (0.0, 0.8), "ankle_range",
              "dorsiflexion limit of the ankle (rad)", "θ_max"),
        Param("passive_plantarflexing_log", 2.1016, "1", (-10.0, 10.0), "riener1999",
              "log of the plantarflexing passive moment (N·m) at the neutral ankle, knee "
              "extended", "c₄"),
        Param("passive_plantarflexing_ankle", 0.0843, "1", (0.0, 1.0), "riener1999",
              "growth of the log plantarflexing passive moment per degree of dorsiflexion",
              "c₅"),
        Param("passive_plantarflexing_knee", -0.0176, "1", (-1.0, 1.0), "riener1999",
              "change of the log plantarflexing passive moment per degree of knee flexion",
              "c₆"),
        Param("passive_dorsiflexing_log", -7.9763, "1", (-20.0, 10.0), "riener1999",
              "log of the dorsiflexing passive moment (N·m) at the neutral ankle, knee extended",
              "c₁"),
        Param("passive_dorsiflexing_ankle", -0.1949, "1", (-1.0, 0.0), "riener1999",
              "change of the log dorsiflexing passive moment per degree of dorsiflexion", "c₂"),
        Param("passive_dorsiflexing_knee", 0.0008, "1", (-1.0, 1.0), "riener1999",
              "change of the log dorsiflexing passive moment per degree of knee flexion", "c₃"),
        Param("passive_offset", 1.792, "N*m", (-20.0, 20.0), "riener1999",
              "constant of the passive moment fit, dorsiflexing positive (N·m)", "c₇"),
    ),
)

MUSCLES = ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius", "tibialis_anterior")

# Achilles tendon: Morrison et al. (2015) stiffness shared by the calf's 3.5 kN, Thelen toe.
_ACHILLES_TOE_MM = 0.609 * 0.033 * 209.0
_ACHILLES_ELONGATION_MM = 3500.0 / 201.8 + 0.5 * _ACHILLES_TOE_MM
# Moment arms: straight lines through the published resting values at 15° dorsiflexion and 30°
# plantarflexion (Maganaris et al. 2000): r(θ) = r₀ + r₁ θ.
_ACHILLES_SLOPE = (43.0 - 56.0) / (45.0 * _DEG)
_ACHILLES_NEUTRAL = 43.0 - _ACHILLES_SLOPE * 15.0 * _DEG
_TA_SLOPE = (45.0 - 29.0) / (45.0 * _DEG)
_TA_NEUTRAL = 45.0 - _TA_SLOPE * 15.0 * _DEG


def _mtu(muscle: str, *, action: float, optimal_fibre_length: float, pennation_deg: float,
         tendon_slack_length: float, tendon_elongation: float, tendon_toe: float,
         moment_arm_neutral: float, moment_arm_slope: float, knee_moment_arm: float,
         relaxed_fascicle_share: float, sources: Mapping[str, str]) -> ParameterTable:
    """One MTU's table; ``sources`` maps each group of rows to its reference key."""
    return ParameterTable(
        component=f"{muscle}_mtu",
        references=REFERENCES,
        params=(
            Param("action", action, "1", (-1.0, 1.0), "anatomy",
                  "+1 if the muscle plantarflexes (dorsiflexion lengthens it), −1 if it "
                  "dorsiflexes", "d"),
            Param("optimal_fibre_length", optimal_fibre_length, "mm", (10.0, 200.0), "ward2009",
                  "fibre length at which active force is greatest", "l_opt"),
            Param("pennation", pennation_deg * _DEG, "rad", (0.0, 0.8), "ward2009",
                  "pennation angle of the fibres at their optimal length (rad); the muscle's "
                  "thickness l_opt sin α_opt stays constant as they change length", "α_opt"),
            Param("tendon_slack_length", tendon_slack_length, "mm", (20.0, 500.0),
                  sources["slack"], "tendon length at which it starts to bear force", "L_s"),
            Param("tendon_elongation_at_max_force", tendon_elongation, "mm", (0.5, 60.0),
                  sources["stiffness"],
                  "tendon elongation beyond slack when it bears the muscle's maximal "
                  "isometric force", "Δ_max"),
            Param("tendon_toe_elongation", tendon_toe, "mm", (0.0, 20.0), sources["toe"],
                  "elongation at which the tendon's toe region gives way to its linear region",
                  "Δ_toe"),
            Param("moment_arm_neutral", moment_arm_neutral, "mm", (5.0, 100.0),
                  sources["moment_arm"], "moment arm about the ankle at the neutral angle, "
                  "at rest", "r₀"),
            Param("moment_arm_slope", moment_arm_slope, "mm", (-100.0, 100.0),
                  sources["moment_arm"],
                  "change of the moment arm per radian of dorsiflexion (mm/rad)", "r₁"),
            Param("optimal_angle", 0.0, "rad", (-0.873, 0.524), "optimal_angle",
                  "ankle angle (knee extended) at which the relaxed fibres are at optimal "
                  "length with the tendon just taut (rad)", "θ_opt"),
            Param("knee_moment_arm", knee_moment_arm, "mm", (0.0, 60.0), sources["knee"],
                  "shortening of the MTU per radian of knee flexion (0 if it does not cross "
                  "the knee)", "r_K"),
            Param("relaxed_fascicle_share", relaxed_fascicle_share, "1", (0.1, 1.0),
                  sources["share"],
                  "share of a slack relaxed MTU's shortening (below its slack length) that its "
                  "fascicles take up, measured along the MTU; the tendinous tissue takes the "
                  "rest", "σ"),
            Param("slack_recoil", 0.05, "1", (0.0, 0.5), "slack_recoil",
                  "recoil of the slack tissue on a fibre shorter than its share of a slack "
                  "MTU: force in F_max per l_opt of shortfall", "κ_R"),
        ),
    )


_ACHILLES = {"moment_arm_neutral": _ACHILLES_NEUTRAL, "moment_arm_slope": _ACHILLES_SLOPE,
             "tendon_elongation": _ACHILLES_ELONGATION_MM, "tendon_toe": _ACHILLES_TOE_MM}
_ACHILLES_SOURCES = {"slack": "morrison2015", "stiffness": "peltonen2010",
                     "toe": "achilles_toe", "moment_arm": "maganaris2000_achilles",
                     "knee": "knee_moment_arm", "share": "hoang2007"}
# Hoang et al. (2007): tendons took 52.4 % of the gastrocnemius MTU's passive lengthening.
_TRICEPS_SHARE = 1.0 - 0.524

MTU: dict[str, ParameterTable] = {
    "soleus": _mtu(
        "soleus", action=1.0, optimal_fibre_length=44.0, pennation_deg=28.3,
        tendon_slack_length=209.0, knee_moment_arm=0.0, relaxed_fascicle_share=_TRICEPS_SHARE,
        **_ACHILLES, sources={**_ACHILLES_SOURCES, "slack": "soleus_tendon", "knee": "anatomy",
                              "share": "hoang2007_soleus"}),
    "medial_gastrocnemius": _mtu(
        "medial_gastrocnemius", action=1.0, optimal_fibre_length=51.0, pennation_deg=9.9,
        tendon_slack_length=209.0, knee_moment_arm=20.0, relaxed_fascicle_share=_TRICEPS_SHARE,
        **_ACHILLES, sources=_ACHILLES_SOURCES),
    "lateral_gastrocnemius": _mtu(
        "lateral_gastrocnemius", action=1.0, optimal_fibre_length=58.8, pennation_deg=12.0,
        tendon_slack_length=222.0, knee_moment_arm=20.0, relaxed_fascicle_share=_TRICEPS_SHARE,
        **_ACHILLES, sources=_ACHILLES_SOURCES),
    "tibialis_anterior": _mtu(
        "tibialis_anterior", action=-1.0, optimal_fibre_length=68.3, pennation_deg=9.6,
        tendon_slack_length=164.0, tendon_elongation=4.1, tendon_toe=2.0 * (4.1 - 530.0 / 161.0),
        moment_arm_neutral=_TA_NEUTRAL, moment_arm_slope=_TA_SLOPE, knee_moment_arm=0.0,
        relaxed_fascicle_share=0.55,
        sources={"slack": "maganaris1999", "stiffness": "maganaris1999",
                 "toe": "maganaris1999", "moment_arm": "maganaris2000_ta", "knee": "anatomy",
                 "share": "herbert2002"}),
}

# One MTU of one person, ``k[M.<name>]`` (float64, built by ``mtu_constants``): lengths mm,
# forces N, the velocity mm/s. ``length_ref_mm`` is l_ref of the module doc (knee included).
M = rows(("action", "length_ref_mm", "moment_arm_neutral_mm", "moment_arm_slope_mm",
          "optimal_fibre_length_mm", "thickness_mm", "optimal_span_mm",
          "min_fibre_length_mm", "tendon_slack_length_mm",
          "tendon_toe_mm", "tendon_stiffness_N_per_mm", "max_force_N",
          "max_velocity_mm_per_s", "force_length_width", "hill_curvature",
          "eccentric_force_max", "eccentric_slope_ratio", "passive_strain_at_max",
          "passive_shape", "relaxed_fascicle_share", "slack_recoil_N_per_mm"))
N_MTU_CONSTANTS = len(M)

# The joint of one person, ``kj[J.<name>]`` (``joint_constants``): the passive moment's two
# exponentials as scale (N·m, knee included) and rate (per rad); angles in rad.
# After the named constants comes the table of the simulated MTUs' relaxed moment (N·m), from
# ``relaxed_table_start_rad`` in steps of ``RELAXED_TABLE_STEP_RAD`` (``relaxed_table_size`` rows;
# none: no MTU is subtracted).
J = rows(("inertia_kg_m2", "damping_Nm_s_per_rad",
          "plantarflexing_scale_Nm", "plantarflexing_rate_per_rad",
          "dorsiflexing_scale_Nm", "dorsiflexing_rate_per_rad", "offset_Nm",
          "angle_min_rad", "angle_max_rad", "relaxed_table_start_rad", "relaxed_table_size"))
N_JOINT_CONSTANTS = len(J)
# 0.25°: the relaxed moment's curvature (stiffest at the dorsiflexed end, ~1 N·m per degree
# growing by a few per cent per degree) leaves a linear interpolation within 0.01 N·m
RELAXED_TABLE_STEP_RAD = 0.25 * math.pi / 180.0


def mtu_constants(values: Mapping[str, float], mechanics_values: Mapping[str, float],
                  max_force_N: float, *, knee_angle_rad: float | None = None) -> np.ndarray:
    """The constants ``k[M.<name>]`` of one MTU of one person.

    ``values``: the resolved ``<muscle>_mtu`` table; ``mechanics_values``: the resolved
    ``mechanics`` table; ``max_force_N``: the muscle's maximal isometric force (its
    ``muscle_tetanic_force`` / 1000); ``knee_angle_rad``: the knee posture (default: the
    ``ankle`` table's ``knee_angle``; the engine should pass the person's).
    """
    action = values["action"]
    if action not in (-1.0, 1.0):
        raise KrampInputError(f"`action` of an MTU must be +1 or −1, got {action:g}",
                              field="action")
    knee = PARAMETERS["knee_angle"].value if knee_angle_rad is None else knee_angle_rad
    r0, r1 = values["moment_arm_neutral"], values["moment_arm_slope"]
    optimal_angle = values["optimal_angle"]
    pennation = values["pennation"]
    toe = values["tendon_toe_elongation"]
    elongation = values["tendon_elongation_at_max_force"]
    if not elongation > 0.5 * toe:
        raise KrampInputError("`tendon_elongation_at_max_force` must exceed half the toe "
                              f"elongation ({0.5 * toe:g} mm)",
                              field="tendon_elongation_at_max_force")
    optimal_span = values["optimal_fibre_length"] * math.cos(pennation)
    thickness = values["optimal_fibre_length"] * math.sin(pennation)
    length_ref = (values["tendon_slack_length"] + optimal_span
                  - action * (r0 * optimal_angle + 0.5 * r1 * optimal_angle ** 2)
                  - values["knee_moment_arm"] * knee)
    entries = {
        "action": action,
        "length_ref_mm": length_ref,
        "moment_arm_neutral_mm": r0,
        "moment_arm_slope_mm": r1,
        "optimal_fibre_length_mm": values["optimal_fibre_length"],
        "thickness_mm": thickness,
        "optimal_span_mm": optimal_span,
        # an unpennated fibre (h = 0) is kept from vanishing
        "min_fibre_length_mm": max(thickness / _SIN_MAX_PENNATION,
                                   1e-3 * values["optimal_fibre_length"]),
        "tendon_slack_length_mm": values["tendon_slack_length"],
        "tendon_toe_mm": toe,
        "tendon_stiffness_N_per_mm": max_force_N / (elongation - 0.5 * toe),
        "max_force_N": max_force_N,
        "max_velocity_mm_per_s": (mechanics_values["max_shortening_velocity"]
                                  * values["optimal_fibre_length"]),
        "force_length_width": mechanics_values["force_length_width"],
        "hill_curvature": mechanics_values["hill_curvature"],
        "eccentric_force_max": mechanics_values["eccentric_force_max"],
        "eccentric_slope_ratio": mechanics_values["eccentric_slope_ratio"],
        "passive_strain_at_max": mechanics_values["passive_strain_at_max"],
        "passive_shape": mechanics_values["passive_shape"],
        "relaxed_fascicle_share": values["relaxed_fascicle_share"],
        "slack_recoil_N_per_mm": (values["slack_recoil"] * max_force_N
                                  / values["optimal_fibre_length"]),
    }
    return np.array([float(entries[name]) for name in M._fields])


def joint_constants(values: Mapping[str, float], k_mtu: np.ndarray | None = None) -> np.ndarray:
    """The constants ``kj[J.<name>]`` of one person's ankle from a resolved ``ankle`` table,
    followed by the relaxed moment of the MTUs ``k_mtu`` (M, ·) the model simulates for them
    (``relaxed_moment_table``; none given: the joint is Riener & Edrich's whole moment)."""
    knee_deg = values["knee_angle"] / _DEG
    if not values["angle_min"] < values["angle_max"]:
        raise KrampInputError("`ankle.angle_min` must be below `ankle.angle_max`",
                              field="ankle.angle_min")
    entries = {
        "inertia_kg_m2": values["foot_inertia"] + values["load_inertia"],
        "damping_Nm_s_per_rad": values["damping"],
        "plantarflexing_scale_Nm": math.exp(values["passive_plantarflexing_log"]
                                            + values["passive_plantarflexing_knee"] * knee_deg),
        "plantarflexing_rate_per_rad": values["passive_plantarflexing_ankle"] / _DEG,
        "dorsiflexing_scale_Nm": math.exp(values["passive_dorsiflexing_log"]
                                          + values["passive_dorsiflexing_knee"] * knee_deg),
        "dorsiflexing_rate_per_rad": values["passive_dorsiflexing_ankle"] / _DEG,
        "offset_Nm": values["passive_offset"],
        "angle_min_rad": values["angle_min"],
        "angle_max_rad": values["angle_max"],
    }
    # over the widest range the limits may take, so that every person's table has one size
    low, high = PARAMETERS["angle_min"].range[0], PARAMETERS["angle_max"].range[1]
    table = np.zeros(0) if k_mtu is None else relaxed_moment_table(k_mtu, low, high)
    entries["relaxed_table_start_rad"] = low
    entries["relaxed_table_size"] = table.size
    return np.concatenate([[float(entries[name]) for name in J._fields], table])


def relaxed_moment_table(k_mtu: np.ndarray, angle_min_rad: float, angle_max_rad: float
                         ) -> np.ndarray:
    """Σ_m m_m(θ) F_T,m(θ) / 1000 (N·m, dorsiflexing positive) of the MTUs ``k_mtu`` (M, ·)
    relaxed and still at θ, from ``angle_min_rad`` in steps of ``RELAXED_TABLE_STEP_RAD`` to at
    least ``angle_max_rad``."""
    size = math.ceil((angle_max_rad - angle_min_rad) / RELAXED_TABLE_STEP_RAD) + 1
    return np.array([relaxed_moment_Nm(angle_min_rad + i * RELAXED_TABLE_STEP_RAD, k_mtu)
                     for i in range(size)])


@numba.njit(cache=True)
def relaxed_moment_Nm(angle_rad, k_mtu):
    """The moment (N·m, dorsiflexing positive) of the MTUs ``k_mtu`` (M, ·), relaxed and in
    static equilibrium at ``angle_rad``."""
    moment = 0.0
    for m in range(k_mtu.shape[0]):
        k = k_mtu[m]
        l_mt = mtu_length_mm(angle_rad, k)
        fibre = rest_fibre_length_mm(angle_rad, 0.0, k)
        moment += moment_arm_mm(angle_rad, k) * tendon_force_N(
            l_mt - fibre_span_mm(fibre, k), k) * 1e-3
    return moment


@numba.njit(cache=True)
def mtu_length_mm(angle_rad, k):
    """l_MT(θ) = l_ref + d (r₀ θ + r₁ θ²/2), mm."""
    integral = angle_rad * (k[M.moment_arm_neutral_mm] + 0.5 * k[M.moment_arm_slope_mm] * angle_rad)
    return k[M.length_ref_mm] + k[M.action] * integral


@numba.njit(cache=True)
def moment_arm_mm(angle_rad, k):
    """m(θ) = −dl_MT/dθ = −d (r₀ + r₁ θ): torque (N·mm) per N of tendon force, dorsiflexing
    positive."""
    return -k[M.action] * (k[M.moment_arm_neutral_mm] + k[M.moment_arm_slope_mm] * angle_rad)


@numba.njit(cache=True)
def _tendon_force_and_slope(tendon_length_mm, k):
    elongation = tendon_length_mm - k[M.tendon_slack_length_mm]
    stiffness = k[M.tendon_stiffness_N_per_mm]
    toe = k[M.tendon_toe_mm]
    if elongation <= 0.0:
        return 0.0, 0.0
    if elongation < toe:
        return 0.5 * stiffness * elongation * elongation / toe, stiffness * elongation / toe
    return stiffness * (elongation - 0.5 * toe), stiffness


@numba.njit(cache=True)
def tendon_force_N(tendon_length_mm, k):
    """F_T of a tendon of length ``tendon_length_mm`` (toe region, then linear; 0 when slack)."""
    return _tendon_force_and_slope(tendon_length_mm, k)[0]


@numba.njit(cache=True)
def fibre_span_mm(fibre_mm, k):
    """x(l_F) = √(l_F² − h²): the length a fibre spans along the tendon (mm)."""
    thickness = k[M.thickness_mm]
    return math.sqrt(max(fibre_mm * fibre_mm - thickness * thickness, 0.0))


@numba.njit(cache=True)
def fibre_of_span_mm(span_mm, k):
    """The fibre length spanning ``span_mm`` along the tendon, at least l_min (mm)."""
    thickness = k[M.thickness_mm]
    return max(math.sqrt(max(span_mm, 0.0) ** 2 + thickness * thickness),
               k[M.min_fibre_length_mm])


@numba.njit(cache=True)
def cos_pennation(fibre_mm, k):
    """cos α of a fibre of length ``fibre_mm`` (at least l_min > 0; 1 for an unpennated
    muscle)."""
    return fibre_span_mm(fibre_mm, k) / fibre_mm


@numba.njit(cache=True)
def _slack_share_mm(l_mt_mm, k):
    """A relaxed fibre's length in a slack MTU, the fibre spanning x(l_opt) − σ (l_s − l_MT)
    (l_MT < l_s), or −inf where the MTU is not slack (no recoil)."""
    slack = k[M.tendon_slack_length_mm] + k[M.optimal_span_mm]
    if l_mt_mm >= slack:
        return -math.inf
    return fibre_of_span_mm(k[M.optimal_span_mm]
                            - k[M.relaxed_fascicle_share] * (slack - l_mt_mm), k)


@numba.njit(cache=True)
def _fibre_residual(fibre_mm, l_mt_mm, l_f_prev_mm, velocity_gain, active_force_N, k):
    """g(l_F) = F_T + F_R − F_fibre cos α and dg/dl_F; ``velocity_gain`` = 1/(Δt v_max l_opt).

    Also returns F_T, the only part of the pull that reaches the bone. With x = √(l_F² − h²),
    dx/dl_F = 1/cos α and d cos α/dl_F = h²/(x l_F²)."""
    l_opt = k[M.optimal_fibre_length_mm]
    span = fibre_span_mm(fibre_mm, k)
    cos_a = span / fibre_mm  # cos_pennation, without a second square root in the solver
    thickness = k[M.thickness_mm]
    cos_slope = thickness * thickness / (span * fibre_mm * fibre_mm)
    tendon, tendon_slope = _tendon_force_and_slope(l_mt_mm - span, k)
    shortfall = _slack_share_mm(l_mt_mm, k) - fibre_mm
    recoil = k[M.slack_recoil_N_per_mm] * shortfall if shortfall > 0.0 else 0.0
    recoil_slope = -k[M.slack_recoil_N_per_mm] if shortfall > 0.0 else 0.0
    length = fibre_mm / l_opt
    velocity = (l_f_prev_mm - fibre_mm) * velocity_gain
    width = k[M.force_length_width]
    curvature, f_ecc, ratio = k[M.hill_curvature], k[M.eccentric_force_max], \
        k[M.eccentric_slope_ratio]
    strain, shape = k[M.passive_strain_at_max], k[M.passive_shape]
    f_l = active_force_length_scalar(length, width)
    f_v = force_velocity_scalar(velocity, curvature, f_ecc, ratio)
    fibre = active_force_N * f_l * f_v + k[M.max_force_N] * passive_force_length_scalar(
        length, strain, shape)
    fibre_slope = (active_force_N * (active_force_length_slope(length, width) * f_v / l_opt
                                     - f_l * force_velocity_slope(velocity, curvature, f_ecc,
                                                                  ratio) * velocity_gain)
                   + k[M.max_force_N] * passive_force_length_slope(length, strain, shape)
                   / l_opt)
    residual = tendon + recoil - fibre * cos_a
    slope = -tendon_slope / cos_a + recoil_slope - fibre_slope * cos_a - fibre * cos_slope
    return residual, slope, tendon


@numba.njit(cache=True)
def relaxed_fibre_ceiling_mm(l_mt_mm, k):
    """The longest fibre length at which nothing pulls on the MTU (mm): the fibre spanning
    l_MT − L_s (the tendon just taut), or, shorter than the MTU's slack length L_s + x(l_opt),
    the relaxed fibre whose span takes the share σ of the slack, whichever is longer. A relaxed,
    slack MTU's fibre sits there."""
    taut = fibre_of_span_mm(l_mt_mm - k[M.tendon_slack_length_mm], k)
    return max(taut, _slack_share_mm(l_mt_mm, k))


@numba.njit(cache=True)
def _solve_fibre(l_mt_mm, guess_mm, l_f_prev_mm, velocity_gain, active_force_N, k):
    """The root of ``_fibre_residual`` in [l_min, ``relaxed_fibre_ceiling_mm``]; returns
    (l_F, F_T)."""
    low = k[M.min_fibre_length_mm]
    high = relaxed_fibre_ceiling_mm(l_mt_mm, k)
    if high <= low:
        return low, tendon_force_N(l_mt_mm - fibre_span_mm(low, k), k)
    residual, _, tendon = _fibre_residual(high, l_mt_mm, l_f_prev_mm, velocity_gain,
                                          active_force_N, k)
    if residual >= 0.0:  # slack MTU: the fibre at its share of the slack, nothing pulls
        return high, tendon
    x = min(max(guess_mm, low), high)
    for _ in range(60):
        residual, slope, tendon = _fibre_residual(x, l_mt_mm, l_f_prev_mm, velocity_gain,
                                                  active_force_N, k)
        if residual > 0.0 or (residual == 0.0 and tendon == 0.0):
            # a slack tendon and an active fibre at or beyond v_max (f_V = 0): of that zero
            # set the longest length, the fibre shortening at v_max, is sought from above
            low = x
        elif residual == 0.0:
            return x, tendon
        else:
            high = x
        step = -residual / slope if slope < 0.0 else 0.0
        candidate = x + step
        if slope >= 0.0 or not (low < candidate < high):
            candidate = 0.5 * (low + high)
        if abs(candidate - x) <= 1e-7 or high - low <= 1e-7:
            x = candidate
            break
        x = candidate
    residual, _, tendon = _fibre_residual(x, l_mt_mm, l_f_prev_mm, velocity_gain,
                                          active_force_N, k)
    return x, tendon


@numba.njit(cache=True)
def fibre_equilibrium(l_mt_mm, l_f_prev_mm, dt_s, active_force_N, k):
    """Fibre length at the end of a step of ``dt_s`` with MTU length ``l_mt_mm`` (module doc).

    Returns (l_F mm, fibre shortening velocity (l_F,prev − l_F)/Δt mm/s, tendon force N).
    """
    gain = 1.0 / (dt_s * k[M.max_velocity_mm_per_s])
    fibre, tendon = _solve_fibre(l_mt_mm, l_f_prev_mm, l_f_prev_mm, gain, active_force_N, k)
    return fibre, (l_f_prev_mm - fibre) / dt_s, tendon


@numba.njit(cache=True)
def active_tendon_force_N(fibre_mm, shortening_mm_per_s, active_force_N, tendon_N, k):
    """The active fibres' share of the tendon force, F_act f_L(l̃) f_V(ṽ) cos α (N), at most the
    tendon force ``tendon_N``: what the fibres in series with a tendon organ pull with, without
    the relaxed tissue's passive tension, to which tendon organs are nearly insensitive (Houk &
    Henneman 1967)."""
    length = fibre_mm / k[M.optimal_fibre_length_mm]
    velocity = shortening_mm_per_s / k[M.max_velocity_mm_per_s]
    f_l = active_force_length_scalar(length, k[M.force_length_width])
    f_v = force_velocity_scalar(velocity, k[M.hill_curvature], k[M.eccentric_force_max],
                                k[M.eccentric_slope_ratio])
    return max(0.0, min(active_force_N * f_l * f_v * cos_pennation(fibre_mm, k), tendon_N))


@numba.njit(cache=True)
def rest_fibre_length_mm(angle_rad, active_force_N, k):
    """Fibre length in static equilibrium (ṽ = 0) at ``angle_rad`` with ``active_force_N``."""
    l_mt = mtu_length_mm(angle_rad, k)
    guess = relaxed_fibre_ceiling_mm(l_mt, k)
    return _solve_fibre(l_mt, guess, 0.0, 0.0, active_force_N, k)[0]


@numba.njit(cache=True)
def passive_joint_torque_Nm(angle_rad, velocity_rad_per_s, kj):
    """The joint's own passive moment (dorsiflexing positive), N·m: Riener & Edrich's moment of
    the whole ankle less the simulated MTUs' relaxed moment (tabulated in ``kj``), minus B ω."""
    whole = (kj[J.dorsiflexing_scale_Nm] * math.exp(kj[J.dorsiflexing_rate_per_rad] * angle_rad)
             - kj[J.plantarflexing_scale_Nm]
             * math.exp(kj[J.plantarflexing_rate_per_rad] * angle_rad)
             + kj[J.offset_Nm])
    size = int(kj[J.relaxed_table_size])
    muscles = 0.0
    if size > 0:
        x = (angle_rad - kj[J.relaxed_table_start_rad]) / RELAXED_TABLE_STEP_RAD
        x = min(max(x, 0.0), size - 1.000001)
        row = int(x)
        first = N_JOINT_CONSTANTS + row
        muscles = kj[first] + (x - row) * (kj[first + 1] - kj[first])
    return whole - muscles - kj[J.damping_Nm_s_per_rad] * velocity_rad_per_s


@numba.njit(cache=True)
def joint_step(angle, velocity, muscle_torque_Nm, dt_s, kj):
    """One semi-implicit Euler step of the foot; returns the new (angle rad, velocity rad/s).

    ``muscle_torque_Nm``: Σ m(θ) F_T / 1000 at the step's start angle. Passive and load torques
    are added here; at an angle limit the foot stops (angle clamped, velocity into it zeroed).
    """
    torque = muscle_torque_Nm + passive_joint_torque_Nm(angle, velocity, kj)
    velocity = velocity + dt_s * torque / kj[J.inertia_kg_m2]
    angle = angle + dt_s * velocity
    if angle < kj[J.angle_min_rad]:
        angle = kj[J.angle_min_rad]
        velocity = max(velocity, 0.0)
    elif angle > kj[J.angle_max_rad]:
        angle = kj[J.angle_max_rad]
        velocity = min(velocity, 0.0)
    return angle, velocity


def default_constants(muscle: str, *, knee_angle_rad: float | None = None) -> np.ndarray:
    """``mtu_constants`` of a muscle's default tables (its F_max from ``muscles``)."""
    from kramp.physiology import muscles

    return mtu_constants(MTU[muscle].defaults(), mechanics.PARAMETERS.defaults(),
                         muscles.MUSCLES[muscle]["muscle_tetanic_force"].value / 1e3,
                         knee_angle_rad=knee_angle_rad)
