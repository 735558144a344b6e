"""Targets G9 (Miller et al. 2010) and G12 (kramp's own, from Panza et al. 2017 and Miller &
Knight 2012): the cohort of people like the default person measured on visits of their own,
after losing body mass as sweat and again with nothing changed (kramp.validation.cramp_targets).
Their four cohort runs share the fresh one, so they share a file: one test worker computes it
once."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G12: the same 6 people cramp from 24, 22, 16, 18, 24 and 22 Hz on "
                          "one visit and from 20, 20, 26, 16, 22 and 22 Hz on another with "
                          "nothing changed: each person's change has an SD of 5.1 Hz (+0.0 ± 2.1 "
                          "Hz on average), where published test–retest designs imply 2.7–3.4 "
                          "Hz")
def test_g12_a_person_s_threshold_is_as_repeatable_as_people_s():
    result = cramp_targets.target_g12()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G9: people like the default person cramp from 21.0 Hz euhydrated, "
                          "19.7 Hz after losing 3 % of body mass as sweat and 17.3 Hz after 5 %, "
                          "each person -1.3 ± 1.6 and -3.7 ± 2.2 Hz (SE; band ±3 Hz, published "
                          "+2.4), where the same people move +0.0 ± 2.1 Hz (SD 5.1) between two "
                          "visits with nothing changed (G12). It passed (+2.8 and +2.8 Hz) "
                          "before the afferent axons' deferred spans were split (2026-12-06), a "
                          "numerical change: the verdict is chance either way")
def test_g9_hypohydration_leaves_the_cramp_threshold_frequency_unchanged():
    result = cramp_targets.target_g9()
    assert result["passed"], result["model_value"]
