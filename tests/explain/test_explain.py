"""``kramp explain``: the causes library, the mechanism chain, and the report in both languages."""

import dataclasses
import json
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kramp import scenarios
from kramp.analysis import mechanism
from kramp.cli import app
from kramp.errors import KrampInputError
from kramp.explain.library import CONTROL_ID, article_causes, library
from kramp.explain.report import build_report, write_report
from kramp.explain.texts import TEXT

runner = CliRunner()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_say_every_sentence_with_the_same_numbers():
    """A sentence missing from one language, or one that drops a number, fails here (the
    parameters' descriptions exist in English only, so the Swedish report leaves them out)."""
    assert TEXT["sv"].keys() == TEXT["en"].keys()
    for key in TEXT["en"]:
        english = _placeholders(TEXT["en"][key]) - {"meaning"}
        assert _placeholders(TEXT["sv"][key]) == english, key


def _bundled(name: str) -> scenarios.Scenario:
    return scenarios.load_scenario(name)


def _variant(base: str, changes: dict) -> scenarios.Scenario:
    return _bundled(base).updated(changes)


def test_a_new_cause_scenario_joins_the_library_by_its_tag_alone():
    salty = _variant("low-potassium-fibre", {("id",): "salt-poor-fibre",
                                             ("cause", "rows"): ["S15"],
                                             ("cause", "seek_care"): False})
    found = library(found=[*scenarios.list_scenarios(), salty])
    diet = next(c for c in found.article_causes if c.id == "diet")
    bundled = library()
    assert ({s.id for s in found.shown_by(diet)}
            == {s.id for s in bundled.shown_by(diet)} | {"salt-poor-fibre"})
    assert "salt-poor-fibre" in {s.id for s in found.runs()}
    assert "salt-poor-fibre" not in {s.id for s in bundled.runs()}
    # the bundled library: the stretch is the exercise cramp's relief, not a cause of its own
    assert [s.id for s in bundled.reliefs["exercise-cramp"]] == ["exercise-cramp-stretched"]
    assert "exercise-cramp-stretched" not in {s.id for s in bundled.causes}


def test_a_relief_of_an_unknown_cause_is_refused():
    lost = _variant("exercise-cramp-stretched", {("id",): "lost-stretch",
                                                 ("cause", "relief_of"): "no-such-cause"})
    with pytest.raises(KrampInputError, match="no-such-cause") as error:
        library(found=[*scenarios.list_scenarios(), lost])
    assert error.value.field == "cause.relief_of"


@pytest.mark.parametrize("table, field", [
    ('[quick]\nset = { "drive.loudness" = 2 }\nnote.sv = "x"\nnote.en = "x"\n',
     "quick.set.drive.loudness"),
    ('[sensitivity]\nfactors = ["ions.calcium", "ions.loudness"]\n', "sensitivity.factors"),
    ('[sensitivity]\nfactors = ["ions.calcium"]\nbounds."ions.calcium" = ["0.1 mM", "1 mM"]\n',
     "sensitivity.bounds.ions.calcium"),
])
def test_a_bad_quick_or_sensitivity_table_is_refused_naming_it(tmp_path, table, field):
    text = (Path(scenarios.loader.LIBRARY / "voluntary-contraction.toml")
            .read_text(encoding="utf-8") + "\n" + table)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--json"])
    assert result.exit_code == 2
    assert field in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_low_calcium_tetany_is_born_in_the_axons():
    """No command reaches the motoneurones (the somata fire only when the axons' ectopic spikes
    invade them antidromically), so every spike at the muscle was born in the axon."""
    result, _ = scenarios.run(_bundled("low-calcium-axon"))
    chain = mechanism.chain(result)
    assert float(result["command"].max()) == 0.0
    assert result.sizes["axon.ectopic.spike"] > 0
    assert chain["class"] == "tetany"
    assert chain["axon_born_share"] == 1.0


def test_a_stretch_reflex_spasm_is_born_in_the_cord_after_the_spindles_fire():
    """Stretching the relaxed calf after a stroke: the spindles' Ia fibres fire more before the
    onset than at rest (they sense the stretch), and no axon fired ectopically."""
    result, _ = scenarios.run(_bundled("stroke-spasticity"), duration_ms=3000.0)
    chain = mechanism.chain(result)
    assert chain["class"] == "spasticity"
    assert result.sizes["axon.ectopic.spike"] == 0
    assert chain["axon_born_share"] == 0.0
    ia = chain["afferents"]["ia"]
    assert ia["before_onset_pps"] > ia["rest_pps"]


