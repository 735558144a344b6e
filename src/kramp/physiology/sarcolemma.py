"""The sarcolemma of one representative muscle fibre per motor unit: surface and T-tubule.

Each motor unit has one model fibre of two compartments (after Adrian & Peachey 1973; Cannon,
Brown & Corey 1993; Wallinga et al. 1999): the surface membrane (potential V_s) and the lumped
transverse-tubular membrane (V_t) behind an access conductance g_a. Every current and conductance
is per cm² of *surface* membrane; a tubular density is the surface density times the tubular
membrane area per surface area (``tubule_area_ratio``) times that channel's tubular density
fraction (the ``*_tubule_fraction`` parameters). Potentials in mV, time in ms, currents µA/cm².

Membrane equations (c = s or t; the tubule sees the lumen K, [K]_t, the surface [K]_o)::

    C_s dV_s/dt = −I_ion,s(V_s) + g_a (V_t − V_s) + I_EP
    C_t dV_t/dt = −I_ion,t(V_t) + g_a (V_s − V_t),          C_t = C_m · tubule_area_ratio
    I_ion,c = g_Na,c m³h (V − E_Na) + g_K,c n⁴ (V − E_K,c) + I_Kir,c + g_Cl,c (V − E_Cl)
              + g_leak,c (V − E_Na) + I_pump,c
    Na_V1.4:  x' = (x∞(V − ψ) − x)/τ_x(V − ψ) · φ,   x = m, h;  x∞ Boltzmann, τ_x = τ_min +
              τ_peak / cosh((V − ψ − V½)/k_τ)
    K_dr:     n likewise
    Kir:      I_Kir = ḡ_Kir √([K]/[K]_ref) (V − E_K) / (1 + exp((V − E_K − ΔV_Kir)/k_Kir))
              (conductance a function of V − E_K and √[K]o: Hagiwara & Takahashi 1974;
              Standen & Stanfield 1978)
    pump:     I_pump = Ī_p f(V) [K]/([K] + K_m,K) · [Na]_i³/([Na]_i³ + K_m,Na³),
              f(V) = 1/(1 + 0.1245 e^(−0.1 V/V_T) + 0.0365 σ e^(−V/V_T)),
              σ = (e^([Na]_o/67.3 mM) − 1)/7              (the form of Luo & Rudy 1994)
    T-tubule K:  d[K]_t/dt = J_K,t/(F · vol_t) − ([K]_t − [K]_o)/τ_K,
              J_K,t = I_Kdr,t + I_Kir,t − 2 I_pump,t (outward K current into the lumen), vol_t
              the tubular lumen per cm² of surface = tubule_volume_fraction · d/4 (cylinder)
    end plate:  I_EP = g_EP (E_EP − V_s),  g_EP = Σ_k A w_k exp(−(t − t_k)/τ_EP), A = the safety
              factor × the smallest amplitude that fires the default fibre at rest
              (``threshold_amplitude``); a conductance, so the end-plate potential saturates
              below E_EP as a real one does. Because of that saturation the ratio of end-plate
              potential to threshold depolarisation is smaller than the conductance ratio SF.
              Where the end-plate current is prolonged (acetylcholinesterase inhibited), the
              engine takes the end-plate region as a cable of these two-compartment segments
              instead (:mod:`kramp.physiology.end_plate_cable`, ``unit_constants(cable=True)``:
              A is then SF × the default cable's threshold).

ψ is ``ions.gating_shift_mV``: the gating curves of Na and K_dr move with the divalent surface
charge. φ = Q10^((T − T_ref)/10) scales every gating rate. Intracellular Na, K and Cl are
parameters (no myoplasmic ion bookkeeping yet), except Cl⁻: it is passively distributed in muscle
(Hodgkin & Horowicz 1959), so [Cl]_i is taken at equilibrium with the fibre's steady resting
potential at the person's ions (``passive_chloride_mM``; about 4 mM at the defaults) — the state a
fibre reaches minutes after its ions change — and held within a run, while the ions are.

Calcium release. Each action potential (a regenerative rise of V_s through ``ap_detection``;
the detection rule is :mod:`kramp.engine.components.sarcolemma`'s) releases
calcium with the fraction of maximal release set by the voltage sensors (charge movement) of the
T-tubule at its peak depolarisation during the action potential::

    release = 1/(1 + exp(−(V_t,peak − V½,Q)/k_Q))

A fibre that does not fire (inactivated, depolarised, g_Na = 0) releases nothing.

Conduction velocity along the fibre. The velocity of the default fibre rises linearly with its
diameter (Nandedkar & Stålberg 1983, as quoted by Blijham et al. 2006: θ = 0.05 d + 0.95, θ in
m/s, d in µm; Håkansson 1956 found a linear relation in frog fibres). In a uniform cable the
velocity is proportional to √(dV/dt_max) at fixed geometry (Hodgkin 1954; Jack, Noble & Tsien
1975: θ² = K a/(2 R_i C_m) with K ∝ the maximal rate of rise), so each action potential's
velocity is θ = θ_d √(dV/dt_max / dV/dt_max,default), the rate of rise counting ionic current
only (not the end-plate current).

Numerics (``membrane_step``): gates by exponential (Rush–Larsen) steps with V held; the two
potentials by one backward-Euler step of the linear system with the conductances at the new gates
and the Kir chord conductance and pump current at the old potentials; [K]_t by the exact solution
of its linear equation with its flux held; the end-plate current decays exactly. Every part is
stable at any step, and a steady state of the step is a steady state of the equations, so the
engine may step a quiet fibre coarsely (:mod:`kramp.engine.components.sarcolemma`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache

import numba
import numpy as np

from kramp.params import Param, ParameterTable, Variable, rows
from kramp.physiology import ions

REFERENCES = {
    "cannon1993": (
        "Cannon SC, Brown RH Jr, Corey DP (1993) Theoretical reconstruction of myotonia and "
        "paralysis caused by incomplete inactivation of sodium channels. Biophys J 65:270–288 "
        "(two-compartment fibre with T-tubular K accumulation; values not re-checked)"
    ),
    "wallinga1999": (
        "Wallinga W, Meijer SL, Alberink MJ, Vliek M, Wienk ED, Ypey DL (1999) Modelling action "
        "potentials and membrane currents of mammalian skeletal muscle fibres in coherence with "
        "potassium concentration changes in the T-tubular system. Eur Biophys J 28:317–329 "
        "(not re-checked)"
    ),
    "adrian1973": (
        "Adrian RH, Peachey LD (1973) Reconstruction of the action potential of frog sartorius "
        "muscle. J Physiol 235:103–131 (the two-compartment surface and T-system; their "
        "access resistance, 150 Ω·cm², was kramp's until 2026-12-06, when the Cannon lab's "
        "value replaced it; secondary, not re-checked)"
    ),
    "hille2001": (
        "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed. Sinauer: mammalian "
        "skeletal muscle [Na]i 12, [K]i 155, [Cl]i about 4 mM; resting P_Na/P_K about 0.01; "
        "specific membrane capacitance about 1 µF/cm² (secondary; not re-checked)"
    ),
    "ruff1992": (
        "Ruff RL, Whittlesey D (1992) Na+ current densities and voltage dependence in human "
        "intercostal muscle fibres. J Physiol 458:85–97 (fast-inactivation midpoint of human "
        "fibres −70 to −75 mV; rounded, not re-checked; their activation midpoint, near "
        "−35 mV by loose patch, whose absolute potential rests on an assumed resting "
        "potential, is no longer used: see cannon_lab2024)"
    ),
    "hodgkin1952": (
        "Hodgkin AL, Huxley AF (1952) A quantitative description of membrane current and its "
        "application to conduction and excitation in nerve. J Physiol 117:500–544 (m³h and n⁴ "
        "kinetics; Q10 = 3 of the gating rates)"
    ),
    "kramp_kinetics": (
        "kramp choice: time-constant curves of the h and n gates at 37 °C chosen so that the "
        "default fibre fires a 2–3 ms action potential, as mammalian fibres at body temperature "
        "(shape only; not fitted to any target)"
    ),
    "cannon_lab2024": (
        "Cannon SC and co-workers, Muscle Fiber Simulation (Cannon Lab, github.com/Cannon-Lab/"
        "Muscle-Fiber-Simulation: default parameters and documentation, July 2024; the "
        "two-compartment fibre of Cannon, Brown & Corey 1993 grown over 30 years): Na⁺ "
        "activation α_m = 0.2875 (V + 46)/(1 − e^(−(V+46)/10)), β_m = 1.375 e^(−(V+46)/18) "
        "per ms at 22 °C, rate Q10 2.5. Scaled to 37 °C with that Q10 (× 3.95) its "
        "τ_m = 1/(α_m + β_m) is 0.027, 0.059, 0.050, 0.030 ms at −80, −60, −38, −20 mV; "
        "kramp's τ_min + τ_peak/cosh((V − V½,m)/k_τ) was least-squares fitted to that curve "
        "over −90…+20 mV (relative error up to 28 %, at −90 mV): a fit to a published model, "
        "not to a target. Steady-state activation: the lab's Boltzmann fit of its measured "
        "peak conductance G(V) = m∞³, V½ −41 mV and slope 4.3 mV; kramp's m∞ "
        "(V½,m −48.7 mV, k_m 5.4 mV) is the least-squares fit of m∞³ to that curve over "
        "−90…+10 mV (largest difference 0.03). Muscle fibres then fire from about −60 mV "
        "and repetitively to a maintained current, where with the earlier m∞ (V½ −38 mV, "
        "from a loose-patch study) the default fibre accommodated: a current that held it at "
        "−53 mV for 200 ms fired nothing. Steady-state fast inactivation: slope 5.37 mV (the "
        "lab's Boltzmann fit; its midpoint, −80 mV, is not taken: kramp keeps the human fibres' "
        "−72 mV, ruff1992). T-tubule: density ratios tubule/surface Na⁺ 0.8, delayed "
        "rectifier 0.4, ClC-1 0.3, Kir 1; access resistance 0.04 kΩ·cm² (the lab's formula "
        "a/(8 G_L ρ σ) for a 40 µm radius, lumen conductivity 12.5 mS/cm, ρ 0.003, "
        "tortuosity 0.32). The lab's model is space-clamped; as one lumped access conductance "
        "this coupling also loads the upstroke of a propagating action potential, which in a "
        "real fibre the tubules' luminal resistance hides (Pedersen, Huang & Fraser 2011, "
        "J Gen Physiol 138:73–93, abstract): the end-plate cable conducts slower than measured "
        "(target E16)"
    ),
    "hagiwara1974": (
        "Hagiwara S, Takahashi K (1974) The anomalous rectification and cation selectivity of "
        "the membrane of a starfish egg cell. J Membr Biol 18:61–80; Standen NB, Stanfield PR "
        "(1978) J Physiol 280:169–191: inward-rectifier conductance ∝ √[K]o and a function of "
        "V − E_K (secondary for muscle; not re-checked)"
    ),
    "pedersen2005": (
        "Pedersen TH, de Paoli F, Nielsen OB (2005) Increased excitability of acidified skeletal "
        "muscle: role of chloride conductance. J Gen Physiol 125:237–246 (resting conductance of "
        "rat fibres a few mS/cm², about 80 % of it Cl⁻; not re-checked)"
    ),
    "luo1994": (
        "Luo CH, Rudy Y (1994) A dynamic model of the cardiac ventricular action potential. I. "
        "Simulations of ionic currents and concentration changes. Circ Res 74:1071–1096 (voltage "
        "and [Na]o dependence of the Na/K pump)"
    ),
    "clausen2003": (
        "Clausen T (2003) Na+-K+ pump regulation and skeletal muscle contractility. Physiol Rev "
        "83:1269–1324 (pump K½ for [K]o about 1 mM, for [Na]i 10–20 mM; resting pump current of "
        "the order of 1 µA/cm²; secondary, not re-checked)"
    ),
    "peachey1965": (
        "Peachey LD (1965) The sarcoplasmic reticulum and transverse tubules of the frog's "
        "sartorius. J Cell Biol 25:209–231 (T-system volume fraction about 0.3 %; tubular "
        "membrane area several times the surface area for a 50 µm fibre; frog, secondary, "
        "not re-checked)"
    ),
    "hodgkin1959": (
        "Hodgkin AL, Horowicz P (1959) The influence of potassium and chloride ions on the "
        "membrane potential of single muscle fibres. J Physiol 148:127–160 (Cl⁻ passively "
        "distributed; redistributes within minutes)"
    ),
    "takeuchi1960": (
        "Takeuchi A, Takeuchi N (1960) On the permeability of end-plate membrane during the "
        "action of transmitter. J Physiol 154:52–67 (end-plate current reverses near −15 mV "
        "in frog; mammalian values near 0 mV; not re-checked)"
    ),
    "wood2001": (
        "Wood SJ, Slater CR (2001) Safety factor at the neuromuscular junction. Prog Neurobiol "
        "64:393–429 (safety factor 3–5 in mammals; end-plate current decays within about 1 ms "
        "at body temperature)"
    ),
    "charge_movement": (
        "Hollingworth S, Marshall MW (1981) A comparative study of charge movement in rat and "
        "frog skeletal muscle fibres. J Physiol 321:583–602 (mammalian charge movement: "
        "V½ near −34 mV, slope factor near 9 mV; not re-checked)"
    ),
    "nandedkar1983": (
        "Nandedkar SD, Stålberg E (1983) Simulation of single muscle fibre action potentials. "
        "Med Biol Eng Comput 21:158–165, relation θ = 0.05 d + 0.95 (m/s, µm) as quoted by "
        "Blijham PJ et al. (2006) J Appl Physiol 100:1837–1841 (secondary; not re-checked)"
    ),
    "helliwell1987": (
        "Helliwell TR, Coakley J, Smith PE, Edwards RH (1987) The morphology and morphometry of "
        "the normal human tibialis anterior muscle. Neuropathol Appl Neurobiol 13:297–307 "
        "(fibre diameters of the order of 50–60 µm, type II larger than type I in men; "
        "values rounded, not re-checked)"
    ),
    "hodgkin1954": (
        "Hodgkin AL (1954) A note on conduction velocity. J Physiol 125:221–224; Jack JJB, "
        "Noble D, Tsien RW (1975) Electric Current Flow in Excitable Cells, Oxford: velocity² "
        "∝ the membrane's maximal rate of rise at fixed cable constants"
    ),
    "myoplasm": (
        "Hodgkin AL, Nakajima S (1972) The effect of diameter on the electrical constants of "
        "frog skeletal muscle fibres. J Physiol 221:105–120 (myoplasmic resistivity about "
        "170 Ω·cm near 20 °C); Boyd IA, Martin AR (1959) Membrane constants of mammalian "
        "muscle fibres. J Physiol 147:450–457 (cat, 37 °C: lower, as a Q10 of about 1.4 for "
        "the resistivity would make it); values recalled, not re-checked. Lipicky RJ, Bryant "
        "SH, Salmon JH (1971) J Clin Invest 50:2091–2103 (abstract): 123.2 Ω·cm in the "
        "external intercostal fibres of 13 normal volunteers (temperature not in the abstract), "
        "the value taken"
    ),
    "perijunctional_na": (
        "Roberts WM (1987) Sodium channels near end-plates and nuclei of snake skeletal "
        "muscle. J Physiol 388:213–232: Na⁺ current density five times larger within 25 µm of "
        "the end plate's edge than far from it, with the same gating and no more K⁺ current; "
        "Caldwell JH, Campbell DT, Beam KG (1986) Na channel distribution in vertebrate "
        "skeletal muscle. J Gen Physiol 88:749–773 (rat: Na⁺ channels "
        "concentrated around the end plate; not re-checked)"
    ),
    "kramp_cable": (
        "kramp choice (numerical): the end-plate cable's segments a tenth or less of the "
        "resting length constant, the cable several length constants long and the action "
        "potential read where the end-plate potential has faded; not fitted to any target"
    ),
}

PARAMETERS = ParameterTable(
    component="sarcolemma",
    references=REFERENCES,
    params=(
        # myoplasm
        Param("sodium_in", 12.0, "mM", (5.0, 40.0), "hille2001", "myoplasmic Na⁺", "[Na]i"),
        Param("potassium_in", 155.0, "mM", (100.0, 180.0), "hille2001", "myoplasmic K⁺",
              "[K]i"),
        # passive structure
        Param("capacitance", 1.0, "uF/cm2", (0.8, 1.2), "hille2001",
              "specific capacitance of surface and tubular membrane", "C_m"),
        Param("tubule_area_ratio", 4.8, "1", (2.0, 8.0), "peachey1965",
              "T-tubular membrane area per surface area", "A_t/A_s"),
        Param("access_conductance", 25.0, "mS/cm2", (2.0, 40.0), "cannon_lab2024",
              "access conductance from surface to T-tubule, 1/(40 Ω·cm²)", "g_a"),
        Param("tubule_volume_fraction", 0.003, "1", (0.001, 0.01), "peachey1965",
              "T-tubular lumen as a fraction of fibre volume", "ρ_t"),
        Param("potassium_diffusion_tau", 350.0, "ms", (50.0, 1e6), "cannon1993",
              "time constant of K⁺ diffusion out of the T-tubule lumen", "τ_K"),
        # Na_V1.4
        Param("g_na", 150.0, "mS/cm2", (0.0, 400.0), "cannon1993",
              "Na_V1.4 peak conductance of the surface membrane", "ḡ_Na"),
        Param("na_tubule_fraction", 0.8, "1", (0.0, 1.0), "cannon_lab2024",
              "tubular Na_V1.4 density relative to the surface", "η_Na"),
        Param("m_half", -48.7, "mV", (-60.0, -20.0), "cannon_lab2024",
              "half-activation of the m gate (the m³ peak conductance half-activated at "
              "−41 mV)", "V½,m"),
        Param("m_slope", 5.4, "mV", (3.0, 12.0), "cannon_lab2024", "slope factor of m∞",
              "k_m"),
        Param("h_half", -72.0, "mV", (-95.0, -55.0), "ruff1992",
              "half-inactivation (fast inactivation)", "V½,h"),
        Param("h_slope", 5.37, "mV", (3.0, 12.0), "cannon_lab2024", "slope factor of h∞",
              "k_h"),
        Param("m_tau_min", 0.0136, "ms", (0.005, 0.2), "cannon_lab2024",
              "smallest m time constant at 37 °C", "τ_m,min"),
        Param("m_tau_peak", 0.0521, "ms", (0.01, 1.0), "cannon_lab2024",
              "added m time constant at its half-activation, 37 °C", "τ_m,peak"),
        Param("h_tau_min", 0.2, "ms", (0.05, 2.0), "kramp_kinetics",
              "smallest h time constant at 37 °C", "τ_h,min"),
        Param("h_tau_peak", 3.0, "ms", (0.2, 20.0), "kramp_kinetics",
              "added h time constant at its half-inactivation, 37 °C", "τ_h,peak"),
        # delayed rectifier
        Param("g_kdr", 30.0, "mS/cm2", (0.0, 100.0), "cannon1993",
              "delayed-rectifier K⁺ conductance of the surface", "ḡ_K"),
        Param("kdr_tubule_fraction", 0.4, "1", (0.0, 1.0), "cannon_lab2024",
              "tubular delayed-rectifier density relative to the surface", "η_K"),
        Param("n_half", -40.0, "mV", (-60.0, -10.0), "kramp_kinetics",
              "half-activation of the n gate", "V½,n"),
        Param("n_slope", 9.0, "mV", (4.0, 20.0), "kramp_kinetics", "slope factor of n∞", "k_n"),
        Param("n_tau_min", 0.4, "ms", (0.05, 5.0), "kramp_kinetics",
              "smallest n time constant at 37 °C", "τ_n,min"),
        Param("n_tau_peak", 2.5, "ms", (0.1, 20.0), "kramp_kinetics",
              "added n time constant at its half-activation, 37 °C", "τ_n,peak"),
        Param("gate_tau_slope", 15.0, "mV", (5.0, 40.0), "kramp_kinetics",
              "width k_τ of the bell-shaped gate time constants", "k_τ"),
        Param("gating_q10", 3.0, "1", (1.5, 4.0), "hodgkin1952",
              "Q10 of every gating rate", "Q10"),
        Param("reference_temperature", 37.0, "degC", (20.0, 40.0), "kramp_kinetics",
              "temperature at which the gate time constants are given", "T_ref"),
        # inward rectifier
        Param("g_kir", 0.3, "mS/cm2", (0.0, 3.0), "pedersen2005",
              "Kir2.1 conductance of the surface at [K] = [K]_ref, V ≪ E_K", "ḡ_Kir"),
        Param("kir_tubule_fraction", 1.0, "1", (0.0, 3.0), "wallinga1999",
              "tubular Kir density relative to the surface (Kir lies mainly in the T-system)",
              "η_Kir"),
        Param("kir_reference_potassium", 4.0, "mM", (1.0, 10.0), "hagiwara1974",
              "[K] at which ḡ_Kir is given", "[K]_ref"),
        Param("kir_half", 15.0, "mV", (-10.0, 40.0), "hagiwara1974",
              "V − E_K at which Kir conductance is halved (rectification)", "ΔV_Kir"),
        Param("kir_slope", 8.0, "mV", (3.0, 20.0), "hagiwara1974",
              "slope factor of rectification", "k_Kir"),
        # ClC-1 and leak
        Param("g_cl", 1.5, "mS/cm2", (0.0, 6.0), "pedersen2005",
              "ClC-1 conductance of the surface", "g_Cl"),
        Param("cl_tubule_fraction", 0.3, "1", (0.0, 1.0), "cannon_lab2024",
              "tubular ClC-1 density relative to the surface (mainly surface)", "η_Cl"),
        Param("g_leak", 0.04, "mS/cm2", (0.0, 0.5), "hille2001",
              "Na⁺ leak conductance of the surface; fitted so that the resting potential at "
              "4 mM K is near −85 mV (P_Na/P_K ≈ 0.01 by GHK arithmetic gave 0.07, at which "
              "these Kir values lose the normal branch)", "g_L", fitted_to=("E2",)),
        # Na/K pump
        Param("pump_max", 3.0, "uA/cm2", (0.0, 20.0), "clausen2003",
              "maximal Na/K pump current of the surface", "Ī_p"),
        Param("pump_tubule_fraction", 0.1, "1", (0.0, 1.0), "clausen2003",
              "tubular pump density relative to the surface", "η_p"),
        Param("pump_k_half", 1.0, "mM", (0.2, 5.0), "clausen2003",
              "external K⁺ for half-maximal pumping", "K_m,K"),
        Param("pump_na_half", 10.0, "mM", (2.0, 40.0), "clausen2003",
              "internal Na⁺ for half-maximal pumping (Hill coefficient 3)", "K_m,Na"),
        # end plate, excitation–contraction coupling, conduction
        Param("epc_safety_factor", 4.0, "1", (0.0, 10.0), "wood2001",
              "end-plate conductance of the most sensitive end plates relative to the "
              "threshold of the default fibre (the others' are up to "
              "junction.safety_factor_spread times larger)", "SF"),
        Param("epc_tau", 0.6, "ms", (0.1, 3.0), "wood2001",
              "decay time constant of the end-plate conductance", "τ_EP"),
        Param("epc_reversal", -10.0, "mV", (-20.0, 10.0), "takeuchi1960",
              "reversal potential of the end-plate current", "E_EP"),
        Param("ap_detection", -20.0, "mV", (-40.0, 0.0), "kramp_kinetics",
              "surface potential a regenerative rise must reach to count as an action "
              "potential", "V_AP"),
        Param("release_half", -34.0, "mV", (-60.0, 0.0), "charge_movement",
              "T-tubule potential of half-maximal charge movement (Ca²⁺ release)", "V½,Q"),
        Param("release_slope", 9.0, "mV", (3.0, 20.0), "charge_movement",
              "slope factor of charge movement", "k_Q"),
        Param("cv_per_diameter", 0.05, "m/s", (0.01, 0.1), "nandedkar1983",
              "velocity gained per µm of fibre diameter", "dθ/dd"),
        Param("cv_offset", 0.95, "m/s", (-2.0, 3.0), "nandedkar1983",
              "velocity of the relation at zero diameter", "θ_0"),
        Param("diameter_type_i", 52.0, "um", (20.0, 120.0), "helliwell1987",
              "diameter of type I (S unit) fibres", "d_I"),
        Param("diameter_type_ii", 58.0, "um", (20.0, 120.0), "helliwell1987",
              "diameter of type II (FR and FF unit) fibres", "d_II"),
        # the end-plate region as a cable (kramp.physiology.end_plate_cable), where the junction
        # is not the default one-to-one relay
        Param("myoplasm_resistivity", 123.2, "ohm*cm", (80.0, 300.0), "myoplasm",
              "resistivity of the myoplasm (axial current along the fibre)", "R_i"),
        Param("perijunctional_sodium", 5.0, "1", (1.0, 15.0), "perijunctional_na",
              "surface Na⁺ channel density of the perijunctional membrane over the rest of "
              "the fibre's", "ρ_Na,EP"),
        Param("perijunctional_length", 50.0, "um", (10.0, 500.0), "perijunctional_na",
              "extent of the perijunctional membrane from the end plate's middle (the end "
              "plate and its border)", "L_EP"),
        Param("cable_segment", 50.0, "um", (10.0, 200.0), "kramp_cable",
              "segment length of the end-plate cable", "Δx"),
        Param("cable_length", 3.0, "mm", (1.0, 20.0), "kramp_cable",
              "length of fibre modelled on each side of the end plate", "L"),
        Param("recording_distance", 0.5, "mm", (0.2, 10.0), "kramp_cable",
              "distance from the end plate at which the fibre's action potentials are read",
              "x_rec"),
    ),
)

VARIABLES = (
    Variable("v_surface", "mV", "potential of the surface membrane"),
    Variable("v_tubule", "mV", "potential of the T-tubular membrane"),
    Variable("m_surface", "1", "Na⁺ activation, surface"),
    Variable("h_surface", "1", "Na⁺ fast inactivation, surface"),
    Variable("n_surface", "1", "delayed-rectifier activation, surface"),
    Variable("m_tubule", "1", "Na⁺ activation, T-tubule"),
    Variable("h_tubule", "1", "Na⁺ fast inactivation, T-tubule"),
    Variable("n_tubule", "1", "delayed-rectifier activation, T-tubule"),
    Variable("k_tubule", "mM", "K⁺ in the T-tubule lumen"),
    Variable("end_plate_conductance", "mS/cm2", "end-plate conductance of the surface"),
    Variable("ap_phase", "1", "0 at rest; 1 while an action potential's peaks are tracked"),
    Variable("ap_time", "ms", "time of the latest action potential (upward crossing)"),
    Variable("ap_armed", "1", "1 once the surface potential has been below the detection level "
             "since the latest action potential, 0 until then"),
    Variable("peak_surface", "mV", "highest surface potential of the current action potential, "
             "away from the end plate (unshunted_potential)"),
    Variable("peak_tubule", "mV", "highest T-tubule potential of the current action potential"),
    Variable("rate_of_rise", "1", "largest ionic rate of rise since the last action potential, "
             "relative to the default fibre"),
    Variable("v_before", "mV", "surface potential before the latest arrival"),
    Variable("conduction_velocity", "m/s", "velocity of the latest action potential"),
    Variable("motion", "1", "largest |dV/dt| of the two compartments in the latest step, "
             "mV/ms (the multirate switch)"),
)
S = rows([v.name for v in VARIABLES])

# Constants of one unit, derived from parameters and ions (``unit_constants``), in this order.
Q = rows(("g_na_s", "g_na_t", "g_k_s", "g_k_t", "g_kir_s", "g_kir_t", "g_cl_s", "g_cl_t",
          "g_leak", "pump_s", "pump_t", "c_s", "c_t", "g_a", "e_na", "e_cl", "e_k_s", "k_out",
          "k_in", "v_thermal", "kir_ref", "kir_half", "kir_slope", "pump_k_half", "pump_sigma",
          "rate", "shift", "m_half", "m_slope", "h_half", "h_slope", "n_half", "n_slope",
          "m_tau_min", "m_tau_peak", "h_tau_min", "h_tau_peak", "n_tau_min", "n_tau_peak",
          "tau_slope", "flux_to_mM", "tau_k", "epc_tau", "epc_reversal", "epc_amplitude",
          "ap_detection",
          "release_half", "release_slope", "cv_default", "amplitude_ref", "rate_ref",
          "cable_segments", "cable_junction", "cable_recording", "g_axial", "na_junction"))


def unit_diameters_um(values: Mapping[str, float], cell_type: np.ndarray) -> np.ndarray:
    """Fibre diameter of each unit from its motoneuron type (0 S → type I, 1 FR, 2 FF → II)."""
    cell_type = np.asarray(cell_type)
    return np.where(cell_type == 0, values["diameter_type_i"], values["diameter_type_ii"])


def diameter_velocity_m_per_s(values: Mapping[str, float], diameter_um):
    """Conduction velocity of a default fibre of ``diameter_um`` (Nandedkar & Stålberg 1983)."""
    return values["cv_offset"] + values["cv_per_diameter"] * np.asarray(diameter_um, dtype=float)


def unit_constants(values: Mapping[str, float], ion_values: Mapping[str, float],
                   diameter_um: float, *, references: bool = True,
                   chloride_mM: float | None = None, cable: bool = False) -> np.ndarray:
    """The constants ``Q`` of one fibre (parameters ``values``, interstitial ions
    ``ion_values``), as a float array. ``references=False`` leaves the reference amplitude, rate
    of rise and end-plate conductance unset (used while computing them); ``chloride_mM``
    overrides the passively distributed myoplasmic Cl⁻; ``cable=True``: the end-plate region
    as a cable (:mod:`kramp.physiology.end_plate_cable`), its references those of the default
    fibre as a cable (``cable_segments`` 0: the point fibre)."""
    p = values
    temperature = ion_values["temperature"]
    vt = ions.thermal_voltage_mV(temperature)
    ratio = p["tubule_area_ratio"]
    na_o, k_o = ion_values["sodium"], ion_values["potassium"]
    q = np.zeros(len(Q._fields))
    q[Q.g_na_s] = p["g_na"]
    q[Q.g_na_t] = p["g_na"] * ratio * p["na_tubule_fraction"]
    q[Q.g_k_s] = p["g_kdr"]
    q[Q.g_k_t] = p["g_kdr"] * ratio * p["kdr_tubule_fraction"]
    q[Q.g_kir_s] = p["g_kir"]
    q[Q.g_kir_t] = p["g_kir"] * ratio * p["kir_tubule_fraction"]
    q[Q.g_cl_s] = p["g_cl"]
    q[Q.g_cl_t] = p["g_cl"] * ratio * p["cl_tubule_fraction"]
    q[Q.g_leak] = p["g_leak"]
    na_factor = p["sodium_in"] ** 3 / (p["sodium_in"] ** 3 + p["pump_na_half"] ** 3)
    q[Q.pump_s] = p["pump_max"] * na_factor
    q[Q.pump_t] = p["pump_max"] * na_factor * ratio * p["pump_tubule_fraction"]
    q[Q.c_s] = p["capacitance"]
    q[Q.c_t] = p["capacitance"] * ratio
    q[Q.g_a] = p["access_conductance"]
    q[Q.e_na] = float(ions.nernst_mV(1, na_o, p["sodium_in"], temperature))
    if chloride_mM is None:
        chloride_mM = passive_chloride_mM(_key(p), _key(ion_values))
    q[Q.e_cl] = float(ions.nernst_mV(-1, ion_values["chloride"], chloride_mM, temperature))
    q[Q.e_k_s] = float(ions.nernst_mV(1, k_o, p["potassium_in"], temperature))
    q[Q.k_out] = k_o
    q[Q.k_in] = p["potassium_in"]
    q[Q.v_thermal] = vt
    q[Q.kir_ref] = p["kir_reference_potassium"]
    q[Q.kir_half] = p["kir_half"]
    q[Q.kir_slope] = p["kir_slope"]
    q[Q.pump_k_half] = p["pump_k_half"]
    q[Q.pump_sigma] = (math.exp(na_o / 67.3) - 1.0) / 7.0
    q[Q.rate] = p["gating_q10"] ** ((temperature - p["reference_temperature"]) / 10.0)
    q[Q.shift] = ions.gating_shift_mV(ion_values)
    for name in ("m_half", "m_slope", "h_half", "h_slope", "n_half", "n_slope", "m_tau_min",
                 "m_tau_peak", "h_tau_min", "h_tau_peak", "n_tau_min", "n_tau_peak",
                 "epc_tau", "epc_reversal", "ap_detection", "release_half", "release_slope"):
        q[getattr(Q, name)] = p[name]
    q[Q.tau_slope] = p["gate_tau_slope"]
    # 1 µA/cm² of K current = 1e-6/F mol/(s cm²); lumen volume per cm² = ρ d/4 (cm³ = 1e-3 L)
    volume_litre_per_cm2 = p["tubule_volume_fraction"] * diameter_um * 1e-4 / 4.0 * 1e-3
    q[Q.flux_to_mM] = 1e-6 / ions.FARADAY / volume_litre_per_cm2 * 1e3 * 1e-3  # mM/ms
    q[Q.tau_k] = p["potassium_diffusion_tau"]
    q[Q.cv_default] = float(diameter_velocity_m_per_s(p, diameter_um))
    q[Q.amplitude_ref] = 1.0
    q[Q.rate_ref] = 1.0
    if cable:
        from kramp.physiology import end_plate_cable

        (q[Q.cable_segments], q[Q.cable_junction], q[Q.cable_recording],
         q[Q.g_axial]) = end_plate_cable.geometry(p, diameter_um)
        q[Q.na_junction] = p["perijunctional_sodium"]
    if references:
        if cable:
            amplitude, rate, threshold = end_plate_cable.default_references()
        else:
            amplitude, rate, threshold = default_fibre_references()
        q[Q.amplitude_ref] = amplitude
        q[Q.rate_ref] = rate
        q[Q.epc_amplitude] = p["epc_safety_factor"] * threshold
        if cable:
            # the cable's threshold is per cm² of the default fibre's end-plate segment; the
            # end plate's total conductance must not depend on the segment length chosen
            q[Q.epc_amplitude] *= PARAMETERS["cable_segment"].value / p["cable_segment"]
    return q


def _key(values: Mapping[str, float]) -> tuple:
    return tuple(sorted((k, float(v)) for k, v in values.items()))


# --- the step ---------------------------------------------------------------------------------
# The step's functions may fuse, reorder and approximate floating-point arithmetic (about 8 %
# faster in the engine) but keep IEEE infinities and NaNs: results move at the level of rounding.
# A division by zero gives an infinity, as in NumPy, without a check on every division.
STEP_FASTMATH = {"contract", "reassoc", "nsz", "arcp", "afn"}
STEP_COMPILE = {"cache": True, "fastmath": STEP_FASTMATH, "error_model": "numpy"}
# Branch-free, so that the same function steps one unit (compiled) and whole arrays (its
# ``py_func``, with ``q`` of shape [constant, ...]).

@numba.njit(cache=True)
def _boltzmann(v, half, slope):
    return 1.0 / (1.0 + np.exp(-(v - half) / slope))


@numba.njit(cache=True)
def _bell(v, half, slope, tau_min, tau_peak):
    x = np.exp((v - half) / slope)
    return tau_min + 2.0 * tau_peak / (x + 1.0 / x)


@numba.njit(cache=True)
def kir_conductance(v, k, e_k, q):
    """Chord conductance of the inward rectifier (per unit ḡ) at potential v and K ``k``."""
    return np.sqrt(k / q[Q.kir_ref]) / (1.0 + np.exp((v - e_k - q[Q.kir_half]) / q[Q.kir_slope]))


@numba.njit(cache=True)
def unshunted_potential(vs, i_ep, ms, hs, ns, q):
    """V_s less the end-plate current's share of it, V_s − I_EP / G (G the surface's own chord
    conductances and its access to the tubule at this instant): the potential the membrane would
    hold now without the end-plate conductance. At an action potential's peak (dV/dt = 0) it is
    the peak the action potential has away from the end plate, where no end-plate current flows.
    A point fibre feels its end-plate conductance over the whole membrane, which lowers the peak
    by about 12 % at three times the normal conductance; the peak read this way varies by 0.3 %
    between a third and three times the normal conductance (the component's test:
    ``test_sarcolemma_component.py``), as a propagated action potential does not depend on the
    end-plate potential that set it off."""
    g = (q[Q.g_na_s] * ms * ms * ms * hs + q[Q.g_k_s] * ns ** 4
         + q[Q.g_kir_s] * kir_conductance(vs, q[Q.k_out], q[Q.e_k_s], q) + q[Q.g_cl_s]
         + q[Q.g_leak] + q[Q.g_a])
    return vs - i_ep / g


@numba.njit(cache=True)
def pump_voltage_factor(v, q):
    """The voltage factor f(V) of the Na/K pump (module doc)."""
    # e^(−V/V_T) as the tenth power of e^(−0.1 V/V_T): one exponential, not two
    e1 = np.exp(-0.1 * v / q[Q.v_thermal])
    e2 = e1 * e1
    e5 = e2 * e2 * e1
    return 1.0 / (1.0 + 0.1245 * e1 + 0.0365 * q[Q.pump_sigma] * (e5 * e5))


@numba.njit(cache=True)
def pump_current(v, k, q):
    """Na/K pump current (outward, µA/cm²) per unit of maximal current at potential v, K ``k``."""
    return pump_voltage_factor(v, q) * k / (k + q[Q.pump_k_half])


@numba.njit(cache=True)
def voltage_factors(v, q):
    """(surface Kir chord conductance per unit ḡ, pump voltage factor f, e^((V − ΔV_Kir)/k_Kir))
    at potential v: the voltage functions of a step that do not depend on the lumen's K⁺, so
    tables can hold them (the last, times ``lumen_factors``' last, is the tubular Kir's
    exponential)."""
    return (kir_conductance(v, q[Q.k_out], q[Q.e_k_s], q), pump_voltage_factor(v, q),
            kir_exponential(v, q))


@numba.njit(cache=True)
def kir_exponential(v, q):
    """e^((V − ΔV_Kir)/k_Kir): the voltage part of the tubular Kir's exponential."""
    return np.exp((v - q[Q.kir_half]) / q[Q.kir_slope])


