"""Running the library's scenarios for the report: each in its own process, as many at once as
there are cores, longest first, each drawn into its figure where it ran.

The worker processes are forked from a fork server that has already imported the simulator and
matplotlib (``WORKER_MODULES``), where the platform has one: started by
:func:`start_workers_early` while the caller loads the library, it spares every worker the
seconds of imports a freshly spawned Python spends before its first run. Elsewhere the workers are
spawned and import for themselves.

A worker returns only what the report needs — the run's summary (the same
:func:`kramp.scenarios.summarise` that ``kramp run --json`` prints, so a cause's row agrees with
its own run), the mechanism chain of its first spasm and the figure it drew — so no Result
crosses between processes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import forkserver
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kramp.parallel import HAS_FORK_SERVER, process_pool

if TYPE_CHECKING:  # the simulator's imports wait for the fork server (start_workers_early)
    from kramp.scenarios.schema import Scenario

# What a worker imports before its first run (module doc). A fork server imports each once; a
# module that fails to import there is imported by the worker that needs it.
WORKER_MODULES = ("kramp.scenarios", "kramp.analysis.mechanism", "kramp.plots",
                  "kramp.explain.sensitivity", "matplotlib.backends.backend_agg",
                  "matplotlib.pyplot")

# rough cost of one simulated second on one core, by model kind: sets the order the runs start
# in, so that the longest does not start last
SECONDS_PER_SIMULATED_SECOND = {"ankle": 0.9, "motor_pool": 0.5}


def start_workers_early() -> None:
    """Start the fork server that ``run_all``'s workers come from, importing ``WORKER_MODULES``
    in it while this process goes on (module doc); nothing where there is no fork server."""
    if HAS_FORK_SERVER:
        forkserver.set_forkserver_preload(list(WORKER_MODULES))
        forkserver.ensure_running()


def run_one(scenario_json: str, figure: str | None, lang: str) -> dict[str, Any]:
    """Run one scenario (given as its JSON document) and return its summary, the chain of its
    first spasm, the figure drawn (when ``figure`` is a path) and the run's wall time (s)."""
    from kramp import scenarios
    from kramp.scenarios.schema import validate_scenario

    scenario = validate_scenario(json.loads(scenario_json))
    started = time.perf_counter()
    result, _ = scenarios.run(scenario)
    return _report_run(result, figure, lang, time.perf_counter() - started)


def _report_run(result, figure: str | None, lang: str, seconds: float) -> dict[str, Any]:
    """What the report needs of one run's Result (``run_one``)."""
    from kramp import scenarios
    from kramp.analysis import mechanism

    summary = scenarios.summarise(result)
    motor = result.attrs["model"] in ("motor_pool", "ankle")
    if figure is not None and motor:
        from kramp.plots import draw_run

        draw_run(result, Path(figure), lang=lang)
    return {"summary": summary, "chain": mechanism.chain(result) if motor else None,
            "figure": figure if motor else None, "seconds": seconds}


# What may differ between a cause and a relief that branches from it: its labels, its length,
# and when and how the joint is moved (the relief's stretch)
LABELS = ("id", "name", "description", "cause", "quick", "duration", "based_on")
RAMP = ("ramp_start", "ramp_amplitude", "ramp_velocity", "ramp_hold", "ramp_acceleration")


def branch_point_ms(cause: Scenario, relief: Scenario, exchange_ms: float) -> float:
    """How long ``relief`` runs exactly as ``cause`` does: up to the start of the first ramp of
    the joint either of them has where they differ only in their labels, lengths and ramps,
    rounded down to the exchange interval (so the two runs' intervals keep the grid of one
    unbroken run); 0 where they differ otherwise."""
    from kramp.scenarios.runner import values_at

    def rest(scenario: Scenario) -> dict:
        document = {k: v for k, v in scenario.to_document().items() if k not in LABELS}
        movement = document.get("parameters", {}).get("movement", {})
        for key in RAMP:
            movement.pop(key, None)
        return document

    if rest(cause) != rest(relief):
        return 0.0
    starts = []
    for scenario in (cause, relief):
        movement = values_at(scenario, None, 0.0).get("movement", {})
        if float(np.ravel(movement.get("ramp_amplitude", 0.0))[0]) != 0.0:
            starts.append(float(np.ravel(movement["ramp_start"])[0]))
    shared = min([*starts, cause.duration_ms, relief.duration_ms])
    return float(np.floor(shared / exchange_ms + 1e-9) * exchange_ms)


