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
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G9: people like the default person cramp from 18.0 Hz euhydrated, 19.7 "
                          "Hz after losing 3 % of body mass as sweat and 21.7 Hz after 5 %, each "
                          "person +1.7 ± 3.5 and +3.7 ± 2.7 Hz (SE; band ±3 Hz, published +2.4), "
                          "where the same people move +2.7 ± 4.7 Hz (SD 11.5) between two visits "
                          "with nothing changed (G12). It passed (+2.8 and +2.8 Hz) before the "
                          "afferent axons' deferred spans were split (2026-12-06), failed at -1.3 "
                          "and -3.7 Hz after, and fails at +3.2 Hz since they are extrapolated "
                          "and at +3.7 Hz since the spindles' after-effect stopped growing with "
                          "the effort (2026-12-07), numerical changes: the verdict is chance "
                          "either way")
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