def _small_library():
    """Low calcium and low potassium, normal calcium as low calcium's 'relief', and a short
    healthy control: the whole report, quickly (without the screening of low calcium)."""
    low_calcium = _bundled("low-calcium-axon").updated({("sensitivity",): None})
    restored = low_calcium.updated({("id",): "calcium-restored",
                                    ("parameters", "ions", "calcium"): "1.2 mM",
                                    ("cause", "relief_of"): "low-calcium-axon"})
    control = _bundled(CONTROL_ID).updated({("duration",): "1 s"})
    from kramp.explain.library import Library

    return Library(article_causes=article_causes(),
                   causes=(low_calcium, _bundled("low-potassium-fibre")),
                   reliefs={"low-calcium-axon": (restored,)}, control=control, quick=False)


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """The small library's report in one language, and the folder of its figures: built once
    per language for the tests of this module that read it."""
    built = {}

    def get(lang: str):
        if lang not in built:
            figures = tmp_path_factory.mktemp(f"figures-{lang}")
            built[lang] = (build_report(lang=lang, quick=False, figures=figures,
                                        causes=_small_library()), figures)
        return built[lang]

    return get


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_names_every_cause_with_its_own_verdict_and_figure(tmp_path, lang,
                                                                      small_report):
    report, figures = small_report(lang)
    write_report(report, figures, tmp_path / "report")
    markdown = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {TEXT[lang]['title']}")
    for scenario_id in ("low-calcium-axon", "low-potassium-fibre", CONTROL_ID):
        assert f"`{scenario_id}`" in markdown
        assert f"figures/{scenario_id}.png" in markdown
        assert (tmp_path / "report" / "figures" / f"{scenario_id}.png").stat().st_size > 0
    # self-contained: every figure embedded, none linked
    assert page.count('src="data:image/png;base64,') == markdown.count("](figures/")
    assert 'src="figures/' not in page
    # each row says what that scenario's own `kramp run --json` says
    ranked = [line.split(" | ") for line in markdown.splitlines()
              if line.startswith("| 1 |") or line.startswith("| 2 |")]
    assert "low-calcium-axon" in ranked[0][1]  # the tetany ranks above no spasm
    own = json.loads(runner.invoke(app, ["run", "low-calcium-axon", "--quick", "--json"]).output)
    verdicts = report.verdicts()
    for key in ("spasm", "spasm_class", "spasm_episodes"):
        assert verdicts["low-calcium-axon"][key] == own[key]
    assert verdicts[CONTROL_ID]["spasm"] is False
    # restoring calcium ends the tetany: 1.7 s → 0.0 s
    relief = re.search(r"(\d+\.\d) → (\d+\.\d) s", markdown)
    assert float(relief.group(1)) >= 1.0 and float(relief.group(2)) == 0.0


def test_explain_refuses_an_output_folder_it_cannot_write(tmp_path):
    a_file = tmp_path / "taken"
    a_file.write_text("", encoding="utf-8")
    for out in (a_file, tmp_path / "missing" / "report"):
        result = runner.invoke(app, ["explain", "--quick", "--out", str(out)])
        assert result.exit_code == 2
        assert "--out" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_every_cause_of_the_library_gets_its_row_section_and_figure(tmp_path, monkeypatch):
    """Whatever the runs find, the report names every scenario of the bundled library (quick
    or not) and shows each one's figure, and every cause of the article. The runs are stood in
    for here (each "finds" no spasm and draws an empty figure); the tests above run real ones."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kramp.explain import report as report_module

    def stand_in(runs, figures, lang, comparisons=(), **_):
        found = {}
        for scenario in runs:
            figure = figures / f"{scenario.id}.png"
            plt.figure(figsize=(1, 1)).savefig(figure)
            plt.close("all")
            found[scenario.id] = {"summary": {"spasm": False, "spasm_class": None,
                                              "spasm_episodes": []},
                                  "chain": None, "figure": str(figure), "seconds": 0.0}
        compared = {key: {"people": [{"spasm": False, "spasm_class": None}] * len(levels)}
                    for key, _, _, levels in comparisons}
        return found, {}, compared

    monkeypatch.setattr(report_module, "run_all", stand_in)
    for quick, lang in ((True, "sv"), (False, "en")):
        figures = tmp_path / f"scratch-{lang}"
        figures.mkdir()
        found = build_report(lang=lang, quick=quick, figures=figures)
        write_report(found, figures, tmp_path / lang)
        markdown = (tmp_path / lang / "report.md").read_text(encoding="utf-8")
        bundled = library(quick=quick)
        for scenario in bundled.runs():
            assert f"`{scenario.id}`" in markdown
            assert f"](figures/{scenario.id}.png)" in markdown
        for cause in bundled.article_causes:
            assert cause.name.get(lang) in markdown
        if quick:  # each shortened cause says what its quick version leaves out
            for scenario in bundled.causes:
                if scenario.quick is not None:
                    assert scenario.quick.note.sv in markdown


def test_the_screening_finds_calcium_and_not_a_factor_that_cannot_act():
    """With no voluntary command, the frequency of the command's (absent) sine cannot change
    whether a spasm arises: its elementary effects on occurrence are zero, and on severity only
    the scatter of quantal release between the people of the design (each draws its own
    quanta), far below calcium's."""
    from kramp.explain.sensitivity import screen

    scenario = _bundled("low-calcium-axon").updated({
        ("duration",): "1.5 s",
        ("sensitivity",): {"factors": ["ions.calcium", "drive.sine_frequency"],
                           "trajectories": 2, "bounds": {"ions.calcium": ["0.6 mM", "1.3 mM"]}}})
    found = screen(scenario)
    assert found["people"] == 6
    effects = {factor["path"]: factor for factor in found["factors"]}
    assert effects["drive.sine_frequency"]["mu_star_occurrence"] == 0.0
    assert (effects["drive.sine_frequency"]["mu_star_severity"]
            < 0.1 * effects["ions.calcium"]["mu_star_severity"])
    assert found["factors"][0]["path"] == "ions.calcium"


