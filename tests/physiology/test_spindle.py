"""The muscle spindle (Mileusnic et al. 2006): its integration against solve_ivp, its rest, and its
responses to the stretches of the classic cat soleus experiments.

Ramp-and-hold protocol of Crowe & Matthews (1964), cat soleus: 6 mm stretches at 5, 30 and
70 mm/s, which on a soleus optimal fascicle length of about 45 mm (assumption, the value that
turns them into the 0.11, 0.66 and 1.55 L0/s Mileusnic et al. quote) are ramps of 0.133 L0,
here from 0.95 L0. The dynamic index is the rate at the end of the ramp minus the rate 0.5 s
into the hold.
"""

import itertools
import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from kramp.physiology import afferents
from kramp.physiology import spindle as sp

DT = 0.5e-3
START, AMPLITUDE, ONSET, HOLD = 0.95, 0.133, 0.2, 0.6
VELOCITIES = (0.11, 0.66, 1.55)


def constants(gamma_dynamic=0.0, gamma_static=0.0, **changes):
    values = sp.PARAMETERS.defaults()
    values.update(gamma_dynamic=gamma_dynamic, gamma_static=gamma_static, **changes)
    return sp.constants(values)


def ramp(velocity, dt=DT):
    """(t, L, v, a) at the end of each step, and the ramp's duration."""
    duration = AMPLITUDE / velocity
    t = np.arange(1, round((ONSET + duration + HOLD) / dt) + 1) * dt
    moving = (t > ONSET) & (t <= ONSET + duration + 1e-12)
    length = np.clip(START + velocity * (t - ONSET), START, START + AMPLITUDE)
    return t, length, np.where(moving, velocity, 0.0), np.zeros_like(t), duration


def radau(length_at, k, span, y0):
    """The spindle's ODE (``derivatives``, |u|ᵃ smoothed below 1e-10 L0/s) by Radau at rtol
    1e-10 with a dense output, the fascicle's length ``length_at(t)``. Its Jacobian by central
    differences: scipy's own estimate multiplies its step tenfold at each evaluation for a
    column that does not move (the stable bridges' variables of a relaxed fibre) until it
    overflows."""
    scratch = np.empty(sp.N_STATE)

    def rhs(time, state):
        sp.derivatives(state, length_at(time), k, scratch, 1e-10)
        return scratch.copy()

    def jacobian(time, state):
        columns = []
        for j in range(state.size):
            delta = 1e-6 * abs(state[j]) + 1e-12
            up, down = state.copy(), state.copy()
            up[j] += delta
            down[j] -= delta
            columns.append((rhs(time, up) - rhs(time, down)) / (2.0 * delta))
        return np.column_stack(columns)

    solution = solve_ivp(rhs, span, y0, method="Radau", rtol=1e-10, atol=1e-13, jac=jacobian,
                         dense_output=True)
    assert solution.success
    return solution


def ramp_response(velocity, k):
    _, length, v, a, duration = ramp(velocity)
    ia, ii = sp.simulate(length, v, a, DT, k)
    end = round((ONSET + duration) / DT) - 1
    held = round((ONSET + duration + 0.5) / DT) - 1
    return {"rest_ia": ia[round(ONSET / DT) - 1], "ia_di": ia[end] - ia[held],
            "ii_di": ii[end] - ii[held], "ia_end": ia[end]}


def _bisected_stage_velocity(base_x, base_u, h, length, fibre, activation, k, latch_x, latch):
    """The stage's root by plain bisection on its residual in w, halved until the bracket's ends
    are neighbouring floats: slow, but sure, and sharing nothing with the Newton iteration."""
    def residual(w):
        return sp._stage_residual(w, base_x, base_u, h, length, fibre, activation, k, latch_x,
                                  latch)

    lo, hi = -1.0, 1.0
    while residual(lo) > 0.0:
        lo *= 2.0
    while residual(hi) < 0.0:
        hi *= 2.0
    while lo < (middle := 0.5 * (lo + hi)) < hi:
        lo, hi = (lo, middle) if residual(middle) > 0.0 else (middle, hi)
    a = k[sp.K.velocity_power]
    return math.copysign(abs(middle) ** (1.0 / a), middle)


