"""Speed of the ankle's reflex network (issue 9's performance case): the three calf heads and
tibialis anterior with spindles, tendon organs, afferent axons and interneurones, one person,
the calf driven to 50 % and held, at dt 0.025 ms on one core, side by side with the calf's motor
pool alone (no reflexes, the peer it grew from) in the same run, and the same ankle relaxed (no
command: the rests of a protocol and the time after a command are spent like this).

Each case runs ``--repeats`` times after a short warm-up (Numba's compilation left out) and its
fastest run counts. The ankle case also reports where the time goes: each component's share and
the engine's own Python between them (the event lines).

With ``--baseline REV`` the same benchmark of that git revision of this repository (checked out
into a temporary folder) runs too, each version in fresh processes taking turns, so that both
meet the same neighbours on a shared machine; the table then adds the speed-up over it.

Target (issue 9): ≥ 2× real time on one core.

Run::

    python benchmarks/ankle.py                      # the table
    python benchmarks/ankle.py --json               # the same figures as one JSON object
    python benchmarks/ankle.py --baseline a224dae   # and the speed-up over that revision
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRIVE = {"level": 50.0, "onset": 0.0, "ramp_up": 2000.0, "hold": 3.6e6, "ramp_down": 0.0}
# the same ankle at rest, as it spends the rests of a protocol and the time after a command
RELAXED = {"level": 0.0}
CASES = {"ankle": ("ankle", DRIVE), "motor_pool": ("motor_pool", DRIVE),
         "ankle_relaxed": ("ankle", RELAXED)}


def _timed_run(case: str, simulated_s: float) -> tuple[float, dict[str, float]]:
    """Wall time of one run and each component's share of it."""
    from timing import time_components

    from kramp.engine import build_model, simulate

    kind, drive = CASES[case]
    model = build_model(kind, {"drive": drive}, seed=1)
    spent = time_components(model)
    start = time.perf_counter()
    simulate(model, simulated_s * 1e3)
    return time.perf_counter() - start, dict(spent)


def measure(simulated_s: float, repeats: int) -> dict:
    import numba

    from kramp.engine import build_model, simulate

    numba.set_num_threads(1)
    for kind in ("ankle", "motor_pool"):
        simulate(build_model(kind, {"drive": DRIVE}), 50.0)
    figures = {}
    for kind in CASES:
        runs = [_timed_run(kind, simulated_s) for _ in range(repeats)]
        wall, spent = min(runs, key=lambda run: run[0])
        figures[kind] = {"wall_s": wall, "real_time_factor": simulated_s / wall,
                         "seconds_per_simulated_s": {name: t / simulated_s
                                                     for name, t in sorted(
                                                         spent.items(), key=lambda x: -x[1])},
                         "engine_between_components_s_per_simulated_s":
                             (wall - sum(spent.values())) / simulated_s}
    figures["ankle_over_calf_wall"] = figures["ankle"]["wall_s"] / figures["motor_pool"]["wall_s"]
    figures["simulated_s"] = simulated_s
    return figures


def _child(script: Path, simulated_s: float, env: dict | None = None) -> dict:
    """The figures of one run of ``script`` (this benchmark, of some version) in a fresh
    process."""
    output = subprocess.run([sys.executable, str(script), "--json", "--repeats", "1",
                             "--seconds", str(simulated_s)], check=True, capture_output=True,
                            text=True, env=env).stdout
    return json.loads(output)


def against_baseline(revision: str, simulated_s: float, repeats: int) -> dict:
    """This version's figures and those of ``revision``, each the fastest of ``repeats`` runs
    in fresh processes, the two versions taking turns."""
    from calf import _checkout

    with tempfile.TemporaryDirectory() as folder:
        _checkout(revision, Path(folder))
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        runs = [(_child(Path(__file__), simulated_s),
                 _child(Path(folder) / "benchmarks" / "ankle.py", simulated_s, env))
                for _ in range(repeats)]
    figures = min((run[0] for run in runs), key=lambda f: f["ankle"]["wall_s"])
    old = min((run[1] for run in runs), key=lambda f: f["ankle"]["wall_s"])
    figures["baseline"] = {"revision": revision, **old}
    figures["speed_vs_baseline"] = old["ankle"]["wall_s"] / figures["ankle"]["wall_s"]
    if "ankle_relaxed" in old:  # revisions before the relaxed case have no figure for it
        relaxed = min((run[1] for run in runs), key=lambda f: f["ankle_relaxed"]["wall_s"])
        figures["relaxed_speed_vs_baseline"] = (relaxed["ankle_relaxed"]["wall_s"]
                                                / figures["ankle_relaxed"]["wall_s"])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", default="",
                        help="git revision to compare with (default: none)")
    args = parser.parse_args()
    figures = (against_baseline(args.baseline, args.seconds, max(1, args.repeats))
               if args.baseline else measure(args.seconds, args.repeats))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for kind in CASES:
        f = figures[kind]
        print(f"{kind:13s} {f['wall_s']:6.2f} s for {args.seconds:g} s: "
              f"{f['real_time_factor']:.2f}× real time")
    print(f"ankle / calf pool wall time: {figures['ankle_over_calf_wall']:.2f}")
    print("ankle, s per simulated s:")
    for name, value in figures["ankle"]["seconds_per_simulated_s"].items():
        print(f"  {name:14s} {value:.3f}")
    print(f"  {'(engine)':14s} "
          f"{figures['ankle']['engine_between_components_s_per_simulated_s']:.3f}")
    old = figures.get("baseline")
    if old:
        print(f"{old['revision']}: ankle {old['ankle']['wall_s']:.2f} s for {args.seconds:g} s "
              f"({old['ankle']['real_time_factor']:.2f}× real time); this version "
              f"{figures['speed_vs_baseline']:.2f}× its speed")
        if "relaxed_speed_vs_baseline" in figures:
            print(f"relaxed ankle: this version {figures['relaxed_speed_vs_baseline']:.2f}× "
                  f"{old['revision']}'s speed")
        print(f"{old['revision']}, s per simulated s:")
        for name, value in old["ankle"]["seconds_per_simulated_s"].items():
            print(f"  {name:14s} {value:.3f}")
        print(f"  {'(engine)':14s} "
              f"{old['ankle']['engine_between_components_s_per_simulated_s']:.3f}")


if __name__ == "__main__":
    main()