def run_branches(cause_json: str, relief_json: str, figures: str, lang: str
                 ) -> dict[str, dict[str, Any]]:
    """A cause and a relief that shares its beginning (``branch_point_ms``): the shared part
    runs once and each goes on from its State; by id, what ``run_one`` gives for each (the
    same Results as separate runs: resuming is exact, on the same exchange grid)."""
    from kramp import scenarios
    from kramp.engine.simulate import join_results
    from kramp.scenarios.schema import validate_scenario

    cause, relief = (validate_scenario(json.loads(text)) for text in (cause_json, relief_json))
    started = time.perf_counter()
    shared_ms = branch_point_ms(cause, relief, scenarios.build(cause).exchange_ms)
    if shared_ms <= 0.0:
        return {s.id: run_one(s.to_json(), str(Path(figures) / f"{s.id}.png"), lang)
                for s in (cause, relief)}
    shared, state = scenarios.run(cause, duration_ms=shared_ms)
    found = {}
    for scenario in (cause, relief):
        rest, _ = scenarios.run(scenario, duration_ms=scenario.duration_ms - shared_ms,
                                state=state)
        result = join_results([shared, rest])
        result.attrs.update(scenario=scenario.to_json(), scenario_id=scenario.id,
                            duration_ms=scenario.duration_ms)
        found[scenario.id] = _report_run(result, str(Path(figures) / f"{scenario.id}.png"),
                                         lang, time.perf_counter() - started)
    return found


def compare_one(scenario_json: str, column: str, levels: list[float]) -> dict[str, Any]:
    """One prevention comparison: the scenario (its JSON document) run for a cohort whose
    people differ only in ``column`` (one per level); each person's summary."""
    import numpy as np

    from kramp import scenarios
    from kramp.scenarios.schema import validate_scenario

    scenario = validate_scenario(json.loads(scenario_json))
    result, _ = scenarios.run(scenario, cohort={column: np.array(levels, dtype=float)})
    return {"people": [scenarios.summarise(result, person) for person in range(len(levels))]}


def screen_one(scenario_json: str) -> dict[str, Any]:
    """The Morris screening of one scenario (given as its JSON document)."""
    from kramp.explain.sensitivity import screen
    from kramp.scenarios.schema import validate_scenario

    return screen(validate_scenario(json.loads(scenario_json)))


def _cost(scenario: Scenario, people: int = 1) -> float:
    return scenario.duration_ms * SECONDS_PER_SIMULATED_SECOND.get(scenario.model, 0.1) * people


def run_all(runs: list[Scenario], figures: Path, lang: str, *,
            screenings: list[Scenario] = (),
            comparisons: list[tuple[str, Scenario, str, tuple[float, ...]]] = (),
            workers: int | None = None,
            progress: Callable[[int, int, str], None] | None = None
            ) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict]]:
    """Every scenario of ``runs`` (by id: summary, chain and figure ``figures/<id>.png``), the
    Morris screening of every scenario of ``screenings`` (by id) and each prevention comparison
    ``(id, scenario, column, levels)`` (by id: each person's summary).

    ``progress(done, total, id)`` is called as each finishes.
    """
    workers = workers or os.cpu_count() or 1
    # a relief runs with its cause, from the State where their inputs part (``run_branches``)
    by_id = {s.id: s for s in runs}
    branched = {s.cause.relief_of: s for s in runs
                if s.cause is not None and s.cause.relief_of in by_id}
    alone = [s for s in runs if s.id not in branched and s not in branched.values()]
    jobs: list[tuple[float, str, Any]] = [(_cost(s), "run", s) for s in alone]
    jobs += [(_cost(by_id[cause]) + _cost(relief), "branch", (by_id[cause], relief))
             for cause, relief in branched.items()]
    jobs += [(_cost(s, s.sensitivity.trajectories * (len(s.sensitivity.factors) + 1)),
              "screen", s) for s in screenings]
    jobs += [(_cost(s, len(levels)), "compare", (key, s, column, levels))
             for key, s, column, levels in comparisons]
    jobs.sort(key=lambda job: -job[0])
    found: dict[str, dict] = {}
    screens: dict[str, dict] = {}
    compared: dict[str, dict] = {}
    with process_pool(max(1, min(workers, len(jobs)))) as pool:
        pending = {_submit(pool, kind, job, figures, lang): (kind, _job_id(kind, job))
                   for _, kind, job in jobs}
        for done, future in enumerate(as_completed(pending), start=1):
            kind, job_id = pending[future]
            if kind == "branch":
                found.update(future.result())
            else:
                {"run": found, "screen": screens, "compare": compared}[kind][job_id] = \
                    future.result()
            if progress is not None:
                progress(done, len(jobs), job_id)
    return found, screens, compared


def _job_id(kind: str, job: Any) -> str:
    if kind == "branch":
        return f"{job[0].id}+{job[1].id}"
    return job[0] if kind == "compare" else job.id


def _submit(pool: ProcessPoolExecutor, kind: str, job: Any, figures: Path, lang: str) -> Any:
    if kind == "run":
        return pool.submit(run_one, job.to_json(), str(figures / f"{job.id}.png"), lang)
    if kind == "branch":
        return pool.submit(run_branches, job[0].to_json(), job[1].to_json(), str(figures), lang)
    if kind == "screen":
        return pool.submit(screen_one, job.to_json())
    _, scenario, column, levels = job
    return pool.submit(compare_one, scenario.to_json(), column, list(levels))
