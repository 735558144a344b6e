"""The relaxed ankle as a whole: the simulated muscles' own passive pull and the joint's share
add up to the passive moment measured on relaxed people."""

import math

import numpy as np
import pytest

from kramp.engine import build_model, simulate
from kramp.physiology import ankle


@pytest.mark.parametrize("load_Nm", [15.0, 25.0])
def test_a_relaxed_foot_under_a_load_comes_to_rest_where_the_published_moment_holds_it(
        load_Nm, riener_edrich_moment):
    """A relaxed person's foot, free, under a steady dorsiflexing load, settles where Riener &
    Edrich's passive moment of the whole ankle (muscles, ligaments and capsule) balances the
    load: the calf's own passive pull is part of that moment, not added to it. (Counted twice,
    the foot stopped 2.1° short at 15 N·m and 2.6° short at 25 N·m, and its swing back set off
    stretch reflexes.)"""
    knee_deg = math.degrees(ankle.PARAMETERS["knee_angle"].value)
    angles = np.linspace(-10.0, 30.0, 40001)
    moment = np.array([riener_edrich_moment(-a, knee_deg) for a in angles])
    balance = float(np.interp(load_Nm, moment, angles))
    model = build_model("ankle", {
        "drive": {"level": 0.0},
        "movement": {"free": 1, "start_angle": balance, "load_torque": load_Nm,
                     "load_start": 0.0}}, seed=0)
    result = simulate(model, 1500.0)
    joint = result["ankle"].sel(joint_output="angle_deg").values[:, 0]
    assert result["spike_time_ms"].size == 0  # relaxed throughout
    assert joint[-500:].mean() == pytest.approx(balance, abs=0.3)
