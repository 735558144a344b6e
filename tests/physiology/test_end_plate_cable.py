"""The end-plate region as a cable (``kramp.physiology.end_plate_cable``): against the point
fibre it is made of, against cable theory's passive spread, and against the published interval
of the repetitive discharge of anticholinesterase poisoning."""

import math

import numpy as np
import pytest

from kramp.physiology import end_plate_cable as epc
from kramp.physiology import ions, junction
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q, S

NO_TABLE, NO_LUMEN = np.empty((0, 9)), np.empty((0, 3))


def cable_constants(**values):
    return sl.unit_constants({**sl.PARAMETERS.defaults(), **values}, ions.PARAMETERS.defaults(),
                             55.0, cable=True)


def settle(q, y, conductance, dt_ms=0.5, duration_ms=2000.0):
    """Step the cable ``y`` in place with an end-plate conductance held at ``conductance``."""
    scratch = np.empty((epc.SCRATCH_ROWS, y.shape[1]))
    _, k_decay = sl.step_decays(dt_ms, q)
    for _ in range(round(duration_ms / dt_ms)):
        # an end-plate conductance that does not decay: decay factor 1 gives the mean 0·τ/dt,
        # so hold it through a decay factor just below 1 and a matching time constant
        q_held = q.copy()
        q_held[Q.epc_tau] = 1e12
        epc.cable_step(y, q_held, conductance, dt_ms, math.exp(-dt_ms / 1e12), k_decay,
                       NO_TABLE, NO_LUMEN, scratch)
    return y


def test_a_uniform_cable_steps_as_the_point_fibre():
    """With no end-plate current and every segment alike, no current flows along the fibre:
    each segment is the point fibre (sarcolemma.membrane_step), step for step."""
    q = cable_constants(perijunctional_sodium=1.0)
    x = sl.resting_state(q)
    point = [x[S.v_surface] + 25.0, x[S.v_tubule] + 10.0, x[S.m_surface], x[S.h_surface],
             x[S.n_surface], x[S.m_tubule], x[S.h_tubule], x[S.n_tubule], x[S.k_tubule] + 1.0,
             0.0]
    n = int(q[Q.cable_segments])
    y = np.tile(np.array(point[:9])[:, None], (1, n))
    scratch = np.empty((epc.SCRATCH_ROWS, n))
    dt = 0.025
    decays = sl.step_decays(dt, q)
    for _ in range(400):  # 10 ms: an action potential and its recovery
        point = list(sl.membrane_step(*point, dt, q)[:10])
        epc.cable_step(y, q, 0.0, dt, decays[0], decays[1], NO_TABLE, NO_LUMEN, scratch)
        np.testing.assert_allclose(y, np.tile(np.array(point[:9])[:, None], (1, n)),
                                   rtol=0.0, atol=1e-9)


