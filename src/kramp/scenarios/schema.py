"""The scenario schema: what a scenario TOML file may say, validated and converted in one place.

A scenario file looks like this (every value with a unit may also be given in another unit of the
same dimension; a bare number is taken in the parameter's declared unit)::

    id = "squid-axon"
    model = "hh_membrane"
    duration = "100 ms"          # a unit is required: "100 ms" or "0.1 s"
    seed = 0                     # optional, default 0
    trial = 0                    # optional, default 0: a repetition on the same people
    dt = "0.025 ms"              # optional

    [name]
    sv = "bläckfiskaxon"
    en = "squid axon"

    [description]
    sv = "…one line…"
    en = "…one line…"

    [recording]                  # optional
    spike_threshold = "0 mV"     # single membranes: a spike is an upward crossing of this

    [recording.membrane.v]       # record any state variable <component>.<variable> ...
    interval = "0.1 ms"          # ... every interval (a whole number of its component's step)
    units = [0, 2]               # ... of these elements only (default: all)

    [parameters.stimulus]        # any ParameterTable of the model kind
    amplitude = "10 uA/cm2"

    [[protocol]]                 # optional: parameters that step to new values during the run
    at = "2 s"
    set = { "stimulus.amplitude" = "20 uA/cm2" }

A scenario that stimulates a nerve may instead give its trains as the cramp-threshold-frequency
protocol (``[cramp_threshold_protocol]``: trains of rising frequency, stopped at the first one a
cramp follows; :class:`CrampThresholdProtocol`), which sets the ``stimulation`` table's
``first_pulse``, ``frequency`` and ``pulse_count`` itself.

A ``motor_pool`` scenario also lists the muscles its people have (``muscles = ["calf"]``, groups
allowed; default: the calf), and its parameters may set each muscle's table
(``[parameters.soleus]``).

Units are parsed only here. A validated :class:`Scenario` holds plain floats in kramp's internal
units, in fields whose names end in that unit (``duration_ms``); its parameters are in the units
their tables declare. Every problem is reported as one :class:`~kramp.errors.KrampInputError`
whose message names the field, its unit and its allowed range.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
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

from kramp.engine.kinds import DEFAULT_DT_MS, DT_RANGE_MS, KINDS, Kind
from kramp.engine.simulate import MAX_DURATION_MS
from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.physiology import muscles as muscle_tables
from kramp.units import parse_quantity

# Settings of a run rather than physiology: their ranges are what the engine accepts.
DT = Param("dt", DEFAULT_DT_MS, "ms", DT_RANGE_MS, "protocol", "integration time step")
RECORD_INTERVAL = Param("interval", 0.1, "ms", (DT_RANGE_MS[0], 1000.0), "protocol",
                        "time between two recorded samples of a state variable")
STEP_TIME = Param("at", 0.0, "ms", (0.0, MAX_DURATION_MS), "protocol",
                  "time at which a protocol step sets its values")
SPIKE_THRESHOLD = Param("spike_threshold", 0.0, "mV", (-100.0, 100.0), "protocol",
                        "a spike is an upward crossing of this potential")
# The cramp-threshold-frequency protocol's settings (its defaults: the trains of Miller & Knight
# 2009 and Minetto et al. 2011, 2 s long instead of 150 pulses to keep a run short).
FIRST_TRAIN = Param("first_train", 1000.0, "ms", (0.0, MAX_DURATION_MS), "protocol",
                    "time the first train of the cramp-threshold protocol begins")
START_FREQUENCY = Param("start_frequency", 4.0, "Hz", (0.5, 200.0), "protocol",
                        "pulse rate of the protocol's first train")
FREQUENCY_STEP = Param("frequency_step", 2.0, "Hz", (0.1, 100.0), "protocol",
                       "rise of the pulse rate from one train to the next")
HIGHEST_FREQUENCY = Param("highest_frequency", 30.0, "Hz", (0.5, 200.0), "protocol",
                          "pulse rate of the last train given when no cramp comes")
TRAIN_DURATION = Param("train_duration", 2000.0, "ms", (1.0, 60_000.0), "protocol",
                       "length of each train")
REST = Param("rest", 3000.0, "ms", (0.0, 600_000.0), "protocol",
             "time from one train's end to the next one's start")

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


def _stream_key(name: str) -> Callable[[object], int]:
    """The check of ``seed`` or ``trial``: a whole number that seeds random streams."""
    def check(raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_SEED:
            raise KrampInputError(
                f"`{name}` must be a whole number in [0, 2^63 − 1], got {raw!r}", field=name)
        return raw
    return check


def _component(tables: tuple[ParameterTable, ...], kind: str, name: str,
               where: str = "parameters") -> ParameterTable:
    for table in tables:
        if table.component == name:
            return table
    raise KrampInputError(
        f"unknown component `{where}.{name}` for model '{kind}'; known: "
        f"{', '.join(table.component for table in tables)}", field=f"{where}.{name}")


def kind_tables(kind: Kind, muscles: list[str] | None) -> tuple[ParameterTable, ...]:
    """The tables a scenario of ``kind`` with these muscles may set."""
    if kind.default_muscles:
        return kind.tables(muscle_tables.expand(muscles or kind.default_muscles))
    return kind.tables(())


DurationMs = Annotated[float, BeforeValidator(_duration_ms),
                      PlainSerializer(lambda value: _with_unit(value, "ms"))]
Seed = Annotated[int, BeforeValidator(_stream_key("seed"))]
Trial = Annotated[int, BeforeValidator(_stream_key("trial"))]
DtMs = _setting(DT, "dt")
SpikeThresholdMV = _setting(SPIKE_THRESHOLD, "recording.spike_threshold")
FirstTrainMs = _setting(FIRST_TRAIN, "cramp_threshold_protocol.first_train")
StartFrequencyHz = _setting(START_FREQUENCY, "cramp_threshold_protocol.start_frequency")
FrequencyStepHz = _setting(FREQUENCY_STEP, "cramp_threshold_protocol.frequency_step")
HighestFrequencyHz = _setting(HIGHEST_FREQUENCY, "cramp_threshold_protocol.highest_frequency")
TrainDurationMs = _setting(TRAIN_DURATION, "cramp_threshold_protocol.train_duration")
RestMs = _setting(REST, "cramp_threshold_protocol.rest")


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


class VariableRecording(_Table):
    """One recorded state variable: every ``interval`` for the given elements (None: all)."""

    interval_ms: float = Field(RECORD_INTERVAL.value, alias="interval")
    units: tuple[int, ...] | None = None

    @field_validator("units")
    @classmethod
    def _indices(cls, units: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if units is not None and (not units or min(units) < 0):
            raise ValueError(f"must be a non-empty list of element indices ≥ 0, got "
                             f"{list(units)}")
        return units


class Recording(_Table):
    """What the run observes besides its outputs: spikes of single membranes at a threshold,
    and state variables (``variables["motoneuron.v_soma"]``)."""

    spike_threshold_mV: SpikeThresholdMV = Field(SPIKE_THRESHOLD.value, alias="spike_threshold")
    variables: dict[str, VariableRecording] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _nested_tables(cls, raw: object) -> object:
        """``[recording.<component>.<variable>]`` tables become ``variables`` entries."""
        if not isinstance(raw, Mapping):
            return raw
        flat = {key: value for key, value in raw.items()
                if key in ("spike_threshold", "variables")}
        variables = dict(flat.pop("variables", {}))
        for component, table in raw.items():
            if component in ("spike_threshold", "variables"):
                continue
            if not isinstance(table, Mapping):
                raise KrampInputError(
                    f"`recording.{component}` must be a table of variables, such as "
                    f'[recording.{component}.<variable>] interval = "0.1 ms"',
                    field=f"recording.{component}")
            for variable, settings in table.items():
                path = f"{component}.{variable}"
                if not isinstance(settings, Mapping):
                    raise KrampInputError(f"`recording.{path}` must be a table with `interval` "
                                          f"and optionally `units`", field=f"recording.{path}")
                settings = dict(settings)
                if "interval" in settings:
                    settings["interval"] = RECORD_INTERVAL.coerce(
                        settings["interval"], path=f"recording.{path}.interval")
                variables[path] = settings
        return {**flat, "variables": variables}

    @field_serializer("variables")
    def _variables_with_units(self, variables: dict[str, VariableRecording]) -> dict:
        return {path: {"interval": _with_unit(v.interval_ms, "ms"),
                       **({"units": list(v.units)} if v.units is not None else {})}
                for path, v in variables.items()}

    def to_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {"spike_threshold": _with_unit(self.spike_threshold_mV, "mV")}
        for path, v in self.variables.items():
            component, variable = path.split(".", 1)
            table = document.setdefault(component, {})
            table[variable] = {"interval": _with_unit(v.interval_ms, "ms"),
                               **({"units": list(v.units)} if v.units is not None else {})}
        return document


class ProtocolStep(_Table):
    """Parameters that take new values at time ``at`` (a toxin's onset, a handed-over ion)."""

    at_ms: float = Field(alias="at")
    set: dict[str, Any]

    @field_validator("at_ms", mode="before")
    @classmethod
    def _time(cls, raw: object) -> float:
        return STEP_TIME.coerce(raw, path="protocol.at")


# what the cramp-threshold protocol sets for each of its trains
TRAIN_SETTINGS = frozenset({"stimulation.first_pulse", "stimulation.frequency",
                            "stimulation.pulse_count"})


class CrampThresholdProtocol(_Table):
    """Trains of supramaximal nerve stimulation at rising frequency, as an experimenter gives
    them to find the cramp threshold frequency (Miller & Knight 2009; Minetto et al. 2011): from
    ``start_frequency`` in ``frequency_step`` steps up to ``highest_frequency``, each
    ``train_duration`` long and ``rest`` after the last. With ``stop_at_first_cramp`` the run
    stops once a train is followed by a cramp and the cramp has played out (the runner reads the
    outputs after each train), or a rest after the highest train; otherwise every train is given
    and the run lasts the scenario's ``duration``.

    Train k's ``stimulation`` values apply from its first pulse on (the first train's from the
    run's start), so its steps never fall inside another train.
    """

    first_train_ms: FirstTrainMs = Field(FIRST_TRAIN.value, alias="first_train")
    start_frequency_hz: StartFrequencyHz = Field(START_FREQUENCY.value, alias="start_frequency")
    frequency_step_hz: FrequencyStepHz = Field(FREQUENCY_STEP.value, alias="frequency_step")
    highest_frequency_hz: HighestFrequencyHz = Field(HIGHEST_FREQUENCY.value,
                                                     alias="highest_frequency")
    train_duration_ms: TrainDurationMs = Field(TRAIN_DURATION.value, alias="train_duration")
    rest_ms: RestMs = Field(REST.value, alias="rest")
    stop_at_first_cramp: bool = True

    @model_validator(mode="after")
    def _trains_exist(self) -> CrampThresholdProtocol:
        if self.highest_frequency_hz < self.start_frequency_hz:
            raise ValueError(f"must have highest_frequency ({self.highest_frequency_hz:g} Hz) "
                             f"≥ start_frequency ({self.start_frequency_hz:g} Hz)")
        if self.pulses(self.start_frequency_hz) < 1:
            raise ValueError(f"must give each train a pulse: a {self.train_duration_ms:g} ms "
                             f"train at {self.start_frequency_hz:g} Hz holds none; allowed: "
                             "start_frequency × train_duration ≥ 1")
        last_ms = self.trains()[-1][1]
        if last_ms > MAX_DURATION_MS:
            raise ValueError(f"must begin its last train within {MAX_DURATION_MS / 1e3:g} s, "
                             f"not at {last_ms / 1e3:g} s")
        return self

    def to_document(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True)

    def pulses(self, frequency_hz: float) -> int:
        return round(frequency_hz * self.train_duration_ms * 1e-3)

    def trains(self) -> list[tuple[float, float]]:
        """(frequency in Hz, time of its first pulse in ms) of every train, lowest first."""
        count = math.floor((self.highest_frequency_hz - self.start_frequency_hz)
                           / self.frequency_step_hz + 1e-9) + 1
        period_ms = self.train_duration_ms + self.rest_ms
        return [(self.start_frequency_hz + k * self.frequency_step_hz,
                 self.first_train_ms + k * period_ms) for k in range(count)]

    def steps(self) -> list[ProtocolStep]:
        """The trains as protocol steps of the ``stimulation`` table."""
        return [ProtocolStep(at=0.0 if k == 0 else begin_ms,
                             set={"stimulation.first_pulse": begin_ms,
                                  "stimulation.frequency": frequency,
                                  "stimulation.pulse_count": float(self.pulses(frequency))})
                for k, (frequency, begin_ms) in enumerate(self.trains())]


# the rows of shared/spec/seed-requirements.md: the article's claims the simulator must show
SPEC_ROWS = tuple(f"S{k}" for k in range(1, 23))
ARTICLE_PARAGRAPHS = (1, 5)


class Cause(_Table):
    """What makes a scenario one of the article's causes of spasms (``[cause]``): the rows of the
    specification it shows (``S1``–``S22``), the article's paragraph that names it, and whether
    the report should advise seeking care, with the reason in Swedish and English."""

    rows: list[str]
    paragraph: int
    seek_care: bool = False
    seek_care_reason: LocalisedText | None = None
    # the id of the cause scenario whose spasm this one tries to relieve (a stretch, say): the
    # report shows the two side by side instead of this one as a cause of its own
    relief_of: str | None = None

    @field_validator("rows")
    @classmethod
    def _known_rows(cls, rows: list[str]) -> list[str]:
        unknown = [row for row in rows if row not in SPEC_ROWS]
        if not rows or unknown:
            raise ValueError(f"must list rows of the specification, S1–S22; got {rows!r}")
        return rows

    @field_validator("paragraph")
    @classmethod
    def _article_paragraph(cls, paragraph: int) -> int:
        low, high = ARTICLE_PARAGRAPHS
        if not low <= paragraph <= high:
            raise ValueError(f"must be a paragraph of the article, {low}–{high}; got {paragraph}")
        return paragraph

    @model_validator(mode="after")
    def _reason_with_advice(self) -> Cause:
        if self.seek_care and self.seek_care_reason is None:
            raise ValueError("needs `seek_care_reason` (sv and en) when `seek_care` is true")
        return self


class QuickVersion(_Table):
    """How ``kramp explain --quick`` shortens a scenario (``[quick]``): ``set`` holds the
    ``--set`` assignments that make it (``duration``, ``drive.hold``, …), ``note`` says in Swedish
    and English what the quick version leaves out, for the report to show beside its numbers."""

    set: dict[str, Any]
    note: LocalisedText


class Sensitivity(_Table):
    """Which of a cause scenario's parameters ``kramp explain`` screens for their effect on the
    spasm (``[sensitivity]``): a Morris elementary-effects screening (Morris 1991) of
    ``trajectories`` trajectories on ``levels`` levels, each factor between its ``bounds`` (in
    its parameter's unit, inside its plausible range; default: that whole range), run as one
    cohort. Checked against the scenario's parameter tables by the scenario."""

    factors: list[str]
    trajectories: int = Field(10, ge=2, le=100)
    levels: int = Field(4, ge=2, le=20)
    bounds: dict[str, tuple[float | str, float | str]] = Field(default_factory=dict)


class Scenario(_Table):
    """A validated scenario: a model kind, its people's muscles, parameter overrides, a protocol,
    a duration and a seed.

    ``parameters[component][name]`` holds only the values the scenario sets, each in the unit of
    its parameter table; every other parameter keeps its table default. ``protocol`` steps hold
    their values the same way, by ``component.name`` path.
    """

    id: str
    model: str
    name: LocalisedText
    description: LocalisedText
    duration_ms: DurationMs = Field(alias="duration")
    seed: Seed = 0
    # a repetition of the experiment on the same people: new running noise (kramp.engine.streams)
    trial: Trial = 0
    dt_ms: DtMs = Field(DT.value, alias="dt")
    muscles: list[str] | None = None
    recording: Recording = Field(default_factory=Recording)
    parameters: dict[str, dict[str, float]] = Field(default_factory=dict)
    protocol: list[ProtocolStep] = Field(default_factory=list)
    cramp_threshold_protocol: CrampThresholdProtocol | None = None
    cause: Cause | None = None
    quick: QuickVersion | None = None
    sensitivity: Sensitivity | None = None
    fluids: dict[str, float] | None = None

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

    @field_validator("muscles")
    @classmethod
    def _known_muscles(cls, names: list[str] | None, info: ValidationInfo) -> list[str] | None:
        if names is None or "model" not in info.data:
            return names
        kind = KINDS[info.data["model"]]
        if not kind.default_muscles:
            raise ValueError(f"applies only to models with muscles, not '{kind.name}'")
        if not names:
            raise ValueError("must list at least one muscle")
        kind.tables(muscle_tables.expand(names))  # unknown names raise here
        return names

    def tables(self) -> tuple[ParameterTable, ...]:
        """The parameter tables of this scenario's model and muscles."""
        return kind_tables(KINDS[self.model], self.muscles)

    @field_validator("parameters", mode="before")
    @classmethod
    def _coerce_parameters(cls, raw: object, info: ValidationInfo) -> object:
        if "model" not in info.data:
            # The model kind failed validation and has been reported; without it there are no
            # parameter tables to check against, and guessing would only add noise.
            return {}
        tables = kind_tables(KINDS[info.data["model"]], info.data.get("muscles"))
        if not isinstance(raw, Mapping):
            raise ValueError("must hold one table per component, such as [parameters.stimulus]")
        coerced = {}
        for component, values in raw.items():
            table = _component(tables, info.data["model"], component)
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

    @field_validator("protocol", mode="after")
    @classmethod
    def _protocol_values(cls, steps: list[ProtocolStep], info: ValidationInfo
                         ) -> list[ProtocolStep]:
        if "model" not in info.data:
            return []
        tables = kind_tables(KINDS[info.data["model"]], info.data.get("muscles"))
        checked = []
        for k, step in enumerate(steps):
            values = {}
            for path, raw in step.set.items():
                component, _, name = path.partition(".")
                table = _component(tables, info.data["model"], component, where=f"protocol[{k}]")
                values[path] = table[name].coerce(raw, path=f"protocol[{k}].{path}")
            checked.append(step.model_copy(update={"set": values}))
        if [s.at_ms for s in checked] != sorted(s.at_ms for s in checked):
            raise ValueError("steps must be listed in time order")
        return checked

    @model_validator(mode="after")
    def _trains_set_by_one_table(self) -> Scenario:
        """The cramp-threshold protocol sets the stimulation's timing; nothing else may."""
        if self.cramp_threshold_protocol is None:
            return self
        if "stimulation" not in {table.component for table in self.tables()}:
            raise KrampInputError(f"`cramp_threshold_protocol` needs a model with nerve "
                                  f"stimulation, not '{self.model}'",
                                  field="cramp_threshold_protocol")
        for where, paths in (("parameters", {f"stimulation.{name}" for name in
                                              self.parameters.get("stimulation", {})}),
                             *((f"protocol[{k}]", set(step.set))
                               for k, step in enumerate(self.protocol))):
            clash = sorted(paths & TRAIN_SETTINGS)
            if clash:
                raise KrampInputError(
                    f"`{where}.{clash[0]}` is set by `cramp_threshold_protocol` for each train; "
                    "allowed: leave it to that table", field=f"{where}.{clash[0]}")
        return self

    @model_validator(mode="after")
    def _quick_version_valid(self) -> Scenario:
        if self.quick is not None:
            self.quick_version()
        return self

    @field_validator("fluids", mode="before")
    @classmethod
    def _coerce_fluids(cls, raw: object) -> object:
        """``[fluids]``: the person's body water and what was sweated and drunk before the run
        (:mod:`kramp.physiology.fluids`), each value in its parameter's unit and range."""
        if raw is None:
            return None
        from kramp.physiology import fluids

        if not isinstance(raw, Mapping):
            raise ValueError("must be a table such as [fluids] with sweat = \"2 L\"")
        params = fluids.SCENARIO
        unknown = sorted(set(raw) - {param.name for param in params})
        if unknown:
            raise KrampInputError(f"unknown key `fluids.{unknown[0]}`; allowed: "
                                  f"{', '.join(p.name for p in params)}",
                                  field=f"fluids.{unknown[0]}")
        return {name: params[name].coerce(value, path=f"fluids.{name}")
                for name, value in raw.items()}

    @model_validator(mode="after")
    def _fluids_set_the_ions(self) -> Scenario:
        """The fluids give the ions table its sodium, potassium, ionised calcium and magnesium
        and the pH; nothing else may. The body they describe must be a possible one."""
        if self.fluids is None:
            return self
        if "ions" not in {table.component for table in self.tables()}:
            raise KrampInputError(f"`fluids` needs a model whose membranes feel the ions, not "
                                  f"'{self.model}'", field="fluids")
        from kramp.physiology import fluids

        clash = sorted(set(fluids.membrane_ions(self.fluids))
                       & set(self.parameters.get("ions", {})))
        if clash:
            raise KrampInputError(f"`parameters.ions.{clash[0]}` is set by `[fluids]`; "
                                  "allowed: leave it to that table", field=f"ions.{clash[0]}")
        return self

    @field_serializer("fluids")
    def _fluids_with_units(self, values: dict[str, float] | None) -> dict | None:
        if values is None:
            return None
        from kramp.physiology import fluids

        units = {param.name: param.unit for param in fluids.SCENARIO}
        return {name: _with_unit(value, units[name]) for name, value in values.items()}

    @model_validator(mode="after")
    def _sensitivity_factors_known(self) -> Scenario:
        if self.sensitivity is not None:
            self.sensitivity_bounds()
        return self

    def sensitivity_bounds(self) -> dict[str, tuple[float, float]]:
        """Each screened factor's (low, high) in its parameter's unit (:class:`Sensitivity`)."""
        tables = {table.component: table for table in self.tables()}
        screened = self.sensitivity
        unknown = sorted(set(screened.bounds) - set(screened.factors))
        if unknown:
            raise KrampInputError(f"`sensitivity.bounds.{unknown[0]}` bounds a parameter that "
                                  "is not among `sensitivity.factors`",
                                  field=f"sensitivity.bounds.{unknown[0]}")
        found = {}
        for path in screened.factors:
            component, _, name = path.partition(".")
            if component not in tables or name not in {p.name for p in tables[component]}:
                raise KrampInputError(f"`sensitivity.factors` names `{path}`, not a parameter "
                                      f"of model '{self.model}'; allowed: component.parameter",
                                      field="sensitivity.factors")
            param = tables[component][name]
            low, high = (param.coerce(v, path=f"sensitivity.bounds.{path}")
                         for v in screened.bounds.get(path, param.range))
            if not low < high:
                raise KrampInputError(f"`sensitivity.bounds.{path}` must rise: got {low:g} to "
                                      f"{high:g} {param.unit}", field=f"sensitivity.bounds.{path}")
            found[path] = (low, high)
        return found

    def quick_version(self) -> Scenario:
        """The scenario as ``kramp explain --quick`` runs it (itself when it has no ``[quick]``).

        Its assignments are checked like ``--set`` ones, each problem named under ``quick.set``.
        """
        if self.quick is None:
            return self
        from kramp.scenarios.loader import settable_paths

        paths = settable_paths(self)
        unknown = sorted(set(self.quick.set) - set(paths))
        if unknown:
            raise KrampInputError(f"`quick.set.{unknown[0]}` is not a path `--set` accepts; "
                                  "allowed: duration, seed, trial, dt or component.parameter",
                                  field=f"quick.set.{unknown[0]}")
        document = self.to_document()
        document.pop("quick")
        for path, value in self.quick.set.items():
            table = document
            for key in paths[path][:-1]:
                table = table.setdefault(key, {})
            table[paths[path][-1]] = value
        return validate_scenario(document, source=f"{self.id} [quick]")

    @property
    def steps(self) -> list[ProtocolStep]:
        """The protocol's steps and the cramp-threshold protocol's trains, in time order."""
        trains = self.cramp_threshold_protocol.steps() if self.cramp_threshold_protocol else []
        return sorted([*self.protocol, *trains], key=lambda step: step.at_ms)

    @field_serializer("parameters")
    def _parameters_with_units(self, parameters: dict[str, dict[str, float]]) -> dict:
        tables = self.tables()
        return {
            component: {name: _with_unit(value, _component(tables, self.model,
                                                           component)[name].unit)
                        for name, value in values.items()}
            for component, values in parameters.items()
        }

    @field_serializer("recording")
    def _recording_document(self, recording: Recording) -> dict:
        return recording.to_document()

    @field_serializer("protocol")
    def _protocol_with_units(self, steps: list[ProtocolStep]) -> list[dict]:
        tables = self.tables()
        return [{"at": _with_unit(step.at_ms, "ms"),
                 "set": {path: _with_unit(value, _component(
                     tables, self.model, path.split(".")[0])[path.split(".", 1)[1]].unit)
                         for path, value in step.set.items()}}
                for step in steps]

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
                if table.get(key) is None:  # an optional table the scenario does not have
                    table[key] = {}
                table = table[key]
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
