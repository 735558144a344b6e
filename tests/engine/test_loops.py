"""Loops closed across delays, on a toy network whose event times and samples are known exactly.

Two relays pass an event back and forth: ``ping`` re-emits every event it receives at its
arrival time, ``echo`` likewise; ping → echo is a downstream line of 2.2 ms, echo → ping a line
back upstream of 2.5 ms. A first event leaves ping at 0.3 ms, so ping fires at 0.3 + 4.7 k and
echo at 2.5 + 4.7 k ms. A leaky integrator and a gain close a loop of signals the same way.
"""

import numpy as np
import pytest

from kramp.engine import Model, simulate
from kramp.engine.component import Component
from kramp.engine.lines import EventLine, Events, SignalLine
from kramp.engine.network import check_lines, exchange_interval
from kramp.errors import KrampInputError
from kramp.params import Port, Variable

DT_MS = 0.025


class Relay(Component):
    """Re-emits each event at its arrival time; ``first_ms`` adds one event of its own."""

    element = "neuron"
    variables = ()
    inputs = (Port("arrivals", "events", "1", "events in"),)
    outputs = (Port("spikes", "events", "ms", "events out"),)

    def __init__(self, name, first_ms=None):
        self.name = name
        self.n_person, self.n_element, self.step_ms = 1, 1, DT_MS
        self.first_ms = first_ms

    def initial_state(self, seed):
        return {"variables": np.zeros((0, 1, 1))}

    def advance(self, state, inputs, interval, streams, probe, backend):
        arrivals = inputs.get("arrivals", Events.none())
        own = Events.none()
        if self.first_ms is not None and interval.start_ms <= self.first_ms < interval.end_ms:
            own = Events(np.array([self.first_ms]), np.zeros(1, dtype=np.int64),
                         np.zeros(1, dtype=np.int64))
        return {"spikes": Events.concatenate([own, arrivals]).sorted()}, None


def relay_model(back_ms=2.5, forward_ms=2.2):
    ping, echo = Relay("ping", first_ms=0.3), Relay("echo")
    lines = (EventLine("ping.spikes", "echo.arrivals", np.full((1, 1), forward_ms)),
             EventLine("echo.spikes", "ping.arrivals", np.full((1, 1), back_ms)))
    check_lines({"ping": ping, "echo": echo}, lines, ())
    exchange, base = exchange_interval([ping, echo], lines, (), DT_MS)
    return Model("toy", DT_MS, exchange, base, 1, 0, (), {}, (ping, echo), lines, (),
                 ("ping.spikes", "echo.spikes"))


def test_events_go_round_a_loop_at_their_exact_times():
    model = relay_model()
    assert model.exchange_ms == pytest.approx(2.5)  # the loop's delay sets the interval
    result = simulate(model, 50.0)
    k = np.arange(11)
    np.testing.assert_allclose(result.spike_time_ms.values, 0.3 + 4.7 * k, rtol=0, atol=1e-9)
    np.testing.assert_allclose(result["echo.spikes.spike_time_ms"].values,
                               (2.5 + 4.7 * k)[2.5 + 4.7 * k < 50.0], rtol=0, atol=1e-9)


def test_a_loop_shorter_than_the_clock_is_refused_naming_its_line():
    with pytest.raises(KrampInputError, match=r"line echo.spikes → ping.arrivals closes a loop "
                                              r"with a delay of 0.01 ms"):
        relay_model(back_ms=0.01)


class Integrator(Component):
    """x ← x·a + u: a leaky integrator stepped at 1 ms, its input a signal."""

    name = "integrator"
    element = "value"
    variables = (Variable("x", "1", "integrated value"),)
    inputs = (Port("u", "signal", "1", "input"),)
    outputs = (Port("x", "signal", "1", "value"),)

    def __init__(self):
        self.n_person, self.n_element, self.step_ms = 1, 1, 1.0

    def initial_state(self, seed):
        return {"variables": np.ones((1, 1, 1))}

    def advance(self, state, inputs, interval, streams, probe, backend):
        u = inputs["u"][:, 0, 0]
        out = np.empty((u.size, 1, 1))
        for k, value in enumerate(u):
            state["variables"][0, 0, 0] = 0.9 * state["variables"][0, 0, 0] + value
            out[k] = state["variables"][0, 0, 0]
        return {"x": out}, None


class Gain(Component):
    """y = −0.5·x, sample by sample."""

    name = "gain"
    element = "value"
    variables = ()
    inputs = (Port("x", "signal", "1", "input"),)
    outputs = (Port("y", "signal", "1", "output"),)

    def __init__(self):
        self.n_person, self.n_element, self.step_ms = 1, 1, 1.0

    def initial_state(self, seed):
        return {"variables": np.zeros((0, 1, 1))}

    def advance(self, state, inputs, interval, streams, probe, backend):
        return {"y": -0.5 * inputs["x"]}, None


def test_a_signal_fed_back_upstream_arrives_its_delay_later():
    integrator, gain = Integrator(), Gain()
    lines = (SignalLine("integrator.x", "gain.x", 0, 1.0),
             SignalLine("gain.y", "integrator.u", 4, 1.0))
    exchange, base = exchange_interval([integrator, gain], (), lines, DT_MS)
    assert exchange == 4.0
    model = Model("toy", DT_MS, exchange, base, 1, 0, (), {}, (integrator, gain), (), lines,
                  ("integrator.x",))
    x = simulate(model, 40.0)["integrator.x"].values[:, 0]
    # the same difference equation written out: x[n] = 0.9 x[n−1] − 0.5 x[n−4], x[−1] = 1
    expected, history = [], [0.0] * 4
    previous = 1.0
    for _ in range(40):
        previous = 0.9 * previous + history[-4]
        history.append(-0.5 * previous)
        expected.append(previous)
    np.testing.assert_allclose(x, expected, rtol=1e-15)


def test_an_event_keeps_its_own_weight_through_a_line():
    from kramp.engine.lines import EventLine, Events

    fired = Events(np.array([1.0, 2.0]), np.array([0, 0]), np.array([0, 1]), np.array([0.5, 0.8]))
    plain = EventLine("a.out", "b.in", np.full((1, 2), 3.0))
    np.testing.assert_allclose(plain.send(Events.none(), fired).weight, [0.5, 0.8])
    synaptic = EventLine("a.out", "b.in", np.full((1, 2), 3.0), weight=np.array([[2.0, 10.0]]))
    delivered = synaptic.send(Events.none(), fired)
    np.testing.assert_allclose(delivered.time_ms, [4.0, 5.0])
    np.testing.assert_allclose(delivered.weight, [1.0, 8.0])
