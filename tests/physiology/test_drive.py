import numpy as np
import pytest

from kramp.engine.components.drive import OU_BACKENDS, ou_coefficients
from kramp.physiology import drive

DEFAULTS = drive.PARAMETERS.defaults()


def test_trapezoid_command_rises_holds_and_releases():
    p = dict(DEFAULTS, level=40.0, onset=100.0, ramp_up=200.0, hold=300.0, ramp_down=100.0)
    t = np.array([0.0, 100.0, 200.0, 300.0, 450.0, 600.0, 650.0, 700.0, 900.0])
    expected = np.array([0.0, 0.0, 0.2, 0.4, 0.4, 0.4, 0.2, 0.0, 0.0])
    np.testing.assert_allclose(drive.command_fraction(t, p), expected, atol=1e-12)


def test_sinusoid_is_added_and_the_command_stays_within_0_and_1():
    p = dict(DEFAULTS, level=0.0, sine_amplitude=30.0, sine_frequency=2.0)
    t = np.linspace(0.0, 1000.0, 2001)
    command = drive.command_fraction(t, p)
    assert command.max() == pytest.approx(0.3, abs=1e-6)
    assert command.min() == 0.0  # negative half-waves are clipped
    full = dict(DEFAULTS, level=100.0, onset=0.0, ramp_up=0.0, sine_amplitude=50.0)
    assert drive.command_fraction(t, full).max() == 1.0


def test_commands_broadcast_over_persons():
    p = dict(DEFAULTS, level=np.array([[10.0], [90.0]]), onset=0.0, ramp_up=0.0)
    command = drive.command_fraction(np.array([[500.0, 1000.0]]), p)
    np.testing.assert_allclose(command, [[0.1, 0.1], [0.9, 0.9]])


def ou(start, normals, step_ms, tau_ms, sd, backend="numba"):
    """Successive OU values from ``start`` through the engine's step, [step, process]."""
    shape = (1, start.size)
    decay, scale = ou_coefficients(step_ms, np.full(shape, tau_ms), np.full(shape, sd))
    out = np.empty((normals.shape[0], *shape))
    OU_BACKENDS[backend](start.reshape(shape).copy(), normals[:, None, :], decay, scale, out)
    return out[:, 0, :]


def test_ornstein_uhlenbeck_has_its_variance_and_correlation_time():
    rng = np.random.default_rng(3)
    tau_ms, step_ms, sd = 5.0, 0.5, 0.2
    x = ou(np.zeros(400), rng.standard_normal((20_000, 400)), step_ms, tau_ms, sd)
    # stationary SD σ; lag-τ autocorrelation e^−1; tolerances ≈ 4/√(effective samples)
    assert x[2000:].std() == pytest.approx(sd, rel=0.02)
    lag = int(tau_ms / step_ms)
    rho = np.mean([np.corrcoef(x[2000:-lag, k], x[2000 + lag:, k])[0, 1] for k in range(400)])
    assert rho == pytest.approx(np.exp(-1.0), abs=0.01)


def test_ornstein_uhlenbeck_continues_from_its_start_and_both_steps_agree():
    x = ou(np.full(3, 5.0), np.zeros((1, 3)), 1.0, 10.0, 0.0)
    np.testing.assert_allclose(x[0], 5.0 * np.exp(-0.1))
    normals = np.random.default_rng(1).standard_normal((50, 4))
    np.testing.assert_allclose(ou(np.ones(4), normals, 1.0, 5.0, 0.3),
                               ou(np.ones(4), normals, 1.0, 5.0, 0.3, "numpy"), rtol=1e-14)
