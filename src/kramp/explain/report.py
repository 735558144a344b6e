"""``kramp explain``: run the causes library and write the answer to "Vad orsakar
muskelspasmer?" as a ranked table, a section per cause and figures, in Markdown and in one
self-contained HTML file, in Swedish or English.

Every number in the report comes from a run's summary (the one ``kramp run NAME --json``
prints) or from :func:`kramp.analysis.mechanism.chain` on the same run; the report adds words
and order, nothing else.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kramp
from kramp.analysis.spasm import CLASS_NAMES
from kramp.explain.library import Library, library
from kramp.explain.runs import run_all
from kramp.explain.texts import TEXT
from kramp.scenarios.schema import Scenario

# components that hold what was done to the person (the experimenter's or the person's own
# actions), not the person: they are not "what was changed" in a cause
PROTOCOL_COMPONENTS = frozenset({"movement", "stimulation", "conditioning_stimulation",
                                 "tendon_stimulation"})


@dataclass(frozen=True)
class Row:
    """One line of the ranked table: a scenario and what its run produced."""

    scenario: Scenario
    found: dict[str, Any]
    role: str  # "cause" or "control"

    @property
    def summary(self) -> dict[str, Any]:
        return self.found["summary"]

    @property
    def strongest(self) -> dict[str, Any] | None:
        """The episode with the largest involuntary force, None without a spasm."""
        episodes = self.summary.get("spasm_episodes") or []
        if not self.summary.get("spasm") or not episodes:
            return None
        return max(episodes, key=lambda e: e["peak_force_percent"])

    def severity(self) -> float:
        episode = self.strongest
        return 0.0 if episode is None else episode["peak_force_percent"] * episode["duration_s"]


def _class_name(kind: str | None, lang: str) -> str:
    return TEXT[lang]["no_spasm"] if kind is None else CLASS_NAMES[kind][lang == "sv"]


def _verdict_name(summary: dict[str, Any], lang: str) -> str:
    """The verdict's class, or weakness where no spasm came but a maximal effort was weak."""
    kind = summary.get("spasm_class")
    if kind is None and summary.get("weakness"):
        return TEXT[lang]["weakness"]
    return _class_name(kind, lang)


def changed_parameters(scenario: Scenario) -> list[dict[str, Any]]:
    """The person's physiological parameters the scenario sets away from their defaults."""
    tables = {table.component: table for table in scenario.tables()}
    changed = []
    for component, values in scenario.parameters.items():
        if component in PROTOCOL_COMPONENTS:
            continue
        for name, value in values.items():
            param = tables[component][name]
            if param.source == "protocol" or value == param.value:
                continue
            changed.append(_changed(f"{component}.{name}", value, param))
    if scenario.fluids is not None:  # the body's water and salt, and what was drunk or sweated
        from kramp.physiology import fluids

        params = fluids.SCENARIO
        changed += [_changed(f"fluids.{name}", value, params[name])
                    for name, value in scenario.fluids.items() if value != params[name].value]
    return changed


def _changed(path: str, value: float, param: Any) -> dict[str, str]:
    unit = "" if param.unit == "1" else f" {param.unit}"
    return {"path": path, "value": f"{value:g}{unit}", "default": f"{param.value:g}{unit}",
            "meaning": param.meaning}


def _mechanism(chain: dict | None, lang: str, *, long: bool) -> str:
    text = TEXT[lang]
    if chain is None:
        return text["mech_none"]
    share = chain.get("axon_born_share")
    if share is None:
        origin = text["mech_cord_only"]
    elif share >= 0.5:
        origin = text["mech_axon"].format(share=100 * share)
    else:
        origin = text["mech_cord"].format(share=100 * share)
    root = chain.get("root_rate_hz")
    if root is not None:
        origin = f"{text['mech_root'].format(rate=root)}; {origin}"
    afferents = chain.get("afferents")
    if not long or not afferents:
        return origin
    rates = ", ".join(text["mech_rate"].format(kind=kind.upper(), rest=r["rest_pps"],
                                               lead=r["before_onset_pps"])
                      for kind, r in afferents.items())
    muscle = chain["muscle"].replace("_", " ")
    return f"{text['mech_afferents'].format(muscle=muscle, rates=rates)}; {origin}"


