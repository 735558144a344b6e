"""Muscle spindle: primary (Ia) and secondary (II) afferent rates from fascicle length and γ drive.

The model of Mileusnic, Brown, Lan & Loeb (2006). Lengths are in units of the muscle's optimal
fascicle length L₀, time in s, forces in the paper's normalised force units (FU). Three intrafusal
fibres — bag₁ (dynamic fusimotor drive), bag₂ and chain (static drive) — are each a sensory
region (a spring, K_SR) in series with a polar region of mass M, which has a spring (K_PR), a
nonlinear viscosity and a fusimotor force generator Γ. With x the polar region's length and u its
velocity (lengthening positive), the fascicle's length L sets the sensory region's length
L − x and its tension T = K_SR (L − x − L₀SR), and the polar region moves as::

    dx/dt = u
    M du/dt = T − C β sgn(u)|u|ᵃ (x − R) − K_PR (x − L₀PR) − Γ

where C = C_L when the polar region lengthens (u > 0) and C_S when it shortens. Written for T
this is the paper's equation for T̈ (its L − L₀SR − T/K_SR is x, its L̇ − Ṫ/K_SR is u); in x the
fascicle's acceleration needs no separate input. The fusimotor rate γ (pps) activates a fibre
through a saturating function and, for the bags, a first-order lag::

    bag₁:  df_dyn/dt = (γ_dynᵖ/(γ_dynᵖ + freq_bag1ᵖ) − f_dyn)/τ_bag1
    bag₂:  df_stat/dt = (γ_statᵖ/(γ_statᵖ + freq_bag2ᵖ) − f_stat)/τ_bag2
    chain: f_chain = γ_statᵖ/(γ_statᵖ + freq_chainᵖ)        (no lag)
    β = β₀ + β_drive f,     Γ = Γ_drive f                    (β_drive < 0 for bag₂ and chain)

Afferent potentials (pps), from the stretch of the sensory region beyond its threshold LN_SR and,
for the secondary ending, of the polar region beyond LN_PR::

    primary_i   = G_I,i (L − x_i − LN_SR)
    secondary_i = G_II,i [X L_sec/L₀SR (L − x_i − LN_SR) + (1 − X) L_sec/L₀PR (x_i − LN_PR)]
    Ia = max(p₁, p₂ + p_c) + S min(p₁, p₂ + p_c)          (partial occlusion)
    II = s₂ + s_c

Each potential below zero is taken as zero (an ending cannot fire at a negative rate); the Ia
occlusion and the II sum act on those rectified potentials. Two choices where published
implementations differ: C switches on the sign of the polar region's own velocity u (the
force–velocity asymmetry belongs to the contractile polar region; the paper's Simulink model and
some ports use the fascicle's velocity), and the secondary gain multiplies both of its terms.

Intrafusal thixotropy (kramp's addition; Proske, Morgan & Gregory 1993; Wilson, Gandevia &
Burke 1995). A contraction of the intrafusal fibres leaves stable cross-bridges behind that hold
each polar region at the length it had: for minutes the relaxed region resists moving from that
length, so after a contraction the sensory region stays stretched and the afferents fire faster,
until a stretch detaches the bridges; a shortening instead leaves the sensory region slack. Each
fibre carries the bridges' amount b (0–1) and the polar length they hold x_b::

    dx_b/dt = B(f) (x − x_b)/τ_F                 (the bridges re-form at the activated length)
    db/dt   = (B(f) − b)/τ_F   while B(f) ≥ b,   −b/τ_T otherwise
    held force = k_T max(b − B(f), 0) (x − x_b)  (subtracted from M du/dt above)
    B(f)    = f (1 + a½)/(f + a½)                (the share of the bridges activation f forms)

and a stretch of the polar region past x_b + ε_B detaches them (b = 0, x_b = x); a shortening
does not (the held force then stands for the slack fibre's compressed sensory region, whose
endings fall silent as a slack one's do). Only the bridges beyond the present activation hold:
while the drive is steady the cycling bridges, which Mileusnic's viscosity and generator already
describe, are all there is, and the model is Mileusnic's; the stable ones are those a falling
activation leaves behind. The after-effect does not grow with the contraction: a voluntary
contraction of 5 % of maximum raised the human soleus reflexes as much as stronger ones (Gregory
et al. 1998), so B saturates, nine tenths of the bridges forming at the bag fibres' activation
of a 5 % co-activation (a½); a maximal effort leaves the after-effect a weak contraction leaves,
not seven times it. τ_T is the after-effect's mean duration (Wilson et al. 1995); k_T was
tuned to its size (target D12), so D12 is a calibration; τ_F and ε_B are kramp's assumptions.

Integration, one call of :func:`step` per engine step dt: the activations take their exact
exponential update (γ is constant over a step), and each fibre's (x, u) takes one step of
Alexander's two-stage, second-order, L-stable singly diagonally implicit Runge–Kutta method
(SDIRK2, γ_s = 1 − 1/√2). The viscosity's slope C β a|u|^(a−1) is infinite at u = 0, so an
explicit method is unstable whenever the polar region nearly stops (every hold); each implicit
stage is one scalar equation in w = sgn(u)|u|ᵃ, monotone and smooth there, solved to rounding
by Newton's method in w from the fibre's latest velocity (three or four residuals), safeguarded
by the bracket its residuals' signs close (a step that leaves it bisects instead). The stable
bridges (b, x_b) are held over the step and then take their exact update for it. The fascicle's
length inside a step is the quadratic through the end-of-step length, velocity and acceleration
the engine passes. Against
``scipy.integrate.solve_ivp`` (Radau, rtol 1e-10, on the same ODE with |u|ᵃ smoothed below
ε = 1e-10 L₀/s so that its Newton iteration converges) on cat-soleus ramp-and-hold stretches
(0.11–1.55 L₀/s, 0.133 L₀, γ_dyn or γ_stat 0–70 pps, peaks 90–340 pps), the rates at
dt = 0.5 ms stay within 0.5 pps of the reference (measured: Ia 0.40 pps, II 0.17 pps, largest
where a ramp's corner falls inside a step; the test checks it); at dt = 0.1 ms within 0.06 pps.

The parameters were fitted by Mileusnic et al. to cat soleus spindles; kramp uses them unchanged
for human muscles with lengths normalised to each muscle's own L₀.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numba
import numpy as np

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable, Variable, rows

REFERENCES = {
    "mileusnic2006": (
        "Mileusnic MP, Brown IE, Lan N, Loeb GE (2006) Mathematical models of proprioceptors. "
        "I. Control and transduction in the muscle spindle. J Neurophysiol 96:1772–1788. "
        "doi:10.1152/jn.00868.2005 (Table 1; values checked against the published ports "
        "CEINMS-2 Mileusnic2006MuscleSpindle.cpp, S. Verduzco-Flores' OpenSim "
        "Mileusnic06Spindle.cpp and the Sanger-lab Python afferented muscle model; the paper's "
        "own text was not re-read)"
    ),
    "vallbo1979": (
        "Vallbo ÅB, Hagbarth K-E, Torebjörk HE, Wallin BG (1979) Somatosensory, proprioceptive, "
        "and sympathetic activity in human peripheral nerves. Physiol Rev 59:919–957 "
        "(secondary; not re-checked): no sign of fusimotor drive to the spindles of relaxed "
        "human muscle. kramp's assumption: no tonic γ drive at rest"
    ),
    "protocol": "setting of the virtual experiment (fusimotor drive imposed by the scenario)",
    "wilson1995": (
        "Wilson LR, Gandevia SC, Burke D (1995) J Physiol 488:833–840 (abstract): after a 5 s "
        "isometric contraction, human spindle afferents fire faster for 52 s on average (8–240 "
        "s); a tendon stretch removes the enhancement (intrafusal thixotropy)"
    ),
    "proske1993": (
        "Proske U, Morgan DL, Gregory JE (1993) Thixotropy in skeletal muscle and in muscle "
        "spindles: a review. Prog Neurobiol 41:705–721 (secondary; not re-checked): after a "
        "fusimotor or skeletomotor contraction, stable cross-bridges hold the intrafusal fibres "
        "at the length they had; a later stretch detaches them, a later shortening lets the "
        "fibres fall slack"
    ),
    "gregory1998": (
        "Gregory JE, Wise AK, Wood SA, Prochazka A, Proske U (1998) Muscle history, fusimotor "
        "activity and the human stretch reflex. J Physiol 513:927–934 (abstract; authors and "
        "pages not re-checked): a voluntary conditioning contraction of the soleus of 5 % of "
        "maximum or more (0–25 % tested) raised the later stretch and H-reflexes more than "
        "twofold, electrical stimulation of the muscle (no intrafusal contraction) did not: the "
        "intrafusal after-effect is whole from a weak contraction on. kramp's a½ puts nine "
        "tenths of it at 5 % through its own co-activation (afferents.fusimotor_coactivation)"
    ),
    "thixotropy_assumption": (
        "kramp's assumption (no intrafusal measurement found): the stable cross-bridges' "
        "formation time and the polar strain that detaches them"
    ),
}

PARAMETERS = ParameterTable(
    component="spindle",
    references=REFERENCES,
    params=(
        Param("gamma_dynamic", 0.0, "pps", (0.0, 300.0), "vallbo1979",
              "dynamic fusimotor (γ_dyn) rate onto bag1 fibres, pulses per second "
              "(assumption: 0 in relaxed human muscle)", "γ_dyn"),
        Param("gamma_static", 0.0, "pps", (0.0, 300.0), "vallbo1979",
              "static fusimotor (γ_stat) rate onto bag2 and chain fibres, pulses per second "
              "(assumption: 0 in relaxed human muscle)", "γ_stat"),
        Param("fusimotor_power", 2.0, "1", (1.0, 4.0), "mileusnic2006",
              "exponent of the fusimotor rate–activation relation", "p"),
        Param("freq_bag1", 60.0, "pps", (10.0, 200.0), "mileusnic2006",
              "γ_dyn rate that half-activates bag1", "freq_bag1"),
        Param("freq_bag2", 60.0, "pps", (10.0, 200.0), "mileusnic2006",
              "γ_stat rate that half-activates bag2", "freq_bag2"),
        Param("freq_chain", 90.0, "pps", (10.0, 200.0), "mileusnic2006",
              "γ_stat rate that half-activates the chain fibres", "freq_chain"),
        Param("tau_bag1", 0.149, "s", (0.01, 1.0), "mileusnic2006",
              "time constant of bag1 activation", "τ_bag1"),
        Param("tau_bag2", 0.205, "s", (0.01, 1.0), "mileusnic2006",
              "time constant of bag2 activation", "τ_bag2"),
        Param("sensory_stiffness", 10.4649, "1", (1.0, 50.0), "mileusnic2006",
              "sensory region spring constant K_SR, FU/L0", "K_SR"),
        Param("polar_stiffness", 0.15, "1", (0.01, 1.0), "mileusnic2006",
              "polar region spring constant K_PR, FU/L0", "K_PR"),
        Param("intrafusal_mass", 0.0002, "1", (1e-5, 1e-3), "mileusnic2006",
              "intrafusal fibre mass M, FU/(L0/s²)", "M"),
        Param("beta0_bag1", 0.0605, "1", (0.0, 0.5), "mileusnic2006",
              "passive damping of bag1, FU/(L0/s)^a", "β₀,bag1"),
        Param("beta0_bag2", 0.0822, "1", (0.0, 0.5), "mileusnic2006",
              "passive damping of bag2, FU/(L0/s)^a", "β₀,bag2"),
        Param("beta0_chain", 0.0822, "1", (0.0, 0.5), "mileusnic2006",
              "passive damping of the chain fibres, FU/(L0/s)^a", "β₀,chain"),
        Param("beta1_bag1", 0.2592, "1", (0.0, 1.0), "mileusnic2006",
              "damping added by full dynamic fusimotor activation of bag1, FU/(L0/s)^a", "β₁"),
        Param("beta2_bag2", -0.046, "1", (-0.5, 0.5), "mileusnic2006",
              "damping added by full static activation of bag2 (negative: it falls), "
              "FU/(L0/s)^a", "β₂,bag2"),
        Param("beta2_chain", -0.069, "1", (-0.5, 0.5), "mileusnic2006",
              "damping added by full static activation of the chain fibres, FU/(L0/s)^a",
              "β₂,chain"),
        Param("gamma1_bag1", 0.0289, "1", (0.0, 0.5), "mileusnic2006",
              "force generated by full dynamic activation of bag1, FU", "Γ₁"),
        Param("gamma2_bag2", 0.0636, "1", (0.0, 0.5), "mileusnic2006",
              "force generated by full static activation of bag2, FU", "Γ₂,bag2"),
        Param("gamma2_chain", 0.0954, "1", (0.0, 0.5), "mileusnic2006",
              "force generated by full static activation of the chain fibres, FU", "Γ₂,chain"),
        Param("lengthening_asymmetry", 1.0, "1", (0.1, 2.0), "mileusnic2006",
              "force–velocity coefficient while the polar region lengthens", "C_L"),
        Param("shortening_asymmetry", 0.42, "1", (0.1, 2.0), "mileusnic2006",
              "force–velocity coefficient while the polar region shortens", "C_S"),
        Param("zero_force_length", 0.46, "1", (0.0, 0.7), "mileusnic2006",
              "polar region length, L0, at which its viscous force vanishes", "R"),
        Param("velocity_power", 0.3, "1", (0.1, 1.0), "mileusnic2006",
              "exponent of the polar region's force–velocity relation", "a"),
        Param("sensory_rest_length", 0.04, "1", (0.01, 0.1), "mileusnic2006",
              "sensory region rest length, L0", "L₀SR"),
        Param("polar_rest_length", 0.76, "1", (0.3, 1.0), "mileusnic2006",
              "polar region rest length, L0", "L₀PR"),
        Param("sensory_threshold_length", 0.0423, "1", (0.01, 0.1), "mileusnic2006",
              "sensory region length, L0, above which the endings fire", "LN_SR"),
        Param("polar_threshold_length", 0.89, "1", (0.3, 1.5), "mileusnic2006",
              "polar region length, L0, above which the secondary ending's polar part fires",
              "LN_PR"),
        Param("secondary_rest_length", 0.04, "1", (0.0, 0.1), "mileusnic2006",
              "rest length of the secondary ending's sensory terminals, L0", "L_sec"),
        Param("secondary_on_sensory_region", 0.7, "1", (0.0, 1.0), "mileusnic2006",
              "fraction of the secondary ending lying on the sensory region", "X"),
        Param("primary_gain_bag1", 20000.0, "pps", (0.0, 1e5), "mileusnic2006",
              "primary potential per L0 of bag1 sensory-region stretch, pps/L0", "G_I,bag1"),
        Param("primary_gain_bag2", 10000.0, "pps", (0.0, 1e5), "mileusnic2006",
              "primary potential per L0 of bag2 sensory-region stretch, pps/L0", "G_I,bag2"),
        Param("primary_gain_chain", 10000.0, "pps", (0.0, 1e5), "mileusnic2006",
              "primary potential per L0 of chain sensory-region stretch, pps/L0", "G_I,chain"),
        Param("secondary_gain_bag2", 7250.0, "pps", (0.0, 1e5), "mileusnic2006",
              "secondary potential per L0 of bag2 stretch, pps/L0", "G_II,bag2"),
        Param("secondary_gain_chain", 7250.0, "pps", (0.0, 1e5), "mileusnic2006",
              "secondary potential per L0 of chain stretch, pps/L0", "G_II,chain"),
        Param("occlusion", 0.156, "1", (0.0, 1.0), "mileusnic2006",
              "share of the smaller primary potential added to the larger (partial occlusion)",
              "S"),
        Param("thixotropy_stiffness", 1.0, "1", (0.0, 100.0), "wilson1995",
              "stiffness, per unit of stable cross-bridges, with which a relaxed polar region "
              "resists moving from the length they hold, FU/L0 (kramp's calibration: "
              "tuned to D12's +65 %)", "k_T", fitted_to=("D12",)),
        Param("thixotropy_tau", 52.0, "s", (8.0, 240.0), "wilson1995",
              "decay time of the stable cross-bridges once the fusimotor drive has ended (the "
              "after-effect's mean duration; range: its spread over afferents)", "τ_T"),
        Param("thixotropy_formation_tau", 1.0, "s", (0.1, 10.0), "thixotropy_assumption",
              "time for the stable cross-bridges to form at, and follow, an activated polar "
              "region", "τ_F"),
        Param("thixotropy_break_strain", 0.02, "1", (0.002, 0.1), "thixotropy_assumption",
              "stretch of the polar region past the length its stable cross-bridges hold, L0, "
              "that detaches them", "ε_B"),
        Param("thixotropy_half_activation", 0.0002, "1", (0.0, 0.1), "gregory1998",
              "intrafusal activation that forms half of a polar region's stable cross-bridges "
              "(a½): a contraction of 5 % of maximum, whose co-activation (2.5 pps γ) activates "
              "the bag fibres to 0.0017, forms nine tenths of them; 0 makes every activation "
              "form them all", "a½"),
    ),
)

# The state of one spindle, in the order of the packed array.
VARIABLES = (
    Variable("dynamic_activation", "1", "bag1 activation by the dynamic fusimotor drive, 0–1"),
    Variable("static_activation", "1", "bag2 activation by the static fusimotor drive, 0–1"),
    Variable("bag1_polar_length", "1", "bag1 polar region length, in optimal fascicle lengths"),
    Variable("bag1_polar_velocity", "1/s", "bag1 polar region velocity, L0/s, lengthening > 0"),
    Variable("bag2_polar_length", "1", "bag2 polar region length, in optimal fascicle lengths"),
    Variable("bag2_polar_velocity", "1/s", "bag2 polar region velocity, L0/s, lengthening > 0"),
    Variable("chain_polar_length", "1", "chain polar region length, in optimal fascicle lengths"),
    Variable("chain_polar_velocity", "1/s", "chain polar region velocity, L0/s, lengthening > 0"),
    Variable("bag1_latch_length", "1", "bag1 polar length its stable cross-bridges hold, L0"),
    Variable("bag1_latch", "1", "bag1 stable cross-bridges, 0–1"),
    Variable("bag2_latch_length", "1", "bag2 polar length its stable cross-bridges hold, L0"),
    Variable("bag2_latch", "1", "bag2 stable cross-bridges, 0–1"),
    Variable("chain_latch_length", "1", "chain polar length its stable cross-bridges hold, L0"),
    Variable("chain_latch", "1", "chain stable cross-bridges, 0–1"),
)
S = rows([variable.name for variable in VARIABLES])
N_STATE = len(VARIABLES)
N_FIBRE = 3  # bag1, bag2, chain; fibre i has x at state[2 + 2i], u at state[3 + 2i]
LATCH = 8  # fibre i's latched length at state[LATCH + 2i], its latch at state[LATCH + 1 + 2i]

# Constants shared by the three fibres, then one block of FIBRE per fibre (bag1, bag2, chain).
K = rows(("gamma_dynamic", "gamma_static", "fusimotor_power", "tau_bag1", "tau_bag2",
          "k_sr", "k_pr", "mass", "c_lengthening", "c_shortening", "zero_force_length",
          "velocity_power", "l0_sr", "l0_pr", "ln_sr", "ln_pr", "secondary_sensory_weight",
          "secondary_polar_weight", "occlusion", "k_t", "tau_t", "tau_form", "break_strain",
          "bridging_half"))
FIBRE = rows(("freq", "beta0", "beta_drive", "gamma_drive", "primary_gain", "secondary_gain"))
N_K = len(K) + N_FIBRE * len(FIBRE)

_FIBRE_NAMES = ("bag1", "bag2", "chain")
_SDIRK = 1.0 - 1.0 / math.sqrt(2.0)  # Alexander's γ_s


def constants(values: Mapping[str, float]) -> np.ndarray:
    """The constants ``step`` reads, from one person's resolved ``spindle`` parameters."""
    v = values
    for fibre, drive in (("bag2", "beta2_bag2"), ("chain", "beta2_chain")):
        if v[f"beta0_{fibre}"] + v[drive] <= 0.0:
            raise KrampInputError(
                f"`spindle.{drive}` makes the {fibre} damping β₀ + β₂ = "
                f"{v[f'beta0_{fibre}'] + v[drive]:g} non-positive at full static activation",
                field=f"spindle.{drive}")
    shared = {
        "gamma_dynamic": v["gamma_dynamic"], "gamma_static": v["gamma_static"],
        "fusimotor_power": v["fusimotor_power"], "tau_bag1": v["tau_bag1"],
        "tau_bag2": v["tau_bag2"], "k_sr": v["sensory_stiffness"], "k_pr": v["polar_stiffness"],
        "mass": v["intrafusal_mass"], "c_lengthening": v["lengthening_asymmetry"],
        "c_shortening": v["shortening_asymmetry"], "zero_force_length": v["zero_force_length"],
        "velocity_power": v["velocity_power"], "l0_sr": v["sensory_rest_length"],
        "l0_pr": v["polar_rest_length"], "ln_sr": v["sensory_threshold_length"],
        "ln_pr": v["polar_threshold_length"],
        "secondary_sensory_weight": v["secondary_on_sensory_region"]
        * v["secondary_rest_length"] / v["sensory_rest_length"],
        "secondary_polar_weight": (1.0 - v["secondary_on_sensory_region"])
        * v["secondary_rest_length"] / v["polar_rest_length"],
        "occlusion": v["occlusion"],
        "k_t": v["thixotropy_stiffness"], "tau_t": v["thixotropy_tau"],
        "tau_form": v["thixotropy_formation_tau"], "break_strain": v["thixotropy_break_strain"],
        "bridging_half": v["thixotropy_half_activation"],
    }
    fibres = (
        {"freq": v["freq_bag1"], "beta0": v["beta0_bag1"], "beta_drive": v["beta1_bag1"],
         "gamma_drive": v["gamma1_bag1"], "primary_gain": v["primary_gain_bag1"],
         "secondary_gain": 0.0},
        {"freq": v["freq_bag2"], "beta0": v["beta0_bag2"], "beta_drive": v["beta2_bag2"],
         "gamma_drive": v["gamma2_bag2"], "primary_gain": v["primary_gain_bag2"],
         "secondary_gain": v["secondary_gain_bag2"]},
        {"freq": v["freq_chain"], "beta0": v["beta0_chain"], "beta_drive": v["beta2_chain"],
         "gamma_drive": v["gamma2_chain"], "primary_gain": v["primary_gain_chain"],
         "secondary_gain": v["secondary_gain_chain"]},
    )
    packed = [float(shared[name]) for name in K._fields]
    for block in fibres:
        packed += [float(block[name]) for name in FIBRE._fields]
    return np.array(packed, dtype=np.float64)


