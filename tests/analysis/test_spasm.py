"""The spasm detector on made-up outputs whose answers are known by construction: commanded
activity is no spasm, and each class is recognised with the measures it was built with."""

import numpy as np
import pytest

from kramp.analysis.spasm import Outputs, detect

DURATION_MS = 6000.0
MUSCLES = ("soleus", "diaphragm")
UNITS_PER_MUSCLE = 20
MAX_FORCE_N = np.array([2000.0, 300.0])


def outputs(spikes=(), command=(), inspiratory=(), force=None, pulses=(), stretches=(),
            fascicle=None):
    """Outputs at 1 ms: ``spikes`` a list of (time ms, unit) with units 0–19 in the soleus and
    20–39 in the diaphragm; ``command``/``inspiratory`` lists of (start, end, level); ``force``
    (T, 2) N or none; ``fascicle`` (T, 2) lengths in optimal lengths or none."""
    time = np.arange(0.0, DURATION_MS, 1.0)

    def drive(periods):
        signal = np.zeros_like(time)
        for start, end, level in periods:
            signal[(time >= start) & (time < end)] = level
        return signal

    spikes = sorted(spikes)
    emg_time = np.arange(0.0, DURATION_MS, 0.5)
    return Outputs(
        time_ms=time, command=drive(command), inspiratory=drive(inspiratory), muscles=MUSCLES,
        force_N=np.zeros((time.size, 2)) if force is None else force,
        max_force_N=MAX_FORCE_N, command_share=np.array([1.0, 0.0]),
        respiratory_share=np.array([0.0, 1.0]),
        spike_time_ms=np.array([t for t, _ in spikes], dtype=float),
        spike_unit=np.array([u for _, u in spikes], dtype=int),
        unit_muscle=np.repeat([0, 1], UNITS_PER_MUSCLE),
        emg_time_ms=emg_time, emg_mV=np.zeros((emg_time.size, 2)),
        pulses_ms=np.array(pulses, dtype=float), stretches_ms=tuple(stretches),
        fascicle_L0=fascicle)


def regular(start, end, rate_hz, units, jitter_ms=0.0, seed=0):
    """Each of ``units`` firing at ``rate_hz`` from ``start`` to ``end`` (staggered phases)."""
    rng = np.random.default_rng(seed)
    period = 1e3 / rate_hz
    found = []
    for k, unit in enumerate(units):
        t = start + period * k / len(units)
        while t < end:
            found.append((t + rng.uniform(-jitter_ms, jitter_ms), unit))
            t += period
    return found


def test_a_voluntary_contraction_and_quiet_breathing_are_no_spasm():
    contraction = regular(1000.0, 4000.0, 15.0, range(20))
    breaths = [s for start in (500.0, 3000.0) for s in regular(start, start + 1500.0, 20.0,
                                                                range(20, 40))]
    force = np.zeros((int(DURATION_MS), 2))
    force[1000:4100, 0] = 600.0
    force[500:2050, 1] = 30.0
    force[3000:4550, 1] = 30.0
    found = detect(outputs(contraction + breaths, command=[(900.0, 4000.0, 0.5)],
                           inspiratory=[(450.0, 2000.0, 0.2), (2950.0, 4500.0, 0.2)],
                           force=force))
    assert found == {"spasm": False, "spasm_class": None, "spasm_episodes": [],
                     "strength_percent": None, "weakness": None,
                     "involuntary_spikes": 0, "isolated_involuntary_spikes": 0}


def test_a_discharge_outlasting_the_command_is_a_cramp_with_its_own_measures():
    # the command ends at 2000 ms; the units keep firing, irregularly, from 3200 to 5700 ms
    voluntary = regular(500.0, 2000.0, 15.0, range(20))
    cramp = regular(3200.0, 5700.0, 14.0, range(20), jitter_ms=20.0)
    force = np.zeros((int(DURATION_MS), 2))
    force[3250:5750, 0] = 400.0  # 20 % of the soleus's maximum
    found = detect(outputs(voluntary + cramp, command=[(400.0, 2000.0, 0.3)], force=force))
    assert found["spasm"] and found["spasm_class"] == "cramp"
    (episode,) = found["spasm_episodes"]
    assert episode["muscle"] == "soleus"
    assert episode["duration_s"] == pytest.approx(2.5, abs=0.15)
    assert episode["onset_latency_ms"] == pytest.approx(1200.0, abs=25.0)
    assert episode["unit_rate_hz"] == pytest.approx(14.0, rel=0.05)
    assert episode["peak_force_percent"] == pytest.approx(20.0)
    assert episode["recovery_ms"] is not None and episode["recovery_ms"] < 100.0