def _relief(row: Row, reliefs: list[Row], lang: str) -> list[str]:
    text = TEXT[lang]
    return [text["relief_item"].format(
        name=f"{relief.scenario.name.get(lang)} (`{relief.scenario.id}`)",
        before=_longest_s(row), after=_longest_s(relief),
        kind_after=_class_name(relief.summary.get("spasm_class"), lang)) for relief in reliefs]


def _longest_s(row: Row) -> float:
    """The longest spasm episode of a run (0 without a spasm), for the stretch's effect."""
    episodes = row.summary.get("spasm_episodes") or []
    return max((e["duration_s"] for e in episodes), default=0.0) if row.summary.get("spasm") \
        else 0.0


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def ranked_table(report: Report) -> list[list[str]]:
    """The ranked table: a header, then a line per cause and the control's."""
    return _table(report.rows, report.reliefs, report.lang)


def _table(rows: list[Row], reliefs: dict[str, list[Row]], lang: str) -> list[list[str]]:
    text = TEXT[lang]
    header = [text[k] for k in ("col_rank", "col_cause", "col_rows", "col_class", "col_onset",
                                "col_duration", "col_force", "col_emg", "col_pain",
                                "col_mechanism",
                                "col_relief", "col_care")]
    lines = [header]
    for rank, row in enumerate(rows, start=1):
        episode = row.strongest
        cause = row.scenario.cause
        relief = "; ".join(f"{_longest_s(row):.1f} → {_longest_s(r):.1f} s"
                           for r in reliefs.get(row.scenario.id, [])) or text["relief_none"]
        lines.append([
            text["control"] if row.role == "control" else str(rank),
            f"{row.scenario.name.get(lang)} (`{row.scenario.id}`)",
            "–" if cause is None else ", ".join(cause.rows),
            _verdict_name(row.summary, lang),
            _number(None if episode is None else episode["onset_latency_ms"], 0),
            _number(None if episode is None else episode["duration_s"], 1),
            _number(None if episode is None else episode["peak_force_percent"], 1),
            _number(None if episode is None else episode["emg_rms_mV"], 3),
            _number(row.summary.get("pain_index"), 1),
            _mechanism(row.found["chain"], lang, long=False),
            relief,
            "–" if cause is None else text["yes" if cause.seek_care else "no"],
        ])
    return lines


def _episode_line(episode: dict[str, Any], lang: str) -> str:
    text = TEXT[lang]
    recovery = (text["recovery_none"] if episode["recovery_ms"] is None
                else text["recovery_ms"].format(value=episode["recovery_ms"]))
    return text["episode"].format(
        muscle=episode["muscle"].replace("_", " "), start=episode["start_ms"] * 1e-3,
        duration=episode["duration_s"], onset=_number(episode["onset_latency_ms"], 0),
        rise=_number(episode["rise_time_ms"], 0), force=episode["peak_force_percent"],
        emg=episode["emg_rms_mV"], rate=episode["unit_rate_hz"] or 0.0,
        cv=episode["interspike_cv"] or 0.0, force_cv=episode["force_cv"] or 0.0,
        recovery=recovery)


