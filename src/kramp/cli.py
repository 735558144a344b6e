"""The ``kramp`` command line: parse, call ``kramp.scenarios``, render.

Bad input of any kind is reported as one line on stderr with exit status 2 (see
:class:`_InputErrorsOnOneLine`); results go to stdout, as a table or, with ``--json``, as one
JSON object and nothing else.

The simulator itself (``kramp.scenarios`` and what it imports: Numba, SciPy, xarray) is imported by
the commands that run it, not with this module, so that ``kramp --help`` and a refused option
answer at once instead of after seconds of imports.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from typer.core import TyperGroup

import kramp
from kramp.errors import KrampInputError

if TYPE_CHECKING:
    from kramp import scenarios

INPUT_ERROR_EXIT_CODE = 2
# the most worker processes `kramp validate --workers` starts
MAX_WORKERS = 64

# How many spike times the table shows before "…"; --json always gives them all.
SHOWN_SPIKE_TIMES = 5


class Language(StrEnum):
    sv = "sv"
    en = "en"


LABELS = {
    Language.en: {
        "id": "id", "name_sv": "Swedish name", "name_en": "English name",
        "description": "description", "run": "kramp run", "scenario": "scenario",
        "duration": "duration", "dt": "time step", "seed": "seed", "spikes": "spikes",
        "spike_times": "spike times", "rate": "mean rate", "rest": "resting potential",
        "peak": "peak V", "saved": "saved to", "not_recorded": "not recorded",
        "no_spikes": "none", "no_rest": "none (no stable rest)", "simulating": "simulating",
    },
    Language.sv: {
        "id": "id", "name_sv": "svenskt namn", "name_en": "engelskt namn",
        "description": "beskrivning", "run": "kramp-körning", "scenario": "scenario",
        "duration": "varaktighet", "dt": "tidssteg", "seed": "slumpfrö",
        "spikes": "aktionspotentialer", "spike_times": "tidpunkter", "rate": "medelfrekvens",
        "rest": "vilopotential", "peak": "högsta V", "saved": "sparad i",
        "not_recorded": "ej registrerad", "no_spikes": "inga",
        "no_rest": "ingen (ingen stabil vila)", "simulating": "simulerar",
    },
}


# Typer exports only BadParameter; its base, UsageError (whether Typer's own or Click's,
# depending on the Typer version), also covers unknown options and commands.
_TYPER_USAGE_ERROR: type[Exception] = typer.BadParameter.__base__


class _InputErrorsOnOneLine(TyperGroup):
    """Report bad input as one line on stderr and exit with status 2, without a traceback.

    Covers kramp's own :class:`KrampInputError` and Typer's usage errors (a ``--duration``
    that is not a number, an unknown option), for which Typer too would exit with status 2.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KrampInputError as error:
            message = str(error)
        except _TYPER_USAGE_ERROR as error:
            message = error.format_message()
        typer.echo(f"kramp: error: {' '.join(message.split())}", err=True)
        raise typer.Exit(INPUT_ERROR_EXIT_CODE)


app = typer.Typer(
    cls=_InputErrorsOnOneLine,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"kramp {kramp.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the kramp version and exit.")] = False,
) -> None:
    """kramp: a simulator of the human neuromuscular system that asks what causes muscle spasms.

    Scenarios are TOML data; list them with `kramp scenarios` and run one with `kramp run NAME`.
    """


LanguageOption = Annotated[Language, typer.Option("--lang", help="Language of names and labels.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout, not a table.")]


@app.command("scenarios")
def list_command(as_json: JsonOption = False, lang: LanguageOption = Language.en) -> None:
    """List the bundled scenarios: id, Swedish and English name, one-line description."""
    from kramp import scenarios

    found = scenarios.list_scenarios()
    if as_json:
        typer.echo(json.dumps(
            [{"id": s.id, "model": s.model, "name": s.name.model_dump(),
              "description": s.description.model_dump(),
              "cause": s.cause and s.cause.model_dump()} for s in found],
            ensure_ascii=False))
        return
    labels = LABELS[lang]
    table = Table(labels["id"], labels["name_sv"], labels["name_en"], labels["description"])
    for scenario in found:
        table.add_row(scenario.id, scenario.name.sv, scenario.name.en,
                      scenario.description.get(lang))
    Console().print(table)


