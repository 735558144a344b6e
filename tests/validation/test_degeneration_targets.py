"""Target F8 (shared/validation/targets.md): nerve conduction during Wallerian degeneration, and
what a cut nerve does to the muscle it supplied."""

import json

from typer.testing import CliRunner

from kramp.cli import app
from kramp.validation import degeneration_targets

runner = CliRunner()


def test_f8_terminals_fail_before_the_axons_and_velocity_holds():
    result = degeneration_targets.target_f8()
    assert result["passed"], result["model_value"]


def test_f8_the_cmap_falls_while_the_axons_still_conduct():
    """The order the baboons showed: on a day when the CMAP is already below half of day 0's,
    every axon still carries the distal impulse to its terminal."""
    course = degeneration_targets.course()
    baseline = course[0.0]
    fading = [day for day, found in course.items()
              if found["cmap_mV"] < 0.5 * baseline["cmap_mV"]]
    assert course[fading[0]]["conducting"] == baseline["conducting"]


def test_a_cut_nerve_carries_no_voluntary_command():
    """Cut above the electrodes on the day of the injury: the distal nerve still gives its
    M-wave (and its twitch), but a maximal effort adds no force."""
    out = runner.invoke(app, ["run", "botulinum", "--set", "toxins.botulinum=0 U",
                              "--set", "nerve_injury.transected=1", "--json"])
    assert out.exit_code == 0, out.output
    found = json.loads(out.stdout)
    assert found["cmap_amplitude_mV"] > 1.0
    assert found["strength_percent"] < 1.0 and found["weakness"] is True


def test_a_half_cut_nerve_is_refused():
    out = runner.invoke(app, ["run", "nerve-conduction-study", "--set",
                              "nerve_injury.transected=0.5", "--json"])
    assert out.exit_code == 2
    assert "nerve_injury.transected" in out.output and len(out.output.strip().splitlines()) == 1
