"""The scenarios of the excitable periphery, run as a user runs them (the CLI's JSON summary)."""

import json

import pytest
from typer.testing import CliRunner

from kramp.cli import app

runner = CliRunner()


def run_json(*args):
    outcome = runner.invoke(app, ["run", *args, "--json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)


def test_low_calcium_makes_the_axons_discharge_and_normal_calcium_does_not():
    # tetany begins below about 1.1 mM ionised Ca (target E5); 0.6 mM is well inside it
    low = run_json("low-calcium-axon", "--set", "duration=300 ms")
    assert low["spontaneous_discharges"] is True
    assert low["spontaneous_discharge_rate_hz"] > 0.0
    assert low["discharging_axon_fraction"] > 0.5
    normal = run_json("low-calcium-axon", "--set", "duration=300 ms",
                      "--set", "ions.calcium=1.2")
    assert normal["spontaneous_discharges"] is False
    assert normal["peak_force_N"] == 0.0


def test_low_potassium_hyperpolarises_the_fibres_which_still_fire():
    # human fibres rest near −85 mV at 4 mM K⁺ and hyperpolarise as [K]o falls to 2.5 mM
    # (target E2; Jurkat-Rott et al. 2009); their action potentials survive
    normal = run_json("low-potassium-fibre", "--set", "ions.potassium=4")
    low = run_json("low-potassium-fibre")
    assert -90.0 < normal["fibre_resting_potential_mV"] < -80.0
    assert low["fibre_resting_potential_mV"] < normal["fibre_resting_potential_mV"] - 1.0
    assert low["fibres_firing_fraction"] == normal["fibres_firing_fraction"] == 1.0
    assert low["fibre_action_potential_peak_mV"] > 20.0
    assert low["cmap_amplitude_mV"] > 0.5 * normal["cmap_amplitude_mV"]


def test_hypocalcaemia_fires_the_hand_axons_and_normal_calcium_does_not():
    # tetany below about 1.1 mmol/L ionised (E5); 0.8 mmol/L is symptomatic hypocalcaemia
    low = run_json("hypocalcaemia")
    assert low["ionised_calcium_mM"] == 0.8
    assert low["spontaneous_discharges"] is True
    assert low["spasm"] is True
    normal = run_json("hypocalcaemia", "--set", "duration=500 ms",
                      "--set", "ions.calcium=1.25 mM")
    assert normal["spontaneous_discharges"] is False
    assert normal["spasm"] is False


def test_hyperventilation_reports_the_blood_it_makes():
    # PaCO2 40 → 20 mmHg: bicarbonate falls 4 mmol/L (acute rule), so pH = 6.1 + log10(20.5 /
    # (0.0307 × 20)) = 7.624 by hand; ionised Ca falls about 0.05 mmol/L per 0.1 pH (E13)
    blood = run_json("hyperventilation-alkalosis", "--set", "duration=50 ms")
    assert blood["paco2_mmHg"] == 20.0
    assert blood["arterial_ph"] == pytest.approx(7.624, abs=1e-3)
    assert 1.2 - 0.07 * 2.24 <= blood["ionised_calcium_mM"] <= 1.2 - 0.03 * 2.24
    assert blood["plasma_sodium_mM"] == pytest.approx(140.0)


def test_dehydration_reports_the_body_mass_lost():
    dry = run_json("dehydration", "--set", "duration=50 ms")
    assert dry["body_mass_loss_percent"] == pytest.approx(100.0 * 2.1 / 70.0)
    assert dry["plasma_osmolality_mOsm_per_kg"] > 287.0


@pytest.mark.parametrize("args, field", [
    (["dehydration", "--set", "fluids.sweat=12 L"], "fluids.sweat"),  # 17 % of 70 kg
    (["dehydration", "--set", "fluids.drink=-1 L"], "fluids.drink"),
    (["hyperventilation-alkalosis", "--set", "fluids.paco2=10 mmHg"], "fluids.paco2"),
    (["hyperventilation-alkalosis", "--set", "ions.ph=7.5"], "ions.ph"),
])
def test_impossible_blood_or_body_is_one_line_exit_2(args, field):
    outcome = runner.invoke(app, ["run", *args, "--json"])
    assert outcome.exit_code == 2
    assert field in outcome.output and len(outcome.output.strip().splitlines()) == 1


def test_training_on_a_low_salt_diet_runs_down_sodium_and_the_extracellular_fluid():
    # three days of salty sweat replaced by water: on 50 mmol/day the kidneys cannot make up the
    # sweat's sodium, so the body loses sodium and, by osmoregulation, extracellular water, while
    # plasma Na stays in its normal range (135–145 mmol/L)
    low = run_json("training-low-salt-diet", "--set", "duration=50 ms")
    usual = run_json("training-low-salt-diet", "--set", "duration=50 ms",
                     "--set", "fluids.diet_sodium=150")
    assert low["fluid_days"] == 3.0
    assert low["sodium_balance_mmol"] < usual["sodium_balance_mmol"] < 0.0
    assert low["extracellular_fluid_L"] < usual["extracellular_fluid_L"]
    assert 135.0 <= low["plasma_sodium_mM"] <= 145.0


def test_oral_rehydration_solution_restores_more_than_plain_water():
    # the same volume drunk after sweating: plain water dilutes the plasma, WHO ORS does not
    water = run_json("rehydration", "--set", "duration=50 ms")
    ors = run_json("rehydration", "--set", "duration=50 ms", "--set", "fluids.drink_sodium=75",
                   "--set", "fluids.drink_potassium=20")
    assert water["plasma_sodium_mM"] < 138.0 < ors["plasma_sodium_mM"]
    assert ors["extracellular_fluid_L"] > water["extracellular_fluid_L"]


def test_the_quick_metabolic_myopathy_test_locks_the_muscle_without_emg():
    # the quick version: 30 s of maximal ischaemic work without glycogenolysis, the cuff still on
    locked = run_json("metabolic-myopathy-contracture", "--quick")
    assert locked["contracture"] is True
    assert locked["contracture_emg_rms_mV"] < 1e-3
