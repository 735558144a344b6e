"""Axon components: the CRRSS node's published formulas, its temperature scaling, the geometry of
the myelinated axon, and the myelin sheath re-derived membrane by membrane."""

import math

import numpy as np
import pytest

from kramp.errors import KrampInputError
from kramp.physiology import axon, hh_membrane

NODE = axon.NODE_MEMBRANE.defaults()
GEOMETRY = axon.MYELINATED_AXON.defaults()


@pytest.mark.parametrize("v", [-90.0, -80.0, -60.0, -30.0, 0.0, 30.0])
def test_node_rates_match_the_published_formulas(v):
    # Sweeney et al. 1987, u = V + 80 mV the depolarisation from rest (1/ms):
    # α_m = (97 + 0.363 u)/(1 + exp((31 − u)/5.3)),  β_m = α_m / exp((u − 23.8)/4.17)
    # β_h = 15.6/(1 + exp((24 − u)/10)),             α_h = β_h / exp((u − 5.5)/5)
    u = v + 80.0
    alpha_m = (97 + 0.363 * u) / (1 + math.exp((31 - u) / 5.3))
    beta_m = alpha_m / math.exp((u - 23.8) / 4.17)
    beta_h = 15.6 / (1 + math.exp((24 - u) / 10))
    alpha_h = beta_h / math.exp((u - 5.5) / 5)
    rates = axon.node_rate_constants(np.array(v))
    assert float(rates["m"][0]) == pytest.approx(alpha_m, rel=1e-12)
    assert float(rates["m"][1]) == pytest.approx(beta_m, rel=1e-12)
    assert float(rates["h"][0]) == pytest.approx(alpha_h, rel=1e-12)
    assert float(rates["h"][1]) == pytest.approx(beta_h, rel=1e-12)
    # NEURON's sweeney.mod writes α_m in absolute potential, (126 + 0.363 V)/(…): its constant
    # 126 − 0.363·80 = 96.96 is the published 97 before rounding, so the two agree to 0.1 %.
    alpha_m_absolute = (126 + 0.363 * v) / (1 + math.exp(-(v + 49) / 5.3))
    assert float(rates["m"][0]) == pytest.approx(alpha_m_absolute, rel=1e-3)


def test_node_q10_speeds_each_gate_by_its_own_factor_and_keeps_steady_states():
    v = np.linspace(-100.0, 40.0, 15)
    at_37 = axon.node_gate_kinetics(v, 37.0, NODE["q10_m"], NODE["q10_h"])
    at_27 = axon.node_gate_kinetics(v, 27.0, NODE["q10_m"], NODE["q10_h"])
    for gate, q10 in (("m", 2.2), ("h", 2.9)):
        np.testing.assert_allclose(at_27[gate][1] / at_37[gate][1], q10, rtol=1e-12)
        np.testing.assert_allclose(at_27[gate][0], at_37[gate][0], rtol=1e-12)


def test_node_rests_near_minus_80_mV():
    # the Na window current and the leak (E_L 0.01 mV below rest) balance close to −80 mV
    def current(v):
        kin = axon.node_gate_kinetics(np.array(v), 37.0, 2.2, 2.9)
        m, h = kin["m"][0], kin["h"][0]
        return float(NODE["g_na"] * m**2 * h * (v - NODE["e_na"])
                     + NODE["g_leak"] * (v - NODE["e_leak"]))

    grid = np.linspace(-85.0, -75.0, 1001)
    values = np.array([current(v) for v in grid])
    rest = grid[np.argmin(np.abs(values))]
    assert rest == pytest.approx(-80.0, abs=0.5)


def test_myelinated_geometry_scales_with_fibre_diameter():
    fibre_um, n_nodes, k = 10.0, 5, 4
    spec = axon.myelinated_axon(n_nodes, k, {"fibre_diameter": fibre_um})
    assert spec.length_um.size == n_nodes + (n_nodes - 1) * k
    np.testing.assert_array_equal(spec.site_index, np.arange(n_nodes) * (k + 1))
    node_positions = spec.position_um[spec.site_index]
    np.testing.assert_allclose(np.diff(node_positions), 100.0 * fibre_um)  # L = 100 D
    np.testing.assert_allclose(spec.diameter_um, 0.6 * fibre_um)  # d = 0.6 D
    np.testing.assert_allclose(spec.length_um[spec.site_index], GEOMETRY["node_length"])
    internode = np.setdiff1d(np.arange(spec.length_um.size), spec.site_index)
    np.testing.assert_array_equal(spec.g_mS_per_cm2[0, internode], 0.0)  # no Na under myelin
    np.testing.assert_array_equal(spec.g_mS_per_cm2[0, spec.site_index], NODE["g_na"])
    np.testing.assert_array_equal(spec.e_mV[1, internode], NODE["v_init"])


def test_myelin_formula_equals_the_sum_over_its_membranes():
    # 2N membranes in series, evenly spread between the axon (d) and fibre (D) diameters:
    # 1/C' = Σ_k 1/(c_mem π d_k); the closed form is C' = π c_mem P / ln(D/d).
    fibre_um, ratio, period_um, c_mem = 12.0, 0.6, 0.0184, 0.1
    axon_um = ratio * fibre_um
    n_membranes = round((fibre_um - axon_um) / period_um)
    step = (fibre_um - axon_um) / n_membranes
    diameters = axon_um + step * (np.arange(n_membranes) + 0.5)
    per_length_discrete = 1.0 / np.sum(1.0 / (c_mem * math.pi * diameters))
    per_area = axon.myelin_per_axolemma_area(fibre_um, axon_um, c_mem, period_um)
    assert per_area * math.pi * axon_um == pytest.approx(per_length_discrete, rel=1e-3)


def test_sheath_per_unit_length_is_the_same_for_every_fibre():
    # with every length ∝ D the sheath per unit length does not depend on D (Rushton 1951)
    def per_length(fibre_um):
        spec = axon.myelinated_axon(3, 2, {"fibre_diameter": fibre_um})
        return spec.cm_uF_per_cm2[1] * math.pi * spec.diameter_um[1]

    assert per_length(6.0) == pytest.approx(per_length(15.0), rel=1e-12)


def test_uniform_hh_cable_uses_the_hh_membrane_and_its_overrides():
    spec = axon.uniform_hh_cable(10.0, 50, membrane={"temperature": 18.5})
    hh = hh_membrane.PARAMETERS.defaults()
    np.testing.assert_allclose(spec.length_um, 200.0)
    np.testing.assert_array_equal(spec.g_mS_per_cm2[:, 0], [hh["g_na"], hh["g_k"], hh["g_leak"]])
    assert dict(spec.membrane.setting)["temperature_degC"] == 18.5
    assert spec.axial_resistivity_ohm_cm == 35.4
    assert spec.diameter_um[0] == 476.0


def test_out_of_range_geometry_is_rejected_with_its_unit():
    with pytest.raises(KrampInputError, match=r"`hh_cable.diameter` must be in .* um"):
        axon.uniform_hh_cable(10.0, 5, cable={"diameter": 5000.0})
    with pytest.raises(KrampInputError, match=r"myelinated_axon\.axon_to_fibre"):
        axon.myelinated_axon(3, 2, {"axon_to_fibre": 0.99})


def test_axial_resistivity_reads_units():
    assert axon.HH_CABLE["axial_resistivity"].coerce("35.4 ohm*cm") == 35.4