@numba.njit(cache=True)
def lumen_factors(kt, q):
    """(E_K of the lumen, √([K]_t/[K]_ref), e^(−E_K,t/k_Kir)) at lumen K⁺ ``kt``: the lumen's
    part of its K⁺ currents."""
    e_kt = q[Q.v_thermal] * np.log(kt / q[Q.k_in])
    return e_kt, np.sqrt(kt / q[Q.kir_ref]), np.exp(-e_kt / q[Q.kir_slope])


@numba.njit(**STEP_COMPILE)
def tubule_kir(kir_exponential, lumen_root, lumen_exponential):
    """The tubular Kir chord conductance per unit ḡ from the factors of ``voltage_factors`` (at
    V_t) and ``lumen_factors``: √([K]_t/[K]_ref) / (1 + e^((V_t − E_K,t − ΔV_Kir)/k_Kir))."""
    return lumen_root / (1.0 + kir_exponential * lumen_exponential)


@numba.njit(cache=True)
def gate_kinetics(v, q):
    """(m∞, h∞, n∞, τ_m, τ_h, τ_n) at potential v (scalar, or any array through ``py_func``)."""
    u = v - q[Q.shift]
    r = q[Q.rate]
    s = q[Q.tau_slope]
    return (_boltzmann(u, q[Q.m_half], q[Q.m_slope]),
            1.0 - _boltzmann(u, q[Q.h_half], q[Q.h_slope]),
            _boltzmann(u, q[Q.n_half], q[Q.n_slope]),
            _bell(u, q[Q.m_half], s, q[Q.m_tau_min], q[Q.m_tau_peak]) / r,
            _bell(u, q[Q.h_half], s, q[Q.h_tau_min], q[Q.h_tau_peak]) / r,
            _bell(u, q[Q.n_half], s, q[Q.n_tau_min], q[Q.n_tau_peak]) / r)


