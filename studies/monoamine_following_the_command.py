"""Could a monoaminergic level that follows the voluntary command give target B12 its rise?

Orssatto et al. (2021) found the soleus units' paired-unit ΔF rising from ramps to 10 % of the
maximal torque to 20 % and 30 % (by 0.6 and 0.5 pps) and read it as more monoaminergic drive with
more effort; kramp's B12 experiment, with one level μ for every drive, finds ΔF falling (the
model's ΔF shrinks with the slower ramps of the higher levels more than it grows with their peak).
This study lets μ follow the command inside B12's (and B6's) own ramps and asks whether any such
coupling turns the fall into a rise:

    μ(t) = μ_rest + Δμ · s(t),    τ ds/dt = f(c(t)) − s,    f(c) = c (1 + c½) / (c + c½)

with c the ramp's common drive as a share of the full command's conductance
(``drive.g_exc_max``), f linear in c without ``--half`` and saturating (half its reach at c½,
all of it at c = 1) with it. Every combination of ``--rest``, ``--gains``, ``--taus`` and
``--halves`` runs B6's ramp (15 %, 10 s up) and B12's three (10, 20, 30 %, rising at 2 % per
second) on the default human pool, with B6's and B12's analysis; recruitment is reckoned at
μ_rest. It fits nothing and changes no default.

Run (about 40 s per combination)::

    python studies/monoamine_following_the_command.py
    python studies/monoamine_following_the_command.py --rest 0.6 --gains 0.5 --taus 1 30 \\
        --halves 0.1
"""

from __future__ import annotations

import argparse
import itertools
import json
import math

import numpy as np


def following(rest: float, gain: float, tau_s: float, half: float | None, full_uS: float):
    """A ``monoamine_course`` for ``motoneuron_targets.triangular_ramp_spikes``: μ of each chunk
    from the module doc's first-order follower of the command, starting at rest."""
    followed = 0.0

    def course(drive_uS: float, chunk_ms: float) -> float:
        nonlocal followed
        command = min(max(drive_uS / full_uS, 0.0), 1.0)
        target = command if half is None else command * (1.0 + half) / (command + half)
        followed = target + (followed - target) * math.exp(-chunk_ms / (1e3 * tau_s))
        return rest + gain * followed

    return course


def delta_f(rest: float, gain: float, tau_s: float, half: float | None) -> dict:
    """B6's mean ΔF and B12's three (over the units tested at all three levels), in pps."""
    from kramp.physiology import default_value
    from kramp.validation import motoneuron_targets as targets

    full_uS = default_value("drive.g_exc_max")

    def course():
        return following(rest, gain, tau_s, half, full_uS)

    _, _, b6 = targets.paired_unit_ramp(targets.B6_FORCE_SHARE, targets.B6_RAMP_S, rest,
                                        course())
    with np.errstate(invalid="ignore"):  # no unit tested at all three levels: NaN means
        means, n_common = targets.delta_f_by_level(monoamine=rest, monoamine_course_for=course)
    return {"rest": rest, "gain": gain, "tau_s": tau_s, "half": half,
            "b6_pps": float(np.nanmean(b6)), "b6_units": int(np.isfinite(b6).sum()),
            "b12_pps": [float(m) for m in means],
            "b12_steps_pps": [float(d) for d in np.diff(means)], "b12_units": n_common}


def main() -> None:
    from kramp.physiology import default_value

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rest", type=float, nargs="+",
                        default=[default_value("drive.monoamine")], help="μ_rest")
    parser.add_argument("--gains", type=float, nargs="+", default=[0.0, 0.5, 1.0],
                        help="Δμ, the rise at the full command")
    parser.add_argument("--taus", type=float, nargs="+", default=[5.0], help="τ (s)")
    parser.add_argument("--halves", type=float, nargs="+", default=None,
                        help="c½ of a saturating follower (default: linear)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if any(g < 0 for g in args.gains) or any(t <= 0 for t in args.taus) or any(
            not 0 <= r <= 2 for r in args.rest) or any(h <= 0 for h in args.halves or []):
        parser.error("allowed: --rest in [0, 2], --gains ≥ 0, --taus > 0 s, --halves > 0")
    found = [delta_f(rest, gain, tau, half) for rest, gain, tau, half in itertools.product(
        args.rest, args.gains, args.taus, args.halves or [None])]
    if args.json:
        print(json.dumps(found, indent=1))
        return
    print("μ_rest  Δμ   τ (s)  c½    B6 ΔF (units)   B12 ΔF at 10/20/30 % (units)   steps")
    for row in found:
        half = "–" if row["half"] is None else f"{row['half']:g}"
        levels = " / ".join(f"{m:.2f}" for m in row["b12_pps"])
        steps = " ".join(f"{d:+.2f}" for d in row["b12_steps_pps"])
        print(f"{row['rest']:<7g} {row['gain']:<4g} {row['tau_s']:<6g} {half:<5s} "
              f"{row['b6_pps']:5.2f} ({row['b6_units']:3d})     {levels} ({row['b12_units']})"
              f"      {steps}")


if __name__ == "__main__":
    main()
