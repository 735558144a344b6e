"""Excitation–contraction coupling, force, potentiation and fatigue of motor units.

Each muscle unit turns the action potentials that reach it (``event_count`` per muscle step) into
force. Four dimensionless numbers per unit carry its state:

``calcium``        c: activating Ca²⁺, in units of the level that half-activates the thin filament
``force_norm``     f: force as a fraction of the unit's tetanic force
``potentiation``   p: fraction of myosin regulatory light chains (RLC) phosphorylated, 0–1
``metabolite``     m: accumulated metabolites (Pi, H⁺), in units of the level at which Ca²⁺
                   release per action potential has halved

Equations (t in ms; action potentials arrive at times t_k)::

    Ca²⁺ release, re-uptake:  dc/dt = −c/τ_c + Σ_k R/(1 + mʰ) δ(t − t_k)
    filament activation:      a = (s c)ⁿ / ((s c)ⁿ + 1),           s = 1 + g p
    cross-bridge force:       df/dt = (a/(1 + L m) − f) / τ_f,
                              τ_f = τ_rest (1 + σ m) + τ_active a/(1 + g p)
    RLC phosphorylation:      dp/dt = a (1 − p)/τ_on − p/τ_off
    metabolites:              dm/dt = φ (f + q Σ_k δ(t − t_k)) − m/τ_rec
    unit force (mN):          F = F_tet f · f_L(l) f_V(v)         (mechanics component)

Force follows Ding, Wexler & Binder-Macleod (2000): its time constant τ_rest + τ_active a grows
while the filament is active, so force builds slowly during a twitch (twitch/tetanus 0.25) but
relaxes quickly once Ca²⁺ is re-sequestered. Their Michaelis–Menten Ca²⁺–troponin step becomes a
cooperative Hill relation, and their two Ca²⁺ compartments one, which keeps the state at four
numbers. Summation from twitch to fused tetanus is nonlinear and comes from these dynamics: the
Ca²⁺ of successive action potentials adds, activation saturates, and the force time constant
lengthens with activation.

All Ca²⁺ and force time constants are fixed multiples of the unit's contraction time T (the
``*_per_contraction_time`` parameters), so every unit's rested twitch peaks at its own T and has
the same shape and twitch/tetanus ratio. R and τ_c/T are set (with n = 2 and τ_active = 3 τ_rest)
so that the rested twitch peaks at T and is 0.14 of the tetanic force, the ratio human thenar
units imply (Thomas et al. 1999); it then relaxes to half in 1.28 T. τ_rest/T is the value an
earlier calibration gave (half-relaxation 0.89 T with a twitch/tetanus ratio of 0.25); with the
twitch at 0.14 the whole calf's half-relaxation on the ankle hardly depends on it (target C1).

Post-tetanic potentiation: RLC phosphorylation by Ca²⁺–calmodulin-dependent MLCK raises the Ca²⁺
sensitivity (s) and the rate of force development at submaximal activation (the 1/(1 + g p) on
τ_active) for minutes; both raise a twitch far more than a fused tetanus, whose force they leave
unchanged (Sweeney, Bowman & Stull 1993). g lumps both and was calibrated on the 50 Hz value of
Small & Stokes (1992).

Fatigue: metabolites come from cross-bridge cycling (∝ f) and from Ca²⁺ pumping (a cost q per
action potential, so fatigue grows with the stimulation rate at equal force); they lower force per
cross-bridge (L, Pi), make Ca²⁺ release fail late and steeply (h, Ca²⁺–Pi precipitation in the
SR), slow relaxation (σ, on the detachment time constant), and are removed with a time constant
of minutes (Allen, Lamb & Westerblad 2008). Production φ grows exponentially with unit size, so
weak, slow units resist fatigue (the form of Potvin & Fuglevand 2017).

Energy: the fibre's ATP is buffered by phosphocreatine (PCr) through creatine kinase, so its
store of high-energy phosphate is counted in seconds of its maximal ATP turnover (that of a
fully activated unit, f = 1): e, the share of the rested store (PCr + ATP) left. Demand is the
cross-bridges' cycling (∝ f) and the Ca²⁺ pumping (q per action potential, as above); supply is
anaerobic glycolysis, which rises to its capacity G as the PCr deficit d = 1 − e grows to d_G,
and oxidative phosphorylation, which rises to its capacity O (both as shares of the maximal
turnover) as d grows to d_O = τ_PCr O / S, so that after exercise PCr recovers with its
measured time constant τ_PCr (S the store in seconds). Myophosphorylase deficiency (McArdle
disease) sets the glycogenolysis factor to 0; a cuff (ischaemia) sets the blood flow to 0, which
stops the oxidative supply::

    D = a (f + q Σ_k δ(t − t_k))
    de/dt = (min(G γ min(1, d/d_G), D) + O β min(1, d/d_O) − D) / S

with γ glycogenolysis and β blood flow. Glycolysis runs only while the fibre works (it never
exceeds the demand D), so at rest PCr is rebuilt by oxidation alone, and not under a cuff (as
Harris et al. 1976 found in occluded human muscle). ATP itself (the last ``atp_store`` seconds
of the store) falls only once PCr is spent: its share a = min(1, e S/S_ATP). The ATP glycolysis
has made since rest is kept (``glycolysed``, in shares of the store): from glycogen it leaves
two lactate for every three ATP, the lactate an ischaemic exercise test measures (target G11,
:mod:`kramp.physiology.lactate`). Without ATP cross-bridges neither cycle nor detach: active
force is capped at a times its target, and a rigor force r builds as a falls below a_½
(steeply, 4th power) and holds without action potentials or EMG: the electrically silent
contracture of an energy failure::

    dr/dt = (1/(1 + (a/a_½)⁴) − r)/τ_r,          unit force share = f + r (1 − f)

Motor-unit pool (Fuglevand, Winter & Patla 1993): peak twitch forces grow exponentially over the
pool, contraction times fall as a power of twitch force::

    P_i = exp(ln(R_P) i/N),    T_i = T_L (1/P_i)^(1/c),   c = ln(R_P)/ln(R_T),   i = 1..N

Integration with muscle step Δt: action potentials act at the start of the step they arrive in;
Ca²⁺ and metabolite decay exactly; force and phosphorylation take the exact solution of their
linear equation with the activation held at its mid-step value (exponential Euler, first order).
``unit_step`` (Numba, one unit) evaluates those exponentials by Padé and Taylor forms accurate to
< 1e-8 at Δt ≤ 1 ms; ``unit_step_numpy`` (any array shape, e.g. [person, unit]) uses ``np.exp``.
With Δt = 1 ms the force of the fastest (30 ms) unit stays within 1e-3 of its force at
Δt = 0.025 ms for spikes on the step grid; spikes off the grid are delayed by less than Δt.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numba
import numpy as np

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable, Variable, rows

REFERENCES = {
    "fuglevand1993": (
        "Fuglevand AJ, Winter DA, Patla AE (1993) Models of recruitment and rate coding "
        "organization in motor-unit pools. J Neurophysiol 70:2470–2488. "
        "doi:10.1152/jn.1993.70.6.2470"
    ),
    "ding2000": (
        "Ding J, Wexler AS, Binder-Macleod SA (2000) A predictive model of fatigue in human "
        "skeletal muscles. J Appl Physiol 89:1322–1332 (force equation; the companion model "
        "paper is J Appl Physiol 88:917–925, 2000; pages not re-checked)"
    ),
    "sale1982": (
        "Sale D, Quinlan J, Marsh E, McComas AJ, Belanger AY (1982) Influence of joint position "
        "on ankle plantarflexion in humans. J Appl Physiol 52:1636–1642. "
        "doi:10.1152/jappl.1982.52.6.1636"
    ),
    "thomas1990": (
        "Thomas CK, Johansson RS, Westling G, Bigland-Ritchie B (1990) Twitch properties of "
        "human thenar motor units measured in response to intraneural motor-axon stimulation. "
        "J Neurophysiol 64:1339–1346 (pages not re-checked): twitch forces 3–34 mN, contraction "
        "times 35–80 ms"
    ),
    "thomas1991": (
        "Thomas CK, Bigland-Ritchie B, Johansson RS (1991) Force-frequency relationships of "
        "human thenar motor units. J Neurophysiol 65:1509–1516. doi:10.1152/jn.1991.65.6.1509"
    ),
    "peltonen2010": (
        "Peltonen J, Cronin NJ, Avela J, Finni T (2010) In vivo mechanical response of human "
        "Achilles tendon to a single bout of hopping exercise. J Exp Biol 213:1259–1265. "
        "doi:10.1242/jeb.033514: Achilles tendon force 3.5 ± 0.6 kN in maximal plantarflexion"
    ),
    "hill_coefficient_review": (
        "Hill coefficients of 2–5 for the force–pCa relation of skinned mammalian and human "
        "fibres, e.g. reviewed in Gordon AM, Homsher E, Regnier M (2000) Physiol Rev 80:853–924 "
        "(secondary; not re-checked)"
    ),
    "sweeney1993": (
        "Sweeney HL, Bowman BF, Stull JT (1993) Myosin light chain phosphorylation in vertebrate "
        "striated muscle: regulation and function. Am J Physiol 264:C1085–C1095 (secondary; "
        "not re-checked)"
    ),
    "oleary1997": (
        "O'Leary DD, Hope K, Sale DG (1997) Posttetanic potentiation of human dorsiflexors. "
        "J Appl Physiol 83:2131–2138. doi:10.1152/jappl.1997.83.6.2131: twitch potentiation 45 % "
        "5 s after a 7 s 100 Hz tetanus, 28 % after 1 min"
    ),
    "small1992": (
        "Small SC, Stokes MJ (1992) Stimulation frequency and force potentiation in the human "
        "adductor pollicis muscle. Eur J Appl Physiol 65:229–233. doi:10.1007/BF00705086"
    ),
    "allen2008": (
        "Allen DG, Lamb GD, Westerblad H (2008) Skeletal muscle fatigue: cellular mechanisms. "
        "Physiol Rev 88:287–332. doi:10.1152/physrev.00015.2007 (secondary)"
    ),
    "barclay2007": (
        "Barclay CJ, Woledge RC, Curtin NA (2007) Energy turnover for Ca2+ cycling in skeletal "
        "muscle. J Muscle Res Cell Motil 28:259–274 (secondary; not re-checked): Ca2+ pumping "
        "is about a third of the ATP turnover of an isometric tetanus"
    ),
    "potvin2017": (
        "Potvin JR, Fuglevand AJ (2017) A motor unit-based model of muscle fatigue. PLoS Comput "
        "Biol 13:e1005581. doi:10.1371/journal.pcbi.1005581: fatigue rate of a unit grows "
        "exponentially with its twitch force"
    ),
    "macefield2000": (
        "Macefield VG, Fuglevand AJ, Howell JN, Bigland-Ritchie B (2000) Discharge behaviour of "
        "single motor units during maximal voluntary contractions of a human toe extensor. "
        "J Physiol 528:227–234 (authors and title not re-checked; PMC2270114)"
    ),
    "twitch_tetanus_ratio": (
        "Twitch/tetanus ratio 0.14, the value implied for human thenar units by Thomas CK, "
        "Johansson RS, Bigland-Ritchie B (1999) J Neurophysiol 82:3188–3195 (doublet 48 % of "
        "tetanic force, 3.5 × the twitch), inside the 0.1–0.3 of human muscle (thenar units "
        "paralysed by spinal cord injury: median 0.30, J Physiol, PMC1779696, authors not "
        "re-checked). For the triceps surae, young men's supramaximal twitch (16 N·m) is 0.12 of "
        "their maximal voluntary plantarflexion torque (132 N·m; Simoneau E, Martin A, Van "
        "Hoecke J 2005, 'Muscular performances at the ankle joint in young and elderly men', "
        "J Gerontol A 60:439–447, abstract; journal details not re-checked)"
    ),
    "calf_calibration": (
        "kramp calibration, not an independent prediction: the calf heads' longest contraction "
        "time (T_L 147 ms, R_T 2 because the triceps surae is mostly slow) makes the "
        "plantarflexion torque of the held ankle twitch at the 112 ms of Sale et al. (1982), who "
        "timed that torque (target C1: the units pull through their tendons, which delays the "
        "torque's peak beyond the fibres'), and their fatigability makes force fall as in "
        "Macefield et al. (2000) (target C4)"
    ),
    "hand_force": (
        "40 N in total so that the weakest unit's twitch is 3.9 mN, near the weakest human "
        "thenar units (3 mN, Thomas et al. 1990)"
    ),
    "thenar_fatigue": (
        "Human thenar motor units, 2-min intermittent 40 Hz test (13 pulses each second): "
        "fatigue index median 0.85, range 0.41–0.95 in control units; J Physiol (PMC1779696; "
        "authors not re-checked). The hand pool's fatigability is calibrated to the median"
    ),
    "harris1974": (
        "Harris RC, Hultman E, Nordesjö LO (1974) Glycogen, glycolytic intermediates and "
        "high-energy phosphates determined in biopsy samples of musculus quadriceps femoris of "
        "man at rest. Scand J Clin Lab Invest 33:109–120 (not re-checked): ATP about 24 and PCr "
        "about 77 mmol/kg dry muscle"
    ),
    "hultman1983": (
        "Hultman E, Sjöholm H (1983) Energy metabolism and contraction force of human skeletal "
        "muscle in situ during electrical stimulation. J Physiol 345:525–532 (not re-checked): "
        "anaerobic ATP turnover about 8–11 mmol/kg dry muscle/s at the start of a maximal "
        "tetanus, so PCr lasts about 10 s and ATP about 3 s of it; glycolysis supplies about "
        "half of that turnover once fully active"
    ),
    "gaitanos1993": (
        "Gaitanos GC et al. (1993) Human muscle metabolism during intermittent maximal "
        "exercise. J Appl Physiol 75:712–719 (not re-checked): glycolysis reaches its highest "
        "rate within the first seconds of a maximal effort"
    ),
    "gastin2001": (
        "Gastin PB (2001) Energy system interaction and relative contribution during maximal "
        "exercise. Sports Med 31:725–741 (secondary): maximal aerobic ATP supply about a third "
        "of the peak anaerobic turnover"
    ),
    "harris1976": (
        "Harris RC, Edwards RHT, Hultman E, Nordesjö LO, Nylind B, Sahlin K (1976) The time "
        "course of phosphorylcreatine resynthesis during recovery of the quadriceps muscle in "
        "man. Pflügers Arch 367:137–142 (not re-checked): no PCr resynthesis while the "
        "circulation is occluded"
    ),
    "pcr_recovery": (
        "PCr resynthesis after exercise in healthy human muscle has a time constant of about "
        "30 s (31P magnetic resonance spectroscopy; e.g. McCully KK et al. 1988, Muscle Nerve "
        "11:212–216; not re-checked)"
    ),
    "rigor": (
        "Cross-bridges without MgATP stay attached (rigor) and hold force without excitation "
        "(e.g. Cooke R, Bialek W 1979, Biophys J 28:241–258, skinned fibres, rigor as MgATP "
        "falls far below its millimolar level; not re-checked); the exercise contracture of "
        "myophosphorylase deficiency is electrically silent (target G11)"
    ),
    "energy_protocol": (
        "1: normal; 0: none (glycogenolysis 0 is myophosphorylase deficiency, blood flow 0 a "
        "cuff above the systolic pressure): set by the scenario"
    ),
}

# The state of one motor unit's muscle fibres, in the order the engine packs it.
VARIABLES = (
    Variable("calcium", "1", "activating Ca2+, in units of the level that half-activates the "
                             "thin filament"),
    Variable("force_norm", "1", "force as a fraction of the unit's tetanic force"),
    Variable("potentiation", "1", "fraction of myosin regulatory light chains phosphorylated"),
    Variable("metabolite", "1", "accumulated metabolites, in units of the level that halves "
                                "Ca2+ release"),
    Variable("phosphagen", "1", "share of the rested store of PCr and ATP left"),
    Variable("rigor", "1", "force of cross-bridges held in rigor, as a fraction of the unit's "
                           "tetanic force"),
    Variable("glycolysed", "1", "ATP made by anaerobic glycolysis since rest, in shares of the "
                                "rested store of PCr and ATP"),
)
RESTED = {"phosphagen": 1.0}  # every other variable rests at 0

PARAMETERS = ParameterTable(
    component="fibre",
    references=REFERENCES,
    params=(
        Param("hill_coefficient", 2.0, "1", (1.0, 6.0), "hill_coefficient_review",
              "cooperativity of thin-filament activation by Ca2+", "n"),
        Param("calcium_per_action_potential", 0.738, "1", (0.2, 10.0), "twitch_tetanus_ratio",
              "Ca2+ released by one action potential, in units of the half-activating level "
              "(set so that the rested twitch is 0.14 of tetanic force)", "R"),
        Param("tau_calcium_per_contraction_time", 1.62, "1", (0.05, 3.0), "ding2000",
              "Ca2+ re-uptake time constant / contraction time (set so that the rested twitch "
              "peaks at the contraction time)", "τ_c/T",
              fitted_to=("C5",)),
        Param("tau_force_rest_per_contraction_time", 0.543, "1", (0.02, 3.0), "sale1982",
              "force time constant with the filament off / contraction time (Ding et al. τ1; "
              "from an earlier calibration: half-relaxation 0.89 × contraction time at a "
              "twitch/tetanus ratio of 0.25)", "τ_rest/T",
              fitted_to=("C1",)),
        Param("tau_force_active_per_contraction_time", 1.63, "1", (0.0, 6.0), "ding2000",
              "extra force time constant at full activation / contraction time (Ding et al. "
              "τ2; 3 τ_rest)", "τ_active/T"),
        Param("potentiation_gain", 0.99, "1", (0.0, 10.0), "small1992",
              "fractional rise of Ca2+ sensitivity and of the rate of force development at full "
              "RLC phosphorylation (calibrated: twitch 173 % after 5 s at 50 Hz)", "g",
              fitted_to=("C3",)),
        Param("potentiation_on_time", 3.0, "s", (0.2, 20.0), "sweeney1993",
              "time constant of RLC phosphorylation at full activation (near its maximum "
              "within a 5–10 s tetanus)", "τ_on"),
        Param("potentiation_off_time", 116.0, "s", (20.0, 600.0), "oleary1997",
              "time constant of dephosphorylation (potentiation 45 % → 28 % from 5 s to 60 s "
              "after a tetanus gives 55 s / ln(45/28))", "τ_off"),
        Param("metabolite_force_sensitivity", 0.2, "1", (0.0, 5.0), "allen2008",
              "force per cross-bridge falls as 1/(1 + L m) with metabolites (Pi, H+)", "L"),
        Param("release_failure_steepness", 4.0, "1", (1.0, 6.0), "allen2008",
              "Ca2+ release per action potential falls as 1/(1 + m^h): late, steep failure of "
              "release (whole number)", "h"),
        Param("relaxation_slowing", 1.0, "1", (0.0, 5.0), "allen2008",
              "fractional lengthening of the relaxation (detachment) time constant per unit of "
              "metabolite", "σ"),
        Param("calcium_cycling_cost", 10.0, "ms", (0.0, 50.0), "barclay2007",
              "ATP cost of pumping one action potential's Ca2+, as milliseconds of fully "
              "activated cross-bridge cycling (a third of the turnover of a 50 Hz tetanus)", "q"),
        Param("metabolite_recovery_time", 180.0, "s", (30.0, 900.0), "allen2008",
              "time constant of metabolite removal, hence of recovery from fatigue", "τ_rec"),
        Param("phosphocreatine_store", 10.0, "s", (3.0, 30.0), "hultman1983",
              "PCr store, in seconds of the unit's maximal ATP turnover", "S_PCr"),
        Param("atp_store", 3.0, "s", (1.0, 10.0), "hultman1983",
              "ATP store, in seconds of the unit's maximal ATP turnover", "S_ATP"),
        Param("glycolytic_capacity", 0.5, "1", (0.0, 1.0), "hultman1983",
              "greatest anaerobic-glycolysis ATP supply, share of the maximal turnover", "G"),
        Param("glycolytic_onset_deficit", 0.3, "1", (0.05, 1.0), "gaitanos1993",
              "PCr-store deficit at which glycolysis is fully on (a maximal effort reaches it "
              "in about 4 s)", "d_G"),
        Param("oxidative_capacity", 0.3, "1", (0.0, 1.0), "gastin2001",
              "greatest oxidative ATP supply, share of the maximal turnover", "O"),
        Param("phosphocreatine_recovery_time", 30.0, "s", (10.0, 300.0), "pcr_recovery",
              "time constant of PCr resynthesis after exercise", "τ_PCr"),
        Param("glycogenolysis", 1.0, "1", (0.0, 1.0), "energy_protocol",
              "glycogen breakdown available to glycolysis (0: myophosphorylase deficiency)",
              "γ"),
        Param("blood_flow", 1.0, "1", (0.0, 1.0), "energy_protocol",
              "blood flow, hence oxygen, available to oxidative supply (0: a cuff)", "β"),
        Param("rigor_atp_share", 0.05, "1", (0.005, 0.5), "rigor",
              "ATP share at which half the unit's cross-bridges are in rigor", "a_½"),
        Param("rigor_time", 0.5, "s", (0.05, 10.0), "rigor",
              "time constant with which rigor forms and lets go", "τ_r"),
    ),
)


# Below these, a resting unit's Ca²⁺ and force are set to zero. At rest both decay by a constant
# factor each step and, left alone, sink into the subnormal floating-point range within a minute
# (Ca²⁺ falls by e every τ_c ≈ 70 ms), where multiplying by the factor rounds back to the same
# value: they stay there for good, and each operation on a subnormal costs x86 processors a
# microcode assist. Ca²⁺ is cut where its Hill power could turn subnormal even for the steepest
# coefficient of the table (6): 1e-50 of the half-activating level activates 1e-100 of the
# filament, far below one ulp of any force it is added to, so neither cut changes a result.
NEGLIGIBLE_CALCIUM = 1e-50
NEGLIGIBLE_FORCE = 1e-300


# The constants one muscle step needs, as a float array ``k[K.<name>]`` built by
# ``step_constants`` (one row per person: every person may differ). Rates are per ms;
# ``metabolite_decay`` = exp(−Δt/τ_rec) and ``dt_ms`` fix the step; the two exponents are whole
# numbers stored as floats.
K = rows(("hill_coefficient", "calcium_per_action_potential", "potentiation_gain",
          "potentiation_on_rate_per_ms", "potentiation_off_rate_per_ms",
          "metabolite_force_sensitivity", "release_failure_steepness", "relaxation_slowing",
          "calcium_cycling_cost_ms", "metabolite_recovery_time_ms", "metabolite_decay", "dt_ms",
          "store_ms", "atp_share_of_store", "glycolytic_supply", "glycolytic_onset_deficit",
          "oxidative_supply", "oxidative_onset_deficit", "rigor_atp_share", "rigor_decay"))


def _whole_number(params: dict[str, float], name: str) -> int:
    """An exponent the kernel raises to by repeated multiplication (see ``hill_power``)."""
    value = params[name]
    if value != round(value):
        raise KrampInputError(f"`fibre.{name}` must be a whole number, got {value:g}",
                              field=f"fibre.{name}")
    return round(value)


def step_constants(params: dict[str, float], dt_ms: float) -> np.ndarray:
    """The step constants ``k[K.<name>]`` from resolved ``fibre`` parameters."""
    recovery_ms = params["metabolite_recovery_time"] * 1e3
    store_ms = (params["phosphocreatine_store"] + params["atp_store"]) * 1e3
    values = {
        "hill_coefficient": _whole_number(params, "hill_coefficient"),
        "calcium_per_action_potential": params["calcium_per_action_potential"],
        "potentiation_gain": params["potentiation_gain"],
        "potentiation_on_rate_per_ms": 1.0 / (params["potentiation_on_time"] * 1e3),
        "potentiation_off_rate_per_ms": 1.0 / (params["potentiation_off_time"] * 1e3),
        "metabolite_force_sensitivity": params["metabolite_force_sensitivity"],
        "release_failure_steepness": _whole_number(params, "release_failure_steepness"),
        "relaxation_slowing": params["relaxation_slowing"],
        "calcium_cycling_cost_ms": params["calcium_cycling_cost"],
        "metabolite_recovery_time_ms": recovery_ms,
        "metabolite_decay": math.exp(-dt_ms / recovery_ms),
        "dt_ms": dt_ms,
        "store_ms": store_ms,
        "atp_share_of_store": params["atp_store"] * 1e3 / store_ms,
        "glycolytic_supply": params["glycolytic_capacity"] * params["glycogenolysis"],
        "glycolytic_onset_deficit": params["glycolytic_onset_deficit"],
        "oxidative_supply": params["oxidative_capacity"] * params["blood_flow"],
        # d_O = τ_PCr O / S: near rest PCr recovers with τ_PCr (module doc)
        "oxidative_onset_deficit": max(params["phosphocreatine_recovery_time"] * 1e3
                                       * params["oxidative_capacity"] / store_ms, 1e-9),
        "rigor_atp_share": params["rigor_atp_share"],
        "rigor_decay": math.exp(-dt_ms / (params["rigor_time"] * 1e3)),
    }
    return np.array([float(values[name]) for name in K._fields])


def unit_properties(
    n_unit: int,
    *,
    twitch_force_range: float,
    contraction_time_longest_ms: float,
    contraction_time_range: float,
    muscle_tetanic_force_mN: float,
    fatigability_weakest_per_s: float,
    fatigability_range: float,
    params: dict[str, float] | None = None,
) -> dict[str, np.ndarray]:
    """Per-unit properties of a pool of ``n_unit`` units, weakest first (Fuglevand et al. 1993).

    P_i = exp(ln(R_P) i/N) (i = 1..N) sets each unit's share of the muscle's tetanic force;
    T_i = T_L (1/P_i)^(1/c) with c = ln(R_P)/ln(R_T) its contraction time, so the weakest unit
    has T ≈ T_L and the strongest T_L/R_T. Fatigability grows like force:
    φ_i = φ_1 R_φ^(ln P_i / ln R_P). The Ca²⁺ and force time constants are the contraction time
    times the calibrated multiples in ``params`` (``fibre`` defaults if None), and the peak
    twitch force is the tetanic force times the model's rested twitch/tetanus ratio.

    Returns arrays of shape (n_unit,): ``tetanic_force_mN``, ``peak_twitch_force_mN``,
    ``contraction_time_ms``, ``tau_calcium_ms``, ``tau_force_rest_ms``, ``tau_force_active_ms``,
    ``fatigability_per_ms``.
    """
    p = PARAMETERS.defaults() if params is None else params
    index = np.arange(1, n_unit + 1, dtype=float)
    log_range = math.log(twitch_force_range)
    size = np.exp(log_range * index / n_unit)  # P_i, the weakest ≈ 1, the strongest = R_P
    size_exponent = np.log(size) / log_range  # ln P_i / ln R_P, from ~0 to 1
    contraction_time_ms = contraction_time_longest_ms * contraction_time_range ** (-size_exponent)
    tetanic_force_mN = muscle_tetanic_force_mN * size / size.sum()
    return {
        "tetanic_force_mN": tetanic_force_mN,
        "peak_twitch_force_mN": tetanic_force_mN * twitch_tetanus_ratio(p),
        "contraction_time_ms": contraction_time_ms,
        **kinetic_time_constants(p, contraction_time_ms),
        "fatigability_per_ms": (fatigability_weakest_per_s / 1e3)
        * fatigability_range ** size_exponent,
    }


def kinetic_time_constants(params: dict[str, float], contraction_time_ms: np.ndarray
                           ) -> dict[str, np.ndarray]:
    """τ_c, τ_rest and τ_active (ms) of units with contraction times ``contraction_time_ms``."""
    return {
        "tau_calcium_ms": params["tau_calcium_per_contraction_time"] * contraction_time_ms,
        "tau_force_rest_ms": params["tau_force_rest_per_contraction_time"] * contraction_time_ms,
        "tau_force_active_ms": params["tau_force_active_per_contraction_time"]
        * contraction_time_ms,
    }


def step_arrays(properties: dict[str, np.ndarray], dt_ms: float) -> dict[str, np.ndarray]:
    """The per-unit arrays ``unit_step`` takes, for any array shape (e.g. [person, unit]).

    ``calcium_decay_half`` = exp(−Δt/2τ_c) is precomputed because it is fixed for a given step.
    """
    return {
        "calcium_decay_half": np.exp(-0.5 * dt_ms / properties["tau_calcium_ms"]),
        "tau_force_rest_ms": properties["tau_force_rest_ms"],
        "tau_force_active_ms": properties["tau_force_active_ms"],
        "fatigability_per_ms": properties["fatigability_per_ms"],
        "tetanic_force_mN": properties["tetanic_force_mN"],
    }


@numba.njit(cache=True)
def decay_factor(dt, tau):
    """exp(−Δt/τ) by its (2,2) Padé approximant, written without the division Δt/τ.

    With x = Δt/τ the relative error is below x⁵/720 (1.4e-8 at x = 0.1; x ≤ 0.06 for a 1 ms
    step, as the shortest force time constant is 16 ms) and the factor stays in (0, 1) for every
    x > 0. It costs one division where ``math.exp(-dt/tau)`` costs a division and an exp, which
    dominate the step's cost.
    """
    tau2 = tau * tau
    half = 0.5 * dt * tau
    dt2 = dt * dt * (1.0 / 12.0)
    return (tau2 - half + dt2) / (tau2 + half + dt2)


@numba.njit(cache=True)
def hill_power(x, n):
    """xⁿ for a whole-number exponent n ≥ 1 (a few multiplications, no ``pow``)."""
    result = x
    for _ in range(n - 1):
        result *= x
    return result


@numba.njit(cache=True)
def unit_step(calcium, force_norm, potentiation, metabolite, phosphagen, rigor, glycolysed,
              event_count, calcium_decay_half, tau_force_rest_ms, tau_force_active_ms,
              fatigability_per_ms, tetanic_force_mN, mechanical_factor, k):
    """Advance one unit by one muscle step Δt = ``k[K.dt_ms]`` (equations in the module doc).

    ``event_count``: action potentials arriving in this step (they act at its start);
    ``calcium_decay_half``: exp(−Δt/2τ_c) of this unit (``step_arrays``);
    ``mechanical_factor``: f_L f_V from the mechanics component (1 at optimal length, isometric);
    ``k``: the step constants (``step_constants``). Returns the new (calcium, force_norm,
    potentiation, metabolite, phosphagen, rigor, glycolysed) and the unit's force in mN at the
    end of the step.
    """
    dt = k[K.dt_ms]
    atp = min(1.0, phosphagen / k[K.atp_share_of_store])
    pumped = 0.0
    if event_count > 0:
        failure = hill_power(metabolite, int(k[K.release_failure_steepness]))
        release_share = 1.0 / (1.0 + failure)
        calcium += event_count * k[K.calcium_per_action_potential] * release_share
        metabolite += event_count * fatigability_per_ms * k[K.calcium_cycling_cost_ms]
        pumped = event_count * k[K.calcium_cycling_cost_ms]
    # Activation at mid-step Ca²⁺, held over the step (exponential Euler for f and p).
    calcium *= calcium_decay_half
    sensitised = calcium * (1.0 + k[K.potentiation_gain] * potentiation)
    hill = hill_power(sensitised, int(k[K.hill_coefficient]))
    activation = hill / (hill + 1.0)
    # one division for both 1/(1 + L m) and 1/(1 + g p)
    loss = 1.0 + k[K.metabolite_force_sensitivity] * metabolite
    speedup = 1.0 + k[K.potentiation_gain] * potentiation
    both = 1.0 / (loss * speedup)
    target = activation * speedup * both * atp  # no ATP, no cycling cross-bridges
    tau_force = tau_force_rest_ms * (1.0 + k[K.relaxation_slowing] * metabolite) \
        + tau_force_active_ms * activation * loss * both
    force_new = target + (force_norm - target) * decay_factor(dt, tau_force)
    # Phosphorylation changes by < 0.1 % per step, so its exponential-Euler factor
    # φ1(x) = (1 − e^−x)/x is taken as 1 − x/2 + x²/6 (error x³/24 < 1e-11).
    x = dt * (activation * k[K.potentiation_on_rate_per_ms]
              + k[K.potentiation_off_rate_per_ms])
    drift = activation * k[K.potentiation_on_rate_per_ms] * (1.0 - potentiation) \
        - k[K.potentiation_off_rate_per_ms] * potentiation
    potentiation += dt * drift * (1.0 - x * (0.5 - x * (1.0 / 6.0)))
    # Metabolites made at the mean force of the step, removed with τ_rec (exact for that drive).
    produced = (fatigability_per_ms * 0.5 * (force_norm + force_new)
                * k[K.metabolite_recovery_time_ms])
    metabolite = produced + (metabolite - produced) * k[K.metabolite_decay]
    calcium *= calcium_decay_half
    if calcium < NEGLIGIBLE_CALCIUM:
        calcium = 0.0
    if force_new < NEGLIGIBLE_FORCE:
        force_new = 0.0
    phosphagen, rigor, glycolysis = energy_step(phosphagen, rigor, atp,
                                                0.5 * (force_norm + force_new) * dt + pumped, k)
    force_mN = tetanic_force_mN * (force_new + rigor * (1.0 - force_new)) * mechanical_factor
    return (calcium, force_new, potentiation, metabolite, phosphagen, rigor,
            glycolysed + glycolysis, force_mN)


@numba.njit(cache=True, inline="always")
def energy_step(phosphagen, rigor, atp, demand_ms, k):
    """The store and the rigor after one step that asked for ``demand_ms`` ms of maximal
    turnover at ATP share ``atp``, and the ATP glycolysis made in it (shares of the store;
    module doc; explicit in the store, whose fastest time constant, τ_PCr, is ten thousand
    steps)."""
    deficit = 1.0 - phosphagen
    # glycolysis runs only while the fibre works (it is switched on by Ca²⁺ and the products of
    # ATP use), so PCr is rebuilt at rest by oxidation alone, and not at all under a cuff
    glycolysis = min(k[K.glycolytic_supply] * min(1.0, deficit / k[K.glycolytic_onset_deficit])
                     * k[K.dt_ms], atp * demand_ms)
    oxidation = k[K.oxidative_supply] * min(1.0, deficit / k[K.oxidative_onset_deficit])
    phosphagen += (glycolysis + oxidation * k[K.dt_ms] - atp * demand_ms) / k[K.store_ms]
    phosphagen = min(1.0, max(0.0, phosphagen))
    atp = min(1.0, phosphagen / k[K.atp_share_of_store])
    held = 0.0
    if atp < 1.0:
        ratio = hill_power(atp / k[K.rigor_atp_share], 4)
        held = 1.0 / (1.0 + ratio)
    return phosphagen, held + (rigor - held) * k[K.rigor_decay], glycolysis / k[K.store_ms]


def unit_step_numpy(calcium, force_norm, potentiation, metabolite, phosphagen, rigor,
                    glycolysed, event_count, calcium_decay_half, tau_force_rest_ms,
                    tau_force_active_ms, fatigability_per_ms, tetanic_force_mN, mechanical_factor,
                    k):
    """The NumPy reference of :func:`unit_step` on arrays of any common shape ([person, unit]).

    ``k`` is one row of step constants, or rows that broadcast against the unit arrays once
    their last axis is taken (``[person, 1, constant]`` for ``[person, unit]`` units).

    The same update, with the exact ``np.exp`` where the kernel uses its Padé and Taylor
    factors; returns new arrays and leaves the inputs unchanged.
    """
    dt = k[..., K.dt_ms]
    atp = np.minimum(1.0, phosphagen / k[..., K.atp_share_of_store])
    release_share = 1.0 / (1.0 + metabolite ** k[..., K.release_failure_steepness])
    calcium = calcium + event_count * k[..., K.calcium_per_action_potential] * release_share
    metabolite = metabolite + event_count * fatigability_per_ms * k[..., K.calcium_cycling_cost_ms]
    pumped = event_count * k[..., K.calcium_cycling_cost_ms]
    calcium = calcium * calcium_decay_half
    sensitised = calcium * (1.0 + k[..., K.potentiation_gain] * potentiation)
    hill = sensitised ** k[..., K.hill_coefficient]
    activation = hill / (hill + 1.0)
    target = atp * activation / (1.0 + k[..., K.metabolite_force_sensitivity] * metabolite)
    tau_force = tau_force_rest_ms * (1.0 + k[..., K.relaxation_slowing] * metabolite) \
        + tau_force_active_ms * activation / (1.0 + k[..., K.potentiation_gain] * potentiation)
    force_new = target + (force_norm - target) * np.exp(-dt / tau_force)
    rate = (activation * k[..., K.potentiation_on_rate_per_ms]
            + k[..., K.potentiation_off_rate_per_ms])
    settled = activation * k[..., K.potentiation_on_rate_per_ms] / rate
    potentiation = settled + (potentiation - settled) * np.exp(-dt * rate)
    produced = (fatigability_per_ms * 0.5 * (force_norm + force_new)
                * k[..., K.metabolite_recovery_time_ms])
    metabolite = produced + (metabolite - produced) * k[..., K.metabolite_decay]
    calcium = calcium * calcium_decay_half
    calcium = np.where(calcium < NEGLIGIBLE_CALCIUM, 0.0, calcium)
    force_new = np.where(force_new < NEGLIGIBLE_FORCE, 0.0, force_new)
    deficit = 1.0 - phosphagen
    demand = atp * (0.5 * (force_norm + force_new) * dt + pumped)
    glycolysis = np.minimum(k[..., K.glycolytic_supply]
                            * np.minimum(1.0, deficit / k[..., K.glycolytic_onset_deficit]) * dt,
                            demand)
    oxidation = (k[..., K.oxidative_supply]
                 * np.minimum(1.0, deficit / k[..., K.oxidative_onset_deficit]) * dt)
    phosphagen = np.clip(phosphagen + (glycolysis + oxidation - demand) / k[..., K.store_ms],
                         0.0, 1.0)
    atp = np.minimum(1.0, phosphagen / k[..., K.atp_share_of_store])
    held = np.where(atp < 1.0, 1.0 / (1.0 + (atp / k[..., K.rigor_atp_share]) ** 4), 0.0)
    rigor = held + (rigor - held) * k[..., K.rigor_decay]
    glycolysed = glycolysed + glycolysis / k[..., K.store_ms]
    force_mN = tetanic_force_mN * (force_new + rigor * (1.0 - force_new)) * mechanical_factor
    return calcium, force_new, potentiation, metabolite, phosphagen, rigor, glycolysed, force_mN


@numba.njit(cache=True)
def simulate_units(event_counts, calcium_decay_half, tau_force_rest_ms, tau_force_active_ms,
                   fatigability_per_ms, tetanic_force_mN, mechanical_factor, k, state,
                   record_units):
    """Drive units with ``event_counts`` [step, unit] from ``state`` [7, unit] (changed in place).

    Returns the summed force per step (mN) and, if ``record_units``, each unit's force
    [step, unit] (otherwise an empty [step, 0] array). A test harness for the validation
    experiments; the engine calls :func:`unit_step` from its own kernel.
    """
    n_step, n_unit = event_counts.shape
    total = np.zeros(n_step)
    per_unit = np.zeros((n_step, n_unit if record_units else 0))
    for s in range(n_step):
        for j in range(n_unit):
            c, f, p, m, e, r, g, force = unit_step(
                state[0, j], state[1, j], state[2, j], state[3, j], state[4, j], state[5, j],
                state[6, j], event_counts[s, j], calcium_decay_half[j], tau_force_rest_ms[j],
                tau_force_active_ms[j], fatigability_per_ms[j], tetanic_force_mN[j],
                mechanical_factor, k)
            state[0, j], state[1, j], state[2, j], state[3, j] = c, f, p, m
            state[4, j], state[5, j], state[6, j] = e, r, g
            total[s] += force
            if record_units:
                per_unit[s, j] = force
    return total, per_unit


def rested_state(n_unit: int) -> np.ndarray:
    """State (``VARIABLES`` × unit) of a rested muscle: the energy store full, the rest 0."""
    state = np.zeros((len(VARIABLES), n_unit))
    for row, variable in enumerate(VARIABLES):
        state[row] = RESTED.get(variable.name, 0.0)
    return state


@lru_cache(maxsize=32)
def _twitch_shape(items: tuple[tuple[str, float], ...]) -> tuple[float, float, float]:
    """(time to peak, half-relaxation time, peak) of a rested T = 100 ms twitch, times in T."""
    params = dict(items)
    contraction_time_ms, dt_ms = 100.0, 0.025
    one = np.ones(1)
    arrays = step_arrays({**kinetic_time_constants(params, contraction_time_ms * one),
                          "fatigability_per_ms": 0.0 * one, "tetanic_force_mN": one}, dt_ms)
    events = np.zeros((round(8 * contraction_time_ms / dt_ms), 1), dtype=np.uint8)
    events[0, 0] = 1
    _, force = simulate_units(
        events, arrays["calcium_decay_half"], arrays["tau_force_rest_ms"],
        arrays["tau_force_active_ms"], arrays["fatigability_per_ms"], arrays["tetanic_force_mN"],
        1.0, step_constants(params, dt_ms), rested_state(1), True)
    trace = force[:, 0]
    peak_step = int(np.argmax(trace))
    peak = float(trace[peak_step])
    half_step = peak_step + int(np.argmax(trace[peak_step:] < 0.5 * peak))
    # Step s ends at (s + 1) Δt; the stimulus acts at t = 0.
    return ((peak_step + 1) * dt_ms / contraction_time_ms,
            (half_step - peak_step) * dt_ms / contraction_time_ms, peak)


def twitch_shape(params: dict[str, float] | None = None) -> dict[str, float]:
    """Rested twitch normalised by its unit: time to peak / T, half-relaxation / T, and peak
    force / tetanic force (the twitch/tetanus ratio).

    The same for every unit to within ~1.5 %: only the phosphorylation during the twitch itself
    runs on an absolute clock, so units slower than the reference T = 100 ms peak a little later.
    """
    p = PARAMETERS.defaults() if params is None else params
    ttp, half_relaxation, peak = _twitch_shape(tuple(sorted(p.items())))
    return {"time_to_peak": ttp, "half_relaxation": half_relaxation, "peak": peak}


def twitch_tetanus_ratio(params: dict[str, float]) -> float:
    """Peak of a rested twitch as a fraction of the unit's tetanic force."""
    return twitch_shape(params)["peak"]