@numba.njit(cache=True)
def gates(v, x_m, x_h, x_n, dt, q):
    """The m, h, n gates after ``dt`` at potential v held (exponential step)."""
    m_inf, h_inf, n_inf, tm, th, tn = gate_kinetics(v, q)
    return (m_inf + (x_m - m_inf) * np.exp(-dt / tm), h_inf + (x_h - h_inf) * np.exp(-dt / th),
            n_inf + (x_n - n_inf) * np.exp(-dt / tn))


# Tables for one step size: columns m∞, h∞, n∞, each gate's decay exp(−dt/τ), and the three
# ``voltage_factors``, on a voltage grid; linear interpolation between rows 0.05 mV apart is within
# ~1e-5 of the exact values, and replaces the eighteen exponentials of the two compartments' gates
# and those of their Kir and pump currents in a step (with ``lumen_table`` for the lumen's K⁺).
TABLE_MIN_MV, TABLE_MAX_MV, TABLE_STEP_MV = -160.0, 100.0, 0.05


def gate_table(q: np.ndarray, dt_ms: float) -> np.ndarray:
    """The step table ``[row, column]`` of a fibre with constants ``q`` for steps of ``dt_ms``."""
    grid = np.arange(TABLE_MIN_MV, TABLE_MAX_MV + 0.5 * TABLE_STEP_MV, TABLE_STEP_MV)
    m_inf, h_inf, n_inf, tm, th, tn = gate_kinetics.py_func(grid, q)
    kir_s, pump_f, kir_e = voltage_factors.py_func(grid, q)
    return np.ascontiguousarray(np.stack([m_inf, h_inf, n_inf, np.exp(-dt_ms / tm),
                                          np.exp(-dt_ms / th), np.exp(-dt_ms / tn), kir_s,
                                          pump_f, kir_e], axis=1))


