"""Targets E3, E7 and E13 (E8 and E9 are in tests/physiology/test_fluids.py): the blood's potassium,
magnesium and acid–base state against published numbers; predictions, none tuned."""

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
