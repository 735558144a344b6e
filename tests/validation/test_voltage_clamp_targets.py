"""Target E17 (kramp's own): the voltage-clamped Na⁺ and K⁺ currents of the default fibre's surface
membrane against loose-patch recordings from human fibres at 23 °C
(kramp.validation.voltage_clamp_targets)."""

import pytest

from kramp.physiology import ions
from kramp.physiology import sarcolemma as sl
from kramp.validation import registry, voltage_clamp_targets


def test_the_clamp_has_converged_in_its_step():
    """The gates relax exactly at a clamped potential, so only the sampling of the peak depends on
    the step: at half of E17's step the peak and its time move by less than 0.5 % and 2 µs."""
    peak, peak_ms, i_k = voltage_clamp_targets.clamp()
    finer = voltage_clamp_targets.clamp(dt_ms=voltage_clamp_targets.E17_DT_MS / 2)
    assert peak == pytest.approx(finer[0], rel=0.005)
    assert peak_ms == pytest.approx(finer[1], abs=0.002)
    assert i_k == pytest.approx(finer[2], rel=0.005)


def test_the_currents_time_course_follows_the_q10_of_the_gates():
    """Every gate's rate scales by Q10 per 10 °C (Hodgkin & Huxley's temperature law), and the
    membrane's surface potential, which moves the gates along the voltage axis, changes with
    temperature too: with the holding and step potentials moved by that change, the Na⁺ current
    peaks exactly Q10 times later 10 °C colder. Checks that the experiment's temperature reaches
    the gates by both routes."""
    def peak_ms(temperature: float) -> float:
        shift = ions.gating_shift_mV({**ions.PARAMETERS.defaults(), "temperature": temperature})
        return voltage_clamp_targets.clamp(step_mV=shift, temperature=temperature,
                                           dt_ms=0.0002, holding_mV=-90.0 + shift)[1]

    q10 = sl.PARAMETERS["gating_q10"].value
    assert peak_ms(23.0) / peak_ms(33.0) == pytest.approx(q10, rel=0.01)
    assert not registry.fitted_parameters("E17")  # a prediction: nothing was tuned to it


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="E17 FAIL: at 23 °C the default fibre's Na⁺ current at 0 mV peaks at "
                          "5.78 mA/cm² after 372 µs (published: within 250 µs) and its outward "
                          "K⁺ current reaches 2.60 mA/cm² (published: usually below 2), 4.00 at "
                          "+40 mV, not saturating; Almers, Roberts & Ruff 1984")
def test_e17_the_fibre_membrane_is_clamped_as_human_patches_are():
    result = voltage_clamp_targets.target_e17()
    assert result["passed"], result["model_value"]
