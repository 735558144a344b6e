"""Electrical stimulation over the Achilles tendon: a volley in the calf's tendon-organ (Ib)
afferents alone.

A weak pulse through skin electrodes over a muscle's tendon, near its junction with the muscle,
excites the tendon organs' afferent endings before any other fibre, and the volley inhibits the
muscle's own voluntary EMG in two phases (I1 and I2) some 40–100 ms later, without the
short-latency excitation an Ia volley would give (Burne & Lippold 1996). Khan & Burne (2007)
used such stimuli to test whether a cramp yields to tendon-afferent inhibition as a voluntary
contraction does (target G7).

The model's electrode fires a share ``ib_share`` of the Ib fibres of the muscles that pull on the
Achilles tendon (the calf's heads) at each pulse, the largest fibres first (the lowest electrical
threshold), as spikes leaving their receptors; from there they travel their own axons to the
cord like any Ib discharge, colliding with a natural spike already on its way. The stimulus
current, its spread through the tissue and the few Ia fibres a stronger pulse would reach are
not modelled: the share stands for the intensity.
"""

from __future__ import annotations

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "burne1996": (
        "Burne JA, Lippold OCJ (1996) Reflex inhibition following electrical stimulation over "
        "muscle tendons in man. Brain 119:1107–1114: stimuli over the tendon at a few times the "
        "perception threshold excite tendon-organ afferents and inhibit the muscle's voluntary "
        "EMG in two phases, with no preceding excitation (not re-checked)"
    ),
    "khan2007": (
        "Khan SI, Burne JA (2007) Reflex inhibition of normal cramp following electrical "
        "stimulation of the muscle tendon. J Neurophysiol 98:1102–1107, doi "
        "10.1152/jn.00371.2007: Achilles-tendon stimuli during a gastrocnemius cramp and during a "
        "matched voluntary contraction (protocol details not re-checked)"
    ),
}

PARAMETERS = ParameterTable(
    component="tendon_stimulation",
    references=REFERENCES,
    params=(
        Param("ib_share", 0.0, "1", (0.0, 1.0), "burne1996",
              "share of the calf's Ib fibres each pulse over the Achilles tendon excites, the "
              "largest first (0 = no stimulation)"),
        Param("first_pulse", 100.0, "ms", (0.0, 3.6e6), "khan2007",
              "time of the first pulse"),
        Param("pulse_count", 1.0, "1", (0.0, 1e5), "khan2007",
              "number of pulses in the train"),
        Param("frequency", 1.0, "Hz", (0.01, 100.0), "khan2007",
              "pulse rate of a train"),
    ),
)

# the muscles whose tendon the electrode lies over (the Achilles tendon's)
ACHILLES_MUSCLES = ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius")


def excited(share: float, is_ib: np.ndarray, on_tendon: np.ndarray,
            diameter_um: np.ndarray) -> np.ndarray:
    """Which afferents (bool per fibre) a pulse of ``share`` excites: that share, rounded, of the
    Ib fibres ``on_tendon`` of each muscle, the largest ``diameter_um`` first; ``on_tendon`` also
    groups the fibres by muscle (an int label, −1 for muscles off the tendon)."""
    chosen = np.zeros(diameter_um.size, dtype=bool)
    for label in np.unique(on_tendon[on_tendon >= 0]):
        fibres = np.flatnonzero(is_ib & (on_tendon == label))
        count = round(share * fibres.size)
        largest = fibres[np.argsort(-diameter_um[fibres], kind="stable")[:count]]
        chosen[largest] = True
    return chosen


def pulse_times_ms(values: dict[str, float], start_ms: float, stop_ms: float) -> np.ndarray:
    """The pulses of one person's train in [start_ms, stop_ms)."""
    if values["ib_share"] <= 0.0 or values["pulse_count"] < 1.0:
        return np.zeros(0)
    period = 1000.0 / values["frequency"]
    first = max(0, int(np.ceil((start_ms - values["first_pulse"]) / period - 1e-9)))
    last = min(int(values["pulse_count"]),
               int(np.ceil((stop_ms - values["first_pulse"]) / period - 1e-9)))
    return values["first_pulse"] + period * np.arange(first, max(first, last))
