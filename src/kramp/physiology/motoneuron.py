"""The spinal alpha motoneuron: a soma and a dendrite compartment, and the motoneuron pool.

Channel set and kinetics follow the two-compartment model of Booth, Rinzel & Kiehn (1997, "BRK"),
built for Ca²⁺-dependent spiking and dendritic plateau potentials. Each cell is given a physical
size (cylindrical soma and dendrite, specific leak conductances, axial resistivity) from the
ReMoto pool of Cisi & Kohn (2008), so that the size principle follows from geometry.

Membrane equations (V in mV, t in ms, conductances in µS, currents in nA, capacitances in nF)::

    C_s dV_s/dt = −I_Na − I_Kdr − I_CaN − I_KCa − I_late − g_Ls (V_s − E_L) − g_c (V_s − V_d)
                  + I_inj
    C_d dV_d/dt = −I_CaL − g_Ld (V_d − E_L) − g_c (V_d − V_s)
                  − g_exc (V_d − E_exc) − g_inh (V_d − E_inh)

    I_Na  = ḡ_Na m∞(V_s)³ h (V_s − E_Na)             (m instantaneous)
    I_Kdr = ḡ_Kdr n⁴ (V_s − E_K)
    I_CaN = ḡ_CaN m_N² h_N (V_s − E_Ca)               (N-type-like Ca²⁺ entry, drives the AHP)
    I_KCa = ḡ_KCa [Ca]/([Ca] + K_d) (V_s − E_K)        (Ca²⁺-activated K⁺: the AHP)
    I_late = ḡ_late z (V_s − E_K),  dz/dt = −z/τ_late + Σ_spikes δ(t − t_k)   (late adaptation)
    I_CaL = μ ḡ_CaL m_L (1 − ε + ε h_L) (V_d − E_Ca)   (L-type persistent inward current, PIC)

    x∞(V) = 1 / (1 + exp(−(V − θ_x)/κ_x))   for the activations m, n, m_N, m_L
    x∞(V) = 1 / (1 + exp((V − θ_x)/κ_x))    for the inactivations h, h_N, h_L
    τ_h(V) = τ̄_h / (exp((V − V_h)/a_h) + exp(−(V − V_h)/b_h))      (a_h 15, b_h 16 mV)
    τ_n(V) = τ̄_n / (exp((V − V_n)/a_n) + exp(−(V − V_n)/b_n))      (a_n 40, b_n 50 mV)
    τ_mN, τ_hN, τ_mL, τ_hL constant;  dx/dt = (x∞ − x)/τ_x

    d[Ca]/dt = −f I_CaN / (2 F A_s δ) − [Ca]/τ_Ca         (free Ca²⁺ in a submembrane shell)

    g_c = 2 / (R_i ℓ_d/(π r_d²) + R_i ℓ_s/(π r_s²))      (two half-cylinders in series, ReMoto)

``μ`` is the monoaminergic level, a per-neuron input: it scales the PIC conductance, as the α1
agonist methoxamine roughly doubles the PIC (Lee & Heckman). ``μ = 1`` is the level at which
``g_cal_*`` is given (the tonic brainstem drive of the decerebrate cat), ``μ = 2`` a raised
level (methoxamine), ``μ = 0`` none (anaesthetised or acute spinal preparation). The awake
human's level is the default person's ``drive.monoamine`` (0.72, fitted to the paired-unit ΔF of
human soleus, target B6). ε is the share of the PIC that inactivates slowly (h_L, τ 1 s):
larger in large cells, whose self-sustained firing is only partial (Lee & Heckman 1998).

BRK's kinetics come from turtle motoneurones at room temperature; kramp runs the somatic gates at
body temperature, their time constants divided by Q10^((37 − 20)/10) ≈ 3 (Q10 1.9, Schwarz 1986),
which lets a human unit hold 5–10 Hz on its PIC plateau instead of letting Na⁺ inactivation creep
its soma into silence, and a spike, now briefer, lets in less Ca²⁺: ḡ_KCa is raised to restore the
AHP (B3). Other departures from BRK, each a kramp calibration marked in the table: the N-type
activation midpoint is −20 mV (HVA-like; BRK's −30 mV left a subthreshold Ca²⁺ window current
that, through KCa, stopped repetitive firing just above rheobase); [Ca] enters a 0.2 µm shell
(AHPs of a few mV after one spike with brief mammalian spikes); the PIC activates steeply (κ 2 mV)
at −50 mV, 10 mV above rest, slowly (τ 100 ms, BRK 40 ms), and may inactivate slowly; ḡ_CaL and
τ_Ca vary with size, and τ_Ca with species (presets ``"cat"`` and ``"human"``).

**Late adaptation.** A motoneurone held at one rate by a steady drive slows over tens of seconds
(late adaptation, in the cat: Kernell D, Monster AW 1982, Exp Brain Res; pages not
re-checked), and a human unit held at 10 Hz needs about twice the drive after a few minutes,
which it loses again with a time constant of 28 s at rest (Héroux et al. 2016). Its mechanism is
not settled (slow inactivation of Na⁺ channels, Na⁺/K⁺ pump current and slow K⁺ currents are
all candidates); kramp gives each soma one slow outward conductance to E_K, ḡ_late z, where z
counts the spikes of the last tens of seconds: each adds one, and z decays with Héroux et al.'s
28 s. At ḡ_late = ``LATE_ADAPTATION_B11`` (0.002 mS/cm² per spike) a unit held at 10 Hz needs
1.94 times the EMG after 5 min (target B11), and the calf's units in a sustained maximal effort
(B8) go from 10.1 to 11.5 Hz over 150 s, against 11.3 to 15.4 Hz without it (Macefield et al.'s
slowed to 86 %). It is off by default (ḡ_late = 0): when that was decided, with it the
electrically induced cramp no longer arose, because that cramp builds on the trains before it,
3 s apart (the published protocols rest a minute; with 10 s the default person has none either),
and late adaptation takes from the trains what they build; on 2026-12-07 evening (session 70)
the cramp arises with it, from 26 Hz for 2.0 s against 28 Hz and 2.2 s without, and with the
command's Ib gate wide open as well the calf's units in B8 slow to 83.5 % (docs/findings.md,
motor-unit rates). As a default (session 71) it left only 1 of 6 people like the default one
with that cramp (3 without it), so it stays off (``--set motoneuron.g_late_adaptation=0.002``
turns it on for a run).

**Warm-up of the PIC.** Activated again and again, a motoneurone's plateau comes on at a lower
voltage: in decerebrate cats repeated plateaus lowered the plateau's threshold by 5 mV on average
(11 Hz of firing) when 3–6 s apart, and not at all when more than 20 s apart (warm-up; Bennett,
Hultborn, Fedirchuk & Gorassini 1998). kramp gives each cell a memory w of its PIC's recent
activation, which follows m_L up with τ_w,on and down with τ_w (dw/dt = (m_L − w)/τ, τ the one
for the direction w moves), and reads the PIC's activation at V_d + Δθ_w·w: a plateau of a
second or two lowers the threshold by up to Δθ_w, which a rest of 20 s takes away (τ_w 5 s:
e^(−20/5) ≈ 2 % is left). It is off by default (Δθ_w = 0; ``--set motoneuron.pic_warm_up=5``
turns it on).

Sources: Booth V, Rinzel J, Kiehn O (1997) J Neurophysiol 78:3371–3385; Cisi RRL, Kohn AF (2008)
J Comput Neurosci 25:520–542; Lee RH, Heckman CJ (1998) J Neurophysiol 80:583–593. The BRK
numbers are those of the published model as given in public reimplementations (not re-checked
against the paper's table).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

from kramp.params import Param, ParameterTable, Variable
from kramp.physiology import muscles

REFERENCES = {
    "booth1997": (
        "Booth V, Rinzel J, Kiehn O (1997) Compartmental model of vertebrate motoneurons for "
        "Ca2+-dependent spiking and plateau potentials under pharmacological treatment. "
        "J Neurophysiol 78:3371–3385 (values as in public reimplementations; not re-checked "
        "against the paper's table)"
    ),
    "cisi2008": (
        "Cisi RRL, Kohn AF (2008) Simulation system of spinal cord motor nuclei and associated "
        "nerves and muscles, in a Web-based architecture. J Comput Neurosci 25:520–542 "
        "(ReMoto; per-type ranges of the pool parameters, not re-checked against the paper)"
    ),
    "coombs1955": (
        "Coombs JS, Eccles JC, Fatt P (1955) J Physiol 130:326–373 and 130:374–395: reversal "
        "potentials of the IPSP and the EPSP in cat motoneurones (values rounded; not re-checked)"
    ),
    "burke1973": (
        "Burke RE, Levine DN, Tsairis P, Zajac FE (1973) Physiological types and histochemical "
        "profiles in motor units of the cat gastrocnemius. J Physiol 234:723–748 (type "
        "proportions and axonal conduction velocities, read approximately; not re-checked)"
    ),
    "lee1998b": (
        "Lee RH, Heckman CJ (1998) Bistability in spinal motoneurons in vivo: systematic "
        "variations in persistent inward currents. J Neurophysiol 80:583–593 (partly bistable, "
        "high-rheobase cells show a greater decay of I_PIC with time; numbers kramp's)"
    ),
    "finkel1983": (
        "Finkel AS, Redman SJ (1983) The synaptic current evoked in cat spinal motoneurones by "
        "impulses in single group 1a axons. J Physiol 342:615–632: the EPSC peaks in < 0.2 ms "
        "and decays with a time constant of 0.3–0.4 ms at 37 °C; about 5 nS per single Ia fibre"
    ),
    "stuart1990": (
        "Stuart GJ, Redman SJ (1990) Voltage dependence of Ia reciprocal inhibitory currents in "
        "cat spinal motoneurones. J Physiol 420:111–125: unitary IPSCs decay with a time "
        "constant of 0.82 ± 0.07 ms at 37 °C and rest, peak conductance 9.1 ± 1.7 nS"
    ),
    "perrier2002": (
        "Perrier J-F, Alaburda A, Hounsgaard J (2002) Spinal plasticity mediated by "
        "postsynaptic L-type Ca2+ channels. Brain Res Rev 40:223–229: L-type Ca2+ channels of "
        "motoneurones activate and deactivate slowly (hundreds of ms to seconds)"
    ),
    "schwarz1986": (
        "Schwarz JR (1986) The effect of temperature on Na currents in rat myelinated nerve "
        "fibres. Pflügers Arch 406:397–404: Q10 of Na activation and inactivation kinetics "
        "1.8–2.1 between 20 and 40 °C, rising to 2.6–2.7 below 20 °C"
    ),
    "hounsgaard1989": (
        "Hounsgaard J, Kiehn O (1989) Serotonin-induced bistability of turtle motoneurones "
        "caused by a nifedipine-sensitive calcium plateau potential. J Physiol 414:265–282: the "
        "turtle spinal-cord slices whose behaviour BRK reproduce, kept at room temperature "
        "(about 20 °C; temperature not re-checked)"
    ),
    "kramp_calibration": (
        "kramp calibration: a value chosen so that the model meets its validation targets "
        "(kramp.validation.motoneuron_targets, B1–B6); no direct literature value"
    ),
    "late_adaptation": (
        "kramp calibration, not the default: 0.002 mS/cm² per spike (LATE_ADAPTATION_B11) "
        "makes a unit held at 10 Hz need 1.94 times the EMG after 5 min (target B11, Héroux et "
        "al. 2016: about twice); the default is 0 because with it only 1 of 6 people like the "
        "default one keep the electrically induced cramp (3 without it; module doc)"
    ),
    "bennett1998": (
        "Bennett DJ, Hultborn H, Fedirchuk B, Gorassini M (1998) Short-term plasticity in "
        "hindlimb motoneurons of decerebrate cats. J Neurophysiol 80:2038–2045 (abstract): "
        "repeated plateau activation lowered the plateau threshold in 83 % of cells, by 5 mV on "
        "average (11 Hz of firing), with 3–6 s between activations and not beyond 20 s"
    ),
    "warm_up_onset": (
        "kramp estimate: Bennett et al. (1998) found the threshold lowered after plateaus of the "
        "seconds a slow ramp holds them, so one such plateau is taken to warm the PIC up nearly "
        "fully (τ_w,on 0.5 s); no measured time course of the onset was found"
    ),
    "heroux2016": (
        "Héroux ME, Butler AA, Gandevia SC, Taylor JL, Butler JE (2016) Time course of human "
        "motoneuron recovery after sustained low-level voluntary activity. J Neurophysiol "
        "115:803–812 (abstract): holding one unit at about 10 Hz for 3–7 min doubles the EMG "
        "it needs; after rest the extra EMG recovers with a time constant of 28 s"
    ),
}

# Faraday constant (C/mol): converts the Ca²⁺ current into a rate of change of concentration.
FARADAY_C_PER_MOL = 96485.33212

CELL_TYPES = ("S", "FR", "FF")
# ḡ_late (mS/cm² per spike remembered) at which a unit held at 10 Hz needs twice the EMG after
# 5 min (B11: 1.94); not the default (module doc)
LATE_ADAPTATION_B11 = 0.002
PRESETS = ("human", "cat")
# The four anchors of a size-graded quantity: smallest S cell, S/FR border, FR/FF border,
# largest FF cell. Within a type a quantity runs linearly between its type's two anchors.
ANCHORS = ("smallest", "s_fr", "fr_ff", "largest")


def _anchored(name: str, unit: str, values: tuple[float, ...], bounds: tuple[float, float],
              source: str, meaning: str, fitted_to: tuple[str, ...] = ()) -> tuple[Param, ...]:
    return tuple(Param(f"{name}_{anchor}", value, unit, bounds, source,
                       f"{meaning} ({anchor.replace('_', '/')} cell)", fitted_to=fitted_to)
                 for anchor, value in zip(ANCHORS, values, strict=True))


PARAMETERS = ParameterTable(
    component="motoneuron",
    references=REFERENCES,
    params=(
        # Passive membrane and geometry (ReMoto): soma and dendrite are cylinders, soma length
        # equal to its diameter; specific leak conductance is 1/R_m.
        Param("cm", 1.0, "uF/cm2", (0.5, 2.0), "cisi2008", "specific membrane capacitance", "C_m"),
        Param("axial_resistivity", 70.0, "ohm*cm", (30.0, 300.0), "cisi2008",
              "cytoplasmic resistivity", "R_i"),
        Param("e_leak", -60.0, "mV", (-90.0, -40.0), "booth1997", "leak reversal potential", "E_L"),
        *_anchored("soma_diameter", "um", (77.5, 82.5, 87.5, 113.0), (20.0, 200.0), "cisi2008",
                   "soma diameter (= soma length)"),
        *_anchored("dend_diameter", "um", (41.5, 62.5, 83.5, 92.5), (10.0, 200.0), "cisi2008",
                   "diameter of the equivalent dendritic cylinder"),
        *_anchored("dend_length", "mm", (5.5, 6.8, 8.1, 10.6), (1.0, 20.0), "cisi2008",
                   "length of the equivalent dendritic cylinder"),
        *_anchored("g_leak_soma", "mS/cm2", (0.8696, 0.9524, 1.0526, 1.5385), (0.01, 5.0),
                   "cisi2008", "somatic leak conductance 1/R_m (R_m 1.15 → 0.65 kΩ·cm²)"),
        *_anchored("g_leak_dend", "mS/cm2", (0.06944, 0.09346, 0.14388, 0.16529), (0.005, 2.0),
                   "cisi2008", "dendritic leak conductance 1/R_m (R_m 14.4 → 6.05 kΩ·cm²)"),
        # Active somatic conductances (BRK) and reversal potentials.
        Param("g_na", 120.0, "mS/cm2", (0.0, 500.0), "booth1997",
              "fast sodium conductance of the soma", "ḡ_Na"),
        Param("g_kdr", 100.0, "mS/cm2", (0.0, 500.0), "booth1997",
              "delayed-rectifier potassium conductance of the soma", "ḡ_Kdr"),
        Param("g_can", 14.0, "mS/cm2", (0.0, 50.0), "booth1997",
              "N-type-like calcium conductance of the soma", "ḡ_CaN"),
        # With the gating at body temperature a spike is briefer and lets in less Ca²⁺; BRK's
        # 5 mS/cm² then gave cat cells primary f–I slopes of 4.3–6.9 Hz/nA (B3: 1–3).
        Param("g_kca", 15.0, "mS/cm2", (0.0, 50.0), "kramp_calibration",
              "calcium-activated potassium conductance of the soma (the AHP; BRK: 5)", "ḡ_KCa",
              fitted_to=("B3",)),
        Param("g_cal_smallest", 0.021, "mS/cm2", (0.0, 1.0), "kramp_calibration",
              "dendritic L-type (PIC) conductance of the smallest cell at monoamine level 1 "
              "(falls linearly with size to g_cal_largest)", "ḡ_CaL",
              fitted_to=("B4",)),
        Param("g_cal_largest", 0.016, "mS/cm2", (0.0, 1.0), "kramp_calibration",
              "dendritic L-type (PIC) conductance of the largest cell at monoamine level 1",
              "ḡ_CaL",
              fitted_to=("B4",)),
        # Late adaptation: a slow K⁺ conductance of the soma that each spike adds to and that
        # decays over tens of seconds, so a cell held at one rate needs more and more drive.
        Param("g_late_adaptation", 0.0, "mS/cm2", (0.0, 0.1), "late_adaptation",
              "slow K⁺ conductance of the soma per spike remembered (late adaptation: each "
              "spike adds one, the memory decays with tau_late_adaptation); 0, off, by default "
              "(module doc); LATE_ADAPTATION_B11 reproduces Héroux et al.'s 10 Hz holds",
              "ḡ_late"),
        Param("tau_late_adaptation", 28000.0, "ms", (1000.0, 600000.0), "heroux2016",
              "time constant of the late adaptation's decay (the recovery of the extra drive "
              "a held unit needs)", "τ_late"),
        # Warm-up: the PIC's activation read Δθ_w·w higher, w a memory of m_L (module doc).
        Param("pic_warm_up", 0.0, "mV", (0.0, 10.0), "bennett1998",
              "how far a fully warmed-up PIC's activation threshold falls (warm-up; Bennett et "
              "al. 1998: 5 mV on average); 0, off, by default (module doc)", "Δθ_w"),
        Param("tau_pic_warm_up", 5000.0, "ms", (1000.0, 20000.0), "bennett1998",
              "time constant of the warm-up memory's decay once the PIC is off: plateaus 3–6 s "
              "apart interact, more than 20 s apart do not", "τ_w"),
        Param("tau_pic_warm_up_onset", 500.0, "ms", (50.0, 5000.0), "warm_up_onset",
              "time constant of the warm-up memory's rise while the PIC is on", "τ_w,on"),
        Param("e_na", 55.0, "mV", (20.0, 90.0), "booth1997", "sodium reversal potential", "E_Na"),
        Param("e_k", -80.0, "mV", (-110.0, -50.0), "booth1997",
              "potassium reversal potential", "E_K"),
        Param("e_ca", 80.0, "mV", (40.0, 150.0), "booth1997",
              "calcium reversal potential", "E_Ca"),
        Param("e_exc", 0.0, "mV", (-20.0, 20.0), "coombs1955",
              "reversal potential of excitatory (glutamatergic) synapses", "E_exc"),
        Param("e_inh", -75.0, "mV", (-95.0, -55.0), "coombs1955",
              "reversal potential of inhibitory (glycinergic/GABAergic) synapses", "E_inh"),
        # Gating (BRK): half-activation θ (mV), slope κ (mV), time constants (ms) at the
        # temperature of BRK's turtle data. The somatic gates' time constants are divided by
        # φ = Q10^((T − T_ref)/10) (Hodgkin & Huxley's correction): at BRK's room-temperature
        # kinetics a human unit's Na inactivation crept on a PIC plateau and self-sustained
        # firing ran at 0.5–3 Hz, where human units run at 5–10 Hz.
        Param("temperature", 37.0, "degC", (25.0, 42.0), "schwarz1986",
              "temperature of the spinal cord (mammalian body temperature)", "T"),
        Param("temperature_gating_reference", 20.0, "degC", (15.0, 25.0), "hounsgaard1989",
              "temperature at which BRK's somatic gate time constants hold (turtle slices)",
              "T_ref"),
        Param("q10_gating", 1.9, "1", (1.5, 3.5), "schwarz1986",
              "Q10 of the somatic gates' kinetics between 20 and 40 °C (Na activation and "
              "inactivation in rat; applied to Kdr and CaN as well)", "Q10"),
        Param("theta_m_na", -35.0, "mV", (-60.0, -10.0), "booth1997", "Na activation midpoint"),
        Param("kappa_m_na", 7.8, "mV", (1.0, 20.0), "booth1997", "Na activation slope"),
        Param("theta_h_na", -55.0, "mV", (-80.0, -30.0), "booth1997", "Na inactivation midpoint"),
        Param("kappa_h_na", 7.0, "mV", (1.0, 20.0), "booth1997", "Na inactivation slope"),
        Param("tau_h_na", 30.0, "ms", (1.0, 100.0), "booth1997",
              "scale τ̄_h of the Na inactivation time constant"),
        Param("v_tau_h_na", -50.0, "mV", (-80.0, -20.0), "booth1997",
              "voltage of the slowest Na inactivation"),
        Param("rise_tau_h_na", 15.0, "mV", (1.0, 100.0), "booth1997",
              "e-fold of τ_h's exponential above v_tau_h_na"),
        Param("fall_tau_h_na", 16.0, "mV", (1.0, 100.0), "booth1997",
              "e-fold of τ_h's exponential below v_tau_h_na"),
        Param("theta_n_kdr", -28.0, "mV", (-60.0, 0.0), "booth1997", "Kdr activation midpoint"),
        Param("kappa_n_kdr", 15.0, "mV", (1.0, 30.0), "booth1997", "Kdr activation slope"),
        Param("tau_n_kdr", 7.0, "ms", (0.5, 50.0), "booth1997",
              "scale τ̄_n of the Kdr activation time constant"),
        Param("v_tau_n_kdr", -40.0, "mV", (-80.0, 0.0), "booth1997",
              "voltage of the slowest Kdr activation"),
        Param("rise_tau_n_kdr", 40.0, "mV", (1.0, 100.0), "booth1997",
              "e-fold of τ_n's exponential above v_tau_n_kdr"),
        Param("fall_tau_n_kdr", 50.0, "mV", (1.0, 100.0), "booth1997",
              "e-fold of τ_n's exponential below v_tau_n_kdr"),
        Param("theta_m_can", -20.0, "mV", (-60.0, 0.0), "kramp_calibration",
              "CaN activation midpoint (BRK: −30 mV)",
              fitted_to=("B3",)),
        Param("kappa_m_can", 5.0, "mV", (1.0, 20.0), "booth1997", "CaN activation slope"),
        Param("theta_h_can", -45.0, "mV", (-80.0, -10.0), "booth1997",
              "CaN inactivation midpoint"),
        Param("kappa_h_can", 5.0, "mV", (1.0, 20.0), "booth1997", "CaN inactivation slope"),
        Param("tau_m_can", 4.0, "ms", (0.1, 50.0), "booth1997", "CaN activation time constant"),
        Param("tau_h_can", 40.0, "ms", (1.0, 500.0), "booth1997",
              "CaN inactivation time constant"),
        Param("theta_m_cal", -50.0, "mV", (-70.0, -10.0), "kramp_calibration",
              "L-type (PIC) activation midpoint (BRK: −40 mV)",
              fitted_to=("B4",)),
        Param("kappa_m_cal", 2.0, "mV", (1.0, 20.0), "kramp_calibration",
              "L-type activation slope (BRK: 7 mV)",
              fitted_to=("B4",)),
        # Slow, as the L-type channels of motoneurones are (activation and deactivation over
        # hundreds of ms; Perrier et al. 2002). With BRK's 40 ms each spike's AHP switched the
        # PIC off and the slow regenerative return of the PIC set the next interval: human units
        # fired at 0.5–3 Hz at recruitment and showed no ΔF (−4 pps). Above ~110 ms the
        # highest-rheobase cat cell loses its negative I–V slope under the 8 mV/s clamp (B4).
        Param("tau_m_cal", 100.0, "ms", (1.0, 500.0), "perrier2002",
              "L-type activation time constant (BRK: 40 ms)",
              fitted_to=("B4", "B6")),
        Param("theta_h_cal", -50.0, "mV", (-90.0, -10.0), "kramp_calibration",
              "midpoint of the slow PIC inactivation",
              fitted_to=("B4",)),
        Param("kappa_h_cal", 5.0, "mV", (1.0, 20.0), "kramp_calibration",
              "slope of the slow PIC inactivation",
              fitted_to=("B4",)),
        Param("tau_h_cal", 1000.0, "ms", (10.0, 10000.0), "kramp_calibration",
              "time constant of the slow PIC inactivation (self-sustained firing of partly "
              "bistable cells ends within 1–2 s)",
              fitted_to=("B4",)),
        *_anchored("cal_inactivating", "1", (0.3, 0.3, 0.6, 0.7), (0.0, 1.0), "lee1998b",
                   "share ε of the PIC that inactivates slowly, larger in large (partly "
                   "bistable) cells; values kramp's", fitted_to=("B4",)),
        # Fast synapses onto the dendrite: each arriving spike adds its conductance, which decays
        # exponentially (glutamatergic excitation, glycinergic/GABAergic inhibition).
        Param("tau_syn_exc", 0.35, "ms", (0.1, 10.0), "finkel1983",
              "decay time constant of the excitatory synaptic conductance", "τ_syn,e"),
        Param("tau_syn_inh", 0.82, "ms", (0.1, 20.0), "stuart1990",
              "decay time constant of the inhibitory synaptic conductance", "τ_syn,i"),
        # Intracellular Ca²⁺ and the AHP.
        Param("kd_kca", 0.2, "uM", (0.01, 10.0), "booth1997",
              "[Ca] of half activation of the KCa conductance", "K_d"),
        Param("ca_free_fraction", 0.01, "1", (0.001, 1.0), "booth1997",
              "fraction of entering Ca²⁺ left unbuffered", "f"),
        Param("ca_shell_depth", 0.2, "um", (0.1, 50.0), "kramp_calibration",
              "depth of the submembrane Ca²⁺ shell (BRK's α = 0.009 µM/ms per µA/cm² would be "
              "5.76 µm)", "δ",
              fitted_to=("B2",)),
        *_anchored("tau_ca_cat", "ms", (25.0, 21.0, 14.0, 12.5), (5.0, 500.0),
                   "kramp_calibration", "Ca²⁺ removal time constant τ_Ca, cat (BRK: 50 ms); "
                   "sets the AHP (cat AHPs last 52–105 ms)", fitted_to=("B1", "B2")),
        *_anchored("tau_ca_human", "ms", (33.0, 28.0, 17.0, 14.0), (5.0, 500.0),
                   "kramp_calibration", "Ca²⁺ removal time constant τ_Ca, human (human AHPs "
                   "of low-threshold units last 132–148 ms)", fitted_to=("B2",)),
        # Pool composition and axons.
        Param("fraction_s_cat", 0.25, "1", (0.0, 1.0), "burke1973",
              "share of S units in a cat medial gastrocnemius pool"),
        Param("fraction_fr_cat", 0.25, "1", (0.0, 1.0), "burke1973",
              "share of FR units in a cat medial gastrocnemius pool"),
        *_anchored("cv_cat", "m/s", (80.0, 95.0, 100.0, 115.0), (10.0, 150.0), "burke1973",
                   "axonal conduction velocity, cat"),
        *_anchored("cv_human", "m/s", (44.0, 47.0, 50.0, 53.0), (10.0, 150.0), "cisi2008",
                   "axonal conduction velocity, human"),
    ),
)

# The state of one motoneuron, in the order the engine packs it.
VARIABLES = (
    Variable("v_soma", "mV", "membrane potential of the soma"),
    Variable("v_dend", "mV", "membrane potential of the dendrite"),
    Variable("m_na", "1", "Na⁺ activation (instantaneous)"),
    Variable("h_na", "1", "Na⁺ inactivation"),
    Variable("n_kdr", "1", "delayed-rectifier K⁺ activation"),
    Variable("m_can", "1", "N-type Ca²⁺ activation"),
    Variable("h_can", "1", "N-type Ca²⁺ inactivation"),
    Variable("m_cal", "1", "L-type Ca²⁺ (PIC) activation"),
    Variable("h_cal", "1", "slow inactivation of the PIC"),
    Variable("ca", "uM", "free Ca²⁺ in the submembrane shell of the soma"),
    Variable("g_syn_exc", "uS", "excitatory synaptic conductance on the dendrite"),
    Variable("g_syn_inh", "uS", "inhibitory synaptic conductance on the dendrite"),
    Variable("late", "1", "spikes the late adaptation remembers (each adds one; decays with "
             "τ_late)"),
    Variable("warm_up", "1", "memory of the PIC's activation (warm-up: follows m_L up with "
             "τ_w,on, down with τ_w)"),
)

SOMA_GATES = ("m_na", "h_na", "n_kdr", "m_can", "h_can")
DEND_GATES = ("m_cal", "h_cal")
# The parameters the gate kinetics depend on: people who share them share one table.
KINETIC_PARAMETERS = tuple(
    p.name for p in PARAMETERS
    if p.name.startswith(("theta_", "kappa_", "tau_", "v_tau_", "rise_tau_", "fall_tau_",
                          "temperature", "q10_"))
    and not p.name.startswith(("tau_ca_", "tau_syn_")))


def gating_speed_factor(p: Mapping[str, float]) -> float:
    """φ = Q10^((T − T_ref)/10): how much faster the somatic gates run than in BRK's data."""
    return p["q10_gating"] ** ((p["temperature"] - p["temperature_gating_reference"]) / 10.0)


