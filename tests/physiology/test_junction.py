"""The neuromuscular junction: the stochastic component against the deterministic course of its
own pool, and the default person's one-to-one transmission at physiological rates."""

import numpy as np
import pytest

from kramp.engine.component import Interval
from kramp.engine.components.junction import Junction
from kramp.engine.lines import Events
from kramp.engine.streams import generators
from kramp.physiology import ions, junction


def impulses(rate_hz: float, n_impulse: int, n_unit: int, values=None) -> np.ndarray:
    """Each impulse's end-plate weight (mean over ``n_unit`` units) in a regular train."""
    values = values or junction.PARAMETERS.defaults()
    component = Junction([values], [ions.PARAMETERS.defaults()], n_unit, 0.025)
    state = component.initial_state(0)
    streams = {"quantal_release": generators(0, 1, "quantal_release")}
    weights = []
    for k in range(n_impulse):
        t = 10.0 + k * 1e3 / rate_hz
        events = Events(np.full(n_unit, t), np.zeros(n_unit, dtype=np.int64),
                        np.arange(n_unit, dtype=np.int64))
        step = int(t / 0.025)
        out, _ = component.advance(state, {"arrivals": events}, Interval(step, 40, 0.025),
                                   streams, None, "numpy")
        weights.append(out["end_plate"].weight.sum() / n_unit)
    return np.array(weights)


@pytest.mark.parametrize("rate_hz", [3.0, 30.0])
def test_the_quanta_released_follow_the_pools_mean_course(rate_hz):
    """The binomial quanta of 2000 end plates, averaged, impulse by impulse against the
    deterministic course of the same pool equations iterated on their own
    (``end_plate_release_course``): a law of large numbers, within 2 %."""
    found = impulses(rate_hz, 40, 2000)
    expected = junction.end_plate_release_course(junction.PARAMETERS.defaults(), rate_hz, 40)
    assert found[0] == pytest.approx(1.0, abs=0.01)
    assert found == pytest.approx(expected, rel=0.02)


def test_augmentation_raises_a_low_release_over_seconds_of_firing():
    """At a tenth of the release machinery (the pool barely runs down) 10 s at 20 Hz raise each
    impulse's release well above the first's, by more than the facilitation alone would (its
    35 ms residual calcium gives 1 + 0.5 · e^(−50/35)/(1 − e^(−50/35)) ≈ 1.16 at 20 Hz), and the
    stochastic end plates follow that course (500 of them, within 5 %)."""
    low = {**junction.PARAMETERS.defaults(), "release_machinery": 0.1}
    course = junction.end_plate_release_course(low, 20.0, 200)
    facilitation_alone = 1.0 + 0.5 * np.exp(-50 / 35) / (1.0 - np.exp(-50 / 35))
    assert course[-1] > 1.5 * facilitation_alone
    # the end plates' weights are relative to a normal end plate's first impulse
    found = impulses(20.0, 200, 500, low) / low["release_machinery"]
    assert found[-20:].mean() == pytest.approx(course[-20:].mean(), rel=0.05)


def test_no_impulse_releases_more_than_its_pool_holds():
    """Conservation: over a long fast train the quanta released never exceed the pool's content
    plus what refilled meanwhile."""
    values = {**junction.PARAMETERS.defaults(), "refill_rate": 0.05, "refill_rate_calcium": 0.0}
    weights = impulses(100.0, 200, 50, values)
    released = weights.sum() * values["quantal_content"]
    pool = junction.pool_size(values)
    refilled = pool * values["refill_rate"] * 2.0  # at most the rate times the 2 s train
    assert released <= pool + refilled


def test_calcium_and_magnesium_act_as_dodge_and_rahamimoff_found():
    """Release falls steeply with calcium (a log–log slope near 4 at low calcium, 3.78 ± 0.2 in
    the frog) and Mg²⁺ shifts the curve without changing its slope."""
    values = junction.PARAMETERS.defaults()

    def release(calcium, magnesium):
        return junction.release_probability(values, {"calcium": calcium,
                                                     "magnesium": magnesium})

    slope = np.log(release(0.06, 0.0) / release(0.03, 0.0)) / np.log(2.0)
    assert slope == pytest.approx(3.78, abs=0.25)
    with_mg = np.log(release(0.06, 3.0) / release(0.03, 3.0)) / np.log(2.0)
    assert with_mg == pytest.approx(slope, abs=0.1)
    assert release(0.06, 3.0) < 0.6 * release(0.06, 0.0)


@pytest.mark.parametrize("rate_hz", [20.0, 50.0])
def test_the_default_person_transmits_one_to_one_at_physiological_rates(rate_hz):
    """A healthy end plate practically never fails in a second-long supramaximal train at the
    rates motor units fire (the safety factor covers the run-down; single-fibre EMG finds no
    blocking in healthy muscle): fewer than one impulse in a thousand without its fibre action
    potential."""
    from kramp import scenarios

    scenario = scenarios.apply_overrides(scenarios.load_scenario("botulinum"), [
        "toxins.botulinum=0 U", "drive.level=0 %", "duration=1.2 s",
        f"stimulation.frequency={rate_hz} Hz", f"stimulation.pulse_count={int(rate_hz)}"])
    result, _ = scenarios.run(scenario)
    terminal = result["axon.terminal.spike_time_ms"].size
    fibre = result["sarcolemma.action_potentials.spike_time_ms"].size
    assert terminal == int(rate_hz) * result.sizes["unit"]
    assert terminal - 0.001 * terminal <= fibre <= terminal


def test_an_organophosphate_leaves_the_end_plates_the_esterase_it_did_not_inhibit():
    """The dose is the share inhibited: each person's end plates keep the rest of their own
    activity, and a person without the poison keeps all of it."""
    from kramp.physiology import toxins

    people = np.array([0.0, 95.0])
    v = {"toxins": {p.name: np.full(2, p.value) for p in toxins.PARAMETERS}
         | {"organophosphate_inhibition": people},
         "motor_axon": {"g_na": np.ones(2)}, "sarcolemma": {"g_na": np.ones(2)},
         "junction": {"esterase_activity": np.array([1.0, 0.5])}}
    acting = toxins.apply(v)
    assert acting["junction"]["esterase_activity"] == pytest.approx([1.0, 0.025])
    assert v["junction"]["esterase_activity"].tolist() == [1.0, 0.5]  # the scenario's own

