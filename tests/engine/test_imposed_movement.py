"""The imposed ankle trajectory: its velocity is the derivative of its angle, and a ramp reaches
its amplitude, holds it and comes back."""

import numpy as np
import pytest

from kramp.engine.components.ankle import MOVEMENT_ROWS, imposed_angle
from kramp.engine.stimuli import MOVEMENT


def trajectory(**changes):
    values = {**MOVEMENT.defaults(), **changes}
    movement = np.array([values[name] for name in MOVEMENT_ROWS])
    t = np.arange(0.0, 2000.0, 0.05)
    return t, np.array([imposed_angle(x, movement) for x in t])


@pytest.mark.parametrize("speed, amplitude", [(300.0, 20.0), (50.0, 20.0), (2000.0, 2.0)])
def test_the_ramp_reaches_its_amplitude_and_its_velocity_integrates_to_its_angle(speed, amplitude):
    t, path = trajectory(start_angle=-10.0, ramp_start=100.0, ramp_amplitude=amplitude,
                         ramp_velocity=speed, ramp_hold=300.0)
    angle, velocity = path[:, 0], path[:, 1]
    integrated = -10.0 + np.concatenate([[0.0], np.cumsum(0.5 * (velocity[1:] + velocity[:-1])
                                                          * np.diff(t) * 1e-3)])
    np.testing.assert_allclose(integrated, angle, atol=1e-3)
    assert angle.max() == pytest.approx(-10.0 + amplitude)
    assert velocity.max() <= speed + 1e-9
    assert angle[-1] == pytest.approx(-10.0)