# The lumen's factors on a grid of [K]_t (rows 0.005 mM apart; within ~2e-4 of the formulas at
# 0.5 mM, ~3e-6 at 4 mM); a lumen outside the grid takes the formulas.
LUMEN_MIN_MM, LUMEN_MAX_MM, LUMEN_STEP_MM = 0.5, 60.0, 0.005


def lumen_table(q: np.ndarray) -> np.ndarray:
    """The ``lumen_factors`` table ``[row, column]`` of a fibre with constants ``q``."""
    grid = np.arange(LUMEN_MIN_MM, LUMEN_MAX_MM + 0.5 * LUMEN_STEP_MM, LUMEN_STEP_MM)
    return np.ascontiguousarray(np.stack(lumen_factors.py_func(grid, q), axis=1))


@numba.njit(**STEP_COMPILE)
def tabulated_lumen_factors(kt, q, table):
    """``lumen_factors``, interpolated in ``table`` (``lumen_table``) inside its grid."""
    position = (kt - LUMEN_MIN_MM) / LUMEN_STEP_MM
    if not 0.0 <= position < table.shape[0] - 1:
        return lumen_factors(kt, q)
    i = int(position)
    f = position - i
    lo, hi = table[i], table[i + 1]
    return (lo[0] + f * (hi[0] - lo[0]), lo[1] + f * (hi[1] - lo[1]),
            lo[2] + f * (hi[2] - lo[2]))


