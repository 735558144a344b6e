"""Targets B7 on the default calf and B9 on quiet breathing (shared/validation/targets.md)."""

from kramp.validation.pool_targets import target_b7, target_b9

KEYS = {"id", "quantity", "published", "band", "model_value", "passed", "source"}


def test_b7_recruitment_and_rate_coding():
    result = target_b7()
    assert set(result) == KEYS
    assert result["passed"], result["model_value"]


def test_b9_a_quiet_breath_uses_a_small_share_of_the_diaphragm():
    result = target_b9()
    assert set(result) == KEYS
    assert result["passed"], result["model_value"]
