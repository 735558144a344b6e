"""How strong kramp's reciprocal Ia inhibition is in target D7's protocol, and what the share of
antagonist motoneurones each Ia-inhibitory interneurone contacts does to it.

Target D7 conditions the relaxed default person's soleus H-reflex (tested at half its maximum)
with a 1 ms pulse to the common peroneal nerve at the tibialis anterior's motor threshold, at
conditioning–test intervals of 0–150 ms (``kramp.validation.reciprocal_targets``). In people
the disynaptic reciprocal Ia inhibition depresses the reflex only at 1–4 ms. This script runs
the same protocol on the default person and on people like it whose Ia-inhibitory interneurones
each contact the ``--shares`` of the antagonist motoneurones
(``spinal.ia_interneuron_connection_probability``; 0.2 in the default person, Jankowska &
Roberts 1972's "about every fifth"; 1 is every one, kramp's default before that estimate was
used; each contact gives 0.125 µS, about 100 µV), and, with ``--convergences``,
on people whose interneurones receive from that share of their muscle's afferents
(``interneurons.afferent_convergence``; 0.5 in the default person, also an assumption), and with
``--people`` on any other person (``component.parameter=value``, several changes to one person
joined by commas). It
prints each person's conditioned H-reflex as a percentage of its control at every interval, the
trial-to-trial coefficient of variation of the control reflex, and the level below which D7
counts a reflex as depressed (1 − 2 CVs). It fits nothing.

Run (about 30 s per person on one core; ``--workers`` at once)::

    python studies/reciprocal_inhibition_strength.py
    python studies/reciprocal_inhibition_strength.py --shares 1 0.5 0.2 0.08 --json
    python studies/reciprocal_inhibition_strength.py --shares 0.2 --convergences \
        --people afferents.interval_cv=0 afferents.spindle_discharge_scale=0.01
    python studies/reciprocal_inhibition_strength.py --shares --convergences --people \
        spinal.ia_presynaptic_inhibition=0 \
        spinal.ia_presynaptic_inhibition=0,conditioning_stimulation.tibial_offset=200
"""

from __future__ import annotations

import argparse
import json

from kramp.parallel import process_pool

SHARES = (1.0, 0.2, 0.08)
CONVERGENCES = (0.1,)


def curve(name: str, values: dict[str, dict[str, float]]) -> dict:
    """D7's conditioning curve for the default person changed by ``values``."""
    from kramp.validation import reciprocal_targets as d7

    d7.register_condition(name, values)
    found = d7.conditioning_curve(name)
    return {"person": name, "intervals_ms": list(d7.INTERVALS_MS),
            "percent_of_control": [100.0 * r for r in found["ratio"]],
            "trial_cv": found["noise_cv"],
            "depressed_below_percent": 100.0 * (1.0 - d7.NOISE_SDS * found["noise_cv"]),
            "test_mA": found["test_mA"], "conditioning_mA": found["conditioning_mA"]}


def people(shares, convergences, others=()) -> list[tuple[str, dict]]:
    """Each person's label and its changes from the default person (the default's own values
    among them give the default person)."""
    found = [(f"connection share {share:g}",
              {"spinal": {"ia_interneuron_connection_probability": share}}) for share in shares]
    found += [(f"convergence {share:g}", {"interneurons": {"afferent_convergence": share}})
              for share in convergences]
    for other in others:
        changes: dict[str, dict[str, float]] = {}
        for change in other.split(","):
            path, value = change.split("=")
            component, parameter = path.split(".")
            changes.setdefault(component, {})[parameter] = float(value)
        found.append((other, changes))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shares", type=float, nargs="*", default=list(SHARES),
                        help="shares of the antagonist motoneurones one Ia-inhibitory "
                             "interneurone contacts")
    parser.add_argument("--convergences", type=float, nargs="*", default=list(CONVERGENCES),
                        help="shares of a muscle's afferents that contact one interneurone")
    parser.add_argument("--people", nargs="*", default=[],
                        help="other people, each component.parameter=value, several "
                             "changes to one person joined by commas")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with process_pool(args.workers) as pool:
        jobs = [pool.submit(curve, name, values)
                for name, values in people(args.shares, args.convergences, args.people)]
        rows = [job.result() for job in jobs]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    intervals = rows[0]["intervals_ms"]
    print("soleus H-reflex after a peroneal pulse at the tibialis anterior's motor threshold, % "
          "of control, by conditioning–test interval (ms)")
    width = max(26, *(len(row["person"]) for row in rows))
    print(f"{'person':{width}s} " + " ".join(f"{i:>4g}" for i in intervals) + "   CV  depressed <")
    for row in rows:
        ratios = " ".join(f"{p:4.0f}" for p in row["percent_of_control"])
        print(f"{row['person']:{width}s} {ratios}  {100 * row['trial_cv']:3.0f} %  "
              f"{row['depressed_below_percent']:3.0f} %")


if __name__ == "__main__":
    main()
