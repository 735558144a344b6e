"""The surface EMG of each muscle as a component: motor-unit action potentials summed at the
electrode (``kramp.physiology.emg``), sampled at the recording's rate.

An action potential reaching a unit's fibres at t_a starts that unit's MUAP there: a first-order
Hermite–Rodriguez wave of amplitude A_u and time scale λ_u centred 3λ_u after the arrival (its
value at the arrival is below 0.1 % of its peak), so the potential rises as the fibres' action
potentials leave the end plates and peaks a few milliseconds later, as an M-wave follows its
onset. The signal is causal: a sample depends only on arrivals before it, so a run cut in two
and resumed is the same signal as the run in one piece. The MUAPs already under way when an
exchange interval ends wait, as samples still to come, in the component's buffer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Output
from kramp.params import Port
from kramp.physiology import emg

# A MUAP is centred CENTRE_WIDTHS λ after the arrival and cut WINDOW_WIDTHS λ after it.
CENTRE_WIDTHS = 3.0
WINDOW_WIDTHS = 6.0
_HR1_PEAK = math.sqrt(2.0 * math.e)


# A fibre conducting at less than a third of its normal velocity is nearly inexcitable (its action
# potential and MUAP amplitude are small); its MUAP is taken three times as wide, which keeps
# every MUAP inside the buffer of samples ahead.
MAX_STRETCH = 3.0


def first_sample(t_ms: float, rate_hz: float) -> int:
    """Index of the first sample strictly after ``t_ms`` (sample i is at i/rate)."""
    return math.floor(t_ms * rate_hz / 1e3 + 1e-9) + 1


@numba.njit(cache=True)
def add_muaps(ahead, base, time_ms, person, unit, weight, stretch, muscle, amplitude_mV,
              width_ms, rate_hz):
    """Add each arrival's MUAP, scaled by its weight (the fibres' action-potential amplitude
    relative to normal) and widened by its stretch (their conduction velocity relative to
    normal), to ``ahead[person, muscle, k]``, the signal of sample base + k."""
    period_ms = 1e3 / rate_hz
    length = ahead.shape[2]
    for e in range(time_ms.shape[0]):
        p, u = person[e], unit[e]
        a = amplitude_mV[p, u] * weight[e]
        lam = width_ms[p, u] * min(stretch[e], MAX_STRETCH)
        centre = time_ms[e] + CENTRE_WIDTHS * lam
        first = max(math.ceil(time_ms[e] * rate_hz / 1e3 - 1e-9), base)
        last = min(math.floor((time_ms[e] + WINDOW_WIDTHS * lam) * rate_hz / 1e3),
                   base + length - 1)
        m = muscle[u]
        for i in range(first, last + 1):
            x = (i * period_ms - centre) / lam
            ahead[p, m, i - base] += a * _HR1_PEAK * x * math.exp(-x * x)


def add_muaps_numpy(ahead, base, time_ms, person, unit, weight, stretch, muscle, amplitude_mV,
                    width_ms, rate_hz):
    """``add_muaps`` vectorised over arrivals (the same samples, the same order of sums)."""
    if time_ms.size == 0:
        return
    lam = width_ms[person, unit] * np.minimum(stretch, MAX_STRETCH)
    first = np.maximum(np.ceil(time_ms * rate_hz / 1e3 - 1e-9).astype(np.int64), base)
    last = np.minimum(np.floor((time_ms + WINDOW_WIDTHS * lam) * rate_hz / 1e3).astype(np.int64),
                      base + ahead.shape[2] - 1)
    offsets = np.arange(int((last - first).max()) + 1 if last.size else 0)
    index = first[:, None] + offsets[None, :]
    inside = index <= last[:, None]
    x = (index * (1e3 / rate_hz) - (time_ms + CENTRE_WIDTHS * lam)[:, None]) / lam[:, None]
    wave = (amplitude_mV[person, unit] * weight)[:, None] * _HR1_PEAK * x * np.exp(-x * x)
    rows = np.broadcast_to(person[:, None], index.shape)[inside]
    cols = np.broadcast_to(muscle[unit][:, None], index.shape)[inside]
    np.add.at(ahead, (rows, cols, index[inside] - base), wave[inside])


BACKENDS = {"numba": add_muaps, "numpy": add_muaps_numpy}


class Emg(Component):
    name = "emg"
    element = "muscle"
    variables = ()
    buffers = ("ahead",)
    clocked = False
    inputs = (Port("arrivals", "events", "1", "action potentials reaching each unit's fibres"),)
    outputs = (Port("emg", "signal", "mV", "surface EMG of each muscle"),)

    def __init__(self, amplitude_mV: np.ndarray, width_ms: np.ndarray, muscle: np.ndarray,
                 muscle_names: Sequence[str], rate_hz: float, longest_interval_ms: float):
        self.amplitude_mV = np.ascontiguousarray(amplitude_mV)
        self.width_ms = np.ascontiguousarray(width_ms)
        self.muscle = np.ascontiguousarray(muscle, dtype=np.int64)
        self.muscle_names = tuple(muscle_names)
        self.rate_hz = rate_hz
        self.n_person = amplitude_mV.shape[0]
        self.n_element = len(muscle_names)
        self.step_ms = 1e3 / rate_hz
        # Samples a MUAP can reach beyond the interval it starts in, plus the interval itself,
        # for the widest MUAP the parameters allow: the buffer's size is part of the network's
        # shape, so a protocol step that widens the MUAPs keeps the State it continues from.
        widest_ms = emg.PARAMETERS["muap_width_smallest"].range[1] * MAX_STRETCH
        self.length = (math.ceil((WINDOW_WIDTHS * widest_ms + longest_interval_ms)
                                 * rate_hz / 1e3) + 2)

    def output_width(self, port: str) -> int:
        return len(self.muscle_names)

    def recorded(self, port: str) -> Output:
        return Output("emg_mV", "emg_time", ("muscle", self.muscle_names))

    def labels(self) -> Mapping[str, Any]:
        per_unit = ("person", "unit")
        return {"muap_amplitude_mV": (per_unit, self.amplitude_mV,
                                      {"units": "mV", "long_name": "surface MUAP amplitude"}),
                "muap_width_ms": (per_unit, self.width_ms,
                                  {"units": "ms", "long_name": "MUAP time scale λ"})}

    def sample_times_ms(self, interval: Interval) -> np.ndarray:
        """Times of the samples that an interval completes: those in (start, end]."""
        first = first_sample(interval.start_ms, self.rate_hz)
        last = first_sample(interval.end_ms, self.rate_hz) - 1
        return np.arange(first, last + 1) * self.step_ms

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        return {"variables": np.zeros((0, self.n_person, self.n_element)),
                "ahead": np.zeros((self.n_person, self.n_element, self.length))}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        ahead = state["ahead"]
        base = first_sample(interval.start_ms, self.rate_hz)
        events = inputs.get("arrivals")
        if events is not None and events.size:
            BACKENDS[backend](ahead, base, events.time_ms, events.person, events.element,
                              events.weight, events.stretch, self.muscle, self.amplitude_mV,
                              self.width_ms, self.rate_hz)
        done = first_sample(interval.end_ms, self.rate_hz) - base
        signal = ahead[:, :, :done].transpose(2, 0, 1).copy()  # [sample, person, muscle]
        if done:
            ahead[:, :, :-done] = ahead[:, :, done:].copy()
            ahead[:, :, -done:] = 0.0
        return {"emg": signal}, None
