"""Targets F1, F2, F4 and F5 (shared/validation/targets.md): the end plate under receptor block
and slow repetitive stimulation, a local botulinum injection's course, and tetrodotoxin; and
kramp's own F10, how soon terminals and fibres answer a second nerve pulse, and F11, the
second action potential of the slow-channel syndrome's prolonged end-plate current."""

import pytest

from kramp.validation import junction_targets


def test_f2_decrement_appears_only_once_most_receptors_are_lost():
    """Healthy and half-lost end plates hold their CMAP over ten 3 Hz pulses (the safety
    factor covers the EPP's run-down); with 70–80 % of receptors lost it falls by ≥ 10 %."""
    result = junction_targets.target_f2()
    assert result["passed"], result["model_value"]


def test_f4_botulinum_course_has_its_nadir_in_weeks_two_to_four():
    result = junction_targets.target_f4()
    assert result["passed"], result["model_value"]


def test_f1_safety_factor_under_receptor_block():
    """A calibration: the end plates' spread of safety factors (``junction.safety_factor_spread``,
    3) is Paton & Waud's own 4 to 12. With one safety factor for all (spread 1) the twitch fell
    from 70 % blocked and was gone by 80 %."""
    result = junction_targets.target_f1()
    assert result["passed"], result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F5: conduction blocked from 10 nM, the tetrodotoxin scenario flaccid "
                          "without spasm (strength 0 %) and the muscle IC50 25 nM (an input), "
                          "but kramp has no cardiac channel to show unaffected")
def test_f5_tetrodotoxin_blocks_conduction_and_spares_the_heart():
    result = junction_targets.target_f5()
    assert result["passed"], result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F10: the fibres answer a second pulse from 2 ms (2 units), 2.25 "
                          "(113) or 2.5 ms (5), median 2.25 ms, short of Kopec et al.'s "
                          "2.5–3.0 ms (2.75 ms with the earlier Na⁺ "
                          "gating and T-tubule), and every motor terminal answers at 2 ms, "
                          "the shortest interval tested, where theirs had recovered no sooner "
                          "than the fibres")
def test_f10_terminals_and_fibres_recover_within_two_and_a_half_to_three_ms():
    """Kopec, Delbeke & McComas (1978): the distal motor branches' and the thenar fibres'
    absolute refractory periods alike, most within 2.5–3.0 ms."""
    result = junction_targets.target_f10()
    assert result["passed"], result["model_value"]


def test_f11_an_end_plate_current_prolonged_within_the_patients_range_fires_the_fibre_once():
    """Di et al. (2020): patients whose receptor bursts last 3.84 ± 0.65 times as long as normal
    have no repetitive CMAP; the fibre must not fire twice at 3.84 times, though its end-plate
    potential then stays above −50 mV for 5 ms."""
    assert junction_targets.f11_action_potentials()["without"].size == 1


def test_f11_an_end_plate_current_prolonged_as_in_patients_with_repetitive_cmaps_fires_twice():
    """Di et al. (2020): receptor bursts 8.68 ± 2.82 times normal in the patients with a
    repetitive CMAP to a single stimulus. A prediction: the fibre's Na⁺ gating and T-tubule
    are the Cannon lab's published values (its inactivation midpoint Ruff & Whittlesey's)."""
    result = junction_targets.target_f11()
    assert result["passed"], result["model_value"]


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F12: the second action potential 4.44 ms after the first at 8.68 "
                          "times the normal decay (F11's), not the published 3.5–4.0 ms: the "
                          "end plate's border stays inactivated under the prolonged end-plate "
                          "potential until it has faded, though a fresh end-plate current fires "
                          "the fibre from 2–2.25 ms (F10)")
def test_f12_the_second_synaptic_discharge_comes_as_soon_as_the_fibre_recovers():
    """A synaptic repetitive CMAP's second discharge begins 3.5–4.0 ms after the first, just
    beyond the synapse–muscle refractory period (Muscle Nerve 1996;19:1127, abstract)."""
    result = junction_targets.target_f12()
    assert result["passed"], result["model_value"]