@app.command("run")
def run_command(
    name: Annotated[str, typer.Argument(
        help="Scenario id, Swedish or English name, or path to a scenario .toml file.")],
    duration_s: Annotated[float | None, typer.Option(
        "--duration", metavar="SECONDS",
        help="Simulated time in seconds, in (0, 3600]; default: the scenario's.")] = None,
    seed: Annotated[int | None, typer.Option(
        help="Seed of the random streams (≥ 0); default: the scenario's.")] = None,
    assignments: Annotated[list[str] | None, typer.Option(
        "--set", metavar="PATH=VALUE",
        help="Override a value, e.g. stimulus.amplitude=20 or 'membrane.temperature=18.5 degC' "
             "(a bare number is in the parameter's declared unit). Repeatable.")] = None,
    cohort: Annotated[Path | None, typer.Option(
        "--cohort", metavar="PEOPLE.csv",
        help="Run a cohort: one row per virtual person, columns such as 'motoneuron.e_k [mV]'."
    )] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE.nc",
        help="Write the full result to this NetCDF file.")] = None,
    save_state: Annotated[Path | None, typer.Option(
        "--save-state", metavar="FILE.nc",
        help="Write the state at the end of the run, to continue it later with --resume.")
    ] = None,
    resume: Annotated[Path | None, typer.Option(
        "--resume", metavar="FILE.nc",
        help="Continue from a state that --save-state wrote for the same scenario.")] = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", metavar="FILE.png",
        help="Draw the run (commands, force, EMG, spike raster, the spasms found) into a .png, "
             ".svg or .pdf file; with --cohort, the first person.")] = None,
    quick: Annotated[bool, typer.Option(
        "--quick", help="Run the scenario's shorter quick version, as `kramp explain --quick` "
                        "does (a scenario without one runs as it is).")] = False,
    as_json: JsonOption = False,
    lang: LanguageOption = Language.en,
) -> None:
    """Run a scenario and summarise what each virtual person did."""
    from kramp import scenarios
    from kramp.plots import PLOT_SUFFIXES
    from kramp.results import check_writable, load_netcdf, save_netcdf

    scenario = scenarios.load_scenario(name)
    scenario = scenarios.apply_overrides(scenario.quick_version() if quick else scenario,
                                         assignments or [])
    for path, field in ((out, "--out"), (save_state, "--save-state")):
        if path is not None:
            check_writable(path, field=field)
    if plot is not None:
        if scenario.model not in ("motor_pool", "ankle"):
            raise KrampInputError(
                f"`--plot` draws muscles, and scenario '{scenario.id}' (model "
                f"{scenario.model}) has none; allowed: a scenario of model motor_pool or ankle",
                field="--plot")
        check_writable(plot, field="--plot", suffixes=PLOT_SUFFIXES)
    people = scenarios.read_cohort(cohort, scenario) if cohort is not None else None
    start = None
    if resume is not None:
        start = scenarios.load_state(load_netcdf(resume, field="--resume"), scenario, people,
                                     seed, source=str(resume))
        seed = start.signature["seed"]
    duration_ms = None if duration_s is None else duration_s * 1e3
    with _progress_bar(lang, show=not as_json and sys.stderr.isatty()) as progress:
        result, state = scenarios.run(scenario, duration_ms=duration_ms, seed=seed,
                                      cohort=people, state=start, progress=progress)
    _note_protocol_resets(scenario, assignments or [], duration_s)
    if out is not None:
        save_netcdf(result, out)
    if save_state is not None:
        save_netcdf(scenarios.state_file(state, result), save_state)
    if plot is not None:
        from kramp.plots import draw_run

        draw_run(result, plot, lang=lang.value)
    summaries = [scenarios.summarise(result, person) for person in range(result.sizes["person"])]
    if as_json:
        typer.echo(json.dumps(summaries[0] if people is None else
                              {"scenario": scenario.id, "people": summaries}))
        return
    for summary in summaries:
        _print_run_table(scenario, summary, lang, out)


def _note_protocol_resets(scenario: scenarios.Scenario, assignments: list[str],
                          duration_s: float | None) -> None:
    """A note on stderr for each ``--set`` path the scenario's protocol sets again within the
    run: not an error (the value holds until then, which may be what was meant), and said once
    the run has gone through, so that bad input still gets its one line alone."""
    from kramp import scenarios

    ran = scenario if duration_s is None else scenario.updated(
        {("duration",): f"{duration_s * 1e3!r} ms"})
    for path, times in scenarios.reset_by_protocol(ran, assignments).items():
        shown = ", ".join(f"{t:g}" for t in times)
        typer.echo(f"note: `--set {path}` holds only until {min(times):g} ms: the scenario's "
                   f"protocol sets {path} again at {shown} ms", err=True)


