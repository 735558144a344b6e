"""The motor axon's site membrane (node + internode): reversal potentials, rest, temperature,
excitability and what calcium does to it."""

import math

import numpy as np
import pytest

from kramp.physiology import ions, motor_axon
from kramp.physiology.motor_axon import K, S, threshold_uA_per_cm2
from kramp.validation.motor_axon_targets import A9_FREQUENCIES_HZ, train_response

DEFAULT_IONS = ions.PARAMETERS.defaults()
DT = 0.005


def constants(**ion_changes):
    return motor_axon.site_constants({}, {**DEFAULT_IONS, **ion_changes})


def spikes(k, pulses, window_ms=8.0, dt=DT):
    """Upward crossings of 0 mV (ms) of a resting site given (onset, width, amplitude) pulses."""
    current = np.zeros(round(window_ms / dt))
    for onset, width, amplitude in pulses:
        current[round(onset / dt):round((onset + width) / dt)] += amplitude
    v = motor_axon.site_trace(motor_axon.initial_state(k), k, current, dt)
    return np.flatnonzero((v[1:] >= 0.0) & (v[:-1] < 0.0)) * dt, v


def test_reversal_potentials_are_nernst_and_ghk_at_37_degC():
    # independent arithmetic: RT/F at 310.15 K from CODATA R and F
    rt_f = 8.314462618 * 310.15 / 96485.33212 * 1e3
    k = constants(temperature=37.0)
    assert k[K.e_na] == pytest.approx(rt_f * math.log(140.0 / 10.0), abs=1e-9)
    assert k[K.e_k] == pytest.approx(rt_f * math.log(4.0 / 155.0), abs=1e-9)
    e_h = rt_f * math.log((4.0 + 0.3 * 140.0) / (155.0 + 0.3 * 10.0))
    assert k[K.e_h] == pytest.approx(e_h, abs=1e-9)
    assert -45.0 < e_h < -25.0  # Iₕ reverses between −45 and −25 mV (Pape 1996)


def test_the_resting_site_sits_where_human_motor_axons_rest():
    k = constants()
    y = motor_axon.initial_state(k)
    # Bostock-type models of human motor axons rest near −80 to −85 mV
    assert -90.0 < y[S.v_node] < -78.0
    assert abs(y[S.v_node] - y[S.v_internode]) < 3.0
    v_rest = y[S.v_node]
    motor_axon.run_site(y, k, 200.0, 0.025)
    assert y[S.v_node] == pytest.approx(v_rest, abs=1e-6)  # a steady state of the kernel


@pytest.mark.parametrize("ion_change", [{"potassium": 4.0}, {"potassium": 6.0},
                                        {"potassium": 7.0}, {"calcium": 0.8}])
def test_the_steady_state_is_one_where_the_site_has_lost_its_rest(ion_change):
    # Raised K⁺ and lowered Ca²⁺ take the site's resting state away (module doc): what
    # steady_state returns must still be a steady state, checked on the kernel's own step (a
    # separate computation: tabulated gates, backward Euler), which must leave it where it is.
    k = constants(**ion_change)
    y = motor_axon.steady_state(k)
    start = y.copy()
    motor_axon.site_step(y, 0.0, 0.025, k, motor_axon.site_table(k, 0.025))
    assert y[S.v_node] == pytest.approx(start[S.v_node], abs=1e-3)
    assert y[S.v_internode] == pytest.approx(start[S.v_internode], abs=1e-3)


def test_inactivation_relaxes_faster_by_its_q10():
    warm, cool = constants(temperature=37.0), constants(temperature=27.0)
    # the surface potential moves a little with temperature: hold the gating offsets equal
    cool[K.o_am:K.o_bn + 1] = warm[K.o_am:K.o_bn + 1]
    steps = []
    for k in (warm, cool):
        y = motor_axon.initial_state(warm)
        y[S.h] = 0.0
        motor_axon.site_step(y, 0.0, 1e-4, k, motor_axon.site_table(k, 0.025))
        steps.append(y[S.h])
    assert steps[0] / steps[1] == pytest.approx(2.9, rel=2e-3)  # MRG's Q10 of h


