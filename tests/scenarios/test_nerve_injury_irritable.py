"""A healed nerve injury with irritable axons (`nerve-injury-irritable`): the damaged segments
that have lost their Na⁺/K⁺ pump, and only they, discharge on their own in bursts, read from the
run's outputs; the same injury without damaged segments shows nothing."""

import json

import pytest
from typer.testing import CliRunner

from kramp.cli import app
from kramp.engine.streams import generator
from kramp.physiology import nerve_injury

runner = CliRunner()
SURVIVING_UNITS = 48  # 120 × (1 − 0.6), as in nerve-injury


def run_json(*sets: str) -> dict:
    result = runner.invoke(app, ["run", "nerve-injury-irritable",
                                 *(a for s in sets for a in ("--set", s)), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def irritable() -> dict:
    return run_json()


def test_the_damaged_axons_and_no_others_discharge_in_bursts(irritable):
    damaged = nerve_injury.damaged_axons({"damaged_share": 0.3}, SURVIVING_UNITS,
                                         generator(0, 0, "injured_axons"))
    assert irritable["spontaneous_discharges"] is True
    assert irritable["discharging_axons"] == damaged.sum()
    # bursts of high-frequency spikes (measured: 8–9 each), never a lone discharge
    assert irritable["multiplets"] > 0 and irritable["singlets"] == 0
    assert irritable["involuntary_spikes"] > 0 and irritable["spasm"] is True


def test_the_same_injury_without_damaged_segments_shows_nothing():
    healed = run_json("nerve_injury.damaged_share=0")
    assert healed["spontaneous_discharges"] is False
    assert healed["involuntary_spikes"] == 0 and healed["spasm"] is False


def test_a_share_outside_its_range_is_refused_by_name():
    result = runner.invoke(app, ["run", "nerve-injury-irritable", "--set",
                                 "nerve_injury.damaged_share=1.5", "--json"])
    assert result.exit_code == 2
    assert "nerve_injury.damaged_share" in result.output and "[0, 1]" in result.output