@contextmanager
def _progress_bar(lang: Language, *,
                  show: bool) -> Iterator[Callable[[float, float], None] | None]:
    """A progress bar on stderr that disappears when the run ends; nothing when not shown."""
    if not show:
        yield None
        return
    columns = (TextColumn(LABELS[lang]["simulating"]), BarColumn(), TaskProgressColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)
        yield lambda done_ms, total_ms: bar.update(task, completed=done_ms, total=total_ms)


# Summary entries as the table shows them: key -> (English label, Swedish label, unit).
SUMMARY_ROWS = {
    "duration_ms": ("duration", "varaktighet", "ms"),
    "dt_ms": ("time step", "tidssteg", "ms"),
    "seed": ("seed", "slumpfrö", ""),
    "spike_count": ("spikes", "aktionspotentialer", ""),
    "spike_times_ms": ("spike times", "tidpunkter", "ms"),
    "mean_rate_hz": ("mean rate", "medelfrekvens", "Hz"),
    "resting_potential_mV": ("resting potential", "vilopotential", "mV"),
    "peak_v_mV": ("peak V", "högsta V", "mV"),
    "person": ("person", "person", ""),
    "start_ms": ("start", "start", "ms"),
    "peak_force_N": ("peak force", "högsta kraft", "N"),
    "return_to_baseline_ms": ("back to baseline after release", "åter i vila efter avslappning",
                              "ms"),
    "recruited_units": ("recruited motor units", "rekryterade motoriska enheter", ""),
    "rate_at_recruitment_hz": ("firing rate at recruitment", "frekvens vid rekrytering", "Hz"),
    "rate_at_peak_hz": ("firing rate at peak command", "frekvens vid högsta kommando", "Hz"),
    "spasm": ("spasm", "spasm", ""),
    "spasm_class": ("kind of spasm", "typ av spasm", ""),
    "involuntary_activity": ("involuntary activity", "ofrivillig aktivitet", ""),
    "involuntary_spikes": ("involuntary spikes", "ofrivilliga aktionspotentialer", ""),
    "involuntary_emg_rms_mV": ("EMG at rest after release (RMS)", "EMG i vila efter (RMS)", "mV"),
    "spontaneous_discharges": ("spontaneous axon discharges", "spontana urladdningar i axon",
                               ""),
    "spontaneous_discharge_rate_hz": ("spontaneous discharge rate (nerve)",
                                      "spontan urladdningsfrekvens (nerv)", "/s"),
    "multiplets": ("multiplet bursts", "multipletter", ""),
    "stimulated_muscle": ("stimulated muscle", "stimulerad muskel", ""),
    "cmap_amplitude_mV": ("M-wave (CMAP) amplitude, distal", "M-svarets (CMAP) amplitud, distalt",
                          "mV"),
    "distal_latency_ms": ("distal motor latency", "distal motorisk latens", "ms"),
    "cmap_duration_ms": ("M-wave duration, distal", "M-svarets varaktighet, distalt", "ms"),
    "conduction_velocity_m_per_s": ("motor conduction velocity", "motorisk ledningshastighet",
                                    "m/s"),
    "fibre_resting_potential_mV": ("muscle-fibre resting potential",
                                   "muskelfibrernas vilopotential", "mV"),
    "fibres_firing_fraction": ("muscle fibres firing to the stimulus",
                               "muskelfibrer som svarar på retningen", ""),
    "fibre_action_potential_peak_mV": ("muscle-fibre action-potential peak",
                                       "muskelfibrernas aktionspotential, topp", "mV"),
    "breaths": ("breaths", "andetag", ""),
    "breaths_per_minute": ("breathing rate", "andningsfrekvens", "/min"),
    "force_per_breath_N": ("diaphragm force per breath", "diafragmakraft per andetag", "N"),
    "force_per_breath_percent_of_max": ("force per breath, share of maximum",
                                        "kraft per andetag, andel av max", "%"),
}
_YES_NO = {Language.en: ("yes", "no"), Language.sv: ("ja", "nej")}


def _shown(value: Any, unit: str, lang: Language) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, list):
        if not value:
            return LABELS[lang]["no_spikes"]
        text = ", ".join(f"{v:.2f}" for v in value[:SHOWN_SPIKE_TIMES])
        return text + (", …" if len(value) > SHOWN_SPIKE_TIMES else "") + f" {unit}"
    if isinstance(value, float):
        return f"{value:.4g} {unit}".strip()
    return f"{value} {unit}".strip()


