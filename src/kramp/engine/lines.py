"""Connections between components: delay lines for spikes and for sampled signals.

A spike is an event with an exact time, the person it belongs to and the element (unit, neuron)
that fired. An :class:`EventLine` carries events from an output to an input with a delay per
source element (an axon's conduction time plus a junction's delay, say): an event fired at t
arrives at t + d, and the target receives it in the exchange interval, and then in the step of
its own clock, that contains t + d (Brian2's spike queue, NEURON's NetCon). Events wait in the
line in the order they entered it and leave it sorted by arrival time, person and element (each
event is sorted once, when it is delivered); the waiting events are part of the State, so a run
can be saved and resumed exactly.

A line may also *fan out* (Brian2's ``Synapses``, a NEST projection): one afferent's spike reaches
every motoneuron it contacts, each contact with its own synaptic conductance. The line's
``fan_out[person, source, target]`` holds those conductances (0: no contact); a spike of source
element s becomes one event per contacted target, arriving after s's delay. Such a line keeps
each spike once while it waits (its arrival time, person and *source* element) and spreads it
over its contacts when it is delivered: a hundred times fewer events to keep, select and sort,
and the same events in the same order as spreading it on entry. The engine hands the target the
delivered spikes unspread, with the line's contacts (:class:`Fanned`): the motoneurones and
interneurones add each spike's conductances up per element and step from the contacts, in the
order the spread events would give, and so never make the tens of thousands of events of an
interval, nor sort them.

A :class:`SignalLine` carries a sampled signal (force, a command, a concentration). A line whose
target steps after its source within an interval is *direct*: the target reads the samples the
source has just made. A line into a component that steps earlier (a loop back towards the cord)
must have a delay of at least one exchange interval: the target at time τ reads the source's
latest sample made at or before τ − d, which exists because the source has already been stepped
past τ − d. The line keeps the samples it may still need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numba
import numpy as np


@numba.njit(cache=True)
def compact_spikes(spike_times, spike_count):
    """A kernel's per-neuron spike slots as flat (neuron, time) arrays, neuron by neuron."""
    total = spike_count.sum()
    neuron = np.empty(total, dtype=np.int64)
    times = np.empty(total)
    k = 0
    for j in range(spike_count.shape[0]):
        for c in range(spike_count[j]):
            neuron[k] = j
            times[k] = spike_times[j, c]
            k += 1
    return neuron, times


@numba.njit(cache=True)
def stable_by_key(order, key, n_keys):
    """``order`` rearranged by ``key[order]`` (each in 0 … n_keys − 1), entries of equal key
    in the order they had (a counting sort); and where each key's entries begin (n_keys + 1)."""
    begin = np.zeros(n_keys + 1, dtype=np.int64)
    for i in order:
        begin[key[i] + 1] += 1
    for k in range(n_keys):
        begin[k + 1] += begin[k]
    fill = begin[:-1].copy()
    out = np.empty_like(order)
    for i in order:
        out[fill[key[i]]] = i
        fill[key[i]] += 1
    return out, begin


@numba.njit(cache=True)
def grouped_by_element(key, person, element, n_person, n_element):
    """The order that groups events by element (person · ``n_element`` + element), each
    element's by ``key`` (events alike in both in the order they have: ``np.lexsort((key,
    element, person))``), and where each element's begin (P·E + 1): one counting pass and an
    insertion sort of each element's few events, where NumPy's sort and search of every element
    cost more than their work on an interval's few events."""
    flat = person * n_element + element
    order, start = stable_by_key(np.arange(key.size), flat, n_person * n_element)
    for a in range(n_person * n_element):
        for i in range(start[a] + 1, start[a + 1]):
            moving = order[i]
            j = i
            while j > start[a] and key[order[j - 1]] > key[moving]:
                order[j] = order[j - 1]
                j -= 1
            order[j] = moving
    return order, start


