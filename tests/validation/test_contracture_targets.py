"""Target G11 and the `metabolic-myopathy-contracture` scenario's acceptance: a muscle without
glycogenolysis, worked under a cuff, locks without EMG, and lets go once blood returns."""

import pytest

from kramp.validation import contracture_targets


@pytest.fixture(scope="module")
def runs():
    return contracture_targets.g11_runs()  # cached: the xfail below reuses the same two runs


@pytest.mark.slow
def test_the_contracture_is_electrically_silent_and_lets_go_after_the_cuff(runs):
    blocked = runs["blocked"]["summary"]
    assert blocked["contracture"] is True and blocked["spasm_class"] == "contracture"
    # EMG-silent, unlike a cramp: below a tenth of the muscle's own discharge level
    assert blocked["contracture_emg_rms_mV"] < 0.1 * runs["blocked"]["effort_emg_rms_mV"]
    assert blocked["contracture_recovery_ms"] is not None
    # the same test with glycogenolysis intact leaves no contracture
    assert runs["intact"]["summary"]["contracture"] is False
    assert runs["intact"]["summary"]["spasm"] is False
    # without glycogenolysis the muscle makes no lactate, so venous lactate stays at rest
    # (published: a rise below 1.5-fold)
    from kramp.physiology import lactate

    assert runs["blocked"]["muscle_lactate_mmol_per_kg"] == 0.0
    assert runs["intact"]["muscle_lactate_mmol_per_kg"] > 0.0
    resting = lactate.PARAMETERS["resting_lactate"].value
    assert lactate.peak_venous_lactate_mM(0.0) / resting < 1.5


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G11: the contracture (0.05 µV RMS against 151 µV in the effort; let "
                          "go 1.49 s after it began), its absence with glycogenolysis and the "
                          "flat lactate without it (1.00×) hold, but venous lactate as the cuff "
                          "comes off is 2.1× rest with glycogenolysis (muscle 12.8 mmol/kg wet; "
                          "published 3–5×)")
def test_g11_electrically_silent_contracture():
    result = contracture_targets.target_g11()
    assert result["passed"] is True, result["model_value"]
