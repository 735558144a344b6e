"""Targets G1 and G2 (Miller & Knight 2009 and 2012): the electrically induced cramp's threshold
in a cohort of people like the default person, from two start frequencies, and in the same people
made cramp-prone (kramp.validation.cramp_targets)."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G1: 6 people like the default person cramp from 20.0 Hz on "
                          "average (24, 22, 16, 20, 22, 16 Hz), the same people made cramp-prone "
                          "(ib_descending -2 mV) from 24.3 Hz (22, 30, 22, 22, 30, 20 Hz): the "
                          "weaker Ib inhibition raises the threshold in 5 of 6 (+4.3 Hz on "
                          "average), where people with a cramp history cramp 10.6 Hz lower "
                          "(published 14.9 ± 1.3 vs 25.5 ± 1.6 Hz; bands 12–18 and 20–30 Hz)")
def test_g1_cramp_threshold_with_and_without_a_cramp_history():
    result = cramp_targets.target_g1()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G2's threshold part: from 4 Hz all 6 people cramp (20.0 Hz on "
                          "average: 24, 22, 16, 20, 22, 16 Hz), from 14 Hz only 4 do (19.0 Hz: "
                          "22, none, 18, 22, none, 14 Hz); the two whose cramp came after the "
                          "22 Hz train from 4 Hz have none up to 30 Hz from 14 Hz, as the cramp "
                          "builds on the trains before it")
def test_g2_the_threshold_does_not_depend_on_the_start_frequency():
    """The part of G2 the model runs: the same people cramp from 4 and from 14 Hz, and the
    group's thresholds agree within 2 Hz."""
    found = cramp_targets.g2_threshold_part()
    assert found["holds"], found


@pytest.mark.slow
def test_the_default_person_is_person_0_of_the_cohorts():
    """The cohort's first person is the default person: its threshold in the batch that gives
    every train equals the one-person run's that stops at the first cramp (the people are
    independent, and the trains before the cramp are the same)."""
    alone = cramp_targets.electrically_induced(False)["cramp_threshold_frequency_hz"]
    assert cramp_targets.cohort_thresholds(4.0)[0] == alone


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G2: the force part (MVIC before, 1 and 5 min after the cramp) is "
                          "not simulated, so the target cannot pass; its threshold part fails "
                          "as well (the test above)")
def test_g2_cramp_threshold_from_two_starts_and_force_after_a_cramp():
    result = cramp_targets.target_g2()
    assert result["passed"], result["model_value"]
