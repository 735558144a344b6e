"""From a validated Scenario to a Model, a Result Dataset and the summary ``kramp run`` reports."""

from __future__ import annotations

import math
from typing import Any

import xarray as xr

from kramp.analysis.motor import breathing_summary, contraction_summary
from kramp.analysis.summary import neuron_summary
from kramp.engine.kinds import KINDS, Recording
from kramp.engine.simulate import Progress
from kramp.physiology import hh_membrane
from kramp.scenarios.schema import Scenario

# Model kinds whose membrane has a resting potential kramp can compute from its parameters.
_RESTING_POTENTIAL = {"hh_membrane": hh_membrane.resting_potential}


def build(scenario: Scenario, n_person: int = 1):
    """Compile the scenario into its kind's Model, for ``n_person`` identical virtual people."""
    return KINDS[scenario.model].build(scenario.parameters, n_person=n_person,
                                       dt_ms=scenario.dt_ms)


def run(
    scenario: Scenario,
    *,
    duration_ms: float | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> xr.Dataset:
    """Simulate the scenario (its duration and seed unless given) and return the Result.

    The Result carries the scenario as it ran, overrides included, as JSON text in the global
    attribute ``scenario`` (it validates back into the same Scenario), and its id in
    ``scenario_id``, beside the seed and kramp version that the engine records.
    """
    changes: dict[tuple[str, ...], Any] = {}
    if duration_ms is not None:
        changes[("duration",)] = f"{duration_ms!r} ms"
    if seed is not None:
        changes[("seed",)] = seed
    if changes:
        scenario = scenario.updated(changes)
    recording = scenario.recording
    result = KINDS[scenario.model].simulate(
        build(scenario),
        scenario.duration_ms,
        seed=scenario.seed,
        recording=Recording(recording.voltage_interval_ms if recording.voltage else None,
                            recording.spike_threshold_mV),
        progress=progress,
    )
    result.attrs["scenario"] = scenario.to_json()
    result.attrs["scenario_id"] = scenario.id
    return result


def resting_potential_mV(result: xr.Dataset, person: int = 0, unit: int = 0) -> float | None:
    """Resting potential of a neuron's membrane, from the parameters stored in ``result``.

    ``None`` where the model kind has no resting-potential function or the membrane has no
    stable rest (for example when it fires on its own).
    """
    compute = _RESTING_POTENTIAL.get(result.attrs["model"])
    if compute is None:
        return None
    membrane = KINDS[result.attrs["model"]].component("membrane")
    values = {param.name: float(result[f"membrane.{param.name}"].sel(person=person, unit=unit))
              for param in membrane}
    rest = compute(values)
    return None if math.isnan(rest) else rest


def summarise(result: xr.Dataset, person: int = 0, unit: int = 0) -> dict[str, Any]:
    """The run's settings and what it produced, as JSON-ready values.

    A membrane run reports neuron ``(person, unit)``; a motor-pool run reports person's force,
    firing and involuntary activity, and breathing where the pool has a respiratory drive.
    """
    settings = {
        "scenario": result.attrs["scenario_id"],
        "duration_ms": result.attrs["duration_ms"],
        "dt_ms": result.attrs["dt_ms"],
        "seed": result.attrs["seed"],
        "person": person,
    }
    if result.attrs["model"] == "motor_pool":
        return settings | _pool_summary(result, person) | {
            "kramp_version": result.attrs["kramp_version"]}
    firing = neuron_summary(result, person, unit)
    return settings | {
        "unit": unit,
        "spike_times_ms": list(firing.spike_times_ms),
        "spike_count": firing.spike_count,
        "mean_rate_hz": firing.mean_rate_hz,
        "resting_potential_mV": resting_potential_mV(result, person, unit),
        "peak_v_mV": firing.peak_v_mV,
        "kramp_version": result.attrs["kramp_version"],
    }


def _pool_summary(result: xr.Dataset, person: int) -> dict[str, Any]:
    contraction = contraction_summary(result, person)
    summary = {
        "peak_force_N": contraction.peak_force_N,
        "return_to_baseline_ms": contraction.return_to_baseline_ms,
        "recruited_units": contraction.recruited_units,
        "rate_at_recruitment_hz": contraction.rate_at_recruitment_hz,
        "rate_at_peak_hz": contraction.rate_at_peak_hz,
        "involuntary_activity": contraction.involuntary_spikes > 0,
        "involuntary_spikes": contraction.involuntary_spikes,
        "involuntary_emg_rms_mV": contraction.involuntary_emg_rms_mV,
    }
    if float(result["inspiratory_command"].sel(person=person).max()) > 0.0:
        breathing = breathing_summary(result, person)
        forces = breathing.peak_force_per_breath_N
        summary |= {
            "breaths": breathing.breaths,
            "breaths_per_minute": breathing.breaths_per_minute,
            "force_per_breath_N": float(sum(forces) / len(forces)) if forces else None,
            "force_per_breath_each_N": list(forces),
        }
    return summary
