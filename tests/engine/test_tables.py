"""Tabulated Rush–Larsen coefficients against the exact ones they replace."""

import numpy as np
import pytest

from kramp.engine.tables import (
    TABLE_V_MAX_MV,
    TABLE_V_MIN_MV,
    build_gate_tables,
    interpolate,
    rush_larsen_coefficients,
)
from kramp.physiology import hh_membrane


def hh_kinetics(temperature):
    return lambda v: hh_membrane.gate_kinetics(v, temperature, 3.0)


@pytest.mark.parametrize("temperature", [6.3, 18.5])
@pytest.mark.parametrize("dt_ms", [0.001, 0.025])
def test_interpolated_coefficients_match_exact_ones(temperature, dt_ms):
    tables = build_gate_tables([hh_kinetics(temperature)], hh_membrane.GATES, dt_ms)
    v = np.random.default_rng(1).uniform(-100.0, 60.0, 20_000)
    a, b = interpolate(tables.coefficients, np.zeros(v.size, dtype=np.int64), v,
                       tables.v_min_mV, tables.inv_step_per_mV)
    exact = hh_membrane.gate_kinetics(v, temperature, 3.0)
    for g, gate in enumerate(hh_membrane.GATES):
        a_exact, b_exact = rush_larsen_coefficients(*exact[gate], dt_ms)
        # Linear interpolation on a 0.05 mV grid: error ≤ step²/8 · max|f''|, about 1e-6 here
        # (18.5 °C has the largest curvature: the rates are 3.8 times faster).
        assert np.max(np.abs(a[:, g] - a_exact)) < 2e-6
        assert np.max(np.abs(b[:, g] - b_exact)) < 2e-6


def test_values_beyond_the_grid_are_held_at_the_ends():
    tables = build_gate_tables([hh_kinetics(6.3)], hh_membrane.GATES, 0.025)
    setting = np.zeros(2, dtype=np.int64)
    inside = np.array([TABLE_V_MIN_MV, TABLE_V_MAX_MV])
    outside = np.array([TABLE_V_MIN_MV - 50.0, TABLE_V_MAX_MV + 50.0])
    args = (tables.v_min_mV, tables.inv_step_per_mV)
    for held, edge in zip(interpolate(tables.coefficients, setting, outside, *args),
                          interpolate(tables.coefficients, setting, inside, *args), strict=True):
        np.testing.assert_allclose(held, edge, atol=1e-9)


def test_one_table_per_kinetic_setting():
    tables = build_gate_tables([hh_kinetics(6.3), hh_kinetics(18.5)], hh_membrane.GATES, 0.025)
    assert tables.coefficients.shape[0] == 2
    assert not np.allclose(tables.coefficients[0], tables.coefficients[1])
    assert not tables.coefficients.flags.writeable
