"""Stretch reflexes and clonus, read from a Result's outputs alone: the recorded ankle angle and
torques, the surface EMG and the force.

* **Reflex against stretch velocity** (Lance's definition of spasticity: a velocity-dependent
  increase of the tonic stretch reflex). Each imposed dorsiflexion ramp is found in the recorded
  ankle angle: a stretch that holds a constant speed (within ``RAMP_STEADINESS`` of its peak for
  ``RAMP_STEADY_SHARE`` of its duration or more, which a free movement of the foot never does);
  its reflex is the muscle's mean rectified EMG from the ramp's start to ``REFLEX_TAIL_MS`` after
  its end, less the mean over ``BASELINE_MS`` before it; its resistance the largest plantarflexing
  torque of muscles and passive tissue during that window, less the torque just before the ramp
  (per degree of stretch: the ankle's stiffness to it).
  The reflex *gain* at a speed is the reflex EMG per degree of stretch (µV/°). Ramps repeated
  at one speed (within ``SAME_SPEED``) are averaged, as the published protocols average several
  stretches per velocity: one ramp's reflex varies from stretch to stretch with the pool's
  noise.
* **Clonus**: after the ankle is released under a dorsiflexing load, a sustained oscillation of
  the angle driven by rhythmic muscle discharges. Its frequency is counted from the angle's
  upward crossings of its own running mean over the last ``CLONUS_WINDOW_MS``; the oscillation
  counts as clonus when at least ``CLONUS_MIN_CYCLES`` cycles there each swing by more than
  ``CLONUS_MIN_DEG`` peak to peak, and the ankle muscles' summed rectified EMG over the same
  window repeats (:func:`kramp.analysis.spasm.repeat_hz`) with a period within
  ``CLONUS_PERIOD_TOLERANCE`` of the angle's (at least ``CLONUS_PERIOD_TOLERANCE_MS``). Clonus
  is a reflex oscillation, bursts of EMG at the rate of the movement (target D5 reads both); a
  foot swinging on its load without them is a pendulum, however long it swings (a lightly
  damped foot under an inertial load does). A sustained oscillation's cycle is also split in
  two, as spastic patients' is read from accelerometry (target D5): the mean time from each
  cycle's most dorsiflexed angle (a cycle running from one upward crossing to the next) to the
  most plantarflexed one before the next cycle's peak (``clonus_plantarflexion_ms``), and from
  there to that peak (``clonus_dorsiflexion_ms``).
* **Dynamic stiffness** to an imposed sinusoid of the joint (the recorded ``movement.sine_*``
  protocol): the resisting torque of muscles and passive tissue (plantarflexing positive) over
  the dorsiflexion, both fitted at the sinusoid's frequency (least squares on its sine and cosine,
  with a constant and a linear drift) over the whole cycles after the first, as a complex ratio
  S = K + iωB: its magnitude (N·m/rad), its phase (0° a spring, 90° a damper), the elastic part
  K and the viscosity B (N·m·s/rad). This is the ankle's mechanical impedance less its inertia,
  as system identification of the human ankle reports it (Kearney & Hunter 1990, Crit Rev
  Biomed Eng 18:55–87; not re-checked).
* **Silent period**: a supramaximal nerve stimulus during a voluntary contraction silences the
  muscle's EMG for a while after its M- and reflex waves (Merton 1951, J Physiol 114:183–198;
  not re-checked). The rectified EMG is averaged over the sweeps that begin at each pulse, in
  ``SILENCE_BIN_MS`` bins; the silent period lasts from the stimulus to the start of the first
  bin, from ``SILENCE_SEARCH_FROM_MS`` on (past the soleus H- and V-waves, which come back within
  about 45 ms), whose mean is back to ``SILENCE_RETURN_SHARE`` of the mean over
  ``SILENCE_BASELINE_MS`` before the pulses (so a silent period of ``SILENCE_SEARCH_FROM_MS``
  means none past the reflex waves). Its causes are several: the antidromic volley collides with
  the voluntary impulses and leaves the motoneurones after-hyperpolarised, the twitch unloads the
  spindles, and inhibitory interneurones (the tendon organs' Ib cells and, where kramp is asked
  for them, Renshaw cells) hold the pool down.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import xarray as xr

from kramp.analysis.spasm import RHYTHM_BIN_MS, repeat_hz

BASELINE_MS = 300.0
REFLEX_TAIL_MS = 100.0
# an imposed stretch moves faster than this (the protocols' ramps run at 10 °/s or more; a foot
# settling under its load drifts slower)
RAMP_VELOCITY_DEG_S = 8.0
# a reflex begins where the EMG first exceeds three times its rectified baseline and 10 µV
ONSET_FACTOR = 3.0
ONSET_MIN_MV = 0.01
RAMP_STEADINESS = 0.02  # an imposed ramp's speed stays this close to its peak ...
RAMP_STEADY_SHARE = 0.3  # ... for at least this share of its samples
# ... and moves the joint this far: a released foot can creep at a steady 8 °/s for a degree
# (the protocols' ramps span 10–20°)
RAMP_MIN_DEG = 2.0
# ramps whose peak speeds differ by less than this share are stretches at one velocity
SAME_SPEED = 0.02
CLONUS_WINDOW_MS = 2000.0
CLONUS_MIN_CYCLES = 4
CLONUS_MIN_DEG = 1.0
# the EMG's period may differ from the angle's by this share, or by two bins of the
# autocorrelation that finds it (10 ms each, so its lag is quantised) where that is more
CLONUS_PERIOD_TOLERANCE = 0.1
CLONUS_PERIOD_TOLERANCE_MS = 20.0
SINE_MIN_CYCLES = 2
SILENCE_BASELINE_MS = 300.0
SILENCE_BIN_MS = 10.0
SILENCE_SEARCH_FROM_MS = 50.0
SILENCE_RETURN_SHARE = 0.5
# a sweep of the silent period reaches this far after its pulse
SILENCE_SWEEP_MS = 800.0


def _joint(result: xr.Dataset, person: int, output: str) -> np.ndarray:
    return result["ankle"].sel(person=person, joint_output=output).values


def plantarflexion_torque_Nm(result: xr.Dataset, person: int) -> np.ndarray:
    """The torque the ankle's muscles exert on the joint, plantarflexing positive (the recorded
    joint torques are dorsiflexing positive): what a dynamometer holding the foot reads of a
    plantarflexion."""
    return -_joint(result, person, "muscle_torque_Nm")


def effort_torque_Nm(result: xr.Dataset, person: int, window_ms: tuple[float, float],
                     rest_ms: tuple[float, float]) -> float:
    """The plantarflexion torque of an effort (N·m): its mean over ``window_ms`` less its mean
    over ``rest_ms`` (the dynamometer's baseline, passive torque and all), windows as [start,
    end) on the run's clock."""
    times = result["time_ms"].values
    torque = plantarflexion_torque_Nm(result, person)

    def mean(window: tuple[float, float]) -> float:
        return float(torque[(times >= window[0]) & (times < window[1])].mean())

    return mean(window_ms) - mean(rest_ms)