def test_kramp_run_quick_runs_the_quick_version_that_explain_reports(tmp_path):
    text = (Path(scenarios.loader.LIBRARY / "voluntary-contraction.toml")
            .read_text(encoding="utf-8").replace('duration = "10 s"', 'duration = "200 ms"')
            + '\n[quick]\nset = { duration = "50 ms" }\nnote.sv = "kort"\nnote.en = "short"\n')
    path = tmp_path / "short.toml"
    path.write_text(text, encoding="utf-8")
    full, quick = (json.loads(runner.invoke(app, ["run", str(path), *extra, "--json"]).output)
                   for extra in ([], ["--quick"]))
    assert (full["duration_ms"], quick["duration_ms"]) == (200.0, 50.0)


def test_the_prevention_section_compares_salt_intakes_in_one_cohort(tmp_path):
    """Enough salt against too little with heavy training, as two people of one cohort: the
    low-salt person ends the days with less sodium and less extracellular fluid; the report
    says whether their verdicts differ, and why the other preventions are not compared."""
    from kramp.explain.library import Library, prevention

    salty = _bundled("training-low-salt-diet").updated({("duration",): "50 ms"})
    control = _bundled(CONTROL_ID).updated({("duration",): "50 ms"})
    compared, missing = prevention({salty.id})
    small = Library(article_causes=article_causes(), causes=(salty,), reliefs={},
                    control=control, quick=False, comparisons=compared, not_compared=missing)
    ran = build_report(lang="en", quick=False, figures=tmp_path, causes=small)
    usual, low = ran.compared["salt"]["people"]
    assert low["sodium_balance_mmol"] < usual["sodium_balance_mmol"] < 0.0
    assert low["extracellular_fluid_L"] < usual["extracellular_fluid_L"]
    for lang in ("sv", "en"):
        # the runs are the same in either language (only their figures' labels differ)
        markdown = dataclasses.replace(ran, lang=lang).markdown(lambda path: path)
        section = markdown.split(f"## {TEXT[lang]['prevention_title']}")[1]
        for label in compared[0].labels[lang]:
            assert label in section
        same = usual["spasm_class"] == low["spasm_class"]
        assert TEXT[lang]["prevention_same" if same else "prevention_differs"] in section
        for entry in missing:
            assert entry.reason.get(lang) in section


def test_a_relief_branching_from_its_causes_state_matches_its_own_run(tmp_path):
    """`kramp explain` runs a stretch relief from its cause's State at the stretch; each of the
    two then reports exactly what its own `kramp run` reports."""
    from kramp.explain.runs import branch_point_ms, run_branches, run_one

    cause = _bundled("exercise-cramp").updated(
        {("duration",): "3 s", ("parameters", "drive", "hold"): "1 s"})
    relief = _bundled("exercise-cramp-stretched").updated(
        {("duration",): "3.5 s", ("parameters", "drive", "hold"): "1 s",
         ("parameters", "movement", "ramp_start"): "2500 ms"})
    assert branch_point_ms(cause, relief, 8.0) == 2496.0
    branched = run_branches(cause.to_json(), relief.to_json(), str(tmp_path), "en")
    for scenario in (cause, relief):
        alone = run_one(scenario.to_json(), None, "en")
        assert branched[scenario.id]["summary"] == alone["summary"]


def test_the_terminal_table_shows_each_causes_verdict_and_seek_care(tmp_path, capsys,
                                                                  small_report):
    """The terminal's short table takes its columns from the report's table by name, so a column
    added to the report cannot shift another into the seek-care column."""
    from kramp.cli import _print_explain_table

    report, _ = small_report("en")
    capsys.readouterr()
    _print_explain_table(report, tmp_path)
    printed = capsys.readouterr().out
    cells = [[cell.strip() for cell in line.split("│")[1:-1]]
             for line in printed.splitlines() if line.startswith("│")]
    ranked = [row for row in cells if row[0]]  # a cause's first line (the control has no rank)
    for row, cause in zip(ranked, report.rows, strict=False):
        assert row[-1] == ("yes" if cause.scenario.cause.seek_care else "no")
