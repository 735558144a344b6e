"""The reflex measures on made-up outputs whose answers are known by construction."""

import numpy as np
import pytest
import xarray as xr

from kramp.analysis import reflex
from kramp.engine.components.ankle import JOINT_OUTPUTS


def result(angle_deg, emg_mV, dt_ms=1.0, emg_rate_hz=1000.0, muscle_torque=None):
    n = angle_deg.size
    velocity = np.gradient(angle_deg, dt_ms * 1e-3)
    torque = np.zeros(n) if muscle_torque is None else muscle_torque
    joint = np.stack([angle_deg, velocity, torque, np.zeros(n)], axis=1)[:, None, :]
    return xr.Dataset(
        {"ankle": (("time", "person", "joint_output"), joint),
         "emg_mV": (("emg_time", "person", "muscle"), emg_mV[:, None, None])},
        coords={"time_ms": ("time", (np.arange(n) + 1) * dt_ms),
                "emg_time_ms": ("emg_time", (np.arange(emg_mV.size) + 1) * 1e3 / emg_rate_hz),
                "joint_output": list(JOINT_OUTPUTS), "muscle": ["soleus"]})


def ramp_angle(n, starts_ms, speeds, amplitude=20.0, hold_ms=300.0):
    t = np.arange(n) + 1.0
    angle = np.zeros(n)
    for start, speed in zip(starts_ms, speeds, strict=True):
        rise = amplitude / speed * 1e3
        since = t - start
        angle += np.clip(since / rise, 0, 1) * amplitude
        angle -= np.clip((since - rise - hold_ms) / rise, 0, 1) * amplitude
    return angle


def test_each_ramp_is_found_with_its_speed_and_its_reflex_emg_above_baseline():
    n = 8000
    angle = ramp_angle(n, [1000.0, 4000.0], [50.0, 200.0])
    emg = np.full(n, 0.01) * np.where(np.arange(n) % 2, 1.0, -1.0)  # 10 µV of background
    # a burst of 0.2 mV (rectified mean) during the fast ramp only
    burst = (np.arange(n) >= 4050) & (np.arange(n) < 4150)
    emg[burst] *= 21.0
    rows = reflex.reflex_by_velocity(result(angle, emg), 0)
    assert [row["velocity_deg_per_s"] for row in rows] == pytest.approx([50.0, 200.0],
                                                                         rel=0.02)
    assert [row["amplitude_deg"] for row in rows] == pytest.approx([20.0, 20.0], abs=0.1)
    slow, fast = rows
    assert slow["reflex_emg_mV"] == pytest.approx(0.0, abs=1e-9)
    assert slow["latency_ms"] is None
    # the burst begins 50 ms after the ramp (sample 4050 against the ramp's start at 4000 ms)
    assert fast["latency_ms"] == pytest.approx(50.0, abs=1.5)
    # 100 samples of 0.21 mV in a window of 100 ms ramp + 100 ms tail, less the 0.01 baseline
    window = 100 + 100
    expected = (100 * 0.21 + (window - 100) * 0.01) / window - 0.01
    assert fast["reflex_emg_mV"] == pytest.approx(expected, rel=0.03)
    assert fast["gain_uV_per_deg"] == pytest.approx(expected * 1e3 / 20.0, rel=0.03)