def resisting_torque_Nm(result: xr.Dataset, person: int) -> np.ndarray:
    """The torque of the ankle's muscles and passive tissue, plantarflexing positive (the
    recorded joint torques are dorsiflexing positive): what resists a dorsiflexing stretch."""
    return plantarflexion_torque_Nm(result, person) - _joint(result, person,
                                                               "passive_torque_Nm")


def ramps(result: xr.Dataset, person: int, direction: float = 1.0
          ) -> list[tuple[float, float, float]]:
    """(start ms, end ms, peak speed °/s) of each dorsiflexing ramp of the recorded angle
    (``direction`` −1: each plantarflexing one)."""
    time = result["time_ms"].values
    velocity = direction * _joint(result, person, "velocity_deg_per_s")
    angle = direction * _joint(result, person, "angle_deg")
    moving = velocity > RAMP_VELOCITY_DEG_S
    edges = np.diff(moving.astype(int))
    starts = np.flatnonzero(edges == 1) + 1
    ends = np.flatnonzero(edges == -1) + 1
    if moving[0]:
        starts = np.concatenate([[0], starts])
    found = []
    for start in starts:
        after = ends[ends > start]
        if after.size:
            end = after[0]
            speed = velocity[start:end]
            steady = np.abs(speed - speed.max()) <= RAMP_STEADINESS * speed.max()
            if steady.mean() >= RAMP_STEADY_SHARE and angle[end] - angle[start] >= RAMP_MIN_DEG:
                found.append((float(time[start]), float(time[end]), float(speed.max())))
    return found


