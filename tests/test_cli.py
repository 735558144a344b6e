"""The ``kramp`` command line: listing, running, ``--json``, ``--out`` and one-line errors."""

import json
import subprocess
import sys

import pytest
import xarray as xr
from typer.testing import CliRunner

import kramp
from kramp.cli import app

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


def test_out_writes_a_netcdf_with_units_and_provenance(tmp_path):
    out = tmp_path / "squid.nc"
    result = runner.invoke(app, ["run", "squid-axon", "--duration", "0.02", "--seed", "4",
                                 "--out", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["squid.nc"]  # no temporary file left
    saved = xr.load_dataset(out, engine="h5netcdf")
    assert saved["v_mV"].attrs["units"] == "mV"
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
        return xr.load_dataset(out, engine="h5netcdf")

    first = saved("1", "a.nc")
    xr.testing.assert_identical(first, saved("1", "b.nc"))
    other = saved("2", "c.nc")
    assert not (first["v_mV"].values == other["v_mV"].values).all()


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