def test_bursts_repeating_at_6_hz_are_clonus():
    bursts = [(start + 3.0 * k, unit) for start in np.arange(2000.0, 4500.0, 1e3 / 6.0)
              for k, unit in enumerate(range(12))]
    found = detect(outputs(bursts))
    assert found["spasm_class"] == "clonus"
    assert found["spasm_episodes"][0]["rhythm_hz"] == pytest.approx(6.0, rel=0.07)


def test_a_reflex_discharge_while_the_joint_is_held_stretched_is_spasticity():
    reflex = regular(1050.0, 2500.0, 10.0, range(20), jitter_ms=15.0)
    found = detect(outputs(reflex, stretches=[(1000.0, 3000.0)]))
    assert found["spasm_class"] == "spasticity"
    assert found["spasm_episodes"][0]["onset_latency_ms"] == pytest.approx(50.0, abs=10.0)


def test_high_rate_doublets_are_tetany():
    doublets = [(t + d, unit) for t, unit in regular(2000.0, 4000.0, 20.0, range(10))
                for d in (0.0, 6.0)]
    found = detect(outputs(doublets))
    assert found["spasm_class"] == "tetany"
    assert found["spasm_episodes"][0]["doublet_share"] == pytest.approx(0.5, abs=0.02)


def test_force_without_emg_is_a_contracture():
    force = np.zeros((int(DURATION_MS), 2))
    force[2000:4500, 0] = 300.0
    found = detect(outputs(force=force))
    assert found["spasm_class"] == "contracture"
    assert found["spasm_episodes"][0]["duration_s"] == pytest.approx(2.5, abs=0.01)


def test_the_passive_tension_of_a_muscle_held_long_is_no_contracture():
    # a relaxed soleus held long bears 150 N (7.5 % of its maximal force) from the start; a
    # contraction raises it and lets go; afterwards it bears its 150 N again
    force = np.full((int(DURATION_MS), 2), 0.0)
    force[:, 0] = 150.0
    force[1000:3000, 0] = 800.0
    contraction = regular(1000.0, 3000.0, 15.0, range(20))
    found = detect(outputs(contraction, command=[(1000.0, 3000.0, 0.5)], force=force))
    assert found["spasm"] is False and found["spasm_episodes"] == []
    # with 250 N more for 2 s after the command's grace and no EMG, the excess is a contracture
    force[4000:6000, 0] = 400.0
    found = detect(outputs(contraction, command=[(1000.0, 3000.0, 0.5)], force=force))
    assert found["spasm_class"] == "contracture"
    assert found["spasm_episodes"][0]["peak_force_percent"] == pytest.approx(12.5)


def test_the_force_of_a_held_stretch_of_a_relaxed_muscle_is_no_contracture():
    # the joint is turned from 1 s and held there: the relaxed muscle's passive force rises by
    # 200 N (10 % of its maximal force) for the rest of the run, with no EMG
    force = np.zeros((int(DURATION_MS), 2))
    force[1000:, 0] = 200.0
    assert detect(outputs(force=force, stretches=[(1000.0, DURATION_MS)]))["spasm"] is False
    assert detect(outputs(force=force))["spasm_class"] == "contracture"


def test_the_force_of_a_relaxed_muscle_stretched_by_a_free_joint_is_no_contracture():
    # no movement is imposed, but the joint turns (the antagonists' command moves the free
    # foot) and the relaxed muscle's fascicles lengthen from 1.00 to 1.15 optimal lengths for
    # 3 s while its passive force rises by 300 N (15 % of its maximal force), with no EMG
    force = np.zeros((int(DURATION_MS), 2))
    force[1000:4000, 0] = 300.0
    fascicle = np.ones((int(DURATION_MS), 2))
    fascicle[1000:4000, 0] = 1.15
    assert detect(outputs(force=force, fascicle=fascicle))["spasm"] is False
    # the same force while the fascicles keep their length is force without EMG
    assert detect(outputs(force=force, fascicle=np.ones((int(DURATION_MS), 2))))[
        "spasm_class"] == "contracture"