def _mean_rectified(emg: xr.DataArray, start_ms: float, stop_ms: float) -> float:
    time = emg["emg_time_ms"].values
    inside = (time >= start_ms) & (time < stop_ms)
    return float(np.abs(emg.values[inside]).mean()) if inside.any() else 0.0


def _onset_ms(emg: xr.DataArray, start_ms: float, stop_ms: float, baseline_mV: float
              ) -> float | None:
    """Time from ``start_ms`` to the first EMG sample before ``stop_ms`` whose size exceeds
    ``ONSET_FACTOR`` times the rectified baseline and ``ONSET_MIN_MV`` (None: no such sample)."""
    time = emg["emg_time_ms"].values
    inside = (time >= start_ms) & (time < stop_ms)
    above = np.flatnonzero(np.abs(emg.values[inside]) > max(ONSET_FACTOR * baseline_mV,
                                                             ONSET_MIN_MV))
    return float(time[inside][above[0]] - start_ms) if above.size else None


def reflex_by_velocity(result: xr.Dataset, person: int, muscle: str = "soleus") -> list[dict]:
    """At each stretch velocity, slowest first, the mean over its ramps (``ramps``: how many) of
    their speed, amplitude, reflex latency (ms from the ramp's start; over the ramps with a
    reflex onset, None if none had one), reflex EMG (mV), gain (µV per degree of stretch),
    stiffness and resisting torque (N·m) (module doc)."""
    averaged = []
    for rows in ramps_by_speed(result, person, muscle):
        mean = {key: float(np.mean([row[key] for row in rows])) for key in rows[0]
                if key != "latency_ms"}
        onsets = [row["latency_ms"] for row in rows if row["latency_ms"] is not None]
        mean["velocity_deg_per_s"] = round(mean["velocity_deg_per_s"], 3)
        averaged.append(mean | {"latency_ms": float(np.mean(onsets)) if onsets else None,
                                "ramps": len(rows)})
    return averaged


def ramps_by_speed(result: xr.Dataset, person: int, muscle: str = "soleus"
                   ) -> list[list[dict]]:
    """``_reflex_by_ramp``'s rows grouped by stretch velocity (within ``SAME_SPEED``), slowest
    first."""
    by_speed: list[list[dict]] = []
    for row in _reflex_by_ramp(result, person, muscle):
        if by_speed and row["velocity_deg_per_s"] <= (
                by_speed[-1][0]["velocity_deg_per_s"] * (1.0 + SAME_SPEED)):
            by_speed[-1].append(row)
        else:
            by_speed.append([row])
    return by_speed


def _reflex_by_ramp(result: xr.Dataset, person: int, muscle: str) -> list[dict]:
    """Each ramp's measures (``reflex_by_velocity``'s), slowest first."""
    emg = result["emg_mV"].sel(person=person, muscle=muscle)
    time = result["time_ms"].values
    angle = _joint(result, person, "angle_deg")
    resisting = resisting_torque_Nm(result, person)
    rows = []
    for start, end, speed in ramps(result, person):
        baseline = _mean_rectified(emg, start - BASELINE_MS, start)
        reflex = max(_mean_rectified(emg, start, end + REFLEX_TAIL_MS) - baseline, 0.0)
        before = resisting[np.searchsorted(time, start) - 1]
        window = (time >= start) & (time < end + REFLEX_TAIL_MS)
        amplitude = float(np.ptp(angle[window]))
        rows.append({"velocity_deg_per_s": round(speed, 3),
                     "amplitude_deg": amplitude,
                     "latency_ms": _onset_ms(emg, start, end + REFLEX_TAIL_MS, baseline),
                     "reflex_emg_mV": reflex,
                     "gain_uV_per_deg": reflex * 1e3 / amplitude,
                     "stiffness_Nm_per_deg": float(resisting[window].max() - before) / amplitude,
                     "resisting_torque_Nm": float(resisting[window].max() - before)})
    return sorted(rows, key=lambda row: row["velocity_deg_per_s"])