@numba.njit(cache=True)
def fibre_constant(k, fibre, name):
    """``k``'s constant ``name`` (a ``FIBRE`` row) of fibre 0 (bag1), 1 (bag2) or 2 (chain)."""
    return k[len(K) + fibre * len(FIBRE) + name]


@numba.njit(cache=True)
def activation_target(gamma_pps, freq_pps, power):
    """Settled activation γᵖ/(γᵖ + freqᵖ) of a fibre driven at ``gamma_pps``."""
    if gamma_pps <= 0.0:
        return 0.0
    g = math.pow(gamma_pps, power)
    return g / (g + math.pow(freq_pps, power))


@numba.njit(cache=True)
def fibre_activations(dynamic_activation, static_activation, k):
    """(f_bag1, f_bag2, f_chain): the bags' lagged activations and the chain's instant one."""
    chain = activation_target(k[K.gamma_static], fibre_constant(k, 2, FIBRE.freq),
                              k[K.fusimotor_power])
    return dynamic_activation, static_activation, chain


@numba.njit(cache=True)
def bridging(activation, k):
    """The share of a polar region's stable cross-bridges that ``activation`` forms, a(1 + a½)/
    (a + a½): nearly all of them from a weak contraction on (Gregory et al. 1998), and all at
    full activation."""
    if activation <= 0.0:
        return 0.0
    half = k[K.bridging_half]
    return activation * (1.0 + half) / (activation + half)


