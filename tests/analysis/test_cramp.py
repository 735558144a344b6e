"""The involuntary-activity measure on made-up spike trains whose answer is known."""

import numpy as np
import pytest
import xarray as xr

from kramp.analysis.cramp import electrically_induced_cramp, involuntary_activity
from kramp.analysis.spasm import Outputs, detect


def result(command_end_ms, trains, duration_ms=10_000.0):
    time = np.arange(1.0, duration_ms + 1.0)
    command = np.where(time <= command_end_ms, 1.0, 0.0)
    times = np.concatenate(trains)
    units = np.concatenate([np.full(t.size, u) for u, t in enumerate(trains)])
    return xr.Dataset(
        {"command": (("time", "person"), command[:, None]),
         "spike_time_ms": ("spike", times), "spike_unit": ("spike", units),
         "spike_person": ("spike", np.zeros(times.size, dtype=int)),
         "unit_muscle": ("unit", np.full(len(trains), "soleus"))},
        coords={"time_ms": ("time", time)},
        attrs={"start_ms": 0.0, "duration_ms": duration_ms})


def detector_episodes(data, pulses_ms, force_N=None, emg_mV=None):
    """The spasm detector's episodes on the spikes of ``data``, every unit in one muscle (of
    2000 N maximal force), with the soleus's force and EMG at each ms (zero if not given)."""
    time = data["time_ms"].values
    units = data["spike_unit"].values
    outputs = Outputs(
        time_ms=time, command=data["command"].values[:, 0], inspiratory=np.zeros(time.size),
        muscles=("soleus",),
        force_N=np.zeros((time.size, 1)) if force_N is None else force_N[:, None],
        max_force_N=np.array([2000.0]),
        command_share=np.array([1.0]), respiratory_share=np.array([0.0]),
        spike_time_ms=data["spike_time_ms"].values, spike_unit=units,
        unit_muscle=np.zeros(units.max() + 1, dtype=int), emg_time_ms=time,
        emg_mV=np.zeros((time.size, 1)) if emg_mV is None else emg_mV[:, None],
        pulses_ms=np.asarray(pulses_ms))
    return detect(outputs)["spasm_episodes"]


def aftermath(command_end_ms, trains):
    data = result(command_end_ms, trains)
    return involuntary_activity(data, 0, detector_episodes(data, []))


def test_a_discharge_that_outlasts_the_command_by_three_seconds_lasts_three_seconds():
    # ten units at 12.5 Hz (80 ms apart, 125 pool spikes/s) from the command's end (4 s) to 7 s;
    # the detector's episode runs in its 100 ms bins from its first sample (1 ms) to 7.001 s
    trains = [np.arange(4000.0 + 8.0 * u, 7000.0, 80.0) for u in range(10)]
    found = aftermath(4000.0, trains)
    assert found["involuntary_duration_s"] == pytest.approx(3.001, abs=1e-9)
    assert found["involuntary_units"] == 10
    assert found["involuntary_unit_rate_hz"] == pytest.approx(12.5, rel=1e-6)
    assert found["involuntary_interspike_cv"] == pytest.approx(0.0, abs=1e-9)
    assert found["involuntary_doublet_share"] == 0.0
    assert found["involuntary_pool_rate_first_s_hz"] == 125.0


def test_the_discharge_reports_its_strongest_episodes_force_and_emg():
    # the discharge of the test above, pulling 400 N (20 % of the maximum) while the EMG
    # alternates between +0.05 and −0.05 mV (RMS 0.05 mV); before the command's end a larger
    # EMG that is no part of the discharge
    trains = [np.arange(4000.0 + 8.0 * u, 7000.0, 80.0) for u in range(10)]
    data = result(4000.0, trains)
    time = data["time_ms"].values
    force = np.where((time > 4000.0) & (time < 7000.0), 400.0, 0.0)
    emg = np.where(time > 4000.0, 0.05, 0.5) * np.where(np.arange(time.size) % 2, 1.0, -1.0)
    found = involuntary_activity(data, 0, detector_episodes(data, [], force, emg))
    assert found["involuntary_peak_force_percent"] == pytest.approx(20.0)
    assert found["involuntary_emg_rms_mV"] == pytest.approx(0.05)


def test_doublets_are_the_share_of_intervals_under_ten_milliseconds():
    # ten units at 12.5 Hz, each with a 5 ms doublet at the start of every fourth interval
    trains = []
    for u in range(10):
        regular = np.arange(4010.0 + 8.0 * u, 7000.0, 80.0)
        trains.append(np.sort(np.concatenate([regular, regular[::4] + 5.0])))
    found = aftermath(4000.0, trains)
    # the detector reads the spikes after its 1 s release grace
    intervals = np.concatenate([np.diff(t[t > 5000.0]) for t in trains])
    assert found["involuntary_doublet_share"] == pytest.approx(np.mean(intervals < 10.0))
    assert 0.15 < found["involuntary_doublet_share"] < 0.25


def test_nothing_after_the_command_is_no_involuntary_activity():
    trains = [np.arange(1000.0 + 8.0 * u, 4000.0, 80.0) for u in range(10)]
    found = aftermath(4000.0, trains)
    assert found["involuntary_duration_s"] == 0.0
    assert found["involuntary_muscles"] == []
    assert found["involuntary_units"] == 0
    assert found["involuntary_onset_latency_ms"] is None


def test_a_discharge_that_resumes_half_a_second_after_the_command_counts_from_its_end():
    # the units fall silent for 0.5 s (their afterhyperpolarisations) and then fire on to 6.5 s
    trains = [np.arange(4500.0 + 8.0 * u, 6500.0, 80.0) for u in range(10)]
    found = aftermath(4000.0, trains)
    assert found["involuntary_duration_s"] == pytest.approx(2.501, abs=1e-9)
    assert found["involuntary_units"] == 10