def clonus(result: xr.Dataset, person: int) -> dict:
    """The oscillation of the ankle over the run's last ``CLONUS_WINDOW_MS`` (module doc):
    ``clonus_frequency_hz`` (None when the ankle does not oscillate on its own, or oscillates
    without EMG bursts at its rate), the cycles' mean peak-to-peak swing and the rate at which
    the muscles' EMG repeats over the window (``clonus_discharge_hz``, None if it does not)."""
    time = result["time_ms"].values
    angle = _joint(result, person, "angle_deg")
    window = time >= time[-1] - CLONUS_WINDOW_MS
    t, a = time[window], angle[window]
    # a 200 ms running mean, or the whole window when the run is shorter
    kernel = min(max(1, round(200.0 / max(float(np.diff(t).mean()), 1e-9))), a.size)
    mean = np.convolve(a, np.ones(kernel) / kernel, mode="same")
    rising = np.flatnonzero((a[:-1] < mean[:-1]) & (a[1:] >= mean[1:]))
    swings = [float(np.ptp(a[i:j])) for i, j in pairwise(rising)]
    large = [s for s in swings if s > CLONUS_MIN_DEG]
    sustained = len(large) >= CLONUS_MIN_CYCLES and len(large) == len(swings)
    frequency = (float(len(swings) / ((t[rising[-1]] - t[rising[0]]) * 1e-3))
                 if sustained else None)
    plantarflexion_ms, dorsiflexion_ms = _cycle_parts_ms(t, a, rising) if sustained else (None,
                                                                                          None)
    emg = result["emg_mV"].sel(person=person)
    emg = emg.isel(emg_time=emg["emg_time_ms"].values >= t[0])  # the window's samples
    by_sample = np.abs(emg.transpose("emg_time", ...).values)
    rectified = by_sample.reshape(emg.sizes["emg_time"], -1).sum(axis=1)  # every muscle's
    emg_time = emg["emg_time_ms"].values
    edges = np.arange(t[0], time[-1] + RHYTHM_BIN_MS, RHYTHM_BIN_MS)
    binned, _ = np.histogram(emg_time, bins=edges, weights=rectified)
    discharge = repeat_hz(binned)
    driven = (frequency is not None and discharge is not None
              and abs(1e3 / discharge - 1e3 / frequency)
              <= max(CLONUS_PERIOD_TOLERANCE * 1e3 / frequency, CLONUS_PERIOD_TOLERANCE_MS))
    return {"clonus_frequency_hz": frequency if driven else None,
            "clonus_swing_deg": float(np.mean(swings)) if swings else 0.0,
            "clonus_discharge_hz": discharge,
            "clonus_plantarflexion_ms": plantarflexion_ms,
            "clonus_dorsiflexion_ms": dorsiflexion_ms}


def _cycle_parts_ms(t: np.ndarray, angle: np.ndarray, rising: np.ndarray
                    ) -> tuple[float, float]:
    """The mean plantarflexing and dorsiflexing parts (ms) of the cycles between the upward
    crossings ``rising`` (module doc)."""
    peaks = [i + int(np.argmax(angle[i:j])) for i, j in pairwise(rising)]
    troughs = [i + int(np.argmin(angle[i:j])) for i, j in pairwise(peaks)]
    plantar = [t[trough] - t[peak] for peak, trough in zip(peaks[:-1], troughs, strict=True)]
    dorsi = [t[peak] - t[trough] for trough, peak in zip(troughs, peaks[1:], strict=True)]
    return float(np.mean(plantar)), float(np.mean(dorsi))


