"""Speed and memory of the default calf: 300 motor units, 10 s of simulated time at dt 0.025 ms.

What is measured, each case in a fresh child process so that its peak memory is its own:

* ``single``: one virtual person's calf (drive ramped to 50 % and held), 10 s, one core, the
  surface EMG left out: wall time, real-time factor (simulated / wall seconds) and peak
  resident memory (the process's whole footprint: Python, NumPy, Numba and the run);
* ``single+emg``: the same run with its surface EMG: the EMG's extra wall time;
* ``batch``: 64 virtual people in one run against 64 × one person, on one core, over a shorter
  run (``--batch-seconds``) so the case stays within a few minutes.

Targets (issue 4): ≥ 5× faster than real time on one core; peak memory < 500 MB; the EMG of
those 10 s in < 10 s more; a batch of 64 cheaper than 64 single runs. For scale, MyoGen 0.12
(NEURON-based motoneurons) was measured on this class of machine at 0.3× real time and 5 GB for
a 300-unit pool; it is not run here. Numba's compilation is excluded (a warm-up run first).

Run::

    python benchmarks/calf.py            # the table
    python benchmarks/calf.py --json     # the same figures as one JSON object
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

SIMULATED_S = 10.0
BATCH_PEOPLE = 64


def _worker(case: str, simulated_s: float, people: int) -> dict:
    """Run one case in this process and return its figures."""
    import numba
    from kramp.engine.pool import build_pool, simulate_pool

    numba.set_num_threads(1)
    drive = {"level": 50.0, "onset": 0.0, "ramp_up": 2000.0, "hold": 3.6e6, "ramp_down": 0.0}
    with_emg = case == "single+emg"
    warm = build_pool({"drive": drive, "muscle": {"n_unit": 10}})
    simulate_pool(warm, 50.0, with_emg=with_emg)
    start = time.perf_counter()
    model = build_pool({"drive": drive}, n_person=people)
    built = time.perf_counter()
    result = simulate_pool(model, simulated_s * 1e3, seed=1, with_emg=with_emg)
    done = time.perf_counter()
    return {
        "case": case,
        "people": people,
        "units": model.n_unit,
        "simulated_s": simulated_s,
        "build_s": built - start,
        "run_s": done - built,
        "spikes": int(result.sizes["spike"]),
        "peak_memory_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }


def _run_case(case: str, simulated_s: float, people: int) -> dict:
    command = [sys.executable, __file__, "--worker", case, "--seconds", str(simulated_s),
               "--people", str(people)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(batch_seconds: float) -> dict:
    single = _run_case("single", SIMULATED_S, 1)
    with_emg = _run_case("single+emg", SIMULATED_S, 1)
    one_short = _run_case("single", batch_seconds, 1)
    batch = _run_case("batch", batch_seconds, BATCH_PEOPLE)
    return {
        "single": single,
        "single_with_emg": with_emg,
        "batch_reference_single": one_short,
        "batch": batch,
        "real_time_factor": SIMULATED_S / single["run_s"],
        "emg_extra_s": with_emg["run_s"] - single["run_s"],
        "batch_cost_vs_64_singles": batch["run_s"] / (BATCH_PEOPLE * one_short["run_s"]),
        "targets": {
            "real_time_factor_at_least": 5.0,
            "peak_memory_MB_below": 500.0,
            "emg_extra_s_below": 10.0,
            "batch_cost_vs_64_singles_below": 1.0,
        },
    }


def _print_table(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    single, batch = figures["single"], figures["batch"]
    checks = [
        ("real-time factor, 300 units, 1 core", f"{figures['real_time_factor']:.2f}×", "≥ 5×",
         figures["real_time_factor"] >= 5.0),
        ("peak memory of that run", f"{single['peak_memory_MB']:.0f} MB", "< 500 MB",
         single["peak_memory_MB"] < 500.0),
        ("surface EMG for those 10 s", f"+{figures['emg_extra_s']:.2f} s", "< 10 s",
         figures["emg_extra_s"] < 10.0),
        (f"batch of {batch['people']} vs {batch['people']} × one person "
         f"({batch['simulated_s']:g} s simulated)",
         f"{figures['batch_cost_vs_64_singles']:.2f} of the cost", "< 1",
         figures["batch_cost_vs_64_singles"] < 1.0),
    ]
    table = Table("measure", "kramp", "target", "met", title="kramp calf benchmark")
    for name, value, target, met in checks:
        table.add_row(name, value, target, "yes" if met else "[bold red]no[/]")
    console = Console()
    console.print(table)
    console.print(f"single run: {single['run_s']:.2f} s for {single['simulated_s']:g} s simulated "
                  f"(build {single['build_s']:.2f} s, {single['spikes']} spikes); batch: "
                  f"{batch['run_s']:.2f} s, peak {batch['peak_memory_MB']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch-seconds", type=float, default=2.0,
                        help="simulated seconds of the batch comparison (default 2)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.seconds, args.people)))
        return
    figures = measure(args.batch_seconds)
    if args.json:
        print(json.dumps(figures))
    else:
        _print_table(figures)


if __name__ == "__main__":
    main()