@numba.njit(cache=True)
def held_stiffness(activation, latch, k):
    """Stiffness (FU/L0) of a polar region's stable cross-bridges about the length they hold:
    the bridges beyond the present activation's, those its fall has left behind. While the
    activation holds steady its cycling bridges, which Mileusnic's viscosity and generator
    describe, are all there is; once it falls the bridges it leaves hold the region (Proske et
    al. 1993)."""
    return k[K.k_t] * max(latch - bridging(activation, k), 0.0)


@numba.njit(cache=True)
def net_polar_force(length, x, u, fibre, activation, k, latch_x, latch, smoothing=0.0):
    """M du/dt of a fibre's polar region: sensory tension minus the polar region's own forces.

    ``smoothing`` ε > 0 replaces sgn(u)|u|ᵃ by u (u² + ε²)^((a−1)/2), whose slope at u = 0 is
    finite: only for reference integrators (``solve_ivp``) that need a finite Jacobian.
    """
    beta = fibre_constant(k, fibre, FIBRE.beta0) \
        + fibre_constant(k, fibre, FIBRE.beta_drive) * activation
    generator = fibre_constant(k, fibre, FIBRE.gamma_drive) * activation
    c = k[K.c_lengthening] if u > 0.0 else k[K.c_shortening]
    if smoothing > 0.0:
        power = u * math.pow(u * u + smoothing * smoothing, 0.5 * (k[K.velocity_power] - 1.0))
    else:
        power = math.copysign(math.pow(abs(u), k[K.velocity_power]), u)
    viscous = c * beta * power * (x - k[K.zero_force_length])
    tension = k[K.k_sr] * (length - x - k[K.l0_sr])
    held = held_stiffness(activation, latch, k) * (x - latch_x)
    return tension - viscous - k[K.k_pr] * (x - k[K.l0_pr]) - generator - held


