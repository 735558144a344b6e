"""The scenario schema: what a scenario TOML file may say, validated and converted in one place.

A scenario file looks like this (every value with a unit may also be given in another unit of the
same dimension; a bare number is taken in the parameter's declared unit)::

    id = "squid-axon"
    model = "hh_membrane"
    duration = "100 ms"          # a unit is required: "100 ms" or "0.1 s"
    seed = 0                     # optional, default 0
    dt = "0.025 ms"              # optional

    [name]
    sv = "bläckfiskaxon"
    en = "squid axon"

    [description]
    sv = "…one line…"
    en = "…one line…"

    [recording]                  # optional
    voltage = true               # record V of every neuron
    voltage_interval = "0.1 ms"  # a multiple of dt
    spike_threshold = "0 mV"

    [parameters.stimulus]        # any ParameterTable of the model kind
    amplitude = "10 uA/cm2"

Units are parsed only here. A validated :class:`Scenario` holds plain floats in kramp's internal
units, in fields whose names end in that unit (``duration_ms``); its parameters are in the units
their tables declare. Every problem is reported as one :class:`~kramp.errors.KrampInputError`
whose message names the field, its unit and its allowed range.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from kramp.engine.kinds import KINDS, ModelKind
from kramp.engine.model import DEFAULT_DT_MS, DT_RANGE_MS
from kramp.engine.simulate import MAX_DURATION_MS
from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.units import parse_quantity

# Settings of a run rather than physiology: their ranges are what the engine accepts.
DT = Param("dt", DEFAULT_DT_MS, "ms", DT_RANGE_MS, "protocol", "integration time step")
VOLTAGE_INTERVAL = Param("voltage_interval", 0.1, "ms", (DT_RANGE_MS[0], 1000.0), "protocol",
                         "time between two recorded samples of V")
SPIKE_THRESHOLD = Param("spike_threshold", 0.0, "mV", (-100.0, 100.0), "protocol",
                        "a spike is an upward crossing of this potential")

# The seed is stored as a NetCDF int64 attribute.
MAX_SEED = 2**63 - 1

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _with_unit(value: float, unit: str) -> str:
    """``20.0`` → ``"20.0 uA/cm2"``; repr keeps every digit, so the text validates back exactly."""
    return f"{value!r} {unit}"


def _setting(param: Param, path: str) -> Any:
    """A float field read with ``param``'s unit and range and written back with its unit."""
    return Annotated[
        float,
        BeforeValidator(lambda raw: param.coerce(raw, path=path)),
        PlainSerializer(lambda value: _with_unit(value, param.unit)),
    ]


def _duration_ms(raw: object) -> float:
    # A bare number is refused: "100" could mean 100 ms or 100 s, and the difference is large.
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise KrampInputError(
            f'`duration` needs a unit, such as "100 ms" or "2 s"; got {raw!r}', field="duration")
    duration_ms = parse_quantity(raw, "ms", field="duration")
    if not 0.0 < duration_ms <= MAX_DURATION_MS:
        raise KrampInputError(
            f"`duration` must be in (0, {MAX_DURATION_MS / 1e3:g}] s, got {duration_ms / 1e3:g} s",
            field="duration")
    return duration_ms


