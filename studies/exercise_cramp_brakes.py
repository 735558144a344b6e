"""What stops kramp's calf from cramping after a maximal effort: the involuntary firing left
after the command ends, against the motoneurones' persistent inward currents and the two
inhibitions that act on a triceps pool left without a command.

Schwellnus's account of exercise-associated cramps (more spindle excitation, less tendon-organ
inhibition after fatigue, most with the muscle short) needs the motoneurones to keep firing once
the command has gone. kramp's ``exercise-cramp`` does not give that: the soleus jerks instead
(myoclonus, about 1.4 Hz: each reflex volley twitches a muscle whose tendon is slack, the twitch
unloads the spindles and loads the tendon organs, and the pool falls silent until the fascicles
lengthen again). This script asks what the pool would need. It runs the scenario (its quick
version unless ``--full``: 2 s of maximal effort instead of 60 s) on one batch of people like
the default person, each with its own values of

* the monoaminergic level μ (``drive.monoamine``: 0.72 the default awake person, fitted to
  target B6; 2 the highest allowed, as with methoxamine in decerebrate cats, Lee & Heckman),
  which scales the persistent inward currents that can hold a motoneurone on by themselves;
* the triceps heads' tendon organs (a share of each head's count; none left: one fibre each),
  the autogenic Ib inhibition;
* the tibialis anterior's spindles (all, or one fibre), whose Ia-inhibitory interneurones
  inhibit the triceps while the pointed foot keeps the tibialis stretched (reciprocal
  inhibition),
* with ``--reciprocal-shares``, the share of the triceps motoneurones each tibialis Ia-inhibitory
  interneurone contacts (``spinal.ia_interneuron_connection_probability``; 0.2 in the default
  person, Jankowska & Roberts 1972): the strength of the reciprocal brake's last synapse,
* with ``--holds`` (the full protocol only), the length of the maximal effort, each person its
  own (a shorter effort ends earlier and is watched for longer): what the minute's fatigue
  changes apart from the brakes,

and, with ``--set PATH=VALUE`` (repeatable, as ``kramp run --set``), any other setting of the
scenario, alike for every person of the batch (for example the spindle endings' own thresholds of
target D17, or ``movement.start_angle``),

each combination on ``--replicates`` people (the random streams of their places in the batch:
the loop is chaotic after the release, so one person says little). It reports, for each
combination, how many of them had a sustained discharge of the soleus after the command (an
episode of the detector's that is neither myoclonus nor contracture, begun after the release:
``kramp.analysis.cramp.involuntary_activity``), the longest involuntary activity after the
command (s), and what the soleus and tibialis units did in the run's last second (units firing,
their mean rate). It fits nothing; every value varied lies inside its parameter's declared range.

Run (about 3 minutes quick; the full protocol takes about 40 times longer)::

    python studies/exercise_cramp_brakes.py
    python studies/exercise_cramp_brakes.py --levels 0.72 2 --tendon-organ-shares 1 0 --json
    python studies/exercise_cramp_brakes.py --levels 0.72 1 1.5 --tendon-organ-shares 1 0 \
        --reciprocal-shares 1 0.2 0.08 --ta-spindles all
    python studies/exercise_cramp_brakes.py --full --levels 1.2 --tendon-organ-shares 0 \
        --ta-spindles none --replicates 1 --holds 2 10 30 60
    python studies/exercise_cramp_brakes.py --full --levels 1.2 2 --tendon-organ-shares 1 0.25 \
        --ta-spindles all --replicates 1 --set afferents.spindle_threshold_mean=13 \
        --set afferents.spindle_minimum_rate=4.8 --set afferents.spindle_discharge_scale=0.19
"""

from __future__ import annotations

import argparse
import itertools
import json

import numpy as np

LEVELS = (0.72, 1.0, 1.5, 2.0)
TENDON_ORGAN_SHARES = (1.0, 0.5, 0.0)
REPLICATES = 3
TRICEPS = ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius")
# the last stretch of the run whose firing is reported: long enough for a few intervals at the
# rates of a cramp (G5: 6–25 pps), short enough to lie well after the release
LAST_MS = 1000.0


RECIPROCAL_SHARE = "spinal.ia_interneuron_connection_probability"
TA_SPINDLES = ("all", "none")


def combinations(levels, shares, reciprocal_shares=(None,), ta_spindles=TA_SPINDLES,
                 holds_s=(None,)) -> list[dict]:
    """One row per combination: a label and the parameters that differ from the default
    person (``reciprocal_shares`` None: the default connection share, and ``holds_s`` None:
    the scenario's own effort, each left out of the label)."""
    from kramp.physiology import default_value

    def count(table: str, name: str, share: float) -> float:
        # at least one fibre: the count's declared range starts there
        return max(1.0, round(share * default_value(f"{table}.{name}")))

    rows = []
    for level, share, reciprocal, spindles, hold in itertools.product(
            levels, shares, reciprocal_shares, ta_spindles, holds_s):
        row = {"label": f"μ {level:g}, Ib {100 * share:.0f} %, TA spindles {spindles}"
                        + ("" if reciprocal is None else f", Ia IN reach {reciprocal:g}")
                        + ("" if hold is None else f", effort {hold:g} s"),
               "drive.monoamine": level}
        if hold is not None:
            row["drive.hold"] = 1e3 * hold
        for head in TRICEPS:
            row[f"{head}_receptors.tendon_organs"] = count(f"{head}_receptors", "tendon_organs",
                                                           share)
        if spindles == "none":
            row["tibialis_anterior_receptors.spindles"] = 1.0
        if reciprocal is not None:
            row[RECIPROCAL_SHARE] = reciprocal
        rows.append(row)
    return rows