def _print_run_table(scenario: scenarios.Scenario, summary: dict[str, Any], lang: Language,
                     out: Path | None) -> None:
    from kramp.analysis import spasm

    labels = LABELS[lang]
    column = 0 if lang == Language.en else 1
    table = Table(title=f"{labels['run']}: {scenario.name.get(lang)}", show_header=False)
    table.add_row(labels["scenario"], f"{scenario.name.get(lang)} ({summary['scenario']})")
    for key, value in summary.items():
        if key in SUMMARY_ROWS:
            row = SUMMARY_ROWS[key]
            if key == "spasm_class" and value is not None:
                value = spasm.CLASS_NAMES[value][column]
            table.add_row(row[column], _shown(value, row[2], lang))
    if out is not None:
        table.add_row(labels["saved"], str(out))
    Console().print(table)


def _default_language() -> Language:
    """Swedish where the user's locale is Swedish, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return Language.sv if value.lower().startswith("sv") else Language.en
    return Language.en


def _check_report_folder(out: Path) -> None:
    """Fail now, before the runs, unless ``out`` is (or can become) a folder kramp may write."""
    from kramp.results import check_writable

    if out.exists() and not out.is_dir():
        raise KrampInputError(f"`--out`: '{out}' is a file; allowed: a folder, new or existing",
                              field="--out")
    check_writable(out.parent / "report.md", field="--out", suffixes=(".md",))


@app.command("explain")
def explain_command(
    lang: Annotated[Language | None, typer.Option(
        "--lang", help="Language of the report; default: Swedish in a Swedish locale, "
                       "else English.")] = None,
    out: Annotated[Path, typer.Option(
        "--out", metavar="DIR",
        help="Folder for report.md, report.html and the figures (created if missing).")
    ] = Path("kramp-report"),
    quick: Annotated[bool, typer.Option(
        "--quick", help="Run each cause's shorter quick version (the report says what it "
                        "leaves out).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Answer "Vad orsakar muskelspasmer?": run every cause on the default virtual person and
    write a ranked, illustrated report (Markdown and self-contained HTML)."""
    from kramp.explain.runs import start_workers_early

    # the workers' imports go on beside this process's own
    start_workers_early()
    from kramp.explain.report import build_report, write_report

    language = lang or _default_language()
    _check_report_folder(out)
    show = not as_json and sys.stderr.isatty()
    with tempfile.TemporaryDirectory(prefix="kramp-figures-") as scratch, \
            _explain_progress(language, show=show) as progress:
        report = build_report(lang=language.value, quick=quick, figures=Path(scratch),
                              progress=progress)
        write_report(report, Path(scratch), out)
    if as_json:
        typer.echo(json.dumps({"report": str(out / "report.md"), "html": str(out / "report.html"),
                               "lang": language.value, "quick": quick,
                               "seconds": report.seconds, "runs": report.verdicts(),
                               "sensitivity": report.screens,
                               "prevention": {key: [{k: person.get(k) for k in (
                                   "spasm", "spasm_class", "plasma_sodium_mM",
                                   "extracellular_fluid_L", "sodium_balance_mmol")}
                                   for person in found["people"]]
                                   for key, found in report.compared.items()}},
                              ensure_ascii=False))
        return
    _print_explain_table(report, out)


@contextmanager
def _explain_progress(lang: Language, *, show: bool, label: dict[str, str] | None = None
                      ) -> Iterator[Callable[[int, int, str], None] | None]:
    """A bar of the runs finished (by default the causes), naming the last one; nothing when
    not shown."""
    if not show:
        yield None
        return
    label = (label or {"en": "running the causes", "sv": "kör orsakerna"})[lang.value]
    columns = (TextColumn(label), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[last]}"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None, last="")
        yield lambda done, total, last: bar.update(task, completed=done, total=total, last=last)


def _print_explain_table(report: Any, out: Path) -> None:
    """The ranked table's main columns on the terminal; the rest is in the report."""
    from kramp.explain.report import ranked_table
    from kramp.explain.texts import TEXT

    text = TEXT[report.lang]
    table = Table("#", *(text[k] for k in ("col_cause", "col_class", "short_onset",
                                             "short_duration", "short_force", "col_care")),
                  title=text["title"])
    header, *lines = ranked_table(report)
    shown = [header.index(text[k]) for k in ("col_class", "col_onset", "col_duration",
                                             "col_force", "col_care")]
    for line, row in zip(lines, report.rows, strict=True):
        rank = "" if row.role == "control" else line[0]
        table.add_row(rank, row.scenario.name.get(report.lang), *(line[k] for k in shown))
    console = Console()
    console.print(table)
    console.print(f"{out / 'report.md'}  {out / 'report.html'}")


