"""Targets B7 on the default calf and B9 on quiet breathing (shared/validation/targets.md), and
the `quiet-breathing` scenario's own verdict on the run B9 reads."""

import numpy as np
import pytest

from kramp.validation.pool_targets import quiet_breathing, target_b7, target_b9, window_rates

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


def test_window_rates_reads_one_persons_trains_in_a_batch():
    """A batch's spikes carry their person: each person's unit 0 keeps its own interspike
    interval (100 ms and 50 ms: 10 and 20 Hz), and a unit with fewer than three spikes in the
    window has no rate."""
    import xarray as xr

    person_0 = np.arange(0.0, 1000.0, 100.0)
    person_1 = np.arange(0.0, 1000.0, 50.0)
    times = np.concatenate([person_0, person_1, [500.0, 600.0]])
    people = np.concatenate([np.zeros(person_0.size), np.ones(person_1.size), [1, 1]])
    units = np.concatenate([np.zeros(person_0.size + person_1.size), [1, 1]])
    result = xr.Dataset({"spike_time_ms": ("spike", times),
                         "spike_person": ("spike", people.astype(int)),
                         "spike_unit": ("spike", units.astype(int))},
                        coords={"unit": [0, 1]})
    assert window_rates(result, 0.0, 1000.0, person=0) == pytest.approx([10.0])
    assert window_rates(result, 0.0, 1000.0, person=1) == pytest.approx([20.0])