@numba.njit(cache=True)
def derivatives(state, length, k, out, smoothing=0.0):
    """d(state)/dt at fascicle length ``length`` (L0) into ``out`` (per s): the ODE itself
    (``smoothing``: see :func:`net_polar_force`)."""
    f_dyn_target = activation_target(k[K.gamma_dynamic], fibre_constant(k, 0, FIBRE.freq),
                                     k[K.fusimotor_power])
    f_stat_target = activation_target(k[K.gamma_static], fibre_constant(k, 1, FIBRE.freq),
                                      k[K.fusimotor_power])
    out[S.dynamic_activation] = (f_dyn_target - state[S.dynamic_activation]) / k[K.tau_bag1]
    out[S.static_activation] = (f_stat_target - state[S.static_activation]) / k[K.tau_bag2]
    acts = fibre_activations(state[S.dynamic_activation], state[S.static_activation], k)
    for i in range(N_FIBRE):
        x = state[2 + 2 * i]
        u = state[3 + 2 * i]
        out[2 + 2 * i] = u
        latch_x, latch = state[LATCH + 2 * i], state[LATCH + 1 + 2 * i]
        out[3 + 2 * i] = net_polar_force(length, x, u, i, acts[i], k, latch_x, latch,
                                         smoothing) / k[K.mass]
        formed = bridging(acts[i], k)
        out[LATCH + 2 * i] = formed * (x - latch_x) / k[K.tau_form]
        out[LATCH + 1 + 2 * i] = ((formed - latch) / k[K.tau_form] if formed >= latch
                                  else -latch / k[K.tau_t])


