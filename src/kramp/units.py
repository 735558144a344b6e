"""Units at the boundary: parse "10 uA/cm2" into a float in kramp's internal unit.

Inside kramp one consistent unit system is used (mV, ms, µA/cm², mS/cm², µF/cm², mM, °C, nA, µS,
nF, mN, mm); every array name carries its unit as a suffix. Units are parsed and checked only where
scenario files, ``--set`` values and API arguments come in, never inside a kernel.

Each internal unit belongs to a *dimension*; any unit of the same dimension is accepted and
converted as ``internal = value * scale + offset``.
"""

from __future__ import annotations

import math
import re

from kramp.errors import KrampInputError

# unit -> (dimension, scale, offset) such that value_in_internal = value * scale + offset.
# The internal unit of each dimension has scale 1 and offset 0.
_UNITS: dict[str, tuple[str, float, float]] = {
    # voltage (internal mV)
    "mV": ("voltage", 1.0, 0.0),
    "V": ("voltage", 1e3, 0.0),
    "uV": ("voltage", 1e-3, 0.0),
    # time (internal ms)
    "ms": ("time", 1.0, 0.0),
    "s": ("time", 1e3, 0.0),
    "us": ("time", 1e-3, 0.0),
    "min": ("time", 60e3, 0.0),
    "h": ("time", 3600e3, 0.0),
    "day": ("time", 86400e3, 0.0),
    "year": ("time", 365.25 * 86400e3, 0.0),
    # membrane current density (internal µA/cm²)
    "uA/cm2": ("current_density", 1.0, 0.0),
    "mA/cm2": ("current_density", 1e3, 0.0),
    "nA/cm2": ("current_density", 1e-3, 0.0),
    "A/m2": ("current_density", 100.0, 0.0),
    # membrane conductance density (internal mS/cm²)
    "mS/cm2": ("conductance_density", 1.0, 0.0),
    "S/cm2": ("conductance_density", 1e3, 0.0),
    "uS/cm2": ("conductance_density", 1e-3, 0.0),
    "S/m2": ("conductance_density", 0.1, 0.0),
    # specific capacitance (internal µF/cm²)
    "uF/cm2": ("capacitance_density", 1.0, 0.0),
    "F/m2": ("capacitance_density", 100.0, 0.0),
    # current (internal nA)
    "nA": ("current", 1.0, 0.0),
    "pA": ("current", 1e-3, 0.0),
    "uA": ("current", 1e3, 0.0),
    "mA": ("current", 1e6, 0.0),
    # conductance (internal µS)
    "uS": ("conductance", 1.0, 0.0),
    "nS": ("conductance", 1e-3, 0.0),
    "mS": ("conductance", 1e3, 0.0),
    # capacitance (internal nF, so that nF/µS = ms)
    "nF": ("capacitance", 1.0, 0.0),
    "pF": ("capacitance", 1e-3, 0.0),
    "uF": ("capacitance", 1e3, 0.0),
    # concentration (internal mM = mmol/L)
    "mM": ("concentration", 1.0, 0.0),
    "mmol/L": ("concentration", 1.0, 0.0),
    "M": ("concentration", 1e3, 0.0),
    "uM": ("concentration", 1e-3, 0.0),
    "nM": ("concentration", 1e-6, 0.0),
    # temperature (internal °C)
    "degC": ("temperature", 1.0, 0.0),
    "K": ("temperature", 1.0, -273.15),
    # length (internal mm; µm for small structures is written explicitly in names)
    "mm": ("length", 1.0, 0.0),
    "um": ("length", 1e-3, 0.0),
    "cm": ("length", 10.0, 0.0),
    "m": ("length", 1e3, 0.0),
    # axial (cytoplasmic) resistivity (internal Ω·cm)
    "ohm*cm": ("resistivity", 1.0, 0.0),
    "ohm*m": ("resistivity", 100.0, 0.0),
    # velocity (internal m/s, equal to mm/ms)
    "m/s": ("velocity", 1.0, 0.0),
    "mm/ms": ("velocity", 1.0, 0.0),
    # frequency (internal Hz)
    "Hz": ("frequency", 1.0, 0.0),
    "1/s": ("frequency", 1.0, 0.0),
    # force (internal mN)
    "mN": ("force", 1.0, 0.0),
    "N": ("force", 1e3, 0.0),
    "kN": ("force", 1e6, 0.0),
    # impulse rate of a sensory ending or a neuron (internal Hz)
    "pps": ("frequency", 1.0, 0.0),
    # joint angle (internal degrees) and angular velocity (internal °/s)
    "deg": ("angle", 1.0, 0.0),
    "rad": ("angle", 180.0 / 3.141592653589793, 0.0),
    "deg/s": ("angular_velocity", 1.0, 0.0),
    "rad/s": ("angular_velocity", 180.0 / 3.141592653589793, 0.0),
    "deg/s2": ("angular_acceleration", 1.0, 0.0),
    # torque (internal N·m), joint stiffness and damping, moment of inertia
    "N*m": ("torque", 1.0, 0.0),
    "N*m/rad": ("rotational_stiffness", 1.0, 0.0),
    "N*m*s/rad": ("rotational_damping", 1.0, 0.0),
    "kg*m2": ("moment_of_inertia", 1.0, 0.0),
    # tendon stiffness (internal N/mm)
    "N/mm": ("stiffness", 1.0, 0.0),
    # body fluids (internal: kg, L, mmol, mOsm/kg; a litre of body water weighs a kilogram)
    "kg": ("mass", 1.0, 0.0),
    "g": ("mass", 1e-3, 0.0),
    "L": ("volume", 1.0, 0.0),
    "mL": ("volume", 1e-3, 0.0),
    "mmol": ("amount", 1.0, 0.0),
    "mmol/kg": ("amount_per_mass", 1.0, 0.0),
    "mOsm/kg": ("osmolality", 1.0, 0.0),
    # slow-clock rates (internal L/h and mmol/day)
    "L/h": ("volume_rate", 1.0, 0.0),
    "mL/min": ("volume_rate", 0.06, 0.0),
    "L/day": ("volume_rate", 1.0 / 24.0, 0.0),
    "mmol/day": ("amount_rate", 1.0, 0.0),
    "mmol/h": ("amount_rate", 24.0, 0.0),
    # blood gases (internal mmHg) and plasma proteins (internal g/L)
    "mmHg": ("pressure", 1.0, 0.0),
    "kPa": ("pressure", 7.500617, 0.0),
    "g/L": ("mass_concentration", 1.0, 0.0),
    "g/dL": ("mass_concentration", 10.0, 0.0),
    # blood flow per mass of tissue (internal mL/min per 100 g)
    "mL/min/100g": ("perfusion", 1.0, 0.0),
    # biological activity of a toxin preparation (botulinum toxin: mouse LD50 units)
    "U": ("toxin_activity", 1.0, 0.0),
    # dimensionless fractions (internal: plain number, 1 = 100 %)
    "1": ("dimensionless", 1.0, 0.0),
    "%": ("dimensionless", 0.01, 0.0),
}

