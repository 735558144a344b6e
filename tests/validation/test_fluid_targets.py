"""Targets E3, E7 and E13 (E8 and E9 are in tests/physiology/test_fluids.py): the blood's potassium,
magnesium and acid–base state against published numbers; predictions, none tuned."""

import pytest

from kramp.validation import fluid_targets


def test_e3_hypokalaemia_weakens_only_below_three_millimolar():
    result = fluid_targets.target_e3()
    assert result["passed"] is True, result["model_value"]


def test_e7_low_magnesium_alone_leaves_the_axons_quiet_above_half_a_millimolar():
    result = fluid_targets.target_e7()
    assert result["passed"] is True, result["model_value"]


def test_e13_over_breathing_lowers_ionised_calcium_as_measured():
    result = fluid_targets.target_e13()
    assert result["passed"] is True, result["model_value"]


def test_e10_sweat_sodium_lost_in_a_practice():
    result = fluid_targets.target_e10()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E11: over 2.5 h with 4 L of sweat replaced by as much plain water, "
                          "plasma Na falls 4.02 mmol/L with salty sweat (published: crampers "
                          "−2.1) but also 2.58 mmol/L with dilute sweat, where the reference "
                          "players stayed within ±1: full replacement with water dilutes both")
def test_e11_plasma_sodium_over_a_practice():
    result = fluid_targets.target_e11()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E12: 3 % of body mass sweated with 145 mmol Na and 11 mmol K raises "
                          "osmolality 287.0 → 294.3 mOsm/kg (+7.3), published +12.6 (band "
                          "8–18): kramp's osmoles are Na and K salts only")
def test_e12_dehydration_concentrates_the_plasma():
    result = fluid_targets.target_e12()
    assert result["passed"] is True, result["model_value"]
