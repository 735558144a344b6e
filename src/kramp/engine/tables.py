"""Voltage-indexed tables of Rush–Larsen coefficients for gating variables.

For a gate with steady state x∞(V) and time constant τ(V), holding V fixed over one step gives the
exact (exponential-Euler, Rush & Larsen 1978) update

    x(t+Δt) = x∞ + (x − x∞) e^(−Δt/τ) = A(V) + B(V)·x,   A = x∞(1 − e^(−Δt/τ)),  B = e^(−Δt/τ).

A and B depend only on V (and on Δt and temperature, fixed when the Model is built), so they are
sampled once on a fine voltage grid and interpolated linearly in the kernel: one table read
replaces two exponentials per gate and step. Each grid row stores A, its slope to the next row,
B and its slope, so an interpolation is a single multiply-add on one contiguous row. NEURON's
``hh`` uses the same idea with a 1 mV grid (its TABLE statement); kramp's grid is 20 times
finer, and ``tests/engine/test_tables.py`` bounds the interpolation error against the exact
coefficients.

Source: Rush S, Larsen H (1978) IEEE Trans Biomed Eng 25:389–392, doi:10.1109/TBME.1978.326270.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Grid of the tables. The range covers every potential an excitable membrane visits (below E_K to
# above E_Na); beyond it the end values are held. The step bounds the linear-interpolation error
# of A and B by (step²/8)·max|A''|, about 1e-6 for HH kinetics at 6.3 °C.
TABLE_V_MIN_MV = -150.0
TABLE_V_MAX_MV = 120.0
TABLE_STEP_MV = 0.05

Kinetics = Callable[[np.ndarray], dict[str, tuple[np.ndarray, np.ndarray]]]


@dataclass(frozen=True, eq=False)
class GateTables:
    """Rush–Larsen coefficients of every gate, for each distinct kinetic setting of a batch.

    For kinetic setting ``k`` (e.g. one temperature), grid voltage ``V_i = v_min_mV + i·step`` and
    gate ``g``, ``coefficients[k, i, 4g : 4g + 4]`` holds (A(V_i), A(V_i+1) − A(V_i), B(V_i),
    B(V_i+1) − B(V_i)); the slopes of the last row are zero.
    """

    gates: tuple[str, ...]
    v_min_mV: float
    step_mV: float
    coefficients: np.ndarray

    @property
    def inv_step_per_mV(self) -> float:
        return 1.0 / self.step_mV


def voltage_grid() -> np.ndarray:
    n = round((TABLE_V_MAX_MV - TABLE_V_MIN_MV) / TABLE_STEP_MV) + 1
    return TABLE_V_MIN_MV + TABLE_STEP_MV * np.arange(n)


def rush_larsen_coefficients(x_inf: np.ndarray, tau_ms: np.ndarray, dt_ms: float):
    """(A, B) with x(t+Δt) = A + B·x for a gate relaxing to x_inf with time constant tau_ms."""
    decay = np.exp(-dt_ms / tau_ms)
    return x_inf * (1.0 - decay), decay


def build_gate_tables(kinetics_by_setting: list[Kinetics], gates: tuple[str, ...],
                      dt_ms: float) -> GateTables:
    """Sample each kinetic setting's (x∞, τ) on the grid and turn them into (A, B) tables."""
    grid = voltage_grid()
    coefficients = np.zeros((len(kinetics_by_setting), grid.size, 4 * len(gates)))
    for k, kinetics in enumerate(kinetics_by_setting):
        sampled = kinetics(grid)
        for g, gate in enumerate(gates):
            for offset, values in zip((0, 2), rush_larsen_coefficients(*sampled[gate], dt_ms),
                                      strict=True):
                coefficients[k, :, 4 * g + offset] = values
                coefficients[k, :-1, 4 * g + offset + 1] = np.diff(values)
    coefficients.setflags(write=False)
    return GateTables(gates, TABLE_V_MIN_MV, TABLE_STEP_MV, coefficients)


def interpolate(coefficients: np.ndarray, setting: np.ndarray, v_mV: np.ndarray,
                v_min_mV: float, inv_step_per_mV: float) -> tuple[np.ndarray, np.ndarray]:
    """(A, B) at arbitrary voltages (NumPy path), each of shape ``v_mV.shape + (gates,)``.

    ``setting`` selects each voltage's table. Outside the grid the end values are held, exactly
    as in the compiled kernel.
    """
    n = coefficients.shape[1]
    x = np.clip((v_mV - v_min_mV) * inv_step_per_mV, 0.0, n - 1.000001)
    i = x.astype(np.int64)
    f = (x - i)[..., None]
    row = coefficients[setting, i]
    return row[..., 0::4] + f * row[..., 1::4], row[..., 2::4] + f * row[..., 3::4]
