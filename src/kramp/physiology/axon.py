"""Axons that conduct action potentials: a uniform HH cable and a myelinated human motor axon.

Both are *cable specifications*: an unbranched axon cut into compartments along one axis, each with
a length, a diameter, a specific capacitance and the conductance densities of a membrane's channels.
The engine (``kramp.engine.cable``) turns a batch of them into a Model and solves the cable
equation; nothing here integrates anything.

Cable equation of compartment i (length ℓ_i, diameter d_i, membrane area A_i = π d_i ℓ_i)::

    C_i dV_i/dt = −A_i Σ_c ḡ_c,i · Π_g x_g^p(c,g) · (V_i − E_c) + Σ_j G_ij (V_j − V_i) + I_stim,i

    1/G_ij = R_i ℓ_i / (2 · π d_i²/4) + R_i ℓ_j / (2 · π d_j²/4)     (centre-to-centre axial path)

with R_i the axial resistivity and p(c, g) the power of gate g in channel c (m³h for the squid
sodium channel, m²h for the mammalian node).

**Uniform HH cable.** The squid giant axon of Hodgkin & Huxley (1952, Part VI): diameter 476 µm,
axial resistivity 35.4 Ω·cm and the HH membrane of ``kramp.physiology.hh_membrane``; they computed
a propagated velocity of 18.8 m/s at 18.5 °C.

**Myelinated human motor axon.** Nodes of Ranvier carry the "CRRSS" mammalian node of Sweeney,
Mortimer & Durand (1987), built on the rabbit sodium-current data of Chiu, Ritchie, Rogart & Stagg
(1979) and given at 37 °C: only a fast sodium current (m²h) and a leak, no delayed rectifier::

    I = ḡ_Na m² h (V − E_Na) + ḡ_L (V − E_L),   rest −80 mV, u = V + 80 mV:
    α_m = (97 + 0.363 u) / (1 + exp((31 − u)/5.3))     β_m = α_m / exp((u − 23.8)/4.17)
    β_h = 15.6 / (1 + exp((24 − u)/10))                α_h = β_h / exp((u − 5.5)/5)     [1/ms]

Away from 37 °C every α, β of m is multiplied by Q10_m^((T − 37)/10) and of h by Q10_h^(…), with
Q10_m = 2.2 and Q10_h = 2.9 (rat node, Schwarz & Eikhof 1987, the values of McIntyre, Richardson &
Grill 2002). Geometry scales with the fibre diameter D as in Sweeney's model: axon diameter
d = 0.6 D, node-to-node distance 100 D, nodal length 1.5 µm, axial resistivity 54.7 Ω·cm.

The internodes are passive: the axolemma under the myelin is in series with the sheath, whose
much smaller capacitance dominates, so an internode compartment carries the sheath alone. The
sheath is N = (D − d)/(2 P) lamellae of period P, each two membranes of capacitance c_mem and
conductance g_mem per unit area (McIntyre et al. 2002). Membranes spread evenly from diameter d to
D in series give, per unit length, the coaxial-capacitor result::

    c'_my = π c_mem P / ln(D/d),     g'_my = π g_mem P / ln(D/d)

(Σ_k 1/(c_mem π d_k) over the 2N membranes → (1/P)∫_d^D dδ / (c_mem π δ)), i.e. per unit area of
axolemma c_my = c_mem P / (d ln(D/d)). With every length ∝ D the sheath per unit length is the same
for every fibre, so internodal resistance ∝ 1/D, nodal and internodal capacitance ∝ D, and the
time to charge the next node does not depend on D: velocity ∝ D (Rushton 1951), the near-linear
relation Hursh (1939) measured (about 6 m/s per µm of fibre diameter in the cat).

Sources are in ``REFERENCES``; a detail marked "not re-checked" was taken from a secondary source
or an implementation and not compared with the original paper.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from kramp.params import Param, ParameterTable
from kramp.physiology import hh_membrane

REFERENCES = {
    **hh_membrane.REFERENCES,
    "sweeney1987": (
        "Sweeney JD, Mortimer JT, Durand D (1987) Modeling of mammalian myelinated nerve for "
        "functional neuromuscular stimulation. Proc 9th Annu Conf IEEE EMBS, 1577–1578 ('CRRSS' "
        "node at 37 °C). Rate formulas, ḡ_Na 1445 and ḡ_L 128 mS/cm², C 2.5 µF/cm², "
        "E_Na 35.64 mV, E_L −80.01 mV, d = 0.6 D, node 1.5 µm, R_i 54.7 Ω·cm as implemented "
        "in the wmglab PyFibers SweeneyFiber and PySONIC SweeneyNode (not re-checked against "
        "the proceedings paper)"
    ),
    "chiu1979": (
        "Chiu SY, Ritchie JM, Rogart RB, Stagg D (1979) A quantitative description of membrane "
        "currents in rabbit myelinated nerve. J Physiol 292:149–166 (the data behind CRRSS)"
    ),
    "mcintyre2002": (
        "McIntyre CC, Richardson AG, Grill WM (2002) Modeling the excitability of mammalian "
        "nerve fibers: influence of afterpotentials on the recovery cycle. J Neurophysiol "
        "87:995–1006: myelin 0.1 µF/cm² and 1 mS/cm² per lamella membrane; nodal Q10 2.2 "
        "(Na activation) and 2.9 (Na inactivation), citing Schwarz & Eikhof 1987 Pflügers Arch "
        "409:569–577 (the rat-node original not re-checked)"
    ),
    "myelin_period": (
        "Peripheral myelin repeat (one lamella, a membrane pair) 18.4 nm in human peripheral "
        "nerves by small-angle X-ray diffraction: 'An X-ray diffraction comparison of myelins "
        "from the human nervous system' (authors and year not re-checked)"
    ),
    "hursh1939": (
        "Hursh JB (1939) Conduction velocity and diameter of nerve fibers. Am J Physiol "
        "127:131–139: velocity ≈ 6 m/s per µm of (fixed) fibre diameter, cat"
    ),
    "rushton1951": (
        "Rushton WAH (1951) A theory of the effects of fibre size in medullated nerve. J Physiol "
        "115:101–122: with all dimensions ∝ D, conduction velocity ∝ D"
    ),
    "kawamura1977": (
        "Kawamura Y, Okazaki H, O'Brien PC, Dyck PJ (1977) Lumbar motoneurons of man: I) number "
        "and diameter histogram of alpha and gamma axons of ventral root. J Neuropathol Exp "
        "Neurol 36:853–860: large-diameter (alpha) class; the 9–16 µm span used here is the "
        "project brief's, not re-checked against the paper's histograms"
    ),
}

HH_CABLE = ParameterTable(
    component="hh_cable",
    references=REFERENCES,
    params=(
        Param("diameter", 476.0, "um", (0.1, 1000.0), "hodgkin1952",
              "axon diameter (HH 1952 propagated-AP computation)", "d"),
        Param("axial_resistivity", 35.4, "ohm*cm", (10.0, 300.0), "hodgkin1952",
              "resistivity of the axoplasm", "R_i"),
    ),
)

NODE_MEMBRANE = ParameterTable(
    component="node_membrane",
    references=REFERENCES,
    params=(
        Param("cm", 2.5, "uF/cm2", (0.5, 5.0), "sweeney1987",
              "specific capacitance of the nodal membrane", "C_m"),
        Param("g_na", 1445.0, "mS/cm2", (0.0, 5000.0), "sweeney1987",
              "peak sodium conductance of the node (0 = complete block)", "ḡ_Na"),
        Param("g_leak", 128.0, "mS/cm2", (0.0, 500.0), "sweeney1987",
              "nodal leak conductance", "ḡ_L"),
        Param("e_na", 35.64, "mV", (0.0, 90.0), "sweeney1987",
              "sodium reversal potential", "E_Na"),
        Param("e_leak", -80.01, "mV", (-100.0, -50.0), "sweeney1987",
              "leak reversal potential", "E_L"),
        Param("v_init", -80.0, "mV", (-100.0, -50.0), "sweeney1987",
              "initial (resting) potential; gates start at their steady state there", "V₀"),
        Param("temperature", 37.0, "degC", (20.0, 42.0), "sweeney1987",
              "nerve temperature; the rates are given at 37 °C", "T"),
        Param("q10_m", 2.2, "1", (1.0, 5.0), "mcintyre2002",
              "temperature coefficient of the Na activation rates", "Q10_m"),
        Param("q10_h", 2.9, "1", (1.0, 5.0), "mcintyre2002",
              "temperature coefficient of the Na inactivation rates", "Q10_h"),
    ),
)

MYELINATED_AXON = ParameterTable(
    component="myelinated_axon",
    references=REFERENCES,
    params=(
        Param("fibre_diameter", 12.0, "um", (1.0, 25.0), "kawamura1977",
              "outer diameter of the myelinated fibre", "D"),
        Param("axon_to_fibre", 0.6, "1", (0.4, 0.85), "sweeney1987",
              "axon diameter / fibre diameter (g-ratio)", "d/D"),
        Param("internode_to_fibre", 100.0, "1", (50.0, 200.0), "sweeney1987",
              "node-to-node distance / fibre diameter", "L/D"),
        Param("node_length", 1.5, "um", (0.5, 3.0), "sweeney1987",
              "length of the node of Ranvier", "ℓ_node"),
        Param("axial_resistivity", 54.7, "ohm*cm", (30.0, 200.0), "sweeney1987",
              "resistivity of the axoplasm", "R_i"),
        Param("myelin_c_per_membrane", 0.1, "uF/cm2", (0.01, 1.0), "mcintyre2002",
              "capacitance of one myelin membrane", "c_mem"),
        Param("myelin_g_per_membrane", 1.0, "mS/cm2", (0.0, 10.0), "mcintyre2002",
              "conductance of one myelin membrane", "g_mem"),
        Param("myelin_period", 0.0184, "um", (0.012, 0.025), "myelin_period",
              "thickness of one lamella (two membranes) of compact myelin", "P"),
    ),
)

NODE_RATE_REFERENCE_TEMPERATURE_DEGC = 37.0  # CRRSS rates are given at 37 °C (Sweeney 1987)
NODE_GATES = ("m", "h")


@dataclass(frozen=True)
class Membrane:
    """The channel structure of an excitable membrane and how its gates move.

    ``gate_powers[c][g]`` is the power of gate ``gates[g]`` in channel ``channels[c]`` (a leak
    has all zeros). ``gate_kinetics(v_mV, **dict(setting))`` returns, per gate, (x∞, τ in ms);
    two membranes with equal fields share the engine's table of gate coefficients.
    """

    name: str
    gates: tuple[str, ...]
    channels: tuple[str, ...]
    gate_powers: tuple[tuple[int, ...], ...]
    gate_kinetics: Callable[..., dict[str, tuple[np.ndarray, np.ndarray]]]
    setting: tuple[tuple[str, float], ...]

    def kinetics(self, v_mV: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return self.gate_kinetics(v_mV, **dict(self.setting))


@dataclass(frozen=True, eq=False)
class CableSpec:
    """One unbranched axon cut into compartments, with its membrane per unit area.

    Arrays run along the compartments, from the stimulated end: ``length_um``, ``diameter_um``,
    ``cm_uF_per_cm2``; ``g_mS_per_cm2[c, i]`` and ``e_mV[c, i]`` are the conductance density and
    reversal of channel ``membrane.channels[c]`` in compartment i. ``site_index`` lists the
    compartments where arrival times mean something (every node of a myelinated axon).
    """

    membrane: Membrane
    length_um: np.ndarray
    diameter_um: np.ndarray
    cm_uF_per_cm2: np.ndarray
    g_mS_per_cm2: np.ndarray
    e_mV: np.ndarray
    axial_resistivity_ohm_cm: float
    v_init_mV: float
    site_index: np.ndarray

    @property
    def position_um(self) -> np.ndarray:
        """Centre of each compartment, measured from the stimulated end."""
        return np.cumsum(self.length_um) - self.length_um / 2.0


def node_rate_constants(v_mV: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(α, β) in 1/ms of the CRRSS node gates at 37 °C (Sweeney et al. 1987; module doc)."""
    u = np.asarray(v_mV, dtype=float) + 80.0  # depolarisation from the −80 mV rest
    alpha_m = (97.0 + 0.363 * u) / (1.0 + np.exp((31.0 - u) / 5.3))
    beta_h = 15.6 / (1.0 + np.exp((24.0 - u) / 10.0))
    return {
        "m": (alpha_m, alpha_m / np.exp((u - 23.8) / 4.17)),
        "h": (beta_h / np.exp((u - 5.5) / 5.0), beta_h),
    }