@numba.njit(cache=True)
def rows_of_contacts(matrix):
    """The non-zero entries of ``matrix`` [row, column] row by row: (start, column, value), row
    r's entries being ``column[start[r]:start[r + 1]]`` (ascending) and ``value`` there; in one
    pass each to count and to fill (NumPy's nonzero, fancy indexing and search took 7 ms of a
    run's start for the ankle's afferent–motoneurone contacts)."""
    n_row, n_column = matrix.shape
    start = np.zeros(n_row + 1, dtype=np.int64)
    for r in range(n_row):
        count = 0
        for c in range(n_column):
            if matrix[r, c] != 0.0:
                count += 1
        start[r + 1] = start[r] + count
    column = np.empty(start[-1], dtype=np.int64)
    value = np.empty(start[-1])
    k = 0
    for r in range(n_row):
        for c in range(n_column):
            if matrix[r, c] != 0.0:
                column[k] = c
                value[k] = matrix[r, c]
                k += 1
    return start, column, value


@numba.njit(cache=True, inline="always")
def _write_event(out, k, spike, c, time_ms, person, weight, stretch, target, contact):
    """Row k of ``out`` (time, person, element, weight, stretch): spike ``spike``'s event at
    the target of contact c."""
    out[0][k] = time_ms[spike]
    out[1][k] = person[spike]
    out[2][k] = target[c]
    out[3][k] = weight[spike] * contact[c]
    out[4][k] = stretch[spike]


@numba.njit(cache=True)
def spread_in_delivery_order(time_ms, person, source, weight, stretch, n_source, start, target,
                             contact, n_target):
    """The events that spikes (sorted stably by time) make at the targets they contact, in
    delivery order (``Events.delivery_order``), as (time, person, element, weight, stretch).

    Spike row r = person · ``n_source`` + source contacts ``target[start[r]:start[r + 1]]``
    (ascending) with conductances ``contact``. A spike alone at its instant gives its events
    target by target; spikes that arrive at the same instant have their events merged by person
    and target, spike order breaking ties (the stable three-key sort)."""
    n = time_ms.size
    total = 0
    for i in range(n):
        row = person[i] * n_source + source[i]
        total += start[row + 1] - start[row]
    out = (np.empty(total), np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64),
           np.empty(total), np.empty(total))
    k = 0
    i = 0
    while i < n:
        j = i + 1
        while j < n and time_ms[j] == time_ms[i]:
            j += 1
        if j == i + 1:
            row = person[i] * n_source + source[i]
            for c in range(start[row], start[row + 1]):
                _write_event(out, k, i, c, time_ms, person, weight, stretch, target, contact)
                k += 1
        else:
            size = 0
            lowest, highest = person[i], person[i]
            for m in range(i, j):
                row = person[m] * n_source + source[m]
                size += start[row + 1] - start[row]
                lowest, highest = min(lowest, person[m]), max(highest, person[m])
            spike = np.empty(size, dtype=np.int64)
            which = np.empty(size, dtype=np.int64)
            element = np.empty(size, dtype=np.int64)
            owner = np.empty(size, dtype=np.int64)
            q = 0
            for m in range(i, j):
                row = person[m] * n_source + source[m]
                for c in range(start[row], start[row + 1]):
                    spike[q] = m
                    which[q] = c
                    element[q] = target[c]
                    owner[q] = person[m] - lowest
                    q += 1
            # the stable sort by (person, target) as two counting sorts, by target and then by
            # person: an interneurone's spikes, on its 0.1 ms clock, often share their instant,
            # and a merge sort of their hundreds of contacts took twice as long
            by_target, _ = stable_by_key(np.arange(size), element, n_target)
            order, _ = stable_by_key(by_target, owner, highest - lowest + 1)
            for q in order:
                _write_event(out, k, spike[q], which[q], time_ms, person, weight, stretch,
                             target, contact)
                k += 1
        i = j
    return out


