"""The CMAP before and after a 10 s maximal contraction (`cmap-after-exercise`): a healthy end
plate's M-wave does not grow, one that releases too little to fire all its fibres grows past the
60 % increment that marks the Lambert–Eaton syndrome (Oh et al. 2005), by the release the
contraction augmented."""


def test_a_healthy_cmap_keeps_its_size_after_exercise(run_json):
    found = run_json("cmap-after-exercise")
    assert found["cmap_before_exercise_mV"] > 3.0
    assert abs(found["post_exercise_change_percent"]) < 10.0


def test_a_low_release_cmap_is_small_and_grows_after_exercise(run_json):
    """Release cut to a tenth, about the quantal content Lambert & Elmqvist measured at the
    end plates of the Lambert–Eaton syndrome (not re-checked). (At 0.15 the end plates at the
    strong end of the safety factors' spread, 4 to 12, still fire half the fibres.)"""
    healthy = run_json("cmap-after-exercise")
    low = run_json("cmap-after-exercise", "junction.release_machinery=0.1")
    assert low["cmap_before_exercise_mV"] < 0.5 * healthy["cmap_before_exercise_mV"]
    assert low["post_exercise_change_percent"] >= 60.0
