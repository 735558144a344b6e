"""The event lines' fast paths give exactly what the plain three-key sort and the dense
contact matrix give: the same events in the same order (summed in that order downstream)."""

import numpy as np
import pytest

from kramp.engine.lines import (
    EventLine,
    Events,
    Fanned,
    grouped_by_element,
    slot_events,
    slot_events_in_time_order,
)
from kramp.engine.motoneuron_step import INVASION, Synapses


def _events(rng, n, distinct_times):
    """Events whose times repeat often (fanned-out spikes, spikes on a clock's grid)."""
    return Events(rng.choice(rng.uniform(0.0, 20.0, distinct_times), n),
                  rng.integers(0, 3, n), rng.integers(0, 40, n), rng.uniform(0.1, 2.0, n),
                  rng.uniform(0.5, 1.5, n))


@pytest.mark.parametrize("distinct_times", [2, 30, 10_000])
def test_delivery_order_is_the_stable_sort_by_time_person_element(distinct_times):
    rng = np.random.default_rng(distinct_times)
    events = _events(rng, 500, distinct_times)
    expected = np.lexsort((events.element, events.person, events.time_ms))
    np.testing.assert_array_equal(events.delivery_order(), expected)
    subset = np.flatnonzero(rng.random(events.size) < 0.5)
    np.testing.assert_array_equal(events.delivery_order(subset), subset[np.lexsort(
        (events.element[subset], events.person[subset], events.time_ms[subset]))])


def test_a_fanned_out_volley_in_target_order_is_taken_as_it_is():
    # one spike's events share their time and come target by target: no reordering needed
    time = np.repeat([3.0, 1.0, 3.0], 4)
    person = np.repeat([0, 0, 1], 4)
    element = np.tile([1, 2, 5, 9], 3)
    events = Events(time, person, element)
    np.testing.assert_array_equal(events.delivery_order(),
                                  np.lexsort((element, person, time)))


@pytest.mark.parametrize("distinct_times", [3, 10_000])
def test_deliver_and_spread_match_the_dense_reference(distinct_times):
    rng = np.random.default_rng(7)
    n_person, n_source, n_target = 2, 40, 30
    contacts = rng.random((n_person, n_source, n_target)) * (
        rng.random((n_person, n_source, n_target)) < 0.3)
    delay = rng.choice([4.0, 6.5], (n_person, n_source))
    line = EventLine("a.spikes", "b.synapses", delay, fan_out=contacts)
    fired = _events(rng, 200, distinct_times)
    fired = Events(fired.time_ms, fired.person % n_person, fired.element, fired.weight,
                   fired.stretch)
    waiting = line.send(Events.none(), fired)
    # the dense reference: each spike's contacts in target order, spike after spike
    which, target = np.nonzero(contacts[fired.person, fired.element])
    spread = {"time_ms": fired.time_ms[which] + delay[fired.person[which], fired.element[which]],
              "person": fired.person[which], "element": target,
              "weight": fired.weight[which] * contacts[fired.person[which],
                                                       fired.element[which], target],
              "stretch": fired.stretch[which]}

    def in_delivery_order(mask):
        return np.flatnonzero(mask)[np.lexsort((spread["element"][mask], spread["person"][mask],
                                                spread["time_ms"][mask]))]

    for end_ms in (-1.0, 12.0, 100.0):
        due, later = line.deliver(waiting, end_ms)
        rest, none_left = line.deliver(later, np.inf)
        assert none_left.size == 0
        mask = spread["time_ms"] < end_ms
        for name, values in spread.items():
            np.testing.assert_array_equal(getattr(due, name), values[in_delivery_order(mask)])
            np.testing.assert_array_equal(getattr(rest, name), values[in_delivery_order(~mask)])


@pytest.mark.parametrize("distinct_times", [2, 30, 10_000])
def test_a_plain_line_delivers_in_delivery_order_and_keeps_the_rest_in_theirs(distinct_times):
    rng = np.random.default_rng(distinct_times)
    waiting = _events(rng, 400, distinct_times)
    line = EventLine("a.spikes", "b.synapses", np.zeros((3, 40)))
    for end_ms in (-1.0, 10.0, 100.0):
        due, later = line.deliver(waiting, end_ms)
        mask = waiting.time_ms < end_ms
        expected_due = waiting.select(waiting.delivery_order(np.flatnonzero(mask)))
        for name in ("time_ms", "person", "element", "weight", "stretch"):
            np.testing.assert_array_equal(getattr(due, name), getattr(expected_due, name))
            np.testing.assert_array_equal(getattr(later, name), getattr(waiting, name)[~mask])


