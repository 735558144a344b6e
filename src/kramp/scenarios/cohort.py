"""Cohorts of virtual people from a CSV file: one row per person, one column per parameter.

A column is named by the parameter's path and the unit of its cells in brackets,
``motoneuron.e_k [mV]`` or ``drive.level [%]``; a dimensionless parameter may write ``[1]`` or
no brackets. Each cell is converted into the parameter's declared unit and checked against its
range, exactly as ``--set`` would check it, and a bad cell is reported with its row and column.
Parameters without a column keep the scenario's value for everyone.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from kramp.errors import KrampInputError
from kramp.scenarios.schema import Scenario
from kramp.units import normalise_unit

_HEADER = re.compile(r"^\s*([A-Za-z0-9_]+\.[A-Za-z0-9_]+)\s*(?:\[\s*([^\]]*?)\s*\])?\s*$")


def read_cohort(path: Path, scenario: Scenario) -> dict[str, np.ndarray]:
    """Each column's values over persons (in the parameter's declared unit), by path."""
    field = "--cohort"
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise KrampInputError(f"cohort file '{path}' does not exist", field=field) from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise KrampInputError(f"cannot read cohort file '{path}': {error}", field=field) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise KrampInputError(f"{path}: a cohort needs a header row and at least one person",
                              field=field)
    tables = {table.component: table for table in scenario.tables()}
    columns = []
    for header in rows[0]:
        match = _HEADER.match(header)
        if not match:
            raise KrampInputError(f"{path}: column `{header}` must be `component.parameter "
                                  f"[unit]`, such as `motoneuron.e_k [mV]`", field=field)
        parameter_path, unit = match.group(1), match.group(2)
        component, name = parameter_path.split(".", 1)
        if component not in tables:
            raise KrampInputError(f"{path}: unknown component in column `{header}`; known: "
                                  f"{', '.join(tables)}", field=field)
        param = tables[component][name]
        if unit is None:
            if param.unit != "1":
                raise KrampInputError(
                    f"{path}: column `{header}` needs its unit in brackets, such as "
                    f"`{parameter_path} [{param.unit}]`", field=field)
            unit = "1"
        if parameter_path in [c[0] for c in columns]:
            raise KrampInputError(f"{path}: column `{parameter_path}` appears twice",
                                  field=field)
        columns.append((parameter_path, param, unit, header))
    values = {parameter_path: np.empty(len(rows) - 1) for parameter_path, *_ in columns}
    for r, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns):
            raise KrampInputError(f"{path}: row {r} has {len(row)} cells, the header "
                                  f"{len(columns)}", field=field)
        for (parameter_path, param, unit, header), cell in zip(columns, row, strict=True):
            where = f"{path} row {r}, column `{header}`"
            text = cell.strip()
            try:
                float(text)
            except ValueError:
                raise KrampInputError(f"{where}: `{text}` is not a number; allowed: "
                                      f"[{param.range[0]:g}, {param.range[1]:g}] {param.unit}",
                                      field=field) from None
            quantity = text if normalise_unit(unit) == "1" else f"{text} {unit}"
            try:
                values[parameter_path][r - 2] = param.coerce(quantity, path=parameter_path)
            except KrampInputError as error:
                raise KrampInputError(f"{where}: {error}", field=field) from None
    return values
