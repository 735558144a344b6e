"""Pain and root discharge, read from a run's outputs: the recorded spikes of a compressed nerve
root's nociceptive afferents (``root_afferent.spikes``).

**Root discharge.** The count of the root afferents' spikes and their mean rate per afferent.

**Pain index.** The root afferents' mean discharge rate over the rate at which C nociceptors
signal pain: heat pain begins when they reach about ``PAIN_THRESHOLD_RATE_HZ`` = 0.5 Hz
(Tillman, Treede, Meyer & Campbell 1995, J Physiol 485:767–774; monkey nociceptors against
human thresholds). An index of 1 is the pain threshold; a run without root afferents, or whose
root is silent, has index 0. It is a ratio of discharge rates, not a rating on a clinical scale:
the spatial summation and central amplification that turn a discharge into a rating are not
modelled.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

PAIN_THRESHOLD_RATE_HZ = 0.5
ROOT_SPIKES = "root_afferent.spikes."


def root_discharge(result: xr.Dataset, person: int = 0) -> dict[str, Any]:
    """The person's root discharge and pain index (module doc)."""
    duration_s = result.attrs["duration_ms"] / 1e3
    if f"{ROOT_SPIKES}spike_time_ms" not in result:
        return {"root_discharges": 0, "root_discharge_rate_hz": 0.0, "pain_index": 0.0}
    count = int(np.count_nonzero(result[f"{ROOT_SPIKES}spike_person"].values == person))
    n_afferent = result.sizes["root_afferent"]
    rate = count / (n_afferent * duration_s)
    return {"root_discharges": count, "root_discharge_rate_hz": rate,
            "pain_index": rate / PAIN_THRESHOLD_RATE_HZ}