def test_ramps_repeated_at_one_speed_are_averaged_into_one_row():
    """Two stretches at 100 °/s with reflex bursts of different sizes and onsets, and one at
    200 °/s: the 100 °/s row is the mean of what each of its ramps gives on its own."""
    n = 12000
    emg = np.full(n, 0.01) * np.where(np.arange(n) % 2, 1.0, -1.0)
    for first, width, size in ((1030, 60, 11.0), (4060, 100, 31.0), (8040, 80, 21.0)):
        emg[first:first + width] *= size
    alone = []
    for start in (1000.0, 4000.0):
        angle = ramp_angle(n, [start], [100.0])
        (row,) = reflex.reflex_by_velocity(result(angle, emg), 0)
        alone.append(row)
    angle = ramp_angle(n, [1000.0, 4000.0, 8000.0], [100.0, 100.0, 200.0])
    slow, fast = reflex.reflex_by_velocity(result(angle, emg), 0)
    assert (slow["ramps"], fast["ramps"]) == (2, 1)
    for key in ("reflex_emg_mV", "gain_uV_per_deg", "latency_ms"):
        assert slow[key] == pytest.approx(np.mean([row[key] for row in alone]), rel=1e-9)
    # the bursts' own sizes: the first and second ramps' reflexes differ, so the mean is not
    # either one (30 and 60 ms onsets; 0.1 and 0.3 mV bursts over their windows)
    assert alone[0]["reflex_emg_mV"] < slow["reflex_emg_mV"] < alone[1]["reflex_emg_mV"]
    assert slow["latency_ms"] == pytest.approx(45.0, abs=1.5)


def test_a_free_wobble_is_not_taken_for_an_imposed_ramp():
    n = 3000
    t = np.arange(n)
    angle = 5.0 * np.sin(2 * np.pi * 3.0 * t * 1e-3) * np.exp(-t / 2000.0)
    assert reflex.ramps(result(angle, np.zeros(n)), 0) == []


def test_a_released_foot_creeping_a_degree_is_not_taken_for_an_imposed_ramp():
    # 0.8° at a steady 8.4 °/s, as the lesioned foot crept once released under its load
    n = 2000
    angle = np.clip((np.arange(n) - 500.0) * 8.4e-3, 0.0, 0.8)
    assert reflex.ramps(result(angle, np.zeros(n)), 0) == []
    # the same speed over 20° is a ramp
    n_long = 4000
    steep = np.clip((np.arange(n_long) - 500.0) * 8.4e-3, 0.0, 20.0)
    assert len(reflex.ramps(result(steep, np.zeros(n_long)), 0)) == 1


def bursts(t_s, rate_hz, mV=0.2, width_ms=30.0):
    """Alternating-sign EMG of ``mV`` in bursts of ``width_ms`` at ``rate_hz``, silent between."""
    on = (t_s * 1e3) % (1e3 / rate_hz) < width_ms
    return np.where(on, mV, 0.0) * np.where(np.arange(t_s.size) % 2, 1.0, -1.0)


def test_a_sustained_oscillation_with_emg_bursts_at_its_rate_is_clonus_at_its_frequency():
    n = 6000
    t = (np.arange(n) + 1.0) * 1e-3
    sustained = 10.0 + 3.0 * np.sin(2 * np.pi * 6.0 * t)
    found = reflex.clonus(result(sustained, bursts(t, 6.0)), 0)
    assert found["clonus_frequency_hz"] == pytest.approx(6.0, rel=0.03)
    assert found["clonus_discharge_hz"] == pytest.approx(6.0, rel=0.04)
    assert found["clonus_swing_deg"] == pytest.approx(6.0, rel=0.05)
    damped = 10.0 + 3.0 * np.sin(2 * np.pi * 6.0 * t) * np.exp(-t / 0.3)
    assert reflex.clonus(result(damped, bursts(t, 6.0)), 0)["clonus_frequency_hz"] is None


def test_the_clonus_cycle_splits_into_its_plantarflexing_and_dorsiflexing_parts():
    # a sawtooth of 6.25 Hz that falls (plantarflexes) for 70 ms and rises for 90 ms, as the
    # spastic patients' of target D5 (71.8 and 88.6 ms)
    n = 6000
    t = (np.arange(n) + 1.0) * 1e-3
    phase = (t * 1e3) % 160.0
    angle = 10.0 + np.where(phase < 90.0, -3.0 + 6.0 * phase / 90.0,
                            3.0 - 6.0 * (phase - 90.0) / 70.0)
    found = reflex.clonus(result(angle, bursts(t, 6.25)), 0)
    assert found["clonus_frequency_hz"] == pytest.approx(6.25, rel=0.02)
    assert found["clonus_plantarflexion_ms"] == pytest.approx(70.0, abs=1.5)
    assert found["clonus_dorsiflexion_ms"] == pytest.approx(90.0, abs=1.5)
    # no sustained oscillation, no parts
    still = reflex.clonus(result(np.full(n, 10.0), np.zeros(n)), 0)
    assert still["clonus_plantarflexion_ms"] is None and still["clonus_dorsiflexion_ms"] is None


