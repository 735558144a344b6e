"""How repeatable is one person's cramp threshold frequency, and what would a one-person verdict
of targets G2, G8 and G9 be worth? The default person's electrically induced cramp, repeated.

The cramp follows a train once the spinal loop tips into sustained firing, and where it tips
depends on noise. A *trial* (``trial`` in a scenario, :mod:`kramp.engine.streams`) repeats the
experiment on the same person with new running noise: what a second visit to the laboratory is.
This script runs the default person ``--trials`` times in each condition the cramp targets
compare (:func:`kramp.validation.cramp_targets.condition_scenario`: fresh, after losing 3 % and
5 % of body mass as sweat, G9; after a passive static stretch, G8; and from a 14 Hz start, G2)
and reports

* the test–retest spread of the fresh threshold over trials, and the difference between two
  fresh visits (trial i against trial i + 1), beside the spread published test–retest designs
  imply (target G12's band, ``cramp_targets.G12_PAIRED_SD_HZ``);
* each condition's change against the fresh run of the same trial (a one-person, one-visit
  comparison on the same random streams), its mean and spread over trials, and the share of
  trials in which each target's one-person criterion holds: how often a verdict would come out
  as it does by the draw of noise alone (why G2, G8 and G9 compare groups);
* the same change against the next trial's fresh run (two visits, as a crossover study makes).

``--set`` applies a change to every run, so the spread can be measured with one physiological
change (it comes from the afferents' interval scatter: ``--set afferents.interval_cv=0``).

Run (about a minute of computing per run, five runs per trial, spread over ``--workers``)::

    python studies/cramp_threshold_trials.py                # 8 trials, 2 workers, ~20 minutes
    python studies/cramp_threshold_trials.py --trials 4     # a quicker look
    python studies/cramp_threshold_trials.py --only fresh --set interneurons.noise_sd=1
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import numpy as np

from kramp.parallel import process_pool
from kramp.validation import cramp_targets

# condition: (the cramp targets' condition whose scenario it runs, changes to it)
CONDITIONS: dict[str, tuple[str, dict]] = {
    "fresh": ("fresh", {}),
    "from 14 Hz": ("fresh", {("cramp_threshold_protocol", "start_frequency"):
                             cramp_targets.G2_LATE_START_HZ}),
    "3 % sweat": ("3 % sweat", {}),
    "5 % sweat": ("5 % sweat", {}),
    "stretched": ("stretched", {}),
}
# each condition's one-person criterion: |CTF − the fresh CTF| at most this (Hz), from its target
CRITERIA_HZ = {"from 14 Hz": ("G2", cramp_targets.G2_CTF_DIFFERENCE_HZ),
               "3 % sweat": ("G9", cramp_targets.G9_DELTA_HZ),
               "5 % sweat": ("G9", cramp_targets.G9_DELTA_HZ),
               "stretched": ("G8", cramp_targets.G8_DELTA_DIFFERENCE_HZ)}


def one_run(condition: str, trial: int, assignments: tuple[str, ...] = ()) -> dict:
    """The default person's cramp measures in ``condition`` on ``trial``, with ``--set``
    ``assignments`` (``PATH=VALUE``) applied."""
    from kramp.analysis import cramp
    from kramp.scenarios import apply_overrides, runner

    base, changes = CONDITIONS[condition]
    scenario = cramp_targets.condition_scenario(base).updated({**changes, ("trial",): trial})
    scenario = apply_overrides(scenario, assignments)
    found = cramp.electrically_induced_cramp(runner.run(scenario)[0], 0)
    return {"condition": condition, "trial": trial,
            "ctf_hz": found["cramp_threshold_frequency_hz"]}


def differences(found: dict[str, list], condition: str, shift: int) -> list[float]:
    """``condition``'s threshold minus the fresh one ``shift`` trials later (0: the same
    visit), over the trials where both cramped."""
    fresh, other = found["fresh"], found[condition]
    n = len(fresh)
    return [other[t] - fresh[(t + shift) % n] for t in range(n)
            if other[t] is not None and fresh[(t + shift) % n] is not None]


def spread(values: Sequence[float]) -> str:
    if not values:
        return "none"
    sd = f", SD {np.std(values, ddof=1):.1f}" if len(values) > 1 else ""
    return f"mean {np.mean(values):+.1f}{sd} (range {min(values):+g} to {max(values):+g}) Hz"


def report(runs: list[dict], trials: int, conditions: Sequence[str]) -> dict:
    found = {c: [None] * trials for c in conditions}
    for run in runs:
        found[run["condition"]][run["trial"]] = run["ctf_hz"]
    fresh = [ctf for ctf in found["fresh"] if ctf is not None]
    summary = {"trials": trials, "thresholds_hz": found,
               "fresh_test_retest": {"mean_hz": float(np.mean(fresh)) if fresh else None,
                                     "sd_hz": float(np.std(fresh, ddof=1))
                                     if len(fresh) > 1 else None,
                                     "no_cramp": trials - len(fresh)},
               "fresh_visit_to_visit_hz": differences(found, "fresh", 1),
               "published_paired_sd_hz": cramp_targets.G12_PAIRED_SD_HZ, "conditions": {}}
    for condition, (target, limit) in CRITERIA_HZ.items():
        if condition not in found:
            continue
        same, next_visit = differences(found, condition, 0), differences(found, condition, 1)
        holds = sum(abs(d) <= limit for d in same)
        summary["conditions"][condition] = {
            "target": target, "limit_hz": limit, "same_visit_hz": same,
            "next_visit_hz": next_visit, "criterion_holds": holds,
            "compared": len(same)}
    return summary


def print_report(summary: dict) -> None:
    trials, found = summary["trials"], summary["thresholds_hz"]
    changed = f", with {', '.join(summary['set'])}" if summary.get("set") else ""
    print(f"The default person's cramp threshold frequency (Hz) on {trials} trials{changed} "
          "(none: no cramp up to 30 Hz)")
    print(f"{'condition':<12}" + "".join(f"{t:>6}" for t in range(trials)))
    for condition, values in found.items():
        print(f"{condition:<12}" + "".join(f"{'none' if v is None else f'{v:g}':>6}"
                                           for v in values))
    retest = summary["fresh_test_retest"]
    if retest["sd_hz"] is not None:
        print(f"\nfresh, over trials: mean {retest['mean_hz']:.1f} Hz, SD "
              f"{retest['sd_hz']:.1f} Hz ({retest['no_cramp']} trials without a cramp)")
    print("fresh, one visit minus the next: " + spread(summary["fresh_visit_to_visit_hz"]))
    low, high = summary["published_paired_sd_hz"]
    print(f"published test–retest designs (target G12): SD of the paired differences "
          f"{low:g}–{high:g} Hz")
    for condition, c in summary["conditions"].items():
        print(f"\n{condition} ({c['target']}, criterion |Δ| ≤ {c['limit_hz']:g} Hz)")
        print("  against the same visit's fresh run: " + spread(c["same_visit_hz"])
              + f"; the criterion holds in {c['criterion_holds']} of {c['compared']} trials")
        print("  against the next visit's fresh run: " + spread(c["next_visit_hz"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append", choices=list(CONDITIONS),
                        help="run this condition (repeatable; fresh always runs); default: all")
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help="a change to every run, as kramp run --set takes it (repeatable)")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args()
    conditions = ["fresh", *(c for c in CONDITIONS if c != "fresh" and c in args.only)] \
        if args.only else list(CONDITIONS)
    jobs = [(condition, trial, tuple(args.set)) for trial in range(args.trials)
            for condition in conditions]
    with process_pool(args.workers) as pool:
        runs = list(pool.map(one_run, *zip(*jobs, strict=True)))
    summary = report(runs, args.trials, conditions) | {"set": args.set}
    if args.json:
        print(json.dumps(summary))
    else:
        print_report(summary)


if __name__ == "__main__":
    main()
