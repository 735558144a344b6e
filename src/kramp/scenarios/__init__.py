"""Scenarios as data: TOML files validated by a schema, found by id or name, run into Results.

``load_scenario("squid-axon")`` → :class:`Scenario`; ``apply_overrides`` for ``--set`` (and
``reset_by_protocol``: what a protocol step sets again);
``read_cohort`` for ``--cohort``; ``run`` → a Result ``xarray.Dataset`` and the final State;
``summarise`` → the numbers ``kramp run`` reports.
"""

from kramp.scenarios.cohort import read_cohort
from kramp.scenarios.loader import (
    apply_overrides,
    list_scenarios,
    load_scenario,
    read_scenario_file,
    reset_by_protocol,
    settable_paths,
)
from kramp.scenarios.runner import (
    build,
    load_state,
    resting_potential_mV,
    run,
    state_file,
    summarise,
)
from kramp.scenarios.schema import Scenario, validate_scenario

__all__ = [
    "Scenario",
    "apply_overrides",
    "build",
    "list_scenarios",
    "load_scenario",
    "load_state",
    "read_cohort",
    "read_scenario_file",
    "reset_by_protocol",
    "resting_potential_mV",
    "run",
    "settable_paths",
    "state_file",
    "summarise",
    "validate_scenario",
]