@app.command("dose-response")
def dose_response_command(
    factor: Annotated[list[str] | None, typer.Option(
        "--factor", metavar="NAME",
        help="Only these factors: ionised_calcium, total_magnesium, potassium, "
             "body_water_change (default: all).")] = None,
    out: Annotated[Path, typer.Option(
        "--out", metavar="DIR", help="Folder for one PNG per factor and dose_response.json "
                                     "(created if missing).")] = Path("kramp-dose-response"),
    lang: LanguageOption = Language.en,
    as_json: JsonOption = False,
) -> None:
    """Spontaneous motor-axon discharge of a resting hand against ionised calcium, magnesium,
    potassium and body-water change, each level a virtual person of one cohort; the clinical
    normal range shaded and the threshold marked."""
    from kramp.explain import dose_response

    known = dose_response.FACTORS
    chosen = list(dict.fromkeys(factor or known))
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise KrampInputError(f"`--factor` {unknown[0]!r} is not a factor; allowed: "
                              f"{', '.join(known)}", field="--factor")
    _check_report_folder(out)
    curves = []
    with _explain_progress(lang, show=not as_json and sys.stderr.isatty(),
                           label={"en": "running the levels",
                                  "sv": "kör nivåerna"}) as progress:
        for done, name in enumerate(chosen):
            curves.append(dose_response.sweep(known[name]))
            if progress is not None:
                progress(done + 1, len(chosen), name)
    figures = dose_response.write(curves, out, lang.value)
    if as_json:
        typer.echo(json.dumps({"curves": [c.to_json() for c in curves],
                               "figures": [str(f) for f in figures]}, ensure_ascii=False))
        return
    words = {"en": ("factor", "normal", "threshold", "levels with discharge", "none"),
             "sv": ("faktor", "normalt", "tröskel", "nivåer med urladdning", "ingen")}[lang.value]
    table = Table(*words[:4], title="kramp dose-response")
    for curve in curves:
        unit = curve.factor.unit
        firing = [f"{x:g}" for x, f in zip(curve.levels, curve.discharging_fraction,
                                           strict=True) if f > 0.0]
        table.add_row(curve.factor.label[lang.value],
                      f"{curve.factor.normal[0]:.3g}–{curve.factor.normal[1]:.3g} {unit}",
                      words[4] if curve.threshold is None else f"{curve.threshold:g} {unit}",
                      ", ".join(firing) or words[4])
    console = Console()
    console.print(table)
    console.print("  ".join(str(f) for f in figures))


@app.command("validate")
def validate_command(
    only: Annotated[list[str] | None, typer.Option(
        "--only", metavar="ID", help="Run only these targets (e.g. --only A1 --only B3).")] = None,
    as_json: JsonOption = False,
    workers: Annotated[int, typer.Option(
        "--workers", metavar="N",
        help=f"Run the targets in N processes side by side, one core each "
             f"(1–{MAX_WORKERS}).")] = 1,
) -> None:
    """Run every validation target's virtual experiment and compare with the published value.

    A failing target is shown as failing, with the value the model produced.
    """
    from kramp.validation import registry

    if not 1 <= workers <= MAX_WORKERS:
        raise KrampInputError(f"`--workers` {workers} processes; allowed: 1–{MAX_WORKERS}",
                              field="--workers")
    ids = registry.select(only)
    with _progress_bar(Language.en, show=not as_json and sys.stderr.isatty()) as progress:
        results = registry.run_targets(ids, workers, progress)
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in results], ensure_ascii=False))
        return
    table = Table("id", "quantity", "published", "band", "model", "result", "evidence",
                  "source", title="kramp validate", show_lines=True)
    styles = {"pass": "green", "FAIL": "bold red", "n/a": "yellow"}
    for r in results:
        evidence = ("fitted to it: " + ", ".join(r.fitted_parameters) if r.fitted
                    else "prediction")
        table.add_row(r.id, r.quantity, r.published, r.band, r.model_value,
                      f"[{styles[r.status]}]{r.status}[/]", evidence, r.source)
    console = Console()
    console.print(table)
    for label, group in (("predictions", [r for r in results if not r.fitted]),
                         ("fitted (calibrations, not evidence)", [r for r in results if r.fitted])):
        counts = {status: sum(r.status == status for r in group) for status in styles}
        console.print(f"{label}: {counts['pass']} pass, {counts['FAIL']} FAIL, "
                      f"{counts['n/a']} without their reference simulator")
