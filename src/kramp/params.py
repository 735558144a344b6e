"""Parameter tables: every physiological number is one row with its unit, range and source.

A component module declares a :class:`ParameterTable`; the engine compiles tables into a Model's
arrays, the scenario layer validates overrides against them (unit and range), and the docs and
``kramp`` CLI list them. Kernels never contain a bare physiological constant.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np

from kramp.errors import KrampInputError, out_of_range
from kramp.units import is_known_unit, normalise_unit, parse_quantity


@dataclass(frozen=True)
class Param:
    """One parameter: a default value in a declared unit, its plausible range and its source.

    ``range`` is the physiologically plausible (or, for protocol settings, the technically allowed)
    closed interval; values outside it are rejected at the boundary with a message naming it.
    ``fitted_to`` names the validation targets the value was tuned to: for those targets the
    model's agreement is a calibration, not evidence (``kramp validate`` says so).
    """

    name: str
    value: float
    unit: str
    range: tuple[float, float]
    source: str
    meaning: str
    symbol: str = ""
    fitted_to: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not is_known_unit(self.unit):
            raise ValueError(f"parameter {self.name}: unit {self.unit!r} is not in kramp.units")
        object.__setattr__(self, "unit", normalise_unit(self.unit))
        low, high = self.range
        if not low <= self.value <= high:
            raise ValueError(f"parameter {self.name}: default {self.value} outside {self.range}")

    def coerce(self, raw: str | float | int, *, path: str | None = None) -> float:
        """Parse a user value (a number in the declared unit, or a quantity) and check its range."""
        where = path or self.name
        low, high = self.range
        try:
            value = parse_quantity(raw, self.unit, field=where)
        except KrampInputError as error:
            raise KrampInputError(f"{error}; allowed: [{low:g}, {high:g}] {self.unit}",
                                  field=where) from None
        if not low <= value <= high:
            shown = f"{value:g} {self.unit}"
            if isinstance(raw, str) and not _is_bare_number(raw):
                shown += f" (from '{raw.strip()}')"
            raise out_of_range(where, self.unit, low, high, shown)
        return value


def _is_bare_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Variable:
    """One state variable of a component: values ``[person, element]`` in ``unit``."""

    name: str
    unit: str
    meaning: str

    def __post_init__(self) -> None:
        if not is_known_unit(self.unit):
            raise ValueError(f"variable {self.name}: unit {self.unit!r} is not in kramp.units")


@dataclass(frozen=True)
class Port:
    """A component's input or output: ``events`` (spikes with times) or a ``signal`` (values
    per step of the component's clock)."""

    name: str
    kind: Literal["events", "signal"]
    unit: str
    meaning: str


def rows(names):
    """A named tuple mapping each name to its position: ``rows(("v", "m")).m == 1``.

    Kernels index packed arrays with it (``state[S.v_soma, j]``); Numba reads a module-level
    named tuple as constants, so the row order lives only in the declaration it was made from.
    """
    return namedtuple("Rows", names)(*range(len(names)))


def variable_rows(variables):
    """``rows`` of a tuple of :class:`Variable` declarations."""
    return rows([variable.name for variable in variables])


@dataclass(frozen=True)
class ParameterTable:
    """The parameters of one component (or of one protocol element), in declaration order."""

    component: str
    params: tuple[Param, ...]
    references: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = [p.name for p in self.params]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate parameter names in {self.component}")
        for p in self.params:
            if p.source not in self.references:
                raise ValueError(
                    f"{self.component}.{p.name}: source key {p.source!r} has no reference entry"
                )

    def __iter__(self) -> Iterator[Param]:
        return iter(self.params)

    def __contains__(self, name: object) -> bool:
        return any(p.name == name for p in self.params)

    def __getitem__(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KrampInputError(
            f"unknown parameter `{self.component}.{name}`; "
            f"known: {', '.join(self.component + '.' + p.name for p in self.params)}",
            field=f"{self.component}.{name}",
        )

    def defaults(self) -> dict[str, float]:
        return {p.name: p.value for p in self.params}

    def resolve(self, overrides: Mapping[str, str | float | int]) -> dict[str, float]:
        """Defaults with user overrides applied; each override is unit- and range-checked."""
        values = self.defaults()
        for name, raw in overrides.items():
            values[name] = self[name].coerce(raw, path=f"{self.component}.{name}")
        return values


def compile_tables(
    tables: tuple[ParameterTable, ...],
    values: Mapping[str, Mapping[str, object]] | None,
    shape: tuple[int, ...],
    *,
    model: str,
    axes: str,
) -> Mapping[str, Mapping[str, np.ndarray]]:
    """Every parameter of ``tables`` as a read-only float array of ``shape``, range-checked.

    ``values[component][name]`` overrides a default (in the declared unit) and may be a scalar
    or any array that broadcasts to ``shape`` (named ``axes`` in messages, e.g. "[person, unit]").
    Unknown components or names, misshaped arrays and out-of-range values raise
    :class:`KrampInputError` naming the field, its unit and its range.
    """
    values = values or {}
    known = [table.component for table in tables]
    for component in values:
        if component not in known:
            raise KrampInputError(f"unknown component `{component}` for model '{model}'; "
                                  f"known: {', '.join(known)}", field=component)
    compiled = {}
    for table in tables:
        given = values.get(table.component, {})
        for name in given:
            table[name]  # an unknown name raises the error that lists the known ones
        arrays = {}
        for param in table:
            path = f"{table.component}.{param.name}"
            raw = given.get(param.name, param.value)
            try:
                array = np.array(np.broadcast_to(np.asarray(raw, dtype=float), shape))
            except ValueError:
                raise KrampInputError(f"`{path}` must broadcast to {axes} = {list(shape)}, "
                                      f"got shape {list(np.shape(raw))}", field=path) from None
            low, high = param.range
            bad = ~((array >= low) & (array <= high))
            if bad.any():
                raise out_of_range(path, param.unit, low, high,
                                   f"{array[bad].flat[0]:g} {param.unit}")
            array.setflags(write=False)
            arrays[param.name] = array
        compiled[table.component] = MappingProxyType(arrays)
    return MappingProxyType(compiled)
