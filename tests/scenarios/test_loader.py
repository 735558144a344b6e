"""Finding scenarios by id, name or path, and overriding their values with ``--set`` paths."""

import pytest

from kramp.errors import KrampInputError
from kramp.scenarios import apply_overrides, list_scenarios, load_scenario, settable_paths

USER_SCENARIO = """\
id = "my-axon"
model = "hh_membrane"
duration = "30 ms"
seed = 3

[name]
sv = "mitt axon"
en = "my axon"

[description]
sv = "Ett axon som jag har skrivit själv."
en = "An axon I wrote myself."

[parameters.stimulus]
amplitude = 15
"""


@pytest.fixture
def squid():
    return load_scenario("squid-axon")


def test_the_library_lists_the_squid_axon(squid):
    scenarios = list_scenarios()
    assert [s.id for s in scenarios] == sorted(s.id for s in scenarios)
    assert squid in scenarios
    assert (squid.name.sv, squid.name.en) == ("bläckfiskaxon", "squid axon")


def test_the_squid_axon_is_hodgkin_and_huxleys_experiment(squid):
    assert squid.model == "hh_membrane"
    assert squid.duration_ms == 100.0
    assert squid.parameters == {"membrane": {"temperature": 6.3},
                                "stimulus": {"amplitude": 10.0, "delay": 10.0}}


@pytest.mark.parametrize("name", ["squid-axon", "bläckfiskaxon", "BLÄCKFISKAXON", "Squid Axon",
                                  " squid axon "])
def test_a_scenario_is_found_by_id_or_either_name_in_any_case(name, squid):
    assert load_scenario(name) == squid


def test_a_users_file_goes_through_the_same_schema(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_SCENARIO, encoding="utf-8")
    scenario = load_scenario(str(path))
    assert (scenario.id, scenario.seed, scenario.duration_ms) == ("my-axon", 3, 30.0)
    assert scenario.parameters["stimulus"]["amplitude"] == 15.0
    assert load_scenario(path) == scenario

    path.write_text(USER_SCENARIO.replace("amplitude = 15", "amplitude = 900"), encoding="utf-8")
    with pytest.raises(KrampInputError, match=r"mine\.toml: `stimulus\.amplitude` must be in"):
        load_scenario(path)


def test_an_unknown_name_suggests_close_ones():
    with pytest.raises(KrampInputError) as caught:
        load_scenario("squid-axn")
    assert str(caught.value) == (
        "unknown scenario 'squid-axn'; did you mean: squid-axon? (see `kramp scenarios`)")
    with pytest.raises(KrampInputError, match=r"did you mean: squid-axon\?"):
        load_scenario("blackfiskaxon")
    with pytest.raises(KrampInputError, match=r"unknown scenario 'zebra'; known: .*squid-axon"):
        load_scenario("zebra")


def test_malformed_toml_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "broken"\nmodel = = "hh_membrane"\n', encoding="utf-8")
    with pytest.raises(KrampInputError, match=r"broken\.toml: malformed TOML: .*line 2"):
        load_scenario(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(KrampInputError, match=r"scenario file '.*nowhere\.toml' does not exist"):
        load_scenario(tmp_path / "nowhere.toml")


def test_a_bare_number_and_a_quantity_give_the_same_override(squid):
    bare = apply_overrides(squid, ["stimulus.amplitude=20"])
    with_unit = apply_overrides(squid, ["stimulus.amplitude=20 uA/cm2"])
    converted = apply_overrides(squid, ["stimulus.amplitude=0.02 mA/cm2"])
    assert bare.parameters["stimulus"]["amplitude"] == 20.0
    assert bare == with_unit
    assert converted.parameters["stimulus"]["amplitude"] == pytest.approx(20.0)


def test_overrides_make_a_new_scenario_and_leave_the_old_one(squid):
    changed = apply_overrides(squid, ["membrane.temperature=18.5 degC", "membrane.g_k=30",
                                      "duration=0.5 s", "seed=9", "dt=0.01 ms",
                                      "recording.spike_threshold=-20"])
    assert changed.parameters["membrane"] == {"temperature": 18.5, "g_k": 30.0}
    assert (changed.duration_ms, changed.seed, changed.dt_ms) == (500.0, 9, 0.01)
    assert changed.recording.spike_threshold_mV == -20.0
    assert squid == load_scenario("squid-axon")
    assert apply_overrides(squid, []) is squid


def test_every_parameter_of_the_model_kind_can_be_set(squid):
    paths = settable_paths(squid)
    assert {"duration", "seed", "dt", "recording.spike_threshold", "membrane.g_na",
            "membrane.temperature", "stimulus.amplitude", "stimulus.noise_sd"} <= set(paths)
    assert paths["stimulus.amplitude"] == ("parameters", "stimulus", "amplitude")


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        ("stimulus.amplitude=900", ["`stimulus.amplitude` must be in [-200, 500] uA/cm2"]),
        ("stimulus.amplitude=10 mV", ["`stimulus.amplitude`", "mV", "uA/cm2"]),
        ("stimulus.amplitude=", ["`stimulus.amplitude`", "uA/cm2"]),
        ("stimulus.amplitud=20", ["unknown `--set` path `stimulus.amplitud`",
                                  "did you mean: stimulus.amplitude?", "membrane.g_na"]),
        ("amplitude", ["`--set amplitude` must be PATH=VALUE"]),
        ("=20", ["`--set =20` must be PATH=VALUE"]),
        ("duration=0 s", ["`duration` must be in (0, 3600] s"]),
        ("seed=-2", ["`seed` must be a whole number"]),
        ("membrane.temperature=inf", ["`membrane.temperature` must be a finite number in degC"]),
    ],
)
def test_bad_overrides_name_the_path(squid, assignment, expected):
    with pytest.raises(KrampInputError) as caught:
        apply_overrides(squid, [assignment])
    message = str(caught.value)
    assert "\n" not in message
    for text in expected:
        assert text in message