def test_an_implicit_stage_is_solved_to_rounding_from_any_guess():
    # polar regions near their rest length, moving from 1e-6 to 1 L0/s either way (holds, ramps,
    # the release after a stretch), under any activation, from the fibre's own velocity as the
    # guess, from rest and from a guess far off; with stable cross-bridges holding the region
    # up to their break strain away
    rng = np.random.default_rng(3)
    k = constants(gamma_dynamic=40.0, gamma_static=40.0)
    h = (1.0 - 1.0 / math.sqrt(2.0)) * 1e-3
    for _ in range(300):
        fibre = int(rng.integers(sp.N_FIBRE))
        base_x = 0.7 + 0.02 * rng.normal()
        base_u = rng.choice([-1.0, 1.0]) * 10.0 ** rng.uniform(-6.0, 0.0)
        length = 1.0 + 0.05 * rng.normal()
        activation = rng.random()
        latch_x, latch = base_x + rng.uniform(-0.02, 0.02), rng.random()
        bridges = (latch_x, latch)
        expected = _bisected_stage_velocity(base_x, base_u, h, length, fibre, activation, k,
                                            *bridges)
        for guess in (base_u, 0.0, -3.0 * base_u + 0.5):
            got = sp._stage_velocity(base_x, base_u, h, length, fibre, activation, guess, k,
                                     *bridges)
            assert abs(got - expected) <= 1e-13 * max(abs(expected), 1e-3)


@pytest.mark.parametrize(("gamma_dynamic", "gamma_static", "velocity"),
                         [(0.0, 0.0, 1.55), (70.0, 0.0, 0.11), (0.0, 70.0, 1.55)])
def test_the_step_follows_solve_ivp_at_half_a_millisecond(gamma_dynamic, gamma_static, velocity):
    """SDIRK2 at 0.5 ms against Radau (rtol 1e-10) on ramp-and-hold stretches. The reference
    integrates the same ODE with the viscosity's |u|^a smoothed below ε = 1e-10 L0/s (Radau's
    Newton iteration diverges on |u|^0.3 at u = 0; ε = 1e-12 gives the same errors), piecewise
    between the ramp's corners. Measured: Ia within 0.40 pps, II within 0.17 pps (of peaks
    200–340 pps), the largest where a ramp's corner falls inside a step. Without the stable
    cross-bridges: the ramps stretch the polar regions past their break strain, a jump the
    continuous ODE lacks (the bridges have their own comparison below)."""
    k = constants(gamma_dynamic, gamma_static, thixotropy_stiffness=0.0)
    t, length, v, a, duration = ramp(velocity)
    corners = (0.0, ONSET, ONSET + duration, t[-1])
    rest = sp.rest_state(START, k)
    expected_ia, expected_ii = np.empty_like(t), np.empty_like(t)
    y = rest.copy()
    for begin, end in itertools.pairwise(corners):
        solution = radau(lambda time: START + velocity * min(max(time - ONSET, 0.0), duration),
                         k, (begin, end), y)
        inside = (t >= begin) & (t <= end)
        for j in np.flatnonzero(inside):
            expected_ia[j], expected_ii[j] = sp.afferent_rates(solution.sol(t[j]), length[j], k)
        y = solution.y[:, -1]
    ia, ii = sp.simulate(length, v, a, DT, k, rest.copy())
    assert np.abs(ia - expected_ia).max() < 0.5
    assert np.abs(ii - expected_ii).max() < 0.25
    assert expected_ia.max() > 150.0  # the comparison covers a real response


