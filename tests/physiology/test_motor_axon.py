"""The motor axon's site membrane: kernels, reversal potentials from ions, excitability."""

import math

import numpy as np
import pytest

from kramp.engine.components.axons import threshold_uA_per_cm2
from kramp.physiology import ions, motor_axon

DT = 0.025


def constants(**ion_changes):
    return motor_axon.site_constants({}, {**ions.PARAMETERS.defaults(), **ion_changes})


def fires(k, pulses, duration_ms=20.0, amplitude=None, width_ms=0.1):
    amplitude = amplitude or 3.0 * threshold_uA_per_cm2(k, width_ms, DT)
    y = motor_axon.initial_state(k)
    spikes, v_before = [], y[0]
    for step in range(round(duration_ms / DT)):
        t = step * DT
        on = any(0.0 <= t - t0 < width_ms for t0 in pulses)
        v = motor_axon.site_step(y, amplitude if on else 0.0, DT, k)
        if v_before < 0.0 <= v:
            spikes.append(t)
        v_before = v
    return spikes


def test_numba_and_numpy_steps_agree():
    k = constants(calcium=0.8)
    y_numba = motor_axon.initial_state(k)
    y_numpy = np.repeat(y_numba[:, None], 3, axis=1)
    for step in range(400):
        current = 3000.0 if 40 <= step < 44 else 0.0
        motor_axon.site_step(y_numba, current, DT, k)
        motor_axon.site_step_numpy(y_numpy, current, DT, k)
    np.testing.assert_allclose(y_numpy[:, 0], y_numba, rtol=1e-9, atol=1e-9)


def test_the_sodium_reversal_follows_nernst():
    # RT/F at 35 °C from CODATA R, F: 8.314462618 × 308.15 / 96485.33212 = 26.555 mV
    expected = 26.555 * math.log(125.0 / 140.0)
    shift = constants(sodium=125.0)[motor_axon.K.e_na] - constants()[motor_axon.K.e_na]
    assert shift == pytest.approx(expected, abs=0.01)


def test_a_spike_leaves_the_site_refractory_for_a_fraction_of_a_millisecond():
    k = constants()
    assert len(fires(k, [2.0, 2.3])) == 1
    assert len(fires(k, [2.0, 7.0])) == 2


def test_less_calcium_lowers_the_threshold():
    # Frankenhaeuser & Hodgkin 1957: lowering Ca moves gating toward rest
    assert threshold_uA_per_cm2(constants(calcium=0.8), 0.1, DT) < \
        threshold_uA_per_cm2(constants(), 0.1, DT)


def test_blocked_sodium_channels_never_fire():
    k = motor_axon.site_constants({"g_na": 0.0}, ions.PARAMETERS.defaults())
    assert fires(k, [2.0], amplitude=1e4) == []
