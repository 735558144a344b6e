"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: of the same 6 people 3 cramp on one visit (28, none, 30, 26, "
                          "none, none Hz) and 3 on another with nothing changed (26, none, none, "
                          "28, none, 30 Hz): too few cramp on both visits for a person's change, "
                          "where published test–retest designs imply an SD of 2.7–3.4 Hz")
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
