"""A conduction block in the nerve between the electrode and the cord (``stimulation.
proximal_block``, as by a local anaesthetic): a stimulus still excites the motor fibres under the
electrode (the M-wave), but no afferent volley reaches the cord and no motoneurone fires (no
H-reflex), and a voluntary command moves nothing, although the motoneurones fire for it."""

import numpy as np
import pytest
from typer.testing import CliRunner

from kramp.cli import app
from kramp.engine import simulate
from kramp.engine.kinds import build_model

# 7 mA at the popliteal fossa: above the soleus's H-reflex threshold, below its M-wave maximum
PULSE = {"pulse_width": 1.0, "pulse_count": 1.0, "site_distance": 100.0, "first_pulse": 20.0,
         "intensity": 7.0, "peroneal_offset": 0.0}


def _run(block: float, values: dict, duration_ms: float):
    values = {**values, "stimulation": {**values.get("stimulation", {}), "proximal_block": block}}
    model = build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])
    return simulate(model, duration_ms)


@pytest.mark.parametrize("block", [0.0, 1.0])
def test_a_proximal_block_leaves_the_m_wave_and_removes_the_h_reflex(block):
    result = _run(block, {"drive": {"level": 0.0}, "stimulation": PULSE}, 80.0)
    motor = result["axon.terminal.spike_time_ms"].values
    somata = result["spike_time_ms"].values
    at_cord = result["afferent_axon.terminal.spike_time_ms"].values
    assert (motor < 30.0).sum() > 0  # direct (M) responses either way
    if block:
        assert at_cord.size == 0 and somata.size == 0
    else:
        assert (at_cord > 20.0).sum() > 0 and (somata > 20.0).sum() > 0


def test_a_blocked_nerve_carries_no_command_to_the_muscle():
    command = {"drive": {"level": 30.0, "onset": 0.0, "ramp_up": 50.0}}
    intact, blocked = _run(0.0, command, 300.0), _run(1.0, command, 300.0)
    assert blocked["spike_time_ms"].size > 0  # the motoneurones fire for the command ...
    assert blocked["axon.terminal.spike_time_ms"].size == 0  # ... and nothing reaches the muscle
    assert float(np.abs(blocked["force_mN"].values).max()) == 0.0
    assert intact["axon.terminal.spike_time_ms"].size > 0


def test_a_partial_block_value_is_refused_with_exit_code_2():
    outcome = CliRunner().invoke(app, ["run", "h-reflex", "--set", "stimulation.proximal_block=0.5",
                                       "--duration", "0.1"])
    assert outcome.exit_code == 2
    assert "stimulation.proximal_block" in outcome.output