def test_the_steady_end_plate_potential_spreads_as_in_a_sealed_cable():
    """A small steady end-plate current: the potential along the chain against the sealed
    cable's ΔV(x) ∝ cosh((L − x)/λ) (Hodgkin & Rushton 1946), with λ = √(a / (2 R_i G_m)) from
    the point fibre's own slope conductance G_m (surface and T-tubule behind its access
    conductance) and the myoplasm's resistivity."""
    values = {**sl.PARAMETERS.defaults(), "perijunctional_sodium": 1.0}
    q = cable_constants(perijunctional_sodium=1.0)
    rest = epc.resting_cable(q)
    v_rest = rest[epc.VS, 0]
    conductance = 0.3  # mS/cm² of the end-plate segment: under a millivolt there
    y = settle(q, rest.copy(), conductance)
    dv = y[epc.VS] - rest[epc.VS]
    assert 0.3 < dv[0] < 3.0
    # the point fibre's slope conductance: a small steady current and its steady depolarisation
    point = sl.unit_constants(values, ions.PARAMETERS.defaults(), 55.0)
    x = sl.resting_state(point)
    state = [x[S.v_surface], x[S.v_tubule], x[S.m_surface], x[S.h_surface], x[S.n_surface],
             x[S.m_tubule], x[S.h_tubule], x[S.n_tubule], x[S.k_tubule], 0.0]
    current = 0.5  # µA/cm², inward: a fixed conductance's current at the held potential
    g_small = current / (q[Q.epc_reversal] - x[S.v_surface])
    held = point.copy()
    held[Q.epc_tau] = 1e12
    for _ in range(4000):
        state[9] = g_small
        state = list(sl.membrane_step(*state, 0.5, held)[:10])
    g_m = g_small * (q[Q.epc_reversal] - state[0]) / (state[0] - x[S.v_surface])
    radius_cm, r_i = 27.5e-4, values["myoplasm_resistivity"]
    lam_cm = math.sqrt(radius_cm / (2.0 * r_i * g_m * 1e-3))
    dx_cm = values["cable_segment"] * 1e-4
    length_cm = dv.size * dx_cm
    centres = (np.arange(dv.size) + 0.5) * dx_cm
    expected = np.cosh((length_cm - centres) / lam_cm) / np.cosh((length_cm - centres[0])
                                                                  / lam_cm)
    np.testing.assert_allclose(dv / dv[0], expected, atol=0.01)
    assert abs(v_rest - x[S.v_surface]) < 0.01  # the cable rests where the point fibre does
    # and the module's λ is the same number
    assert epc.length_constant_mm(values, 55.0, g_m) == pytest.approx(10.0 * lam_cm, rel=1e-12)


def test_the_prolonged_end_plate_potential_is_smaller_beside_the_end_plate():
    """With 95 % of the esterase inhibited, 3 ms after the impulse the end plate is still
    depolarised while the membrane 1 mm away has fallen back near its resting potential."""
    tau = sl.PARAMETERS["epc_tau"].value * junction.decay_prolongation(
        {**junction.PARAMETERS.defaults(), "esterase_activity": 0.05})
    q = cable_constants(epc_tau=tau)
    rest = epc.resting_cable(q)
    _, _, _, trace = epc.response(q, q[Q.epc_amplitude], duration_ms=6.0, trace_every=40)
    at_3_ms = trace[3] - rest[epc.VS]
    recording = int(q[Q.cable_recording])
    assert at_3_ms[0] > 25.0
    assert at_3_ms[recording] < 0.5 * at_3_ms[0]


def test_a_normal_end_plate_current_fires_the_cable_once():
    q = cable_constants()
    times = epc.response(q, q[Q.epc_amplitude], duration_ms=20.0)[0]
    assert times.size == 1


def test_the_end_plate_response_converges_as_the_segments_shrink():
    """Δx is a numerical choice: the end plate's total threshold conductance (per cm² of segment
    0 times its length) and the action potential's arrival at the recording segment must tend to
    limits as Δx shrinks, and the normal end-plate current must fire the fibre at every Δx."""
    totals, arrivals = [], []
    for dx_um in (50.0, 25.0, 10.0):
        q = cable_constants(cable_segment=dx_um)
        totals.append(epc.threshold_amplitude(q) * dx_um)
        times = epc.response(q, q[Q.epc_amplitude], duration_ms=20.0)[0]
        assert times.size == 1, dx_um
        arrivals.append(times[0])
    assert max(totals) / min(totals) < 1.05
    assert max(arrivals) - min(arrivals) < 0.02


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="measured 2.29 m/s between 1 and 2 mm from the end plate at the "
                          "engine's 0.025 ms step (2.84 m/s as the step shrinks, E16): the "
                          "T-tubules' lumped access conductance loads the upstroke (E16's "
                          "test), and the cable's potentials are first order in the step")
