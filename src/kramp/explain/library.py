"""The causes library: the article's causes of spasms, the scenarios that show them, the
scenarios that try to relieve them, and the healthy control.

A bundled scenario joins the library by its ``[cause]`` table alone: its rows of the
specification say which of the article's causes (``article_causes.toml``) it shows; with
``relief_of`` it is instead the relief tried on another cause scenario (a stretch). Nothing here
names a cause scenario, so a new one appears in ``kramp explain`` with no code change.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from kramp import scenarios
from kramp.errors import KrampInputError
from kramp.scenarios.schema import LocalisedText, Scenario

# the healthy default person in the ankle protocols of the causes: the report's control
CONTROL_ID = "healthy-control"


@dataclass(frozen=True)
class ArticleCause:
    """One cause the article names, with the specification rows that make it concrete."""

    id: str
    rows: tuple[str, ...]
    paragraph: int
    name: LocalisedText


@dataclass(frozen=True)
class Comparison:
    """A prevention compared in a cohort: the people of one cause scenario, alike but for
    ``column``, one per level (``prevention.toml``)."""

    id: str
    scenario: str
    column: str
    levels: tuple[float, ...]
    name: LocalisedText
    labels: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class NotCompared:
    """A prevention the physiology cannot compare yet, with the reason."""

    id: str
    name: LocalisedText
    reason: LocalisedText


@dataclass(frozen=True)
class Library:
    """What ``kramp explain`` runs: the cause scenarios, each cause's relief scenarios (by the
    id of the cause scenario they relieve) and the control; with ``quick``, each as its quick
    version (:meth:`Scenario.quick_version`)."""

    article_causes: tuple[ArticleCause, ...]
    causes: tuple[Scenario, ...]
    reliefs: dict[str, tuple[Scenario, ...]]
    control: Scenario
    quick: bool
    comparisons: tuple[Comparison, ...] = ()
    not_compared: tuple[NotCompared, ...] = ()

    def runs(self) -> list[Scenario]:
        """Every scenario as it is to run, each once."""
        every = [*self.causes, *(s for group in self.reliefs.values() for s in group),
                 self.control]
        return [s.quick_version() if self.quick else s for s in every]

    def shown_by(self, cause: ArticleCause) -> list[Scenario]:
        """The cause scenarios that show one of the article's causes."""
        return [s for s in self.causes if set(s.cause.rows) & set(cause.rows)]


def article_causes() -> tuple[ArticleCause, ...]:
    text = (resources.files("kramp.explain") / "article_causes.toml").read_text(encoding="utf-8")
    return tuple(ArticleCause(id=entry["id"], rows=tuple(entry["rows"]),
                              paragraph=entry["paragraph"],
                              name=LocalisedText.model_validate(entry["name"]))
                 for entry in tomllib.loads(text)["cause"])


def prevention(cause_ids: set[str]) -> tuple[tuple[Comparison, ...], tuple[NotCompared, ...]]:
    """The preventions of ``prevention.toml``; each comparison's scenario must be a cause."""
    text = (resources.files("kramp.explain") / "prevention.toml").read_text(encoding="utf-8")
    document = tomllib.loads(text)
    compared = []
    for entry in document.get("comparison", []):
        if entry["scenario"] not in cause_ids:
            raise KrampInputError(f"prevention '{entry['id']}': scenario '{entry['scenario']}' "
                                  "is not a cause scenario", field="prevention.scenario")
        labels = {lang: tuple(entry["labels"][lang]) for lang in ("sv", "en")}
        if any(len(v) != len(entry["levels"]) for v in labels.values()):
            raise KrampInputError(f"prevention '{entry['id']}': one label per level",
                                  field="prevention.labels")
        compared.append(Comparison(id=entry["id"], scenario=entry["scenario"],
                                   column=entry["column"], levels=tuple(entry["levels"]),
                                   name=LocalisedText.model_validate(entry["name"]),
                                   labels=labels))
    missing = tuple(NotCompared(id=entry["id"], name=LocalisedText.model_validate(entry["name"]),
                                reason=LocalisedText.model_validate(entry["reason"]))
                    for entry in document.get("not_compared", []))
    return tuple(compared), missing


def library(*, quick: bool = False, found: list[Scenario] | None = None) -> Library:
    """The cause, relief and control scenarios among ``found`` (default: the bundled ones), to
    run in full or ``quick``."""
    bundled = scenarios.list_scenarios() if found is None else found
    tagged = [s for s in bundled if s.cause is not None]
    causes = [s for s in tagged if s.cause.relief_of is None]
    cause_ids = {s.id for s in causes}
    reliefs: dict[str, list[Scenario]] = {}
    for scenario in tagged:
        target = scenario.cause.relief_of
        if target is None:
            continue
        if target not in cause_ids:
            raise KrampInputError(
                f"scenario '{scenario.id}': `cause.relief_of` names '{target}', which is not a "
                f"cause scenario; allowed: {', '.join(sorted(cause_ids))}",
                field="cause.relief_of")
        reliefs.setdefault(target, []).append(scenario)
    control = next((s for s in bundled if s.id == CONTROL_ID), None)
    if control is None:
        raise KrampInputError(f"the causes library needs its control, scenario '{CONTROL_ID}'",
                              field="scenario")
    compared, missing = prevention(cause_ids)
    return Library(article_causes=article_causes(), causes=tuple(causes),
                   reliefs={k: tuple(v) for k, v in reliefs.items()}, control=control,
                   quick=quick, comparisons=compared, not_compared=missing)
