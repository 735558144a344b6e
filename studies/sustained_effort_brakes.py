"""Why kramp's calf units speed up through a sustained maximal effort (target B8), where
people's slow down: the afferents' fatigue changes and the motoneurones' late adaptation, each
taken away or added in turn.

Macefield et al. (2000) held a maximal contraction 150 s; their units' mean rate fell from 15.8 to
13.6 Hz (target B8: the last 30 s at 75–95 % of the first). kramp's calf units, on the same
protocol (``kramp.validation.strength_targets``: the ankle at neutral, knee extended, the command
at 100 % throughout, every reflex path in place), rise to about 136 % (``kramp validate --only
B8``). Three things in kramp change with the effort's fatigue: the fibres' metabolites raise the
spindles' fusimotor drive (``afferents.fatigue_fusimotor_drive``) and take away part of the
tendon organs' discharge (``afferents.fatigue_tendon_organ_loss``), and the calf's force falls,
and with it the tendon organs' discharge and the autogenic (Ib) inhibition that holds the calf's
maximal rates down (B10, fitted through ``interneurons.ib_command_presynaptic``); the
motoneurones' late adaptation (``motoneuron.g_late_adaptation``, sized on B11) is off by default.

This script runs B8's protocol on one batch of people like the default person, each with its own
set of those parameters (``PEOPLE``, or the rows named by ``--only``), and reports for each the
calf units' mean rate in the three windows, the ratio B8 judges, the calf's force and the soleus
spindle (Ia) and tendon-organ (Ib) afferents' discharge. It fits nothing. Each person has the
random streams of its place in the batch, so the default person's row differs a little from
``kramp validate --only B8`` unless it comes first.

``--dorsiflexion`` holds the maximal effort with the tibialis anterior instead (the calf
uncommanded) and reports its units and afferents: Macefield et al.'s extensor hallucis longus is
an anterior-compartment dorsiflexor, as the tibialis is, so it is the closer stand-in, but the
default person's tibialis speeds up as its calf does (13.8 / 15.6 / 17.5 Hz, 127 %, its Ib
discharge falling from 70 to 48 pps as its force falls to 79 %).

``--set PATH=VALUE`` gives every person a parameter value, over its row's own. With the Ib gate
wide open and the motoneurones' K(Ca) conductance tripled (as ``calf_strength.py --gates 1 --set
motoneuron.g_kca=45``, where C6 passes), the late adaptation makes B8 pass: ``--only default "no
tendon-organ fatigue loss, late adaptation on" --set interneurons.ib_command_presynaptic=1 --set
motoneuron.g_kca=45``.

Run (about 9 minutes on 2 cores for the four people; 3 minutes for one)::

    python studies/sustained_effort_brakes.py
    python studies/sustained_effort_brakes.py --only default "no tendon-organ fatigue loss" --json
    python studies/sustained_effort_brakes.py --only default --dorsiflexion
"""

from __future__ import annotations

import argparse
import json

from kramp.errors import KrampInputError
from kramp.physiology import assigned_values
from kramp.physiology.muscles import TRICEPS_SURAE

# each person: a label and the parameters in which it differs from the default person
PEOPLE = (
    ("default", {}),
    ("no metabolite fusimotor drive", {"afferents.fatigue_fusimotor_drive": 0.0}),
    ("no tendon-organ fatigue loss", {"afferents.fatigue_tendon_organ_loss": 0.0}),
    ("no tendon-organ fatigue loss, late adaptation on",
     {"afferents.fatigue_tendon_organ_loss": 0.0, "motoneuron.g_late_adaptation": 0.002}),
)


# the muscles a maximal effort drives, and the one whose afferents are reported
EFFORTS = {"plantarflexion": (TRICEPS_SURAE, "soleus"),
           "dorsiflexion": (("tibialis_anterior",), "tibialis_anterior")}
ANKLE_MUSCLES = (*TRICEPS_SURAE, "tibialis_anterior")


def measure(people: list[tuple[str, dict]], effort: str = "plantarflexion") -> list[dict]:
    """B8's protocol on one batch with a person per entry of ``people`` (``PEOPLE``' form), the
    maximal command to the muscles of ``EFFORTS[effort]`` only: each person's label, B8's
    windows (``strength_targets.sustained_effort_windows``) and ratio."""
    from kramp.engine import build_model, simulate
    from kramp.physiology import varied_values
    from kramp.validation import strength_targets as st

    values = varied_values([changes for _, changes in people])
    values["drive"] = {**st.B8_DRIVE, **values.get("drive", {})}
    heads, sensed = EFFORTS[effort]
    for muscle in ANKLE_MUSCLES:
        values.setdefault(muscle, {})["command_share"] = 1.0 if muscle in heads else 0.0
    result = simulate(build_model("ankle", values, n_person=len(people), seed=1),
                      st.B8_HOLD_MS)
    found = []
    for person, (label, _) in enumerate(people):
        windows = st.sustained_effort_windows(result, person, heads, sensed)
        first, *_, last = windows.values()
        ratio = last["rate_hz"] / first["rate_hz"]
        low, high = st.B8_RATIO_BAND
        found.append({"label": label, "windows": windows, "ratio": ratio,
                      "b8_passes": bool(low <= ratio <= high)})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    labels = [label for label, _ in PEOPLE]
    parser.add_argument("--only", nargs="+", choices=labels, metavar="LABEL",
                        help="run only these rows of PEOPLE: " + "; ".join(labels))
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help="a parameter (component.name, a bare number in its declared unit) "
                             "given to every person, over its row's own; repeatable")
    parser.add_argument("--dorsiflexion", action="store_true",
                        help="the maximal effort with the tibialis anterior, not the calf")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        alike = assigned_values(args.set)
    except KrampInputError as error:
        parser.error(str(error))
    people = [(label, {**changes, **alike}) for label, changes in PEOPLE
              if args.only is None or label in args.only]
    effort = "dorsiflexion" if args.dorsiflexion else "plantarflexion"
    found = measure(people, effort)
    if args.json:
        print(json.dumps(found, indent=2))
        return
    if alike:
        print("every person: " + ", ".join(f"{path}={value:g}" for path, value in alike.items()))
    sensed = EFFORTS[effort][1]
    effort_name = "calf" if effort == "plantarflexion" else "tibialis anterior"
    sensed_name = sensed.replace("_", " ")
    for row in found:
        windows = row["windows"].values()
        rates = " / ".join(f"{w['rate_hz']:.1f}" for w in windows)
        force = " / ".join(f"{w['force_N']:.0f}" for w in windows)
        ia = " → ".join(f"{w['ia_pps']:.1f}" for w in windows)
        ib = " → ".join(f"{w['ib_pps']:.1f}" for w in windows)
        verdict = "B8 would pass" if row["b8_passes"] else "B8 fails"
        print(f"{row['label']}: {effort_name} units {rates} Hz, ratio {100 * row['ratio']:.1f} % "
              f"({verdict}); {effort_name} force {force} N; {sensed_name} Ia {ia} pps, "
              f"Ib {ib} pps")


if __name__ == "__main__":
    main()
