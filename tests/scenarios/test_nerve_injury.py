"""A healed partial nerve injury (`nerve-injury`): fewer motor units, grown by reinnervation, with
the strength the muscle's bookkeeping says they carry, and no spasm."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from kramp.cli import app
from kramp.errors import KrampInputError
from kramp.scenarios import load_scenario, run

runner = CliRunner()


def run_json(*sets: str) -> dict:
    result = runner.invoke(app, ["run", "nerve-injury", *(a for s in sets for a in ("--set", s)),
                                 "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def runs() -> dict[str, dict]:
    return {"injured": run_json(), "unsprouted": run_json("nerve_injury.reinnervated=0"),
            "healthy": run_json("nerve_injury.units_lost=0")}


def test_fewer_units_are_recruited_and_none_fires_on_its_own(runs):
    assert runs["injured"]["recruited_units"] == 48  # 120 × (1 − 0.6)
    assert runs["healthy"]["recruited_units"] == 120
    assert all(r["spasm"] is False and r["involuntary_spikes"] == 0 for r in runs.values())


def test_strength_follows_the_fibres_the_surviving_units_hold(runs):
    """A maximal effort drives every unit left, so its force is the healthy one times the share
    of the muscle's fibres still innervated: 0.4 × (1 + 0.7 × 1.5) = 0.82 with sprouting, 0.4
    without (then weak)."""
    healthy = runs["healthy"]["strength_percent"]
    assert runs["injured"]["strength_percent"] / healthy == pytest.approx(0.82, abs=0.05)
    assert runs["unsprouted"]["strength_percent"] / healthy == pytest.approx(0.4, abs=0.05)
    assert runs["unsprouted"]["weakness"] is True and runs["injured"]["weakness"] is False


def test_a_batch_must_share_how_many_units_it_keeps():
    with pytest.raises(KrampInputError, match=r"nerve_injury\.units_lost"):
        run(load_scenario("nerve-injury"),
            cohort={"nerve_injury.units_lost": np.array([0.6, 0.3])})