def test_a_spindle_at_rest_stays_at_rest():
    k = constants(40.0, 30.0)
    state = sp.rest_state(1.02, k)
    before = state.copy()
    rates = [sp.step(state, 1.02, 0.0, 0.0, DT, k) for _ in range(2000)]
    np.testing.assert_allclose(state, before, atol=1e-12)
    assert np.ptp(np.array(rates), axis=0).max() < 1e-9


def test_fusimotor_drive_separates_dynamic_from_static_as_in_crowe_and_matthews():
    """Crowe & Matthews (1964, J Physiol 174:109–131), cat soleus primaries: stimulating a
    dynamic fusimotor fibre raises the dynamic index; a static fibre raises the discharge at
    constant length but lowers (or leaves) the dynamic index — the very criterion by which they
    named the two kinds. Model at 70 pps, 0.11/0.66/1.55 L0/s: dynamic index passive 42/80/108,
    γ_dyn 91/177/231, γ_stat 31/64/86 pps; discharge before the ramp 0, 28 and 65 pps."""
    passive, dynamic, static = constants(), constants(gamma_dynamic=70.0), \
        constants(gamma_static=70.0)
    for velocity in VELOCITIES:
        p, d, s = (ramp_response(velocity, k) for k in (passive, dynamic, static))
        assert d["ia_di"] > 1.5 * p["ia_di"]
        assert s["ia_di"] < p["ia_di"]
        assert d["rest_ia"] > p["rest_ia"]
        assert s["rest_ia"] > d["rest_ia"]


def test_the_primarys_dynamic_index_grows_as_a_low_power_of_velocity():
    """Houk, Rymer & Crago (1981, J Neurophysiol 46:143–166; not re-checked): the primary's
    velocity response grows as a power of velocity near 0.3 (the origin of the model's a = 0.3);
    Prochazka & Gorassini (1998, J Physiol 507:277–291) fit exponents 0.5–0.6 in locomotion.
    Model, passive, 0.11 → 1.55 L0/s: 42 → 108 pps, exponent 0.36."""
    k = constants()
    slow, fast = ramp_response(VELOCITIES[0], k), ramp_response(VELOCITIES[-1], k)
    exponent = math.log(fast["ia_di"] / slow["ia_di"]) / math.log(VELOCITIES[-1] / VELOCITIES[0])
    assert 0.2 < exponent < 0.6
    middle = ramp_response(VELOCITIES[1], k)
    assert slow["ia_di"] < middle["ia_di"] < fast["ia_di"]


def test_the_secondarys_dynamic_sensitivity_is_small_next_to_the_primarys():
    """Secondary endings of de-efferented cat soleus spindles have a 'normally small dynamic
    sensitivity' at 5–30 mm/s ("Fusimotor stimulation and the dynamic sensitivity of the
    secondary ending of the muscle spindle", J Physiol; authors not re-checked); primaries'
    dynamic index grows steeply with velocity (Matthews 1963, not re-checked). Model, passive:
    secondary dynamic index 19/35/51 pps against the primary's 42/80/108 (ratio 0.45–0.47) —
    smaller, but not by the several-fold the recordings suggest; no published ratio was found to
    test against."""
    k = constants()
    responses = [ramp_response(velocity, k) for velocity in VELOCITIES]
    for r in responses:
        assert r["ii_di"] < r["ia_di"]
    assert responses[-1]["ii_di"] - responses[0]["ii_di"] \
        < responses[-1]["ia_di"] - responses[0]["ia_di"]


