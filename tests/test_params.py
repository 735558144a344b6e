import pytest

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.physiology import hh_membrane

TABLE = hh_membrane.PARAMETERS


def test_every_parameter_has_unit_range_and_a_resolvable_source():
    for param in TABLE:
        low, high = param.range
        assert low <= param.value <= high
        assert param.meaning
        assert TABLE.references[param.source]


def test_override_is_unit_and_range_checked():
    values = TABLE.resolve({"temperature": "291.65 K", "g_na": 100})
    assert values["temperature"] == pytest.approx(18.5)
    assert values["g_na"] == 100.0
    with pytest.raises(KrampInputError) as error:
        TABLE.resolve({"g_na": "0.5 S/cm2"})
    assert str(error.value) == (
        "`membrane.g_na` must be in [0, 300] mS/cm2, got 500 mS/cm2 (from '0.5 S/cm2')")


def test_unknown_parameter_lists_the_known_ones():
    with pytest.raises(KrampInputError, match=r"unknown parameter `membrane.gna`.*membrane.g_na"):
        TABLE.resolve({"gna": 1.0})


def test_a_table_refuses_a_default_outside_its_range_and_a_missing_reference():
    with pytest.raises(ValueError, match="outside"):
        Param("x", 5.0, "mV", (0.0, 1.0), "ref", "test")
    with pytest.raises(ValueError, match="no reference"):
        ParameterTable("c", (Param("x", 0.5, "mV", (0.0, 1.0), "missing", "test"),), {})
