"""Clinical read-outs on synthetic outputs with known answers."""

import numpy as np

from kramp.analysis.nerve import BURST_GAP_MS, burst_sizes, discharges


def test_discharges_closer_than_the_burst_gap_form_one_burst():
    gap = BURST_GAP_MS
    times = np.array([0.0, 5.0, 10.0, 10.0 + 3 * gap, 10.0 + 8 * gap, 10.0 + 8 * gap + 4.0,
                      200.0 + 8 * gap, 204.0 + 8 * gap, 208.0 + 8 * gap, 212.0 + 8 * gap])
    assert burst_sizes(times).tolist() == [3, 1, 2, 4]
    assert burst_sizes(np.zeros(0)).size == 0


def test_spikes_born_at_two_sites_of_an_axon_at_once_are_one_discharge():
    # they meet on the segment between the sites: one volley reaches the muscle, one the cord
    times = np.array([10.0, 10.3, 12.5, 12.5, 40.0])
    assert discharges(times).tolist() == [10.0, 12.5, 40.0]


def _organophosphate_at_rest(*sets: str):
    """The unpoisoned person of the ``organophosphate`` scenario: two single pulses at rest
    (100 and 1100 ms), nothing else."""
    from kramp import scenarios

    scenario = scenarios.apply_overrides(scenarios.load_scenario("organophosphate"), [
        "toxins.organophosphate_inhibition=0 %", "duration=1.3 s", *sets])
    return scenarios.run(scenario)[0]


def _with_fibre_spike(result, time_ms: float, unit: int):
    """``result`` with one more muscle-fibre action potential of ``unit`` (person 0)."""
    import xarray as xr

    prefix = "sarcolemma.action_potentials."
    dim = result[f"{prefix}spike_time_ms"].dims[0]
    extra = {f"{prefix}spike_time_ms": time_ms, f"{prefix}spike_person": 0,
             f"{prefix}spike_unit": unit}
    spikes = {name: xr.DataArray(np.append(result[name].values, value), dims=dim)
              for name, value in extra.items()}
    return result.drop_vars(list(spikes)).assign(spikes)


def test_a_fibre_that_fires_twice_after_a_single_pulse_is_a_repeated_discharge():
    from kramp.analysis.nerve import repeated_discharges

    result = _organophosphate_at_rest()
    found = repeated_discharges(result)
    assert found == {"single_stimuli": 2, "repetitive_discharges": False,
                     "repeated_discharges_per_stimulus": 0.0}
    # a unit that fired its direct response to the 100 ms pulse fires again 8 ms later
    times = result["sarcolemma.action_potentials.spike_time_ms"].values
    first = np.flatnonzero((times > 100.0) & (times < 140.0))[0]
    unit = int(result["sarcolemma.action_potentials.spike_unit"].values[first])
    again = repeated_discharges(_with_fibre_spike(result, times[first] + 8.0, unit))
    assert again["repetitive_discharges"] is True
    assert again["repeated_discharges_per_stimulus"] == 0.5
    # 20 ms after its direct response is the time of an F-wave from the wrist, not a repeat
    assert repeated_discharges(_with_fibre_spike(result, times[first] + 20.0, unit))[
        "repetitive_discharges"] is False


def test_a_pulse_during_a_voluntary_command_is_not_read_for_repeated_discharges():
    from kramp.analysis.nerve import single_pulses

    result = _organophosphate_at_rest("drive.onset=1000 ms", "drive.hold=200 ms",
                                      "drive.ramp_down=50 ms")
    assert [p.time_ms for p in single_pulses(result)] == [100.0]
