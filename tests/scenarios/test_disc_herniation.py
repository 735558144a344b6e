"""A herniated disc (`disc-herniation-back`, `disc-herniation-neck`): the compressed, inflamed
root discharges, the discharge is painful, and the cord turns it into a guarding spasm of the
paraspinal (or trapezius) muscle; the healthy back, and a pressed root without inflammation, do
none of it (Howe, Loeser & Calvin 1977: a normal root fires only briefly when pressed)."""

import pytest
from typer.testing import CliRunner

from kramp.analysis.pain import PAIN_THRESHOLD_RATE_HZ
from kramp.cli import app
from kramp.scenarios import load_scenario


@pytest.fixture(scope="module")
def back(run_json) -> dict[str, dict]:
    return {"disc": run_json("disc-herniation-back"),
            "healthy": run_json("disc-herniation-back", "root.pressure=0 mmHg"),
            "not_inflamed": run_json("disc-herniation-back", "root.inflammation=0")}


def test_the_disc_brings_root_discharge_pain_and_a_paraspinal_spasm(back):
    disc, healthy = back["disc"], back["healthy"]
    assert disc["root_discharges"] > 0 and healthy["root_discharges"] == 0
    assert disc["pain_index"] > 1.0 > healthy["pain_index"]
    assert disc["spasm"] is True
    assert {e["muscle"] for e in disc["spasm_episodes"]} == {"erector_spinae"}
    assert healthy["spasm"] is False and healthy["involuntary_spikes"] == 0


def test_pressure_without_inflammation_does_not_discharge(back):
    quiet = back["not_inflamed"]
    assert quiet["root_discharges"] == 0 and quiet["pain_index"] == 0.0
    assert quiet["spasm"] is False


def test_the_pain_index_is_the_discharge_over_the_pain_threshold_rate(back):
    """Every afferent of the disc's root is pressed above its threshold at 53 mmHg, so the
    population fires at the sensitised rate, 5 Hz: ten times the 0.5 Hz of the pain threshold
    (Poisson counts: within 5 %)."""
    disc = back["disc"]
    assert disc["root_discharge_rate_hz"] == pytest.approx(5.0, rel=0.05)
    assert disc["pain_index"] == pytest.approx(
        disc["root_discharge_rate_hz"] / PAIN_THRESHOLD_RATE_HZ)


def test_no_guarding_below_the_pain_threshold(run_json):
    """The reflex appears at the pain threshold (Willer 1977): a root discharging at half the
    threshold rate leaves the paraspinal muscle quiet, one at twice that rate does not."""
    below = run_json("disc-herniation-back", "root.inflammation=0.05")
    above = run_json("disc-herniation-back", "root.inflammation=0.2")
    assert below["pain_index"] < 1.0 < above["pain_index"]
    assert below["spasm"] is False
    assert above["spasm"] is True


def test_the_neck_guards_with_the_trapezius(run_json):
    neck = run_json("disc-herniation-neck")
    assert neck["pain_index"] > 1.0
    assert {e["muscle"] for e in neck["spasm_episodes"]} == {"upper_trapezius"}


@pytest.mark.parametrize("name", ["disc-herniation-back", "disc-herniation-neck"])
def test_the_disc_asks_for_a_doctor_in_both_languages(name):
    cause = load_scenario(name).cause
    assert cause.seek_care is True
    assert cause.rows == ["S3"]
    assert all(cause.seek_care_reason.get(lang).strip() for lang in ("sv", "en"))


def test_a_pressure_below_zero_exits_2_with_one_line():
    result = CliRunner().invoke(app, ["run", "disc-herniation-back", "--set",
                                 "root.pressure=-5 mmHg", "--json"])
    assert result.exit_code == 2
    message = result.output.strip()
    assert len(message.splitlines()) == 1
    assert "root.pressure" in message and "mmHg" in message and "[0, 400]" in message


def test_the_mechanism_names_the_root_discharge():
    """The chain `kramp explain` prints starts at the root: its afferents fire at the sensitised
    5 Hz around the guarding spasm's onset (Poisson counts over ≤ 1 s of 200 fibres: ±10 %)."""
    from kramp.analysis import mechanism
    from kramp.scenarios import run

    result, _ = run(load_scenario("disc-herniation-back").updated({("duration",): "2 s"}))
    links = mechanism.chain(result)
    assert links["muscle"] == "erector_spinae"
    assert links["root_rate_hz"] == pytest.approx(5.0, rel=0.1)
