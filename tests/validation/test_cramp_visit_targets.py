"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: the same 6 people cramp from 18, 26, 18, 10, 24 and 16 Hz on "
                          "one visit and from 22, 28, 24, 18, 22 and 12 Hz on another with "
                          "nothing changed: each person's change has an SD of 4.6 Hz (the "
                          "default person over 8 visits: 7.2 Hz), where published test–retest "
                          "designs imply 2.7–3.4 Hz")
def test_g12_a_person_s_threshold_is_as_repeatable_as_people_s():
    result = cramp_targets.target_g12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G9: 6 people like the default person cramp from 18.7 Hz euhydrated, "
                          "from 21.0 Hz after losing 3 % of body mass as sweat (each person "
                          "+2.3 ± 1.2 Hz, inside ±3 Hz; published +2.4) and from 23.3 Hz after "
                          "5 % (+4.7 ± 2.6 Hz, outside): within one standard error of the band's "
                          "edge, where the same people move +2.3 ± 1.9 Hz between two visits "
                          "with nothing changed (G12)")
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
