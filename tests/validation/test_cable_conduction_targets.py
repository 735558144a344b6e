"""Target E16 (kramp's own): the conduction velocity of the default fibre as a cable against human
muscle fibres stimulated directly (kramp.validation.cable_conduction_targets)."""

import pytest

from kramp.physiology import sarcolemma as sl
from kramp.validation import cable_conduction_targets, registry


def test_the_measured_velocity_no_longer_depends_on_the_step():
    """The cable's potentials are first order in the step: at E16's step the velocity is within
    1 % of the one at half that step."""
    velocity = cable_conduction_targets.cable_velocity()
    finer = cable_conduction_targets.cable_velocity(cable_conduction_targets.E16_DT_MS / 2)
    assert velocity == pytest.approx(finer, rel=0.01)


def test_the_cable_conducts_with_the_square_root_of_its_diameter():
    """A uniform cable with the same membrane per unit area conducts at a velocity proportional
    to the square root of its radius (Hodgkin 1954): a fibre four times as thick, twice as
    fast. Checks the cable's axial coupling independently of its membrane."""
    default = sl.DEFAULT_FIBRE_DIAMETER_UM
    thin = cable_conduction_targets.cable_velocity(diameter_um=default)
    thick = cable_conduction_targets.cable_velocity(diameter_um=4.0 * default)
    assert thick / thin == pytest.approx(2.0, rel=0.02)
    assert not registry.fitted_parameters("E16")  # a prediction: nothing was tuned to it


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E16: 2.84 m/s (2.45 at the engine's step), below Buchthal et al.'s "
                          "3.3–5.2: the T-tubules behind one lumped access conductance of "
                          "25 mS/cm² (the Cannon lab's, from a space-clamped fibre) load the "
                          "upstroke with their whole capacitance, where the tubules' luminal "
                          "resistance hides most of it from a propagating action potential "
                          "(Pedersen, Huang & Fraser 2011); with the access conductance at "
                          "6.67 mS/cm² (Adrian & Peachey's 150 Ω·cm²) the cable conducts at "
                          "4.3 m/s, but the fibre is then neither myotonic (E14) nor "
                          "re-excited by a slow-channel end-plate current (F11)")
def test_e16_the_fibre_cable_conducts_as_human_muscle_fibres_do():
    """Buchthal, Guld & Rosenfalck (1955): 3.3–5.2 m/s in directly stimulated human fibres at
    36.5 °C; the cable's membrane and myoplasm are published values, none tuned to this."""
    result = cable_conduction_targets.target_e16()
    assert result["passed"], result["model_value"]