def test_a_discharge_that_starts_long_after_the_command_is_not_its_aftermath():
    trains = [np.arange(6000.0 + 8.0 * u, 8000.0, 80.0) for u in range(10)]
    assert aftermath(4000.0, trains)["involuntary_duration_s"] == 0.0


def test_a_discharge_too_short_for_the_detector_is_no_involuntary_activity():
    # 0.8 s of firing after the release grace: the pool's own rule would count 1.8 s from the
    # command's end, but the detector asks a spasm to last a second
    trains = [np.arange(4000.0 + 8.0 * u, 5800.0, 80.0) for u in range(10)]
    assert aftermath(4000.0, trains)["involuntary_duration_s"] == 0.0


def test_the_aftermath_has_the_first_episode_s_onset_and_the_strongest_one_s_firing():
    # two muscles' episodes after a command that ends at 4 s (made up: the detector's own
    # measures are its tests' business); a contracture has no discharge and one beginning
    # 3 s after the command is not its aftermath
    def episode(muscle, start_ms, duration_s, force, rate, kind="cramp"):
        return {"muscle": muscle, "class": kind, "start_ms": start_ms,
                "duration_s": duration_s, "onset_latency_ms": start_ms - 4000.0 + 5.0,
                "rise_time_ms": 10.0 * force, "peak_force_percent": force,
                "unit_rate_hz": rate, "interspike_cv": rate / 100.0, "doublet_share": 0.0}

    episodes = [episode("soleus", 5001.0, 2.0, 3.0, 9.0),
                episode("medial_gastrocnemius", 5001.0, 1.5, 8.0, 14.0),
                episode("soleus", 4500.0, 9.0, 40.0, 0.0, kind="contracture"),
                episode("soleus", 7001.0, 3.0, 50.0, 20.0)]
    found = involuntary_activity(result(4000.0, [np.array([100.0])]), 0, episodes)
    assert found["involuntary_duration_s"] == pytest.approx(3.001)
    # the two heads' discharges began together; the soleus one 3 s later is not the aftermath's
    assert found["involuntary_muscles"] == ["medial_gastrocnemius", "soleus"]
    assert found["involuntary_onset_latency_ms"] == pytest.approx(1006.0)
    assert found["involuntary_rise_time_ms"] == pytest.approx(80.0)
    assert found["involuntary_unit_rate_hz"] == 14.0
    assert found["involuntary_interspike_cv"] == pytest.approx(0.14)


def test_the_cramp_threshold_is_the_first_train_the_detector_finds_a_spasm_after():
    from kramp.analysis.nerve import stimulation_pulses
    from kramp.scenarios.loader import load_scenario

    scenario = load_scenario("electrically-induced-cramp")
    # reflex volleys during every train (one spike 25 ms after each pulse, which the pulses
    # explain); after the 8 Hz train (last pulse at 12.875 s) ten units at 12.5 Hz from 13.4 to
    # 14.2 s: the pool's after-discharge outlasts the train by more than a second, but 0.8 s of
    # firing is not the detector's spasm; then a discharge from 18 s (the 10 Hz train ends at
    # 17.9 s) until 20.5 s
    protocol = scenario.cramp_threshold_protocol
    during = [begin + np.arange(0.0, protocol.train_duration_ms, 1e3 / frequency) + 25.0
              for frequency, begin in protocol.trains()]
    short = [np.arange(13400.0 + 8.0 * u, 14200.0, 80.0) for u in range(10)]
    cramp = [np.arange(18000.0 + 8.0 * u, 20500.0, 80.0) for u in range(10)]
    data = result(0.5, [*during, *short, *cramp], duration_ms=scenario.duration_ms)
    data.attrs["scenario"] = scenario.to_json()
    pulses = [pulse.time_ms for pulse in stimulation_pulses(data)]
    found = electrically_induced_cramp(data, 0, detector_episodes(data, pulses))
    assert [round(t["frequency_hz"]) for t in found["trains"]] == list(range(4, 31, 2))
    after_8_hz = found["trains"][2]
    assert after_8_hz["after_train_s"] == pytest.approx(14.2 - 12.875, abs=0.11)
    assert after_8_hz["cramp_s"] == 0.0
    assert found["cramp_threshold_frequency_hz"] == pytest.approx(10.0)
    # the last pulse of the 10 Hz train is at 17.9 s; the episode's bins (from the first sample,
    # at 1 ms) end at 20.501 s
    assert found["cramp_duration_s"] == pytest.approx(20.501 - 17.9, abs=1e-9)
    assert found["trains"][3]["after_train_s"] == pytest.approx(20.5 - 17.9, abs=0.11)
    assert found["cramp_unit_rate_hz"] == pytest.approx(12.5, rel=1e-6)
    assert found["cramp_onset_latency_ms"] == pytest.approx(18000.0 - 17900.0)


@pytest.mark.parametrize(("scenario_id", "trains"), [
    ("h-reflex", False),  # single pulses 400 ms apart, each stronger than the one before
    ("silent-period", False),  # supramaximal pulses 2 s apart
    ("electrically-induced-cramp", True),  # trains from 4 Hz (250 ms apart) up
])
def test_a_recruitment_curve_s_single_pulses_are_not_trains_and_the_threshold_s_are(
        scenario_id, trains):
    from kramp.analysis.cramp import in_trains
    from kramp.analysis.nerve import stimulation_pulses
    from kramp.scenarios.loader import load_scenario

    scenario = load_scenario(scenario_id)
    data = xr.Dataset(attrs={"scenario": scenario.to_json(), "start_ms": 0.0,
                             "duration_ms": scenario.duration_ms})
    assert in_trains(stimulation_pulses(data)) is trains
