"""The cable solver: the passive cable against its analytic solution, the compiled step against
the NumPy reference, the scheme's order in Δt, and the fibre-diameter → velocity relation."""

import math

import numpy as np
import pytest

from kramp.engine.cable import (
    ORDER,
    CurrentPulse,
    axonal_delay_ms,
    build_cable,
    fibre_conduction_velocity_m_per_s,
    run_cable,
)
from kramp.engine.tables import build_gate_tables, interpolate, rush_larsen_coefficients
from kramp.errors import KrampInputError
from kramp.physiology import axon
from kramp.physiology.axon import CableSpec, Membrane

PASSIVE = Membrane(name="passive", gates=(), channels=("leak",), gate_powers=((),),
                   gate_kinetics=lambda v_mV: {}, setting=())


def passive_cable(length_um, n, diameter_um, rm_ohm_cm2, ri_ohm_cm, e_leak_mV=-70.0):
    ones = np.ones(n)
    return CableSpec(
        membrane=PASSIVE, length_um=ones * length_um / n, diameter_um=ones * diameter_um,
        cm_uF_per_cm2=ones, g_mS_per_cm2=(1e3 / rm_ohm_cm2) * ones[None],
        e_mV=e_leak_mV * ones[None], axial_resistivity_ohm_cm=ri_ohm_cm, v_init_mV=e_leak_mV,
        site_index=np.arange(n))


def test_passive_cable_decays_as_the_analytic_steady_state():
    # A sealed cable of length L fed a steady current I₀ at x = 0 settles to
    #   V(x) − E_L = I₀ r_i λ cosh((L − x)/λ) / sinh(L/λ),
    #   λ = sqrt(d R_m / (4 R_i)),   r_i = 4 R_i / (π d²)   (axial resistance per unit length).
    d_cm, rm, ri = 1e-4, 1000.0, 100.0  # 1 µm, Ω·cm², Ω·cm: λ ≈ 158 µm, τ = R_m C_m = 1 ms
    lam_cm = math.sqrt(d_cm * rm / (4.0 * ri))
    length_cm, n, current_nA = 5.0 * lam_cm, 400, 0.01
    spec = passive_cable(length_cm * 1e4, n, d_cm * 1e4, rm, ri)
    model = build_cable([spec], dt_ms=0.05)
    duration_ms = 20.0  # 20 τ: the transient has decayed by e⁻²⁰
    run = run_cable(model, duration_ms, CurrentPulse(current_nA, 0.0, 1e9),
                    record_index=np.arange(n)[None], record_every=round(duration_ms / 0.05))
    x_cm = spec.position_um / 1e4
    r_i_ohm_per_cm = 4.0 * ri / (math.pi * d_cm**2)
    # nA · Ω = 1e-9 V = 1e-6 mV
    expected_mV = (current_nA * r_i_ohm_per_cm * lam_cm * 1e-6
                   * np.cosh((length_cm - x_cm) / lam_cm) / math.sinh(length_cm / lam_cm))
    depolarisation = run.v_mV[-1, 0] + 70.0
    # the current enters half a compartment (λ/80) from the end: O(Δx²/λ²) away from the ideal
    np.testing.assert_allclose(depolarisation, expected_mV, rtol=2e-3)


def small_batch(kind):
    """Axons that differ in geometry and (for the myelinated batch) in temperature."""
    if kind == "myelinated":
        specs = [axon.myelinated_axon(9, 3, {"fibre_diameter": d}, {"temperature": t})
                 for d, t in ((8.0, 37.0), (12.0, 32.0), (15.0, 37.0))]
        return build_cable(specs, 0.002), CurrentPulse(np.array([4.0, 6.0, 7.5]), 0.1, 0.1), 1.0
    specs = [axon.uniform_hh_cable(12.0, 60, {"diameter": d}, {"temperature": 18.5})
             for d in (238.0, 476.0)]
    return build_cable(specs, 0.01), CurrentPulse(2e4, 0.0, 0.2), 2.0


@pytest.mark.parametrize("kind", ["myelinated", "hh"])
def test_numba_and_numpy_steps_agree(kind):
    model, pulse, duration_ms = small_batch(kind)
    runs = {backend: run_cable(model, duration_ms, pulse, record_every=5, backend=backend)
            for backend in ("numpy", "numba")}
    assert not np.isnan(runs["numba"].arrival_ms).any()  # the AP reached every site
    # they differ in rounding only (fused multiply-adds, Thomas vs LAPACK, x**p vs products)
    np.testing.assert_allclose(runs["numba"].v_mV, runs["numpy"].v_mV, rtol=0, atol=1e-7)
    np.testing.assert_allclose(runs["numba"].arrival_ms, runs["numpy"].arrival_ms, rtol=0,
                               atol=1e-9)