@dataclass(frozen=True)
class Report:
    """What ``kramp explain`` found, ready to be written in one language."""

    library: Library
    rows: list[Row]  # causes ranked, then the control
    reliefs: dict[str, list[Row]]
    lang: str
    seconds: float
    workers: int
    screens: dict[str, dict]  # Morris screenings by scenario id (none with --quick)
    compared: dict[str, dict] = field(default_factory=dict)  # prevention cohorts by id

    def verdicts(self) -> dict[str, dict[str, Any]]:
        """Each run's verdict by scenario id, as ``kramp explain --json`` prints it."""
        every = [*self.rows, *(r for group in self.reliefs.values() for r in group)]
        return {row.scenario.id: {key: row.summary.get(key) for key in
                                  ("spasm", "spasm_class", "spasm_episodes")}
                | {"role": row.role, "mechanism": row.found["chain"],
                   "figure": row.found["figure"]} for row in every}

    def markdown(self, figure_link: Callable[[str], str]) -> str:
        """The report as Markdown; ``figure_link(path)`` gives the link to a figure file."""
        text = TEXT[self.lang]
        lang = self.lang
        mode = text["mode_quick" if self.library.quick else "mode_full"]
        runs = len(self.rows) + sum(len(group) for group in self.reliefs.values())
        out = [f"# {text['title']}", "", text["lede"], "",
               text["settings"].format(version=kramp.__version__, mode=mode, runs=runs,
                                       workers=self.workers, seconds=self.seconds), "",
               f"## {text['answer']}", "", text["ranking"], ""]
        table = _table(self.rows, self.reliefs, lang)
        out += ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
        out += ["| " + " | ".join(cell.replace("|", "/") for cell in line) + " |"
                for line in table[1:]]
        out += ["", f"![{text['figures_title']}]({figure_link('overview.png')})", "",
                f"## {text['per_cause']}", ""]
        originals = {s.id: s for s in [*self.library.causes, self.library.control,
                                       *(s for g in self.library.reliefs.values() for s in g)]}
        for rank, row in enumerate(self.rows, start=1):
            if row.role == "control":
                continue
            out += self._cause_section(rank, row, originals[row.scenario.id], figure_link)
        control = next(row for row in self.rows if row.role == "control")
        out += [f"## {text['control_title']}", "",
                text["control_text"].format(verdict=self._verdict_sentence(control)), ""]
        if control.found["figure"]:
            out += [f"![{text['figure_alt'].format(name=control.scenario.name.get(lang))}]"
                    f"({figure_link(control.found['figure'])})", ""]
        out += [f"## {text['causes_title']}", ""]
        for cause in self.library.article_causes:
            shown = self.library.shown_by(cause)
            where = (text["cause_shown"].format(scenarios=", ".join(
                f"`{s.id}`" for s in shown)) if shown else text["cause_missing"])
            out.append(f"- **{cause.name.get(lang)}** ({', '.join(cause.rows)}, §"
                       f"{cause.paragraph}): {where}")
        out += ["", *self._prevention_section(), *self._sensitivity_section()]
        out += [f"## {text['evidence_title']}", "", text["evidence_text"], "",
                f"## {text['limits_title']}", "", text["limits"], ""]
        return "\n".join(out)

    def _prevention_section(self) -> list[str]:
        text, lang = TEXT[self.lang], self.lang
        out = [f"## {text['prevention_title']}", ""]
        if self.library.comparisons and not self.compared:
            out += [text["prevention_quick"].format(names=", ".join(
                c.name.get(lang) for c in self.library.comparisons)), ""]
        for comparison in self.library.comparisons:
            if comparison.id not in self.compared:
                continue
            people = self.compared[comparison.id]["people"]
            out += [text["prevention_intro"].format(
                name=comparison.name.get(lang), scenario=comparison.scenario,
                people=len(people), column=comparison.column), ""]
            header = text["prevention_header"].split("|")
            out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            for label, person in zip(comparison.labels[lang], people, strict=True):
                out.append(f"| {label} | {_class_name(person.get('spasm_class'), lang)} | "
                           f"{_number(person.get('plasma_sodium_mM'), 1)} | "
                           f"{_number(person.get('extracellular_fluid_L'), 2)} | "
                           f"{_number(person.get('sodium_balance_mmol'), 0)} |")
            verdicts = {(p.get("spasm"), p.get("spasm_class")) for p in people}
            out += ["", text["prevention_same" if len(verdicts) == 1 else "prevention_differs"],
                    ""]
        out += [text["prevention_missing"].format(name=m.name.get(lang), reason=m.reason.get(lang))
                for m in self.library.not_compared]
        return [*out, ""]

    def _sensitivity_section(self) -> list[str]:
        text = TEXT[self.lang]
        out = [f"## {text['sensitivity_title']}", ""]
        if not self.screens:
            return [*out, text["sensitivity_quick" if self.library.quick
                               else "sensitivity_none"], ""]
        names = {row.scenario.id: row.scenario.name.get(self.lang) for row in self.rows}
        for scenario_id, screen in self.screens.items():
            out += [text["sensitivity_intro"].format(
                name=names.get(scenario_id, scenario_id), id=scenario_id,
                people=screen["people"], trajectories=screen["trajectories"],
                levels=screen["levels"], factors=len(screen["factors"]),
                share=100 * screen["spasm_share"]), ""]
            header = [text[k] for k in ("sens_rank", "sens_factor", "sens_range",
                                        "sens_mu_severity", "sens_sigma_severity",
                                        "sens_mu_occurrence")]
            out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            for rank, factor in enumerate(screen["factors"], start=1):
                unit = "" if factor["unit"] == "1" else f" {factor['unit']}"
                out.append(f"| {rank} | `{factor['path']}` | {factor['low']:g}–"
                           f"{factor['high']:g}{unit} | {factor['mu_star_severity']:.1f} | "
                           f"{factor['sigma_severity']:.1f} | "
                           f"{factor['mu_star_occurrence']:.2f} |")
            out.append("")
        return [*out, text["sensitivity_reading"], ""]

    def _verdict_sentence(self, row: Row) -> str:
        text = TEXT[self.lang]
        kind = row.summary.get("spasm_class")
        if not row.summary.get("spasm"):
            if kind is None and row.summary.get("weakness"):
                return text["verdict_weakened"].format(strength=row.summary["strength_percent"])
            return text["verdict_weak" if kind == "flaccid_weakness" else "verdict_none"]
        return text["verdict_spasm"].format(kind=_class_name(kind, self.lang),
                                            count=len(row.summary["spasm_episodes"]))

    def _cause_section(self, rank: int, row: Row, original: Scenario,
                       figure_link: Callable[[str], str]) -> list[str]:
        text, lang = TEXT[self.lang], self.lang
        scenario = row.scenario
        out = [f"### {rank}. {scenario.name.get(lang)} (`{scenario.id}`)", "",
               scenario.description.get(lang), ""]
        if self.library.quick and original.quick is not None:
            out += [text["quick_note"].format(note=original.quick.note.get(lang)), ""]
        changed = changed_parameters(scenario)
        out += [f"**{text['what_changed']}.** " + ("" if changed else text["nothing_changed"])]
        out += [f"- {text['changed_item'].format(**item)}" for item in changed] + [""]
        if "plasma_osmolality_mOsm_per_kg" in row.summary:  # a scenario with [fluids]
            summary = row.summary
            out += [text["plasma"].format(
                sodium=summary["plasma_sodium_mM"], potassium=summary["plasma_potassium_mM"],
                calcium=summary["ionised_calcium_mM"], magnesium=summary["ionised_magnesium_mM"],
                ph=summary["arterial_ph"], osmolality=summary["plasma_osmolality_mOsm_per_kg"],
                water=summary["body_water_change_L"]), ""]
        out += [f"**{text['verdict']}.** {self._verdict_sentence(row)}", ""]
        out += [f"- {_episode_line(e, lang)}" for e in row.summary.get("spasm_episodes") or []]
        if row.found["chain"] is not None:
            mechanism = _mechanism(row.found["chain"], lang, long=True)
            out += ["", f"**{text['mechanism']}.** {mechanism}."]
        relief = _relief(row, self.reliefs.get(scenario.id, []), lang)
        if relief:
            out += ["", f"**{text['relief']}.** " + " ".join(relief)]
        cause = scenario.cause
        care = (cause.seek_care_reason.get(lang) if cause.seek_care else text["care_no"])
        out += ["", f"**{text['care']}.** {care}", ""]
        for shown in [row, *self.reliefs.get(scenario.id, [])]:
            if shown.found["figure"]:
                name = shown.scenario.name.get(lang)
                out += [f"![{text['figure_alt'].format(name=name)}]"
                        f"({figure_link(shown.found['figure'])})", ""]
        return out