def test_small_stretches_are_sensed_more_steeply_than_large_ones():
    """Matthews & Stein (1969, J Physiol 200:723–743; not re-checked): the primary's sensitivity
    (rate modulation per unit stretch) to sinusoidal stretching is high only over a linear range
    below about 0.1 mm and falls several-fold for mm-sized stretches (kramp's reading: at least
    3×). 1 Hz at 0.002 L0 (≈ 0.09 mm of a 45 mm soleus) and 0.03 L0 (≈ 1.35 mm), about 1.0 L0,
    passive. Model: 9.3e3 against 1.3e3 pps/L0, a factor 7."""
    k = constants()
    omega = 2.0 * math.pi
    t = np.arange(1, round(5.0 / DT) + 1) * DT
    late = t > 3.0

    def sensitivity(amplitude):
        length = 1.0 + amplitude * np.sin(omega * t)
        ia, _ = sp.simulate(length, amplitude * omega * np.cos(omega * t),
                            -amplitude * omega**2 * np.sin(omega * t), DT, k)
        first = 2.0 * np.mean(ia[late] * np.exp(-1j * omega * t[late]))  # first harmonic
        return abs(first) / amplitude

    assert sensitivity(0.002) > 3.0 * sensitivity(0.03)


def test_an_impossible_static_damping_is_refused():
    values = sp.PARAMETERS.defaults()
    values["beta2_chain"] = -0.1
    with pytest.raises(ValueError, match="beta2_chain"):
        sp.constants(values)


# Intrafusal thixotropy. A conditioning contraction of the intrafusal fibres at a held length:
# the fusimotor drive of Wilson et al.'s (1995) 5 s contraction (kramp's co-activation gives a
# few tens of pps; 40 pps here), then the relaxed spindle.
CONDITIONING_PPS, CONDITIONING_S = 40.0, 5.0


def _moved(k, start, end, duration, state):
    """Ia (pps) over a ramp from ``start`` to ``end`` (L0) in ``duration`` s from ``state``
    (changed in place)."""
    n = round(duration / DT)
    velocity = (end - start) / duration
    length = start + velocity * np.arange(1, n + 1) * DT
    return sp.simulate(length, np.full(n, velocity), np.zeros(n), DT, k, state)[0]


def _held(k, length, duration, state):
    """Ia (pps) over ``duration`` s at a held ``length``."""
    return _moved(k, length, length, duration, state)


def _conditioned(length, conditioning_pps=CONDITIONING_PPS):
    """A spindle rested at ``length``, driven at ``conditioning_pps`` (γ_dyn and γ_stat) for
    ``CONDITIONING_S`` and relaxed for 2 s, and an unconditioned one held as long: their states
    and the relaxed constants."""
    relaxed = constants()
    state, control = sp.rest_state(length, relaxed), sp.rest_state(length, relaxed)
    _held(constants(conditioning_pps, conditioning_pps), length, CONDITIONING_S, state)
    _held(relaxed, length, 2.0, state)
    _held(relaxed, length, CONDITIONING_S + 2.0, control)
    return state, control, relaxed


def test_the_after_effect_of_a_contraction_follows_solve_ivp():
    """The stable cross-bridges' update (held over each step, then exact for it) against Radau on
    the continuous ODE (``derivatives``) through a conditioning contraction and 10 s of the
    relaxed after-effect: the Ia rate within 0.5 pps (the ramp test's bound) all along, and the
    after-effect in both (the bridges never reach their break strain here, which the ODE lacks).
    Measured: within 0.010 pps; Ia 15.8 pps 10 s after the drive ends, 12.2 pps unconditioned."""
    length = 1.0
    driven, relaxed = constants(CONDITIONING_PPS, CONDITIONING_PPS), constants()
    y = sp.rest_state(length, relaxed)
    state = y.copy()
    got, expected = [], []
    for k, duration in ((driven, CONDITIONING_S), (relaxed, 10.0)):
        t = np.arange(1, round(duration / DT) + 1) * DT
        solution = radau(lambda _: length, k, (0.0, duration), y)
        expected.extend(sp.afferent_rates(solution.sol(ti), length, k)[0] for ti in t)
        got.extend(_held(k, length, duration, state))
        y = solution.y[:, -1]
    got, expected = np.array(got), np.array(expected)
    assert np.abs(got - expected).max() < 0.5
    relaxed_rest = sp.afferent_rates(sp.rest_state(length, relaxed), length, relaxed)[0]
    assert expected[-1] > relaxed_rest + 2.0  # the comparison covers a real after-effect


