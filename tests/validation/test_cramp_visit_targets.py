"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: the same 6 people cramp from 24, 28, 26, 30, 26 and 26 Hz on one "
                          "visit and from 20, none, 26, 16, 28 and 20 Hz on another with nothing "
                          "changed: each person's change has an SD of 6.2 Hz (-4.4 ± 2.8 Hz on "
                          "average over the 5 who cramped both times), where published "
                          "test–retest designs imply 2.7–3.4 Hz")
def test_g12_a_person_s_threshold_is_as_repeatable_as_people_s():
    result = cramp_targets.target_g12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G9: 6 people like the default person cramp from 26.7 Hz euhydrated, "
                          "from 19.3 Hz after losing 3 % of body mass as sweat (each person -7.3 "
                          "± 2.6 Hz (SE), outside ±3 Hz; published +2.4) and from 21.7 Hz after 5 "
                          "% (-5.0 ± 1.9 Hz, outside), where the same people move -4.4 ± 2.8 Hz "
                          "between two visits with nothing changed (G12)")
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