@numba.njit(cache=True)
def afferent_rates(state, length, k):
    """(Ia, II) in pps of a spindle in ``state`` at fascicle length ``length`` (L0)."""
    potentials = np.empty(N_FIBRE)
    secondary = 0.0
    for i in range(N_FIBRE):
        x = state[2 + 2 * i]
        sensory_stretch = length - x - k[K.ln_sr]
        potentials[i] = max(fibre_constant(k, i, FIBRE.primary_gain) * sensory_stretch, 0.0)
        gain_ii = fibre_constant(k, i, FIBRE.secondary_gain)
        if gain_ii > 0.0:
            secondary += max(gain_ii * (k[K.secondary_sensory_weight] * sensory_stretch
                                        + k[K.secondary_polar_weight] * (x - k[K.ln_pr])), 0.0)
    dynamic = potentials[0]
    static = potentials[1] + potentials[2]
    primary = max(dynamic, static) + k[K.occlusion] * min(dynamic, static)
    return primary, secondary


@numba.njit(cache=True)
def _stage_residual(w, base_x, base_u, h, length, fibre, activation, k, latch_x, latch):
    """M (u − u_base) − h · net force at x = x_base + h u, for u = sgn(w)|w|^(1/a)."""
    u = math.copysign(math.pow(abs(w), 1.0 / k[K.velocity_power]), w)
    return k[K.mass] * (u - base_u) - h * net_polar_force(length, base_x + h * u, u, fibre,
                                                          activation, k, latch_x, latch)


