"""The scenario schema: units converted at the boundary, every problem one line naming its field."""

import copy

import pytest

from kramp.errors import KrampInputError
from kramp.scenarios import list_scenarios, validate_scenario
from kramp.scenarios.loader import LIBRARY


def _with(document: dict, *keys_and_value) -> dict:
    """A deep copy of ``document`` with the entry at ``keys`` set (or removed, for ``...``)."""
    *keys, value = keys_and_value
    changed = copy.deepcopy(document)
    table = changed
    for key in keys[:-1]:
        table = table.setdefault(key, {})
    if value is ...:
        del table[keys[-1]]
    else:
        table[keys[-1]] = value
    return changed


def test_defaults_fill_what_the_file_leaves_out(document):
    scenario = validate_scenario(document)
    assert scenario.seed == 0
    assert scenario.dt_ms == 0.025
    assert scenario.recording.variables == {}
    assert scenario.recording.spike_threshold_mV == 0.0
    assert scenario.protocol == []


def test_quantities_are_converted_to_the_declared_unit(document):
    document = _with(document, "duration", "0.5 s")
    document = _with(document, "dt", "10 us")
    document = _with(document, "parameters", "membrane", {"temperature": "291.65 K"})
    document = _with(document, "parameters", "stimulus", "amplitude", "0.02 mA/cm2")
    scenario = validate_scenario(document)
    assert scenario.duration_ms == 500.0
    assert scenario.dt_ms == pytest.approx(0.01)
    assert scenario.parameters["membrane"]["temperature"] == pytest.approx(18.5)
    assert scenario.parameters["stimulus"]["amplitude"] == pytest.approx(20.0)


def test_a_bare_number_is_in_the_declared_unit(document):
    bare = validate_scenario(_with(document, "parameters", "stimulus", "amplitude", 20))
    with_unit = validate_scenario(
        _with(document, "parameters", "stimulus", "amplitude", "20 uA/cm2"))
    assert bare.parameters["stimulus"]["amplitude"] == 20.0
    assert bare == with_unit


def test_the_document_validates_back_to_the_same_scenario(document):
    document = _with(document, "parameters", "membrane", {"temperature": "18.5 degC"})
    scenario = validate_scenario(_with(document, "seed", 7))
    assert validate_scenario(scenario.to_document()) == scenario
    assert '"temperature": "18.5 degC"' in scenario.to_json()


def test_every_library_file_is_named_after_its_scenario_id():
    files = sorted(entry.name for entry in LIBRARY.iterdir() if entry.name.endswith(".toml"))
    assert files == sorted(f"{scenario.id}.toml" for scenario in list_scenarios())


