"""Per-neuron firing summary of a Result: spike times, spike count, mean rate and peak V."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr


@dataclass(frozen=True)
class NeuronSummary:
    """What one neuron did during a run.

    ``mean_rate_hz`` is the spike count divided by the whole run's duration; ``peak_v_mV`` is the
    highest recorded membrane potential (the recorded ``membrane.v``), or ``None`` when V was not
    recorded.
    """

    person: int
    unit: int
    spike_times_ms: tuple[float, ...]
    spike_count: int
    mean_rate_hz: float
    peak_v_mV: float | None


def neuron_summary(result: xr.Dataset, person: int = 0, unit: int = 0) -> NeuronSummary:
    """Summarise neuron ``(person, unit)`` of ``result``."""
    own = (result["spike_person"].values == person) & (result["spike_unit"].values == unit)
    spike_times = np.sort(result["spike_time_ms"].values[own])
    duration_s = result.attrs["duration_ms"] / 1e3
    peak = None
    if "membrane.v" in result:
        peak = float(result["membrane.v"].sel(person=person, unit=unit).max())
    return NeuronSummary(
        person=person,
        unit=unit,
        spike_times_ms=tuple(float(t) for t in spike_times),
        spike_count=int(spike_times.size),
        mean_rate_hz=spike_times.size / duration_s,
        peak_v_mV=peak,
    )


def neuron_summaries(result: xr.Dataset) -> list[NeuronSummary]:
    """Summarise every neuron of ``result``, person by person, unit by unit."""
    return [neuron_summary(result, int(person), int(unit))
            for person in result["person"].values for unit in result["unit"].values]
