"""From a validated Scenario (and a cohort) to a Model, a Result Dataset and the summary
``kramp run`` reports."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from kramp.analysis import cramp, nerve, reflex
from kramp.analysis.motor import breathing_summary, contraction_summary, force_steadiness
from kramp.analysis.summary import neuron_summary
from kramp.engine import Record, Simulation, State
from kramp.engine.kinds import KINDS
from kramp.engine.network import Model
from kramp.engine.simulate import Progress
from kramp.engine.snapshot import state_from_dataset, state_to_dataset
from kramp.errors import KrampInputError
from kramp.physiology import hh_membrane
from kramp.scenarios.schema import Scenario

# Model kinds whose membrane has a resting potential kramp can compute from its parameters.
_RESTING_POTENTIAL = {"hh_membrane": hh_membrane.resting_potential}

# A cohort: per-person values by parameter path, each an array over persons in the parameter's
# declared unit (kramp.scenarios.cohort reads them from a CSV file).
Cohort = Mapping[str, np.ndarray]


def values_at(scenario: Scenario, cohort: Cohort | None, at_ms: float) -> dict:
    """Parameter values of everyone at ``at_ms``: the scenario's, each cohort column, then the
    protocol's steps up to that time."""
    values: dict[str, dict[str, Any]] = {c: dict(v) for c, v in scenario.parameters.items()}
    for path, column in (cohort or {}).items():
        component, name = path.split(".", 1)
        # a person's value holds for every unit of single-membrane models ([person, unit])
        per_unit = scenario.model == "hh_membrane"
        values.setdefault(component, {})[name] = column[:, None] if per_unit else column
    for step in scenario.protocol:
        if step.at_ms <= at_ms:
            for path, value in step.set.items():
                component, name = path.split(".", 1)
                values.setdefault(component, {})[name] = value
    return values


def n_people(cohort: Cohort | None) -> int:
    return len(next(iter(cohort.values()))) if cohort else 1


def build(scenario: Scenario, cohort: Cohort | None = None, at_ms: float = 0.0) -> Model:
    """Compile the scenario into its kind's Model: one person, or one per cohort row."""
    settings: dict[str, Any] = {"n_person": n_people(cohort), "dt_ms": scenario.dt_ms,
                                "seed": scenario.seed}
    kind = KINDS[scenario.model]
    if kind.default_muscles:
        settings["muscle_names"] = scenario.muscles or kind.default_muscles
    else:
        settings["spike_threshold_mV"] = scenario.recording.spike_threshold_mV
    return KINDS[scenario.model].build(values_at(scenario, cohort, at_ms), **settings)


def records(scenario: Scenario) -> list[Record]:
    return [Record(path, v.interval_ms, v.units)
            for path, v in scenario.recording.variables.items()]


def run(
    scenario: Scenario,
    *,
    duration_ms: float | None = None,
    seed: int | None = None,
    cohort: Cohort | None = None,
    state: State | None = None,
    progress: Progress | None = None,
) -> tuple[xr.Dataset, State]:
    """Simulate the scenario (its duration and seed unless given) from rest or from ``state``.

    Returns the Result and the final State. The Result carries the scenario as it ran, overrides
    included, as JSON text in the global attribute ``scenario`` (it validates back into the same
    Scenario), and its id in ``scenario_id``, beside the seed and kramp version the engine
    records. Protocol steps inside the run switch the model at their times.
    """
    changes: dict[tuple[str, ...], Any] = {}
    if duration_ms is not None:
        changes[("duration",)] = f"{duration_ms!r} ms"
    if seed is not None:
        changes[("seed",)] = seed
    if changes:
        scenario = scenario.updated(changes)
    start_ms = 0.0 if state is None else state.step * scenario.dt_ms
    model = build(scenario, cohort, start_ms)
    end_ms = start_ms + scenario.duration_ms
    schedule = [(step.at_ms, build(scenario, cohort, step.at_ms)) for step in scenario.protocol
                if start_ms < step.at_ms < end_ms]
    simulation = Simulation(model, state)
    result = simulation.run(scenario.duration_ms, records=records(scenario), schedule=schedule,
                            progress=progress)
    result.attrs["scenario"] = scenario.to_json()
    result.attrs["scenario_id"] = scenario.id
    return result, simulation.state


def state_file(state: State, result: xr.Dataset) -> xr.Dataset:
    """The final State of a run as a Dataset to save, labelled with the run's scenario."""
    snapshot = state_to_dataset(state)
    snapshot.attrs["scenario_id"] = result.attrs["scenario_id"]
    snapshot.attrs["scenario"] = result.attrs["scenario"]
    return snapshot


