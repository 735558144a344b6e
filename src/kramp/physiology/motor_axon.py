"""The excitable membrane of one active site of a human motor axon: a node and its internode.

An active site of the axon component (the stimulation site, an ectopic site, the motor point) is
one node of Ranvier with the axolemma of its adjacent internode, the two-compartment arrangement
of Bostock, Baker & Reid (1991) used in the human excitability models of Bostock and colleagues
(Kiernan & Bostock 2000s; Howells, Trevillion, Bostock & Burke 2012). The axoplasm of the node and
of the internode is one conductor; the internodal axolemma faces the periaxonal space, which
reaches the outside through the paranodal seal (the Barrett–Barrett pathway, G_BB; Barrett &
Barrett 1982). With the myelin's own small conductance and capacitance neglected, the node
potential V_n and the internodal axolemma potential V_i obey::

    C_n dV_n/dt = −I_node(V_n) − g_BB (V_n − V_i) + I_stim
    C_i dV_i/dt = −I_int(V_i)  + g_BB (V_n − V_i)

Everything is per unit area of the *node* (µF/cm², mS/cm², µA/cm²): an internodal density is
multiplied by ρ = A_int/A_node = (L − ℓ)/ℓ (same axon diameter d = 0.6 D, internode length
L − ℓ = 100 D − ℓ, node length ℓ, Sweeney 1987), and g_BB = G_BB / A_node.

**Node** (the rat node of McIntyre, Richardson & Grill 2002, "MRG"; V in mV, rates in 1/ms)::

    I_node = ḡ_Na m³h (V − E_Na) + f_p ḡ_Na p³ (V − E_Na) + ḡ_Ks s (V − E_K) + ḡ_Ln (V − E_Ln)

    α_m = 1.86 x/(1 − e^{−x/10.3}), x = V+21.4     β_m = 0.086 x/(e^{x/9.16} − 1), x = V+25.7
    α_h = 0.062 x/(e^{x/11} − 1), x = V+114        β_h = 2.3/(1 + e^{−x/13.4}), x = V+31.8
    α_p = 0.01 x/(1 − e^{−x/10.2}), x = V+27       β_p = 0.00025 x/(e^{x/10} − 1), x = V+34
    α_s = 0.3/(1 + e^{−x/5}), x = V+53             β_s = 0.03/(1 + e^{−x}), x = V+90

m, h and p are given at 20 °C (Q10 2.2 for m and p, 2.9 for h), s at 36 °C (Q10 3.0), as in MRG.
The persistent Na⁺ channels are a fraction f_p of the Na⁺ channels that do not inactivate and
activate with p.

**Internode** (axolemma under the myelin)::

    I_int = ḡ_Kf n⁴ (V − E_K) + ḡ_H q (V − E_H) + ḡ_Li (V − E_Li) + i_pump

    α_n = 0.129 x/(1 − e^{−x/10}), x = V+53        β_n = 0.324 x/(e^{x/10} − 1), x = V+78
    q∞ = 1/(1 + e^{(V − V_q)/k_q}),  α_q = r_q e^{−(V−V_q)/(2k_q)},  β_q = r_q e^{(V−V_q)/(2k_q)}

n (fast, Kv1.1/1.2 juxtaparanodal K⁺) at 37 °C (Bostock-model constants, via a secondary
source), q (HCN, Iₕ) with the half-activation of human motor axons (Howells et al. 2012) and
a time constant of a few hundred ms (τ_q = 1/(2 r_q) at V_q). E_H is the GHK zero-current
potential of a channel with P_Na/P_K = ρ_H. The pump current i_pump is set, once, at the
person-independent default ions, to one third of the resting Na⁺ influx (3 Na⁺ out, 2 K⁺ in per
cycle: the net outward charge that keeps [Na]ᵢ steady); it is then held fixed, so an acute change
of the person's ions does not move it.

**Ions and temperature.** E_Na, E_K by Nernst (``ions.nernst_mV``) from the person's interstitial
ions and the axoplasmic concentrations of the table; every Na⁺, K⁺ and HCN gate is evaluated at
V − ψ with ψ = ``ions.gating_shift_mV`` (negative in hypocalcaemia: gating moves toward rest).
Each rate is multiplied by Q10^((T − T_ref)/10) at T = ``ions.temperature``.

**Calibration of f_p** (target A9). With MRG's share (0.01 of 3 S/cm², f_p = 0.0033) this
two-compartment site keeps firing on its own after a few spikes at 20 Hz: the charge the internode
takes up in each spike and the persistent Na⁺ current add up to the next threshold. Normal human
motor axons follow voluntary and electrical trains one to one and do not fire after them (they
hyperpolarise instead; Bostock & Grafe 1985). f_p is the largest of the round values 0.0002,
0.0005, 0.001, 0.002 at which the site, at 37 °C, answers 2 s trains at 10–200 Hz with exactly
one spike per pulse and nothing after the train: 0.0005 (0.001 adds spikes at 100 Hz; 0.0005
itself adds a few at 300 Hz, a rate motor axons meet only in brief doublets). That is a
fit, so A9 is a calibration; the calcium level at which discharges begin (E5) and the effect of
alkalosis (E6) were not used and stay predictions.

**Not in this site** (limits that show in the targets): the node is one patch, so the strength–
duration time constant is the patch's, without the neighbouring nodes of a real axon (A7); the
recovery cycle has no refractoriness at 2 ms and too much superexcitability (about −39 % at
5–7 ms against −20 to −25 % in human recordings) because the internode's charge, not f_p, makes
the depolarising afterpotential here; the pump does not follow the axoplasm's Na⁺, so trains do
not hyperpolarise the axon afterwards; every site of a person stands for a fibre of the pool's
mean diameter; and the site's membrane is not the one the cable model (``kramp.engine.cable``)
uses for conduction velocity, which stays the CRRSS node's. And the site tolerates little
potassium. Its rest balances large currents (at 4 mM and 37 °C, per cm² of node: 40 µA of Na⁺
inward through the node's window and persistent channels against 34 µA of leak and 18 of slow
K⁺ outward; the internode's HCN inflow against the fixed pump), and of its resting conductance
only the slow K⁺, about a seventh, follows E_K (the leak reverses at a fixed −90 mV), so as K⁺
rises the steady-state current near rest turns inward. At the default 35 °C the site is bistable
from 4.35 mM K⁺ (its rest near −85 mV, an unstable steady state and a depolarised one, −71 mV
at 4.35 mM and −62 mV at 5.5 mM), and from 5.7 mM it has no resting state at all, only the
depolarised one (−59 mV at 6 mM, −56 mV at 7 mM): a train tips it over and it fires on its own
(target A10, a strict xfail), so results with raised potassium (``hyperkalaemia``) overstate
the axons' excitability. ``steady_potentials`` lists the steady states; where no resting state
is left, ``steady_state`` gives the most negative of them
(``python studies/motor_axon_steady_states.py`` tabulates them over K⁺, Ca²⁺ and temperature).

**Integration** (``site_step``): every gate by exponential Euler (exact for fixed V; the rates
read from a table on a 0.05 mV grid, ``site_table``), then the two potentials by backward Euler
on the 2 × 2 linear system with the new gates (stable for any dt; the node's own time constant
is ~10 µs).

Sources are in ``REFERENCES``; a value marked "not re-checked" was taken from memory of the paper
or from a secondary source and was not compared with the original.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

import numba
import numpy as np
from scipy.optimize import fsolve

from kramp.params import Param, ParameterTable, Variable, rows, variable_rows
from kramp.physiology import ions, nerve
from kramp.physiology.axon import MYELINATED_AXON, node_area_cm2

REFERENCES = {
    "bostock_grafe1985": (
        "Bostock H, Grafe P (1985) Activity-dependent excitability changes in normal and "
        "demyelinated rat spinal root axons. J Physiol 365:239–257: normal axons hyperpolarise "
        "after impulse trains (electrogenic Na⁺ pump) rather than fire after them (not "
        "re-checked)"
    ),
    "mcintyre2002": (
        "McIntyre CC, Richardson AG, Grill WM (2002) Modeling the excitability of mammalian nerve "
        "fibers: influence of afterpotentials on the recovery cycle. J Neurophysiol 87:995–1006: "
        "nodal fast Na (m³h), persistent Na (p³), slow K (s) rate equations; ḡ_Naf 3 S/cm², "
        "ḡ_Nap 0.01 S/cm², ḡ_Ks 0.08 S/cm², ḡ_L 7 mS/cm², E_L −90 mV, C 2 µF/cm²; Na rates at "
        "20 °C with Q10 2.2 (m, p) and 2.9 (h), slow K at 36 °C with Q10 3.0 (values as in the "
        "published model's code, not re-checked against the appendix)"
    ),
    "bostock1991": (
        "Bostock H, Baker M, Reid G (1991) Changes in excitability of human motor axons "
        "underlying post-ischaemic fasciculations: evidence for two stable states. J Physiol "
        "441:537–557: node + internode joined by the Barrett–Barrett pathway; internodal fast "
        "K⁺ rates α_n = 0.129 (V+53)/(1 − e^{−(V+53)/10}), β_n = 0.324 (−V−78)/(1 − "
        "e^{(V+78)/10}) at 37 °C, as reproduced in a textbook chapter (Computational "
        "Neuroscience, CRC 2013, ch. 10; secondary, not re-checked)"
    ),
    "howells2012": (
        "Howells J, Trevillion L, Bostock H, Burke D (2012) The voltage dependence of Iₕ in human "
        "myelinated axons. J Physiol 590:1625–1640: HCN half-activation of motor axons near "
        "−107 mV, slope ~ 12 mV; internodal Kf ~ 20 nS, HCN ~ 2–5 nS, G_BB ~ 30–60 nS for the "
        "whole internode (values recalled, not re-checked)"
    ),
    "barrett1982": (
        "Barrett EF, Barrett JN (1982) Intracellular recording from vertebrate myelinated axons: "
        "mechanism of the depolarizing afterpotential. J Physiol 323:117–144: the paranodal "
        "pathway from the periaxonal space (magnitude via the Bostock models, not re-checked)"
    ),
    "bostock_rothwell1997": (
        "Bostock H, Rothwell JC (1997) Latent addition in motor and sensory fibres of human "
        "peripheral nerve. J Physiol 498:277–294: persistent Na⁺ about 1–2.5 % of the Na⁺ "
        "conductance in their model's terms (not re-checked); the range of f_p, whose value here "
        "is calibrated (A9)"
    ),
    "sweeney1987": (
        "Sweeney JD, Mortimer JT, Durand D (1987) Proc 9th IEEE EMBS 1577–1578: axon diameter "
        "0.6 D, node 1.5 µm, internode 100 D (see kramp.physiology.axon)"
    ),
    "membrane_capacitance": (
        "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed.: specific capacitance of "
        "biological membranes ≈ 1 µF/cm² (secondary)"
    ),
    "axoplasm": (
        "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed., ionic concentrations of "
        "mammalian cells: [K]i ≈ 140–155 mM, [Na]i ≈ 5–15 mM (not re-checked); Bostock-type "
        "human axon models use [Na]i ≈ 9–10 mM (not re-checked)"
    ),
    "hcn_permeability": (
        "Pape HC (1996) Queer current and pacemaker: the hyperpolarization-activated cation "
        "current in neurons. Annu Rev Physiol 58:299–327: P_Na/P_K of Iₕ ≈ 0.2–0.4, reversal "
        "≈ −25 to −40 mV; activation τ from ~100 ms to seconds; Q10 ≈ 3–4 (not re-checked)"
    ),
    "schwarz_eikhof1987": (
        "Schwarz JR, Eikhof G (1987) Na currents and action potentials in rat myelinated nerve "
        "fibres at 20 and 37 °C. Pflügers Arch 409:569–577: Q10 of K⁺ kinetics ≈ 3 (not "
        "re-checked)"
    ),
    "kawamura1977": (
        "Kawamura Y et al. (1977) J Neuropathol Exp Neurol 36:853–860: human alpha motor fibres "
        "9–16 µm (see kramp.physiology.axon); 12 µm is a representative fibre"
    ),
    "na_pump": (
        "Na⁺/K⁺-ATPase stoichiometry 3 Na⁺ : 2 K⁺ (Post RL, Jolly PC 1957 Biochim Biophys Acta "
        "25:118–128; not re-checked): in a steady state the pump's net outward current is one "
        "third of the Na⁺ influx"
    ),
}

PARAMETERS = ParameterTable(
    component="motor_axon",
    references=REFERENCES,
    params=(
        Param("cm_node", 2.0, "uF/cm2", (0.5, 5.0), "mcintyre2002",
              "specific capacitance of the nodal membrane", "C_n"),
        Param("cm_internode", 1.0, "uF/cm2", (0.5, 2.0), "membrane_capacitance",
              "specific capacitance of the internodal axolemma", "C_i"),
        Param("g_na", 3000.0, "mS/cm2", (0.0, 6000.0), "mcintyre2002",
              "peak Na⁺ conductance of the node (0 = complete block)", "ḡ_Na"),
        Param("nap_fraction", 0.0005, "1", (0.0, 0.05), "bostock_rothwell1997",
              "share of the Na⁺ channels that are persistent (non-inactivating); fitted "
              "(module doc, calibration)", "f_p", fitted_to=("A9",)),
        Param("g_ks", 80.0, "mS/cm2", (0.0, 300.0), "mcintyre2002",
              "slow (Kv7/KCNQ) K⁺ conductance of the node", "ḡ_Ks"),
        Param("g_leak_node", 7.0, "mS/cm2", (0.0, 50.0), "mcintyre2002",
              "leak conductance of the node", "ḡ_Ln"),
        Param("e_leak", -90.0, "mV", (-100.0, -60.0), "mcintyre2002",
              "leak reversal potential (node and internode)", "E_L"),
        Param("bb_conductance", 30.0, "nS", (5.0, 200.0), "howells2012",
              "Barrett–Barrett (paranodal seal) conductance of the site's internode", "G_BB"),
        Param("g_kf", 0.08, "mS/cm2", (0.0, 1.0), "howells2012",
              "fast (Kv1) K⁺ conductance per area of internodal axolemma (~22 nS at 12 µm)",
              "ḡ_Kf"),
        Param("g_h", 0.01, "mS/cm2", (0.0, 0.1), "howells2012",
              "HCN conductance per area of internodal axolemma (~2.7 nS at 12 µm)", "ḡ_H"),
        Param("g_leak_internode", 0.0016, "mS/cm2", (0.0, 0.05), "howells2012",
              "leak conductance per area of internodal axolemma (~0.44 nS at 12 µm)", "ḡ_Li"),
        Param("hcn_half_activation", -107.3, "mV", (-130.0, -80.0), "howells2012",
              "HCN half-activation potential", "V_q"),
        Param("hcn_slope", 12.0, "mV", (4.0, 20.0), "howells2012",
              "HCN activation slope factor", "k_q"),
        Param("hcn_tau_max", 300.0, "ms", (30.0, 3000.0), "hcn_permeability",
              "HCN activation time constant at V_q, at 37 °C", "τ_q"),
        Param("hcn_na_to_k", 0.3, "1", (0.1, 0.5), "hcn_permeability",
              "P_Na/P_K of the HCN channel", "ρ_H"),
        Param("sodium_inside", 10.0, "mM", (4.0, 30.0), "axoplasm",
              "axoplasmic Na⁺", "[Na]i"),
        Param("potassium_inside", 155.0, "mM", (100.0, 180.0), "axoplasm",
              "axoplasmic K⁺", "[K]i"),
        Param("q10_m", 2.2, "1", (1.0, 5.0), "mcintyre2002",
              "Q10 of Na⁺ activation (m, p) rates, given at 20 °C", "Q10_m"),
        Param("q10_h", 2.9, "1", (1.0, 5.0), "mcintyre2002",
              "Q10 of Na⁺ inactivation (h) rates, given at 20 °C", "Q10_h"),
        Param("q10_ks", 3.0, "1", (1.0, 5.0), "mcintyre2002",
              "Q10 of slow K⁺ (s) rates, given at 36 °C", "Q10_s"),
        Param("q10_kf", 3.0, "1", (1.0, 5.0), "schwarz_eikhof1987",
              "Q10 of fast K⁺ (n) rates, given at 37 °C", "Q10_n"),
        Param("q10_h_channel", 3.0, "1", (1.0, 5.0), "hcn_permeability",
              "Q10 of HCN (q) rates, given at 37 °C", "Q10_q"),
        Param("pump_share", 1.0 / 3.0, "1", (0.0, 1.0), "na_pump",
              "pump's net outward current / resting Na⁺ influx (3 Na⁺ : 2 K⁺)", "ν"),
    ),
)

# A site stands for a fibre of the pool's mean diameter (the nerve's one source of diameters):
# the internode's share of membrane and the Barrett–Barrett conductance per node area follow it.
REPRESENTATIVE_DIAMETER_UM = 0.5 * (nerve.PARAMETERS["fibre_diameter_smallest"].value
                                    + nerve.PARAMETERS["fibre_diameter_largest"].value)

# a spike is an upward crossing of this level (a passive response to a relay cannot reach it)
SPIKE_DETECTION_MV = 0.0

# reference temperatures of the published rates (degC)
T_REF_NA = 20.0   # MRG m, h, p
T_REF_KS = 36.0   # MRG s
T_REF_KF = 37.0   # Bostock n
T_REF_H = 37.0    # HCN q

VARIABLES = (
    Variable("v_node", "mV", "membrane potential of the node"),
    Variable("v_internode", "mV", "potential across the internodal axolemma"),
    Variable("m", "1", "Na⁺ activation"),
    Variable("h", "1", "Na⁺ inactivation"),
    Variable("p", "1", "persistent Na⁺ activation"),
    Variable("s", "1", "slow K⁺ (nodal) activation"),
    Variable("n", "1", "fast K⁺ (internodal) activation"),
    Variable("q", "1", "HCN (internodal) activation"),
)
S = variable_rows(VARIABLES)
N_VAR = len(VARIABLES)

# the constants vector of one site, built by ``site_constants``
K = rows((
    "c_node", "c_int",                                  # µF/cm² (internode × ρ)
    "g_na", "g_nap", "g_ks", "g_ln", "g_bb",           # mS/cm² of node
    "g_kf", "g_h", "g_li", "i_pump",                   # × ρ: mS/cm², µA/cm² (outward)
    "e_na", "e_k", "e_h", "e_leak",                    # mV
    "t_m", "t_h", "t_s", "t_n", "t_q",                 # temperature factors of the rates
    "o_am", "o_bm", "o_ah", "o_bh", "o_ap", "o_bp",    # x = V + o (o = B − ψ), mV
    "o_as", "o_bs", "o_an", "o_bn",
    "o_q", "r_q", "inv_2kq",                           # HCN: x = V + o_q; rate 1/ms; 1/(2 k)
))
N_CONST = len(K)


def _constants(p: Mapping[str, float], ion_values: Mapping[str, float], i_pump: float,
               fibre_diameter_um: float) -> np.ndarray:
    t = ion_values["temperature"]
    psi = ions.gating_shift_mV(ion_values)
    g = MYELINATED_AXON.defaults()
    node_um = g["node_length"]
    rho = (g["internode_to_fibre"] * fibre_diameter_um - node_um) / node_um  # A_int / A_node
    k = np.zeros(N_CONST)
    k[K.c_node] = p["cm_node"]
    k[K.c_int] = p["cm_internode"] * rho
    k[K.g_na] = p["g_na"]
    k[K.g_nap] = p["g_na"] * p["nap_fraction"]
    k[K.g_ks] = p["g_ks"]
    k[K.g_ln] = p["g_leak_node"]
    k[K.g_bb] = p["bb_conductance"] * 1e-6 / float(node_area_cm2(fibre_diameter_um))  # nS → mS
    k[K.g_kf] = p["g_kf"] * rho
    k[K.g_h] = p["g_h"] * rho
    k[K.g_li] = p["g_leak_internode"] * rho
    k[K.i_pump] = i_pump
    k[K.e_na] = float(ions.nernst_mV(1, ion_values["sodium"], p["sodium_inside"], t))
    k[K.e_k] = float(ions.nernst_mV(1, ion_values["potassium"], p["potassium_inside"], t))
    r = p["hcn_na_to_k"]
    k[K.e_h] = ions.ghk_potential_mV(
        t, {"potassium": ion_values["potassium"], "sodium": ion_values["sodium"]},
        {"potassium": p["potassium_inside"], "sodium": p["sodium_inside"]},
        {"potassium": 1.0, "sodium": r})
    k[K.e_leak] = p["e_leak"]
    k[K.t_m] = p["q10_m"] ** ((t - T_REF_NA) / 10.0)
    k[K.t_h] = p["q10_h"] ** ((t - T_REF_NA) / 10.0)
    k[K.t_s] = p["q10_ks"] ** ((t - T_REF_KS) / 10.0)
    k[K.t_n] = p["q10_kf"] ** ((t - T_REF_KF) / 10.0)
    k[K.t_q] = p["q10_h_channel"] ** ((t - T_REF_H) / 10.0)
    for name, b in (("o_am", 21.4), ("o_bm", 25.7), ("o_ah", 114.0), ("o_bh", 31.8),
                    ("o_ap", 27.0), ("o_bp", 34.0), ("o_as", 53.0), ("o_bs", 90.0),
                    ("o_an", 53.0), ("o_bn", 78.0)):
        k[getattr(K, name)] = b - psi
    k[K.o_q] = -p["hcn_half_activation"] - psi
    k[K.r_q] = 1.0 / (2.0 * p["hcn_tau_max"])
    k[K.inv_2kq] = 1.0 / (2.0 * p["hcn_slope"])
    return k


def site_constants(axon_values: Mapping[str, float] | None = None,
                   ion_values: Mapping[str, float] | None = None,
                   fibre_diameter_um: float | None = None) -> np.ndarray:
    """Everything ``site_step`` needs, as a flat float64 vector indexed by ``K``.

    ``axon_values``: this module's ``PARAMETERS`` (missing names take defaults); ``ion_values``:
    ``ions.PARAMETERS`` (missing names take defaults); ``fibre_diameter_um``: the fibre the site
    stands for (default: the mean of the nerve's default diameters). The pump current is fixed at
    the default ions (module doc)."""
    p = PARAMETERS.resolve(axon_values or {})
    ion = {**ions.PARAMETERS.defaults(), **(ion_values or {})}
    diameter = REPRESENTATIVE_DIAMETER_UM if fibre_diameter_um is None else fibre_diameter_um
    i_pump = _pump_current(tuple(sorted(p.items())), float(diameter))
    return _constants(p, ion, i_pump, diameter)


@lru_cache(maxsize=64)
def _pump_current(items: tuple, fibre_diameter_um: float) -> float:
    """Pump current (µA/cm² of node, outward) = share × resting Na⁺ influx at default ions,
    solved self-consistently with the resting potential it produces."""
    p = dict(items)
    k = _constants(p, ions.PARAMETERS.defaults(), 0.0, fibre_diameter_um)
    pump = 0.0
    for _ in range(30):
        k[K.i_pump] = pump
        # the point fsolve reaches from near rest, a steady state or not: without its pump (the
        # first round) the site has none there, and the iteration needs only an influx to start
        # from; taking that point, as it always has, keeps the pump to its last digit and with
        # it every result of a person at default ions (chaotic runs such as the cramp
        # thresholds' otherwise move: G1–G9 did, from a change in the 11th digit)
        v = _fsolve(_balance(k), REST_START_MV)
        new = p["pump_share"] * _sodium_influx(k, *v)
        if abs(new - pump) < 1e-10:
            break
        pump = new
    return pump


# --- rates (NumPy, vectorised: the one statement of the formulas; the step reads their table) ----
def _lin(a, x, c):
    """a · x / (1 − e^{−x/c}), continuous at x = 0 (value a · c)."""
    small = np.abs(x) < 1e-6
    return a * np.where(small, c, x / (1.0 - np.exp(-x / c) + small))


def _rates(v_n, v_i, k):
    """(α, β) of m, h, p, s at the node potential and n, q at the internode potential (1/ms)."""
    am = k[K.t_m] * _lin(1.86, v_n + k[K.o_am], 10.3)
    bm = k[K.t_m] * _lin(0.086, -(v_n + k[K.o_bm]), 9.16)
    ah = k[K.t_h] * _lin(0.062, -(v_n + k[K.o_ah]), 11.0)
    bh = k[K.t_h] * 2.3 / (1.0 + np.exp(-(v_n + k[K.o_bh]) / 13.4))
    ap = k[K.t_m] * _lin(0.01, v_n + k[K.o_ap], 10.2)
    bp = k[K.t_m] * _lin(0.00025, -(v_n + k[K.o_bp]), 10.0)
    as_ = k[K.t_s] * 0.3 / (1.0 + np.exp(-(v_n + k[K.o_as]) / 5.0))
    bs = k[K.t_s] * 0.03 / (1.0 + np.exp(-(v_n + k[K.o_bs])))
    an = k[K.t_n] * _lin(0.129, v_i + k[K.o_an], 10.0)
    bn = k[K.t_n] * _lin(0.324, -(v_i + k[K.o_bn]), 10.0)
    eq = np.exp((v_i + k[K.o_q]) * k[K.inv_2kq])
    aq = k[K.t_q] * k[K.r_q] / eq
    bq = k[K.t_q] * k[K.r_q] * eq
    return am, bm, ah, bh, ap, bp, as_, bs, an, bn, aq, bq


def _steady_gates(v_n, v_i, k):
    """(m, h, p, s, n, q) at steady state: m–s at the node potential, n and q at the internode's,
    interpolated in the kinetics table as the step reads them, so that a steady state found here
    is one of the step's."""
    grid, steady, _ = _kinetics(k)
    return tuple(np.interp(v_n if g < NODE_GATES else v_i, grid, steady[g])
                 for g in range(len(GATES)))


def _currents(v_n, v_i, k, gates):
    m, h, p, s, n, q = gates
    i_node = ((k[K.g_na] * m**3 * h + k[K.g_nap] * p**3) * (v_n - k[K.e_na])
              + k[K.g_ks] * s * (v_n - k[K.e_k]) + k[K.g_ln] * (v_n - k[K.e_leak]))
    i_int = (k[K.g_kf] * n**4 * (v_i - k[K.e_k]) + k[K.g_h] * q * (v_i - k[K.e_h])
             + k[K.g_li] * (v_i - k[K.e_leak]) + k[K.i_pump])
    return i_node, i_int


def _sodium_influx(k, v_n, v_i):
    """Resting Na⁺ influx (µA/cm² of node, positive inward) through Na⁺ and HCN channels."""
    m, h, p, _, _, q = _steady_gates(v_n, v_i, k)
    i_na = (k[K.g_na] * m**3 * h + k[K.g_nap] * p**3) * (k[K.e_na] - v_n)
    # the Na⁺ share of the HCN chord conductance: g_Na/(g_Na + g_K) = (E_H − E_K)/(E_Na − E_K)
    e_na, e_k, e_h = k[K.e_na], k[K.e_k], k[K.e_h]
    na_share = (e_h - e_k) / (e_na - e_k)
    i_h_na = k[K.g_h] * q * na_share * (e_na - v_i)
    return float(i_na + i_h_na)


# A steady state's currents balance to this (µA/cm² of node); fsolve's own success flag is not
# enough (it can stop at a minimum of the residual where the currents do not balance).
REST_RESIDUAL_UA = 1e-6
# the node potentials scanned for steady states (mV)
REST_SCAN_MV = np.arange(-110.0, 0.0, 0.25)
# (V_n, V_i) from which the search for the rest starts (mV)
REST_START_MV = (-82.0, -82.0)


def _balance(k):
    """The site's two current balances (node, internode; µA/cm² of node) as a function of
    (V_n, V_i), every gate at its steady state."""
    def balance(v):
        v_n, v_i = v
        gates = _steady_gates(v_n, v_i, k)
        i_node, i_int = _currents(v_n, v_i, k, gates)
        return [i_node + k[K.g_bb] * (v_n - v_i), i_int - k[K.g_bb] * (v_n - v_i)]
    return balance


def _fsolve(balance, start) -> tuple[float, float]:
    """Where fsolve stops from ``start``: a steady state, or the smallest residual it found."""
    v = fsolve(balance, start, xtol=1e-12, full_output=True)[0]
    return float(v[0]), float(v[1])


def _solved(balance, start) -> tuple[float, float] | None:
    """The steady state fsolve reaches from ``start``, or None where it stopped short of one."""
    v = _fsolve(balance, start)
    return v if np.max(np.abs(balance(v))) < REST_RESIDUAL_UA else None


def steady_potentials(k: np.ndarray) -> list[tuple[float, float]]:
    """Every steady state (V_n, V_i) of the site with constants ``k`` whose node potential lies
    within ``REST_SCAN_MV``, most negative first: the sign changes of the site's total current
    with node and internode at one potential, each refined. One is the rest; raised K⁺ or lowered
    Ca²⁺ can add a depolarised one (and an unstable one between) or leave only that (module
    doc)."""
    balance = _balance(k)
    total = np.array([sum(balance([u, u])) for u in REST_SCAN_MV])
    changes = np.flatnonzero(np.sign(total[1:]) != np.sign(total[:-1]))
    found = sorted(v for v in (_solved(balance, [u, u]) for u in REST_SCAN_MV[changes]) if v)
    # two starts that refine to one steady state
    return [v for i, v in enumerate(found) if i == 0 or v[0] - found[i - 1][0] > 1e-6]


def _rest_potentials(k):
    """(V_n, V_i) where every gate is at its steady state and no net current flows: the one
    reached from near −82 mV, or else the most negative of ``steady_potentials`` (where raised K⁺
    or lowered Ca²⁺ has taken the rest away, fsolve stops at the smallest residual, which is no
    steady state)."""
    rest = _solved(_balance(k), REST_START_MV)
    if rest is None:
        found = steady_potentials(k)
        if not found:
            raise RuntimeError("the motor-axon site has no steady state between "
                               f"{REST_SCAN_MV[0]:g} and {REST_SCAN_MV[-1]:g} mV")
        rest = found[0]
    return rest


def steady_state(k: np.ndarray) -> np.ndarray:
    """The state vector at the resting steady state (may be unstable; see ``initial_state``)."""
    v_n, v_i = _rest_potentials(k)
    y = np.empty(N_VAR)
    y[S.v_node], y[S.v_internode] = v_n, v_i
    gates = _steady_gates(v_n, v_i, k)
    for name, g in zip(("m", "h", "p", "s", "n", "q"), gates, strict=True):
        y[getattr(S, name)] = float(g)
    return y


def initial_state(k: np.ndarray, settle_ms: float = 500.0, dt_ms: float = 0.025) -> np.ndarray:
    """The resting state: the steady state if it is stable (a 200 ms run from it stays within
    0.5 mV), otherwise the state after ``settle_ms`` of free running from it."""
    y = steady_state(k)
    trial = y.copy()
    v_max = run_site(trial, k, 200.0, dt_ms)
    if v_max - y[S.v_node] < 0.5 and abs(trial[S.v_node] - y[S.v_node]) < 0.5:
        return y
    run_site(trial, k, settle_ms, dt_ms)
    return trial


# --- the kinetics tables and the step ----------------------------------------------------------
# Every gate's kinetics, from ``_rates``, on a voltage grid: its steady state x∞ = α/(α + β) and
# rate σ = α + β (1/ms, temperature factor included), and the decay e^(−σ·dt) of one step; a step
# interpolates them linearly between rows 0.05 mV apart (within ~1e-5 of the formulas), which
# replaces its sixteen exponentials. The gates m, h, p, s are read at the node potential, n and q
# at the internode's. Outside the grid the end rows hold.
TABLE_MIN_MV, TABLE_MAX_MV, TABLE_STEP_MV = -200.0, 150.0, 0.05
GATES = ("m", "h", "p", "s", "n", "q")
NODE_GATES = 4
# columns of a site table: x∞, σ and e^(−σ·dt) of each gate in turn, then the dt (ms) the decays
# were made for (the same in every row)
STEP_COLUMN = 3 * len(GATES)


@lru_cache(maxsize=64)
def _kinetics_of(kinetic_constants: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = np.zeros(N_CONST)
    k[K.t_m:] = np.frombuffer(kinetic_constants)
    grid = np.arange(TABLE_MIN_MV, TABLE_MAX_MV + 0.5 * TABLE_STEP_MV, TABLE_STEP_MV)
    rates = _rates(grid, grid, k)
    alpha, beta = np.array(rates[0::2]), np.array(rates[1::2])
    total = alpha + beta
    steady = alpha / total
    for a in (grid, steady, total):
        a.setflags(write=False)
    return grid, steady, total


def kinetic_key(k: np.ndarray) -> bytes:
    """The constants of ``k`` that its gates' kinetics depend on (sites with equal keys share a
    table)."""
    return np.ascontiguousarray(k[K.t_m:], dtype=float).tobytes()


def _kinetics(k: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(grid, x∞ [gate, row], σ [gate, row]) of the site with constants ``k``."""
    return _kinetics_of(kinetic_key(k))


def site_table(k: np.ndarray, dt_ms: float) -> np.ndarray:
    """The table ``site_step`` reads, for a site with constants ``k`` and steps of ``dt_ms``."""
    _, steady, rate = _kinetics(k)
    columns = []
    for g in range(len(GATES)):
        columns += [steady[g], rate[g], np.exp(-dt_ms * rate[g])]
    columns.append(np.full(steady.shape[1], dt_ms))
    return np.ascontiguousarray(np.stack(columns, axis=1))


@numba.njit(cache=True, error_model="numpy")
def site_step(y, i_stim_uA_per_cm2, dt_ms, k, table):
    """Advance one site's state ``y`` (float64[N_VAR], order of ``VARIABLES``) by ``dt_ms`` in
    place, its gates from ``table`` (``site_table``: decays read there when ``dt_ms`` is the
    table's step, else computed from σ); ``i_stim_uA_per_cm2`` (per node area) depolarises the
    node. Returns the new V_node."""
    v_n = y[S.v_node]
    v_i = y[S.v_internode]
    tabulated_decay = dt_ms == table[0, STEP_COLUMN]
    last = table.shape[0] - 1.000001
    # the table positions of the two potentials, once each: the node's gates read V_node's, the
    # internode's V_internode's
    x_node = min(max((v_n - TABLE_MIN_MV) / TABLE_STEP_MV, 0.0), last)
    x_internode = min(max((v_i - TABLE_MIN_MV) / TABLE_STEP_MV, 0.0), last)
    for g in range(len(GATES)):
        x = x_node if g < NODE_GATES else x_internode
        row = int(x)
        f = x - row
        lo, hi = table[row], table[row + 1]
        c = 3 * g
        steady = lo[c] + f * (hi[c] - lo[c])
        if tabulated_decay:
            decay = lo[c + 2] + f * (hi[c + 2] - lo[c + 2])
        else:
            decay = math.exp(-dt_ms * (lo[c + 1] + f * (hi[c + 1] - lo[c + 1])))
        # exponential Euler: x ← x∞ + (x − x∞) e^{−dt/τ}
        y[S.m + g] = steady + (y[S.m + g] - steady) * decay
    # backward Euler for (V_n, V_i) with the new gates: a 2 × 2 linear system
    m = y[S.m]
    p = y[S.p]
    n2 = y[S.n] * y[S.n]
    g_na = k[K.g_na] * m * m * m * y[S.h] + k[K.g_nap] * p * p * p
    g_ks = k[K.g_ks] * y[S.s]
    g_kf = k[K.g_kf] * n2 * n2
    g_h = k[K.g_h] * y[S.q]
    gbb = k[K.g_bb]
    c_n = k[K.c_node] / dt_ms
    c_i = k[K.c_int] / dt_ms
    a11 = c_n + g_na + g_ks + k[K.g_ln] + gbb
    a22 = c_i + g_kf + g_h + k[K.g_li] + gbb
    b1 = (c_n * v_n + g_na * k[K.e_na] + g_ks * k[K.e_k] + k[K.g_ln] * k[K.e_leak]
          + i_stim_uA_per_cm2)
    b2 = (c_i * v_i + g_kf * k[K.e_k] + g_h * k[K.e_h] + k[K.g_li] * k[K.e_leak]
          - k[K.i_pump])
    det = a11 * a22 - gbb * gbb
    v_n = (b1 * a22 + gbb * b2) / det
    y[S.v_node] = v_n
    y[S.v_internode] = (a11 * b2 + gbb * b1) / det
    return v_n


@numba.njit(cache=True)
def _run_site(y, k, table, n_steps, dt_ms, i_stim_uA_per_cm2):
    v_max = y[S.v_node]
    for _ in range(n_steps):
        v = site_step(y, i_stim_uA_per_cm2, dt_ms, k, table)
        if v > v_max:
            v_max = v
    return v_max


def run_site(y: np.ndarray, k: np.ndarray, duration_ms: float, dt_ms: float,
             i_stim_uA_per_cm2: float = 0.0) -> float:
    """Run one site for ``duration_ms`` with a constant current; returns the highest V_node."""
    return _run_site(y, k, site_table(k, dt_ms), round(duration_ms / dt_ms), dt_ms,
                     i_stim_uA_per_cm2)


@numba.njit(cache=True)
def _site_trace(y, k, table, current_uA_per_cm2, dt_ms):
    out = np.empty(current_uA_per_cm2.size)
    for i in range(current_uA_per_cm2.size):
        out[i] = site_step(y, current_uA_per_cm2[i], dt_ms, k, table)
    return out


def site_trace(y: np.ndarray, k: np.ndarray, current_uA_per_cm2: np.ndarray,
               dt_ms: float) -> np.ndarray:
    """V_node after each step for a stimulus given per step (``current_uA_per_cm2[i]``)."""
    return _site_trace(y, k, site_table(k, dt_ms), np.asarray(current_uA_per_cm2, dtype=float),
                       dt_ms)


@numba.njit(cache=True)
def _fires(k, table, rest, current, width_ms, dt):
    """Whether a site at rest fires to a rectangular pulse (within 2 ms of its start)."""
    y = rest.copy()
    v0 = y[S.v_node]
    for step in range(round((width_ms + 2.0) / dt)):
        v1 = site_step(y, current if step * dt < width_ms else 0.0, dt, k, table)
        if v0 < SPIKE_DETECTION_MV <= v1:
            return True
        v0 = v1
    return False


def threshold_uA_per_cm2(k: np.ndarray, width_ms: float, dt_ms: float) -> float:
    """The smallest current density of a ``width_ms`` pulse that fires a resting site (to 0.1 %)."""
    rest = initial_state(k)
    table = site_table(k, dt_ms)
    low, high = 0.0, 1e3
    while not _fires(k, table, rest, high, width_ms, dt_ms):
        low, high = high, high * 4.0
        if high > 1e8:
            return np.inf
    while high - low > 1e-3 * high:
        middle = 0.5 * (low + high)
        fired = _fires(k, table, rest, middle, width_ms, dt_ms)
        low, high = (low, middle) if fired else (middle, high)
    return high
