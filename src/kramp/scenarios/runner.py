"""From a validated Scenario (and a cohort) to a Model, a Result Dataset and the summary
``kramp run`` reports."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import xarray as xr

from kramp.analysis import cramp, nerve, pain, reflex, spasm
from kramp.analysis.motor import breathing_summary, contraction_summary, force_steadiness
from kramp.analysis.summary import neuron_summary
from kramp.engine import Record, Simulation, State
from kramp.engine.kinds import KINDS
from kramp.engine.network import Model
from kramp.engine.simulate import Progress, join_results
from kramp.engine.snapshot import state_from_dataset, state_to_dataset
from kramp.errors import KrampInputError
from kramp.physiology import fluids, hh_membrane
from kramp.scenarios.schema import Scenario

# Model kinds whose membrane has a resting potential kramp can compute from its parameters.
_RESTING_POTENTIAL = {"hh_membrane": hh_membrane.resting_potential}

# A cohort: per-person values by parameter path, each an array over persons in the parameter's
# declared unit (kramp.scenarios.cohort reads them from a CSV file).
Cohort = Mapping[str, np.ndarray]


def values_at(scenario: Scenario, cohort: Cohort | None, at_ms: float) -> dict:
    """Parameter values of everyone at ``at_ms``: the scenario's, each cohort column, then the
    protocol's steps (and cramp-threshold trains) up to that time."""
    values: dict[str, dict[str, Any]] = {c: dict(v) for c, v in scenario.parameters.items()}
    people = fluid_values(scenario, cohort)
    if people is not None:  # the body's water, salt and blood set the membranes' ions
        felt = [fluids.membrane_ions(person) for person in people]
        values.setdefault("ions", {}).update(
            {name: np.array([f[name] for f in felt]) for name in felt[0]}
            if _fluid_columns(cohort) else felt[0])
    for path, column in (cohort or {}).items():
        if path.startswith("fluids."):
            continue
        component, name = path.split(".", 1)
        # a person's value holds for every unit of single-membrane models ([person, unit])
        per_unit = scenario.model == "hh_membrane"
        values.setdefault(component, {})[name] = column[:, None] if per_unit else column
    for step in scenario.steps:
        if step.at_ms <= at_ms:
            for path, value in step.set.items():
                component, name = path.split(".", 1)
                values.setdefault(component, {})[name] = value
    return values


def _fluid_columns(cohort: Cohort | None) -> dict[str, np.ndarray]:
    return {path.split(".", 1)[1]: column for path, column in (cohort or {}).items()
            if path.startswith("fluids.")}


