"""`kramp validate`: each target recomputed, its status shown, unknown ids refused."""

import json

from typer.testing import CliRunner

from kramp.cli import app
from kramp.validation.registry import TARGETS

runner = CliRunner()


def test_validate_reports_a_recomputed_target_as_json():
    outcome = runner.invoke(app, ["validate", "--only", "a4", "--only", "C5", "--json"])
    assert outcome.exit_code == 0, outcome.output
    rows = json.loads(outcome.stdout)
    assert [row["id"] for row in rows] == ["A4", "C5"]
    for row in rows:
        assert row["status"] == "pass"
        assert row["source"] and row["band"] and row["model_value"]


def test_a_failing_target_is_shown_as_failing_with_its_value():
    outcome = runner.invoke(app, ["validate", "--only", "C1"])
    assert outcome.exit_code == 0, outcome.output
    assert "FAIL" in outcome.stdout and "15 Hz" in outcome.stdout
    assert "fitted (calibrations, not evidence): 0 pass, 1 FAIL" in outcome.stdout


def test_targets_run_in_worker_processes_give_the_serial_run_rows_in_table_order():
    """``--workers 2`` runs the targets in two processes: the same rows, to the character, and
    in table order, whichever process finished first."""
    ids = ["--only", "C5", "--only", "A4", "--only", "C3", "--json"]
    serial = runner.invoke(app, ["validate", *ids])
    side_by_side = runner.invoke(app, ["validate", "--workers", "2", *ids])
    assert serial.exit_code == side_by_side.exit_code == 0, side_by_side.output
    assert [row["id"] for row in json.loads(side_by_side.stdout)] == ["A4", "C3", "C5"]
    assert json.loads(side_by_side.stdout) == json.loads(serial.stdout)


def test_a_worker_count_outside_its_range_exits_2_naming_the_range():
    for workers in ("0", "65"):
        outcome = runner.invoke(app, ["validate", "--only", "A4", "--workers", workers])
        assert outcome.exit_code == 2
        assert f"`--workers` {workers} processes; allowed: 1–64" in outcome.output
        assert len(outcome.output.strip().splitlines()) == 1


def test_unknown_target_exits_2_and_lists_the_known_ones():
    outcome = runner.invoke(app, ["validate", "--only", "Z9"])
    assert outcome.exit_code == 2
    assert "unknown validation target `Z9`" in outcome.output
    assert all(target in outcome.output for target in ("A1", "B8", "C5"))


def test_every_target_is_registered():
    expected = ({f"A{i}" for i in range(1, 8)} | {"A9", "A10"} | {f"B{i}" for i in range(1, 14)}
                | {f"C{i}" for i in range(1, 10)}
                | {f"D{i}" for i in range(1, 18)}
                | {f"E{i}" for i in range(1, 18)}
                | {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"}
                | {"G1", "G2", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12", "G13"})
    assert set(TARGETS) == expected


def test_each_target_says_whether_it_was_fitted_and_to_which_parameters():
    outcome = runner.invoke(app, ["validate", "--only", "A4", "--only", "C3", "--json"])
    assert outcome.exit_code == 0, outcome.output
    a4, c3 = json.loads(outcome.stdout)
    assert (a4["fitted"], a4["fitted_parameters"]) == (False, [])
    assert c3["fitted"] is True
    assert c3["fitted_parameters"] == ["fibre.potentiation_gain"]
    table = runner.invoke(app, ["validate", "--only", "A4", "--only", "C3"]).stdout
    assert "predictions: 1 pass" in table
    assert "fitted (calibrations, not evidence): 1 pass" in table


def test_every_calibrated_parameter_names_the_registered_targets_it_was_fitted_to():
    from kramp.physiology import parameter_tables

    for table in parameter_tables():
        for param in table:
            path = f"{table.component}.{param.name}"
            assert set(param.fitted_to) <= set(TARGETS), path
            if param.source.endswith("calibration"):
                assert param.fitted_to, path
