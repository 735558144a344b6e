"""The motoneuron: BRK's published rate formulas written out again, unit conversions, and the
size-principle ordering of the pool's parameters."""

import math

import numpy as np
import pytest

from kramp.physiology import motoneuron

DEFAULTS = motoneuron.PARAMETERS.defaults()
# BRK's own N-type activation midpoint (kramp moves it to −20 mV; see the module docstring), at
# the temperature of BRK's data, where the gates run at BRK's own speed.
BRK = dict(DEFAULTS, theta_m_can=-30.0, temperature=DEFAULTS["temperature_gating_reference"])


def boltzmann(v, half, slope):
    return 1.0 / (1.0 + math.exp((v - half) / slope))


@pytest.mark.parametrize("v", [-80.0, -55.0, -40.0, -10.0, 30.0])
def test_soma_gates_match_booth_rinzel_kiehn_1997(v):
    # Booth, Rinzel & Kiehn 1997: x∞ = 1/(1 + exp((V − θ)/s)) with s < 0 for activations.
    expected = {
        "m_na": (boltzmann(v, -35.0, -7.8), 0.0),
        "h_na": (boltzmann(v, -55.0, 7.0),
                 30.0 / (math.exp((v + 50.0) / 15.0) + math.exp(-(v + 50.0) / 16.0))),
        "n_kdr": (boltzmann(v, -28.0, -15.0),
                  7.0 / (math.exp((v + 40.0) / 40.0) + math.exp(-(v + 40.0) / 50.0))),
        "m_can": (boltzmann(v, -30.0, -5.0), 4.0),
        "h_can": (boltzmann(v, -45.0, 5.0), 40.0),
    }
    kinetics = motoneuron.soma_gate_kinetics(np.array(v), BRK)
    assert set(kinetics) == set(motoneuron.SOMA_GATES)
    for gate, (x_inf, tau_ms) in expected.items():
        assert float(kinetics[gate][0]) == pytest.approx(x_inf, rel=1e-12)
        assert float(kinetics[gate][1]) == pytest.approx(tau_ms, rel=1e-12)


def test_somatic_gates_speed_up_by_schwarz_q10_from_20_to_37_degrees():
    # Schwarz 1986: Na gating kinetics of rat nerve have Q10 1.8–2.1 between 20 and 40 °C, so
    # from BRK's 20 °C to 37 °C every somatic time constant shortens 2.7- to 3.5-fold.
    v = np.array([-70.0, -55.0, -30.0])
    cold = motoneuron.soma_gate_kinetics(v, BRK)
    warm = motoneuron.soma_gate_kinetics(v, dict(BRK, temperature=37.0))
    for gate in ("h_na", "n_kdr", "m_can", "h_can"):
        ratio = cold[gate][1] / warm[gate][1]
        assert np.all((ratio > 1.8 ** 1.7) & (ratio < 2.1 ** 1.7)), (gate, ratio)
        np.testing.assert_array_equal(cold[gate][0], warm[gate][0])


def test_pic_activation_and_kca_follow_their_formulas():
    v = np.array([-70.0, -50.0, -30.0])
    m_inf, tau_ms = motoneuron.dendrite_gate_kinetics(v, DEFAULTS)["m_cal"]
    theta, kappa = DEFAULTS["theta_m_cal"], DEFAULTS["kappa_m_cal"]
    np.testing.assert_allclose(m_inf, 1.0 / (1.0 + np.exp(-(v - theta) / kappa)), rtol=1e-12)
    np.testing.assert_allclose(tau_ms, DEFAULTS["tau_m_cal"])
    # BRK: the KCa conductance is open in proportion to [Ca]/([Ca] + K_d), half open at K_d.
    assert motoneuron.kca_activation(0.2, 0.2) == pytest.approx(0.5)


def test_ca_influx_reproduces_brk_alpha_for_a_5_76_um_shell():
    # BRK: d[Ca]/dt = f(−α I_Ca − k_Ca [Ca]) with α = 0.009 µM/ms per µA/cm². 1 µA/cm² over
    # 1 cm² is 1000 nA; a 5.76 µm shell gives 1/(2Fδ) = 0.009 in those units.
    p = dict(DEFAULTS, ca_shell_depth=5.76)
    rate = motoneuron.ca_influx_per_current(1.0, p) * 1000.0
    assert rate == pytest.approx(p["ca_free_fraction"] * 0.009, rel=1e-3)


def test_coupling_conductance_is_two_half_cylinders_in_series():
    pool = motoneuron.pool_parameters(10, "cat")
    r_i = DEFAULTS["axial_resistivity"]
    d_s, d_d = pool.soma_diameter_um[3] * 1e-4, pool.dend_diameter_um[3] * 1e-4
    length_s, length_d = d_s, pool.dend_length_mm[3] * 0.1
    half_ohm = r_i * length_s / (math.pi * (d_s / 2) ** 2) + r_i * length_d / (
        math.pi * (d_d / 2) ** 2)
    assert pool.g_coupling_uS[3] == pytest.approx(2.0 / half_ohm * 1e6, rel=1e-12)


@pytest.mark.parametrize("preset", motoneuron.PRESETS)
def test_pool_parameters_follow_the_size_principle(preset):
    pool = motoneuron.pool_parameters(60, preset)
    # Passive input conductance seen from the soma: soma leak plus the dendrite behind g_c.
    g_in = pool.g_leak_soma_uS + 1.0 / (1.0 / pool.g_coupling_uS + 1.0 / pool.g_leak_dend_uS)
    tau_dend_ms = pool.c_dend_nF / pool.g_leak_dend_uS
    assert np.all(np.diff(pool.cell_type) >= 0)
    assert set(pool.cell_type) == {0, 1, 2}
    assert np.all(np.diff(g_in) > 0)          # input resistance S > FR > FF
    assert np.all(np.diff(tau_dend_ms) < 0)   # membrane time constant FF < FR < S
    assert np.all(np.diff(pool.tau_ca_ms) < 0)  # AHP longer in small cells
    assert np.all(np.diff(pool.cv_m_per_s) > 0)  # faster axons in large cells
    assert np.all(np.diff(pool.cal_inactivating) >= 0)


def test_a_human_pool_takes_its_muscles_type_shares():
    pool = motoneuron.pool_parameters(300, "human", types=(0.5, 0.25))
    np.testing.assert_allclose(np.bincount(pool.cell_type) / pool.n_unit, [0.5, 0.25, 0.25])
    soleus = motoneuron.pool_parameters()  # the default: the soleus's 80 % S, 15 % FR
    np.testing.assert_allclose(np.bincount(soleus.cell_type) / soleus.n_unit, [0.8, 0.15, 0.05])
    assert 40.0 < pool.cv_m_per_s.min() < pool.cv_m_per_s.max() < 60.0


def test_select_and_overrides():
    pool = motoneuron.pool_parameters(20, "cat", {"g_kca": 2.0 * DEFAULTS["g_kca"]})
    assert pool.select(slice(5, 8)).n_unit == 3
    np.testing.assert_allclose(
        pool.g_kca_uS, 2.0 * motoneuron.pool_parameters(20, "cat").g_kca_uS)
    with pytest.raises(ValueError, match="preset"):
        motoneuron.pool_parameters(10, "rat")
