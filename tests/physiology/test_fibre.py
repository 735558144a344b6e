"""Motor-unit force: pool distribution, twitch shape, summation, potentiation, fatigue, numerics."""

import math

import numpy as np
import pytest

from kramp.engine.components.fibres import F
from kramp.errors import KrampInputError
from kramp.physiology import fibre, muscles

P = fibre.PARAMETERS.defaults()


def run_unit(contraction_time_ms, spike_times_ms, duration_ms, dt_ms=0.25, params=P,
             fatigability_per_ms=0.0, state=None):
    """Normalised force (f, one value per step) of one unit driven by ``spike_times_ms``."""
    n_step = round(duration_ms / dt_ms)
    events = np.zeros((n_step, 1), dtype=np.uint8)
    steps = np.round(np.asarray(spike_times_ms) / dt_ms).astype(int)
    np.add.at(events[:, 0], steps[steps < n_step], 1)
    ct = np.array([contraction_time_ms])
    arrays = fibre.step_arrays({**fibre.kinetic_time_constants(params, ct),
                                "fatigability_per_ms": np.array([fatigability_per_ms]),
                                "tetanic_force_mN": np.ones(1)}, dt_ms)
    state = fibre.rested_state(1) if state is None else state
    force, _ = fibre.simulate_units(
        events, arrays["calcium_decay_half"], arrays["tau_force_rest_ms"],
        arrays["tau_force_active_ms"], arrays["fatigability_per_ms"], arrays["tetanic_force_mN"],
        1.0, fibre.step_constants(params, dt_ms), state, False)
    return force


def twitch_peak_and_half_relaxation(force, dt_ms, start_ms=0.0):
    first = round(start_ms / dt_ms)
    trace = force[first:]
    peak_step = int(np.argmax(trace))
    half = peak_step + int(np.argmax(trace[peak_step:] < 0.5 * trace[peak_step]))
    return float(trace[peak_step] - force[first - 1] if first else trace[peak_step]), \
        (half - peak_step) * dt_ms


def test_every_parameter_has_unit_range_and_a_resolvable_source():
    for table in (fibre.PARAMETERS,):
        for param in table:
            low, high = param.range
            assert low <= param.value <= high
            assert param.meaning
            assert table.references[param.source]


@pytest.mark.parametrize("contraction_time_ms", [30.0, 90.0, 200.0])
def test_rested_twitch_peaks_at_the_contraction_time(contraction_time_ms):
    dt = 0.05
    force = run_unit(contraction_time_ms, [0.0], 8 * contraction_time_ms, dt)
    peak_time = (int(np.argmax(force)) + 1) * dt
    # the shape was calibrated at T = 100 ms; phosphorylation during the twitch itself runs on
    # an absolute clock (τ_on = 3 s), so slower units peak up to ~1.5 % later and higher
    assert peak_time == pytest.approx(contraction_time_ms, rel=0.015)
    # the twitch/tetanus ratio human thenar units imply (Thomas et al. 1999: 0.14)
    assert float(force.max()) == pytest.approx(0.14, abs=0.01)


def test_summation_is_nonlinear_and_saturates_at_the_tetanic_force():
    ct = 60.0
    twitch = run_unit(ct, [0.0], 600.0)
    pair = run_unit(ct, [0.0, 10.0], 600.0)
    # Two twitches 10 ms apart, superposed linearly, peak below twice one twitch; the Ca²⁺ of
    # the second impulse adds to the first's, so the doublet's peak rises above that (human
    # thenar units: 3.5 times the twitch, Thomas et al. 1999)
    assert pair.max() > 2.0 * twitch.max()
    means = []
    for rate in (5.0, 10.0, 20.0, 50.0, 100.0):
        force = run_unit(ct, np.arange(0.0, 1000.0, 1e3 / rate), 1000.0)
        means.append(force[-round(200 / 0.25):].mean())
    assert np.all(np.diff(means) > 0.0)
    assert means[-1] == pytest.approx(1.0, abs=0.03)  # fused tetanus ≈ tetanic force
    # far below linear summation, 100 Hz × the twitch's integral: saturation
    assert means[-1] < 0.7 * 100.0 * twitch.sum() * 0.25e-3