def node_gate_kinetics(v_mV: np.ndarray, temperature_degC: float, q10_m: float,
                       q10_h: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """x∞ (1) and τ (ms) of the node gates; rates × Q10^((T − 37 °C)/10), Q10 per gate."""
    q10 = {"m": q10_m, "h": q10_h}
    kinetics = {}
    for gate, (alpha, beta) in node_rate_constants(v_mV).items():
        phi = q10[gate] ** ((temperature_degC - NODE_RATE_REFERENCE_TEMPERATURE_DEGC) / 10.0)
        total = alpha + beta
        kinetics[gate] = (alpha / total, 1.0 / (phi * total))
    return kinetics


def hh_squid_membrane(p: Mapping[str, float]) -> Membrane:
    """The HH 1952 membrane (``hh_membrane``) as a cable membrane: Na m³h, K n⁴ and a leak."""
    return Membrane(
        name="hh_membrane",
        gates=hh_membrane.GATES,
        channels=("na", "k", "leak"),
        gate_powers=((3, 1, 0), (0, 0, 4), (0, 0, 0)),
        gate_kinetics=hh_membrane.gate_kinetics,
        setting=(("temperature_degC", p["temperature"]), ("q10", p["q10"])),
    )


def crrss_node_membrane(p: Mapping[str, float]) -> Membrane:
    """The CRRSS mammalian node: Na m²h and a leak; myelin is the same membrane with ḡ_Na = 0."""
    return Membrane(
        name="node_membrane",
        gates=NODE_GATES,
        channels=("na", "leak"),
        gate_powers=((2, 1), (0, 0)),
        gate_kinetics=node_gate_kinetics,
        setting=(("temperature_degC", p["temperature"]), ("q10_m", p["q10_m"]),
                 ("q10_h", p["q10_h"])),
    )


def uniform_hh_cable(length_mm: float, n_compartments: int,
                     cable: Mapping[str, float] | None = None,
                     membrane: Mapping[str, float] | None = None) -> CableSpec:
    """A uniform HH cable of ``n_compartments`` equal compartments (HH 1952 Part VI by default).

    ``cable`` overrides ``HH_CABLE`` and ``membrane`` overrides ``hh_membrane.PARAMETERS``
    (both unit- and range-checked).
    """
    geometry = HH_CABLE.resolve(cable or {})
    p = hh_membrane.PARAMETERS.resolve(membrane or {})
    n = int(n_compartments)
    ones = np.ones(n)
    return CableSpec(
        membrane=hh_squid_membrane(p),
        length_um=ones * (length_mm * 1e3 / n),
        diameter_um=ones * geometry["diameter"],
        cm_uF_per_cm2=ones * p["cm"],
        g_mS_per_cm2=np.outer([p["g_na"], p["g_k"], p["g_leak"]], ones),
        e_mV=np.outer([p["e_na"], p["e_k"], p["e_leak"]], ones),
        axial_resistivity_ohm_cm=geometry["axial_resistivity"],
        v_init_mV=p["v_init"],
        site_index=np.arange(n),
    )


def node_area_cm2(fibre_diameter_um, geometry: Mapping[str, float] | None = None):
    """Membrane area of one node of Ranvier, π d ℓ (d the axon diameter, ℓ the node length), for
    fibres of ``fibre_diameter_um`` (``MYELINATED_AXON``, Sweeney 1987)."""
    g = MYELINATED_AXON.resolve(geometry or {})
    return math.pi * g["axon_to_fibre"] * np.asarray(fibre_diameter_um) * 1e-4 * \
        g["node_length"] * 1e-4


def myelin_per_axolemma_area(fibre_diameter_um: float, axon_diameter_um: float,
                             per_membrane: float, period_um: float) -> float:
    """Capacitance or conductance of the whole sheath per unit area of the axon it covers.

    c_my = c_mem · P / (d · ln(D/d)) (module doc): the 2N = (D − d)/P membranes in series,
    each at its own diameter between d and D. Same unit as ``per_membrane``.
    """
    ratio = math.log(fibre_diameter_um / axon_diameter_um)
    return per_membrane * period_um / (axon_diameter_um * ratio)


def myelinated_axon(n_nodes: int, compartments_per_internode: int,
                    axon: Mapping[str, float] | None = None,
                    node: Mapping[str, float] | None = None) -> CableSpec:
    """A myelinated motor axon: ``n_nodes`` nodes of Ranvier joined by passive internodes.

    The first compartment is a node (the stimulated end); each internode is cut into
    ``compartments_per_internode`` equal compartments. ``axon`` overrides ``MYELINATED_AXON``
    and ``node`` overrides ``NODE_MEMBRANE``; ``site_index`` holds the nodes.
    """
    geometry = MYELINATED_AXON.resolve(axon or {})
    p = NODE_MEMBRANE.resolve(node or {})
    fibre_um = geometry["fibre_diameter"]
    axon_um = geometry["axon_to_fibre"] * fibre_um
    node_um = geometry["node_length"]
    internode_um = geometry["internode_to_fibre"] * fibre_um - node_um
    k = int(compartments_per_internode)
    # one period = a node followed by k internode compartments; the last node closes the axon
    is_node = np.zeros(n_nodes + (n_nodes - 1) * k, dtype=bool)
    is_node[:: k + 1] = True
    length_um = np.where(is_node, node_um, internode_um / k)
    sheath = {name: myelin_per_axolemma_area(fibre_um, axon_um, geometry[name],
                                             geometry["myelin_period"])
              for name in ("myelin_c_per_membrane", "myelin_g_per_membrane")}
    # the sheath's leak rests at the resting potential, so an internode carries no current at rest
    g_na = np.where(is_node, p["g_na"], 0.0)
    g_leak = np.where(is_node, p["g_leak"], sheath["myelin_g_per_membrane"])
    e_leak = np.where(is_node, p["e_leak"], p["v_init"])
    return CableSpec(
        membrane=crrss_node_membrane(p),
        length_um=length_um,
        diameter_um=np.full(is_node.size, axon_um),
        cm_uF_per_cm2=np.where(is_node, p["cm"], sheath["myelin_c_per_membrane"]),
        g_mS_per_cm2=np.stack([g_na, g_leak]),
        e_mV=np.stack([np.full(is_node.size, p["e_na"]), e_leak]),
        axial_resistivity_ohm_cm=geometry["axial_resistivity"],
        v_init_mV=p["v_init"],
        site_index=np.flatnonzero(is_node),
    )
