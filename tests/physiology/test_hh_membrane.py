"""The HH 1952 membrane: the published rate formulas, written out again, and derived properties."""

import math

import numpy as np
import pytest

from kramp.physiology import hh_membrane

DEFAULTS = hh_membrane.PARAMETERS.defaults()


def test_rate_constants_match_the_published_formulas():
    # Hodgkin & Huxley 1952 eqs. 20–23 (1/ms), voltage shifted so that rest is −65 mV.
    v = -50.0
    expected = {
        "m": (0.1 * (v + 40) / (1 - math.exp(-(v + 40) / 10)), 4 * math.exp(-(v + 65) / 18)),
        "h": (0.07 * math.exp(-(v + 65) / 20), 1 / (1 + math.exp(-(v + 35) / 10))),
        "n": (0.01 * (v + 55) / (1 - math.exp(-(v + 55) / 10)), 0.125 * math.exp(-(v + 65) / 80)),
    }
    rates = hh_membrane.rate_constants(np.array(v))
    for gate, (alpha, beta) in expected.items():
        assert float(rates[gate][0]) == pytest.approx(alpha, rel=1e-12)
        assert float(rates[gate][1]) == pytest.approx(beta, rel=1e-12)


@pytest.mark.parametrize(("gate", "v_singular"), [("m", -40.0), ("n", -55.0)])
def test_rates_are_continuous_through_the_removable_singularity(gate, v_singular):
    v = v_singular + np.array([-1e-4, -1e-9, 0.0, 1e-9, 1e-4])
    alpha = hh_membrane.rate_constants(v)[gate][0]
    assert np.all(np.isfinite(alpha))
    assert np.ptp(alpha) < 1e-4


def test_temperature_factor_is_q10_3_from_6_3_degrees():
    # target A2: every α and β × 3^((T − 6.3)/10); 3.82 at 18.5 °C (three significant figures)
    assert round(hh_membrane.temperature_factor(18.5, 3.0), 2) == 3.82
    assert hh_membrane.temperature_factor(6.3, 3.0) == 1.0
    slow = hh_membrane.gate_kinetics(np.array(-60.0), 6.3, 3.0)
    fast = hh_membrane.gate_kinetics(np.array(-60.0), 18.5, 3.0)
    for gate in hh_membrane.GATES:
        assert float(slow[gate][1] / fast[gate][1]) == pytest.approx(3.0 ** 1.22, rel=1e-12)
        assert float(slow[gate][0]) == pytest.approx(float(fast[gate][0]), rel=1e-12)


def test_resting_potential_is_the_stable_zero_near_minus_65_mV():
    rest = hh_membrane.resting_potential(DEFAULTS)
    assert rest == pytest.approx(-64.974, abs=0.01)
    assert abs(float(hh_membrane.steady_state_current(rest, DEFAULTS))) < 1e-8


def test_resting_potential_moves_with_the_leak_reversal():
    depolarised = dict(DEFAULTS, e_leak=-50.0)
    assert hh_membrane.resting_potential(depolarised) > hh_membrane.resting_potential(DEFAULTS)