def _activation(v_mV, theta_mV: float, kappa_mV: float) -> np.ndarray:
    """Boltzmann activation 1/(1 + exp(−(V − θ)/κ)), rising with V."""
    return 1.0 / (1.0 + np.exp(-(np.asarray(v_mV, dtype=float) - theta_mV) / kappa_mV))


def _bell_tau(v_mV, tau_ms: float, v_peak_mV: float, rise_mV: float, fall_mV: float):
    """τ̄ / (exp((V − V*)/a) + exp(−(V − V*)/b)): BRK's bell-shaped time constants."""
    x = np.asarray(v_mV, dtype=float) - v_peak_mV
    return tau_ms / (np.exp(x / rise_mV) + np.exp(-x / fall_mV))


def soma_gate_kinetics(v_mV, p: Mapping[str, float]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Steady state x∞ and time constant τ (ms) of each somatic gate; τ = 0: instantaneous.

    BRK 1997: m∞ (θ −35, κ 7.8) instantaneous; h∞ (θ −55, κ 7), τ_h = 30/(e^((V+50)/15) +
    e^(−(V+50)/16)); n∞ (θ −28, κ 15), τ_n = 7/(e^((V+40)/40) + e^(−(V+40)/50)); m_N∞ (κ 5; θ
    −20 in kramp, −30 in BRK), τ 4 ms; h_N∞ (θ −45, κ 5), τ 40 ms. Every τ is then divided by
    ``gating_speed_factor(p)`` (1 at BRK's own temperature).
    """
    v = np.asarray(v_mV, dtype=float)
    tau_scale = np.ones_like(v) / gating_speed_factor(p)
    return {
        "m_na": (_activation(v, p["theta_m_na"], p["kappa_m_na"]), np.zeros_like(v)),
        "h_na": (_activation(v, p["theta_h_na"], -p["kappa_h_na"]),
                 _bell_tau(v, p["tau_h_na"], p["v_tau_h_na"], p["rise_tau_h_na"],
                           p["fall_tau_h_na"]) * tau_scale),
        "n_kdr": (_activation(v, p["theta_n_kdr"], p["kappa_n_kdr"]),
                  _bell_tau(v, p["tau_n_kdr"], p["v_tau_n_kdr"], p["rise_tau_n_kdr"],
                            p["fall_tau_n_kdr"]) * tau_scale),
        "m_can": (_activation(v, p["theta_m_can"], p["kappa_m_can"]), p["tau_m_can"] * tau_scale),
        "h_can": (_activation(v, p["theta_h_can"], -p["kappa_h_can"]),
                  p["tau_h_can"] * tau_scale),
    }


def dendrite_gate_kinetics(v_mV, p: Mapping[str, float]
                           ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """x∞ and τ (ms) of the PIC's activation m_L (BRK form) and slow inactivation h_L."""
    v = np.asarray(v_mV, dtype=float)
    constant = np.ones_like(v)
    return {"m_cal": (_activation(v, p["theta_m_cal"], p["kappa_m_cal"]),
                      p["tau_m_cal"] * constant),
            "h_cal": (_activation(v, p["theta_h_cal"], -p["kappa_h_cal"]),
                      p["tau_h_cal"] * constant)}


def kca_activation(ca_uM, kd_uM: float) -> np.ndarray:
    """Fraction of the KCa conductance open: [Ca]/([Ca] + K_d) (BRK)."""
    ca = np.asarray(ca_uM, dtype=float)
    return ca / (ca + kd_uM)


def ca_influx_per_current(area_cm2, p: Mapping[str, float]) -> np.ndarray:
    """Rate of rise of free shell [Ca] (µM/ms) per nA of inward Ca²⁺ current: f / (2 F V_shell).

    The shell under a membrane of area A (cm²) and depth δ (µm) holds A·δ·1e-7 L; 1 nA carries
    1e-9/(2F) mol/s of Ca²⁺, so [Ca] rises by f·1e-9/(2F·A·δ·1e-7) M/s = f·10/(2F·A·δ) µM/ms.
    """
    volume_L = np.asarray(area_cm2, dtype=float) * p["ca_shell_depth"] * 1e-7
    molar_per_s = 1e-9 / (2.0 * FARADAY_C_PER_MOL) / volume_L
    return p["ca_free_fraction"] * molar_per_s * 1e3  # M/s → µM/ms


@dataclass(frozen=True, eq=False)
class PoolParameters:
    """Per-unit parameters of one motoneuron pool, in recruitment order (smallest first).

    Every array has shape ``(n_unit,)``; conductances are whole-compartment values (µS) with the
    PIC conductance given at monoamine level 1. ``cell_type`` indexes ``CELL_TYPES``.
    """

    cell_type: np.ndarray
    soma_diameter_um: np.ndarray
    dend_diameter_um: np.ndarray
    dend_length_mm: np.ndarray
    c_soma_nF: np.ndarray
    c_dend_nF: np.ndarray
    g_leak_soma_uS: np.ndarray
    g_leak_dend_uS: np.ndarray
    g_coupling_uS: np.ndarray
    g_na_uS: np.ndarray
    g_kdr_uS: np.ndarray
    g_can_uS: np.ndarray
    g_kca_uS: np.ndarray
    g_late_uS: np.ndarray
    g_cal_uS: np.ndarray
    cal_inactivating: np.ndarray
    tau_ca_ms: np.ndarray
    ca_influx_uM_per_ms_nA: np.ndarray
    e_leak_mV: np.ndarray
    cv_m_per_s: np.ndarray

    @property
    def n_unit(self) -> int:
        return self.cell_type.size

    def select(self, index) -> PoolParameters:
        """The parameters of a subset of units (an index array or slice), as a new pool."""
        return PoolParameters(**{f.name: getattr(self, f.name)[index] for f in fields(self)})


def concatenate_pools(pools: list[PoolParameters]) -> PoolParameters:
    """Several pools (one per muscle) as one, side by side along the unit axis."""
    return PoolParameters(**{f.name: np.concatenate([getattr(pool, f.name) for pool in pools])
                             for f in fields(PoolParameters)})


def cylinder_area_cm2(diameter_um, length_mm) -> np.ndarray:
    """Lateral membrane area π d ℓ (cm²) of a cylinder (1 µm = 1e-4 cm, 1 mm = 0.1 cm)."""
    return np.pi * (np.asarray(diameter_um) * 1e-4) * (np.asarray(length_mm) * 0.1)


def dendrite_area_cm2(pool: PoolParameters) -> np.ndarray:
    """Membrane area of each equivalent dendritic cylinder (cm²).

    A synaptic input of uniform density (mS/cm²) gives each cell this area × density × 1e3 µS.
    """
    return cylinder_area_cm2(pool.dend_diameter_um, pool.dend_length_mm)


def type_position(n_unit: int, fraction_s: float, fraction_fr: float) -> tuple[np.ndarray,
                                                                                  np.ndarray]:
    """Each unit's type (0 S, 1 FR, 2 FF) and its position u ∈ [0, 3] on the anchor axis.

    Units are numbered in recruitment order. Type k holds round(fraction·n) units, and within a
    type the position runs evenly from anchor k to anchor k + 1, so every size-graded quantity
    rises (or falls) monotonically through the pool, as in ReMoto.
    """
    n_s = round(fraction_s * n_unit)
    n_fr = round(fraction_fr * n_unit)
    counts = (n_s, n_fr, n_unit - n_s - n_fr)
    if min(counts) < 0:
        raise ValueError(f"type fractions {fraction_s}, {fraction_fr} leave no room for FF units")
    cell_type = np.repeat(np.arange(3), counts)
    position = np.concatenate([k + (np.arange(c) + 0.5) / c for k, c in enumerate(counts) if c])
    return cell_type, position


def _graded(p: Mapping[str, float], name: str, position: np.ndarray) -> np.ndarray:
    anchors = [p[f"{name}_{a}"] for a in ANCHORS]
    return np.interp(position, np.arange(4.0), anchors)


def pool_parameters(n_unit: int = 300, preset: str = "human",
                    values: Mapping[str, float] | None = None,
                    types: tuple[float, float] | None = None) -> PoolParameters:
    """Distribute the motoneuron parameters over a pool of ``n_unit`` cells by the size principle.

    ``preset`` chooses the species: ``"human"`` or ``"cat"`` (medial-gastrocnemius-like).
    ``values`` overrides table defaults (in their declared units); ``types`` gives the shares of
    S and FR cells (default: the cat table's for ``"cat"``, the soleus's for ``"human"``; a
    human muscle passes its own).

    Geometry and specific leak conductances run from the smallest S to the largest FF cell
    through the ReMoto anchors (Cisi & Kohn 2008), so input resistance and membrane time
    constant fall, and rheobase rises, with size; the PIC density ḡ_CaL falls with size (Elias &
    Kohn 2013); the Ca²⁺ removal time τ_Ca (hence the AHP) is longer in small cells; axonal
    conduction velocity rises with size.
    """
    if preset not in PRESETS:
        raise ValueError(f"preset must be one of {PRESETS}, got {preset!r}")
    if n_unit < 1:
        raise ValueError(f"n_unit must be ≥ 1, got {n_unit}")
    p = PARAMETERS.defaults()
    p.update(values or {})
    if types is None:
        soleus = muscles.MUSCLES["soleus"].defaults()
        types = ((p["fraction_s_cat"], p["fraction_fr_cat"]) if preset == "cat"
                 else (soleus["fraction_s"], soleus["fraction_fr"]))
    cell_type, position = type_position(n_unit, *types)
    soma_d_um = _graded(p, "soma_diameter", position)
    dend_d_um = _graded(p, "dend_diameter", position)
    dend_l_mm = _graded(p, "dend_length", position)
    area_soma_cm2 = cylinder_area_cm2(soma_d_um, soma_d_um * 1e-3)
    area_dend_cm2 = cylinder_area_cm2(dend_d_um, dend_l_mm)
    # Axial resistance of each half-cylinder, R_i ℓ / (π r²), in Ω; g_c in µS.
    r_i = p["axial_resistivity"]
    half_soma_ohm = r_i * (soma_d_um * 1e-4) / (np.pi * (soma_d_um * 0.5e-4) ** 2)
    half_dend_ohm = r_i * (dend_l_mm * 0.1) / (np.pi * (dend_d_um * 0.5e-4) ** 2)
    g_coupling_uS = 2.0 / (half_soma_ohm + half_dend_ohm) * 1e6
    # mS/cm² × cm² = mS, ×1e3 → µS;  µF/cm² × cm² = µF, ×1e3 → nF.
    to_uS = to_nF = 1e3
    g_cal = np.interp(position, (0.0, 3.0), (p["g_cal_smallest"], p["g_cal_largest"]))
    return PoolParameters(
        cell_type=cell_type,
        soma_diameter_um=soma_d_um,
        dend_diameter_um=dend_d_um,
        dend_length_mm=dend_l_mm,
        c_soma_nF=p["cm"] * area_soma_cm2 * to_nF,
        c_dend_nF=p["cm"] * area_dend_cm2 * to_nF,
        g_leak_soma_uS=_graded(p, "g_leak_soma", position) * area_soma_cm2 * to_uS,
        g_leak_dend_uS=_graded(p, "g_leak_dend", position) * area_dend_cm2 * to_uS,
        g_coupling_uS=g_coupling_uS,
        g_na_uS=p["g_na"] * area_soma_cm2 * to_uS,
        g_kdr_uS=p["g_kdr"] * area_soma_cm2 * to_uS,
        g_can_uS=p["g_can"] * area_soma_cm2 * to_uS,
        g_kca_uS=p["g_kca"] * area_soma_cm2 * to_uS,
        g_late_uS=p["g_late_adaptation"] * area_soma_cm2 * to_uS,
        g_cal_uS=g_cal * area_dend_cm2 * to_uS,
        cal_inactivating=_graded(p, "cal_inactivating", position),
        tau_ca_ms=_graded(p, f"tau_ca_{preset}", position),
        ca_influx_uM_per_ms_nA=ca_influx_per_current(area_soma_cm2, p),
        e_leak_mV=np.full(n_unit, p["e_leak"]),
        cv_m_per_s=_graded(p, f"cv_{preset}", position),
    )
