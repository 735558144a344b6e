"""Cohorts of virtual people from a CSV file: one row per person, one column per parameter.

A column is named by the parameter's path and the unit of its cells in brackets,
``motoneuron.e_k [mV]`` or ``drive.level [%]``; a dimensionless parameter may write ``[1]`` or
no brackets. Each cell is converted into the parameter's declared unit and checked against its
range, exactly as ``--set`` would check it, and a bad cell is reported with its row and column.
Parameters without a column keep the scenario's value for everyone. Where the membranes feel
the ions, ``fluids.<key>`` columns give each person their own body water, salts and blood (the
keys of a scenario's ``[fluids]``), from which their ions follow; such a cohort may not also set
those ions directly.
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
    if "ions" in tables:
        from kramp.physiology import fluids

        tables["fluids"] = fluids.SCENARIO
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
    _fluids_alone_set_their_ions(path, [c[0] for c in columns], scenario)
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


def _fluids_alone_set_their_ions(path: Path, columns: list[str], scenario: Scenario) -> None:
    """A cohort's ``fluids.*`` columns set each person's Na, K, Ca, Mg and pH: no column and no
    parameter of the scenario may set those too."""
    if not any(column.startswith("fluids.") for column in columns):
        return
    from kramp.physiology import fluids

    felt = set(fluids.membrane_ions())
    clash = sorted({c for c in columns if c.startswith("ions.") and c.split(".", 1)[1] in felt}
                   | {f"ions.{name}" for name in scenario.parameters.get("ions", {})
                      if name in felt})
    if clash:
        raise KrampInputError(f"{path}: `{clash[0]}` is set by the cohort's fluids.* columns; "
                              "allowed: leave it to them", field="--cohort")
