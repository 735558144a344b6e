"""Targets A1 and A2: kramp's HH membrane against NEURON's built-in ``hh``, run in the same test.

Reference: NEURON ``hh`` (rate tables off), fixed step Crank–Nicolson (``secondorder = 2``) at
dt = 0.001 ms, which is converged to well under 0.01 ms. Spike time = upward 0 mV crossing,
interpolated within the step. Protocol: a current step from 10 ms to the end of a 100 ms run.
Bounds (issue 3): the same spike count; every spike within 0.01 ms at dt = 0.001 ms and within
0.05 ms at the default dt = 0.025 ms, for steps of 10–50 µA/cm². Below 10 µA/cm² (near
rheobase) the agreement is reported, not bounded.
"""

import numpy as np
import pytest

from kramp.engine import build_model, simulate
from kramp.reference.neuron_hh import run_hh_current_clamp

DURATION_MS = 100.0
DELAY_MS = 10.0
TOLERANCE_MS = {0.001: 0.01, 0.025: 0.05}


def kramp_spike_times(amplitude, dt_ms, temperature=6.3):
    model = build_model(
        "hh_membrane",
        {"membrane": {"temperature": temperature},
         "stimulus": {"amplitude": amplitude, "delay": DELAY_MS}},
        dt_ms=dt_ms)
    return simulate(model, DURATION_MS).spike_time_ms.values


def neuron_spike_times(amplitude, temperature=6.3):
    return run_hh_current_clamp(amplitude, DURATION_MS, delay_ms=DELAY_MS, dt_ms=0.001,
                                celsius=temperature)[2]


@pytest.mark.parametrize("amplitude", [10.0, 20.0, 30.0, 33.0, 40.0, 50.0])
def test_a1_spike_times_match_converged_neuron(amplitude):
    reference = neuron_spike_times(amplitude)
    assert reference.size >= 5
    for dt_ms, tolerance in TOLERANCE_MS.items():
        ours = kramp_spike_times(amplitude, dt_ms)
        assert ours.size == reference.size, (dt_ms, ours, reference)
        worst = np.max(np.abs(ours - reference))
        assert worst <= tolerance, f"dt {dt_ms} ms: worst spike-time error {worst:.4f} ms"


# Target A2 (shared/validation/targets.md) bounds temperature runs by the A1 tolerances there:
# 0.15 ms at dt = 0.001 ms and 0.3 ms at dt = 0.025 ms. The rates at 18.5 °C are 3.8 times
# faster, so a fixed dt resolves them less well: NEURON's own Crank–Nicolson at dt = 0.025 ms is
# 0.12 ms off its converged run there. kramp, using the same scheme, must stay within 0.01 ms of
# that NEURON run at the same dt, and within the strict 0.01 ms of the converged one at 0.001 ms.
A2_TOLERANCE_MS = {0.001: 0.15, 0.025: 0.3}


@pytest.mark.parametrize("temperature", [12.0, 18.5])
@pytest.mark.parametrize("amplitude", [10.0, 30.0])
def test_a2_temperature_scaling_matches_neuron(temperature, amplitude):
    converged = neuron_spike_times(amplitude, temperature)
    same_dt = run_hh_current_clamp(amplitude, DURATION_MS, delay_ms=DELAY_MS, dt_ms=0.025,
                                   celsius=temperature)[2]
    assert converged.size >= 5
    for dt_ms, tolerance in A2_TOLERANCE_MS.items():
        ours = kramp_spike_times(amplitude, dt_ms, temperature)
        assert ours.size == converged.size, (temperature, dt_ms, ours, converged)
        assert np.max(np.abs(ours - converged)) <= tolerance
    assert np.max(np.abs(kramp_spike_times(amplitude, 0.001, temperature) - converged)) <= 0.01
    ours = kramp_spike_times(amplitude, 0.025, temperature)
    assert np.max(np.abs(ours - same_dt)) <= 0.01


def test_near_rheobase_agreement_is_reported(record_property):
    # No bound near rheobase (the spike onset is very sensitive there); the figures are recorded.
    for amplitude in (3.0, 5.0, 7.0):
        reference = neuron_spike_times(amplitude)
        ours = kramp_spike_times(amplitude, 0.025)
        same_count = ours.size == reference.size
        worst = float(np.max(np.abs(ours - reference))) if same_count and ours.size else None
        record_property(f"rheobase_{amplitude:g}uA", {"kramp": ours.size,
                                                      "neuron": reference.size,
                                                      "worst_ms": worst})
        print(f"{amplitude:g} µA/cm²: kramp {ours.size} spikes, NEURON {reference.size}, "
              f"worst difference {worst} ms")
