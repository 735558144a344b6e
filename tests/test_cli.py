"""The ``kramp`` command line: listing, running, ``--json``, ``--out`` and one-line errors."""

import json
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

import kramp
from kramp.cli import app
from kramp.results import NETCDF_ENGINE

runner = CliRunner()

SUMMARY_KEYS = {"scenario", "duration_ms", "dt_ms", "seed", "spike_times_ms", "spike_count",
                "mean_rate_hz", "resting_potential_mV", "kramp_version"}

USER_SCENARIO = """\
id = "slow-axon"
model = "hh_membrane"
duration = "40 ms"

[name]
sv = "långsamt axon"
en = "slow axon"

[description]
sv = "Bläckfiskaxonet vid 2 °C."
en = "The squid axon at 2 °C."

[parameters.membrane]
temperature = "2 degC"
"""


def kramp_run(*args: str) -> dict:
    """``kramp run … --json``, checked to succeed, as the parsed JSON object."""
    result = runner.invoke(app, ["run", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kramp {kramp.__version__}"


def test_scenarios_lists_ids_and_both_names():
    result = runner.invoke(app, ["scenarios"])
    assert result.exit_code == 0
    for text in ("squid-axon", "bläckfiskaxon", "squid axon", "Swedish name"):
        assert text in result.stdout


def test_scenarios_in_swedish_describe_in_swedish():
    result = runner.invoke(app, ["scenarios", "--lang", "sv"])
    assert result.exit_code == 0
    assert "beskrivning" in result.stdout
    assert "jätteaxon" in result.stdout


def test_scenarios_as_json():
    result = runner.invoke(app, ["scenarios", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    squid = next(item for item in listed if item["id"] == "squid-axon")
    assert squid["name"] == {"sv": "bläckfiskaxon", "en": "squid axon"}
    assert squid["description"]["en"]


def test_run_prints_a_table_with_the_summary():
    result = runner.invoke(app, ["run", "squid-axon", "--duration", "0.05"])
    assert result.exit_code == 0, result.stderr
    for text in ("squid axon", "resting potential", "-64.97 mV", "50 ms", "spike times"):
        assert text in result.stdout


def test_run_json_is_the_only_output_and_has_every_key():
    summary = kramp_run("squid-axon", "--duration", "0.1", "--set", "stimulus.amplitude=20")
    assert set(summary) >= SUMMARY_KEYS
    assert summary["scenario"] == "squid-axon"
    assert summary["duration_ms"] == 100.0
    assert summary["spike_count"] == len(summary["spike_times_ms"]) > 0
    assert summary["kramp_version"] == kramp.__version__


@pytest.mark.parametrize("name", ["bläckfiskaxon", "Squid Axon"])
def test_run_by_either_name_is_run_by_id(name):
    assert kramp_run(name, "--duration", "0.03") == kramp_run("squid-axon", "--duration", "0.03")


def test_run_a_users_scenario_file(tmp_path):
    path = tmp_path / "slow.toml"
    path.write_text(USER_SCENARIO, encoding="utf-8")
    summary = kramp_run(str(path))
    assert summary["scenario"] == "slow-axon"
    assert summary["duration_ms"] == 40.0


def test_set_with_a_bare_number_equals_set_with_a_unit():
    bare = kramp_run("squid-axon", "--duration", "0.04", "--set", "stimulus.amplitude=20",
                     "--set", "membrane.temperature=18.5")
    with_units = kramp_run("squid-axon", "--duration", "0.04",
                           "--set", "stimulus.amplitude=20 uA/cm2",
                           "--set", "membrane.temperature=291.65 K")
    default = kramp_run("squid-axon", "--duration", "0.04")
    assert bare == with_units
    assert bare["spike_times_ms"] != default["spike_times_ms"]


def test_a_set_value_a_protocol_step_replaces_is_noted_on_stderr():
    # the nerve conduction study moves its electrode to the elbow at 150 ms (a protocol step)
    args = ["run", "nerve-conduction-study", "--set", "stimulation.site_distance=100 mm",
            "--set", "stimulation.intensity=30 mA", "--json"]
    noted = runner.invoke(app, [*args, "--duration", "0.2"])
    assert noted.exit_code == 0, noted.output
    assert noted.stderr.strip() == (
        "note: `--set stimulation.site_distance` holds only until 150 ms: the scenario's "
        "protocol sets stimulation.site_distance again at 150 ms")
    json.loads(noted.stdout)
    # a run that ends before the step keeps the value throughout
    assert runner.invoke(app, [*args, "--duration", "0.1"]).stderr == ""


def test_out_writes_a_netcdf_with_units_and_provenance(tmp_path):
    out = tmp_path / "squid.nc"
    result = runner.invoke(app, ["run", "squid-axon", "--duration", "0.02", "--seed", "4",
                                 "--out", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["squid.nc"]  # no temporary file left
    saved = xr.load_dataset(out, engine=NETCDF_ENGINE)
    assert saved["membrane.v"].attrs["units"] == "mV"
    assert saved["spike_time_ms"].attrs["units"] == "ms"
    assert saved["stimulus.amplitude"].attrs["units"] == "uA/cm2"
    assert saved.attrs["seed"] == 4
    assert saved.attrs["kramp_version"] == kramp.__version__
    assert saved.attrs["scenario_id"] == "squid-axon"
    assert json.loads(saved.attrs["scenario"])["duration"] == "20.0 ms"
    assert list(saved["spike_time_ms"].values) == json.loads(result.stdout)["spike_times_ms"]


def test_same_seed_same_dataset_and_another_seed_another(tmp_path):
    def saved(seed: str, name: str) -> xr.Dataset:
        out = tmp_path / name
        result = runner.invoke(app, ["run", "squid-axon", "--duration", "0.04", "--set",
                                     "stimulus.noise_sd=5", "--seed", seed, "--out", str(out)])
        assert result.exit_code == 0, result.stderr
        return xr.load_dataset(out, engine=NETCDF_ENGINE)

    first = saved("1", "a.nc")
    xr.testing.assert_identical(first, saved("1", "b.nc"))
    other = saved("2", "c.nc")
    assert not (first["membrane.v"].values == other["membrane.v"].values).all()


BAD_INPUTS = [
    (["squid-axn"], ["unknown scenario 'squid-axn'", "did you mean: squid-axon?"]),
    (["squid-axon", "--set", "stimulus.amplitud=20"],
     ["unknown `--set` path `stimulus.amplitud`", "stimulus.amplitude"]),
    (["squid-axon", "--set", "stimulus.amplitude=10 mV"], ["`stimulus.amplitude`", "mV", "uA/cm2"]),
    (["squid-axon", "--set", "stimulus.amplitude=900"],
     ["`stimulus.amplitude` must be in [-200, 500] uA/cm2", "900"]),
    (["squid-axon", "--set", "membrane.temperature=400 K"],
     ["`membrane.temperature` must be in [0, 40] degC"]),
    (["squid-axon", "--set", "stimulus.amplitude"],
     ["`--set stimulus.amplitude` must be PATH=VALUE"]),
    (["squid-axon", "--duration", "0"], ["`duration` must be in (0, 3600] s", "got 0 s"]),
    (["squid-axon", "--duration", "-1"], ["`duration` must be in (0, 3600] s"]),
    (["squid-axon", "--duration", "1e9"], ["`duration` must be in (0, 3600] s"]),
    (["squid-axon", "--duration", "soon"], ["--duration"]),
    (["squid-axon", "--seed", "-3"], ["`seed` must be a whole number in [0, 2^63 − 1]"]),
    (["squid-axon", "--duration", "nan"], ["`duration` must be a number"]),
    (["squid-axon", "--lang", "de"], ["--lang"]),
    (["squid-axon", "--bogus"], ["--bogus"]),
    (["low-calcium-axon", "--set", "ions.calcium=0"], ["`ions.calcium` must be in [0.2, 5] mM"]),
    (["low-calcium-axon", "--set", "ions.potassium=-1"],
     ["`ions.potassium` must be in [0.5, 12] mM", "-1"]),
    (["low-calcium-axon", "--set", "ions.chloride=149", "--set", "ions.sodium=100"],
     ["`ions.chloride` must not exceed the cations' charge", "mM"]),
    (["nerve-conduction-study", "--set", "stimulation.site_distance=1300"],
     ["`stimulation.site_distance` must be in [5, 1199] mm"]),
]


def assert_one_line_error(result, expected: list[str]) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in lines[0]


@pytest.mark.parametrize(("args", "expected"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, args, expected):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = runner.invoke(app, ["run", *args, "--out", str(out_dir / "r.nc")])
    assert_one_line_error(result, expected)
    assert list(out_dir.iterdir()) == []


def test_malformed_scenario_file_names_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "broken"\n\nmodel = = "hh_membrane"\n', encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "r.nc")])
    assert_one_line_error(result, ["broken.toml", "malformed TOML", "line 3"])
    assert [p.name for p in tmp_path.iterdir()] == ["broken.toml"]


@pytest.mark.parametrize(("out", "expected"), [
    ("missing/r.nc", ["`--out`", "does not exist"]),
    ("a-file.txt/r.nc", ["`--out`", "does not exist"]),
    ("r.txt", ["`--out` must name a NetCDF file ending in .nc"]),
    (".", ["`--out` must name a NetCDF file"]),
])
def test_unusable_out_is_refused_before_simulating(tmp_path, out, expected):
    (tmp_path / "a-file.txt").write_text("not a directory")
    result = runner.invoke(app, ["run", "squid-axon", "--out", str(tmp_path / out)])
    assert_one_line_error(result, expected)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file.txt"]


def test_the_installed_command_end_to_end(tmp_path):
    def kramp_command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kramp", *args], capture_output=True,
                              text=True, cwd=tmp_path, timeout=120, check=False)

    good = kramp_command("run", "squid-axon", "--duration", "0.03", "--json")
    assert good.returncode == 0, good.stderr
    assert set(json.loads(good.stdout)) >= SUMMARY_KEYS

    bad = kramp_command("run", "squid-axon", "--set", "stimulus.amplitude=900", "--out", "r.nc")
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0
    assert "`stimulus.amplitude` must be in [-200, 500] uA/cm2" in bad.stderr
    assert list(tmp_path.iterdir()) == []


# --- cohorts, recordings, save and resume (the closed-loop engine) -----------------------------

def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def run_json(*args):
    result = runner.invoke(app, ["run", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def calf_cohort(tmp_path_factory):
    """Two people who differ in one parameter of four components, and each one's twin pair."""
    folder = tmp_path_factory.mktemp("cohort")
    header = ("motoneuron.e_k [mV],fibre.potentiation_gain,mechanics.normalised_length [1],"
              "drive.level [%]\n")
    a, b = "-80,1.7,1.0,50\n", "-74,3.0,1.2,35\n"
    files = {name: write(folder / f"{name}.csv", header + rows)
             for name, rows in (("ab", a + b), ("aa", a + a), ("bb", b + b))}
    return {name: run_json("voluntary-contraction", "--duration", "2", "--cohort", str(path))
            for name, path in files.items()}


def test_a_cohort_gives_each_person_what_it_gets_among_people_like_it(calf_cohort):
    ab, aa, bb = (calf_cohort[k]["people"] for k in ("ab", "aa", "bb"))
    assert [p["person"] for p in ab] == [0, 1]
    assert ab[0] == aa[0]
    assert ab[1] == bb[1]
    assert ab[0]["peak_force_N"] != ab[1]["peak_force_N"]


BAD_COHORTS = [
    ("drive.level [%]\n150\n", ["row 2, column `drive.level [%]`", "must be in [0, 100] %"]),
    ("drive.level\n50\n", ["column `drive.level` needs its unit in brackets", "[%]"]),
    ("drive.levl [%]\n50\n", ["unknown parameter `drive.levl`"]),
    ("spindle.gain [1]\n1\n", ["unknown component in column `spindle.gain [1]`"]),
    ("drive.level [%],drive.onset [ms]\n50\n", ["row 2 has 1 cells, the header 2"]),
    ("drive.level [%]\nlots\n", ["`lots` is not a number"]),
    ("drive.level [mV]\n50\n", ["`drive.level`", "mV"]),
    ("drive.level [%]\n", ["a cohort needs a header row and at least one person"]),
    ("soleus.n_unit [1]\n100\n120\n", ["`soleus.n_unit` must be the same for every person"]),
]


@pytest.mark.parametrize(("text", "expected"), BAD_COHORTS)
def test_a_bad_cohort_file_is_one_line_exit_2(tmp_path, text, expected):
    path = write(tmp_path / "people.csv", text)
    result = runner.invoke(app, ["run", "voluntary-contraction", "--duration", "0.01",
                                 "--cohort", str(path), "--out", str(tmp_path / "r.nc")])
    assert_one_line_error(result, expected)
    assert not (tmp_path / "r.nc").exists()


def saved_resumed_and_whole(tmp_path, scenario: str, first_s: str, second_s: str, whole_s: str):
    """The results of ``scenario`` run for ``first_s`` with its state saved, resumed from that
    state for ``second_s``, and run in one piece for ``whole_s`` (durations as the CLI takes
    them)."""
    def run(*args):
        result = runner.invoke(app, ["run", scenario, *args])
        assert result.exit_code == 0, result.output

    state, first, second, whole = (tmp_path / n for n in ("s.nc", "a.nc", "b.nc", "w.nc"))
    run("--duration", first_s, "--save-state", str(state), "--out", str(first))
    run("--duration", second_s, "--resume", str(state), "--out", str(second))
    run("--duration", whole_s, "--out", str(whole))
    return tuple(xr.load_dataset(p, engine=NETCDF_ENGINE) for p in (first, second, whole))


def test_a_run_saved_and_resumed_equals_the_run_in_one_piece(tmp_path):
    a, b, w = saved_resumed_and_whole(tmp_path, "voluntary-contraction", "3", "3", "6")
    for name in ("force_mN", "emg_mV"):
        np.testing.assert_array_equal(np.concatenate([a[name].values, b[name].values]),
                                      w[name].values)
    spikes = np.sort(np.concatenate([a.spike_time_ms.values, b.spike_time_ms.values]))
    np.testing.assert_array_equal(spikes, np.sort(w.spike_time_ms.values))
    assert b.attrs["start_ms"] == 3000.0


def test_a_poisoned_run_resumes_its_end_plate_cables(tmp_path):
    """With the esterase inhibited the fibres' end-plate regions are cables; a run saved 3 ms
    after the first nerve pulse (cables depolarised) resumes bit for bit."""
    a, b, w = saved_resumed_and_whole(tmp_path, "organophosphate", "0.103", "0.03", "0.133")
    # the resumed part continues the whole run bit for bit (the first part's last EMG sample,
    # cut mid-M-wave, misses the MUAPs emitted after it: so with the point fibre too)
    for name in ("force_mN", "emg_mV"):
        n = a[name].shape[0]
        np.testing.assert_array_equal(b[name].values, w[name].values[n:])
        np.testing.assert_array_equal(a[name].values[:-1], w[name].values[:n - 1])
    assert np.abs(b.emg_mV.values).max() > 1.0  # within the M-wave of the fibres' potentials


@pytest.fixture(scope="module")
def saved_squid(tmp_path_factory):
    path = tmp_path_factory.mktemp("state") / "squid.nc"
    result = runner.invoke(app, ["run", "squid-axon", "--duration", "0.01", "--save-state",
                                 str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(("args", "expected"), [
    (["voluntary-contraction"], ["saved by scenario 'squid-axon', not 'voluntary-contraction'"]),
    (["squid-axon", "--seed", "3"], ["seeded with 0, not 3"]),
    (["squid-axon", "--set", "dt=0.01 ms"], ["another network", "dt_ms"]),
])
def test_a_state_from_another_run_is_refused(saved_squid, args, expected):
    result = runner.invoke(app, ["run", *args, "--resume", str(saved_squid)])
    assert_one_line_error(result, expected)


def test_a_state_file_from_another_version_is_refused(saved_squid, tmp_path):
    old = xr.load_dataset(saved_squid, engine=NETCDF_ENGINE)
    old.attrs["kramp_version"] = "0.0.1"
    old.to_netcdf(tmp_path / "old.nc", engine=NETCDF_ENGINE)
    result = runner.invoke(app, ["run", "squid-axon", "--resume", str(tmp_path / "old.nc")])
    assert_one_line_error(result, ["saved by kramp 0.0.1", kramp.__version__])


def test_a_state_file_from_before_the_lines_held_spikes_is_refused(saved_squid, tmp_path):
    # its fanning-out lines would hold spread events, which would be read as spikes
    old = xr.load_dataset(saved_squid, engine=NETCDF_ENGINE)
    del old.attrs["waiting_format"]
    old.to_netcdf(tmp_path / "old.nc", engine=NETCDF_ENGINE)
    result = runner.invoke(app, ["run", "squid-axon", "--resume", str(tmp_path / "old.nc")])
    assert_one_line_error(result, ["fanning-out lines held spread events"])


def test_a_state_file_with_other_state_variables_is_refused(saved_squid, tmp_path):
    # a build that keeps one variable fewer would have its rows read as the wrong variables
    old = xr.load_dataset(saved_squid, engine=NETCDF_ENGINE)
    name = next(v for v in old.data_vars if v.startswith("state.") and v.endswith(".variables"))
    old = old.drop_vars(name).assign({name: old[name].isel({old[name].dims[0]: slice(1, None)})})
    old.to_netcdf(tmp_path / "old.nc", engine=NETCDF_ENGINE)
    result = runner.invoke(app, ["run", "squid-axon", "--resume", str(tmp_path / "old.nc")])
    assert_one_line_error(result, ["state variables where this build keeps"])


def test_the_recording_table_records_a_variable_for_three_units(tmp_path):
    scenario = write(tmp_path / "watched.toml", (
        'id = "watched"\nmodel = "motor_pool"\nmuscles = ["calf"]\nduration = "50 ms"\n'
        '[name]\nsv = "bevakad"\nen = "watched"\n'
        '[description]\nsv = "Vaden med registrerad somapotential."\n'
        'en = "The calf with its somatic potential recorded."\n'
        '[recording.motoneuron.v_soma]\ninterval = "0.1 ms"\nunits = [0, 150, 299]\n'))
    out = tmp_path / "w.nc"
    result = runner.invoke(app, ["run", str(scenario), "--out", str(out)])
    assert result.exit_code == 0, result.output
    v = xr.load_dataset(out, engine=NETCDF_ENGINE)["motoneuron.v_soma"]
    assert v.attrs["units"] == "mV"
    assert v.shape == (501, 1, 3)
    assert list(v["motoneuron.v_soma.unit"].values) == [0, 150, 299]
    assert -80.0 < float(v.min()) < float(v.max()) < -40.0  # at rest: no drive in 50 ms


@pytest.mark.parametrize(("table", "expected"), [
    ('[recording.motoneuron.v_axon]\ninterval = "1 ms"\n',
     ["unknown variable `motoneuron.v_axon` to record"]),
    ('[recording.motoneuron.v_soma]\ninterval = "1 ms"\nunits = [300]\n',
     ["`recording.motoneuron.v_soma.units` must be unit indices in [0, 299]"]),
    ('[recording.fibre.force_norm]\ninterval = "0.5 ms"\n',
     ["`recording.fibre.force_norm.interval` must be a whole number of 1 ms"]),
])
def test_a_bad_recording_is_one_line_exit_2(tmp_path, table, expected):
    scenario = write(tmp_path / "bad.toml", (
        'id = "bad"\nmodel = "motor_pool"\nduration = "10 ms"\n'
        '[name]\nsv = "fel"\nen = "bad"\n[description]\nsv = "Fel."\nen = "Bad."\n' + table))
    result = runner.invoke(app, ["run", str(scenario), "--out", str(tmp_path / "r.nc")])
    assert_one_line_error(result, expected)
    assert not (tmp_path / "r.nc").exists()


def test_an_unsupported_dt_is_one_line_exit_2():
    result = runner.invoke(app, ["run", "voluntary-contraction", "--set", "dt=0.03 ms"])
    assert_one_line_error(result, ["`dt` = 0.03 ms must divide the 1 ms step"])


def test_plot_draws_a_motor_run_with_its_spasm_marked(tmp_path):
    picture = tmp_path / "tetany.png"
    outcome = runner.invoke(app, ["run", "low-calcium-axon", "--plot",
                                  str(picture), "--lang", "sv"])
    assert outcome.exit_code == 0, outcome.output
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "tetani" in outcome.stdout  # the verdict the picture marks, in Swedish


@pytest.mark.parametrize(("arguments", "message"), [
    (["squid-axon", "--plot", "axon.png"], "`--plot` draws muscles"),
    (["voluntary-contraction", "--plot", "run.txt"], "`--plot` must name a file ending in"),
    (["voluntary-contraction", "--plot", "missing/run.png"], "`--plot`: directory"),
])
def test_plot_refuses_what_it_cannot_draw_or_write(arguments, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = runner.invoke(app, ["run", *arguments])
    assert outcome.exit_code == 2
    assert message in outcome.output
    assert not any(tmp_path.iterdir())  # nothing half-written
