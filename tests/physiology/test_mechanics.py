"""Hill-type mechanics: the published force–length, force–velocity and passive formulas."""

import math

import numpy as np
import pytest

from kramp.physiology import mechanics

P = mechanics.PARAMETERS.defaults()


def test_every_parameter_has_unit_range_and_a_resolvable_source():
    for param in mechanics.PARAMETERS:
        low, high = param.range
        assert low <= param.value <= high
        assert param.meaning
        assert mechanics.PARAMETERS.references[param.source]


def test_shortening_follows_hills_equation_written_out():
    # Hill 1938: (F + a)(v + b) = (F0 + a) b, with a = k F0 and b = k v_max.
    f0, v_max, k = 1.0, 1.0, P["hill_curvature"]
    a, b = k * f0, k * v_max
    for v in np.linspace(0.0, v_max, 11):
        hill_force = (f0 + a) * b / (v + b) - a
        model = mechanics.force_velocity(v, k, P["eccentric_force_max"],
                                         P["eccentric_slope_ratio"])
        assert float(model) == pytest.approx(hill_force, abs=1e-12)


def test_force_length_and_passive_curves_are_thelens_formulas():
    gamma, strain, shape = P["force_length_width"], P["passive_strain_at_max"], P["passive_shape"]
    for length in (0.6, 0.9, 1.0, 1.2, 1.5):
        active = math.exp(-((length - 1.0) ** 2) / gamma)
        assert float(mechanics.active_force_length(length, gamma)) == pytest.approx(active)
        passive = ((math.exp(shape * (length - 1.0) / strain) - 1.0) / (math.exp(shape) - 1.0)
                   if length > 1.0 else 0.0)
        assert float(mechanics.passive_force_length(length, strain, shape)) == pytest.approx(
            passive, abs=1e-15)
    # passive force reaches the maximal isometric force at strain ε₀
    assert float(mechanics.passive_force_length(1.0 + strain, strain, shape)) == pytest.approx(1.0)


def test_lengthening_branch_is_continuous_with_the_set_slope_ratio_and_plateau():
    k, f_ecc, ratio = P["hill_curvature"], P["eccentric_force_max"], P["eccentric_slope_ratio"]
    h = 1e-6
    concentric_slope = (mechanics.force_velocity(h, k, f_ecc, ratio) - 1.0) / h
    eccentric_slope = (1.0 - mechanics.force_velocity(-h, k, f_ecc, ratio)) / h
    assert float(mechanics.force_velocity(0.0, k, f_ecc, ratio)) == 1.0
    assert float(eccentric_slope / concentric_slope) == pytest.approx(ratio, rel=1e-4)
    assert float(mechanics.force_velocity(-1e6, k, f_ecc, ratio)) == pytest.approx(f_ecc, rel=1e-4)
    velocities = np.linspace(-2.0, 1.0, 301)
    assert np.all(np.diff(mechanics.force_velocity(velocities, k, f_ecc, ratio)) <= 0.0)
    assert float(mechanics.force_velocity(1.5, k, f_ecc, ratio)) == 0.0


def test_isometric_default_leaves_force_unchanged_and_length_scales_it():
    assert mechanics.isometric_factor() == 1.0
    stretched = dict(P, normalised_length=1.3)
    assert mechanics.isometric_factor(stretched) == pytest.approx(math.exp(-0.09 / 0.45))


def test_velocity_is_normalised_by_v_max_times_optimal_length():
    # 10 optimal lengths per second of a 50 mm fibre: 500 mm/s is the maximal velocity
    assert float(mechanics.normalised_velocity(250.0, 50.0, P)) == pytest.approx(0.5)
    assert float(mechanics.passive_force_mN(1.0, 3.5e6, P)) == 0.0