def test_the_spike_is_all_or_none_and_leaves_the_site_refractory():
    k = constants()
    threshold = threshold_uA_per_cm2(k, 0.1, DT)
    times, v = spikes(k, [(0.5, 0.1, 2.0 * threshold)])
    assert times.size == 1 and v.max() > 20.0
    times_big, v_big = spikes(k, [(0.5, 0.1, 4.0 * threshold)])
    assert times_big.size == 1 and abs(v_big.max() - v.max()) < 15.0
    assert spikes(k, [(0.5, 0.1, 0.9 * threshold)])[0].size == 0
    # a second pulse 0.5 ms later fails (absolute refractoriness), 5 ms later it fires
    assert spikes(k, [(0.5, 0.1, 2.0 * threshold), (1.0, 0.1, 2.0 * threshold)])[0].size == 1
    assert spikes(k, [(0.5, 0.1, 2.0 * threshold), (5.5, 0.1, 2.0 * threshold)])[0].size == 2


def test_less_calcium_lowers_the_threshold():
    # Frankenhaeuser & Hodgkin 1957: lowering Ca²⁺ moves gating toward rest
    def threshold(ca):
        return threshold_uA_per_cm2(constants(calcium=ca), 0.1, DT)

    assert threshold(1.0) < threshold(1.2) < threshold(2.0)


def test_blocked_sodium_channels_never_fire():
    strong = 3.0 * threshold_uA_per_cm2(constants(), 0.1, DT)
    k = motor_axon.site_constants({"g_na": 0.0}, DEFAULT_IONS)
    times, v = spikes(k, [(0.5, 0.1, strong)])
    assert times.size == 0 and v[round(0.7 / DT):].max() < -40.0


def test_hypocalcaemia_makes_the_site_fire_in_bursts_on_its_own():
    # at normal ionised Ca (1.2 mM) the site is silent; at 0.6 mM it discharges on its own, in
    # groups of spikes a few ms apart (the multiplets of tetany; Kugelberg 1948)
    def free_run(ca):
        k = constants(calcium=ca)
        v = motor_axon.site_trace(motor_axon.initial_state(k), k, np.zeros(40000), 0.025)
        return np.flatnonzero((v[1:] >= 0.0) & (v[:-1] < 0.0)) * 0.025

    assert free_run(1.2).size == 0
    times = free_run(0.6)
    assert times.size >= 10
    assert np.diff(times).min() < 5.0


@pytest.mark.parametrize("frequency", A9_FREQUENCIES_HZ)
def test_the_site_follows_trains_one_to_one_without_afterdischarge(frequency):
    # the calibration criterion of the persistent Na⁺ share (target A9)
    pulses, during, after = train_response(frequency)
    assert (during, after) == (pulses, 0)


@pytest.mark.parametrize("dt_ms", [0.025, 0.3])  # the table's own step, and a long step
def test_tabulated_gates_match_the_rate_formulas(dt_ms):
    """The step's gates, interpolated in its table, against the exponential-Euler update
    computed from the rate formulas at the same potentials."""
    k = constants(calcium=1.0, temperature=35.0)
    table = motor_axon.site_table(k, 0.025)
    rng = np.random.default_rng(7)
    for v_node, v_internode in rng.uniform(-120.0, 60.0, (100, 2)):
        y = np.empty(motor_axon.N_VAR)
        y[S.v_node], y[S.v_internode] = v_node, v_internode
        gates = rng.uniform(0.0, 1.0, 6)
        y[S.m:S.q + 1] = gates
        rates = motor_axon._rates(np.array(v_node), np.array(v_internode), k)
        alpha, beta = np.array(rates[0::2]), np.array(rates[1::2])
        steady = alpha / (alpha + beta)
        expected = steady + (gates - steady) * np.exp(-dt_ms * (alpha + beta))
        motor_axon.site_step(y, 0.0, dt_ms, k, table)
        np.testing.assert_allclose(y[S.m:S.q + 1], expected, atol=2e-5)