def _last_second(result, person: int, muscle: str) -> dict:
    """How many of ``muscle``'s units fired at least twice in the run's last ``LAST_MS``, and
    their mean rate (Hz; None where none did)."""
    own = result.spike_person.values == person
    times, units = result.spike_time_ms.values[own], result.spike_unit.values[own]
    unit_muscle = result.unit_muscle.values
    late = (times >= float(result.time_ms.values[-1]) - LAST_MS) & (unit_muscle[units] == muscle)
    counts = np.bincount(units[late], minlength=unit_muscle.size)
    active = counts >= 2
    return {"units": int(active.sum()),
            "rate_hz": float(counts[active].mean() * 1e3 / LAST_MS) if active.any() else None}


def measure(rows: list[dict], replicates: int = REPLICATES, full: bool = False,
            assignments: list[str] = ()) -> list[dict]:
    """The ``exercise-cramp`` scenario (quick unless ``full``, with ``kramp run --set``'s
    ``assignments`` applied, so alike for everyone) on one batch holding ``replicates`` people
    for each row of ``rows`` (``combinations``' form)."""
    from kramp.analysis import cramp, spasm
    from kramp.physiology import varied_values
    from kramp.scenarios import runner
    from kramp.scenarios.loader import apply_overrides, load_scenario

    scenario = load_scenario("exercise-cramp")
    if not full:
        scenario = scenario.quick_version()
    scenario = apply_overrides(scenario, assignments)
    people = [{k: v for k, v in row.items() if k != "label"}
              for row in rows for _ in range(replicates)]
    cohort = {f"{component}.{name}": values for component, table in varied_values(people).items()
              for name, values in table.items()}
    result, _ = runner.run(scenario, cohort=cohort)
    found = []
    for r, row in enumerate(rows):
        persons = range(r * replicates, (r + 1) * replicates)
        after = [cramp.involuntary_activity(result, p, spasm.verdict(result, p)["spasm_episodes"])
                 for p in persons]
        found.append({
            "label": row["label"],
            "soleus_sustained": sum("soleus" in a["involuntary_muscles"] for a in after),
            "longest_involuntary_s": max(a["involuntary_duration_s"] for a in after),
            "muscles": sorted({m for a in after for m in a["involuntary_muscles"]}),
            "last_second": [{muscle: _last_second(result, p, muscle)
                             for muscle in ("soleus", "tibialis_anterior")} for p in persons]})
    return found


def _scenario_hold_ms() -> float:
    """The full ``exercise-cramp`` scenario's effort (ms): a shorter one ends earlier and is
    watched for longer in the same run."""
    from kramp.scenarios.loader import load_scenario
    from kramp.scenarios.runner import values_at

    drive = values_at(load_scenario("exercise-cramp"), None, 0.0)["drive"]
    return float(np.ravel(drive["hold"])[0])


def main() -> None:
    from kramp.errors import KrampInputError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=float, nargs="+", default=list(LEVELS))
    parser.add_argument("--tendon-organ-shares", type=float, nargs="+",
                        default=list(TENDON_ORGAN_SHARES))
    parser.add_argument("--reciprocal-shares", type=float, nargs="+", default=[None],
                        help="shares of the triceps motoneurones one tibialis Ia-inhibitory "
                             "interneurone contacts (default: the default person's only)")
    parser.add_argument("--ta-spindles", nargs="+", choices=TA_SPINDLES,
                        default=list(TA_SPINDLES))
    parser.add_argument("--replicates", type=int, default=REPLICATES)
    parser.add_argument("--full", action="store_true",
                        help="the scenario's 60 s effort instead of its quick 2 s")
    parser.add_argument("--holds", type=float, nargs="+", default=[None], metavar="S",
                        help="lengths (s) of the maximal effort, each person its own (with "
                             "--full, up to the scenario's minute): the fatigue's share apart "
                             "from the brakes'")
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help="as `kramp run --set` (a bare number in the parameter's declared "
                             "unit), alike for every person; repeatable")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.holds != [None]:
        longest_s = _scenario_hold_ms() / 1e3
        if not args.full or not all(0.0 < hold <= longest_s for hold in args.holds):
            parser.error(f"--holds: allowed with --full only, each in (0, {longest_s:g}] s")
    rows = combinations(args.levels, args.tendon_organ_shares, args.reciprocal_shares,
                        args.ta_spindles, args.holds)
    varied = {key for row in rows for key in row if key != "label"}
    also_set = varied & {assignment.partition("=")[0].strip() for assignment in args.set}
    if also_set:
        parser.error(f"--set {', '.join(sorted(also_set))}: already varied by the other options")
    try:
        found = measure(rows, args.replicates, args.full, args.set)
    except KrampInputError as error:
        parser.error(str(error))
    if args.json:
        print(json.dumps(found, indent=1))
        return
    if args.set:
        print("every person: " + ", ".join(args.set))
    width = max(38, *(len(row["label"]) for row in found))
    print(f"{'combination':{width}s} {'soleus':>7s} {'after s':>7s}  {'last second, each person: '}"
          "soleus units/Hz, TA units/Hz;  muscles with involuntary activity")
    for row in found:
        cells = []
        for person in row["last_second"]:
            pair = [f"{f['units']}/{f['rate_hz']:.0f}" if f["rate_hz"] else "0"
                    for f in person.values()]
            cells.append(" ".join(pair))
        print(f"{row['label']:{width}s} {row['soleus_sustained']:>3d} of {args.replicates:<1d} "
              f"{row['longest_involuntary_s']:7.1f}  {' | '.join(cells)};  "
              f"{', '.join(row['muscles']) or '–'}")


if __name__ == "__main__":
    main()