@dataclass(frozen=True)
class Events:
    """Events with their time (ms), person and element; their weight (a release fraction, an
    action potential's amplitude, or what a line gives them, such as a synaptic conductance in
    µS; 1 where nothing sets it); and their stretch, the time scale of the waveform an event
    makes relative to its source's normal one (a muscle-fibre action potential that conducts
    slower makes a wider MUAP; 1 where nothing sets it)."""

    time_ms: np.ndarray
    person: np.ndarray
    element: np.ndarray
    weight: np.ndarray | None = None
    stretch: np.ndarray | None = None

    def __post_init__(self) -> None:
        # written out, not looped over the names: events are made thousands of times a second
        if self.weight is None:
            object.__setattr__(self, "weight", np.ones(self.time_ms.size))
        if self.stretch is None:
            object.__setattr__(self, "stretch", np.ones(self.time_ms.size))

    @staticmethod
    def none() -> Events:
        """No events: one shared instance (its arrays are read-only), since every line and
        every quiet component hands them on in every exchange interval."""
        return NO_EVENTS

    @property
    def size(self) -> int:
        return self.time_ms.size

    def sorted(self) -> Events:
        """By time, then person, then element: the order of delivery, whatever the producer's."""
        if self.size < 2:  # already in order: most components fire nothing in most intervals
            return self
        return self.select(self.delivery_order())

    def delivery_order(self, index: np.ndarray | None = None) -> np.ndarray:
        """The indices of the events (of those in ``index``, if given) in delivery order: by
        time, then person, then element, events alike in all three in the order they have.

        A fanned-out spike's events share their time and come in target order, so a stable
        sort by time alone is usually the whole order; the full three-key sort (twice as slow)
        is needed only where events of the same time are out of person–element order."""
        time, person, element = self.time_ms, self.person, self.element
        if index is not None:
            time, person, element = time[index], person[index], element[index]
        order = np.argsort(time, kind="stable")
        tie = time[order[1:]] == time[order[:-1]]
        if tie.any():
            p, e = person[order], element[order]
            behind = (p[1:] < p[:-1]) | ((p[1:] == p[:-1]) & (e[1:] < e[:-1]))
            if (tie & behind).any():
                order = np.lexsort((element, person, time))
        return order if index is None else index[order]

    def select(self, index: np.ndarray) -> Events:
        return Events(self.time_ms[index], self.person[index], self.element[index],
                      self.weight[index], self.stretch[index])

    @staticmethod
    def concatenate(parts: list[Events]) -> Events:
        parts = [part for part in parts if part.size]
        if not parts:
            return Events.none()
        if len(parts) == 1:  # events are never changed in place, so one part can be shared
            return parts[0]
        return Events(*(np.concatenate([getattr(p, name) for p in parts])
                        for name in ("time_ms", "person", "element", "weight", "stretch")))

    def per_step(self, first_step: int, step_ms: float, n_steps: int, n_person: int,
                 n_element: int) -> np.ndarray:
        """The events' summed weights in each step of a clock of ``step_ms`` from its step
        ``first_step``, ``[step, person, element]`` (a component's input over an interval)."""
        summed = np.zeros((n_steps, n_person, n_element))
        if self.size:
            np.add.at(summed, (self.steps_within(first_step, step_ms), self.person,
                               self.element), self.weight)
        return summed

    def steps_within(self, first_step: int, step_ms: float) -> np.ndarray:
        """The step of a clock of ``step_ms`` (counted from t = 0) that holds each event, less
        ``first_step``: its index within an interval that starts at that step."""
        return np.floor(self.time_ms / step_ms).astype(np.int64) - first_step


def _no_events() -> Events:
    arrays = [np.empty(0, dtype=dtype) for dtype in (float, np.int64, np.int64, float, float)]
    for array in arrays:
        array.setflags(write=False)
    return Events(*arrays)


NO_EVENTS = _no_events()