@pytest.mark.parametrize("distinct_times", [2, 30, 10_000])
def test_events_grouped_by_element_are_the_lexsort_by_element_then_key(distinct_times):
    rng = np.random.default_rng(distinct_times)
    events = _events(rng, 300, distinct_times)
    for key in (events.time_ms, np.floor(events.time_ms).astype(np.int64)):
        order, start = grouped_by_element(key, events.person, events.element, 3, 40)
        np.testing.assert_array_equal(order, np.lexsort((key, events.element, events.person)))
        flat = (events.person * 40 + events.element)[order]
        np.testing.assert_array_equal(start, np.searchsorted(flat, np.arange(3 * 40 + 1)))


@pytest.mark.parametrize("distinct_times", [2, 30, 10_000])
def test_slot_events_in_time_order_are_the_slot_events_sorted(distinct_times):
    rng = np.random.default_rng(distinct_times)
    n_person, n_element, slots = 3, 20, 4
    count = rng.integers(0, slots + 1, n_person * n_element)
    times = np.sort(rng.choice(rng.uniform(0.0, 8.0, distinct_times),
                               (n_person * n_element, slots)), axis=1)
    got = slot_events_in_time_order(times, count, n_element)
    expected = slot_events(times, count, n_element).sorted()
    for name in ("time_ms", "person", "element", "weight", "stretch"):
        np.testing.assert_array_equal(getattr(got, name), getattr(expected, name))


@pytest.mark.parametrize("distinct_times", [2, 30, 10_000])
def test_unspread_spikes_sum_per_step_and_per_synapse_as_their_spread_events(distinct_times):
    # a target that reads a fanning-out line's contacts itself adds up exactly what the spread
    # events, in delivery order, would add up: the same sums to the last bit
    rng = np.random.default_rng(distinct_times)
    n_person, n_source, n_target = 3, 40, 25
    lines = [EventLine("a.spikes", "b.synapses", rng.uniform(0.0, 4.0, (n_person, n_source)),
                       fan_out=rng.uniform(0.1, 2.0, (n_person, n_source, n_target))
                       * (rng.random((n_person, n_source, n_target)) < 0.3))
             for _ in range(2)]
    fanned = [line.deliver_unspread(line.send(Events.none(), _events(rng, 300, distinct_times)),
                                    np.inf)[0] for line in lines]
    spread = [part.events() for part in fanned]
    np.testing.assert_array_equal(fanned[0].per_step(0, 0.1, 250, n_person, n_target),
                                  spread[0].per_step(0, 0.1, 250, n_person, n_target))
    plain = _events(rng, 50, distinct_times).sorted()  # as a line that does not fan out
    plain = plain.select(np.flatnonzero(plain.element < n_target))
    parts = [(fanned[0], 0), (fanned[1], 1), (Fanned.one_to_one(plain, n_person, n_target),
                                              INVASION)]
    got = Synapses.from_parts(n_person, n_target, parts, 0, 0.025)
    events = [*spread, plain]
    expected = Synapses.from_events(
        n_person * n_target, np.concatenate([e.person * n_target + e.element for e in events]),
        np.concatenate([e.steps_within(0, 0.025) for e in events]),
        np.concatenate([e.weight for e in events]),
        np.concatenate([np.full(e.size, kind) for e, (_, kind) in zip(events, parts,
                                                                       strict=True)]))
    # the same blocks, and each neuron's events in the same order (how the events of different
    # neurons interleave within a block and step does not matter)
    np.testing.assert_array_equal(got.first, expected.first)
    assert all((np.diff(got.step[start:end]) >= 0).all()
               for start, end in zip(got.first[:-1], got.first[1:], strict=True))
    by_neuron = [np.argsort(synapses.neuron, kind="stable") for synapses in (got, expected)]
    for name in ("neuron", "step", "weight_uS", "inhibitory"):
        np.testing.assert_array_equal(getattr(got, name)[by_neuron[0]],
                                      getattr(expected, name)[by_neuron[1]])
