"""A fanning-out event line against a brute-force count of its contacts."""

import numpy as np

from kramp.engine.lines import EventLine, Events


def test_each_spike_reaches_every_contacted_target_once_with_its_contacts_weight_and_delay():
    rng = np.random.default_rng(4)
    n_person, n_source, n_target = 2, 5, 7
    contacts = rng.random((n_person, n_source, n_target)) * (rng.random(
        (n_person, n_source, n_target)) < 0.6)
    delay = rng.uniform(5.0, 12.0, (n_person, n_source))
    line = EventLine("a.spikes", "b.synapses", delay, fan_out=contacts)
    fired = Events(np.array([1.0, 2.5, 2.5, 9.0]), np.array([0, 1, 0, 1]),
                   np.array([3, 0, 3, 4]), np.array([1.0, 2.0, 0.5, 1.0]))
    waiting = line.send(Events.none(), fired)
    due, later = line.deliver(waiting, 12.0)
    delivered = Events.concatenate([due, line.deliver(later, np.inf)[0]])

    expected = sorted(
        (round(t + delay[p, s], 9), p, target, w * contacts[p, s, target])
        for t, p, s, w in zip(fired.time_ms, fired.person, fired.element, fired.weight,
                              strict=True)
        for target in range(n_target) if contacts[p, s, target] != 0.0)
    got = sorted(zip(np.round(delivered.time_ms, 9), delivered.person, delivered.element,
                     delivered.weight, strict=True))
    assert len(got) == len(expected) == np.count_nonzero(contacts[fired.person,
                                                                  fired.element])
    for (t1, p1, e1, w1), (t2, p2, e2, w2) in zip(got, expected, strict=True):
        assert (t1, p1, e1) == (t2, p2, e2)
        assert w1 == w2
    assert (due.time_ms < 12.0).all() and (later.time_ms >= 12.0).all()
    assert np.all(np.diff(due.time_ms) >= 0.0)