def tabulated_lumen_factors_numpy(kt, q, tables, which):
    """``tabulated_lumen_factors`` for arrays of fibres (q [constant, fibre]), fibre k reading
    ``tables[which[k]]``."""
    position = (kt - LUMEN_MIN_MM) / LUMEN_STEP_MM
    inside = (position >= 0.0) & (position < tables.shape[1] - 1)
    i = np.where(inside, position, 0.0).astype(np.int64)
    f = (np.where(inside, position, 0.0) - i)[:, None]
    row = tables[which, i] + f * (tables[which, i + 1] - tables[which, i])
    with np.errstate(divide="ignore", invalid="ignore"):
        exact = np.stack(lumen_factors.py_func(kt, q), axis=1)
    return tuple(np.where(inside, row[:, c], exact[:, c]) for c in range(3))


@numba.njit(**STEP_COMPILE)
def _table_position(v, table):
    position = (v - TABLE_MIN_MV) / TABLE_STEP_MV
    position = min(max(position, 0.0), table.shape[0] - 1.000001)
    i = int(position)
    return i, position - i


@numba.njit(**STEP_COMPILE)
def tabulated_gates(v, x_m, x_h, x_n, table):
    """(``gates`` for the table's step size, then the three ``voltage_factors``) at v,
    interpolated in ``table``."""
    i, f = _table_position(v, table)
    lo, hi = table[i], table[i + 1]
    m_inf = lo[0] + f * (hi[0] - lo[0])
    h_inf = lo[1] + f * (hi[1] - lo[1])
    n_inf = lo[2] + f * (hi[2] - lo[2])
    return (m_inf + (x_m - m_inf) * (lo[3] + f * (hi[3] - lo[3])),
            h_inf + (x_h - h_inf) * (lo[4] + f * (hi[4] - lo[4])),
            n_inf + (x_n - n_inf) * (lo[5] + f * (hi[5] - lo[5])),
            lo[6] + f * (hi[6] - lo[6]), lo[7] + f * (hi[7] - lo[7]),
            lo[8] + f * (hi[8] - lo[8]))


