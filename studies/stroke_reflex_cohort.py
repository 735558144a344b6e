"""How reliably a lesioned person's stretch reflex grows with stretch velocity: the
``stroke-spasticity`` protocol on a cohort of people like the default one, and what averaging
more stretches per speed changes.

``kramp run stroke-spasticity --json`` reports ``reflex_gain_by_velocity``, each speed's mean over
its three stretches (µV of soleus reflex EMG per degree). Whether that list rises at every step
depends on the person: the top speeds' gains lie close together (about 1.4–2.0 µV/°), and people
who differ only in their random draws (unit properties, connections and noise streams, seeded
per person) differ by about as much. This script runs ``--people`` such people (a cohort of the
scenario's lesioned person, and with ``--healthy`` the same people with the lesion's five
parameters at their defaults) with the scenario's three rounds of stretches or with
``--extra-rounds`` more (each round all five speeds, alternately fastest and slowest first, the
release moved to the end), and prints for each person the gain at each speed and whether it rises
throughout, the cohort's mean and SD, and the spread of the gains at each speed split into its
part within a person (stretch to stretch, the SD of single stretches about that person's mean)
and between people (the SD of the people's means). Where the spread between people exceeds the
step between two speeds, more stretches cannot make every person's list rise.

Run (about 3 minutes a cohort of nine people on 2 cores, 4 with two extra rounds)::

    python studies/stroke_reflex_cohort.py
    python studies/stroke_reflex_cohort.py --extra-rounds 2 --healthy --json
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

import numpy as np

SPEEDS_DEG_S = (30, 75, 150, 225, 300)
ROUND_S = 2  # each stretch's slot in the protocol (s)
# the parameters the lesion changes (their defaults are the healthy person)
LESION = ("drive.monoamine", "spinal.ia_presynaptic_inhibition", "spinal.ii_transmission",
          "interneurons.ia_descending", "interneurons.ib_descending")


def with_extra_rounds(text: str, extra: int) -> str:
    """The scenario's TOML with ``extra`` more rounds of the five speeds before the release."""
    head, release = text.split("# the foot released")
    release_s = int(re.search(r'at = "(\d+) s"', release).group(1))
    duration_s = int(re.search(r'^duration = "(\d+) s"', head, re.M).group(1))
    steps, t = [], release_s
    for index in range(extra):
        # the scenario's rounds alternate: its third ran slowest first, so the next fastest first
        order = SPEEDS_DEG_S[::-1] if index % 2 == 0 else SPEEDS_DEG_S
        if index % 2 == 1:
            t += 1  # after a slow round's last, slow return
        for speed in order:
            steps.append(f'[[protocol]]\nat = "{t} s"\nset = {{ "movement.ramp_start" = '
                         f'"{t * 1000 + 500} ms", "movement.ramp_velocity" = "{speed} deg/s" }}\n')
            t += ROUND_S
    release = release.replace(f'at = "{release_s} s"', f'at = "{t} s"').replace(
        f'"{release_s * 1000} ms"', f'"{t * 1000} ms"')
    head = head.replace(f'duration = "{duration_s} s"',
                        f'duration = "{duration_s + t - release_s} s"')
    return head + "\n".join(steps) + "\n# the foot released" + release


def cohort_run(people: int, extra_rounds: int, healthy: bool) -> list[dict]:
    """Each person's gains (µV/°, slowest speed first) and single-stretch gains by speed."""
    from kramp.analysis import reflex
    from kramp.physiology import parameter
    from kramp.scenarios import runner
    from kramp.scenarios.loader import LIBRARY, load_scenario

    source = (LIBRARY / "stroke-spasticity.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stroke-spasticity.toml"
        path.write_text(with_extra_rounds(source, extra_rounds), encoding="utf-8")
        scenario = load_scenario(path)
    # healthy: the lesion's parameters at their defaults; lesioned: one column of the
    # scenario's own value that everyone shares, which makes the run a cohort of ``people``
    columns = ({name: np.full(people, parameter(name).value) for name in LESION} if healthy
               else {"drive.monoamine": np.full(people, scenario.parameters["drive"]["monoamine"])})
    result, _ = runner.run(scenario, cohort=columns)
    found = []
    for person in range(people):
        by_speed = reflex.reflex_by_velocity(result, person)
        groups = reflex.ramps_by_speed(result, person)
        found.append({"gain_uV_per_deg": [row["gain_uV_per_deg"] for row in by_speed],
                      "ramps": [row["ramps"] for row in by_speed],
                      "single_stretch_gains": {
                          str(speed): [row["gain_uV_per_deg"] for row in rows]
                          for speed, rows in zip(SPEEDS_DEG_S, groups, strict=True)}})
    return found


def spread(found: list[dict]) -> dict:
    """Mean, SD between people and SD within a person (pooled over people) at each speed."""
    means = np.array([p["gain_uV_per_deg"] for p in found])
    within = []
    for speed in SPEEDS_DEG_S:
        residuals = np.concatenate([np.asarray(p["single_stretch_gains"][str(speed)])
                                    - np.mean(p["single_stretch_gains"][str(speed)])
                                    for p in found])
        dof = sum(len(p["single_stretch_gains"][str(speed)]) - 1 for p in found)
        within.append(float(np.sqrt(np.sum(residuals ** 2) / dof)))
    return {"mean_uV_per_deg": means.mean(axis=0).tolist(),
            "sd_between_people": means.std(axis=0, ddof=1).tolist(),
            "sd_within_person_single_stretch": within,
            "rising_throughout": int(sum(all(np.diff(p["gain_uV_per_deg"]) > 0)
                                         for p in found))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=9, help="people in each cohort (≥ 2)")
    parser.add_argument("--extra-rounds", type=int, default=0,
                        help="rounds of the five speeds added to the scenario's three (≥ 0)")
    parser.add_argument("--healthy", action="store_true",
                        help="also the same people without the lesion")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    if args.people < 2:
        parser.error("--people: a count of people, at least 2")
    if args.extra_rounds < 0:
        parser.error("--extra-rounds: a count of rounds, 0 or more")
    arms = {"lesion": False} | ({"healthy": True} if args.healthy else {})
    report = {}
    for arm, healthy in arms.items():
        found = cohort_run(args.people, args.extra_rounds, healthy)
        report[arm] = {"people": found, **spread(found)}
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for arm, rows in report.items():
        print(f"{arm}: reflex gain (µV/°) at {', '.join(map(str, SPEEDS_DEG_S))} °/s, "
              f"{3 + args.extra_rounds} stretches per speed")
        for index, person in enumerate(rows["people"]):
            gains = person["gain_uV_per_deg"]
            rising = "rising" if all(np.diff(gains) > 0) else ""
            print(f"  person {index}: " + " ".join(f"{g:5.2f}" for g in gains) + f"  {rising}")
        for label, key in (("mean", "mean_uV_per_deg"), ("SD between people", "sd_between_people"),
                           ("SD within a person, one stretch",
                            "sd_within_person_single_stretch")):
            print(f"  {label}: " + " ".join(f"{g:5.2f}" for g in rows[key]))
        print(f"  rising at every step: {rows['rising_throughout']} of {args.people}")


if __name__ == "__main__":
    main()