def slot_events(spike_times: np.ndarray, spike_count: np.ndarray, n_element: int,
                *per_spike: np.ndarray) -> Events:
    """A kernel's spikes as Events, neuron by neuron: neuron j (person · ``n_element`` +
    element) fired ``spike_count[j]`` times, at ``spike_times[j, :count]``; ``per_spike``
    (weights, then stretches) in the same slots. No spike, no work: in most exchange intervals
    most components fire nothing."""
    if not spike_count.any():
        return Events.none()
    neuron, times = compact_spikes(spike_times, spike_count)
    return Events(times, neuron // n_element, neuron % n_element,
                  *(compact_spikes(values, spike_count)[1] for values in per_spike))


@numba.njit(cache=True)
def _compact_in_time_order(spike_times, spike_count, n_element):
    """``compact_spikes`` sorted stably by time, as (time, person, element)."""
    neuron, times = compact_spikes(spike_times, spike_count)
    order = np.argsort(times, kind="mergesort")
    neuron = neuron[order]
    return times[order], neuron // n_element, neuron % n_element


def slot_events_in_time_order(spike_times: np.ndarray, spike_count: np.ndarray,
                              n_element: int) -> Events:
    """``slot_events(...).sorted()`` in one compiled pass, where most of the cost was the
    dozen NumPy calls between. The slots come neuron by neuron (person, then element), so a
    stable sort by time alone leaves events of the same time in person–element order: the
    delivery order, to the last event."""
    if not spike_count.any():
        return Events.none()
    return Events(*_compact_in_time_order(spike_times, spike_count, n_element))


@numba.njit(cache=True)
def _add_per_step(summed, time_ms, person, source, weight, start, target, contact, n_source,
                  first_step, step_ms):
    """``Events.per_step`` of spikes (in time order) spread over their contacts, each event
    added where and in the order that the spread events' own ``per_step`` adds it."""
    for i in range(time_ms.size):
        step = np.int64(np.floor(time_ms[i] / step_ms)) - first_step
        row = person[i] * n_source + source[i]
        for c in range(start[row], start[row + 1]):
            summed[step, person[i], target[c]] += weight[i] * contact[c]


@dataclass(frozen=True, eq=False)
class Fanned:
    """The spikes that a fanning-out line delivers in an interval, at their arrival times and
    sorted stably by them, with the line's contacts (person · ``n_source`` + source's row of
    ``fan_out``: targets ``target[start[r]:start[r + 1]]``, ascending, with conductances
    ``contact``), not yet spread into one event per contact.

    A target that adds the events up per element and step reads the contacts itself
    (``per_step``; the motoneurones' ``Synapses.from_parts``) and never makes the tens of
    thousands of events of an interval, nor sorts them; ``events`` spreads them into the events
    in delivery order.
    """

    spikes: Events
    start: np.ndarray
    target: np.ndarray
    contact: np.ndarray
    n_source: int
    n_target: int

    @staticmethod
    def one_to_one(events: Events, n_person: int, n_element: int) -> Fanned:
        """Events (in time order) as spikes that each reach only their own element, with
        contact 1: what a line that does not fan out delivers, in the same form."""
        n_row = n_person * n_element
        return Fanned(events, np.arange(n_row + 1), np.tile(np.arange(n_element), n_person),
                      np.ones(n_row), n_element, n_element)

    def events(self) -> Events:
        """The spread events, in delivery order."""
        spikes = self.spikes
        return Events(*spread_in_delivery_order(
            spikes.time_ms, spikes.person, spikes.element, spikes.weight, spikes.stretch,
            self.n_source, self.start, self.target, self.contact, self.n_target))

    def per_step(self, first_step: int, step_ms: float, n_steps: int, n_person: int,
                 n_element: int) -> np.ndarray:
        """As ``Events.per_step`` of ``events()``, to the last bit, without making them."""
        summed = np.zeros((n_steps, n_person, n_element))
        spikes = self.spikes
        _add_per_step(summed, spikes.time_ms, spikes.person, spikes.element, spikes.weight,
                      self.start, self.target, self.contact, self.n_source, first_step, step_ms)
        return summed


