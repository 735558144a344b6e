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


def test_e14_a_fibre_without_most_of_its_chloride_conductance_is_myotonic():
    """Lipicky et al. (1971), Adrian & Bryant (1974): at the myotonic patients' membrane
    resistance a current pulse sets off a train that outlasts it, in a normal fibre none. A
    prediction: the Na⁺ gating and the T-tubule's channel densities and access are the Cannon
    lab's published values, none tuned to this."""
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
                   reason="E15: the resting fibre's membrane resistance is 262 Ω·cm² (slope "
                          "conductance 3.81 mS/cm², the Cl⁻ conductance of rat fibres, "
                          "Pedersen et al. 2005, on the surface and 0.3 of it on the T-tubules, "
                          "4.8 times as much membrane), 0.10 times the 2619 Ω·cm² of human "
                          "intercostal fibres; its capacitance, 6.07 µF/cm², is theirs within "
                          "18 %")
def test_e15_a_resting_human_fibre_has_the_published_membrane_resistance():
    result = chloride_targets.target_e15()
    assert result["passed"], result["model_value"]
