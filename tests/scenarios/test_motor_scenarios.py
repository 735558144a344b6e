"""The motor scenarios of issue 4, run as a user runs them (the CLI's JSON summary)."""

import json

import pytest
from typer.testing import CliRunner

from kramp.cli import app

runner = CliRunner()


def run_json(*args):
    outcome = runner.invoke(app, ["run", *args, "--json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)


@pytest.fixture(scope="module")
def voluntary_contraction():
    return run_json("voluntary-contraction")


def test_voluntary_contraction_relaxes_fully_without_involuntary_activity(voluntary_contraction):
    summary = voluntary_contraction
    assert summary["peak_force_N"] > 100.0
    assert summary["return_to_baseline_ms"] is not None
    assert summary["return_to_baseline_ms"] < 2000.0
    assert summary["rate_at_peak_hz"] > summary["rate_at_recruitment_hz"]
    assert summary["involuntary_activity"] is False
    assert summary["involuntary_spikes"] == 0
    assert summary["spasm"] is False and summary["spasm_class"] is None


def test_voluntary_contraction_recruits_units_at_6_to_10_hz(voluntary_contraction):
    # rates at recruitment 6–8 Hz (issue 4; B7 band 6–10 Hz)
    assert 6.0 <= voluntary_contraction["rate_at_recruitment_hz"] <= 10.0


@pytest.mark.parametrize("name", ["viljestyrd kontraktion", "lugn andning",
                                  "uthållen uttröttande kontraktion"])
def test_motor_scenarios_are_found_by_their_swedish_names(name):
    outcome = runner.invoke(app, ["run", name, "--duration", "0.05", "--json"])
    assert outcome.exit_code == 0, outcome.output


def test_the_detector_calls_the_low_calcium_axons_discharge_tetany():
    """Hypocalcaemic axons fire on their own in doublets and multiplets (target E5): tetany, a
    spasm no command explains."""
    summary = run_json("low-calcium-axon")
    assert summary["spasm"] is True and summary["spasm_class"] == "tetany"
    assert summary["spasm_episodes"][0]["doublet_share"] > 0.5
