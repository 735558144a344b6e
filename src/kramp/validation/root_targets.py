"""Target F9: graded compression of a nerve root, by Olmarker, Holm & Rydevik's protocol.

Olmarker et al. (1990) compressed the pig's cauda equina for 2 h at 50, 100 or 200 mmHg, the
pressure reached in 0.05–0.1 s (rapid) or 20 s (slow), and followed the tail muscles' response to
stimulation of the roots above the compression. The virtual experiment: seven people like
kramp's default person, each with one compression of a root that carries every motor axon of
the lumbar erector spinae (``root.in_root_share`` 1; no nucleus pulposus, so no inflammation),
held for 2 h before the run — sham, and each pressure at each onset. Each makes a maximal
voluntary effort, whose impulses start in the cord above the root as the pigs' stimulated ones
did. The share of fibres blocked is read from the outputs: one minus the share of the sham's
units whose impulses reach the muscle (the motor-axon terminals' spikes).
"""

from __future__ import annotations

from functools import cache

import numpy as np

PRESSURES_MMHG = (50.0, 100.0, 200.0)
ONSETS_S = {"rapid": 0.075, "slow": 20.0}  # the middle of Olmarker's 0.05–0.1 s, and 20 s
COMPRESSION_MIN = 120.0
F9_MINOR_SHARE = 0.1  # "≤ 10 % of root fibres blocked at 50 mmHg"
DRIVE = {"level": 100.0, "onset": 100.0, "ramp_up": 100.0, "hold": 600.0, "ramp_down": 100.0}


def _people() -> list[tuple[str, float]]:
    """(onset, pressure) of each person: the sham first."""
    return [("slow", 0.0)] + [(onset, pressure) for pressure in PRESSURES_MMHG
                              for onset in ONSETS_S]


@cache
def blocked_shares() -> dict[tuple[str, float], float]:
    """The share of the root's fibres blocked, by (onset, pressure), measured against the sham."""
    from kramp.scenarios import load_scenario, runner

    people = _people()
    changes = {("parameters", "drive", key): value for key, value in DRIVE.items()}
    changes |= {("parameters", "root", "inflammation"): 0.0,
                ("parameters", "root", "in_root_share"): 1.0,
                ("parameters", "root", "compression_time"): COMPRESSION_MIN,
                ("parameters", "erector_spinae", "command_share"): 1.0,
                ("duration",): "1 s"}
    scenario = load_scenario("disc-herniation-back").updated(changes)
    cohort = {"root.pressure": np.array([pressure for _, pressure in people]),
              "root.onset": np.array([ONSETS_S[onset] for onset, _ in people])}
    result, _ = runner.run(scenario, cohort=cohort)
    owner = result["axon.terminal.spike_person"].values
    unit = result["axon.terminal.spike_unit"].values
    reached = [np.unique(unit[owner == p]).size for p in range(len(people))]
    return {person: 1.0 - reached[p] / reached[0] for p, person in enumerate(people)}


def target_f9() -> dict:
    blocked = blocked_shares()
    minor = all(blocked[(onset, 50.0)] <= F9_MINOR_SHARE for onset in ONSETS_S)
    rising = all(blocked[(onset, 100.0)] < blocked[(onset, 200.0)]
                 or blocked[(onset, 100.0)] == 1.0 for onset in ONSETS_S)
    impaired = all(blocked[(onset, 100.0)] > blocked[(onset, 50.0)] for onset in ONSETS_S)
    rapid_worse = all(blocked[("rapid", p)] >= blocked[("slow", p)] for p in PRESSURES_MMHG)
    shown = "; ".join(
        f"{p:g} mmHg: rapid {100 * blocked[('rapid', p)]:.0f} %, slow "
        f"{100 * blocked[('slow', p)]:.0f} %" for p in PRESSURES_MMHG)
    return {
        "id": "F9",
        "quantity": "share of a compressed root's motor fibres that no longer conduct after 2 h "
                    "at 50, 100 and 200 mmHg, rapid (0.075 s) and slow (20 s) onset",
        "published": "50 mmHg (rapid or slow onset): no or minor impairment; 100 and 200 mmHg: "
                     "impairment in proportion to pressure, worse with rapid onset (pig cauda "
                     "equina)",
        "band": "≤ 10 % of root fibres blocked at 50 mmHg; block rising monotonically from 100 "
                "to 200 mmHg; rapid onset blocks at least as much as slow onset at equal "
                "pressure",
        "model_value": f"fibres blocked: {shown}",
        "passed": bool(minor and rising and impaired and rapid_worse),
        "source": "Olmarker K, Holm S, Rydevik B 1990, Spine 15:416–419, doi "
                  "10.1097/00007632-199005000-00013; Olmarker K, Rydevik B, Holm S 1989, Spine "
                  "14:569–573",
    }
