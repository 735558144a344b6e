"""The motor nerve between the spinal cord and the muscle, and the electrodes that stimulate it.

**Fibre diameters.** Each motor unit's axon is a myelinated fibre whose diameter follows its
motoneuron's size (Henneman's size principle), rising linearly from the first- to the
last-recruited unit. This table is the package's one source of motor-fibre diameters. The values
are those of distal human motor nerves: the large-fibre class of the lateral fascicles of the deep
peroneal nerve (the motor nerve of extensor digitorum brevis) has a mean diameter of 10.8 µm
(Stevens, Lofgren & Dyck 1973); the pool is spread about that mean with the largest/smallest
ratio 1.78 of the alpha class in the ventral roots (16/9 µm, Kawamura et al. 1977).

**Conduction.** A unit's conduction velocity is the one the myelinated-axon cable model
(``kramp.physiology.axon``, ``kramp.engine.cable``) gives at its diameter and the tissue
temperature; conduction times between the axon's active sites are distances over that velocity.

**Electrical stimulation.** An electrode at depth z above the nerve passes a cathodal current I
into tissue of resistivity ρ, a point source whose potential along the nerve is
V_e(x) = ρ I / (4π √(z² + x²)). The node of Ranvier under the electrode is driven by the second
difference of V_e over its neighbours (Rattay's activating function)::

    I_node = G_a (V_e(−L) − 2 V_e(0) + V_e(L)),     G_a = π d² / (4 R_i L)

with L the internodal length (100 D), d the axon diameter (0.6 D) and R_i the axoplasm's
resistivity (``kramp.physiology.axon``). Divided by the node's membrane area π d ℓ_node this is
the current density that excites the site's membrane: it grows about as D², so the largest axons
have the lowest threshold, and the strength–duration relation is the node membrane's own.

**Two electrodes.** A leg has two: ``stimulation`` over the tibial nerve and
``conditioning_stimulation`` over the common peroneal nerve. Each drives every fibre of both
nerves by the same law, the fibres of the nerve it does not lie over from an offset across the
limb (depth √(z² + offset²)), and the currents of the two add at a fibre's node. Both act on one
site per fibre, at ``stimulation.site_distance`` from the motor point: a simplification, since
the peroneal nerve is stimulated at the fibular neck, a few centimetres distal to the tibial
nerve in the popliteal fossa (its volley then starts that much farther from the cord, a
fraction of a millisecond at Ia conduction velocities).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kramp.params import Param, ParameterTable
from kramp.physiology import axon

REFERENCES = {
    "stevens1973": (
        "Stevens JC, Lofgren EP, Dyck PJ (1973) Histometric evaluation of branches of peroneal "
        "nerve: technique for combined biopsy of muscle nerve and cutaneous nerve. Brain Res "
        "52:37–59: deep peroneal (motor) fascicles, large fibres mean diameter 10.8 µm"
    ),
    "kawamura1977": (
        "Kawamura Y, Okazaki H, O'Brien PC, Dyck PJ (1977) Lumbar motoneurons of man: I. number "
        "and diameter histogram of alpha and gamma axons of ventral root. J Neuropathol Exp "
        "Neurol 36:853–860 (alpha class 9–16 µm; not re-checked)"
    ),
    "katz1965": (
        "Katz B, Miledi R (1965) The measurement of synaptic delay, and the time course of "
        "acetylcholine release at the neuromuscular junction. Proc R Soc Lond B 161:483–495"
    ),
    "rattay1986": (
        "Rattay F (1986) Analysis of models for external stimulation of axons. IEEE Trans Biomed "
        "Eng 33:974–977 (the activating function)"
    ),
    "geddes1967": (
        "Geddes LA, Baker LE (1967) The specific resistance of biological material. Med Biol Eng "
        "5:271–293: skeletal muscle 2–20 Ω·m by direction, fat about 25 Ω·m (not re-checked)"
    ),
    "kimura2013": (
        "Kimura J (2013) Electrodiagnosis in Diseases of Nerve and Muscle, 4th ed., Oxford UP: "
        "rectangular pulses of 0.1–1 ms, supramaximal at about 20–50 mA for motor nerves at "
        "the ankle and knee (not re-checked)"
    ),
    "ndiaye2003": (
        "Ndiaye A et al. (2003), Surg Radiol Anat: the tibial nerve lies behind the medial "
        "malleolus under skin and fascia (journal details and depth not re-checked; the 10 mm "
        "electrode depth is a kramp estimate)"
    ),
    "minetto2011": (
        "Minetto MA, Holobar A, Botter A, Ravenni R, Farina D (2011) Mechanisms of cramp "
        "contractions: peripheral or central generation? J Physiol 589:5759–5773. doi:10.1113/"
        "jphysiol.2011.212332: electrically induced cramps with the nerve intact and with its "
        "conduction blocked proximal to the stimulation site (the G4 protocol; author list and "
        "the block's agent not re-checked)"
    ),
    "popliteal_anatomy": (
        "kramp estimate from the anatomy of the popliteal fossa: the common peroneal (fibular) "
        "nerve leaves the tibial nerve there and runs laterally along the biceps femoris "
        "tendon, a few centimetres from the tibial nerve under an H-reflex electrode (no "
        "measured distance used)"
    ),
    "fibular_neck": (
        "kramp estimate: the common peroneal nerve winds round the neck of the fibula under skin "
        "and fascia, where it is stimulated in peroneal conduction studies (Kimura 2013) and as "
        "the conditioning nerve of reciprocal-inhibition protocols (Crone C, Hultborn H, "
        "Jespersen B, Nielsen J 1987, J Physiol 389:163–185); taken as deep as the tibial nerve "
        "under its electrode, 10 mm (no measured depth used)"
    ),
}

# The muscles whose motor and afferent fibres run in the (common, then deep) peroneal nerve;
# the other modelled leg muscles' run in the tibial nerve (standard anatomy).
PERONEAL_MUSCLES = frozenset({"tibialis_anterior"})

PARAMETERS = ParameterTable(
    component="nerve",
    references=REFERENCES,
    params=(
        Param("fibre_diameter_smallest", 7.78, "um", (2.0, 22.0), "stevens1973",
              "fibre diameter of the smallest (first recruited) unit's axon: mean 10.8 µm "
              "× 2/(1 + 1.78)", "D_min"),
        Param("fibre_diameter_largest", 13.82, "um", (2.0, 22.0), "stevens1973",
              "fibre diameter of the largest unit's axon: 1.78 × D_min (Kawamura et al. 1977)",
              "D_max"),
        Param("junction_delay", 0.5, "ms", (0.1, 5.0), "katz1965",
              "delay from the nerve terminal's action potential to the muscle fibre's"),
    ),
)


def _pulse_train(depth_source: str, depth_meaning: str) -> tuple[Param, ...]:
    """The settings every electrode has: its rectangular pulses and the tissue under it."""
    return (
        Param("intensity", 0.0, "mA", (0.0, 100.0), "kimura2013",
              "cathodal current of each rectangular pulse (0 = no stimulation)", "I"),
        Param("pulse_width", 0.2, "ms", (0.02, 2.0), "kimura2013",
              "duration of each pulse", "w"),
        Param("first_pulse", 100.0, "ms", (0.0, 3.6e6), "kimura2013",
              "time of the first pulse"),
        Param("pulse_count", 1.0, "1", (0.0, 1e5), "kimura2013",
              "number of pulses in the train"),
        Param("frequency", 1.0, "Hz", (0.01, 500.0), "kimura2013",
              "pulse rate of a train"),
        Param("electrode_depth", 10.0, "mm", (1.0, 60.0), depth_source, depth_meaning, "z"),
        Param("tissue_resistivity", 5.0, "ohm*m", (0.5, 30.0), "geddes1967",
              "resistivity of the tissue between electrode and nerve", "ρ"),
    )


# The electrode over the tibial nerve in the popliteal fossa (or behind the medial malleolus): the
# H-reflex's and the nerve conduction study's.
STIMULATION = ParameterTable(
    component="stimulation",
    references=REFERENCES,
    params=(
        *_pulse_train("ndiaye2003", "depth of the nerve under the electrode"),
        Param("site_distance", 100.0, "mm", (5.0, 1500.0), "kimura2013",
              "distance along the nerve from the electrode to the muscle's motor point (the "
              "conditioning electrode lies at the same level of the leg)"),
        Param("peroneal_offset", 30.0, "mm", (0.0, 200.0), "popliteal_anatomy",
              "distance across the limb from the stimulated nerve to the peroneal nerve's "
              "fibres, which lie √(z² + offset²) from the electrode (0: both nerves under it)"),
        Param("proximal_block", 0.0, "1", (0.0, 1.0), "minetto2011",
              "1: conduction blocked in the nerve between the electrode and the cord, as by a "
              "local anaesthetic (no command reaches the muscle, no antidromic spike the "
              "motoneurones, no afferent spike the cord); 0: intact. No other value"),
    ),
)

# A second electrode, over the common peroneal nerve at the neck of the fibula: the conditioning
# stimulus of reciprocal-inhibition protocols (Crone et al. 1987). It drives the same site of each
# fibre as ``stimulation`` (at ``stimulation.site_distance`` from the motor point), the tibial
# nerve's fibres from ``tibial_offset`` across the limb.
CONDITIONING_STIMULATION = ParameterTable(
    component="conditioning_stimulation",
    references=REFERENCES,
    params=(
        *_pulse_train("fibular_neck", "depth of the common peroneal nerve under the electrode"),
        Param("tibial_offset", 30.0, "mm", (0.0, 200.0), "popliteal_anatomy",
              "distance across the limb from the peroneal nerve to the tibial nerve's fibres, "
              "which lie √(z² + offset²) from the electrode (0: both nerves under it)"),
    ),
)


@dataclass(frozen=True)
class Electrode:
    """A stimulating electrode: its settings' table, whether it lies over the peroneal nerve
    (else over the tibial), and the setting that says how far across the limb the other nerve's
    fibres lie."""

    table: ParameterTable
    over_peroneal: bool
    offset: str


# Every electrode a leg has, in the order the axons take their gains and currents.
ELECTRODES = (Electrode(STIMULATION, False, "peroneal_offset"),
              Electrode(CONDITIONING_STIMULATION, True, "tibial_offset"))


def fibre_diameters_um(n_unit: int, p: Mapping[str, float]) -> np.ndarray:
    """Axon fibre diameters rising linearly from the first- to the last-recruited unit."""
    return np.linspace(p["fibre_diameter_smallest"], p["fibre_diameter_largest"], n_unit)


def node_current_density_per_mA(fibre_diameter_um: np.ndarray, depth_mm: float | np.ndarray,
                                resistivity_ohm_m: float) -> np.ndarray:
    """Current density (µA/cm², depolarising) that 1 mA of cathodal electrode current drives into
    the node under the electrode, per fibre (module doc)."""
    geometry = axon.MYELINATED_AXON.defaults()
    fibre_um = np.asarray(fibre_diameter_um, dtype=float)
    axon_um = geometry["axon_to_fibre"] * fibre_um
    internode_mm = geometry["internode_to_fibre"] * fibre_um * 1e-3
    rho_ohm_mm = resistivity_ohm_m * 1e3
    # potential per mA (mV): ρ I / (4π r), with ρ in Ω·mm, r in mm, I in mA → mV·(Ω·mA=mV)
    under = rho_ohm_mm / (4.0 * math.pi * depth_mm)
    beside = rho_ohm_mm / (4.0 * math.pi * np.sqrt(depth_mm**2 + internode_mm**2))
    second_difference_mV = 2.0 * (under - beside)  # −(V(−L) − 2V(0) + V(L)) for a cathode
    # axial conductance (µS): π d² / (4 R_i L), d in cm, R_i in Ω·cm, L in cm → S; ×1e6
    d_cm = axon_um * 1e-4
    g_axial_uS = 1e6 * math.pi * d_cm**2 / (4.0 * geometry["axial_resistivity"]
                                             * internode_mm * 0.1)
    current_nA = g_axial_uS * second_difference_mV  # µS × mV = nA
    return current_nA * 1e-3 / axon.node_area_cm2(fibre_um)  # nA → µA, per cm²


def electrode_gain(electrode: Electrode, settings: Mapping[str, float],
                   fibre_diameter_um: np.ndarray, peroneal: np.ndarray) -> np.ndarray:
    """Current density (µA/cm² per mA) that ``electrode``, with one person's ``settings``, drives
    into the node under it of each fibre (``peroneal``: those of the peroneal nerve); the other
    nerve's fibres lie ``offset`` across the limb, deeper by the hypotenuse."""
    beside = np.asarray(peroneal) != electrode.over_peroneal
    depth = np.where(beside, math.hypot(settings["electrode_depth"], settings[electrode.offset]),
                     settings["electrode_depth"])
    return node_current_density_per_mA(fibre_diameter_um, depth, settings["tissue_resistivity"])
