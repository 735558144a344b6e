"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: the same 6 people cramp from 20, 26, 4, 24, 26 and 8 Hz on one "
                          "visit and from 20, 16, 26, 22, 22 and 18 Hz on another with nothing "
                          "changed: each person's change has an SD of 11.5 Hz (+2.7 ± 4.7 Hz on "
                          "average), where published test–retest designs imply 2.7–3.4 Hz")
def test_g12_a_person_s_threshold_is_as_repeatable_as_people_s():
    result = cramp_targets.target_g12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    """Passes since 2026-12-07 (the end plates' spread of safety factors moved every cohort's
    thresholds); it has passed and failed with numerical changes before (+2.8, then −1.3 and
    −3.7, +3.2, +3.7 Hz): with the visit-to-visit spread of G12 the verdict is chance."""
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