def as_events(delivered: Events | Fanned) -> Events:
    """What a line delivered as events (a fanning-out line's spikes spread)."""
    return delivered.events() if isinstance(delivered, Fanned) else delivered


def merged(first: Events | Fanned, second: Events | Fanned) -> Events:
    """What two lines delivered to one port, as events in delivery order. Each line delivers in
    that order already, so only when both delivered something are they sorted together (a
    port's second line, such as a tendon electrode's, is mostly silent)."""
    parts = [part for part in (as_events(first), as_events(second)) if part.size]
    if len(parts) < 2:
        return parts[0] if parts else Events.none()
    return Events.concatenate(parts).sorted()


@numba.njit(cache=True)
def _split_due(time_ms, person, element, weight, stretch, end_ms, by_time_only):
    """The events due before ``end_ms`` in delivery order (``Events.delivery_order``; sorted
    stably by time alone if ``by_time_only``) and the others in the order they have, each as
    (time, person, element, weight, stretch): in one compiled pass, where the dozen NumPy calls
    it replaces cost more than their work on an interval's few events."""
    n = time_ms.size
    n_due = 0
    for i in range(n):
        if time_ms[i] < end_ms:
            n_due += 1
    due = np.empty(n_due, dtype=np.int64)
    later = np.empty(n - n_due, dtype=np.int64)
    a, b = 0, 0
    for i in range(n):
        if time_ms[i] < end_ms:
            due[a] = i
            a += 1
        else:
            later[b] = i
            b += 1
    order = due[np.argsort(time_ms[due], kind="mergesort")]
    if not by_time_only and n_due > 1:
        # events of one time stably by person, then element (one key: element < span)
        span = element.max() + 1
        start = 0
        while start < n_due:
            stop = start + 1
            while stop < n_due and time_ms[order[stop]] == time_ms[order[start]]:
                stop += 1
            if stop - start > 1:
                tied = order[start:stop].copy()
                key = person[tied] * span + element[tied]
                order[start:stop] = tied[np.argsort(key, kind="mergesort")]
            start = stop
    return ((time_ms[order], person[order], element[order], weight[order], stretch[order]),
            (time_ms[later], person[later], element[later], weight[later], stretch[later]))


@numba.njit(cache=True)
def _enter(time_ms, person, element, weight, stretch, fired_ms, fired_person, fired_element,
           fired_weight, fired_stretch, delay_ms, target_element, line_weight):
    """(time, person, element, weight, stretch) of the events waiting in a line, then the fired
    ones at their arrival times (``EventLine.send``): each at its target element
    (``target_element``, None: its own), its weight scaled by the line's (``line_weight``,
    None: kept). One compiled pass, where the NumPy calls it replaces cost more than their
    work on an interval's few events."""
    n, m = time_ms.size, fired_ms.size
    out = (np.empty(n + m), np.empty(n + m, dtype=np.int64), np.empty(n + m, dtype=np.int64),
           np.empty(n + m), np.empty(n + m))
    out[0][:n] = time_ms
    out[1][:n] = person
    out[2][:n] = element
    out[3][:n] = weight
    out[4][:n] = stretch
    for i in range(m):
        p, e = fired_person[i], fired_element[i]
        out[0][n + i] = fired_ms[i] + delay_ms[p, e]
        out[1][n + i] = p
        out[2][n + i] = e if target_element is None else target_element[e]
        # an event keeps its own weight (a release fraction, an action potential's
        # amplitude), scaled by the line's (a synaptic conductance) where the line has one
        out[3][n + i] = fired_weight[i] if line_weight is None else \
            fired_weight[i] * line_weight[p, e]
        out[4][n + i] = fired_stretch[i]
    return out