def test_a_foot_swinging_without_emg_bursts_at_its_rate_is_a_pendulum_not_clonus():
    n = 6000
    t = (np.arange(n) + 1.0) * 1e-3
    swinging = 10.0 + 3.0 * np.sin(2 * np.pi * 6.0 * t)
    silent = reflex.clonus(result(swinging, np.zeros(n)), 0)
    assert silent["clonus_frequency_hz"] is None and silent["clonus_discharge_hz"] is None
    assert silent["clonus_swing_deg"] == pytest.approx(6.0, rel=0.05)  # it does swing
    # bursts at another rate (4 Hz) do not drive a 6 Hz swing
    other = reflex.clonus(result(swinging, bursts(t, 4.0)), 0)
    assert other["clonus_discharge_hz"] == pytest.approx(4.0, rel=0.04)
    assert other["clonus_frequency_hz"] is None
    # tonic firing with no rhythm does not either
    tonic = np.full(n, 0.05) * np.where(np.arange(n) % 2, 1.0, -1.0)
    assert reflex.clonus(result(swinging, tonic), 0)["clonus_frequency_hz"] is None


def test_a_ramps_resisting_torque_per_degree_is_the_ankles_stiffness_to_it():
    n = 4000
    angle = ramp_angle(n, [1000.0], [100.0])
    # a plantarflexing muscle torque that follows the angle at 2 N·m per degree
    torque = -2.0 * (angle - angle[0])
    (row,) = reflex.reflex_by_velocity(result(angle, np.zeros(n), muscle_torque=torque), 0)
    assert row["stiffness_Nm_per_deg"] == pytest.approx(2.0, rel=0.01)


def sine_result(amplitude_deg, frequency_hz, start_ms, duration_ms, n, torque_of):
    """A made-up run with a sinusoid imposed from ``start_ms``; the muscles' torque is
    ``torque_of(angle rad, velocity rad/s, time s)``, the passive one a constant."""
    t_ms = (np.arange(n) + 1.0)
    since = np.clip(t_ms - start_ms, 0.0, duration_ms) * 1e-3
    omega = 2 * np.pi * frequency_hz
    on = (t_ms >= start_ms) & (t_ms < start_ms + duration_ms)
    angle = np.radians(amplitude_deg) * np.sin(omega * since) * on
    velocity = np.radians(amplitude_deg) * omega * np.cos(omega * since) * on
    muscles = torque_of(angle, velocity, t_ms * 1e-3)
    joint = np.stack([np.degrees(angle), np.degrees(velocity), muscles, np.full(n, -1.5)],
                     axis=1)[:, None, :]
    movement = {f"movement.sine_{k}": ("person", [v]) for k, v in
                (("amplitude", amplitude_deg), ("frequency", frequency_hz),
                 ("start", start_ms), ("duration", duration_ms))}
    return xr.Dataset({"ankle": (("time", "person", "joint_output"), joint), **movement},
                      coords={"time_ms": ("time", t_ms), "person": [0],
                              "joint_output": list(JOINT_OUTPUTS)})


def test_dynamic_stiffness_recovers_a_spring_and_a_damper_under_drift():
    """Resisting torque K θ + B θ' (here dorsiflexing-negative, as a plantarflexor's is), on
    top of a constant and a slow drift: the fit returns K and B, and the phase atan(ωB/K)."""
    stiffness, viscosity = 120.0, 2.5

    def torque(angle, velocity, t_s):
        return -(stiffness * angle + viscosity * velocity) - 6.0 + 0.8 * t_s

    found = reflex.dynamic_stiffness(sine_result(0.5, 6.0, 500.0, 1500.0, 2500, torque), 0)
    assert found["cycles"] == 8  # 1000 ms after the first cycle's 167 ms
    assert found["elastic_stiffness_Nm_per_rad"] == pytest.approx(stiffness, rel=1e-3)
    assert found["viscosity_Nm_s_per_rad"] == pytest.approx(viscosity, rel=1e-3)
    assert found["phase_deg"] == pytest.approx(
        np.degrees(np.arctan2(2 * np.pi * 6.0 * viscosity, stiffness)), abs=0.05)


