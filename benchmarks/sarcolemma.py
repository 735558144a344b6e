"""CPU cost of the sarcolemma component: 300 units (one person) at rest and firing at 20 Hz.

Reports CPU seconds (process time, all threads) per simulated second at dt = 0.025 ms with 1 ms
exchange intervals, for the multirate scheme and, for comparison, always-fine stepping::

    python benchmarks/sarcolemma.py [--seconds 2] [--units 300] [--backend numba]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from kramp.engine.component import Interval
from kramp.engine.components.sarcolemma import Sarcolemma, default_ions
from kramp.engine.lines import Events

DT_MS = 0.025
INTERVAL_STEPS = 40  # 1 ms


def cpu_per_second(n_unit: int, rate_hz: float, seconds: float, backend: str,
                   multirate: bool, seed: int = 1) -> tuple[float, int]:
    """(CPU s per simulated s, action potentials) for Poisson-free regular firing at
    ``rate_hz`` with random phases."""
    component = Sarcolemma({}, default_ions(1), np.zeros(n_unit, dtype=int), DT_MS,
                           multirate=multirate)
    state = component.initial_state(0)
    rng = np.random.default_rng(seed)
    phase = rng.random(n_unit) * (1e3 / rate_hz if rate_hz else 1.0)
    n_interval = round(seconds * 1e3)
    # warm up (compilation) outside the timing
    component.advance(state, {}, Interval(0, INTERVAL_STEPS, DT_MS), {}, None, backend)
    n_ap = 0
    start = time.process_time()
    for k in range(1, n_interval + 1):
        events = Events.none()
        if rate_hz:
            period = 1e3 / rate_hz
            t0, t1 = k * 1.0, (k + 1) * 1.0
            n0 = np.ceil((t0 - phase) / period)
            due = (phase + n0 * period) < t1
            unit = np.flatnonzero(due)
            events = Events(phase[unit] + n0[unit] * period, np.zeros(unit.size, dtype=np.int64),
                            unit)
        out, _ = component.advance(state, {"arrivals": events},
                                   Interval(k * INTERVAL_STEPS, INTERVAL_STEPS, DT_MS), {}, None,
                                   backend)
        n_ap += out["action_potentials"].size
    return (time.process_time() - start) / seconds, n_ap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--backend", default="numba")
    args = parser.parse_args()
    for multirate in (True, False):
        for rate in (0.0, 20.0):
            cost, n_ap = cpu_per_second(args.units, rate, args.seconds, args.backend, multirate)
            label = "multirate" if multirate else "always dt"
            print(f"{label:10s} {rate:4.0f} Hz: {cost:.3f} CPU s per simulated s "
                  f"({n_ap} action potentials)")


if __name__ == "__main__":
    main()
