"""Spinal inhibitory interneurones as populations: Ia-inhibitory, Ib (non-reciprocal) and Renshaw
cells.

Each muscle has a population of Ia-inhibitory interneurones (excited by the muscle's Ia fibres;
they inhibit the antagonist's motoneurones: reciprocal inhibition) and of Ib interneurones
(excited by the muscle's Ib fibres; they inhibit the muscle's own and its synergists'
motoneurones: autogenic inhibition). Both are glycinergic (Jankowska 1992): their synapses on
motoneurones scale with ``spinal.glycinergic_transmission`` (``transmission``), while the
GABAergic presynaptic inhibition of the afferent terminals scales with
``spinal.gabaergic_transmission``, so a toxin or drug can block one kind and spare the other.
The brain sets their excitability: a tonic descending drive ``*_descending`` (mV of steady
depolarisation; negative: inhibition), which a lesion of the descending tracts changes. The
voluntary command that drives a muscle's motoneurones drives its Ia-inhibitory interneurones in
parallel (``ia_command_drive`` at the full command, times the muscle's share of it: Lundberg's
α–Ia linkage, seen in man as reciprocal inhibition of the soleus that grows during voluntary
dorsiflexion, Crone et al. 1987), and the Ia-inhibitory interneurones of opposing muscles inhibit
each other (``ia_mutual_ipsp``; Hultborn, Illert & Santini 1976), so a muscle's own contraction
silences the interneurones that would inhibit it. The command also opens a gate on the muscle's
autogenic inhibition: it depolarises the terminals of the muscle's Ib fibres (primary afferent
depolarisation, GABAergic presynaptic inhibition), so that a share ``ib_command_presynaptic`` of
their input to the muscle's Ib interneurones is lost at the full command (times the command and
the muscle's share of it, and ``spinal.gabaergic_transmission``). Ib inhibition of a muscle falls
while it contracts (Zytnicki et al. 1990; Lafleur et al. 1992, with the terminals' depolarisation;
Fournier, Katz & Pierrot-Deseilligny 1983 in man); without it a maximal effort's tendon organs,
firing tens of times a second, keep the calf's Ib interneurones firing at hundreds of spikes a
second and hold its motoneurones to a few spikes a second.

Renshaw cells (Eccles, Fatt & Koketsu 1954) are excited by the recurrent collaterals of their
muscle's motor axons, which branch near the soma: every motoneurone spike, orthodromic or the
invasion of an antidromic volley, reaches them after ``collateral_delay``. The cholinergic
(nicotinic) collateral EPSP rises fast but lasts tens of ms, so a synchronous volley makes a
Renshaw cell fire a burst; the model's collateral event raises V at once, as every input does,
and adds the same amount to a slowly decaying drive C (decay ``collateral_time_constant``)
towards which V relaxes, so the depolarisation outlasts the reset of each spike. Renshaw cells
inhibit the motoneurones of their muscle and its synergists (recurrent inhibition) and their
muscle's Ia-inhibitory interneurones (Hultborn, Jankowska & Lindström 1971); their synapses
are glycinergic with a GABAergic share (``renshaw_glycinergic_share``), so they scale with both
of the ``spinal`` table's transmissions (``transmission``).

An interneurone is a leaky integrate-and-fire cell (Lapicque's model, as in the spinal-circuit
models of Bashor 1998), its potential V (mV from rest) relaxing with the membrane time constant
τ_m towards the descending drive plus a noise term, each synaptic event adding its weight (mV)
at once::

    τ_m dV/dt = −(V − D − η − C),    V → V + w at an event,    V ≥ θ: spike, V → V_reset,
    refractory;    τ_C dC/dt = −C,    C → C + c and V → V + c at a collateral event

η is an Ornstein–Uhlenbeck noise (σ, τ_η) of the cell's other, unmodelled inputs. The step is
exact between events for constant D + η + C (C is held over a 0.1 ms step):
V ← D + η + C + (V − D − η − C) e^(−Δt/τ_m).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numba
import numpy as np

from kramp.params import Param, ParameterTable, Variable, variable_rows

REFERENCES = {
    "jankowska1992": (
        "Jankowska E (1992) Interneuronal relay in spinal pathways from proprioceptors. Prog "
        "Neurobiol 38:335–378 (review; not re-checked)"
    ),
    "bashor1998": (
        "Bashor DP (1998) A large-scale model of some spinal reflex circuits. Biol Cybern "
        "78:147–157: integrate-and-fire Ia interneurones and Renshaw cells, membrane time "
        "constants of some 5–10 ms (values not re-checked)"
    ),
    "hultborn1976": (
        "Hultborn H, Illert M, Santini M (1976) Convergence on interneurones mediating the "
        "reciprocal Ia inhibition of motoneurones. Acta Physiol Scand 96:193–201: single-fibre "
        "Ia EPSPs in Ia interneurones of up to about 1 mV (secondary; not re-checked)"
    ),
    "interneuron_count": (
        "kramp assumption: some 100 interneurones of each kind per muscle (no count found); "
        "20 simulated, each standing for five"
    ),
    "renshaw_count": (
        "kramp choice: Renshaw cells are simulated only when asked for (0 by default). Their "
        "collateral loop (motoneurone → Renshaw cell → motoneurone, some 2 ms) makes the ankle "
        "network exchange every 1 ms instead of every 8 ms, which doubles an ankle run's time "
        "(2026-12-07: 5.6 s against 2.7 s for 4 s of a 20 % contraction on one core, 20 cells "
        "per muscle); until the cord's cells are stepped together the default person has no "
        "recurrent inhibition (target D8 simulates 20 per muscle), which in a maximal effort "
        "leaves the calf's rates to its autogenic inhibition (``studies/calf_strength.py``)"
    ),
    "interneuron_convergence": (
        "kramp assumption: no measured figure; Ia interneurones receive from many Ia fibres of "
        "their muscle (Jankowska 1992), taken as half of them"
    ),
    "interneuron_noise": (
        "kramp assumption: background synaptic noise of a few mV keeps a resting interneurone "
        "close enough to threshold that afferent volleys fire it with a probability graded by "
        "their size"
    ),
    "eccles1954": (
        "Eccles JC, Fatt P, Koketsu K (1954) Cholinergic and inhibitory synapses in a pathway "
        "from motor-axon collaterals to motoneurones. J Physiol 126:524–562: Renshaw cells "
        "excited by motor-axon collaterals fire a high-frequency burst (up to some 1000 Hz, "
        "lasting tens of ms) to one antidromic volley; the collateral synapse adds some "
        "0.5–1 ms to the volley's arrival; the cells inhibit motoneurones (recurrent "
        "inhibition; values not re-checked)"
    ),
    "hultborn1971": (
        "Hultborn H, Jankowska E, Lindström S (1971) Recurrent inhibition of interneurones "
        "monosynaptically activated from group Ia afferents. J Physiol 215:613–636: Renshaw "
        "cells inhibit the Ia-inhibitory interneurones, disynaptically after an antidromic "
        "volley (authors not re-checked)"
    ),
    "renshaw_transmitter": (
        "kramp assumption, after Schneider SP, Fyffe REW (1992) J Neurophysiol 68:397–406 "
        "(not re-checked): the recurrent IPSP is mixed glycinergic and GABA_A, mostly "
        "glycinergic (strychnine reduces it more than bicuculline); taken as 0.7 glycinergic"
    ),
    "renshaw_collateral": (
        "kramp assumption: no single-collateral EPSP size found; a Renshaw cell receives from "
        "many motoneurones of its pool (Eccles, Fatt & Koketsu 1954), taken as half of them, "
        "each adding 0.5 mV of slow drive, so that a maximal volley drives the cell far above "
        "threshold (a burst) and a few coincident spikes near it"
    ),
    "renshaw_weights": (
        "kramp assumption: recurrent IPSPs are a few mV at most in motoneurones (Eccles, Fatt "
        "& Koketsu 1954) and in Ia interneurones (Hultborn, Jankowska & Lindström 1971) when "
        "all of a pool's Renshaw cells burst; spread over some 100 cells of several spikes "
        "each, a contact is taken as 0.05 mV on an interneurone and 0.05 µS on a motoneurone "
        "(less than an Ia-inhibitory interneurone's 0.125 µS)"
    ),
    "crone1987": (
        "Crone C, Hultborn H, Jespersen B, Nielsen J (1987) Reciprocal Ia inhibition between "
        "ankle flexors and extensors in man. J Physiol 389:163–185: the disynaptic reciprocal "
        "inhibition of the soleus H-reflex from the peroneal nerve grows at the onset of and "
        "during voluntary dorsiflexion, as the descending command drives the tibialis "
        "anterior's Ia interneurones with its motoneurones (not re-checked). No size of that "
        "drive in mV is published; kramp assumes that the full command lifts the cells 16 mV "
        "(from 8 mV below their threshold to 8 mV above it), so a weak contraction brings them "
        "near threshold and a strong one makes them fire"
    ),
    "ib_command_gate": (
        "Zytnicki D, Lafleur J, Horcholle-Bossavit G, Lamy F, Jami L (1990) Reduction of Ib "
        "autogenetic inhibition in motoneurons during contractions of an ankle extensor muscle "
        "in the cat. J Neurophysiol 64:1380–1389; Lafleur J, Zytnicki D, Horcholle-Bossavit G, "
        "Jami L (1992) Depolarization of Ib afferent axons in the cat spinal cord during "
        "homonymous muscle contraction. J Physiol 445:345–354; Fournier E, Katz R, "
        "Pierrot-Deseilligny E (1983) Descending control of reflex pathways in the production "
        "of voluntary isolated movements in man. Brain Res 288:375–377 (none re-checked): Ib "
        "inhibition of a muscle's motoneurones falls while the muscle contracts, with "
        "presynaptic depolarisation of the Ib terminals. No share is published; the value was "
        "fitted to target B10 (the soleus units' rate in a brief maximal contraction, Bellemare "
        "et al. 1983) among 0.25, 0.5 and 0.75 (soleus 8.5, 10.0 and 15.2 Hz against the "
        "published 10.7 Hz), so B10 is a calibration and the torque of the same effort (C6) a "
        "prediction"
    ),
    "hultborn1976_mutual": (
        "Hultborn H, Illert M, Santini M (1976) Convergence on interneurones mediating the "
        "reciprocal Ia inhibition of motoneurones. I. Disynaptic Ia inhibition of Ia "
        "inhibitory interneurones. Acta Physiol Scand 96:193–201: Ia-inhibitory interneurones "
        "of opposing muscles inhibit each other (not re-checked). No single-cell IPSP size "
        "found; as for the Renshaw cells (``renshaw_weights``) kramp takes a few mV when the "
        "whole opposing population fires once, 0.05 mV per real cell's spike"
    ),
    "descending_rest": (
        "kramp assumption: at rest the descending systems hold the inhibitory interneurones "
        "some 8 mV below threshold on average (tonic facilitation 2 mV from rest, threshold "
        "10 mV)"
    ),
}

PARAMETERS = ParameterTable(
    component="interneurons",
    references=REFERENCES,
    params=(
        Param("n_per_muscle", 20.0, "1", (1.0, 200.0), "interneuron_count",
              "simulated interneurones of each kind per muscle"),
        Param("renshaw_per_muscle", 0.0, "1", (0.0, 200.0), "renshaw_count",
              "simulated Renshaw cells per muscle (0: recurrent inhibition left out)"),
        Param("real_per_muscle", 100.0, "1", (1.0, 10000.0), "interneuron_count",
              "real interneurones of each kind per muscle"),
        Param("membrane_time_constant", 8.0, "ms", (1.0, 50.0), "bashor1998",
              "membrane time constant", "τ_m"),
        Param("threshold", 10.0, "mV", (2.0, 30.0), "bashor1998",
              "firing threshold above rest", "θ"),
        Param("reset", 0.0, "mV", (-20.0, 10.0), "bashor1998",
              "potential after a spike, from rest", "V_reset"),
        Param("refractory", 2.0, "ms", (0.5, 10.0), "bashor1998",
              "absolute refractory period"),
        Param("noise_sd", 2.0, "mV", (0.0, 10.0), "interneuron_noise",
              "standard deviation of the background noise", "σ"),
        Param("noise_tau", 5.0, "ms", (0.5, 100.0), "interneuron_noise",
              "correlation time of the background noise", "τ_η"),
        Param("afferent_epsp", 0.5, "mV", (0.0, 5.0), "hultborn1976",
              "EPSP one real afferent fibre gives an interneurone of its muscle"),
        Param("afferent_convergence", 0.5, "1", (0.01, 1.0), "interneuron_convergence",
              "share of a muscle's afferents of the right kind that contact one of its "
              "interneurones"),
        Param("ia_descending", 2.0, "mV", (-20.0, 20.0), "descending_rest",
              "tonic descending drive to the Ia-inhibitory interneurones", "D_Ia"),
        Param("ib_descending", 2.0, "mV", (-20.0, 20.0), "descending_rest",
              "tonic descending drive to the Ib interneurones", "D_Ib"),
        Param("ia_command_drive", 16.0, "mV", (0.0, 30.0), "crone1987",
              "depolarisation of a muscle's Ia-inhibitory interneurones by the full voluntary "
              "command to that muscle (scaled by the command and the muscle's share of it)"),
        Param("ib_command_presynaptic", 0.5, "1", (0.0, 1.0), "ib_command_gate",
              "share of a muscle's Ib fibres' input to its Ib interneurones removed "
              "presynaptically by the full voluntary command to that muscle (scaled by the "
              "command and the muscle's share of it)", fitted_to=("B10",)),
        Param("ia_mutual_ipsp", 0.05, "mV", (0.0, 2.0), "hultborn1976_mutual",
              "IPSP one real Ia-inhibitory interneurone's spike gives each Ia-inhibitory "
              "interneurone of the opposing muscles"),
        Param("renshaw_descending", 2.0, "mV", (-20.0, 20.0), "descending_rest",
              "tonic descending drive to the Renshaw cells", "D_R"),
        Param("collateral_delay", 1.0, "ms", (1.0, 2.0), "eccles1954",
              "from a motoneurone spike at the soma (or an antidromic one passing) to the "
              "collateral EPSP in a Renshaw cell; the engine needs ≥ its 1 ms exchange grid"),
        Param("collateral_epsp", 0.5, "mV", (0.0, 5.0), "renshaw_collateral",
              "slow drive one motoneurone spike gives a Renshaw cell its collateral contacts",
              "c"),
        Param("collateral_convergence", 0.5, "1", (0.01, 1.0), "renshaw_collateral",
              "share of a muscle's motoneurones whose collaterals contact one of its Renshaw "
              "cells"),
        Param("collateral_time_constant", 30.0, "ms", (5.0, 100.0), "eccles1954",
              "decay of the collateral (nicotinic) EPSP's drive", "τ_C"),
        Param("renshaw_ia_ipsp", 0.05, "mV", (0.0, 2.0), "renshaw_weights",
              "IPSP one real Renshaw cell's spike gives an Ia-inhibitory interneurone of its "
              "muscle"),
        Param("renshaw_contact_conductance", 0.05, "uS", (0.0, 1.0), "renshaw_weights",
              "peak inhibitory conductance one Renshaw cell's spike gives a motoneurone of its "
              "muscle or a synergist, per real Renshaw cell"),
        Param("renshaw_glycinergic_share", 0.7, "1", (0.0, 1.0), "renshaw_transmitter",
              "glycinergic share of the Renshaw cells' IPSPs (the rest GABA_A)"),
    ),
)

VARIABLES = (
    Variable("v", "mV", "membrane potential from rest"),
    Variable("collateral", "mV", "slow drive of the motor-axon collaterals (Renshaw cells)"),
    Variable("noise", "mV", "background synaptic noise"),
    Variable("refractory_left", "ms", "time left in the refractory period"),
)
V = variable_rows(VARIABLES)
# Interneurone kinds, in the order each muscle's cells lie along the ``neuron`` axis.
KINDS = ("ia_inhibitory", "ib", "renshaw")
IA_IN, IB_IN, RENSHAW = range(3)
DESCENDING = ("ia_descending", "ib_descending", "renshaw_descending")
# The constants a step reads, per person (``constants``).
K = variable_rows([Variable(n, "1", "") for n in (
    "decay", "threshold", "reset", "refractory_ms", "noise_decay", "noise_scale",
    "collateral_decay")])


def transmission(kind: int, spinal: Mapping[str, float], values: Mapping[str, float]) -> float:
    """The share of normal strength of a ``kind`` cell's inhibitory synapses, given the ``spinal``
    table's transmissions and the ``interneurons`` table's ``values``: Ia-inhibitory and Ib cells
    are glycinergic, Renshaw cells co-release glycine and GABA."""
    share = values["renshaw_glycinergic_share"] if kind == RENSHAW else 1.0
    return (share * spinal["glycinergic_transmission"]
            + (1.0 - share) * spinal["gabaergic_transmission"])


def constants(values: Mapping[str, float], dt_ms: float) -> np.ndarray:
    """The step constants of one person's interneurones at step ``dt_ms``."""
    decay = math.exp(-dt_ms / values["noise_tau"])
    return np.array([math.exp(-dt_ms / values["membrane_time_constant"]), values["threshold"],
                     values["reset"], values["refractory"], decay,
                     values["noise_sd"] * math.sqrt(1.0 - decay * decay),
                     math.exp(-dt_ms / values["collateral_time_constant"])])


@numba.njit(cache=True)
def step(v, noise, refractory_left, drive, event_mV, normal, dt, k):
    """One step of one interneurone: events (their summed weight ``event_mV``) act at its start;
    returns (v, noise, refractory_left, fired)."""
    noise = noise * k[K.noise_decay] + k[K.noise_scale] * normal
    if refractory_left > 0.0:
        return k[K.reset], noise, refractory_left - dt, False
    v += event_mV
    rest = drive + noise
    v = rest + (v - rest) * k[K.decay]
    if v >= k[K.threshold]:
        return k[K.reset], noise, k[K.refractory_ms], True
    return v, noise, 0.0, False
