"""Running the library's scenarios for the report: each in its own process, as many at once as
there are cores, longest first, each drawn into its figure where it ran.

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
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kramp.scenarios.schema import Scenario

# rough cost of one simulated second on one core, by model kind: sets the order the runs start
# in, so that the longest does not start last
SECONDS_PER_SIMULATED_SECOND = {"ankle": 0.9, "motor_pool": 0.5}


def _one_thread() -> None:
    """Each worker computes on one core: the workers themselves fill the others."""
    import numba

    numba.set_num_threads(1)


def run_one(scenario_json: str, figure: str | None, lang: str) -> dict[str, Any]:
    """Run one scenario (given as its JSON document) and return its summary, the chain of its
    first spasm, the figure drawn (when ``figure`` is a path) and the run's wall time (s)."""
    from kramp import scenarios
    from kramp.analysis import mechanism
    from kramp.scenarios.schema import validate_scenario

    scenario = validate_scenario(json.loads(scenario_json))
    started = time.perf_counter()
    result, _ = scenarios.run(scenario)
    seconds = time.perf_counter() - started
    summary = scenarios.summarise(result)
    motor = result.attrs["model"] in ("motor_pool", "ankle")
    if figure is not None and motor:
        from kramp.plots import draw_run

        draw_run(result, Path(figure), lang=lang)
    return {"summary": summary, "chain": mechanism.chain(result) if motor else None,
            "figure": figure if motor else None, "seconds": seconds}


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
    jobs: list[tuple[float, str, Any]] = [(_cost(s), "run", s) for s in runs]
    jobs += [(_cost(s, s.sensitivity.trajectories * (len(s.sensitivity.factors) + 1)),
              "screen", s) for s in screenings]
    jobs += [(_cost(s, len(levels)), "compare", (key, s, column, levels))
             for key, s, column, levels in comparisons]
    jobs.sort(key=lambda job: -job[0])
    found: dict[str, dict] = {}
    screens: dict[str, dict] = {}
    compared: dict[str, dict] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))),
                             mp_context=get_context("spawn"), initializer=_one_thread) as pool:
        pending = {_submit(pool, kind, job, figures, lang): (kind, _job_id(kind, job))
                   for _, kind, job in jobs}
        for future in as_completed(pending):
            kind, job_id = pending[future]
            {"run": found, "screen": screens, "compare": compared}[kind][job_id] = \
                future.result()
            if progress is not None:
                progress(len(found) + len(screens) + len(compared), len(jobs), job_id)
    return found, screens, compared


def _job_id(kind: str, job: Any) -> str:
    return job[0] if kind == "compare" else job.id


def _submit(pool: ProcessPoolExecutor, kind: str, job: Any, figures: Path, lang: str) -> Any:
    if kind == "run":
        return pool.submit(run_one, job.to_json(), str(figures / f"{job.id}.png"), lang)
    if kind == "screen":
        return pool.submit(screen_one, job.to_json())
    _, scenario, column, levels = job
    return pool.submit(compare_one, scenario.to_json(), column, list(levels))