_ALIASES = {
    "µ": "u",
    "μ": "u",
    "²": "2",
    "^2": "2",
    "°C": "degC",
    "Ω": "ohm",
    "·": "*",
    "celsius": "degC",
    "mmol/l": "mmol/L",
    "sec": "s",
}

_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def normalise_unit(unit: str) -> str:
    """Spell a unit the way the table does: ``µA/cm²`` → ``uA/cm2``, ``°C`` → ``degC``."""
    text = unit.strip().replace(" ", "")
    for old, new in _ALIASES.items():
        text = text.replace(old, new)
    return text


def dimension_of(unit: str) -> str:
    """The physical dimension a (normalised) unit belongs to."""
    return _UNITS[normalise_unit(unit)][0]


def is_known_unit(unit: str) -> bool:
    return normalise_unit(unit) in _UNITS


def convert(value: float, from_unit: str, to_unit: str, *, field: str = "value") -> float:
    """Convert a number between two units of the same dimension."""
    src, dst = normalise_unit(from_unit), normalise_unit(to_unit)
    if src not in _UNITS:
        raise KrampInputError(
            f"`{field}`: unknown unit '{from_unit}'; expected a unit of "
            f"{_UNITS[dst][0]} such as {dst}",
            field=field,
        )
    dim_src, scale_src, offset_src = _UNITS[src]
    dim_dst, scale_dst, offset_dst = _UNITS[dst]
    if dim_src != dim_dst:
        raise KrampInputError(
            f"`{field}`: unit '{from_unit}' is a {dim_src}, but {dst} ({dim_dst}) is expected",
            field=field,
        )
    internal = value * scale_src + offset_src
    return (internal - offset_dst) / scale_dst


def parse_quantity(text: str | float | int, unit: str, *, field: str = "value") -> float:
    """Read ``"10 uA/cm2"`` (or a bare number, taken in ``unit``) as a float in ``unit``.

    ``unit`` is the declared unit of the field; a quantity given in any other unit of the same
    dimension is converted. A bare number is taken to be in the declared unit.
    """
    if isinstance(text, bool):
        raise KrampInputError(f"`{field}` must be a number in {unit}, got {text!r}", field=field)
    if isinstance(text, int | float):
        number, given_unit = float(text), ""
    else:
        match = _QUANTITY.match(str(text))
        if match is None:
            raise KrampInputError(
                f"`{field}` must be a number with a unit such as '1.5 {unit}', got {text!r}",
                field=field,
            )
        number, given_unit = float(match.group(1)), match.group(2)
    if not math.isfinite(number):
        raise KrampInputError(f"`{field}` must be a finite number in {unit}, got {text!r}",
                              field=field)
    if given_unit == "":
        return number
    return convert(number, given_unit, unit, field=field)
