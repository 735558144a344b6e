import numpy as np
import pytest

from kramp.physiology import emg

DEFAULTS = emg.PARAMETERS.defaults()


def test_hermite_rodriguez_shape_peaks_at_lambda_over_root_two():
    width = 2.0
    t = np.linspace(-10.0, 10.0, 200_001)
    wave = emg.hermite_rodriguez_1(t, width)
    assert wave.max() == pytest.approx(1.0, abs=1e-9)
    assert t[np.argmax(wave)] == pytest.approx(width / np.sqrt(2.0), abs=1e-3)
    # written out: √(2e)·(t/λ)·exp(−(t/λ)²) is odd and integrates to zero
    assert np.trapezoid(wave, t) == pytest.approx(0.0, abs=1e-9)


def test_larger_and_shallower_units_have_larger_briefer_muaps():
    force = np.array([1.0, 10.0, 100.0])
    amplitude, width = emg.unit_muaps(force, np.zeros(3), DEFAULTS)
    assert np.all(np.diff(amplitude) > 0) and np.all(np.diff(width) < 0)
    assert width[0] == pytest.approx(DEFAULTS["muap_width_smallest"])
    assert width[0] / width[-1] == pytest.approx(DEFAULTS["muap_width_ratio"])
    deep, _ = emg.unit_muaps(force, np.full(3, DEFAULTS["depth_attenuation"]), DEFAULTS)
    np.testing.assert_allclose(deep / amplitude, np.exp(-1.0))


def test_surface_emg_places_each_muap_at_its_spike():
    amplitude, width = np.array([0.2, 0.5]), np.array([2.0, 1.5])
    times, units = np.array([10.0, 30.0]), np.array([0, 1])
    signal = emg.surface_emg(times, units, amplitude, width, 50.0, 10_000.0)
    t = np.arange(signal.size) * 0.1
    expected = sum(a * emg.hermite_rodriguez_1(t - s, w)
                   for a, w, s in zip(amplitude[units], width[units], times, strict=True))
    np.testing.assert_allclose(signal, expected, atol=1e-6)
    assert emg.surface_emg(np.empty(0), np.empty(0, dtype=int), amplitude, width, 50.0,
                           10_000.0).max() == 0.0
