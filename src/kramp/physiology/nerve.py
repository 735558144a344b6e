"""The motor nerve between the spinal cord and the muscle: how long each unit's signal travels.

Each motor unit's axon is a myelinated fibre whose diameter follows its motoneuron's size (large
cells have thick, fast axons; Henneman's size principle). Its conduction time is the length of
its muscle's nerve (``kramp.physiology.muscles``) divided by the velocity the myelinated-axon
cable model (``kramp.physiology.axon``) gives at that diameter and limb temperature, plus the
delay of the neuromuscular junction, which relays every action potential (a reliable one-to-one
relay until the junction's chemistry is modelled).
"""

from __future__ import annotations

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "kawamura1977": (
        "Kawamura Y, Okazaki H, O'Brien PC, Dyck PJ (1977) Lumbar motoneurons of man: I. number "
        "and diameter histogram of alpha and gamma axons of ventral root. J Neuropathol Exp "
        "Neurol 36:853–860 (alpha-axon range; not re-checked)"
    ),
    "katz1965": (
        "Katz B, Miledi R (1965) The measurement of synaptic delay, and the time course of "
        "acetylcholine release at the neuromuscular junction. Proc R Soc Lond B 161:483–495"
    ),
    "kim2022": (
        "Kim JY et al. (2022) Ann Rehabil Med 46:9–23: nerve conduction studies are made with "
        "the limb at ≥ 32 °C"
    ),
}

PARAMETERS = ParameterTable(
    component="nerve",
    references=REFERENCES,
    params=(
        Param("fibre_diameter_smallest", 9.0, "um", (2.0, 22.0), "kawamura1977",
              "fibre diameter of the smallest (first recruited) unit's axon"),
        Param("fibre_diameter_largest", 16.0, "um", (2.0, 22.0), "kawamura1977",
              "fibre diameter of the largest unit's axon"),
        Param("temperature", 34.0, "degC", (20.0, 40.0), "kim2022",
              "temperature of the nerve along its course"),
        Param("junction_delay", 0.5, "ms", (0.1, 5.0), "katz1965",
              "delay from the nerve terminal's action potential to the muscle fibre's"),
    ),
)


def fibre_diameters_um(n_unit: int, p: dict[str, float]) -> np.ndarray:
    """Axon fibre diameters rising linearly from the first- to the last-recruited unit."""
    return np.linspace(p["fibre_diameter_smallest"], p["fibre_diameter_largest"], n_unit)
