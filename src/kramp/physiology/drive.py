"""Descending drive: the command from the brain to the spinal motoneuron pool.

The voluntary command c(t) (% of maximal voluntary drive) is a trapezoid — rise from ``onset``
over ``ramp_up``, hold at ``level`` for ``hold``, release over ``ramp_down`` — plus an optional
sinusoid, clipped to [0, 100] %. It reaches every motoneuron of the pool as the same excitatory
synaptic conductance, so that the size principle (small cells have the highest input resistance
and are recruited first) emerges from the motoneurons themselves (Henneman 1957; Heckman &
Enoka 2012):

    g_exc,j(t) = ḡ_exc · c(t)/100 · (1 + η_common(t) + η_j(t)),   η ≥ −1

η_common is common synaptic noise shared by the pool (low-frequency, the "common drive" of
De Luca & Erim 1994 and Farina & Negro 2015) and η_j independent noise of each motoneuron, both
Ornstein–Uhlenbeck processes with the given coefficient of variation and correlation time. A
tonic inhibitory conductance and the monoaminergic level (which sets the gain of the persistent
inward currents; Heckman et al. 2008) complete the descending input. A pool that breathes
(the diaphragm) adds the brainstem's inspiratory command, ``respiratory_gain`` times the
activity of the pre-Bötzinger population (``kramp.physiology.respiration``), to c(t).
"""

from __future__ import annotations

import numpy as np

from kramp.params import Param, ParameterTable, Variable

REFERENCES = {
    "protocol": "setting of the virtual experiment (the command a subject is asked to follow)",
    "henneman1957": "Henneman E (1957) Relation between size of neurons and their susceptibility "
                    "to discharge. Science 126:1345–1347",
    "deluca1994": "De Luca CJ, Erim Z (1994) Common drive of motor units in regulation of muscle "
                  "force. Trends Neurosci 17:299–305",
    "farina2015": "Farina D, Negro F (2015) Common synaptic input to motor neurons, motor unit "
                  "synchronization, and force control. Exerc Sport Sci Rev 43:23–33",
    "heckman2008": "Heckman CJ, Johnson M, Mottram C, Schuster J (2008) Persistent inward "
                   "currents in spinal motoneurons and their influence on human motoneuron "
                   "firing patterns. Neuroscientist 14:264–275",
    "kramp_calibration": "kramp calibration: chosen so that 100 % command recruits the whole "
                         "default pool and drives it to the published peak rates (target B7), "
                         "and so that quiet breathing recruits a fraction of the diaphragm",
}

PARAMETERS = ParameterTable(
    component="drive",
    references=REFERENCES,
    params=(
        Param("level", 50.0, "%", (0.0, 100.0), "protocol",
              "held command, in % of maximal voluntary drive", "c"),
        Param("onset", 500.0, "ms", (0.0, 3.6e6), "protocol", "start of the rise"),
        Param("ramp_up", 2000.0, "ms", (0.0, 3.6e6), "protocol", "duration of the rise"),
        Param("hold", 3000.0, "ms", (0.0, 3.6e6), "protocol", "duration of the plateau"),
        Param("ramp_down", 1000.0, "ms", (0.0, 3.6e6), "protocol", "duration of the release"),
        Param("sine_amplitude", 0.0, "%", (0.0, 100.0), "protocol",
              "amplitude of a sinusoid added to the command"),
        Param("sine_frequency", 1.0, "Hz", (0.0, 50.0), "protocol",
              "frequency of the sinusoidal command"),
        Param("g_exc_max", 1.2, "uS", (0.0, 5.0), "kramp_calibration",
              "excitatory conductance onto each motoneuron at 100 % command", "ḡ_exc",
              fitted_to=("B7",)),
        Param("g_inh", 0.0, "uS", (0.0, 5.0), "henneman1957",
              "tonic inhibitory conductance onto each motoneuron"),
        Param("common_noise_cv", 0.10, "1", (0.0, 1.0), "farina2015",
              "coefficient of variation of the common synaptic input"),
        Param("common_noise_tau", 100.0, "ms", (1.0, 2000.0), "deluca1994",
              "correlation time of the common input (power below a few Hz)"),
        Param("independent_noise_cv", 0.20, "1", (0.0, 1.0), "farina2015",
              "coefficient of variation of each motoneuron's independent input"),
        Param("independent_noise_tau", 5.0, "ms", (0.1, 200.0), "farina2015",
              "correlation time of the independent input"),
        Param("monoamine", 0.72, "1", (0.0, 2.0), "heckman2008",
              "monoaminergic (serotonin, noradrenaline) level μ that scales the motoneurones' "
              "PIC conductance: 0 none (anaesthetised, acute spinal), 1 the level at which "
              "ḡ_CaL is given (decerebrate cat), 2 raised as by the α1 agonist methoxamine in "
              "Lee & Heckman's decerebrate cats; the default (awake, resting) person's 0.72 gives "
              "human soleus units their paired-unit ΔF",
              fitted_to=("B6",)),
        Param("respiratory_gain", 0.0, "1", (0.0, 50.0), "kramp_calibration",
              "command (fraction of maximal drive) per unit of pre-Bötzinger synaptic "
              "activity; 0 = the pool gets no brainstem respiratory drive",
              fitted_to=("B9",)),
    ),
)


# The drive's own state: the common synaptic noise, one value per person.
VARIABLES = (
    Variable("common_noise", "1", "common synaptic noise η_common of the descending input "
                                  "(relative to its mean)"),
)
# Each motoneuron's independent synaptic noise η_j, part of the motoneuron's state.
INDEPENDENT_NOISE = Variable("independent_noise", "1",
                             "independent synaptic noise η_j of the motoneuron's descending input "
                             "(relative to its mean)")


def command_fraction(t_ms: np.ndarray, p: dict[str, float | np.ndarray]) -> np.ndarray:
    """The voluntary command c(t) as a fraction of maximal drive, clipped to [0, 1].

    Parameters may be arrays over persons (shape ``(n_person, 1)``) to broadcast against time.
    """
    t = np.asarray(t_ms, dtype=float)
    rise_end = p["onset"] + p["ramp_up"]
    hold_end = rise_end + p["hold"]
    fall_end = hold_end + p["ramp_down"]
    rising = np.clip((t - p["onset"]) / np.maximum(p["ramp_up"], 1e-12), 0.0, 1.0)
    falling = np.clip((fall_end - t) / np.maximum(p["ramp_down"], 1e-12), 0.0, 1.0)
    shape = np.where(t < rise_end, rising, np.where(t < hold_end, 1.0, falling))
    trapezoid = p["level"] / 100.0 * shape
    trapezoid = np.where(t < p["onset"], 0.0, trapezoid)
    sine = p["sine_amplitude"] / 100.0 * np.sin(2.0 * np.pi * p["sine_frequency"] * t / 1e3)
    return np.clip(trapezoid + sine, 0.0, 1.0)
