"""Post-activation depression at the Ia fibres' central terminals (``spinal.ia_release_use``,
``spinal.ia_release_recovery``): a spike releases what its terminal has left, uses the share U
of it, and the terminal recovers exponentially. Checked against the closed forms of that model,
and through the whole ankle: a second H-reflex a second after the first is smaller."""

import math

import numpy as np
import pytest

from kramp.engine import simulate
from kramp.engine.components.axons import release_weights, steady_release
from kramp.engine.kinds import build_model

U, TAU_MS = 0.5, 4000.0
H_REFLEX_USE = 0.05


def _weights(times_ms, use=U):
    n = len(times_ms)
    person, element = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    return release_weights(np.asarray(times_ms, dtype=float), person, element,
                           np.full((1, 1), use), np.array([TAU_MS]), np.ones((1, 1)),
                           np.full((1, 1), -np.inf))


def test_a_second_spike_releases_one_minus_u_decayed():
    for interval in (100.0, 1000.0, 8000.0):
        first, second = _weights([0.0, interval])
        assert first == 1.0
        assert second == pytest.approx(1.0 - U * math.exp(-interval / TAU_MS), rel=1e-12)


def test_a_regular_train_settles_at_the_closed_form_steady_state():
    """R_ss = (1 − e^(−T/τ)) / (1 − (1 − U) e^(−T/τ)) for spikes every T."""
    for rate_hz in (1.0, 10.0):
        period = 1e3 / rate_hz
        weights = _weights(np.arange(400) * period)
        decay = math.exp(-period / TAU_MS)
        assert weights[-1] == pytest.approx((1.0 - decay) / (1.0 - (1.0 - U) * decay), rel=1e-9)
        # the state a run starts in, for a fibre firing at that rate at rest
        assert steady_release(np.array(rate_hz), U, TAU_MS) == pytest.approx(weights[-1],
                                                                           rel=1e-9)
    assert steady_release(np.array(0.0), U, TAU_MS) == 1.0


def test_no_use_is_no_depression():
    assert np.all(_weights(np.arange(50) * 10.0, use=0.0) == 1.0)


def _h_waves(use: float) -> tuple[float, float]:
    from kramp.analysis.nerve import Pulse
    from kramp.analysis.reflex import h_and_m_waves

    values = {"drive": {"level": 0.0}, "emg": {"sampling_rate": 10000.0},
              "spinal": {"ia_release_use": use},
              "stimulation": {"pulse_width": 1.0, "pulse_count": 2.0, "site_distance": 100.0,
                              "first_pulse": 300.0, "intensity": 5.5, "frequency": 1.0}}
    model = build_model("ankle", values, muscle_names=["soleus", "tibialis_anterior"])
    result = simulate(model, 1400.0)
    pulses = [Pulse(300.0 + k * 1000.0, 100.0, 5.5) for k in range(2)]
    first, second = (row["h_wave_mV"] for row in h_and_m_waves(result, 0, pulses=pulses))
    return first, second


def test_release_use_depresses_the_second_h_reflex_and_the_tonic_ia_synapses():
    """A second after a first H-reflex the second is smaller relative to the first than without
    depression (0.60 without: the first reflex's own after-effects; 0.50 at U = 0.05). The first
    is smaller too (0.29 mV against 1.81 mV at U = 0.05): Ia fibres that fire at rest start
    the run, and stay, in their depressed steady state (at U = 0.5 the soleus's resting Ia
    fibres release a quarter of a rested terminal's share and no H-reflex is left, so a
    smaller U is tested here). That is the reason the mechanism is off by default until the
    contact conductance is calibrated in that steady state."""
    first, second = _h_waves(H_REFLEX_USE)
    plain_first, plain_second = _h_waves(0.0)
    assert second / first < plain_second / plain_first
    assert first < plain_first