def _seed(raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_SEED:
        raise KrampInputError(f"`seed` must be a whole number in [0, 2^63 − 1], got {raw!r}",
                              field="seed")
    return raw


def _component(kind: ModelKind, name: str) -> ParameterTable:
    for table in kind.components:
        if table.component == name:
            return table
    raise KrampInputError(
        f"unknown component `parameters.{name}` for model '{kind.name}'; known: "
        f"{', '.join(table.component for table in kind.components)}",
        field=f"parameters.{name}")


DurationMs = Annotated[float, BeforeValidator(_duration_ms),
                      PlainSerializer(lambda value: _with_unit(value, "ms"))]
Seed = Annotated[int, BeforeValidator(_seed)]
DtMs = _setting(DT, "dt")
VoltageIntervalMs = _setting(VOLTAGE_INTERVAL, "recording.voltage_interval")
SpikeThresholdMV = _setting(SPIKE_THRESHOLD, "recording.spike_threshold")


class _Table(BaseModel):
    """A TOML table: unknown keys are errors, and nothing changes after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalisedText(_Table):
    """One line of text in Swedish and in English."""

    sv: str
    en: str

    @field_validator("sv", "en")
    @classmethod
    def _one_line(cls, text: str) -> str:
        if not text.strip() or "\n" in text:
            raise ValueError(f"must be one non-empty line of text, got {text!r}")
        return text.strip()

    def get(self, language: str) -> str:
        return {"sv": self.sv, "en": self.en}[language]


class Recording(_Table):
    """What the run observes: V at a fixed interval (or not at all) and spike times."""

    voltage: bool = True
    voltage_interval_ms: VoltageIntervalMs = Field(VOLTAGE_INTERVAL.value,
                                                   alias="voltage_interval")
    spike_threshold_mV: SpikeThresholdMV = Field(SPIKE_THRESHOLD.value, alias="spike_threshold")


class Scenario(_Table):
    """A validated scenario: a model kind, parameter overrides, a duration and a seed.

    ``parameters[component][name]`` holds only the values the scenario sets, each in the unit of
    its parameter table; every other parameter keeps its table default.
    """

    id: str
    model: str
    name: LocalisedText
    description: LocalisedText
    duration_ms: DurationMs = Field(alias="duration")
    seed: Seed = 0
    dt_ms: DtMs = Field(DT.value, alias="dt")
    recording: Recording = Field(default_factory=Recording)
    parameters: dict[str, dict[str, float]] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _slug(cls, text: str) -> str:
        if not _SLUG.match(text):
            raise ValueError(f"must be a lowercase slug such as 'squid-axon', got {text!r}")
        return text

    @field_validator("model")
    @classmethod
    def _known_kind(cls, name: str) -> str:
        if name not in KINDS:
            raise ValueError(f"must be one of: {', '.join(KINDS)}; got {name!r}")
        return name

    @field_validator("parameters", mode="before")
    @classmethod
    def _coerce_parameters(cls, raw: object, info: ValidationInfo) -> object:
        if "model" not in info.data:
            # The model kind failed validation and has been reported; without it there are no
            # parameter tables to check against, and guessing would only add noise.
            return {}
        kind = KINDS[info.data["model"]]
        if not isinstance(raw, Mapping):
            raise ValueError("must hold one table per component, such as [parameters.stimulus]")
        coerced = {}
        for component, values in raw.items():
            table = _component(kind, component)
            if not isinstance(values, Mapping):
                raise KrampInputError(
                    f"`parameters.{component}` must be a table of name = value, such as "
                    f'{table.params[0].name} = "{table.params[0].value:g} {table.params[0].unit}"',
                    field=f"parameters.{component}")
            coerced[component] = {
                name: table[name].coerce(value, path=f"{component}.{name}")
                for name, value in values.items()
            }
        return coerced

    @model_validator(mode="after")
    def _interval_is_a_whole_number_of_steps(self) -> Scenario:
        interval, dt = self.recording.voltage_interval_ms, self.dt_ms
        steps = round(interval / dt)
        if self.recording.voltage and (steps < 1 or not math.isclose(steps * dt, interval,
                                                                     rel_tol=1e-9)):
            raise KrampInputError(
                f"`recording.voltage_interval` must be a whole multiple of dt = {dt:g} ms, "
                f"got {interval:g} ms", field="recording.voltage_interval")
        return self

    @field_serializer("parameters")
    def _parameters_with_units(self, parameters: dict[str, dict[str, float]]) -> dict:
        kind = KINDS[self.model]
        return {
            component: {name: _with_unit(value, _component(kind, component)[name].unit)
                        for name, value in values.items()}
            for component, values in parameters.items()
        }

    def to_document(self) -> dict[str, Any]:
        """The scenario shaped like its TOML file, with units written out; it validates back."""
        return self.model_dump(by_alias=True)

    def to_json(self) -> str:
        return json.dumps(self.to_document(), ensure_ascii=False)

    def updated(self, changes: Mapping[tuple[str, ...], object]) -> Scenario:
        """A new scenario with entries of its document replaced, validated as a file would be.

        ``changes`` maps a key path in the document, such as ``("parameters", "stimulus",
        "amplitude")``, to a raw value (``20`` or ``"20 uA/cm2"``).
        """
        document = self.to_document()
        for keys, value in changes.items():
            table = document
            for key in keys[:-1]:
                table = table.setdefault(key, {})
            table[keys[-1]] = value
        return validate_scenario(document)


def validate_scenario(document: Mapping[str, Any], *, source: str | None = None) -> Scenario:
    """Validate a scenario document (parsed TOML); ``source`` names the file in messages."""
    try:
        return Scenario.model_validate(document)
    except ValidationError as error:
        problems = [_describe(problem) for problem in error.errors()]
        message = problems[0]
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more)"
        if source:
            message = f"{source}: {message}"
        raise KrampInputError(message, field=_field_of(error.errors()[0])) from None


def _field_of(problem: Mapping[str, Any]) -> str:
    cause = problem.get("ctx", {}).get("error")
    if isinstance(cause, KrampInputError) and cause.field:
        return cause.field
    return ".".join(str(key) for key in problem["loc"])


def _describe(problem: Mapping[str, Any]) -> str:
    """One pydantic problem as one line that starts from the field's dotted path."""
    path = ".".join(str(key) for key in problem["loc"])
    cause = problem.get("ctx", {}).get("error")
    if isinstance(cause, KrampInputError):
        return str(cause)
    if isinstance(cause, ValueError):
        return f"`{path}` {cause}"
    if problem["type"] == "extra_forbidden":
        return f"unknown key `{path}`; allowed here: {', '.join(_allowed_keys(problem['loc']))}"
    if problem["type"] == "missing":
        return f"`{path}` is required"
    return f"`{path}`: {problem['msg']}"


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys of the table that ``loc`` points into, as a scenario file spells them."""
    table: type[BaseModel] = Scenario
    for key in loc[:-1]:
        table = next(info.annotation for name, info in table.model_fields.items()
                     if (info.alias or name) == key)
    return [info.alias or name for name, info in table.model_fields.items()]
