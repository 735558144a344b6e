"""Targets G1 and G2 (Miller & Knight 2009 and 2012): the electrically induced cramp's threshold
in a cohort of people like the default person, from two start frequencies, and in the same people
made cramp-prone; and G2's force after the default person's cramp, here beside the cohorts that
the whole G2 target needs as well (kramp.validation.cramp_targets)."""

import pytest

from kramp.validation import cramp_targets


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G1: 3 of 6 people like the default person cramp (28, none, 30, "
                          "26, none, none Hz; 28.0 Hz on average), the same people made "
                          "cramp-prone (ib_descending -2 mV) likewise 3 of 6 (24, none, 30, 30, "
                          "none, none Hz; 28.0 Hz): the weaker Ib inhibition moves each "
                          "threshold by -4 to +4 Hz (0.0 on average), where people with a "
                          "cramp history cramp 10.6 Hz lower (published 14.9 ± 1.3 vs 25.5 ± "
                          "1.6 Hz; bands 12–18 and 20–30 Hz). Before the group II gate "
                          "(2026-12-07) all 6 cramped, from 18.0 and 18.7 Hz")
def test_g1_cramp_threshold_with_and_without_a_cramp_history():
    result = cramp_targets.target_g1()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G2 (threshold part): the group's thresholds agree (28.0 Hz from 4 "
                          "and from 14 Hz) but person 2 cramps from 4 Hz and not from 14 Hz; "
                          "it passed between the end plates' spread of safety factors and the "
                          "group II gate (2026-12-07), and failed before them (two of six "
                          "cramped only from 4 Hz): with the visit-to-visit spread of G12 the "
                          "verdict is chance either way")
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
                   reason="G2's force part: MVIC 47.3 N·m before the trains, 54.2 N·m (114.5 %) 1 "
                          "min and 46.4 N·m (98.1 %) 5 min after the cramp, where Miller & "
                          "Knight's fell 13 % and was back at 5 min: the trains' potentiation "
                          "outweighs their fatigue in calf units that fire unfused at about 13 Hz "
                          "in the effort (C6), and the model's soleus potentiates like the "
                          "adductor pollicis it was calibrated on (C3) where Vandervoort & "
                          "McComas's hardly did (C7); with fibre.potentiation_gain 0 the force "
                          "was 97.5 and 96.9 % with the muscle fibre before 2026-12-06 (the cramp "
                          "then after the 6 Hz train)")
def test_g2_force_is_down_a_minute_after_the_cramp_and_back_after_five():
    """Miller & Knight's MVIC fell 13 % one minute after the cramp and was back at five; the
    default person's calf, from the State its cramp ended in (nothing fitted to it)."""
    found = cramp_targets.g2_force_part()
    assert found["holds"], cramp_targets.shown_force(found)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G2: both of its parts fail (the tests above)")
def test_g2_cramp_threshold_from_two_starts_and_force_after_a_cramp():
    result = cramp_targets.target_g2()
    assert result["passed"], result["model_value"]
