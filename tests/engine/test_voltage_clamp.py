"""The motoneurons component's somatic voltage clamp (an experimenter's electrode in the State)."""

import numpy as np

from kramp.engine import build_model
from kramp.engine import motoneuron_step as step
from kramp.engine.network import initial_state
from kramp.engine.simulate import advance_interval, intervals


def test_clamp_current_below_rest_is_the_passive_input_conductance_times_the_offset():
    """Held 10 mV below its leak reversal, with no input, a two-compartment cell's active
    currents are closed: the clamp supplies G_in·(V − E_leak), G_in = g_s + g_c·g_d/(g_c + g_d)
    (Rall's two-compartment input conductance). Unclamped cells report no current."""
    model = build_model("motor_pool", {"drive": {"level": 0.0}}, seed=1)
    motoneurons = next(c for c in model.components if c.name == "motoneuron")
    state = initial_state(model)
    held = state.components["motoneuron"]
    held["clamp_mV"][0, ::2] = -80.0
    for interval in intervals(model, 0, round(500.0 / model.dt_ms)):
        advance_interval(model, state, interval, {}, None, "numba")
    params = motoneurons.pool.params
    g_s, g_d = params[step.P.g_leak_soma_uS], params[step.P.g_leak_dend_uS]
    g_c = params[step.P.g_coupling_uS]
    expected_nA = (g_s + g_c * g_d / (g_c + g_d)) * (-80.0 - params[step.P.e_leak_mV])
    current = held["clamp_current_nA"][0]
    np.testing.assert_allclose(current[::2], expected_nA[::2], rtol=5e-3)
    assert np.all(current[1::2] == 0.0)