def test_a_stretch_removes_the_after_effect_of_a_contraction():
    """Wilson, Gandevia & Burke (1995, J Physiol 488:833–840): after a contraction the relaxed
    afferents fire faster, and a stretch of the tendon removes the enhancement. A 0.05 L0
    stretch held 0.5 s and released (kramp's choice of a tendon stretch), 2 s after the
    conditioning contraction; the unconditioned spindle takes the same stretch. Measured: 17.2
    against 12.2 pps before the stretch, 14.41 against 14.41 (within 0.001 pps) 3 s after it."""
    length = 1.0
    state, control, relaxed = _conditioned(length)
    enhancement = _held(relaxed, length, 1.0, state)[-1] - _held(relaxed, length, 1.0,
                                                                  control)[-1]
    for spindle in (state, control):
        _moved(relaxed, length, length + 0.05, 0.2, spindle)
        _held(relaxed, length + 0.05, 0.5, spindle)
        _moved(relaxed, length + 0.05, length, 0.2, spindle)
    left = _held(relaxed, length, 3.0, state)[-1] - _held(relaxed, length, 3.0, control)[-1]
    assert enhancement > 3.0
    assert abs(left) < 0.2 * enhancement


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="after a 5 % command's co-activation (2.5 pps) the relaxed spindle is "
                          "+0.003 pps faster, after a 25 % one +2.68 (a maximal one +5.78): the "
                          "stable cross-bridges form whole from a weak contraction on, but hold "
                          "the polar regions where the activation left them, and 2.5 pps of γ "
                          "drive (activation 0.0017) barely shortens them; Gregory et al.'s "
                          "weak contraction took up the intrafusal slack that kramp's spindle "
                          "model does not have")
def test_a_weak_contraction_leaves_the_after_effect_a_stronger_one_does():
    """Gregory, Wise, Wood, Prochazka & Proske (1998, J Physiol 513:927–934, abstract): a
    voluntary conditioning contraction of 5 % of maximum raised the human soleus reflexes more
    than twofold, as stronger ones (up to 25 %) did. The fusimotor drive kramp's co-activation
    sends with a 5 % and a 25 % command (2.5 and 12.5 pps); the relaxed spindle's enhancement 2
    s after each: the weak one's at least three quarters of the strong one's."""
    coactivation = afferents.PARAMETERS.defaults()["fusimotor_coactivation"]
    enhancements = []
    for command in (0.05, 0.25):
        state, control, relaxed = _conditioned(1.0, command * coactivation)
        enhancements.append(_held(relaxed, 1.0, 1.0, state)[-1]
                            - _held(relaxed, 1.0, 1.0, control)[-1])
    weak, strong = enhancements
    assert strong > 2.0  # a real after-effect to compare with
    assert weak > 0.75 * strong


def test_a_spindle_conditioned_long_falls_silent_when_shortened():
    """Proske, Morgan & Gregory (1993, review): a contraction at a long length followed by a
    shortening leaves the intrafusal fibres slack, and the resting discharge falls, often to
    silence, where the same shortening without the contraction leaves the spindle firing.
    Conditioned at 1.05 L0, shortened over 0.5 s to 1.0 L0 and held 3 s. Measured: 0 pps
    against the unconditioned spindle's 11.5."""
    state, control, relaxed = _conditioned(1.05)
    rates = []
    for spindle in (state, control):
        _moved(relaxed, 1.05, 1.0, 0.5, spindle)
        rates.append(_held(relaxed, 1.0, 3.0, spindle)[-1])
    conditioned, unconditioned = rates
    assert unconditioned > 5.0
    assert conditioned < 0.5 * unconditioned
