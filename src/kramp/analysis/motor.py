"""What a motor pool did, read from its Result alone: force, firing rates, breaths, involuntary
activity.

Only outputs are read — force, surface EMG, spike times and the recorded voluntary command — never
the scenario or the physiology that produced them, so these measures stay honest when a later
perturbation changes the physiology underneath.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

# Force is back at baseline when it stays within this fraction of the peak's rise above baseline.
RETURN_TOLERANCE = 0.02
# After the command returns to zero, discharges within this time are the tail of the voluntary
# contraction (the last spikes in flight, the persistent inward currents switching off).
RELEASE_GRACE_MS = 1000.0
# Rates at recruitment: the mean of a unit's first interspike intervals.
FIRST_INTERVALS = 3


@dataclass(frozen=True)
class ContractionSummary:
    """One person's contraction: force is the sum over the person's muscles (the calf's is the
    sum of its heads). ``return_to_baseline_ms`` counts from the start of the release (the end
    of the command's plateau) until force stays within 2 % of its rise above baseline; ``None``
    if it never does within the run."""

    peak_force_N: float
    peak_force_by_muscle_N: dict[str, float]
    baseline_force_N: float
    return_to_baseline_ms: float | None
    recruited_units: int
    rate_at_recruitment_hz: float | None
    rate_at_peak_hz: float | None
    involuntary_spikes: int
    involuntary_emg_rms_mV: float


def _spikes_of(result: xr.Dataset, person: int) -> tuple[np.ndarray, np.ndarray]:
    own = result["spike_person"].values == person
    return result["spike_time_ms"].values[own], result["spike_unit"].values[own]


def _command_periods(command: np.ndarray, time_ms: np.ndarray):
    """Start of the command, start of its plateau, end of its plateau, and end of the release."""
    active = np.flatnonzero(command > 0.0)
    if active.size == 0:
        return None
    top = np.flatnonzero(command >= command.max() * (1.0 - 1e-9))
    return time_ms[active[0]], time_ms[top[0]], time_ms[top[-1]], time_ms[active[-1]]


def _rates_in(times: np.ndarray, units: np.ndarray, start_ms: float,
              stop_ms: float) -> float | None:
    """Mean over active units of each unit's discharge rate inside [start, stop)."""
    inside = (times >= start_ms) & (times < stop_ms)
    rates = []
    for unit in np.unique(units[inside]):
        own = np.sort(times[inside & (units == unit)])
        if own.size >= 2:
            rates.append(1e3 / np.mean(np.diff(own)))
    return float(np.mean(rates)) if rates else None


def _rates_at_recruitment(times: np.ndarray, units: np.ndarray) -> float | None:
    rates = []
    for unit in np.unique(units):
        own = np.sort(times[units == unit])
        if own.size > FIRST_INTERVALS:
            rates.append(1e3 / np.mean(np.diff(own[: FIRST_INTERVALS + 1])))
    return float(np.mean(rates)) if rates else None


def total_force_N(result: xr.Dataset, person: int) -> np.ndarray:
    """The person's force summed over muscles, in N, on the ``time`` axis."""
    return result["force_mN"].sel(person=person).sum("muscle").values / 1e3


def contraction_summary(result: xr.Dataset, person: int = 0) -> ContractionSummary:
    """Peak force, relaxation, firing rates and involuntary activity of one person's run."""
    time_ms = result["time_ms"].values
    command = result["command"].sel(person=person).values
    force_N = total_force_N(result, person)
    by_muscle = {str(m): float(result["force_mN"].sel(person=person, muscle=m).max()) / 1e3
                 for m in result["muscle"].values}
    times, units = _spikes_of(result, person)
    periods = _command_periods(command, time_ms)
    # the run's start: at rest from t = 0, or the first sample of a resumed run
    baseline = 0.0 if result.attrs["start_ms"] == 0.0 else float(force_N[0])
    peak = float(force_N.max())
    if periods is None:
        return ContractionSummary(peak, by_muscle, baseline, None, int(np.unique(units).size),
                                  None, None, int(times.size),
                                  _emg_rms(result, person, 0.0, np.inf))
    onset, plateau_start, plateau_end, release_end = periods
    return_ms = None
    settled = np.abs(force_N - baseline) <= RETURN_TOLERANCE * max(peak - baseline, 1e-12)
    after = np.flatnonzero((time_ms >= plateau_end) & ~settled)
    if after.size == 0:
        return_ms = 0.0
    elif after[-1] + 1 < time_ms.size:
        return_ms = float(time_ms[after[-1] + 1] - plateau_end)
    quiet_start = release_end + RELEASE_GRACE_MS
    outside = (times < onset) | (times >= quiet_start)
    voluntary = ~outside
    return ContractionSummary(
        peak_force_N=peak,
        peak_force_by_muscle_N=by_muscle,
        baseline_force_N=baseline,
        return_to_baseline_ms=return_ms,
        recruited_units=int(np.unique(units[voluntary]).size),
        rate_at_recruitment_hz=_rates_at_recruitment(times[voluntary], units[voluntary]),
        rate_at_peak_hz=_rates_in(times, units, plateau_start, plateau_end),
        involuntary_spikes=int(outside.sum()),
        involuntary_emg_rms_mV=_emg_rms(result, person, quiet_start, np.inf),
    )


def _emg_rms(result: xr.Dataset, person: int, start_ms: float, stop_ms: float) -> float:
    """RMS of the surface EMG in [start, stop): the largest over the person's muscles (each
    muscle has its own electrode)."""
    emg = result["emg_mV"].sel(person=person).values
    t = result["emg_time_ms"].values
    window = emg[(t >= start_ms) & (t < stop_ms)]
    return float(np.sqrt(np.mean(window**2, axis=0)).max()) if window.size else 0.0


@dataclass(frozen=True)
class BreathingSummary:
    """Breaths found in the force trace; ``percent_of_max`` is the mean peak force per breath as
    a share of the muscles' maximal force (from the Result's ``<muscle>.muscle_tetanic_force``)."""

    breaths: int
    breaths_per_minute: float | None
    peak_force_per_breath_N: tuple[float, ...]
    percent_of_max: float | None


# A breath starts when force rises through this fraction of the run's largest force and ends when
# it falls below the lower one (hysteresis, so that tremor within a breath is not a new breath).
BREATH_ON_FRACTION = 0.2
BREATH_OFF_FRACTION = 0.1


def breathing_summary(result: xr.Dataset, person: int = 0) -> BreathingSummary:
    """Breaths as bursts of force, found with a hysteresis threshold on the force trace.

    The rate is taken over the intervals between breath onsets after the first breath, so a run's
    start-up transient does not count.
    """
    time_ms = result["time_ms"].values
    force_N = total_force_N(result, person)
    largest = float(force_N.max())
    if largest <= 0.0:
        return BreathingSummary(0, None, (), None)
    onsets, ends, inside = [], [], False
    for i, f in enumerate(force_N):
        if not inside and f > BREATH_ON_FRACTION * largest:
            onsets.append(i)
            inside = True
        elif inside and f < BREATH_OFF_FRACTION * largest:
            ends.append(i)
            inside = False
    ends.append(force_N.size)
    peaks = tuple(float(force_N[a:b].max()) for a, b in zip(onsets, ends, strict=False))
    rate = None
    if len(onsets) >= 3:
        rate = 60e3 / float(np.mean(np.diff(time_ms[onsets[1:]])))
    maximum_N = sum(float(result[f"{m}.muscle_tetanic_force"].sel(person=person)) / 1e3
                    for m in result["muscle"].values)
    share = 100.0 * float(np.mean(peaks)) / maximum_N if peaks else None
    return BreathingSummary(len(onsets), rate, peaks, share)


# The force of a held contraction settles within this time after the plateau begins.
STEADY_AFTER_MS = 1000.0


def force_steadiness(result: xr.Dataset, person: int = 0) -> dict:
    """How steady the force is while the command is held ("tense and clumsy"): the coefficient
    of variation of the person's force over the plateau of the command, from ``STEADY_AFTER_MS``
    after it begins to its end, and the mean force there (None without a plateau that long)."""
    time_ms = result["time_ms"].values
    periods = _command_periods(result["command"].sel(person=person).values, time_ms)
    if periods is None:
        return {"force_cv_during_hold": None, "force_during_hold_N": None}
    _, top, release, _ = periods
    held = (time_ms >= top + STEADY_AFTER_MS) & (time_ms <= release)
    force = total_force_N(result, person)[held]
    if force.size < 2 or force.mean() <= 0.0:
        return {"force_cv_during_hold": None, "force_during_hold_N": None}
    return {"force_cv_during_hold": float(force.std() / force.mean()),
            "force_during_hold_N": float(force.mean())}