@numba.njit(**STEP_COMPILE)
def tabulated_pump_factor(v, table):
    """The pump voltage factor at v, interpolated in ``table``."""
    i, f = _table_position(v, table)
    return table[i, 7] + f * (table[i + 1, 7] - table[i, 7])


def _table_rows_numpy(v, tables, which):
    position = np.clip((v - TABLE_MIN_MV) / TABLE_STEP_MV, 0.0, tables.shape[1] - 1.000001)
    i = position.astype(np.int64)
    f = (position - i)[:, None]
    return tables[which, i] + f * (tables[which, i + 1] - tables[which, i])


def tabulated_gates_numpy(v, x_m, x_h, x_n, tables, which):
    """``tabulated_gates`` for arrays of fibres, fibre k reading ``tables[which[k]]``."""
    row = _table_rows_numpy(v, tables, which)
    return (row[:, 0] + (x_m - row[:, 0]) * row[:, 3], row[:, 1] + (x_h - row[:, 1]) * row[:, 4],
            row[:, 2] + (x_n - row[:, 2]) * row[:, 5], row[:, 6], row[:, 7], row[:, 8])


def tabulated_pump_factor_numpy(v, tables, which):
    """``tabulated_pump_factor`` for arrays of fibres."""
    return _table_rows_numpy(v, tables, which)[:, 7]


