"""Targets E14 and E15 (kramp's own): a fibre that has lost most of its Cl⁻ conductance is
myotonic; a resting human fibre's membrane resistance and capacitance
(kramp.validation.chloride_targets)."""

import pytest

from kramp.validation import chloride_targets, registry

KURIHARA_SHARE = 0.383  # rat diaphragm myotonic at 38.3 % of the control Cl⁻ conductance


def test_the_patients_membrane_resistance_takes_the_chloride_share_that_made_rat_fibres_myotonic():
    """Lowering only g_Cl until the model fibre has the myotonia-congenita patients' membrane
    resistance (Lipicky et al. 1971, human) leaves it the Cl⁻ share at which Kurihara et al.
    (1984, rat) found myotonia: two measurements meet through the fibre's share of Cl⁻ in its
    resting conductance."""
    assert abs(chloride_targets.myotonic_chloride_share() - KURIHARA_SHARE) < 0.05


def test_the_normal_fibre_fires_during_a_current_pulse_and_not_after_it():
    """Adrian & Bryant (1974): a normal fibre answers a suprathreshold pulse without an
    after-discharge."""
    normal = next(iter(chloride_targets.e14_responses().values()))
    for during, after in normal["counts"].values():
        assert during >= 1 and after == 0
    assert not registry.fitted_parameters("E14")  # a prediction: nothing was tuned to it


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E14: with the Cl⁻ conductance at 35.8 % (the myotonic patients' "
                          "membrane resistance) a 200 ms pulse at 1.2, 1.5 and 2 × threshold "
                          "fires the fibre once, as normal, and nothing after it: the fibre "
                          "accommodates to any maintained depolarisation (Na⁺ fast "
                          "inactivation, V½ −72 mV), so no myotonic train starts; the "
                          "membranes that fire on (studies/fibre_membrane_scan.py: 49 of the "
                          "102 of 1,400 random membranes that pass F11 also pass E14) have on "
                          "average twice the Na⁺ and half the Cl⁻ conductance of the default, "
                          "and an inactivation curve shallower and 5 mV less negative")
def test_e14_a_fibre_without_most_of_its_chloride_conductance_is_myotonic():
    result = chloride_targets.target_e14()
    assert result["passed"], result["model_value"]


def test_e15_the_fibre_charges_its_t_tubules_as_human_fibres_do():
    """The part of E15 the model meets: the effective capacitance that the surface and its
    T-tubules (behind their access conductance) give a slow current step is that of Lipicky et
    al.'s normal fibres, 5.15 µF/cm² of surface, within ±40 %."""
    _, capacitance = chloride_targets.step_response(1.0)
    assert abs(capacitance / chloride_targets.NORMAL_CAPACITANCE - 1.0) <= 0.4
    assert not registry.fitted_parameters("E15")  # a prediction: nothing was tuned to it


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E15: the resting fibre's membrane resistance is 407 Ω·cm² (slope "
                          "conductance 2.45 mS/cm², 1.5 of it the Cl⁻ conductance of rat "
                          "fibres, Pedersen et al. 2005), 0.16 times the 2619 Ω·cm² of human "
                          "intercostal fibres; its capacitance, 5.62 µF/cm², is theirs")
def test_e15_a_resting_human_fibre_has_the_published_membrane_resistance():
    result = chloride_targets.target_e15()
    assert result["passed"], result["model_value"]
