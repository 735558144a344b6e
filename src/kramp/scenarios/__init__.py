"""Scenarios as data: TOML files validated by a schema, found by id or name, run into Results.

``load_scenario("squid-axon")`` → :class:`Scenario`; ``apply_overrides`` for ``--set``;
``run`` → a Result ``xarray.Dataset``; ``summarise`` → the numbers ``kramp run`` reports.
"""

from kramp.scenarios.loader import (
    apply_overrides,
    list_scenarios,
    load_scenario,
    read_scenario_file,
    settable_paths,
)
from kramp.scenarios.runner import build, resting_potential_mV, run, summarise
from kramp.scenarios.schema import Scenario, validate_scenario

__all__ = [
    "Scenario",
    "apply_overrides",
    "build",
    "list_scenarios",
    "load_scenario",
    "read_scenario_file",
    "resting_potential_mV",
    "run",
    "settable_paths",
    "summarise",
    "validate_scenario",
]