@numba.njit(cache=True)
def tubule_potassium_current(vt_, nt, kt, q):
    """Net K⁺ current out of the myoplasm into the T-tubule lumen (µA/cm² of surface)."""
    e_kt = q[Q.v_thermal] * np.log(kt / q[Q.k_in])
    g = q[Q.g_k_t] * nt ** 4 + q[Q.g_kir_t] * kir_conductance(vt_, kt, e_kt, q)
    return g * (vt_ - e_kt) - 2.0 * q[Q.pump_t] * pump_current(vt_, kt, q)


@numba.njit(cache=True)
def membrane_step(vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, dt, q):
    """One step of ``dt`` of one fibre (module doc); returns the new
    (vs, vt, ms, hs, ns, mt, ht, nt, kt, gep, i_ep), gep the end-plate conductance and i_ep the
    step's mean end-plate current (µA/cm², inward positive)."""
    return step_with(vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, dt, step_decays(dt, q), q,
                     np.empty((0, 9)), np.empty((0, 3)))


@numba.njit(inline="always", **STEP_COMPILE)
def step_with(vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, dt, decays, q, table, lumen):
    """``membrane_step`` with ``decays`` = ``step_decays(dt, q)``, its gates and factors read
    from ``table`` (``gate_table`` for this dt) and ``lumen`` (``lumen_table``), or from the
    formulas when ``table`` has no rows."""
    if table.shape[0] > 0:
        ms, hs, ns, kir_s, pump_s, _ = tabulated_gates(vs, ms, hs, ns, table)
        mt, ht, nt, _, pump_t, kir_e_t = tabulated_gates(vt_, mt, ht, nt, table)
        e_kt, root, lumen_e = tabulated_lumen_factors(kt, q, lumen)
    else:
        ms, hs, ns = gates(vs, ms, hs, ns, dt, q)
        mt, ht, nt = gates(vt_, mt, ht, nt, dt, q)
        kir_s = kir_conductance(vs, q[Q.k_out], q[Q.e_k_s], q)
        pump_s = pump_voltage_factor(vs, q)
        pump_t = pump_voltage_factor(vt_, q)
        kir_e_t = kir_exponential(vt_, q)
        e_kt, root, lumen_e = lumen_factors(kt, q)
    epc_decay, k_decay = decays
    vs_new, vt_new, g_lumen, g_ep = step_potentials(
        vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, dt, epc_decay, q, kir_s, pump_s, pump_t,
        e_kt, tubule_kir(kir_e_t, root, lumen_e))
    pump_t_new = (tabulated_pump_factor(vt_new, table) if table.shape[0] > 0
                  else pump_voltage_factor(vt_new, q))
    kt_new = step_lumen_potassium(vt_new, kt, e_kt, g_lumen, pump_t_new, k_decay, q)
    return (vs_new, vt_new, ms, hs, ns, mt, ht, nt, kt_new, gep * epc_decay,
            g_ep * (q[Q.epc_reversal] - vs_new))


@numba.njit(**STEP_COMPILE)
def step_decays(dt, q):
    """(end-plate conductance, T-tubular K⁺ excess) decay factors over a step of ``dt``: they
    depend on the step size only, so a caller that takes many equal steps computes them once."""
    return np.exp(-dt / q[Q.epc_tau]), np.exp(-dt / q[Q.tau_k])


@numba.njit(**STEP_COMPILE)
def step_potentials(vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, dt, epc_decay, q, kir_s, pump_s,
                    pump_t, e_kt, kir_t):
    """The potentials' part of ``membrane_step`` once the gates have taken their step (exactly
    or from a table), given the voltage and lumen factors at the old state (``kir_s``, ``pump_s``
    at V_s; ``pump_t`` the pump factor at V_t; ``e_kt`` the lumen's E_K and ``kir_t`` the tubular
    Kir chord conductance per unit ḡ): (V_s', V_t', the lumen's K⁺ conductance, the step's mean
    end-plate conductance)."""
    e_na, e_cl, e_ks = q[Q.e_na], q[Q.e_cl], q[Q.e_k_s]
    g_ep = gep * (1.0 - epc_decay) * q[Q.epc_tau] / dt  # mean over the step
    # surface
    g_na = q[Q.g_na_s] * ms * ms * ms * hs
    g_k = q[Q.g_k_s] * ns ** 4
    g_kir = q[Q.g_kir_s] * kir_s
    g_s = g_na + g_k + g_kir + q[Q.g_cl_s] + q[Q.g_leak] + g_ep
    i_s = ((g_na + q[Q.g_leak]) * e_na + (g_k + g_kir) * e_ks + q[Q.g_cl_s] * e_cl
           - q[Q.pump_s] * pump_s * q[Q.k_out] / (q[Q.k_out] + q[Q.pump_k_half])
           + g_ep * q[Q.epc_reversal])
    # tubule
    g_na_t = q[Q.g_na_t] * mt * mt * mt * ht
    g_lumen = q[Q.g_k_t] * nt ** 4 + q[Q.g_kir_t] * kir_t
    g_t = g_na_t + g_lumen + q[Q.g_cl_t]
    i_t = (g_na_t * e_na + g_lumen * e_kt + q[Q.g_cl_t] * e_cl
           - q[Q.pump_t] * pump_t * kt / (kt + q[Q.pump_k_half]))
    # backward Euler of the coupled pair
    ga = q[Q.g_a]
    inv_dt = 1.0 / dt
    cs_dt = q[Q.c_s] * inv_dt
    ct_dt = q[Q.c_t] * inv_dt
    a11 = cs_dt + g_s + ga
    a22 = ct_dt + g_t + ga
    b1 = cs_dt * vs + i_s
    b2 = ct_dt * vt_ + i_t
    inv_det = 1.0 / (a11 * a22 - ga * ga)
    return (b1 * a22 + ga * b2) * inv_det, (a11 * b2 + ga * b1) * inv_det, g_lumen, g_ep


@numba.njit(**STEP_COMPILE)
def step_lumen_potassium(vt_new, kt, e_kt, g_lumen, pump_t_new, k_decay, q):
    """[K]_t after the step: the flux at the new potential (``pump_t_new`` the pump factor
    there) and gates, held over the step, and the exact solution of the linear equation."""
    j = (g_lumen * (vt_new - e_kt)
         - 2.0 * q[Q.pump_t] * pump_t_new * kt / (kt + q[Q.pump_k_half]))
    k_inf = q[Q.k_out] + q[Q.tau_k] * j * q[Q.flux_to_mM]
    return k_inf + (kt - k_inf) * k_decay


@numba.njit(cache=True)
def release_fraction(peak_tubule_mV, q):
    """Fraction of maximal Ca²⁺ release for a T-tubule action potential peaking at the value."""
    return _boltzmann(peak_tubule_mV, q[Q.release_half], q[Q.release_slope])


# --- steady state and references ------------------------------------------------------------

@numba.njit(cache=True)
def _settle(state, n_steps, dt_ms, q):
    """``n_steps`` of ``membrane_step`` from ``state`` (its first ten arguments), in place: one
    compiled loop, where a loop in Python took most of a model's start-up."""
    vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep = state
    for _ in range(n_steps):
        vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep, _ = membrane_step(vs, vt_, ms, hs, ns, mt, ht,
                                                                    nt, kt, gep, dt_ms, q)
    state[:] = (vs, vt_, ms, hs, ns, mt, ht, nt, kt, gep)


