"""The scenarios of the excitable periphery, run as a user runs them (the CLI's JSON summary)."""

import json

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