def test_a_phasor_is_the_amplitude_and_phase_lead_of_a_cosine_on_any_grid():
    """3 cos(2π·5 t + 40°) plus a constant and a drift, read on an irregular grid from 300 ms
    (t counted from there): the phasor is 3 e^{i 40°}; a signal lagging it by 70° on another
    grid gives a ratio whose angle is −70°."""
    rng = np.random.default_rng(1)
    frequency, begin, cycles = 5.0, 300.0, 6
    first = np.sort(rng.uniform(0.0, 2000.0, 4000))
    second = np.arange(0.0, 2000.0, 0.7)

    def cosine(t_ms, amplitude, phase_deg):
        t_s = (t_ms - begin) * 1e-3
        return (amplitude * np.cos(2 * np.pi * frequency * t_s + np.radians(phase_deg))
                + 4.0 + 0.5 * t_s)

    leading = reflex.phasor(first, cosine(first, 3.0, 40.0), frequency, begin, cycles)
    lagging = reflex.phasor(second, cosine(second, 1.5, -30.0), frequency, begin, cycles)
    assert abs(leading) == pytest.approx(3.0, rel=1e-3)
    assert np.degrees(np.angle(leading)) == pytest.approx(40.0, abs=0.1)
    assert np.degrees(np.angle(lagging / leading)) == pytest.approx(-70.0, abs=0.1)


def test_no_dynamic_stiffness_without_a_sinusoid_or_with_too_few_cycles():
    def torque(angle, velocity, t_s):
        return -40.0 * angle

    assert reflex.dynamic_stiffness(sine_result(0.0, 2.0, 500.0, 2000.0, 3000, torque), 0) is None
    # 2 Hz for 1 s: one whole cycle after the first is too few
    assert reflex.dynamic_stiffness(sine_result(0.5, 2.0, 500.0, 1000.0, 3000, torque), 0) is None


def _contraction_with_silences(silence_ms, pulses_ms, n=6000):
    """Alternating ±20 µV of voluntary EMG at 1 kHz, a 2 mV M-wave for 10 ms at each pulse and
    nothing for ``silence_ms`` after it."""
    emg = 0.02 * np.where(np.arange(n) % 2, 1.0, -1.0)
    t = np.arange(n) + 1.0
    for pulse in pulses_ms:
        emg[(t >= pulse) & (t < pulse + silence_ms)] = 0.0
        emg[(t >= pulse) & (t < pulse + 10.0)] = 2.0
    return emg


@pytest.mark.parametrize("silence_ms", [60.0, 150.0, 320.0])
def test_the_silent_period_ends_where_the_voluntary_emg_returns(silence_ms):
    pulses = [1000.0, 2500.0, 4000.0]
    emg = _contraction_with_silences(silence_ms, pulses)
    found = reflex.silent_period_ms(result(np.zeros(emg.size), emg), 0, pulses)
    # the EMG is back in full from silence_ms on: the bin that starts there is the first whose
    # mean is at least half the baseline (bins 10 ms wide, from 50 ms)
    assert found == pytest.approx(silence_ms, abs=1e-9)


def test_no_silent_period_is_found_where_the_emg_never_comes_back_or_was_never_there():
    pulses = [1000.0, 2500.0]
    never_back = _contraction_with_silences(5000.0, pulses)
    assert reflex.silent_period_ms(result(np.zeros(6000), never_back), 0, pulses) is None
    at_rest = np.zeros(6000)
    assert reflex.silent_period_ms(result(np.zeros(6000), at_rest), 0, pulses) is None
