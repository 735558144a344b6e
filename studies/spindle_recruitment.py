"""How many spindle endings of the relaxed ankle's muscles discharge at each held angle, with
the endings' own thresholds (``afferents.spindle_threshold_mean``) and without.

Burke, Skuse & Stuart (1979) found 24 of 39 tibialis anterior spindle endings discharging in
relaxed subjects with the ankle at 25° of plantar flexion (kramp's target D17). kramp's default
endings differ only in a multiplicative sensitivity, so wherever the muscle's model spindle fires
every ending fires; with thresholds of their own (``kramp.validation.reflex_targets.
SILENT_ENDINGS``: the mean threshold and the discharge scale fitted to D17's share and D10's rate)
a stretch recruits endings one after another. This script holds the relaxed ankle (soleus and
tibialis anterior) at each of ``--angles`` (kramp's convention: positive is dorsiflexion, which
stretches the soleus; negative plantarflexion, which stretches the tibialis), lets it settle for
0.5 s, and counts over the next 2 s, for each muscle and kind (Ia, II), the share of fibres that
fire and the mean rate of those that do, for the default person and the one with
``SILENT_ENDINGS``. It fits nothing.

Run (about 5 s per angle and person once compiled)::

    python studies/spindle_recruitment.py
    python studies/spindle_recruitment.py --angles -35 -25 -15 0 10 --json
"""

from __future__ import annotations

import argparse
import json

ANGLES_DEG = (-35.0, -25.0, -15.0, -5.0, 0.0, 10.0)
MUSCLES = ("soleus", "tibialis_anterior")


def discharge(angle_deg: float, afferent_values: dict[str, float]) -> dict:
    """Share of active fibres and their mean rate (Hz) per muscle and kind, the ankle relaxed
    and held at ``angle_deg`` (``reflex_targets.relaxed_spindle_rates_hz``)."""
    from kramp.validation.reflex_targets import relaxed_spindle_rates_hz

    found = {}
    for name, own in relaxed_spindle_rates_hz(angle_deg,
                                              tuple(afferent_values.items())).items():
        active = own[own > 0.0]
        found[name] = {"active_share": float(active.size / own.size),
                       "active_mean_hz": float(active.mean()) if active.size else None}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--angles", type=float, nargs="+", default=list(ANGLES_DEG),
                        help="held ankle angles, degrees (positive: dorsiflexion)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    from kramp.validation.reflex_targets import SILENT_ENDINGS

    people = {"default": {}, "silent endings": dict(SILENT_ENDINGS)}
    table = {person: {angle: discharge(angle, values) for angle in args.angles}
             for person, values in people.items()}
    if args.json:
        print(json.dumps({person: {f"{angle:g}": found for angle, found in rows.items()}
                          for person, rows in table.items()}, indent=1))
        return
    columns = [f"{m}.{g}" for m in MUSCLES for g in ("ia", "ii")]
    for person, rows in table.items():
        print(f"{person}: share of fibres active (mean rate of the active ones, Hz)")
        print("  angle  " + "  ".join(f"{c:>24}" for c in columns))
        for angle, found in rows.items():
            cells = []
            for column in columns:
                share, mean = found[column]["active_share"], found[column]["active_mean_hz"]
                cells.append(f"{100 * share:5.1f} % ({mean:5.1f})" if mean is not None
                             else f"{100 * share:5.1f} % (  –  )")
            print(f"  {angle:+5.0f}  " + "  ".join(f"{c:>24}" for c in cells))


if __name__ == "__main__":
    main()
