"""Finding scenarios (the bundled library or a user's file) and overriding their values.

A scenario is found by its id, by its Swedish or English name (any case), or by a path to a
``.toml`` file; every source goes through the same schema. A scenario may be ``based_on`` a
bundled one: it is that scenario's document with its own tables merged in (its values win) and
its own protocol steps added after the base's, so a variant states only what differs.
``--set PATH=VALUE`` overrides are applied to the scenario's document and validated again, so they
obey exactly the rules of a file.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from kramp.errors import KrampInputError
from kramp.scenarios.schema import Scenario, validate_scenario

LIBRARY = resources.files("kramp.scenarios") / "library"


def list_scenarios() -> list[Scenario]:
    """The bundled scenarios, sorted by id."""
    files = [entry for entry in LIBRARY.iterdir() if entry.name.endswith(".toml")]
    scenarios = [_parse(entry.read_text(encoding="utf-8"), source=entry.name) for entry in files]
    return sorted(scenarios, key=lambda scenario: scenario.id)


def load_scenario(name_or_path: str | os.PathLike[str]) -> Scenario:
    """A bundled scenario by id or name (Swedish or English, any case), or a ``.toml`` file."""
    if isinstance(name_or_path, os.PathLike) or _looks_like_path(name_or_path):
        return read_scenario_file(Path(name_or_path))
    wanted = name_or_path.strip().casefold()
    scenarios = list_scenarios()
    for scenario in scenarios:
        if wanted in {label.casefold() for label in _labels(scenario)}:
            return scenario
    raise _unknown_scenario(name_or_path, scenarios)


def read_scenario_file(path: Path) -> Scenario:
    """Read and validate a user's scenario file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KrampInputError(f"scenario file '{path}' does not exist", field="scenario") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise KrampInputError(f"cannot read scenario file '{path}': {reason}",
                              field="scenario") from None
    return _parse(text, source=str(path))


def settable_paths(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Each path ``--set`` accepts, mapped to where it lives in the scenario's document."""
    paths: dict[str, tuple[str, ...]] = {key: (key,) for key in ("duration", "seed", "trial", "dt")}
    paths["recording.spike_threshold"] = ("recording", "spike_threshold")
    for table in scenario.tables():
        for param in table:
            paths[f"{table.component}.{param.name}"] = ("parameters", table.component, param.name)
    if "ions" in {table.component for table in scenario.tables()}:
        from kramp.physiology import fluids

        for param in fluids.SCENARIO:
            paths[f"fluids.{param.name}"] = ("fluids", param.name)
    if scenario.cramp_threshold_protocol is not None:
        for name in scenario.cramp_threshold_protocol.to_document():
            paths[f"cramp_threshold_protocol.{name}"] = ("cramp_threshold_protocol", name)
    return paths


def apply_overrides(scenario: Scenario, assignments: Iterable[str]) -> Scenario:
    """A new scenario with ``PATH=VALUE`` assignments applied, such as ``stimulus.amplitude=20``.

    PATH is ``<component>.<parameter>``, ``recording.<key>``, ``cramp_threshold_protocol.<key>``
    (where the scenario has one), ``fluids.<key>`` (where its membranes feel the ions),
    ``duration``, ``seed``, ``trial`` or ``dt``.
    VALUE is read as a TOML value where it is one (``20``, ``true``) and as text otherwise
    (``20 uA/cm2``), so a bare number takes the parameter's declared unit and a quantity is
    converted from its own.
    """
    paths = settable_paths(scenario)
    changes: dict[tuple[str, ...], Any] = {}
    for assignment in assignments:
        path, equals, value = (part.strip() for part in assignment.partition("="))
        if not equals or not path:
            raise KrampInputError(
                f"`--set {assignment}` must be PATH=VALUE, such as --set stimulus.amplitude=20",
                field="--set")
        if path not in paths:
            raise _unknown_path(path, list(paths))
        changes[paths[path]] = _toml_value(value)
    return scenario.updated(changes) if changes else scenario


def reset_by_protocol(scenario: Scenario, assignments: Iterable[str]) -> dict[str, list[float]]:
    """Of the ``PATH=VALUE`` assignments, the parameters a protocol step of ``scenario`` sets
    again within its duration, each with the times (ms) it does: there the step's value replaces
    the assigned one, which holds only until the first of them."""
    stepped: dict[str, list[float]] = {}
    for step in scenario.steps:
        if step.at_ms >= scenario.duration_ms:
            continue  # the run ends before it
        for path in step.set:
            stepped.setdefault(path, []).append(step.at_ms)
    paths = (assignment.partition("=")[0].strip() for assignment in assignments)
    return {path: stepped[path] for path in paths if path in stepped}


def _parse(text: str, *, source: str) -> Scenario:
    return validate_scenario(_with_base(_document(text, source=source)), source=source)


def _document(text: str, *, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # The decoder's message ends with "(at line L, column C)".
        raise KrampInputError(f"{source}: malformed TOML: {error}", field="scenario") from None


def _with_base(document: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """The document merged onto the bundled scenario it is ``based_on`` (module doc)."""
    base_id = document.get("based_on")
    if base_id is None:
        return document
    documents = {doc.get("id"): doc for doc in (
        _document(entry.read_text(encoding="utf-8"), source=entry.name)
        for entry in LIBRARY.iterdir() if entry.name.endswith(".toml"))}
    if base_id not in documents or depth > 4 or base_id == document.get("id"):
        raise KrampInputError(f"`based_on` must name a bundled scenario, got {base_id!r}; "
                              f"known: {', '.join(sorted(map(str, documents)))}",
                              field="based_on")
    merged = _merge(_with_base(documents[base_id], depth + 1), document)
    merged.pop("based_on")
    return merged


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        elif key == "protocol":
            merged[key] = [*base.get(key, []), *value]
        else:
            merged[key] = value
    return merged


def _looks_like_path(text: str) -> bool:
    return text.endswith(".toml") or "/" in text or os.sep in text


def _labels(scenario: Scenario) -> tuple[str, str, str]:
    return scenario.id, scenario.name.sv, scenario.name.en


def _unknown_scenario(name: str, scenarios: list[Scenario]) -> KrampInputError:
    id_of_label = {label.casefold(): scenario.id
                   for scenario in scenarios for label in _labels(scenario)}
    close = difflib.get_close_matches(name.strip().casefold(), list(id_of_label), n=3)
    suggested = list(dict.fromkeys(id_of_label[label] for label in close))
    hint = (f"did you mean: {', '.join(suggested)}?" if suggested
            else f"known: {', '.join(scenario.id for scenario in scenarios)}")
    return KrampInputError(f"unknown scenario '{name}'; {hint} (see `kramp scenarios`)",
                           field="scenario")


def _unknown_path(path: str, known: list[str]) -> KrampInputError:
    close = difflib.get_close_matches(path, known, n=3, cutoff=0.8)
    hint = f"did you mean: {', '.join(close)}? " if close else ""
    return KrampInputError(f"unknown `--set` path `{path}`; {hint}known: {', '.join(known)}",
                           field=path)


def _toml_value(text: str) -> Any:
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text