def fluid_values(scenario: Scenario, cohort: Cohort | None) -> list[dict[str, float]] | None:
    """Each person's ``[fluids]`` values: the scenario's, then the cohort's ``fluids.*``
    columns (None when neither has any)."""
    columns = _fluid_columns(cohort)
    if scenario.fluids is None and not columns:
        return None
    return [dict(scenario.fluids or {}) | {name: float(column[p])
                                           for name, column in columns.items()}
            for p in range(n_people(cohort))]


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
    model = KINDS[scenario.model].build(values_at(scenario, cohort, at_ms), **settings)
    return dataclasses.replace(model, trial=scenario.trial) if scenario.trial else model


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
    records. Protocol steps inside the run switch the model at their times. A cramp-threshold
    protocol that stops at the first cramp ends the run there (:func:`until_first_cramp`).
    """
    changes: dict[tuple[str, ...], Any] = {}
    if duration_ms is not None:
        changes[("duration",)] = f"{duration_ms!r} ms"
    if seed is not None:
        changes[("seed",)] = seed
    if changes:
        scenario = scenario.updated(changes)
    trains = scenario.cramp_threshold_protocol
    if trains is not None and trains.stop_at_first_cramp:
        if n_people(cohort) > 1:
            raise KrampInputError(
                "a cohort shares one run, which cannot stop at each person's first cramp; "
                "allowed: cramp_threshold_protocol.stop_at_first_cramp = false with --cohort",
                field="--cohort")
        return until_first_cramp(scenario, cohort=cohort, state=state, progress=progress)
    return _run_stretch(scenario, cohort, state, progress)


def _run_stretch(scenario: Scenario, cohort: Cohort | None, state: State | None,
                 progress: Progress | None) -> tuple[xr.Dataset, State]:
    """One run of ``scenario.duration_ms`` from rest or ``state``, its protocol steps switching
    the model at their times."""
    start_ms = 0.0 if state is None else state.step * scenario.dt_ms
    model = build(scenario, cohort, start_ms)
    end_ms = start_ms + scenario.duration_ms
    schedule = [(step.at_ms, build(scenario, cohort, step.at_ms)) for step in scenario.steps
                if start_ms < step.at_ms < end_ms]
    simulation = Simulation(model, state)
    result = simulation.run(scenario.duration_ms, records=records(scenario), schedule=schedule,
                            progress=progress)
    result = result.assign(_fluid_variables(scenario, cohort))
    result.attrs["scenario"] = scenario.to_json()
    result.attrs["scenario_id"] = scenario.id
    return result, simulation.state


def _fluid_variables(scenario: Scenario, cohort: Cohort | None) -> dict[str, Any]:
    """Each person's ``[fluids]`` values that the scenario or cohort set, as Result variables
    ``fluids.<name>`` over persons (what each person's plasma in the summary comes from)."""
    people = fluid_values(scenario, cohort)
    if people is None:
        return {}
    params = fluids.SCENARIO
    return {f"fluids.{name}": ("person", np.array([person[name] for person in people]),
                               {"units": params[name].unit, "long_name": params[name].meaning,
                                "source": params[name].source})
            for name in people[0]}


def until_first_cramp(scenario: Scenario, *, cohort: Cohort | None = None,
                      state: State | None = None, progress: Progress | None = None,
                      before_each_train: Callable[[float, State | None], None] | None = None
                      ) -> tuple[xr.Dataset, State]:
    """The cramp-threshold protocol as an experimenter runs it: one train after another, each
    followed by its rest, until a train is followed by a cramp (the spasm detector's, read from
    the outputs alone: :func:`kramp.analysis.cramp.electrically_induced_cramp`); the run then
    goes on in rest-long stretches while the cramp lasts, and ends when it has stopped or the
    scenario's duration is spent. With no cramp it ends a rest after the highest train.

    Each stretch continues the last one's State, so the person's history carries over exactly
    as in one long run, and the Result joins the stretches (``join_results``). The scenario it
    carries is the one that ran: its highest train is the one that cramped, its duration the
    time the run took, and run as it stands it gives the same Result.

    ``before_each_train(time_ms, state)``, when given, sees the State (None at rest) before each
    stretch that begins with a train, so that an experiment can branch off at the train a cramp
    followed (it must copy what it keeps: the run goes on with that State).
    """
    trains = scenario.cramp_threshold_protocol
    start_ms = 0.0 if state is None else state.step * scenario.dt_ms
    end_ms = start_ms + scenario.duration_ms
    # the run pauses where each train after the first begins (the last stretch held a train
    # and all of its rest) and, with no cramp, ends a rest after the highest train
    begins = [begin for _, begin in trains.trains()]
    pauses = [begin for begin in begins[1:] if start_ms < begin < end_ms]
    over_ms = begins[-1] + trains.train_duration_ms + trains.rest_ms
    last_ms = over_ms if start_ms < over_ms < end_ms else end_ms
    parts, now_ms, cramped = [], start_ms, False

    def stretch(until_ms: float, ran: Scenario) -> None:
        nonlocal state, now_ms
        offset = now_ms - start_ms
        part, state = _run_stretch(
            ran.updated({("duration",): f"{until_ms - now_ms!r} ms"}), cohort, state,
            None if progress is None else
            lambda done, _total: progress(offset + done, scenario.duration_ms))
        parts.append(part)
        now_ms = until_ms

    for until_ms in [*pauses, last_ms]:
        if before_each_train is not None:
            before_each_train(now_ms, state)
        stretch(until_ms, scenario)
        cramped = cramp.electrically_induced_cramp(parts[-1], 0)[
            "cramp_threshold_frequency_hz"] is not None
        if cramped:
            break
    ran = scenario
    if cramped:  # the last train given is the one the cramp followed
        ran = scenario.updated({("cramp_threshold_protocol", "highest_frequency"): max(
            frequency for frequency, begin in trains.trains() if begin < now_ms)})
    while cramped and now_ms < end_ms and _cramp_goes_on(parts, ran, now_ms):
        stretch(min(now_ms + trains.rest_ms, end_ms), ran)
    result = join_results(parts)
    result.attrs["scenario"] = ran.updated(
        {("duration",): f"{now_ms - start_ms!r} ms"}).to_json()
    return result, state


def _cramp_goes_on(parts: list[xr.Dataset], ran: Scenario, now_ms: float) -> bool:
    """Whether the discharge after the last train lasts to within ``GAP_MS`` of ``now_ms``: it
    may go on (the detector's own rule for the end of a discharge)."""
    joined = join_results(parts)
    joined.attrs["scenario"] = ran.updated(
        {("duration",): f"{joined.attrs['duration_ms']!r} ms"}).to_json()
    found = cramp.electrically_induced_cramp(joined, 0)
    last_pulse_ms = nerve.stimulation_pulses(joined)[-1].time_ms
    return last_pulse_ms + (found["cramp_duration_s"] or 0.0) * 1e3 >= now_ms - cramp.GAP_MS


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
        "trial": result.attrs.get("trial", 0),  # a Result saved before trials existed: 0
        "person": person,
    }
    if result.attrs["model"] in ("motor_pool", "ankle"):
        return settings | _plasma(result, person) | _pool_summary(result, person) | {
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


# what a clinician reads in the blood, from the ions the person's membranes felt at the start
_PLASMA_IONS = {"plasma_sodium_mM": "sodium", "plasma_potassium_mM": "potassium",
                "plasma_chloride_mM": "chloride", "ionised_calcium_mM": "calcium",
                "ionised_magnesium_mM": "magnesium", "arterial_ph": "ph"}


def _plasma(result: xr.Dataset, person: int) -> dict[str, Any]:
    """The person's plasma: the ions their membranes felt and, where the scenario has
    ``[fluids]``, the body's water, osmolality, blood gases and totals those came from."""
    if "ions.sodium" not in result:
        return {}
    plasma = {key: float(np.ravel(result[f"ions.{name}"].sel(person=person).values)[0])
              for key, name in _PLASMA_IONS.items()}
    values = {name.split(".", 1)[1]: float(result[name].values[person])
              for name in result.data_vars if name.startswith("fluids.")}
    if not values:
        return plasma
    days, blood = fluids.person(values)
    body = days.final
    at_rest = fluids.at_rest({p.name: values[p.name] for p in fluids.PARAMETERS
                              if p.name in values})
    return plasma | {
        "plasma_osmolality_mOsm_per_kg": body.osmolality,
        "hyponatraemia": fluids.hyponatraemia_class(body.plasma_sodium),
        "total_body_water_L": at_rest.water_L,
        "extracellular_fluid_L": body.extracellular_L,
        "body_water_change_L": body.water_L - at_rest.water_L,
        "body_mass_loss_percent": fluids.mass_loss_percent(values, body),
        "paco2_mmHg": blood["paco2_mmHg"], "bicarbonate_mM": blood["bicarbonate_mM"],
        "total_calcium_mM": blood["total_calcium_mM"],
        "total_magnesium_mM": blood["total_magnesium_mM"]} | _slow_clock(days)


def _slow_clock(days: fluids.Course) -> dict[str, Any]:
    """The days the person lived on the slow clock before the run, where there were any."""
    if days.time_h.size < 2:
        return {}
    totals = {key: float(values[-1]) for key, values in days.totals.items()}
    return {"fluid_days": float(days.time_h[-1] / 24.0),
            "sweat_on_the_days_L": totals["sweat_L"], "urine_L": totals["urine_L"],
            "sodium_balance_mmol": totals["eaten_sodium_mmol"] + totals["drunk_sodium_mmol"]
            - totals["sweat_sodium_mmol"] - totals["urine_sodium_mmol"],
            "chloride_balance_mmol": totals["eaten_chloride_mmol"] + totals["drunk_chloride_mmol"]
            - totals["sweat_chloride_mmol"] - totals["urine_chloride_mmol"],
            "lowest_plasma_sodium_mM": float(days.plasma_sodium.min())}


def _pool_summary(result: xr.Dataset, person: int) -> dict[str, Any]:
    contraction = contraction_summary(result, person)
    summary = {
        "peak_force_N": contraction.peak_force_N,
        "peak_force_by_muscle_N": contraction.peak_force_by_muscle_N,
        "return_to_baseline_ms": contraction.return_to_baseline_ms,
        "recruited_units": contraction.recruited_units,
        "rate_at_recruitment_hz": contraction.rate_at_recruitment_hz,
        "rate_at_peak_hz": contraction.rate_at_peak_hz,
        "involuntary_emg_rms_mV": contraction.involuntary_emg_rms_mV,
    }
    # what no recorded command explains, and whether it is a spasm (outputs only)
    verdict = spasm.verdict(result, person)
    summary |= {"involuntary_activity": verdict["involuntary_spikes"] > 0} | verdict
    locked = [e for e in verdict["spasm_episodes"] if e["class"] == "contracture"]
    summary |= {"contracture": bool(locked),
                "contracture_emg_rms_mV": locked[0]["emg_rms_mV"] if locked else None,
                "contracture_recovery_ms": locked[0]["recovery_ms"] if locked else None}
    summary |= nerve.spontaneous_discharges(result, person)
    summary |= pain.root_discharge(result, person)
    if nerve.stimulation_pulses(result):
        muscle = str(result["muscle"].values[0])
        summary |= {"stimulated_muscle": muscle} | nerve.conduction_study(result, muscle, person)
        summary |= nerve.post_exercise_change(result, muscle, person)
        summary |= nerve.repeated_discharges(result, person)
    summary |= nerve.fibre_membrane(result, person)
    if "ankle" in result:
        responses = reflex.reflex_by_velocity(result, person)
        summary |= {"stretch_reflex_by_velocity": responses,
                    "reflex_gain_by_velocity": [r["gain_uV_per_deg"] for r in responses]}
        summary |= reflex.clonus(result, person)
        stiffness = reflex.dynamic_stiffness(result, person)
        if stiffness is not None:
            summary |= {"dynamic_stiffness": stiffness}
        summary |= force_steadiness(result, person)
        summary |= cramp.involuntary_activity(result, person, verdict["spasm_episodes"])
        given = nerve.stimulation_pulses(result)
        pulses = [pulse.time_ms for pulse in given]
        # single pulses make a recruitment curve; trains (even the protocol's slowest, 4 Hz,
        # after which a cramp-prone person may already cramp) are the cramp threshold's
        if pulses and not cramp.in_trains(given) and \
                min(np.diff(pulses), default=np.inf) >= reflex.RECRUITMENT_SPACING_MS:
            waves = reflex.h_and_m_waves(result, person)
            summary |= {"h_and_m_waves": waves,
                        "h_max_over_m_max": reflex.h_max_over_m_max(waves)}
            held = reflex.pulses_in_a_held_contraction(result, person)
            if held:
                summary |= {"silent_period_ms": reflex.silent_period_ms(result, person, held),
                            "silent_period_pulses": len(held)}
        elif pulses:
            summary |= cramp.electrically_induced_cramp(result, person,
                                                        verdict["spasm_episodes"])
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