def test_post_tetanic_potentiation_raises_twitches_not_tetani_and_fades():
    ct, dt = 60.0, 0.25
    tetanus = np.arange(1000.0, 6000.0, 20.0)  # 5 s at 50 Hz
    spikes = np.concatenate([[0.0], tetanus, [7000.0, 7000.0 + 240e3]])
    force = run_unit(ct, spikes, 7000.0 + 240e3 + 1000.0, dt)
    before, _ = twitch_peak_and_half_relaxation(force[: round(900 / dt)], dt)
    after = float(force[round(7000 / dt): round(7900 / dt)].max() - force[round(7000 / dt) - 1])
    late = float(force[round(247000 / dt):].max())
    assert after / before > 1.4
    assert 1.0 < late / before < after / before  # decays over minutes (τ_off ≈ 2 min)
    fused = [run_unit(ct, np.arange(0.0, 1000.0, 10.0), 1000.0)[-400:].mean()]
    potentiated_state = fibre.rested_state(1)
    potentiated_state[2, 0] = 1.0
    fused.append(run_unit(ct, np.arange(0.0, 1000.0, 10.0), 1000.0,
                          state=potentiated_state)[-400:].mean())
    assert fused[1] == pytest.approx(fused[0], rel=0.02)


def test_metabolites_recover_exactly_with_their_time_constant():
    state = fibre.rested_state(1)
    state[3, 0] = 1.0
    run_unit(60.0, [], 60e3, dt_ms=1.0, state=state)
    assert state[3, 0] == pytest.approx(math.exp(-60.0 / P["metabolite_recovery_time"]),
                                        rel=1e-12)


def test_fatigue_lowers_force_and_slows_relaxation():
    ct, dt = 60.0, 0.25
    fresh = run_unit(ct, [0.0], 600.0, dt)
    tired = fibre.rested_state(1)
    tired[3, 0] = 1.0  # the level at which Ca2+ release has halved
    fatigued = run_unit(ct, [0.0], 600.0, dt, state=tired)
    peak_fresh, hrt_fresh = twitch_peak_and_half_relaxation(fresh, dt)
    peak_tired, hrt_tired = twitch_peak_and_half_relaxation(fatigued, dt)
    assert peak_tired < 0.7 * peak_fresh
    assert hrt_tired > 1.2 * hrt_fresh


def test_strong_fast_units_fatigue_more_than_weak_slow_ones():
    # 2 min of 13 pulses at 40 Hz each second (the test of the thenar units of PMC1779696)
    props = muscles.pool_properties(["first_dorsal_interosseous"])
    picked = {name: values[[0, 60, 119]] for name, values in props.items()}
    dt = 0.5
    times = (np.arange(120)[:, None] * 1000.0 + np.arange(13)[None, :] * 25.0).ravel()
    events = np.zeros((round(120e3 / dt), 3), dtype=np.uint8)
    events[np.round(times / dt).astype(int), :] = 1
    arrays = fibre.step_arrays(picked, dt)
    _, force = fibre.simulate_units(
        events, arrays["calcium_decay_half"], arrays["tau_force_rest_ms"],
        arrays["tau_force_active_ms"], arrays["fatigability_per_ms"], arrays["tetanic_force_mN"],
        1.0, fibre.step_constants(P, dt), fibre.rested_state(3), True)
    index = force[round(119e3 / dt):].max(axis=0) / force[: round(1e3 / dt)].max(axis=0)
    weakest, middle, strongest = index
    assert weakest > middle > strongest
    assert strongest < 0.5 and middle > 0.7  # thenar fatigue indices span 0.41–0.95


