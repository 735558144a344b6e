"""Issue 12's toxins as `kramp run` shows them: tetanus toxin and strychnine bring spasms the
healthy person does not have, botulinum toxin and tetrodotoxin weakness without spasm, an
organophosphate brings repeated discharges after single nerve stimuli, and a dose outside
its range is refused."""

import pytest
from typer.testing import CliRunner

from kramp.cli import app

runner = CliRunner()


@pytest.mark.parametrize(("name", "none"), [("strychnine", "toxins.strychnine=0 nM"),
                                            ("tetanus-toxin", "toxins.tetanus_toxin=0")])
def test_loss_of_spinal_inhibition_brings_a_spasm_the_healthy_person_has_not(name, none,
                                                                            run_json):
    poisoned, healthy = run_json(name), run_json(name, none)
    assert poisoned["spasm"] is True, poisoned["spasm_episodes"]
    assert healthy["spasm"] is False
    assert poisoned["involuntary_spikes"] > 2 * healthy["involuntary_spikes"]


def test_strychnines_quick_version_keeps_the_spasm_the_healthy_person_has_not(run_json):
    """``kramp explain --quick`` runs the quick version: its shorter push and stretch must still
    show the poisoned cord's spasm, and the same protocol unpoisoned none."""
    assert run_json("strychnine", quick=True)["spasm"] is True
    assert run_json("strychnine", "toxins.strychnine=0 nM", quick=True)["spasm"] is False


def test_tetanus_before_its_incubation_is_over_is_no_spasm_yet(run_json):
    assert run_json("tetanus-toxin", "toxins.tetanus_days=5 day", "duration=3.5 s",
                    "drive.hold=1 s", "movement.ramp_start=2500 ms")["spasm"] is False


def test_botulinum_weakens_without_spasm_and_shrinks_the_m_wave(run_json):
    poisoned, healthy = run_json("botulinum"), run_json("botulinum", "toxins.botulinum=0 U")
    assert poisoned["spasm"] is False and poisoned["weakness"] is True
    assert healthy["weakness"] is False
    assert poisoned["cmap_amplitude_mV"] < 0.5 * healthy["cmap_amplitude_mV"]


def test_tetrodotoxin_blocks_conduction_flaccid_without_spasm(run_json):
    found = run_json("tetrodotoxin")
    assert found["spasm"] is False and found["spasm_class"] == "flaccid_weakness"
    assert found["cmap_amplitude_mV"] == 0.0


def test_the_unpoisoned_person_has_no_repeated_discharges_after_single_stimuli(run_json):
    healthy = run_json("organophosphate", "toxins.organophosphate_inhibition=0 %")
    assert healthy["single_stimuli"] == 2
    assert healthy["repetitive_discharges"] is False
    assert healthy["spasm"] is False


def test_organophosphate_brings_repeated_discharges_after_single_stimuli(run_json):
    """Issue 12's acceptance. With 95 % of the esterase inhibited the end-plate current decays
    3.5 times more slowly; the end plates at the sensitive end of the safety factors' spread
    (Paton & Waud's 4 to 12) still fire their fibre once, the stronger ones (from about 1.4 times
    the weakest's conductance) twice (measured: 83.5 repeated discharges per pulse among the
    first dorsal interosseous's 120 fibres). The same person unpoisoned has none (above)."""
    poisoned = run_json("organophosphate")
    assert poisoned["repetitive_discharges"] is True, poisoned["repeated_discharges_per_stimulus"]


@pytest.mark.parametrize("setting", ["toxins.tetrodotoxin=-1 nM", "toxins.botulinum=900 U",
                                     "toxins.strychnine=1 M",
                                     "toxins.organophosphate_inhibition=120 %"])
def test_a_dose_outside_its_range_is_refused_in_one_line(setting):
    result = runner.invoke(app, ["run", "tetrodotoxin", "--set", setting, "--json"])
    assert result.exit_code == 2
    message = result.output.strip()
    assert "\n" not in message and setting.split("=")[0] in message