def phasor(time_ms: np.ndarray, signal: np.ndarray, frequency_hz: float, begin_ms: float,
           cycles: int) -> complex:
    """The complex amplitude A e^{iφ} of ``signal``'s component A cos(ωt + φ) at
    ``frequency_hz`` (t from ``begin_ms``), fitted by least squares over ``cycles`` whole periods
    from ``begin_ms`` together with a constant and a linear drift, so that a slow creep of the
    signal does not leak into it. Signals sampled on different grids share the phase
    reference, so the ratio of two phasors is their gain and phase lead."""
    period = 1e3 / frequency_hz
    window = (time_ms >= begin_ms) & (time_ms < begin_ms + cycles * period)
    t_s = (time_ms[window] - begin_ms) * 1e-3
    omega = 2.0 * np.pi * frequency_hz
    basis = np.column_stack([np.sin(omega * t_s), np.cos(omega * t_s), np.ones_like(t_s),
                             t_s - t_s.mean()])
    a_sin, a_cos = np.linalg.lstsq(basis, signal[window], rcond=None)[0][:2]
    # A cos(ωt + φ) = A cos φ cos ωt − A sin φ sin ωt
    return complex(a_cos, -a_sin)


def dynamic_stiffness(result: xr.Dataset, person: int) -> dict | None:
    """The joint's dynamic stiffness to the sinusoid imposed on it (module doc), or None when
    the run imposed none or holds fewer than ``SINE_MIN_CYCLES`` whole cycles after the first."""
    amplitude = float(result["movement.sine_amplitude"].sel(person=person))
    frequency = float(result["movement.sine_frequency"].sel(person=person))
    start = float(result["movement.sine_start"].sel(person=person))
    duration = float(result["movement.sine_duration"].sel(person=person))
    time = result["time_ms"].values
    period = 1e3 / frequency
    begin = start + period  # the first cycle carries the switch-on transient
    cycles = int((min(start + duration, float(time[-1])) - begin) // period)
    if amplitude <= 0.0 or cycles < SINE_MIN_CYCLES:
        return None
    angle = phasor(time, np.radians(_joint(result, person, "angle_deg")), frequency, begin,
                   cycles)
    torque = phasor(time, resisting_torque_Nm(result, person), frequency, begin, cycles)
    ratio = torque / angle
    omega = 2.0 * np.pi * frequency
    return {"frequency_hz": frequency, "cycles": cycles,
            "dynamic_stiffness_Nm_per_rad": abs(ratio),
            "phase_deg": float(np.degrees(np.angle(ratio))),
            "elastic_stiffness_Nm_per_rad": ratio.real,
            "viscosity_Nm_s_per_rad": ratio.imag / omega}


def imposed_displacements(result: xr.Dataset, person: int) -> list[tuple[float, float]]:
    """(start, end) ms of each imposed displacement of the joint: from a ramp's start to the
    end of the next ramp the other way (the return), or to the run's end when none comes."""
    run_end = float(result["time_ms"].values[-1])
    moves = sorted([(a, b, 1.0) for a, b, _ in ramps(result, person)]
                   + [(a, b, -1.0) for a, b, _ in ramps(result, person, -1.0)])
    windows = []
    for k, (start, _, way) in enumerate(moves):
        back = [b for a, b, other in moves[k + 1:] if other != way]
        windows.append((start, back[0] if back else run_end))
    return windows


# Windows after a stimulus at the popliteal fossa: the direct motor response (M-wave) and the
# reflex one (H-wave, which travels to the cord and back: about 30 ms in the soleus).
M_WINDOW_MS = (2.0, 20.0)
H_WINDOW_MS = (20.0, 50.0)
# single pulses at least this far apart make a recruitment curve (trains are another protocol)
RECRUITMENT_SPACING_MS = 200.0


def h_and_m_waves(result: xr.Dataset, person: int, muscle: str = "soleus",
                  pulses: list | None = None) -> list[dict]:
    """Peak-to-peak M- and H-wave (mV) and H-onset latency after each stimulus pulse, in the
    order of the pulses, with the pulse's intensity (mA): a recruitment curve when the
    intensity rises from pulse to pulse. ``pulses`` (``analysis.nerve.Pulse``): the person's
    own, where people of one run were stimulated differently (default: the run's scenario's)."""
    from kramp.analysis.nerve import stimulation_pulses

    emg = result["emg_mV"].sel(person=person, muscle=muscle)
    time = emg["emg_time_ms"].values
    values = emg.values
    rows = []
    for pulse in stimulation_pulses(result) if pulses is None else pulses:
        row = {"time_ms": pulse.time_ms, "intensity_mA": pulse.intensity_mA}
        for name, (begin, end) in (("m", M_WINDOW_MS), ("h", H_WINDOW_MS)):
            inside = (time >= pulse.time_ms + begin) & (time < pulse.time_ms + end)
            wave = values[inside]
            size = float(np.ptp(wave)) if wave.size else 0.0
            row[f"{name}_wave_mV"] = size
            # onset: the first sample departing from zero by a tenth of the wave's half-size
            onset = np.flatnonzero(np.abs(wave) > 0.05 * size) if size > 0.0 else []
            row[f"{name}_latency_ms"] = (float(time[inside][onset[0]] - pulse.time_ms)
                                         if len(onset) else None)
        rows.append(row)
    return rows


def h_max_over_m_max(rows: list[dict]) -> float | None:
    """Hmax/Mmax of a recruitment curve (None when no M-wave was evoked)."""
    m_max = max((row["m_wave_mV"] for row in rows), default=0.0)
    if m_max <= 0.0:
        return None
    return max(row["h_wave_mV"] for row in rows) / m_max


def pulses_in_a_held_contraction(result: xr.Dataset, person: int) -> list[float]:
    """The times of the run's stimulus pulses that fall in a voluntary contraction held from
    ``SILENCE_BASELINE_MS`` before them to ``SILENCE_SWEEP_MS`` after them, with no other pulse
    in that window: the pulses whose silent period can be read."""
    from kramp.analysis.nerve import stimulation_pulses

    times = np.array([pulse.time_ms for pulse in stimulation_pulses(result)])
    command = result["command"].sel(person=person).values
    commanded = command.reshape(command.shape[0], -1).max(axis=1) > 0.0
    command_ms = result["time_ms"].values
    held = []
    for t in times:
        window = (command_ms >= t - SILENCE_BASELINE_MS) & (command_ms < t + SILENCE_SWEEP_MS)
        alone = np.count_nonzero(np.abs(times - t) < SILENCE_BASELINE_MS + SILENCE_SWEEP_MS) == 1
        if alone and window.any() and commanded[window].all():
            held.append(float(t))
    return held


def silent_period_ms(result: xr.Dataset, person: int, pulse_times_ms: list[float],
                     muscle: str = "soleus") -> float | None:
    """The silent period (ms from the stimulus to the EMG's return, module doc) of ``muscle``
    after the pulses at ``pulse_times_ms``, averaged over them; None when the EMG does not come
    back within ``SILENCE_SWEEP_MS`` or there was no EMG before the pulses to come back to."""
    emg = result["emg_mV"].sel(person=person, muscle=muscle)
    time = emg["emg_time_ms"].values
    rectified = np.abs(emg.values)
    edges = np.arange(SILENCE_SEARCH_FROM_MS, SILENCE_SWEEP_MS + SILENCE_BIN_MS / 2,
                      SILENCE_BIN_MS)
    baseline, binned = [], []
    for pulse in pulse_times_ms:
        before = (time >= pulse - SILENCE_BASELINE_MS) & (time < pulse)
        baseline.append(rectified[before].mean())
        since = time - pulse
        bin_of = np.digitize(since, edges) - 1
        inside = (since >= edges[0]) & (since < edges[-1])
        sums = np.bincount(bin_of[inside], rectified[inside], minlength=edges.size - 1)
        counts = np.bincount(bin_of[inside], minlength=edges.size - 1)
        binned.append(sums / np.maximum(counts, 1))
    level = float(np.mean(baseline))
    if level <= 0.0:
        return None
    back = np.flatnonzero(np.mean(binned, axis=0) >= SILENCE_RETURN_SHARE * level)
    return float(edges[back[0]]) if back.size else None