def test_numba_step_matches_the_numpy_reference_on_person_by_unit_arrays():
    rng = np.random.default_rng(1)
    shape, dt = (4, 50), 0.5
    ct = rng.uniform(30.0, 200.0, shape)
    props = {**fibre.kinetic_time_constants(P, ct),
             "fatigability_per_ms": rng.uniform(0.0, 1e-4, shape),
             "tetanic_force_mN": rng.uniform(10.0, 1e4, shape)}
    arrays = fibre.step_arrays(props, dt)
    # a blocked glycolysis and a cuff, from stores partly spent, so that supply, the ATP cap and
    # rigor all act
    k = fibre.step_constants({**P, "glycogenolysis": 0.0, "blood_flow": 0.3}, dt)
    start = fibre.rested_state(shape[0] * shape[1]).reshape(len(fibre.VARIABLES), *shape)
    start[F.phosphagen] = rng.uniform(0.0, 0.4, shape)
    reference = list(start.copy())
    compiled = start.copy()
    for _ in range(2000):
        events = (rng.random(shape) < 0.02).astype(np.int64)
        *reference, force_reference = fibre.unit_step_numpy(
            *reference, events, arrays["calcium_decay_half"], arrays["tau_force_rest_ms"],
            arrays["tau_force_active_ms"], arrays["fatigability_per_ms"],
            arrays["tetanic_force_mN"], 0.9, k)
        force_compiled = np.empty(shape)
        for person, unit in np.ndindex(shape):
            *new_state, force_compiled[person, unit] = fibre.unit_step(
                *compiled[:, person, unit], events[person, unit],
                arrays["calcium_decay_half"][person, unit],
                arrays["tau_force_rest_ms"][person, unit],
                arrays["tau_force_active_ms"][person, unit],
                arrays["fatigability_per_ms"][person, unit],
                arrays["tetanic_force_mN"][person, unit], 0.9, k)
            compiled[:, person, unit] = new_state
    # the kernel's Padé/Taylor factors differ from exp by < 1e-8 per step
    np.testing.assert_allclose(compiled, np.array(reference), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(force_compiled, force_reference, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("dt_ms", [0.5, 1.0])
def test_a_coarse_muscle_step_matches_a_fine_one(dt_ms):
    spikes = np.concatenate([[0.0], 300.0 + np.arange(0.0, 600.0, 20.0)])
    fine_dt = 0.025
    fine = run_unit(30.0, spikes, 1200.0, fine_dt, fatigability_per_ms=2e-4)
    coarse = run_unit(30.0, spikes, 1200.0, dt_ms, fatigability_per_ms=2e-4)
    on_coarse_grid = fine[round(dt_ms / fine_dt) - 1::round(dt_ms / fine_dt)]
    assert np.max(np.abs(coarse - on_coarse_grid)) < 1e-3 * fine.max()


def test_decay_factor_is_exp_within_x5_over_720():
    x = np.linspace(1e-4, 0.1, 101)
    pade = np.array([fibre.decay_factor(v * 20.0, 20.0) for v in x])
    assert np.all(np.abs(pade / np.exp(-x) - 1.0) <= x**5 / 720 * 1.01 + 1e-15)


def test_a_fractional_hill_coefficient_is_refused_with_its_name():
    expected = r"`fibre\.hill_coefficient` must be a whole number, got 2\.5"
    with pytest.raises(KrampInputError, match=expected):
        fibre.step_constants(dict(P, hill_coefficient=2.5), 1.0)


# --- the energy balance -----------------------------------------------------------------------
TETANUS_50_HZ = np.arange(0.0, 60e3, 20.0)


def test_phosphocreatine_recovers_with_its_measured_time_constant():
    # after exercise PCr resynthesis is exponential with τ ≈ 30 s (31P-MRS): from a small
    # deficit d0 the store is back to 1 − d0 e^(−t/τ)
    state = fibre.rested_state(1)
    state[F.phosphagen, 0] = 0.9
    run_unit(60.0, [], 30e3, dt_ms=1.0, state=state)
    assert state[F.phosphagen, 0] == pytest.approx(1.0 - 0.1 * math.exp(-1.0), rel=1e-3)


def test_a_rested_unit_keeps_its_store_and_holds_no_rigor():
    state = fibre.rested_state(1)
    run_unit(60.0, [], 10e3, dt_ms=1.0, state=state)
    assert state[F.phosphagen, 0] == 1.0 and state[F.rigor, 0] == 0.0


def test_no_phosphocreatine_is_rebuilt_under_a_cuff():
    # Harris et al. 1976: with the circulation occluded PCr does not recover after exercise
    state = fibre.rested_state(1)
    state[F.phosphagen, 0] = 0.5
    run_unit(60.0, [], 60e3, 1.0, {**P, "blood_flow": 0.0}, state=state)
    assert state[F.phosphagen, 0] == 0.5


def test_without_supply_a_tetanus_spends_the_store_in_its_seconds_of_turnover():
    # no glycolysis, no oxygen: a 50 Hz tetanus asks for its maximal turnover plus Ca²⁺ pumping
    # (1 + 50 × 10 ms ≈ 1.5 per s), so force holds while the 10 s of PCr last (10/1.5 ≈ 6.7 s)
    # and is half gone before the ATP's 3 s more are spent (13/1.5 ≈ 8.7 s); glycolysis (half
    # the turnover) stretches the PCr to 10/(1.5 − 0.5) ≈ 10 s
    demand = 1.0 + 50.0 * P["calcium_cycling_cost"] * 1e-3
    train = TETANUS_50_HZ[TETANUS_50_HZ < 20e3]
    starved = run_unit(60.0, train, 20e3, 1.0, {**P, "glycogenolysis": 0.0, "blood_flow": 0.0})
    cuffed = run_unit(60.0, train, 20e3, 1.0, {**P, "blood_flow": 0.0})
    plateau = starved[2000]
    pcr_s, store_s = 10.0 / demand, 13.0 / demand
    assert starved[round(0.95 * pcr_s * 1e3)] > 0.99 * plateau
    assert starved[round(1.05 * store_s * 1e3)] < 0.5 * plateau
    glycolytic_pcr_s = 10.0 / (demand - P["glycolytic_capacity"])
    assert cuffed[round(0.95 * glycolytic_pcr_s * 1e3)] > 0.99 * plateau


def test_rigor_holds_force_without_action_potentials_until_atp_returns():
    # a unit whose store ran out stays in rigor with no action potential; when blood returns
    # (oxidative supply) ATP is made again and the rigor lets go
    state = fibre.rested_state(1)
    state[F.phosphagen, 0] = 0.0
    starved = {**P, "glycogenolysis": 0.0, "blood_flow": 0.0}
    held = run_unit(60.0, [], 5e3, 1.0, starved, state=state)
    assert held[-1] > 0.9
    freed = run_unit(60.0, [], 30e3, 1.0, {**P, "glycogenolysis": 0.0}, state=state)
    assert freed[-1] < 0.01


def test_glycolysis_makes_atp_only_while_the_unit_works_and_never_above_its_capacity():
    """The glycolysed ATP (the lactate's source, target G11) over the first 8 s of a cuffed
    50 Hz tetanus, while PCr lasts and the demand (1.5 × the maximal turnover) exceeds the
    glycolytic capacity G: at most G for all 8 s, at least G once the PCr deficit has reached
    d_G, which a demand net of glycolysis exceeding 1 turnover reaches within d_G × 13 s.
    Without glycogenolysis none is made, and a resting unit makes none."""
    store_s = P["phosphocreatine_store"] + P["atp_store"]
    train = TETANUS_50_HZ[TETANUS_50_HZ < 8e3]
    cuffed = fibre.rested_state(1)
    run_unit(60.0, train, 8e3, 1.0, {**P, "blood_flow": 0.0}, state=cuffed)
    made_s = cuffed[F.glycolysed, 0] * store_s
    onset_s = P["glycolytic_onset_deficit"] * store_s
    assert P["glycolytic_capacity"] * (8.0 - onset_s) <= made_s <= P["glycolytic_capacity"] * 8.0
    blocked = fibre.rested_state(1)
    run_unit(60.0, train, 8e3, 1.0, {**P, "blood_flow": 0.0, "glycogenolysis": 0.0},
             state=blocked)
    resting = fibre.rested_state(1)
    resting[F.phosphagen, 0] = 0.5
    run_unit(60.0, [], 10e3, 1.0, state=resting)
    assert blocked[F.glycolysed, 0] == 0.0 and resting[F.glycolysed, 0] == 0.0


def _subnormal(values) -> np.ndarray:
    magnitude = np.abs(np.asarray(values, dtype=float))
    return (magnitude > 0.0) & (magnitude < np.finfo(float).tiny)


def test_a_resting_unit_leaves_no_subnormal_calcium_or_force():
    """A minute and a half after one twitch, Ca²⁺ has fallen by e about 1,200 times: left alone
    it would sit in the subnormal range for good (rounding keeps it there), where every
    operation costs a microcode assist. The kernel sets what is that small to zero."""
    state = fibre.rested_state(1)
    run_unit(100.0, [0.0], 90_000.0, state=state)
    assert not _subnormal(state).any(), state[:, 0]


def test_the_numpy_reference_also_sets_negligible_calcium_and_force_to_zero():
    """The same for the NumPy twin, from Ca²⁺, then force, a little above where they are cut
    (stepping it for 90 s would take minutes)."""
    dt = 0.25
    props = {**fibre.kinetic_time_constants(P, np.array([100.0])),
             "fatigability_per_ms": np.zeros(1), "tetanic_force_mN": np.ones(1)}
    arrays = fibre.step_arrays(props, dt)
    k = fibre.step_constants(P, dt)
    for variable, start_value in ((F.calcium, 1e-49), (F.force_norm, 1e-299)):
        state = list(fibre.rested_state(1))
        state[variable][0] = start_value
        for _ in range(2000):
            *state, _ = fibre.unit_step_numpy(
                *state, np.zeros(1), arrays["calcium_decay_half"], arrays["tau_force_rest_ms"],
                arrays["tau_force_active_ms"], arrays["fatigability_per_ms"],
                arrays["tetanic_force_mN"], 1.0, k)
        assert not _subnormal(state).any(), state
        assert state[variable][0] == 0.0, (variable, state[variable])
