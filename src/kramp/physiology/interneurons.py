"""Spinal inhibitory interneurones as populations: Ia-inhibitory and Ib (non-reciprocal) ones.

Each muscle has a population of Ia-inhibitory interneurones (excited by the muscle's Ia fibres;
they inhibit the antagonist's motoneurones: reciprocal inhibition) and of Ib interneurones
(excited by the muscle's Ib fibres; they inhibit the muscle's own and its synergists'
motoneurones: autogenic inhibition). Both are glycinergic (Jankowska 1992): their synapses on
motoneurones scale with ``spinal.glycinergic_transmission`` (``TRANSMITTER``), while the GABAergic
presynaptic inhibition of the afferent terminals scales with ``spinal.gabaergic_transmission``,
so a toxin or drug can block one kind and spare the other. The brain sets their
excitability: a tonic descending drive ``*_descending`` (mV of steady depolarisation; negative:
inhibition), which a lesion of the descending tracts changes.

An interneurone is a leaky integrate-and-fire cell (Lapicque's model, as in the spinal-circuit
models of Bashor 1998), its potential V (mV from rest) relaxing with the membrane time constant
τ_m towards the descending drive plus a noise term, each synaptic event adding its weight (mV)
at once::

    τ_m dV/dt = −(V − D − η),    V → V + w at an event,    V ≥ θ: spike, V → V_reset, refractory

η is an Ornstein–Uhlenbeck noise (σ, τ_η) of the cell's other, unmodelled inputs. The step is
exact between events: V ← D + η + (V − D − η) e^(−Δt/τ_m).
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
    "interneuron_convergence": (
        "kramp assumption: no measured figure; Ia interneurones receive from many Ia fibres of "
        "their muscle (Jankowska 1992), taken as half of them"
    ),
    "interneuron_noise": (
        "kramp assumption: background synaptic noise of a few mV keeps a resting interneurone "
        "close enough to threshold that afferent volleys fire it with a probability graded by "
        "their size"
    ),
    "descending_rest": (
        "kramp assumption: at rest the descending systems hold the inhibitory interneurones "
        "some 8 mV below threshold on average (tonic facilitation 0 mV from rest, threshold "
        "10 mV)"
    ),
}

PARAMETERS = ParameterTable(
    component="interneurons",
    references=REFERENCES,
    params=(
        Param("n_per_muscle", 20.0, "1", (1.0, 200.0), "interneuron_count",
              "simulated interneurones of each kind per muscle"),
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
    ),
)

VARIABLES = (
    Variable("v", "mV", "membrane potential from rest"),
    Variable("noise", "mV", "background synaptic noise"),
    Variable("refractory_left", "ms", "time left in the refractory period"),
)
V = variable_rows(VARIABLES)
# Interneurone kinds, in the order each muscle's cells lie along the ``neuron`` axis.
KINDS = ("ia_inhibitory", "ib")
IA_IN, IB_IN = range(2)
# The transmitter each kind releases onto motoneurones: the ``spinal`` table's
# ``<transmitter>ergic_transmission`` scales its synapses.
TRANSMITTER = ("glycin", "glycin")
# The constants a step reads, per person (``constants``).
K = variable_rows([Variable(n, "1", "") for n in (
    "decay", "threshold", "reset", "refractory_ms", "noise_decay", "noise_scale")])


def constants(values: Mapping[str, float], dt_ms: float) -> np.ndarray:
    """The step constants of one person's interneurones at step ``dt_ms``."""
    decay = math.exp(-dt_ms / values["noise_tau"])
    return np.array([math.exp(-dt_ms / values["membrane_time_constant"]), values["threshold"],
                     values["reset"], values["refractory"], decay,
                     values["noise_sd"] * math.sqrt(1.0 - decay * decay)])


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