def build_report(*, lang: str, quick: bool, figures: Path, workers: int | None = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 causes: Library | None = None) -> Report:
    """Run the causes library (the bundled one unless ``causes`` is given; full or quick) and
    rank what it produced; figures go to ``figures``."""
    found_library = causes or library(quick=quick)
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    # the screenings are cohorts of tens of people: the full report runs them, --quick does not
    screened = [] if quick else [s for s in found_library.runs() if s.sensitivity is not None]
    as_run = {s.id: s for s in found_library.runs()}
    # the prevention cohorts, like the screenings, run in the full report only
    comparisons = [] if quick else [(c.id, as_run[c.scenario], c.column, c.levels)
                                    for c in found_library.comparisons]
    found, screens, compared = run_all(found_library.runs(), figures, lang,
                                       screenings=screened, comparisons=comparisons,
                                       workers=workers, progress=progress)
    seconds = time.perf_counter() - started
    for entry in found.values():  # figures are linked by their name inside the report folder
        if entry["figure"]:
            entry["figure"] = Path(entry["figure"]).name
    causes = [Row(as_run[s.id], found[s.id], "cause") for s in found_library.causes]
    # spasms first, by severity (fasciculations without an episode count as one, of severity
    # 0), then the causes that made none
    causes.sort(key=lambda row: (not row.summary.get("spasm"), -row.severity(),
                                 row.scenario.id))
    control = Row(as_run[found_library.control.id], found[found_library.control.id], "control")
    reliefs = {target: [Row(as_run[s.id], found[s.id], "relief") for s in group]
               for target, group in found_library.reliefs.items()}
    return Report(library=found_library, rows=[*causes, control], reliefs=reliefs, lang=lang,
                  seconds=seconds, workers=workers, screens=screens, compared=compared)