def load_state(snapshot: xr.Dataset, scenario: Scenario, cohort: Cohort | None,
               seed: int | None, *, source: str) -> State:
    """The State a saved snapshot holds, for continuing ``scenario`` (and its cohort).

    Refused with a one-line message when it was saved by another scenario or kramp version,
    for another network or people, or when ``seed`` asks for other random streams.
    """
    saved = snapshot.attrs.get("scenario_id")
    if saved != scenario.id:
        raise KrampInputError(f"{source}: the state was saved by scenario '{saved}', not "
                              f"'{scenario.id}'; allowed: a state of the same scenario",
                              field="--resume")
    saved_seed = int(json.loads(snapshot.attrs["signature"])["seed"]) \
        if "signature" in snapshot.attrs else None
    if seed is not None and seed != saved_seed:
        raise KrampInputError(f"{source}: the state's random streams were seeded with "
                              f"{saved_seed}, not {seed}; allowed: --seed {saved_seed} or none",
                              field="--seed")
    if saved_seed is not None:
        scenario = scenario.updated({("seed",): saved_seed})
    return state_from_dataset(snapshot, build(scenario, cohort), source=source)


def resting_potential_mV(result: xr.Dataset, person: int = 0, unit: int = 0) -> float | None:
    """Resting potential of a neuron's membrane, from the parameters stored in ``result``.

    ``None`` where the model kind has no resting-potential function or the membrane has no
    stable rest (for example when it fires on its own).
    """
    compute = _RESTING_POTENTIAL.get(result.attrs["model"])
    if compute is None:
        return None
    values = {param.name: float(result[f"membrane.{param.name}"].sel(person=person, unit=unit))
              for param in hh_membrane.PARAMETERS}
    rest = compute(values)
    return None if math.isnan(rest) else rest


def summarise(result: xr.Dataset, person: int = 0, unit: int = 0) -> dict[str, Any]:
    """The run's settings and what it produced for one person, as JSON-ready values.

    A membrane run reports neuron ``(person, unit)``; a motor-pool run reports the person's
    force, firing and involuntary activity, and breathing where a muscle breathes.
    """
    settings = {
        "scenario": result.attrs["scenario_id"],
        "start_ms": result.attrs["start_ms"],
        "duration_ms": result.attrs["duration_ms"],
        "dt_ms": result.attrs["dt_ms"],
        "seed": result.attrs["seed"],
        "person": person,
    }
    if result.attrs["model"] in ("motor_pool", "ankle"):
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
        "peak_force_by_muscle_N": contraction.peak_force_by_muscle_N,
        "return_to_baseline_ms": contraction.return_to_baseline_ms,
        "recruited_units": contraction.recruited_units,
        "rate_at_recruitment_hz": contraction.rate_at_recruitment_hz,
        "rate_at_peak_hz": contraction.rate_at_peak_hz,
        "involuntary_activity": contraction.involuntary_spikes > 0,
        "involuntary_spikes": contraction.involuntary_spikes,
        "involuntary_emg_rms_mV": contraction.involuntary_emg_rms_mV,
    }
    summary |= nerve.spontaneous_discharges(result, person)
    if nerve.stimulation_pulses(result):
        muscle = str(result["muscle"].values[0])
        summary |= {"stimulated_muscle": muscle} | nerve.conduction_study(result, muscle, person)
    summary |= nerve.fibre_membrane(result, person)
    if "ankle" in result:
        responses = reflex.reflex_by_velocity(result, person)
        summary |= {"stretch_reflex_by_velocity": responses,
                    "reflex_gain_by_velocity": [r["gain_uV_per_deg"] for r in responses]}
        summary |= reflex.clonus(result, person)
        summary |= force_steadiness(result, person)
        summary |= cramp.involuntary_activity(result, person)
        pulses = [pulse.time_ms for pulse in nerve.stimulation_pulses(result)]
        if pulses and min(np.diff(pulses), default=np.inf) >= reflex.RECRUITMENT_SPACING_MS:
            waves = reflex.h_and_m_waves(result, person)
            summary |= {"h_and_m_waves": waves,
                        "h_max_over_m_max": reflex.h_max_over_m_max(waves)}
        elif pulses:
            summary |= cramp.electrically_induced_cramp(result, person)
    if float(result["inspiratory_command"].sel(person=person).max()) > 0.0:
        breathing = breathing_summary(result, person)
        forces = breathing.peak_force_per_breath_N
        summary |= {
            "breaths": breathing.breaths,
            "breaths_per_minute": breathing.breaths_per_minute,
            "force_per_breath_N": float(sum(forces) / len(forces)) if forces else None,
            "force_per_breath_each_N": list(forces),
            "force_per_breath_percent_of_max": breathing.percent_of_max,
        }
    return summary
