"""The muscle-fibre membrane: reversal potentials, passive Cl⁻, T-tubular K⁺ mass balance,
excitability, calcium release and conduction velocity."""

import math

import numpy as np
import pytest

from kramp.physiology import ions
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q, S

R, F = 8.314462618, 96485.33212


def constants(**changes):
    values = {**sl.PARAMETERS.defaults(), **changes.pop("values", {})}
    return sl.unit_constants(values, {**ions.PARAMETERS.defaults(), **changes}, 55.0)


def test_reversal_potentials_are_nernst_arithmetic():
    q = constants()
    rt_f = R * (35.0 + 273.15) / F * 1e3
    assert abs(q[Q.e_na] - rt_f * math.log(140.0 / 12.0)) < 1e-9
    assert abs(q[Q.e_k_s] - rt_f * math.log(4.0 / 155.0)) < 1e-9
    assert abs(q[Q.e_k_s] - (-97.07)) < 0.05  # E_K at 35 °C, 4/155 mM, by hand


def test_chloride_is_at_equilibrium_with_the_resting_potential():
    q = constants()
    rest = sl.resting_state(q)
    assert abs(q[Q.e_cl] - rest[S.v_surface]) < 0.2
    # and [Cl]i is near the tabulated 4 mM of mammalian muscle (Hille 2001)
    cl_in = 104.0 * math.exp(rest[S.v_surface] / (R * 308.15 / F * 1e3))
    assert 3.0 < cl_in < 5.5


def test_tubular_potassium_mass_balance():
    """With diffusion off, the K⁺ gained by the lumen over one action potential is the K⁺
    current into it over its volume (ρ d/4 per cm² of surface; 1 µA = 1e-6/F mol/s), up to the
    step's first-order splitting (the lumen's flux is taken at the step's start): the mismatch
    shrinks with the step."""
    # from the fibre at rest (with diffusion), then stepped with diffusion off: without it no
    # steady state exists but a depolarised one, at which the fibre cannot fire
    x = sl.resting_state(constants())
    q = constants(values={"potassium_diffusion_tau": 1e6})
    volume_l = 0.003 * 55e-4 / 4.0 * 1e-3  # L per cm² of surface
    per_uA_ms = 1e-6 / F / volume_l * 1e3 * 1e-3  # mM per (µA/cm² · ms)
    mismatch = []
    for dt in (0.025, 0.0125):
        state = [x[S.v_surface], x[S.v_tubule], x[S.m_surface], x[S.h_surface],
                 x[S.n_surface], x[S.m_tubule], x[S.h_tubule], x[S.n_tubule], x[S.k_tubule],
                 q[Q.epc_amplitude]]
        k0, gained = state[8], 0.0
        for _ in range(round(10.0 / dt)):
            k_before = state[8]
            state = list(sl.membrane_step(*state, dt, q)[:10])
            current = sl.tubule_potassium_current(state[1], state[7], k_before, q)
            gained += current * dt * per_uA_ms
        assert state[8] - k0 > 0.05  # one action potential loads the lumen measurably
        mismatch.append(abs((state[8] - k0) - gained) / gained)
    assert mismatch[0] < 2e-3
    assert mismatch[1] < 0.6 * mismatch[0]


def test_default_fibre_fires_and_releases_fully():
    q = constants()
    peak_s, peak_t, rate = sl.response(q, q[Q.epc_amplitude])
    assert peak_s > 10.0 and peak_t > 0.0  # overshooting action potential in both
    assert sl.release_fraction(peak_t, q) > 0.95
    assert abs(rate / q[Q.rate_ref] - 1.0) < 1e-9  # the default fibre is its own reference


def test_safety_factor_relative_to_threshold():
    q = constants()
    threshold = sl.threshold_amplitude(q)
    assert abs(q[Q.epc_amplitude] / threshold - 4.0) < 1e-6
    rest = sl.resting_state(q)
    assert sl.response(q, 0.9 * threshold, start=rest)[0] < q[Q.ap_detection]
    assert sl.response(q, 1.1 * threshold, start=rest)[0] > q[Q.ap_detection]


def test_no_sodium_channels_no_action_potential():
    q = constants(values={"g_na": 0.0})
    peak_s, _, _ = sl.response(q, q[Q.epc_amplitude])
    assert peak_s < q[Q.ap_detection]