def test_node_tables_match_exact_coefficients_at_body_temperature():
    # the CRRSS node is steeper and faster than squid: the 0.05 mV table must still hold
    dt_ms = 0.001
    kinetics = axon.crrss_node_membrane(axon.NODE_MEMBRANE.defaults()).kinetics
    tables = build_gate_tables([kinetics], axon.NODE_GATES, dt_ms)
    v = np.random.default_rng(2).uniform(-120.0, 60.0, 20_000)
    a, b = interpolate(tables.coefficients, np.zeros(v.size, dtype=np.int64), v,
                       tables.v_min_mV, tables.inv_step_per_mV)
    exact = kinetics(v)
    for g, gate in enumerate(axon.NODE_GATES):
        a_exact, b_exact = rush_larsen_coefficients(*exact[gate], dt_ms)
        assert np.max(np.abs(a[:, g] - a_exact)) < 1e-6
        assert np.max(np.abs(b[:, g] - b_exact)) < 1e-6


def arrival_at_node_ms(dt_ms):
    spec = axon.myelinated_axon(11, 4, {"fibre_diameter": 10.0})
    run = run_cable(build_cable([spec], dt_ms), 1.0, CurrentPulse(5.0, 0.0, 0.1),
                    record_index=spec.site_index[None, [8]])
    return float(run.arrival_ms[0, 0])


def test_arrival_times_converge_at_second_order():
    reference = arrival_at_node_ms(0.000125)
    steps = np.array([0.004, 0.002, 0.001])
    errors = np.array([abs(arrival_at_node_ms(dt) - reference) for dt in steps])
    order = np.polyfit(np.log(steps), np.log(errors), 1)[0]
    assert ORDER - 0.5 <= order <= ORDER + 0.5, (order, errors)


def test_velocity_is_resolved_by_the_default_steps():
    fine = fibre_conduction_velocity_m_per_s([12.0], dt_ms=0.00025,
                                             compartments_per_internode=20)
    default = fibre_conduction_velocity_m_per_s([12.0])
    assert default[0] == pytest.approx(fine[0], rel=2e-3)


def test_velocity_is_proportional_to_fibre_diameter_and_rises_with_temperature():
    diameters = np.array([4.0, 8.0, 16.0])
    velocity = fibre_conduction_velocity_m_per_s(diameters)
    # Rushton (1951): every length ∝ D ⇒ velocity ∝ D (the fixed 1.5 µm node is the only
    # exception, and a small one)
    np.testing.assert_allclose(velocity / diameters, velocity[0] / diameters[0], rtol=5e-3)
    warmer = fibre_conduction_velocity_m_per_s([8.0], node={"temperature": 40.0})
    cooler = fibre_conduction_velocity_m_per_s([8.0], node={"temperature": 30.0})
    assert cooler[0] < velocity[1] < warmer[0]


def test_axonal_delay_is_nerve_length_over_velocity():
    length_mm = np.array([[300.0], [600.0]])
    diameter_um = np.array([10.0, 12.5])
    delay = axonal_delay_ms(diameter_um, length_mm)
    assert delay.shape == (2, 2)
    on_grid = fibre_conduction_velocity_m_per_s([10.0, 12.0, 13.0])
    assert delay[0, 0] == pytest.approx(300.0 / on_grid[0], rel=1e-12)
    between = 0.5 * (on_grid[1] + on_grid[2])
    assert delay[1, 1] == pytest.approx(600.0 / between, rel=1e-12)


def test_batch_must_share_structure_and_size():
    hh = axon.uniform_hh_cable(1.0, 10)
    with pytest.raises(KrampInputError, match="channel structure"):
        build_cable([hh, axon.myelinated_axon(3, 3)], 0.01)
    with pytest.raises(KrampInputError, match="channel structure"):
        build_cable([hh, axon.uniform_hh_cable(1.0, 11)], 0.01)


def test_model_arrays_are_read_only():
    model = build_cable([axon.uniform_hh_cable(1.0, 10)], 0.01)
    with pytest.raises(ValueError):
        model.capacitance_nF[0, 0] = 1.0