@dataclass(frozen=True, eq=False)
class EventLine:
    """A delay line from an events output to an events input.

    ``delay_ms[person, element]`` is each source element's delay; ``target_element`` maps a
    source element to the element of the target that receives it (identity if None), and
    ``weight[person, element]`` scales each event's own weight (a synaptic conductance, µS).
    ``fan_out[person, source element, target element]`` instead sends each event to every target
    element with a non-zero entry, scaled by it (module doc).
    """

    source: str
    target: str
    delay_ms: np.ndarray
    target_element: np.ndarray | None = None
    weight: np.ndarray | None = None
    fan_out: np.ndarray | None = None

    @property
    def shortest_delay_ms(self) -> float:
        return float(self.delay_ms.min())

    def send(self, waiting: Events, fired: Events) -> Events:
        """The events waiting in the line once ``fired`` has entered it (a fanning-out line's
        are the spikes themselves, at their arrival times, still to be spread: module doc)."""
        if not fired.size:
            return waiting
        # a fanning-out line keeps each spike at its source element, with its own weight
        target, weight = ((None, None) if self.fan_out is not None
                          else (self.target_element, self.weight))
        return Events(*_enter(waiting.time_ms, waiting.person, waiting.element, waiting.weight,
                              waiting.stretch, fired.time_ms, fired.person, fired.element,
                              fired.weight, fired.stretch, self.delay_ms, target, weight))

    @cached_property
    def _contacts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``fan_out`` by rows (person · sources + source): row r's contacts are
        ``target[start[r]:start[r + 1]]`` in ascending order, with conductances ``weight``."""
        return rows_of_contacts(np.ascontiguousarray(
            self.fan_out.reshape(-1, self.fan_out.shape[2])))

    def deliver(self, waiting: Events, end_ms: float) -> tuple[Events, Events]:
        """(events arriving before ``end_ms`` in delivery order, events still waiting)."""
        due, later = self.deliver_unspread(waiting, end_ms)
        return as_events(due), later

    def deliver_unspread(self, waiting: Events, end_ms: float) -> tuple[Events | Fanned,
                                                                          Events]:
        """As ``deliver``, a fanning-out line's spikes still to be spread (``Fanned``), sorted
        stably by time."""
        if not waiting.size:
            return Events.none(), waiting
        due, later = _split_due(waiting.time_ms, waiting.person, waiting.element, waiting.weight,
                                waiting.stretch, end_ms, self.fan_out is not None)
        if not due[0].size:
            return Events.none(), waiting
        later = Events(*later) if later[0].size else Events.none()
        if self.fan_out is None:
            return Events(*due), later
        start, target, contact = self._contacts
        return (Fanned(Events(*due), start, target, contact, self.fan_out.shape[1],
                       self.fan_out.shape[2]), later)


@dataclass(frozen=True, eq=False)
class SignalLine:
    """A line from a signal output to a signal input, ``delay_samples`` steps of the source's
    clock long (0: a direct line).

    Sample n of a signal is the source's value over its step n; the target's step n reads sample
    n − delay. The line's state is the last ``delay_samples`` samples, ``[sample, person, value]``.
    """

    source: str
    target: str
    delay_samples: int
    step_ms: float

    @property
    def delay_ms(self) -> float:
        return self.delay_samples * self.step_ms

    def read(self, history: np.ndarray, fresh: np.ndarray | None, n_samples: int) -> np.ndarray:
        """What the target sees in an interval of ``n_samples`` steps.

        ``fresh`` holds the samples the source made in this interval; it is None when the target
        steps first (a loop), which the delay of at least one interval makes possible.
        """
        if fresh is None:
            return history[:n_samples]
        return np.concatenate([history, fresh])[:n_samples]

    def keep(self, history: np.ndarray, fresh: np.ndarray) -> np.ndarray:
        """The line's new state once the source has made ``fresh``."""
        if self.delay_samples == 0:
            return history
        return np.concatenate([history, fresh])[-self.delay_samples:]
