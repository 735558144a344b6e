"""The cramp-threshold-frequency protocol as data (``[cramp_threshold_protocol]``) and as an
experimenter runs it: train after train, stopped at the first one a cramp follows
(``runner.until_first_cramp``)."""

import numpy as np
import pytest

from kramp.errors import KrampInputError
from kramp.scenarios import load_scenario, run, summarise, validate_scenario
from kramp.scenarios.runner import until_first_cramp


def trains_of(scenario):
    return [(frequency, begin) for frequency, begin in scenario.cramp_threshold_protocol.trains()]


def test_the_scenario_gives_trains_from_4_to_30_hz_every_5_s():
    scenario = load_scenario("electrically-induced-cramp")
    assert trains_of(scenario) == [(4.0 + 2 * k, 1000.0 + 5000.0 * k) for k in range(14)]
    steps = scenario.steps
    # train k's values apply from its first pulse on (the first train's from the start)
    assert [step.at_ms for step in steps] == [0.0, *(1000.0 + 5000.0 * k for k in range(1, 14))]
    assert steps[-1].set == {"stimulation.first_pulse": 66000.0, "stimulation.frequency": 30.0,
                             "stimulation.pulse_count": 60.0}


def test_a_later_start_or_lower_ceiling_changes_only_which_trains_are_given():
    scenario = load_scenario("electrically-induced-cramp").updated(
        {("cramp_threshold_protocol", "start_frequency"): "14 Hz",
         ("cramp_threshold_protocol", "highest_frequency"): "19 Hz"})
    assert trains_of(scenario) == [(14.0, 1000.0), (16.0, 6000.0), (18.0, 11000.0)]


@pytest.mark.parametrize(("change", "field"), [
    ({("parameters", "stimulation", "frequency"): "10 Hz"}, "parameters.stimulation.frequency"),
    ({("cramp_threshold_protocol", "highest_frequency"): "3 Hz"}, "cramp_threshold_protocol"),
    ({("cramp_threshold_protocol", "rest"): "-1 s"}, "cramp_threshold_protocol.rest"),
    ({("cramp_threshold_protocol", "first_train"): "3599 s"}, "cramp_threshold_protocol"),
])
def test_contradictory_or_impossible_trains_are_refused_naming_the_field(change, field):
    with pytest.raises(KrampInputError) as refused:
        load_scenario("electrically-induced-cramp").updated(change)
    assert refused.value.field == field
    assert "\n" not in str(refused.value)


def test_a_model_without_nerve_stimulation_has_no_trains(document):
    with pytest.raises(KrampInputError, match="needs a model with nerve stimulation") as refused:
        validate_scenario({**document, "cramp_threshold_protocol": {}})
    assert refused.value.field == "cramp_threshold_protocol"


def test_a_cohort_cannot_stop_at_each_persons_first_cramp():
    scenario = load_scenario("electrically-induced-cramp")
    with pytest.raises(KrampInputError, match="stop_at_first_cramp = false") as refused:
        run(scenario, cohort={"drive.monoamine": np.array([0.5, 0.8])})
    assert refused.value.field == "--cohort"


def test_a_run_of_the_slowest_train_alone_is_summarised_as_a_train():
    """Its pulses lie 250 ms apart, as far as a recruitment curve's may; a person who cramps
    after it has a threshold of 4 Hz, so its summary must read it as the protocol's train."""
    scenario = load_scenario("electrically-induced-cramp").updated(
        {("cramp_threshold_protocol", "highest_frequency"): "4 Hz",
         ("cramp_threshold_protocol", "stop_at_first_cramp"): False})
    result, _ = run(scenario, duration_ms=3500.0)
    summary = summarise(result)
    assert [(train["frequency_hz"], train["pulses"]) for train in summary["trains"]] == [(4.0, 8)]
    assert "h_max_over_m_max" not in summary


@pytest.mark.slow
def test_train_by_train_is_the_same_run_as_one_long_run():
    """Each stretch continues the last one's State: joined, they are the long run, spike for
    spike and sample for sample (rests shorter than a cramp's 1 s, so no stretch stops it)."""
    short = load_scenario("electrically-induced-cramp").updated({
        ("cramp_threshold_protocol", "first_train"): "200 ms",
        ("cramp_threshold_protocol", "start_frequency"): "20 Hz",
        ("cramp_threshold_protocol", "frequency_step"): "4 Hz",
        ("cramp_threshold_protocol", "highest_frequency"): "28 Hz",
        ("cramp_threshold_protocol", "train_duration"): "500 ms",
        ("cramp_threshold_protocol", "rest"): "500 ms",
        ("cramp_threshold_protocol", "stop_at_first_cramp"): False,
        ("duration",): "3 s"})
    whole, whole_state = run(short)
    joined, joined_state = until_first_cramp(short)
    assert joined.sizes == whole.sizes and joined.sizes["spike"] > 0
    for name, variable in whole.variables.items():
        np.testing.assert_array_equal(joined[name].values, variable.values, err_msg=name)
    assert joined.attrs["duration_ms"] == whole.attrs["duration_ms"] == 3000.0
    assert joined_state.step == whole_state.step
    for component, arrays in whole_state.components.items():
        for key, array in arrays.items():
            np.testing.assert_array_equal(joined_state.components[component][key], array)
    # kramp run's summary reads the joined Result as a run's: its three trains, no cramp
    summary = summarise(joined)
    assert [round(train["frequency_hz"]) for train in summary["trains"]] == [20, 24, 28]
    assert summary["cramp_threshold_frequency_hz"] is None