def test_high_potassium_depolarises_and_weakens_the_action_potential():
    normal, high = constants(), constants(potassium=12.0)
    rest_normal, rest_high = sl.resting_state(normal), sl.resting_state(high)
    assert rest_high[S.v_surface] > rest_normal[S.v_surface] + 10.0
    peak_normal = sl.response(normal, normal[Q.epc_amplitude])
    peak_high = sl.response(high, high[Q.epc_amplitude])
    assert peak_high[2] < 0.5 * peak_normal[2]  # Na inactivated: slower rise
    assert sl.release_fraction(peak_high[1], high) < sl.release_fraction(peak_normal[1], normal)


def action_potentials(q, amplitude: float, duration_ms: float = 40.0, dt_ms: float = 0.01) -> int:
    """Upward crossings of the detection level after one end-plate conductance of
    ``amplitude`` at rest."""
    x = sl.resting_state(q)
    state = [x[S.v_surface], x[S.v_tubule], x[S.m_surface], x[S.h_surface], x[S.n_surface],
             x[S.m_tubule], x[S.h_tubule], x[S.n_tubule], x[S.k_tubule], amplitude]
    crossings = 0
    for _ in range(round(duration_ms / dt_ms)):
        before = state[0]
        state = list(sl.membrane_step(*state, dt_ms, q)[:10])
        crossings += before < q[Q.ap_detection] <= state[0]
    return crossings


def test_a_normal_end_plate_current_fires_the_fibre_once():
    q = constants()
    assert action_potentials(q, q[Q.epc_amplitude]) == 1


@pytest.mark.parametrize("slowing", [
    3.5,
    pytest.param(5.0, marks=pytest.mark.xfail(
        strict=True, raises=AssertionError,
        reason="measured: one action potential with the end-plate current decaying 5 × more "
               "slowly (and 6 or 8.68 ×), where 3–4 × fire a second one 3.9–5.6 ms after the "
               "first: the point fibre takes the whole end-plate current, which holds it at "
               "−55 to −23 mV from 3 to 6 ms, its Na⁺ channels inactivated (a depolarisation "
               "block). The end-plate region as a cable (used where the current is prolonged) "
               "fires again at 5 × (test_end_plate_cable.py)")),
])
def test_an_end_plate_current_slowed_by_esterase_block_re_excites_the_fibre(slowing):
    """Eccles, Katz & Kuffler (1942; not re-checked): with the esterase blocked the end-plate
    potential outlasts the fibre's refractory period, and one nerve impulse sets up repeated
    muscle action potentials. The end-plate current decays 3.5 × more slowly at 5 % of the
    esterase, 5 × without it (``junction.decay_prolongation``)."""
    q = constants(values={"epc_tau": slowing * sl.PARAMETERS["epc_tau"].value})
    assert action_potentials(q, q[Q.epc_amplitude]) >= 2


def test_velocity_from_diameter_is_the_published_relation():
    values = sl.PARAMETERS.defaults()
    # Nandedkar & Stålberg (1983): 0.05 d + 0.95; a 55 µm fibre conducts at 3.70 m/s, the mean
    # of Andreassen & Arendt-Nielsen (1987) is 3.7 m/s.
    assert abs(sl.diameter_velocity_m_per_s(values, 55.0) - 3.70) < 1e-9
    d = sl.unit_diameters_um(values, np.array([0, 1, 2]))
    assert d[0] < d[1] == d[2]


def test_cooling_slows_the_upstroke():
    warm, cool = constants(), constants(temperature=25.0)
    assert sl.response(cool, cool[Q.epc_amplitude])[2] < sl.response(warm,
                                                                       warm[Q.epc_amplitude])[2]


@pytest.mark.parametrize("dt_ms", [0.025, 0.1, 0.5])  # the engine's fine, recovery, coarse steps
def test_tables_match_the_formulas(dt_ms):
    q = sl.unit_constants(sl.PARAMETERS.defaults(), ions.PARAMETERS.defaults(), 55.0)
    table = sl.gate_table(q, dt_ms)
    lumen = sl.lumen_table(q)
    rng = np.random.default_rng(3)
    for v, kt in zip(rng.uniform(-120.0, 60.0, 200), rng.uniform(0.2, 80.0, 200), strict=True):
        x = rng.uniform(0.0, 1.0, 3)
        tabulated = sl.tabulated_gates(v, *x, table)
        np.testing.assert_allclose(tabulated[:3], sl.gates(v, *x, dt_ms, q), atol=2e-5)
        np.testing.assert_allclose(tabulated[3:], sl.voltage_factors(v, q), rtol=2e-5)
        assert sl.tabulated_pump_factor(v, table) == pytest.approx(tabulated[4], rel=1e-12)
        np.testing.assert_allclose(sl.tabulated_lumen_factors(kt, q, lumen),
                                   sl.lumen_factors(kt, q), rtol=2e-4)