def test_lone_spikes_at_rest_are_fasciculations_but_not_the_tail_of_a_contraction():
    tail = [(2300.0, 3), (2700.0, 5)]  # within a second of the command's end: its tail
    lone = [(3500.0, 1), (4200.0, 7), (5100.0, 12)]
    found = detect(outputs(regular(500.0, 2000.0, 12.0, range(20)) + tail + lone,
                           command=[(400.0, 2000.0, 0.2)]))
    assert found["spasm_class"] == "fasciculation"
    assert found["isolated_involuntary_spikes"] == 3


def jerks(starts, units=range(20), spread_ms=15.0):
    """Every unit once in each jerk, within ``spread_ms`` of its start."""
    return [(start + spread_ms * k / len(units), unit) for start in starts
            for k, unit in enumerate(units)]


def test_synchronous_jerks_recurring_at_1_5_hz_are_myoclonus_not_fasciculations():
    starts = 2000.0 + np.arange(5) * 1e3 / 1.5  # 2000 … 4667 ms
    found = detect(outputs(jerks(starts)))
    assert found["spasm_class"] == "myoclonus"
    assert found["isolated_involuntary_spikes"] == 0
    (episode,) = found["spasm_episodes"]
    assert episode["rhythm_hz"] == pytest.approx(1.5, rel=0.01)
    # from the first jerk's bin to the end of the last one's
    assert episode["duration_s"] == pytest.approx(2.7, abs=0.11)
    assert episode["unit_rate_hz"] == pytest.approx(1.5, rel=0.05)


def test_jerks_of_doublets_are_still_myoclonus():
    # each unit fires a doublet (6 ms) in every jerk: a train of jerks, not tetany's sustained
    # high-rate discharge
    starts = 2000.0 + np.arange(5) * 1e3 / 1.5
    doublets = [(t + d, unit) for t, unit in jerks(starts) for d in (0.0, 6.0)]
    found = detect(outputs(doublets))
    assert [e["class"] for e in found["spasm_episodes"]] == ["myoclonus"]


@pytest.mark.parametrize("starts", [(2000.0, 2700.0),  # two jerks are not a train
                                    (1500.0, 4000.0, 6500.0 - 1000.0)])  # 2.5 s apart
def test_two_jerks_or_jerks_far_apart_are_no_myoclonus(starts):
    found = detect(outputs(jerks(starts)))
    assert found["spasm_class"] == "fasciculation"
    assert found["spasm_episodes"] == []


def test_bursts_longer_than_half_a_second_are_no_jerks():
    bursts = [s for start in (2000.0, 3200.0, 4400.0)
              for s in regular(start, start + 700.0, 20.0, range(20))]
    found = detect(outputs(bursts))
    assert found["spasm_class"] == "fasciculation"


def test_spikes_a_pulse_evokes_are_the_stimulus_and_an_unanswered_command_is_weakness():
    evoked = [(pulse + 30.0, unit) for pulse in np.arange(1000.0, 3000.0, 50.0)
              for unit in range(20)]
    found = detect(outputs(evoked, pulses=np.arange(1000.0, 3000.0, 50.0),
                           command=[(3500.0, 5000.0, 0.5)]))
    assert found["involuntary_spikes"] == 0
    assert found["spasm"] is False and found["spasm_class"] == "flaccid_weakness"


@pytest.mark.parametrize(("reached", "weak"), [(0.3, True), (0.6, False)])
def test_a_maximal_effort_reaching_little_of_the_muscles_force_is_weakness(reached, weak):
    effort = regular(1000.0, 3000.0, 30.0, range(20))
    force = np.zeros((int(DURATION_MS), 2))
    force[1100:3000, 0] = reached * MAX_FORCE_N[0]
    found = detect(outputs(effort, command=[(1000.0, 3000.0, 1.0)], force=force))
    assert found["strength_percent"] == pytest.approx(100.0 * reached)
    assert found["weakness"] is weak and found["spasm"] is False


def test_rhythmic_bursts_of_doublets_at_a_high_rate_are_tetany_not_clonus():
    bursts = [(start + d, unit) for start in np.arange(2000.0, 4500.0, 1e3 / 4.0)
              for unit in range(12) for d in (0.0, 5.0, 10.0, 15.0)]
    found = detect(outputs(bursts))
    assert found["spasm_class"] == "tetany"