@numba.njit(cache=True)
def _stage_slope(w, base_x, h, fibre, activation, k, latch_x, latch):
    """d/dw of ``_stage_residual``: u'(w) (M + h² (K_SR + K_PR + K_held + C β w))
    + h C β (x − R), with u'(w) = |w|^(1/a − 1)/a (0 at w = 0, as a < 1) and x = x_base + h u."""
    a = k[K.velocity_power]
    u = math.copysign(math.pow(abs(w), 1.0 / a), w)
    du_dw = u / (a * w) if w != 0.0 else 0.0
    beta = fibre_constant(k, fibre, FIBRE.beta0) \
        + fibre_constant(k, fibre, FIBRE.beta_drive) * activation
    c_beta = (k[K.c_lengthening] if u > 0.0 else k[K.c_shortening]) * beta
    x = base_x + h * u
    held = held_stiffness(activation, latch, k)
    return (du_dw * (k[K.mass] + h * h * (k[K.k_sr] + k[K.k_pr] + held + c_beta * w))
            + h * c_beta * (x - k[K.zero_force_length]))


# A stage's Newton iteration stops once its step in w is below this (relative to 1 + |w|):
# the iteration converges quadratically, so the root is then exact to rounding.
STAGE_TOLERANCE = 1e-12


@numba.njit(cache=True)
def _stage_velocity(base_x, base_u, h, length, fibre, activation, guess_u, k, latch_x, latch):
    """Solve one implicit stage u = u_base + (h/M) net(x_base + h u, u) for u.

    The residual rises monotonically in w = sgn(u)|u|ᵃ (its slope there is finite and positive
    at w = 0, where the slope in u is infinite). Safeguarded Newton in w from the guess: every
    residual's sign narrows a bracket of the root; a Newton step that leaves the bracket is
    replaced by bisection, or, while the bracket is still open on one side, by a step out
    twice as far from its closed end. Stops when a step is below ``STAGE_TOLERANCE``.
    """
    a = k[K.velocity_power]
    args = (base_x, base_u, h, length, fibre, activation, k, latch_x, latch)
    w = math.copysign(math.pow(abs(guess_u), a), guess_u)
    lo, hi = -math.inf, math.inf
    for _ in range(200):
        g = _stage_residual(w, *args)
        if g == 0.0:
            break
        if g > 0.0:
            hi = w
        else:
            lo = w
        slope = _stage_slope(w, base_x, h, fibre, activation, k, latch_x, latch)
        following = w - g / slope if slope > 0.0 else math.nan
        if abs(following - w) <= STAGE_TOLERANCE * (1.0 + abs(w)):
            w = following
            break
        if not lo < following < hi:
            if math.isinf(lo):
                following = hi - max(2.0 * abs(hi), 1e-3)
            elif math.isinf(hi):
                following = lo + max(2.0 * abs(lo), 1e-3)
            else:
                following = 0.5 * (lo + hi)
                if hi - lo <= STAGE_TOLERANCE * (1.0 + abs(following)):
                    w = following
                    break
        w = following
    return math.copysign(math.pow(abs(w), 1.0 / a), w)


