"""Targets B7 on the default calf and B9 on quiet breathing (shared/validation/targets.md), and
the `quiet-breathing` scenario's own verdict on the run B9 reads."""

import numpy as np

from kramp.validation.pool_targets import quiet_breathing, target_b7, target_b9

KEYS = {"id", "quantity", "published", "band", "model_value", "passed", "source"}


def test_b7_recruitment_and_rate_coding():
    result = target_b7()
    assert set(result) == KEYS
    assert result["passed"], result["model_value"]


def test_b9_a_quiet_breath_uses_a_small_share_of_the_diaphragm():
    result = target_b9()
    assert set(result) == KEYS
    assert result["passed"], result["model_value"]


def test_quiet_breathing_keeps_a_physiological_rate_with_no_voluntary_drive():
    # The scenario B9 reads, judged as `kramp run` reports it on the same cohort (people differ
    # in their pre-Bötzinger neurons): adults breathe 12–20 times a minute at rest, and a quiet
    # breath uses a small share of the diaphragm's maximal force (eupnoea about 12 % of maximal
    # Pdi in the cat; Sieck & Fournier 1989).
    people = quiet_breathing()
    rates = [p["breaths_per_minute"] for p in people]
    assert 12.0 <= np.mean(rates) <= 20.0, rates
    assert all(p["breaths"] >= 6 for p in people)
    shares = [p["force_per_breath_percent_of_max"] for p in people]
    assert all(3.0 <= share <= 20.0 for share in shares), shares
    # the diaphragm fires on the brainstem's recorded command: commanded rhythm, not a spasm
    assert all(p["involuntary_activity"] is False and p["spasm"] is False for p in people)