@pytest.mark.parametrize(
    ("keys_and_value", "expected"),
    [
        (("parameters", "stimulus", "amplitude", "900 uA/cm2"),
         ["`stimulus.amplitude` must be in [-200, 500] uA/cm2", "got 900 uA/cm2"]),
        (("parameters", "stimulus", "amplitude", 900),
         ["`stimulus.amplitude` must be in [-200, 500] uA/cm2"]),
        (("parameters", "stimulus", "amplitude", "10 mV"),
         ["`stimulus.amplitude`", "mV", "uA/cm2"]),
        (("parameters", "stimulus", "amplitude", "10 bananas"),
         ["`stimulus.amplitude`", "unknown unit 'bananas'", "uA/cm2"]),
        (("parameters", "stimulus", "amplitude", True), ["`stimulus.amplitude`", "uA/cm2"]),
        (("parameters", "membrane", {"temperature": "60 degC"}),
         ["`membrane.temperature` must be in [0, 40] degC"]),
        (("parameters", "stimulus", "amplitud", 3),
         ["unknown parameter `stimulus.amplitud`", "stimulus.amplitude"]),
        (("parameters", "synapse", {"weight": 1}),
         ["unknown component `parameters.synapse`", "membrane, stimulus"]),
        (("parameters", "stimulus", 5), ["`parameters.stimulus` must be a table"]),
        (("durration", "20 ms"), ["unknown key `durration`", "duration"]),
        (("recording", "interval", "1 ms"),
         ["`recording.interval` must be a table of variables"]),
        (("recording", "membrane", {"v": {"interval": "2 h"}}),
         ["`recording.membrane.v.interval` must be in [0.0001, 1000] ms"]),
        (("recording", "membrane", {"v": {"interval": "1 ms", "units": []}}),
         ["`recording.variables.membrane.v.units` must be a non-empty list"]),
        (("protocol", [{"at": "1 ms", "set": {"stimulus.amplitud": 3}}]),
         ["unknown parameter `stimulus.amplitud`"]),
        (("protocol", [{"at": "-1 ms", "set": {}}]), ["`protocol.at` must be in"]),
        (("muscles", ["calf"]), ["`muscles` applies only to models with muscles",
                                 "'hh_membrane'"]),
        (("duration", 100), ["`duration` needs a unit", "100 ms"]),
        (("duration", "0 s"), ["`duration` must be in (0, 3600] s", "got 0 s"]),
        (("duration", "2 h"), ["`duration` must be in (0, 3600] s", "got 7200 s"]),
        (("duration", "20 mV"), ["`duration`", "mV", "ms"]),
        (("duration", ...), ["`duration` is required"]),
        (("dt", "1 ms"), ["`dt` must be in [0.0001, 0.1] ms"]),
        (("recording", "spike_threshold", "500 mV"),
         ["`recording.spike_threshold` must be in [-100, 100] mV"]),
        (("seed", -1), ["`seed` must be a whole number in [0, 2^63 − 1]", "-1"]),
        (("seed", 1.5), ["`seed` must be a whole number"]),
        (("seed", True), ["`seed` must be a whole number"]),
        (("trial", -2), ["`trial` must be a whole number in [0, 2^63 − 1]", "-2"]),
        (("trial", "1"), ["`trial` must be a whole number"]),
        (("id", "Test Membrane"), ["`id` must be a lowercase slug"]),
        (("model", "hh"), ["`model` must be one of: hh_membrane", "'hh'"]),
        (("name", ...), ["`name` is required"]),
        (("name", "sv", "två\nrader"), ["`name.sv` must be one non-empty line"]),
        (("description", "fr", "une membrane"), ["unknown key `description.fr`", "sv, en"]),
    ],
)
def test_bad_documents_give_one_line_naming_the_field(document, keys_and_value, expected):
    with pytest.raises(KrampInputError) as caught:
        validate_scenario(_with(document, *keys_and_value))
    message = str(caught.value)
    assert "\n" not in message
    for text in expected:
        assert text in message


def test_several_problems_are_counted_and_the_file_is_named(document):
    document = _with(_with(document, "seed", -1), "dt", "1 ms")
    with pytest.raises(KrampInputError, match=r"^mine\.toml: `seed` .* \(and 1 more\)$") as caught:
        validate_scenario(document, source="mine.toml")
    assert caught.value.field == "seed"


@pytest.mark.parametrize(("cause", "message"), [
    ({"rows": ["S23"], "paragraph": 3}, "`cause.rows` must list rows of the specification"),
    ({"rows": ["S8"], "paragraph": 6}, "`cause.paragraph` must be a paragraph of the article"),
    ({"rows": ["S8"], "paragraph": 3, "seek_care": True},
     "`cause` needs `seek_care_reason` (sv and en)"),
])
def test_a_bad_cause_is_one_line_naming_its_field(document, cause, message):
    with pytest.raises(KrampInputError) as caught:
        validate_scenario(_with(document, "cause", cause))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_every_cause_that_calls_for_care_says_why_in_both_languages():
    advised = [s for s in list_scenarios() if s.cause and s.cause.seek_care]
    assert {s.id for s in advised} >= {"stroke-spasticity", "low-calcium-axon"}
    for scenario in advised:
        reason = scenario.cause.seek_care_reason
        assert reason.sv != reason.en
