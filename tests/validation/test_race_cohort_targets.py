"""Target G10 (Schwellnus et al. 2011): serum electrolytes do not predict who cramps in a race;
pace and cramp history do (kramp.validation.race_cohort_targets)."""

import numpy as np
import pytest
from scipy import stats

from kramp.validation import race_cohort_targets, registry


def test_one_predictor_likelihood_ratio_is_the_g_test_of_its_two_by_two_table():
    """For a 0/1 predictor, the logistic regression's likelihood-ratio test is the G-test of
    independence of the 2×2 table (an independent computation by scipy)."""
    outcome = np.array([1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0], dtype=float)
    exposed = np.array([1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0], dtype=float)
    table = [[np.sum((exposed == e) & (outcome == o)) for o in (1, 0)] for e in (1, 0)]
    _, p_g, _, _ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    slope, p = race_cohort_targets.likelihood_ratio(outcome, exposed)
    assert p == pytest.approx(p_g, rel=1e-4)
    assert slope > 0.0  # the exposed cramp more often (3 of 5 against 1 of 7)


def test_a_predictor_unrelated_to_the_outcome_is_not_significant():
    outcome = np.array([1, 0] * 8, dtype=float)
    unrelated = np.repeat([0.0, 1.0], 8)  # half of each group on either side
    _, p = race_cohort_targets.likelihood_ratio(outcome, unrelated)
    assert p == pytest.approx(1.0)


def test_the_virtual_field_loses_about_the_published_body_mass():
    """The race's fluid side: Schwellnus et al.'s triathletes lost about 3 % of body mass (2.8
    and 3.1 % by group); the virtual field's sweat and drinking, drawn from the spreads the
    module cites and not tuned to this, lose 2–4 % on average, and every runner's plasma Na
    stays within what finishers show (125–155 mM)."""
    field = race_cohort_targets.field()
    assert 2.0 <= field["body_mass_loss_percent"].mean() <= 4.0
    assert 125.0 <= field["plasma_sodium_mM"].min() <= field["plasma_sodium_mM"].max() <= 155.0
    assert not registry.fitted_parameters("G10")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="G10: none of 16 virtual racers cramped after the race's final effort "
                          "(body mass lost 3.1 % on average, plasma Na 133–149 mM), so no "
                          "predictor can be tested; kramp's exercise cramp does not arise yet")
def test_g10_pace_and_history_predict_cramp_and_electrolytes_do_not():
    result = race_cohort_targets.target_g10()
    assert result["passed"], result["model_value"]