def test_the_cable_conducts_at_the_published_velocity():
    """Nandedkar & Stålberg (1983): θ = 0.05 d + 0.95 m/s, 3.7 m/s for a 55 µm fibre
    (Andreassen & Arendt-Nielsen 1987: mean 3.7 m/s); the point fibre is given this velocity,
    a cable has its own, here at the engine's 0.025 ms step."""
    q = cable_constants()
    arrival = {}
    for distance_mm in (1.0, 2.0):
        probe = q.copy()
        probe[Q.cable_recording] = round(distance_mm * 1e3 / sl.PARAMETERS["cable_segment"].value)
        arrival[distance_mm] = epc.response(probe, q[Q.epc_amplitude], duration_ms=10.0)[0][0]
    velocity = 1.0 / (arrival[2.0] - arrival[1.0])  # mm/ms = m/s
    assert velocity == pytest.approx(sl.diameter_velocity_m_per_s(sl.PARAMETERS.defaults(), 55.0),
                                     rel=0.15)


def two_impulses(q, interval_ms, dt_ms=0.025):
    """Action potentials at the recording segment after two normal end-plate currents
    ``interval_ms`` apart."""
    y = epc.resting_cable(q)
    scratch = np.empty((epc.SCRATCH_ROWS, y.shape[1]))
    epc_decay, k_decay = sl.step_decays(dt_ms, q)
    recording, gep, count = int(q[Q.cable_recording]), q[Q.epc_amplitude], 0
    for step in range(round((interval_ms + 10.0) / dt_ms)):
        if step == round(interval_ms / dt_ms):
            gep += q[Q.epc_amplitude]
        before = y[epc.VS, recording]
        gep, _, _ = epc.cable_step(y, q, gep, dt_ms, epc_decay, k_decay, NO_TABLE, NO_LUMEN,
                                   scratch)
        count += before < q[Q.ap_detection] <= y[epc.VS, recording]
    return count


def test_a_second_impulse_long_after_the_first_fires_again():
    assert two_impulses(cable_constants(), 8.0) == 2


def test_the_fibre_is_re_excitable_within_the_published_interval():
    """The second muscle discharge after one stimulus in organophosphate poisoning comes
    3.5–4 ms after the first in human recordings: the fibre must be re-excitable by 4 ms."""
    assert two_impulses(cable_constants(), 4.0) == 2


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="measured: at 95 % of the esterase inhibited (the end-plate current "
                          "decaying 3.53 × more slowly) one action potential; at 100 % (5 ×) a "
                          "second one 4.78 ms after the first, not 3.5–4 ms: the end plate and "
                          "its border stay depolarised with Na⁺ inactivated until the end-plate "
                          "potential has faded far enough. With the earlier Na⁺ gating "
                          "(V½,m −38 mV, k_h 6 mV) and T-tubule (access 6.67 mS/cm², tubular "
                          "densities 0.1) no prolonged current fired the cable twice (288 cases "
                          "of safety factor, perijunctional Na⁺, R_i, esterase-free prolongation "
                          "up to 18): that fibre accommodated to any sustained depolarisation")
@pytest.mark.parametrize("inhibited", [0.95, 1.0])
def test_a_prolonged_end_plate_current_sends_a_second_action_potential(inhibited):
    """With the esterase inhibited, one impulse: a second action potential propagates away
    3.5–4 ms after the first (target F12's interval). Besser et al. (1989, EEG EMG Z 20:28–33)
    ascribed the poisoned patients' repetitive CMAP to backfiring of the nerve terminals, and
    Besser et al. (1988, Klin Neurophysiol 19:85–91) to pre- and postsynaptic effects together:
    this test asks only whether the postsynaptic route alone gives it."""
    tau = sl.PARAMETERS["epc_tau"].value * junction.decay_prolongation(
        {**junction.PARAMETERS.defaults(), "esterase_activity": 1.0 - inhibited})
    q = cable_constants(epc_tau=tau)
    times = epc.response(q, q[Q.epc_amplitude], duration_ms=25.0)[0]
    assert times.size >= 2
    assert 3.5 <= times[1] - times[0] <= 4.0
