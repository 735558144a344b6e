"""Targets of the excitable periphery: ions (E1, E4), fibre membrane (E2, A6), axon sites (A7, A9,
A10, E5, E6).

Passing targets are asserted; known failures are strict xfails with their measured values.
"""

import pytest

from kramp.validation import fibre_membrane_targets, ion_targets, motor_axon_targets

KEYS = {"id", "quantity", "published", "band", "model_value", "passed", "source"}


@pytest.mark.parametrize("target", [ion_targets.target_e1, fibre_membrane_targets.target_e2,
                                    fibre_membrane_targets.target_a6,
                                    motor_axon_targets.target_a9])
def test_target_passes(target):
    result = target()
    assert set(result) == KEYS
    assert result["passed"] is True, result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E4: +13.5 mV per tenfold Ca (10 → 100 mM in sea water with 50 mM Mg) "
                          "from the Hille et al. 1975 surface charge, band 7–13")
def test_e4_calcium_shift_in_band():
    result = ion_targets.target_e4()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="A7: τ_SD 0.198 ms against 0.207–0.711 ms: the site is one node and "
                          "its internode, without the neighbouring nodes a real stimulus meets")
def test_a7_strength_duration_time_constant_in_band():
    result = motor_axon_targets.target_a7()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="A10: at 5.0 mM K⁺ (the upper limit of normal) the site answers a "
                          "10 Hz train of 20 pulses with 765 spikes and fires 210 more after "
                          "it (about 420 Hz, self-sustained), at 5.5 mM with 1220 and 305; at "
                          "6.0 mM it passes 4 of 20 pulses at 10 Hz and 1 of 100 at 50 Hz; at "
                          "4.5 mM it follows one to one. At 37 °C the site is bistable from 4.3 "
                          "mM (a rest near −84 mV and a depolarised steady state, −69 mV at 4.5 "
                          "mM and −65 mV at 5.0 mM) and from 5.2 mM has only the depolarised "
                          "one (−62 mV at 5.5 mM, −60 mV at 6 mM): the MRG node's resting Na⁺ "
                          "window current (40 µA/cm² at 4 mM) is held by a leak whose reversal "
                          "does not follow "
                          "K⁺ and by a slow K⁺ conductance that is only a seventh of the resting "
                          "one. Gaines et al.'s (2018) nodal fast K⁺ barely changes it (tried "
                          "twice, not kept). In the full `kramp explain`, the Morris screening of "
                          "low-calcium-axon ranks ions.potassium (2.5–6.5 mM) first, from this "
                          "artefact")
def test_a10_axons_follow_trains_quietly_at_raised_potassium():
    result = motor_axon_targets.target_a10()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.slow
def test_e5_hypocalcaemic_discharges_begin_between_0_7_and_1_1_mM():
    result = motor_axon_targets.target_e5()
    assert result["passed"] is True, result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E6: CMAP rises 6.14 → 6.40 mV as PaCO2 falls 40 → 20 mmHg (pH "
                          "7.40 → 7.62, ionised Ca 1.20 → 1.09 mM, gating −1.73 mV: −1.08 from "
                          "pH, −0.64 from Ca), but no ectopic discharge appears: low Ca alone "
                          "starts them at a shift of −1.8 to −2.5 mV (0.9 → 0.8 mM, E5)")
def test_e6_hyperventilation_raises_excitability_and_brings_ectopic_bursts():
    result = motor_axon_targets.target_e6()
    assert result["passed"] is True, result["model_value"]
