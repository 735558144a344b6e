"""Speed of kramp's Hodgkin–Huxley engine against NEURON and Brian2 on the same pool of neurons.

What is measured: a pool of N independent single-compartment HH neurons (NEURON's ``hh`` with its
default parameters, 6.3 °C, v_init -65 mV), each under a current step from t = 0 to the end, the
amplitudes spread evenly over 8–12 µA/cm², simulated for ``--duration-ms`` at dt = 0.025 ms by

* kramp (staggered Crank–Nicolson), with 1 and with 2 numba threads;
* NEURON (``secondorder = 2``, ``hh`` rate tables on, spikes from NetCons), one thread;
* Brian2 (Cython target, exponential Euler, SpikeMonitor), one thread.

Each simulator is timed on its run only (kramp: ``simulate``; NEURON: ``finitialize`` +
``continuerun``; Brian2: ``Network.run``). Building the model is reported separately, and the
one-off compilation (numba, Brian2's Cython) is done by a small warm-up run before any timing.
For every N the table gives wall time, neuron-steps per second (N × steps / run seconds) and the
mean firing rate, then speed ratios and a check that the mean firing rates agree within 2 %
(PASS/FAIL is printed, never raised: this is a measurement, not a test).

Run (needs the ``bench`` extra, ``pip install -e ".[bench]"``)::

    python benchmarks/hh_pool.py                       # N = 100, 1000, 10000; 1 s simulated
    python benchmarks/hh_pool.py --sizes 100 --json    # the same figures as one JSON object
    python benchmarks/hh_pool.py --repeats 3           # report the fastest of 3 runs each

Wall times depend on whatever else the machine is doing; compare figures from one run only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass
from functools import partial

import numpy as np

DT_MS = 0.025
LOWEST_CURRENT_UA_PER_CM2 = 8.0
HIGHEST_CURRENT_UA_PER_CM2 = 12.0
RATE_TOLERANCE = 0.02  # relative; the integrators differ, so rates agree closely but not exactly
KRAMP_THREAD_COUNTS = (1, 2)
BENCH_EXTRA_HINT = 'install the benchmark extra, which pins numpy<2.4: pip install -e ".[bench]"'


@dataclass(frozen=True)
class Measurement:
    n_neurons: int
    simulator: str
    threads: int
    build_s: float
    run_s: float
    neuron_steps_per_s: float
    mean_rate_hz: float


@dataclass(frozen=True)
class RateCheck:
    n_neurons: int
    comparison: str
    rate_hz: float
    reference_rate_hz: float
    relative_difference: float
    passed: bool


def exit_if_unable_to_run() -> None:
    """Exit with status 2 and a hint if a peer cannot be imported or numba has too few threads."""
    import numba

    most_threads = max(KRAMP_THREAD_COUNTS)
    if most_threads > numba.config.NUMBA_NUM_THREADS:
        sys.stderr.write(
            f"numba has {numba.config.NUMBA_NUM_THREADS} thread(s); kramp is measured with "
            f"{most_threads}: set NUMBA_NUM_THREADS={most_threads}\n"
        )
        sys.exit(2)
    try:
        import neuron  # noqa: F401
    except ImportError as error:
        sys.stderr.write(f"NEURON could not be imported ({error}); {BENCH_EXTRA_HINT}\n")
        sys.exit(2)
    try:
        import brian2  # noqa: F401
    # Brian2 2.9 reads ndarray.ptp while importing, which NumPy 2.4 removed: an AttributeError.
    except (ImportError, AttributeError) as error:
        sys.stderr.write(f"Brian2 could not be imported ({error!r}); {BENCH_EXTRA_HINT}\n")
        sys.exit(2)


def currents(n_neurons: int) -> np.ndarray:
    return np.linspace(LOWEST_CURRENT_UA_PER_CM2, HIGHEST_CURRENT_UA_PER_CM2, n_neurons)


def measurement(
    n_neurons: int,
    simulator: str,
    threads: int,
    build_s: float,
    run_s: float,
    spike_count: int,
    duration_ms: float,
) -> Measurement:
    steps = round(duration_ms / DT_MS)
    return Measurement(
        n_neurons=n_neurons,
        simulator=simulator,
        threads=threads,
        build_s=build_s,
        run_s=run_s,
        neuron_steps_per_s=n_neurons * steps / run_s,
        mean_rate_hz=spike_count / (n_neurons * duration_ms * 1e-3),
    )


def run_kramp(n_neurons: int, duration_ms: float, threads: int) -> Measurement:
    import numba

    from kramp.engine import build_model, simulate

    numba.set_num_threads(threads)
    build_start = time.perf_counter()
    model = build_model(
        "hh_membrane",
        {"stimulus": {"amplitude": currents(n_neurons)[None, :], "delay": 0.0}},
        n_unit=n_neurons,
        dt_ms=DT_MS,
    )
    build_s = time.perf_counter() - build_start
    run_start = time.perf_counter()
    dataset = simulate(model, duration_ms)
    run_s = time.perf_counter() - run_start
    spike_count = dataset.sizes.get("spike", 0)
    return measurement(n_neurons, "kramp", threads, build_s, run_s, spike_count, duration_ms)


def run_neuron(n_neurons: int, duration_ms: float) -> Measurement:
    from kramp.reference.neuron_hh import run_hh_pool

    pool = run_hh_pool(currents(n_neurons), duration_ms, dt_ms=DT_MS)
    spike_count = len(pool.spike_time_ms)
    return measurement(n_neurons, "NEURON", 1, pool.build_s, pool.run_s, spike_count, duration_ms)


def run_brian2(n_neurons: int, duration_ms: float) -> Measurement:
    from kramp.reference.brian2_hh import run_hh_pool

    pool = run_hh_pool(currents(n_neurons), duration_ms, dt_ms=DT_MS)
    spike_count = len(pool.spike_time_ms)
    return measurement(
        n_neurons, "Brian2 (Cython)", 1, pool.build_s, pool.run_s, spike_count, duration_ms
    )


def warm_up() -> dict[str, float]:
    """Compile kramp's numba kernels and Brian2's Cython code on tiny runs; return their seconds."""
    seconds = {}
    start = time.perf_counter()
    for threads in KRAMP_THREAD_COUNTS:
        run_kramp(2, 1.0, threads)
    seconds["kramp_numba_compile_s"] = time.perf_counter() - start
    start = time.perf_counter()
    run_brian2(2, 1.0)  # Brian2 caches compiled Cython by code, so later sizes reuse it
    seconds["brian2_codegen_and_cython_s"] = time.perf_counter() - start
    return seconds


def rate_check(n_neurons: int, comparison: str, rate: float, reference: float) -> RateCheck:
    relative_difference = abs(rate - reference) / reference if reference > 0 else float("inf")
    return RateCheck(
        n_neurons=n_neurons,
        comparison=comparison,
        rate_hz=rate,
        reference_rate_hz=reference,
        relative_difference=relative_difference,
        passed=relative_difference <= RATE_TOLERANCE,
    )


def fastest(run, repeats: int) -> Measurement:
    """The quickest of ``repeats`` calls of ``run``: other load on the machine only adds time."""
    return min((run() for _ in range(repeats)), key=lambda measured: measured.run_s)


def benchmark_size(n_neurons: int, duration_ms: float, repeats: int):
    """All simulators on one pool size; returns (measurements, speed ratios, rate checks)."""
    kramp_runs = {
        threads: fastest(partial(run_kramp, n_neurons, duration_ms, threads), repeats)
        for threads in KRAMP_THREAD_COUNTS
    }
    neuron_run = fastest(partial(run_neuron, n_neurons, duration_ms), repeats)
    brian2_run = fastest(partial(run_brian2, n_neurons, duration_ms), repeats)
    kramp_one, kramp_two = kramp_runs[1], kramp_runs[2]
    # Ratios of throughput, so a value above 1 means kramp (or 2 threads) is faster.
    ratios = {
        "n_neurons": n_neurons,
        "kramp_1_thread_vs_neuron": kramp_one.neuron_steps_per_s / neuron_run.neuron_steps_per_s,
        "kramp_1_thread_vs_brian2": kramp_one.neuron_steps_per_s / brian2_run.neuron_steps_per_s,
        "kramp_2_threads_vs_1_thread": kramp_two.neuron_steps_per_s / kramp_one.neuron_steps_per_s,
    }
    checks = [
        rate_check(n_neurons, "kramp vs NEURON", kramp_one.mean_rate_hz, neuron_run.mean_rate_hz),
        rate_check(n_neurons, "kramp vs Brian2", kramp_one.mean_rate_hz, brian2_run.mean_rate_hz),
        rate_check(
            n_neurons, "kramp 2 threads vs 1", kramp_two.mean_rate_hz, kramp_one.mean_rate_hz
        ),
    ]
    return [kramp_one, kramp_two, neuron_run, brian2_run], ratios, checks


def versions() -> dict[str, str]:
    import brian2
    import neuron
    import numba

    import kramp

    return {
        "python": platform.python_version(),
        "kramp": kramp.__version__,
        "numpy": np.__version__,
        "numba": numba.__version__,
        "neuron": neuron.__version__,
        "brian2": brian2.__version__,
    }


def print_tables(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"HH pool, {report['duration_ms']:g} ms at dt = {report['dt_ms']} ms, currents "
        f"{LOWEST_CURRENT_UA_PER_CM2:g}–{HIGHEST_CURRENT_UA_PER_CM2:g} µA/cm²; "
        f"{report['cpu_count']} CPUs; fastest of {report['repeats']} run(s); "
        + ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    )
    warmup = report["warmup"]
    console.print(
        f"Warm-up (excluded from timings): kramp numba compile "
        f"{warmup['kramp_numba_compile_s']:.2f} s, Brian2 code generation + Cython "
        f"{warmup['brian2_codegen_and_cython_s']:.2f} s"
    )

    timings = Table(title="Run time (build excluded)")
    for header in ("N", "simulator", "threads", "build s", "run s", "neuron-steps/s", "rate Hz"):
        timings.add_column(header, justify="left" if header == "simulator" else "right")
    for row in report["measurements"]:
        timings.add_row(
            f"{row['n_neurons']:,}",
            row["simulator"],
            str(row["threads"]),
            f"{row['build_s']:.3f}",
            f"{row['run_s']:.3f}",
            f"{row['neuron_steps_per_s']:.3e}",
            f"{row['mean_rate_hz']:.2f}",
        )
    console.print(timings)

    speed = Table(title="Speed ratios (throughput; > 1 means the first is faster)")
    for header in ("N", "kramp 1t / NEURON", "kramp 1t / Brian2", "kramp 2t / kramp 1t"):
        speed.add_column(header, justify="right")
    for row in report["speed_ratios"]:
        speed.add_row(
            f"{row['n_neurons']:,}",
            f"{row['kramp_1_thread_vs_neuron']:.2f}",
            f"{row['kramp_1_thread_vs_brian2']:.2f}",
            f"{row['kramp_2_threads_vs_1_thread']:.2f}",
        )
    console.print(speed)

    rates = Table(title=f"Mean firing rate agreement (tolerance {RATE_TOLERANCE:.0%})")
    for header in ("N", "comparison", "rate Hz", "reference Hz", "difference", "result"):
        rates.add_column(header, justify="left" if header == "comparison" else "right")
    for row in report["rate_checks"]:
        rates.add_row(
            f"{row['n_neurons']:,}",
            row["comparison"],
            f"{row['rate_hz']:.2f}",
            f"{row['reference_rate_hz']:.2f}",
            f"{row['relative_difference']:.2%}",
            "[green]PASS[/green]" if row["passed"] else "[red]FAIL[/red]",
        )
    console.print(rates)


@contextlib.contextmanager
def stdout_diverted_to_stderr():
    """Send everything written to file descriptor 1 to stderr; yield a handle on the real stdout.

    NEURON prints banners and warnings from C, below Python's ``sys.stdout``, so only moving the
    descriptor itself keeps ``--json`` output parseable.
    """
    sys.stdout.flush()
    real_stdout = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    try:
        yield real_stdout
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout.fileno(), 1)
        real_stdout.close()


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1_000, 10_000], help="pool sizes N"
    )
    parser.add_argument("--duration-ms", type=float, default=1000.0, help="simulated time")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="runs per simulator and size; the fastest is reported (default: 1)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the figures as one JSON object instead"
    )
    return parser.parse_args()


def collect(sizes: list[int], duration_ms: float, repeats: int) -> dict:
    report = {
        "duration_ms": duration_ms,
        "repeats": repeats,
        "dt_ms": DT_MS,
        "cpu_count": os.cpu_count(),
        "versions": versions(),
        "warmup": warm_up(),
        "measurements": [],
        "speed_ratios": [],
        "rate_checks": [],
    }
    for n_neurons in sizes:
        measurements, ratios, checks = benchmark_size(n_neurons, duration_ms, repeats)
        report["measurements"] += [asdict(m) for m in measurements]
        report["speed_ratios"].append(ratios)
        report["rate_checks"] += [asdict(c) for c in checks]
    return report


def main() -> None:
    arguments = parse_arguments()
    if arguments.json:
        with stdout_diverted_to_stderr() as real_stdout:
            exit_if_unable_to_run()
            report = collect(arguments.sizes, arguments.duration_ms, arguments.repeats)
            json.dump(report, real_stdout)
            real_stdout.write("\n")
    else:
        exit_if_unable_to_run()
        print_tables(collect(arguments.sizes, arguments.duration_ms, arguments.repeats))


if __name__ == "__main__":
    main()
