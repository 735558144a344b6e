"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: the same 6 people cramp from 24, none, 14, 16, 26 and 20 Hz on "
                          "one visit and from 18, 24, 14, 22, 22 and 16 Hz on another with "
                          "nothing changed: each person's change has an SD of 4.8 Hz (-1.6 ± 2.1 "
                          "Hz on average over the 5 who cramped both times), where published "
                          "test–retest designs imply 2.7–3.4 Hz")
def test_g12_a_person_s_threshold_is_as_repeatable_as_people_s():
    result = cramp_targets.target_g12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    """A prediction that holds since the Ia-inhibitory interneurones contact a fifth of the
    antagonist motoneurones (2026-12-06): people like the default person cramp from 20.0 Hz
    euhydrated, 22.8 Hz after losing 3 % of body mass as sweat and 22.0 Hz after 5 %, each
    person +2.8 ± 3.3 and +2.8 ± 1.6 Hz (SE; band ±3 Hz, published +2.4), where the same people
    move −1.6 ± 2.1 Hz between two visits with nothing changed (G12)."""
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