def draw_overview(report: Report, path: Path) -> None:
    """Peak involuntary force and longest episode of every cause, and the control."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = TEXT[report.lang]
    names = [row.scenario.name.get(report.lang) for row in report.rows]
    force = [0.0 if row.strongest is None else row.strongest["peak_force_percent"]
             for row in report.rows]
    duration = [0.0 if row.strongest is None else row.strongest["duration_s"]
                for row in report.rows]
    colours = ["tab:red" if row.summary.get("spasm") else "tab:gray" for row in report.rows]
    figure, axes = plt.subplots(1, 2, figsize=(11, 0.5 * len(names) + 1.5), sharey=True)
    for ax, values, label in ((axes[0], force, text["overview_force"]),
                              (axes[1], duration, text["overview_duration"])):
        ax.barh(range(len(names)), values, color=colours)
        ax.set_xlabel(label)
        for y, (row, value) in enumerate(zip(report.rows, values, strict=True)):
            ax.annotate(_class_name(row.summary.get("spasm_class"), report.lang),
                        xy=(value, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize="x-small")
    axes[0].set_yticks(range(len(names)), names)
    axes[0].invert_yaxis()
    figure.suptitle(text["title"])
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _html(markdown_text: str, figures: Path, title: str, lang: str) -> str:
    """The Markdown as one self-contained HTML page, its figures embedded as data URIs."""
    import markdown_it

    body = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown_text)
    for figure in sorted(figures.glob("*.png")):
        data = base64.b64encode(figure.read_bytes()).decode("ascii")
        body = body.replace(f'src="figures/{figure.name}"', f'src="data:image/png;base64,{data}"')
    style = ("body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;"
             "padding:0 1em;line-height:1.45}table{border-collapse:collapse;font-size:.85em}"
             "td,th{border:1px solid #bbb;padding:.25em .45em;vertical-align:top}"
             "img{max-width:100%}code{background:#f3f3f3}")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{style}</style></head>"
            f"<body>\n{body}</body></html>\n")


def write_report(report: Report, figures: Path, out: Path) -> None:
    """Write ``out/report.md`` (figures in ``out/figures/``) and the self-contained
    ``out/report.html``; nothing appears in ``out`` unless all of it was written."""
    draw_overview(report, figures / "overview.png")
    text = report.markdown(lambda name: f"figures/{name}")
    staging = Path(tempfile.mkdtemp(prefix=".kramp-report-", dir=out.parent))
    try:
        shutil.copytree(figures, staging / "figures")
        (staging / "report.md").write_text(text, encoding="utf-8")
        (staging / "report.html").write_text(
            _html(text, figures, TEXT[report.lang]["title"], report.lang), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        for entry in ("figures", "report.md", "report.html"):
            target = out / entry
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(staging / entry, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
