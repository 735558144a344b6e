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


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G11: the contracture (0.05 µV RMS against 162 µV in the effort; let "
                          "go 1.56 s after it began) and its absence with glycogenolysis hold, "
                          "but kramp computes no blood lactate, so the lactate part (3–5× "
                          "normally, < 1.5× blocked) cannot be compared")
def test_g11_electrically_silent_contracture():
    result = contracture_targets.target_g11()
    assert result["passed"] is True, result["model_value"]
