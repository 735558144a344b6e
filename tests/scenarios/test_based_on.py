"""A scenario based on another is the base with its own values merged in."""

import pytest

from kramp.errors import KrampInputError
from kramp.scenarios.loader import load_scenario, read_scenario_file


def test_the_stretched_cramp_is_the_cramp_with_a_stretch_added():
    base, variant = load_scenario("exercise-cramp"), load_scenario("exercise-cramp-stretched")
    assert variant.parameters["drive"] == base.parameters["drive"]
    assert variant.duration_ms == base.duration_ms
    assert variant.parameters["movement"]["start_angle"] == \
        base.parameters["movement"]["start_angle"]
    assert variant.parameters["movement"]["ramp_amplitude"] == 25.0
    assert "ramp_amplitude" not in base.parameters["movement"]


def test_an_unknown_base_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('id = "x"\nbased_on = "no-such-scenario"\n', encoding="utf-8")
    with pytest.raises(KrampInputError) as caught:
        read_scenario_file(path)
    assert "`based_on`" in str(caught.value)