@numba.njit(cache=True)
def step(state, length_L0, velocity_L0_per_s, acceleration_L0_per_s2, dt_s, k):
    """Advance ``state`` in place from t to t + dt and return (Ia, II) in pps at t + dt.

    ``length_L0``, ``velocity_L0_per_s``, ``acceleration_L0_per_s2``: the fascicle at the end of
    the step (length / optimal fascicle length, lengthening positive); inside the step its length
    is taken as L(t + s) = L − v (dt − s) + a (dt − s)²/2. The γ drives are those of ``k``.
    """
    h = dt_s
    gs = _SDIRK
    # Activations: exact exponential approach to the targets, at the two stage times.
    f_dyn_target = activation_target(k[K.gamma_dynamic], fibre_constant(k, 0, FIBRE.freq),
                                     k[K.fusimotor_power])
    f_stat_target = activation_target(k[K.gamma_static], fibre_constant(k, 1, FIBRE.freq),
                                      k[K.fusimotor_power])
    f_dyn0 = state[S.dynamic_activation]
    f_stat0 = state[S.static_activation]
    dyn1 = f_dyn_target + (f_dyn0 - f_dyn_target) * math.exp(-gs * h / k[K.tau_bag1])
    stat1 = f_stat_target + (f_stat0 - f_stat_target) * math.exp(-gs * h / k[K.tau_bag2])
    dyn2 = f_dyn_target + (f_dyn0 - f_dyn_target) * math.exp(-h / k[K.tau_bag1])
    stat2 = f_stat_target + (f_stat0 - f_stat_target) * math.exp(-h / k[K.tau_bag2])
    acts1 = fibre_activations(dyn1, stat1, k)
    acts2 = fibre_activations(dyn2, stat2, k)
    back = (1.0 - gs) * h  # time from the first stage to the end of the step
    length1 = length_L0 - velocity_L0_per_s * back + 0.5 * acceleration_L0_per_s2 * back * back
    ratio = (1.0 - gs) / gs
    for i in range(N_FIBRE):
        x0 = state[2 + 2 * i]
        u0 = state[3 + 2 * i]
        latch_x, latch = state[LATCH + 2 * i], state[LATCH + 1 + 2 * i]
        # stage 1: Y1 = y0 + γ_s h f(t + γ_s h, Y1)
        u1 = _stage_velocity(x0, u0, gs * h, length1, i, acts1[i], u0, k, latch_x, latch)
        x1 = x0 + gs * h * u1
        # stage 2: Y2 = y0 + (1 − γ_s) h k1 + γ_s h f(t + h, Y2), with h k1 = (Y1 − y0)/γ_s
        base_x = x0 + ratio * (x1 - x0)
        base_u = u0 + ratio * (u1 - u0)
        u2 = _stage_velocity(base_x, base_u, gs * h, length_L0, i, acts2[i], u1, k, latch_x,
                             latch)
        x2 = base_x + gs * h * u2
        state[2 + 2 * i] = x2
        state[3 + 2 * i] = u2
        # the stable cross-bridges (held over the step, exact for it): their length follows the
        # polar region at the activation's rate, their amount forms towards the activation and
        # decays once it is below them; a stretch past the break strain detaches them (a
        # shortening does not: the fibre falls slack)
        a = bridging(acts2[i], k)
        latch_x += (x2 - latch_x) * (1.0 - math.exp(-h * a / k[K.tau_form]))
        if a >= latch:
            latch = a + (latch - a) * math.exp(-h / k[K.tau_form])
        else:
            latch *= math.exp(-h / k[K.tau_t])
        if x2 - latch_x > k[K.break_strain]:
            latch, latch_x = 0.0, x2
        state[LATCH + 2 * i] = latch_x
        state[LATCH + 1 + 2 * i] = latch
    state[S.dynamic_activation] = dyn2
    state[S.static_activation] = stat2
    return afferent_rates(state, length_L0, k)


