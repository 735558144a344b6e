"""`kramp dose-response`: the curves, their thresholds and their pictures, as a user gets them."""

import json

from typer.testing import CliRunner

from kramp.cli import app
from kramp.validation.motor_axon_targets import E5_ONSET_BAND_MM


def test_the_calcium_threshold_lies_in_e5s_band_and_magnesium_alone_has_none(tmp_path):
    outcome = CliRunner().invoke(app, ["dose-response", "--factor", "ionised_calcium",
                                       "--factor", "total_magnesium", "--out",
                                       str(tmp_path / "dr"), "--json"])
    assert outcome.exit_code == 0, outcome.output
    found = json.loads(outcome.stdout)
    curves = {c["factor"]: c for c in found["curves"]}
    low, high = E5_ONSET_BAND_MM  # tetany begins between 0.7 and 1.1 mmol/L ionised
    assert low <= curves["ionised_calcium"]["threshold"] < high
    normal = [row for row in curves["ionised_calcium"]["levels"] if row["level"] >= 1.1]
    assert all(row["discharging_fraction"] == 0.0 for row in normal)
    # E7: magnesium alone, even far below normal, starts no discharge in kramp's axons
    assert curves["total_magnesium"]["threshold"] is None
    for figure in found["figures"]:
        assert (tmp_path / "dr" / figure.rsplit("/", 1)[-1]).stat().st_size > 10_000
    assert json.loads((tmp_path / "dr" / "dose_response.json").read_text())[0]["factor"] \
        == "ionised_calcium"


def test_an_unknown_factor_is_one_line_exit_2(tmp_path):
    outcome = CliRunner().invoke(app, ["dose-response", "--factor", "sodium",
                                       "--out", str(tmp_path / "dr")])
    assert outcome.exit_code == 2
    assert "--factor" in outcome.output and len(outcome.output.strip().splitlines()) == 1
    assert not (tmp_path / "dr").exists()
