"""What each component of the calf costs, per motor unit and simulated second.

The default calf (three heads, 300 units) with its drive ramped to 50 % and held, at dt 0.025 ms
on one core: every component's ``advance`` is timed over the run (compilation is left out by a
short warm-up run). Reported as CPU milliseconds per unit per simulated second, the whole run's
real-time factor, and each component's share of the run.

Run::

    python benchmarks/periphery.py [--seconds 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("NUMBA_NUM_THREADS", "1")

from timing import time_components

from kramp.engine import build_model, simulate

DRIVE = {"level": 50.0, "onset": 100.0, "ramp_up": 1000.0, "hold": 3.6e6, "ramp_down": 0.0}


def component_costs(seconds: float) -> dict:
    model = build_model("motor_pool", {"drive": DRIVE}, muscle_names=["calf"])
    simulate(model, 100.0)  # compile
    spent = time_components(model, time.process_time)
    start = time.process_time()
    simulate(model, seconds * 1e3)
    total = time.process_time() - start
    n_unit = model.component("motoneuron").n_element
    return {"simulated_s": seconds, "units": n_unit, "real_time_factor": seconds / total,
            "cpu_ms_per_unit_per_simulated_s": {name: 1e3 * cost / n_unit / seconds
                                                for name, cost in spent.items()},
            "share_of_run": {name: cost / total for name, cost in spent.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    costs = component_costs(args.seconds)
    if args.json:
        print(json.dumps(costs))
        return
    print(f"real-time factor {costs['real_time_factor']:.2f} ({costs['units']} units, "
          f"{costs['simulated_s']:g} s)")
    for name, cost in sorted(costs["cpu_ms_per_unit_per_simulated_s"].items(),
                             key=lambda item: -item[1]):
        print(f"  {name:<12} {cost:7.3f} ms per unit per simulated s "
              f"({100 * costs['share_of_run'][name]:.0f} % of the run)")


if __name__ == "__main__":
    main()