def rest_state(length_L0: float, k: np.ndarray) -> np.ndarray:
    """The state settled at a held fascicle length with the γ drives of ``k``.

    Solved, not stepped: activations at their targets, each polar region still (u = 0) at the
    length where its spring, generator and the sensory tension balance,
    x = (K_SR (L − L₀SR) + K_PR L₀PR − Γ)/(K_SR + K_PR) (the viscosity's creep towards it is
    algebraically slow, so stepping would take minutes of simulated time).
    """
    state = np.zeros(N_STATE)
    state[S.dynamic_activation] = activation_target(
        k[K.gamma_dynamic], fibre_constant(k, 0, FIBRE.freq), k[K.fusimotor_power])
    state[S.static_activation] = activation_target(
        k[K.gamma_static], fibre_constant(k, 1, FIBRE.freq), k[K.fusimotor_power])
    acts = fibre_activations(state[S.dynamic_activation], state[S.static_activation], k)
    for i in range(N_FIBRE):
        generator = fibre_constant(k, i, FIBRE.gamma_drive) * acts[i]
        state[2 + 2 * i] = (k[K.k_sr] * (length_L0 - k[K.l0_sr]) + k[K.k_pr] * k[K.l0_pr]
                            - generator) / (k[K.k_sr] + k[K.k_pr])
        state[LATCH + 2 * i] = state[2 + 2 * i]
        state[LATCH + 1 + 2 * i] = bridging(acts[i], k)
    return state


def simulate(length_L0, velocity_L0_per_s, acceleration_L0_per_s2, dt_s: float,
             k: np.ndarray, state: np.ndarray | None = None):
    """Rates (Ia, II) in pps after each step of a fascicle trajectory (arrays, one per step's end).

    Starts from ``state`` (changed in place) or, if None, rested at the first length. A test and
    analysis helper; the engine calls :func:`step` from its own kernel.
    """
    length = np.asarray(length_L0, dtype=float)
    if state is None:
        state = rest_state(float(length[0]), k)
    return _simulate(length, np.asarray(velocity_L0_per_s, dtype=float),
                     np.asarray(acceleration_L0_per_s2, dtype=float), dt_s, k, state)


@numba.njit(cache=True)
def _simulate(length, velocity, acceleration, dt_s, k, state):
    n = length.shape[0]
    ia = np.empty(n)
    ii = np.empty(n)
    for s in range(n):
        ia[s], ii[s] = step(state, length[s], velocity[s], acceleration[s], dt_s, k)
    return ia, ii
