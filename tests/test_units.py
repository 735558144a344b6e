import pytest

from kramp.errors import KrampInputError
from kramp.units import convert, parse_quantity


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("10 uA/cm2", "uA/cm2", 10.0),
        ("10 µA/cm²", "uA/cm2", 10.0),
        ("0.01 mA/cm2", "uA/cm2", 10.0),
        ("0.1 A/m2", "uA/cm2", 10.0),
        ("0.12 S/cm2", "mS/cm2", 120.0),
        ("291.65 K", "degC", 18.5),
        ("18.5 °C", "degC", 18.5),
        ("0.1 s", "ms", 100.0),
        ("25 nM", "mM", 25e-6),
        ("-65", "mV", -65.0),
        (12, "Hz", 12.0),
        ("1e-3 V", "mV", 1.0),
    ],
)
def test_quantities_convert_to_the_declared_unit(text, unit, expected):
    assert parse_quantity(text, unit) == pytest.approx(expected, rel=1e-12)


def test_wrong_dimension_names_both_units_and_the_field():
    with pytest.raises(KrampInputError, match=r"`stimulus.amplitude`.*'mV'.*uA/cm2"):
        parse_quantity("10 mV", "uA/cm2", field="stimulus.amplitude")


def test_unknown_unit_and_garbage_are_rejected():
    with pytest.raises(KrampInputError, match="unknown unit 'furlong'"):
        parse_quantity("3 furlong", "mm", field="muscle.length")
    with pytest.raises(KrampInputError, match="number with a unit"):
        parse_quantity("ten mV", "mV", field="membrane.v_init")
    with pytest.raises(KrampInputError, match="finite"):
        parse_quantity(float("inf"), "mV", field="membrane.v_init")


def test_convert_round_trip():
    assert convert(convert(37.0, "degC", "K"), "K", "degC") == pytest.approx(37.0)
