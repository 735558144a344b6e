"""Speed and memory of the default calf (three heads, 300 motor units) on the network engine,
side by side with the previous version of kramp in the same run.

Cases, each in a fresh child process so that its peak memory is its own (Numba's compilation is
left out: a short warm-up run comes first):

* ``single``: one virtual person's calf, drive ramped to 50 % and held, 10 s at dt 0.025 ms, on
  one core, with its surface EMG: wall time, real-time factor (simulated / wall seconds) and
  peak resident memory (the whole process: Python, NumPy, Numba and the run);
* ``batch``: 64 people in one run against 64 × one person, on one core, over a shorter run
  (``--batch-seconds``);
* ``threads``: the same 64-person batch on two threads against one.

The previous version (``--baseline``, a git revision of this repository; by default the last
commit before the network engine) is checked out into a temporary folder and measured by its
own benchmark worker with the same cases, so every figure comes with its ratio to it. Its single
run leaves the EMG out, as its benchmark did.

Each case runs ``--repeats`` times (default 3) and its fastest run counts: on a shared machine
the slower runs measure the neighbours, not kramp.

Targets (issue 7): ≥ 5× real time on one core; peak memory < 500 MB; a batch of 64 ≤ 0.7 of 64
single runs; two threads ≥ 1.7× faster than one on the batch.

Run::

    python benchmarks/calf.py            # the table
    python benchmarks/calf.py --json     # the same figures as one JSON object
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

SIMULATED_S = 10.0
BATCH_PEOPLE = 64
# The last commit before the network engine: the feed-forward motor pool.
BASELINE = "a764d1f"
REPOSITORY = Path(__file__).resolve().parents[1]


def _worker(case: str, simulated_s: float, people: int, threads: int) -> dict:
    """Run one case in this process and return its figures."""
    import numba

    from kramp.engine import build_model, simulate

    numba.set_num_threads(threads)
    drive = {"level": 50.0, "onset": 0.0, "ramp_up": 2000.0, "hold": 3.6e6, "ramp_down": 0.0}
    simulate(build_model("motor_pool", {"drive": drive, "soleus": {"n_unit": 10}}), 50.0)
    start = time.perf_counter()
    model = build_model("motor_pool", {"drive": drive}, n_person=people, seed=1)
    built = time.perf_counter()
    result = simulate(model, simulated_s * 1e3)
    done = time.perf_counter()
    return {
        "case": case,
        "people": people,
        "threads": threads,
        "units": int(result.sizes["unit"]),
        "simulated_s": simulated_s,
        "build_s": built - start,
        "run_s": done - built,
        "spikes": int(result.sizes["spike"]),
        "peak_memory_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }


REPEATS = 3


def _child(command: list[str], repeats: int, env: dict | None = None) -> dict:
    """The fastest of ``repeats`` runs of a worker, each in a fresh process."""
    runs = []
    for _ in range(repeats):
        output = subprocess.run(command, check=True, capture_output=True, text=True,
                                env=env).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    return min(runs, key=lambda run: run["run_s"])


def _run_case(case: str, simulated_s: float, people: int, repeats: int,
              threads: int = 1) -> dict:
    return _child([sys.executable, __file__, "--worker", case, "--seconds", str(simulated_s),
                   "--people", str(people), "--threads", str(threads)], repeats)


def _baseline_case(folder: Path, case: str, simulated_s: float, people: int,
                   repeats: int) -> dict:
    """One case measured by the previous version's own benchmark worker (one thread)."""
    env = {**os.environ, "PYTHONPATH": str(folder / "src"),
           "NUMBA_CACHE_DIR": str(folder / "numba-cache")}
    return _child([sys.executable, str(folder / "benchmarks" / "calf.py"), "--worker", case,
                   "--seconds", str(simulated_s), "--people", str(people)], repeats, env)


