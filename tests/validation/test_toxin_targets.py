"""Targets F3, F6 and F7 (shared/validation/targets.md): an organophosphate takes away
acetylcholinesterase, tetanus toxin and strychnine the cord's inhibition, each measured by its
own virtual experiment."""

from itertools import pairwise

import pytest

from kramp.validation import toxin_targets


@pytest.mark.slow
def test_strychnine_removes_reciprocal_ia_inhibition_and_brings_spasms():
    """The parts of F7 the model meets: D7's short-latency depression falls below 10 % of the
    intact person's, and the stretch protocol brings a spasm the unpoisoned person lacks."""
    found = toxin_targets.f7_inhibition()
    reciprocal = found["reciprocal"]
    assert reciprocal["strychnine"] < 0.1 * reciprocal["intact"]
    assert found["spasm"] and not found["healthy_spasm"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F7: strychnine 1 µM removes the reciprocal Ia inhibition of the "
                          "H-reflex (depression 87 % of the test H-reflex intact and 8 % with it, "
                          "10 % of control: holds), but the recurrent IPSP of the Ia "
                          "interneurones keeps 31 % (6.02 → 1.85 mV: kramp's Renshaw cells "
                          "release GABA for 30 % of it), and kramp's tonic presynaptic inhibition "
                          "has no evoked part to compare")
def test_f7_strychnine_blocks_glycinergic_and_spares_gabaergic_inhibition():
    result = toxin_targets.target_f7()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_tetanus_toxin_raises_h_over_m_and_brings_spasms():
    """The parts of F6 the model meets: H/M rises with the toxin, and the push-and-stretch
    protocol brings a spasm the person without it does not have."""
    found = toxin_targets.f6_measures()
    assert found["h_over_m"] > found["h_over_m_healthy"]
    assert found["spasm"] and not found["healthy_spasm"]


@pytest.mark.slow
def test_the_silent_period_shortens_as_the_effort_grows():
    """Without the toxin the soleus silent period is shorter the harder the calf pushes, as the
    thenar muscles' silent period after median-nerve pulses is in people: below 90 % of its
    length in most of 16 subjects as the force rose at a constant stimulus (Rigakuryoho Kagaku
    16(4), J-STAGE 16_KJ00001305975, abstract; authors and year not re-checked)."""
    healthy = toxin_targets.f6_measures()["silent_period_ms"]["healthy"]
    assert None not in healthy
    assert all(weaker > stronger for weaker, stronger in pairwise(healthy))


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F6: H/M 0.45 with tetanus toxin against 0.24 without and spasms only "
                          "with it; the soleus silent period shortens with the toxin at 30 % and "
                          "60 % of the command (300 → 110, 260 → 80 ms) but not at the maximal "
                          "effort the masseter test uses (90 → 70 ms, 78 %, band ≤ 50 %): the "
                          "toxin leaves what the antidromic volley and the motoneurones' own "
                          "recovery silence, and at that effort little else is left")
def test_f6_tetanus_toxin_removes_the_silent_period_and_raises_h_over_m():
    result = toxin_targets.target_f6()
    assert result["passed"], result["model_value"]


def test_f3_the_healthy_person_has_neither_repeated_discharges_nor_a_30_hz_decrement():
    """The part of F3 the model meets: at normal esterase activity no single pulse evokes a
    repeated discharge and the 30 Hz train stays within the clinical decrement cut-off."""
    healthy = toxin_targets.f3_measures()[0.0]
    assert healthy["single_stimuli"] == toxin_targets.F3_SINGLE_PULSES
    assert healthy["repeated"] == 0.0
    assert healthy["train"]["decrement"] < toxin_targets.F3_DECREMENT


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="F3: at AChE 5 % 83.5 repeated fibre discharges per single pulse "
                          "(the end plates from about 1.4 times the most sensitive one's "
                          "conductance, of a spread of 1 to 3), but none at 20 % (the current "
                          "decays 2.1 × slower; even an end plate three times the weakest fires "
                          "once), and the 30 Hz trains fall 2.3 % (20 %) and 3.0 % (5 %) with no "
                          "recovery (healthy 4.1 %): no decrement–increment. The terminals' "
                          "backfiring, to which Besser et al. 1992 (rat diaphragm) ascribed the "
                          "decrement–increment, is not modelled (a terminal current that decays "
                          "as the end-plate current does re-fires the recovered terminal only at "
                          "0 % esterase, and at 5 % only near 10 rheobases, never at 20 %: "
                          "studies/terminal_backfiring.py)")
def test_f3_esterase_inhibition_brings_repetitive_cmaps_and_decrement_increment():
    result = toxin_targets.target_f3()
    assert result["passed"], result["model_value"]
