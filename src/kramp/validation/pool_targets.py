"""Targets B7 and B9: the whole pool driven by the brain and by the brainstem.

B7 runs the default person's calf (its three heads, 300 units), B9 the diaphragm of a small
cohort breathing quietly, through the engine, with the drive, rhythm, motoneurons, nerve and
muscle exactly as every scenario uses them. (B8 and B10, the calf's maximal efforts, run on the
whole ankle with its spinal circuits: :mod:`kramp.validation.strength_targets`.)
"""

from __future__ import annotations

import functools
from itertools import pairwise

import numpy as np

from kramp.engine import build_model, simulate

B7_RAMP_MS = 10_000.0
FIRST_INTERVALS = 3


def _unit_trains(result, person: int = 0) -> list[np.ndarray]:
    """Each unit's spike times (ms, ascending) of ``person``: one sort by unit and time, then
    the unit boundaries (a mask per unit over a long batch's spikes took seconds a call)."""
    own = result.spike_person.values == person
    times, units = result.spike_time_ms.values[own], result.spike_unit.values[own]
    order = np.lexsort((times, units))
    times, units = times[order], units[order]
    bounds = np.searchsorted(units, np.arange(result.sizes["unit"] + 1))
    return [times[start:stop] for start, stop in pairwise(bounds)]


def window_rates(result, start_ms: float, stop_ms: float,
                 units: np.ndarray | None = None, person: int = 0) -> np.ndarray:
    """Mean rate (Hz, from its interspike intervals) of each unit (of ``units``, or all) of
    ``person`` with at least three spikes in [start_ms, stop_ms)."""
    trains = _unit_trains(result, person)
    rates = []
    for unit in range(len(trains)) if units is None else units:
        inside = trains[unit][(trains[unit] >= start_ms) & (trains[unit] < stop_ms)]
        if inside.size >= 3:
            rates.append(1e3 / np.mean(np.diff(inside)))
    return np.array(rates)


def ramp_rates(seed: int = 1) -> dict[str, np.ndarray]:
    """Drive ramped 0 → 100 % over 10 s: each unit's recruitment time, rate at recruitment
    (mean of its first three intervals) and peak rate (over the last 0.5 s of the ramp)."""
    model = build_model("motor_pool", {"drive": {"level": 100.0, "onset": 0.0,
                                                 "ramp_up": B7_RAMP_MS, "hold": 0.0,
                                                 "ramp_down": 0.0}}, seed=seed)
    result = simulate(model, B7_RAMP_MS)
    recruited, at_recruitment, peak = [], [], []
    for unit, train in enumerate(_unit_trains(result)):
        if train.size <= FIRST_INTERVALS:
            continue
        recruited.append(unit)
        at_recruitment.append(1e3 / np.mean(np.diff(train[: FIRST_INTERVALS + 1])))
        late = train[train >= B7_RAMP_MS - 500.0]
        peak.append(1e3 / np.mean(np.diff(late)) if late.size >= 3 else np.nan)
    return {"unit": np.array(recruited), "rate_at_recruitment_hz": np.array(at_recruitment),
            "peak_rate_hz": np.array(peak), "n_unit": result.sizes["unit"]}


def target_b7() -> dict:
    rates = ramp_rates()
    at_recruitment = rates["rate_at_recruitment_hz"]
    peak = rates["peak_rate_hz"]
    valid = np.isfinite(peak)
    # earlier-recruited units peak higher: compare the first and last thirds of those with a peak
    thirds = np.array_split(peak[valid], 3)
    earlier_higher = bool(np.mean(thirds[0]) > np.mean(thirds[-1]))
    mean_recruitment = float(np.mean(at_recruitment))
    mean_peak_first = float(np.mean(thirds[0]))
    passed = (6.0 <= mean_recruitment <= 10.0 and 20.0 <= mean_peak_first <= 40.0
              and earlier_higher)
    return {
        "id": "B7",
        "quantity": "recruitment and rate coding, drive ramped 0 → 100 % in 10 s (calf pool)",
        "published": ("Fuglevand et al. pool: every unit starts at 8 Hz; peak 35 Hz (first "
                      "recruited) falling to 25 Hz (last); ISI CV 0.1–0.2"),
        "band": ("rate at recruitment 6–10 Hz; peak 20–40 Hz with earlier-recruited units "
                 "peaking higher (force-vs-drive against a reference implementation of the "
                 "rate model: not applicable to kramp's conductance-based pool)"),
        "model_value": (f"{rates['unit'].size}/{rates['n_unit']} units recruited; rate at "
                        f"recruitment {mean_recruitment:.1f} Hz (range "
                        f"{at_recruitment.min():.1f}–{at_recruitment.max():.1f}); peak "
                        f"{mean_peak_first:.1f} Hz (first third) vs "
                        f"{float(np.mean(thirds[-1])):.1f} Hz (last third)"),
        "passed": passed,
        "source": "Fuglevand AJ, Winter DA, Patla AE 1993, J Neurophysiol 70:2470–2488",
    }


B9_PEOPLE = 5
B9_SHARE_BAND = (5.0, 25.0)
B9_RATE_BAND = (12.0, 20.0)


@functools.cache
def quiet_breathing(seed: int = 0) -> tuple[dict, ...]:
    """The ``quiet-breathing`` scenario (no voluntary command) run on a cohort of ``B9_PEOPLE``:
    each person's ``kramp run`` summary (breaths, rate, force per breath, the spasm verdict)."""
    from kramp import scenarios

    result, _ = scenarios.run(scenarios.load_scenario("quiet-breathing"), seed=seed,
                              cohort={"drive.level": np.zeros(B9_PEOPLE)})
    return tuple(scenarios.summarise(result, p) for p in range(B9_PEOPLE))


def target_b9() -> dict:
    people = quiet_breathing()
    rates = np.array([p["breaths_per_minute"] or np.nan for p in people])
    share = np.array([p["force_per_breath_percent_of_max"] or np.nan for p in people])
    rate = float(np.mean(rates))
    (low, high), (rate_low, rate_high) = B9_SHARE_BAND, B9_RATE_BAND
    return {
        "id": "B9",
        "quantity": "diaphragm force per quiet breath (share of its maximum) and breathing rate, "
                    f"a cohort of {B9_PEOPLE} with no voluntary command",
        "published": "eupnoea uses about 12 % of maximal transdiaphragmatic pressure in the cat "
                     "(21 ± 2 % in the rat; no human figure found); adults breathe 12–20 times a "
                     "minute at rest",
        "band": f"every person's force per breath {low:g}–{high:g} % of maximum; cohort mean "
                f"rate {rate_low:g}–{rate_high:g} /min",
        "model_value": f"force per breath {share.min():.1f}–{share.max():.1f} % of maximum "
                       f"(mean {share.mean():.1f} %); rate {rate:.1f} /min (people "
                       f"{', '.join(f'{r:.1f}' for r in rates)})",
        "passed": bool(np.all((low <= share) & (share <= high))
                       and rate_low <= rate <= rate_high),
        "source": "Sieck GC, Fournier M 1989, J Appl Physiol 66:2539–2545 (cat); Mantilla CB "
                  "et al. 2010 (rat; not re-checked); resting adult respiratory rate 12–20 /min "
                  "(clinical reference range, secondary)",
    }