def _checkout(revision: str, folder: Path) -> None:
    archive = folder / "baseline.tar"
    subprocess.run(["git", "-C", str(REPOSITORY), "archive", "-o", str(archive), revision],
                   check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")


def measure(batch_seconds: float, baseline: str | None, repeats: int = REPEATS) -> dict:
    figures = {
        "single": _run_case("single", SIMULATED_S, 1, repeats),
        "batch_reference_single": _run_case("single", batch_seconds, 1, repeats),
        "batch": _run_case("batch", batch_seconds, BATCH_PEOPLE, repeats),
        "batch_two_threads": _run_case("batch", batch_seconds, BATCH_PEOPLE, repeats,
                                       threads=2),
    }
    figures |= _ratios(figures)
    if baseline:
        with tempfile.TemporaryDirectory() as folder:
            _checkout(baseline, Path(folder))
            old = {
                "single": _baseline_case(Path(folder), "single", SIMULATED_S, 1, repeats),
                "batch_reference_single": _baseline_case(Path(folder), "single",
                                                         batch_seconds, 1, repeats),
                "batch": _baseline_case(Path(folder), "batch", batch_seconds, BATCH_PEOPLE,
                                        repeats),
            }
        figures["baseline"] = {"revision": baseline, **old, **_ratios(old)}
        figures["speed_vs_baseline"] = old["single"]["run_s"] / figures["single"]["run_s"]
        figures["batch_speed_vs_baseline"] = old["batch"]["run_s"] / figures["batch"]["run_s"]
    figures["repeats"] = repeats
    figures["targets"] = {"real_time_factor_at_least": 5.0, "peak_memory_MB_below": 500.0,
                          "batch_cost_vs_64_singles_at_most": 0.7,
                          "two_thread_speedup_at_least": 1.7}
    return figures


def _ratios(cases: dict) -> dict:
    single, batch = cases["batch_reference_single"], cases["batch"]
    ratios = {
        "real_time_factor": cases["single"]["simulated_s"] / cases["single"]["run_s"],
        "batch_cost_vs_64_singles": batch["run_s"] / (batch["people"] * single["run_s"]),
    }
    if "batch_two_threads" in cases:  # the previous version's worker runs on one thread
        ratios["two_thread_speedup"] = batch["run_s"] / cases["batch_two_threads"]["run_s"]
    return ratios


def _print_table(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    old = figures.get("baseline")
    rows = [
        ("real-time factor, 300 units, 1 core", "real_time_factor", "{:.2f}×", "≥ 5×",
         lambda v: v >= 5.0),
        ("peak memory of that run", None, "{:.0f} MB", "< 500 MB", lambda v: v < 500.0),
        (f"batch of {BATCH_PEOPLE} vs {BATCH_PEOPLE} × one person, 1 core",
         "batch_cost_vs_64_singles", "{:.2f} of the cost", "≤ 0.7", lambda v: v <= 0.7),
        (f"batch of {BATCH_PEOPLE}: 2 threads vs 1", "two_thread_speedup", "{:.2f}×", "≥ 1.7×",
         lambda v: v >= 1.7),
    ]
    table = Table("measure", "kramp", "previous version" if old else "", "target", "met",
                  title="kramp calf benchmark")
    for name, key, shown, target, met in rows:
        value = figures[key] if key else figures["single"]["peak_memory_MB"]
        before = (old.get(key) if key else old["single"]["peak_memory_MB"]) if old else None
        table.add_row(name, shown.format(value), "–" if before is None else shown.format(before),
                      target, "yes" if met(value) else "[bold red]no[/]")
    console = Console()
    console.print(table)
    if old:
        console.print(f"single run {figures['speed_vs_baseline']:.2f}× the speed of "
                      f"{old['revision']} (which leaves the EMG out); 64-person batch "
                      f"{figures['batch_speed_vs_baseline']:.2f}× its speed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch-seconds", type=float, default=2.0,
                        help="simulated seconds of the batch comparisons (default 2)")
    parser.add_argument("--repeats", type=int, default=REPEATS,
                        help=f"runs per case, the fastest counts (default {REPEATS})")
    parser.add_argument("--baseline", default=BASELINE,
                        help=f"git revision to compare with (default {BASELINE}; '' for none)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.seconds, args.people, args.threads)))
        return
    figures = measure(args.batch_seconds, args.baseline or None, max(1, args.repeats))
    if args.json:
        print(json.dumps(figures))
    else:
        _print_table(figures)


if __name__ == "__main__":
    main()