def resting_state(q: np.ndarray, settle_ms: float = 3000.0, dt_ms: float = 0.5,
                  start: np.ndarray | None = None) -> np.ndarray:
    """The packed variables ``S`` of a fibre left alone for ``settle_ms`` from ``start`` (default:
    −85 mV with gates at steady state and [K]_t = [K]_o)."""
    x = np.zeros(len(S._fields))
    if start is None:
        x[S.v_surface] = x[S.v_tubule] = q[Q.e_k_s]
        for row in (S.m_surface, S.m_tubule):
            x[row] = 0.0
        x[S.h_surface] = x[S.h_tubule] = 1.0
        x[S.k_tubule] = q[Q.k_out]
    else:
        x[:] = start
    rows = [S.v_surface, S.v_tubule, S.m_surface, S.h_surface, S.n_surface, S.m_tubule,
            S.h_tubule, S.n_tubule, S.k_tubule]
    state = np.append(x[rows], 0.0)  # no end-plate conductance
    _settle(state, round(settle_ms / dt_ms), dt_ms, q)
    x[rows] = state[:-1]
    x[S.end_plate_conductance] = 0.0
    x[S.ap_phase] = 0.0
    x[S.ap_armed] = 1.0
    x[S.v_before] = x[S.v_surface]
    x[S.peak_surface] = x[S.peak_tubule] = x[S.v_surface]
    x[S.ap_time] = -1e9
    x[S.conduction_velocity] = q[Q.cv_default]
    return x


@numba.njit(cache=True)
def _response(x, q, amplitude, dt, duration):
    """(peak V_s, peak V_t, max ionic dV_s/dt, peak of the unshunted V_s) of a fibre at ``x``
    after an end-plate conductance of ``amplitude`` (mS/cm²) at t = 0."""
    vs, vt_, ms, hs, ns = x[S.v_surface], x[S.v_tubule], x[S.m_surface], x[S.h_surface], \
        x[S.n_surface]
    mt, ht, nt, kt = x[S.m_tubule], x[S.h_tubule], x[S.n_tubule], x[S.k_tubule]
    epc = amplitude
    peak_s, peak_t, rate, peak_unshunted = vs, vt_, 0.0, vs
    for _ in range(int(duration / dt)):
        v_old = vs
        vs, vt_, ms, hs, ns, mt, ht, nt, kt, epc, mean = membrane_step(
            vs, vt_, ms, hs, ns, mt, ht, nt, kt, epc, dt, q)
        peak_s = max(peak_s, vs)
        peak_t = max(peak_t, vt_)
        rate = max(rate, (vs - v_old) / dt - mean / q[Q.c_s])
        peak_unshunted = max(peak_unshunted, unshunted_potential(vs, mean, ms, hs, ns, q))
    return peak_s, peak_t, rate, peak_unshunted


def response(q: np.ndarray, amplitude: float, dt_ms: float = 0.025, duration_ms: float = 10.0,
             start: np.ndarray | None = None) -> tuple[float, float, float]:
    """(peak V_s, peak V_t, largest ionic rate of rise in mV/ms) after one end-plate
    conductance of ``amplitude`` mS/cm² at a fibre at rest (or at ``start``)."""
    x = resting_state(q) if start is None else start
    return _response(x, q, float(amplitude), dt_ms, duration_ms)[:3]




def threshold_amplitude(q: np.ndarray, dt_ms: float = 0.025) -> float:
    """Smallest end-plate conductance amplitude (mS/cm²) that fires the fibre (bisection)."""
    rest = resting_state(q)
    detection = q[Q.ap_detection]

    def fires(a: float) -> bool:
        return _response(rest, q, a, dt_ms, 10.0)[0] > detection

    return smallest_firing_amplitude(fires, 5.0, 1e4)


def smallest_firing_amplitude(fires: Callable[[float], bool], first_try: float,
                              ceiling: float) -> float:
    """Smallest amplitude for which ``fires`` holds: doubled from ``first_try`` until it fires
    (inf once past ``ceiling``), then 30 bisections; the upper end of the last bracket."""
    low, high = 0.0, first_try
    while not fires(high):
        low, high = high, 2.0 * high
        if high > ceiling:
            return math.inf
    for _ in range(30):
        mid = 0.5 * (low + high)
        low, high = (low, mid) if fires(mid) else (mid, high)
    return high


# The diameter (µm) of the fibre that the references and the steady potential are computed for:
# the default fibre, whose references every other diameter's end plate is sized against.
DEFAULT_FIBRE_DIAMETER_UM = 55.0


@lru_cache(maxsize=64)
def passive_chloride_mM(values_key: tuple, ions_key: tuple) -> float:
    """Myoplasmic Cl⁻ in equilibrium with the fibre's steady resting potential (module doc):
    the steady state of the fibre with no Cl⁻ current, then [Cl]_i = [Cl]_o exp(V/V_T)."""
    values, ion_values = dict(values_key), dict(ions_key)
    q = unit_constants({**values, "g_cl": 0.0}, ion_values, DEFAULT_FIBRE_DIAMETER_UM,
                       references=False, chloride_mM=1.0)
    v = resting_state(q)[S.v_surface]
    return float(ion_values["chloride"] * math.exp(v / ions.thermal_voltage_mV(
        ion_values["temperature"])))


@lru_cache(maxsize=1)
def default_fibre_references() -> tuple[float, float, float]:
    """(AP amplitude above rest in mV, away from the end plate: ``unshunted_potential``; max
    ionic rate of rise in mV/ms; threshold end-plate conductance in mS/cm²) of the default fibre
    (default parameters and ions, 55 µm) at rest.
    Every fibre's end-plate conductance is its safety factor times this threshold, so a fibre
    with fewer Na⁺ channels, or a depolarised one, has a smaller effective safety factor."""
    values, q, rest = _default_fibre()
    threshold = threshold_amplitude(q)
    _, _, rate, peak_s = _response(rest, q, values["epc_safety_factor"] * threshold, 0.025,
                                   10.0)
    return peak_s - rest[S.v_surface], rate, threshold


@lru_cache(maxsize=1)
def _default_fibre() -> tuple[dict[str, float], np.ndarray, np.ndarray]:
    """(default parameters, constants without references, resting state) of the default fibre
    (default ions, 55 µm)."""
    values = PARAMETERS.defaults()
    q = unit_constants(values, ions.PARAMETERS.defaults(), DEFAULT_FIBRE_DIAMETER_UM,
                      references=False)
    return values, q, resting_state(q)


# end-plate strengths (conductance over the most sensitive end plate's) at which the default
# fibre's rate of rise is tabulated: 1 to the largest safety-factor spread ``junction`` allows
_STRENGTH_GRID = np.linspace(1.0, 10.0, 37)


@lru_cache(maxsize=1)
def _rate_by_strength() -> np.ndarray:
    """The default fibre's largest ionic rate of rise after an end-plate conductance of each
    ``_STRENGTH_GRID`` times its normal one, over that at the normal one."""
    values, q, rest = _default_fibre()
    normal = values["epc_safety_factor"] * default_fibre_references()[2]
    rates = np.array([_response(rest, q, s * normal, 0.025, 10.0)[2] for s in _STRENGTH_GRID])
    return rates / rates[0]


def rate_reference_scale(strength: np.ndarray) -> np.ndarray:
    """How much faster the default fibre's membrane rises at an end plate ``strength`` times
    the most sensitive one's (``junction.end_plate_strengths``). A point fibre's ionic rate of
    rise, kramp's gauge of its conduction velocity, grows with the end-plate conductance that
    sets it off (1.6 times at three times the conductance: the end plate drives the membrane
    through the Na⁺ channels' activation faster), where a propagated action potential does not
    depend on it; each fibre's rate is therefore read against the default fibre's at its own
    end plate's strength."""
    return np.interp(strength, _STRENGTH_GRID, _rate_by_strength())


def steady_potential_mV(values: Mapping[str, float], ion_values: Mapping[str, float],
                        start: np.ndarray | None = None, settle_ms: float = 20000.0
                        ) -> tuple[float, np.ndarray]:
    """(steady surface potential, the packed steady state) of a fibre in ``ion_values``, reached
    from ``start`` (continuation along a branch) or from −85 mV."""
    q = unit_constants(values, ion_values, DEFAULT_FIBRE_DIAMETER_UM, references=False)
    x = resting_state(q, settle_ms=settle_ms, start=start)
    return float(x[S.v_surface]), x
