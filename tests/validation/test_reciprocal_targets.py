"""Target D7 (shared/validation/targets.md): the timing of reciprocal Ia inhibition of the soleus
H-reflex (kramp.validation.reciprocal_targets), and the conditioning electrode over the common
peroneal nerve that its protocol needs (kramp.physiology.nerve)."""

import pytest
import xarray as xr

from kramp.analysis import reflex
from kramp.analysis.nerve import Pulse
from kramp.engine import build_model, simulate
from kramp.validation import reciprocal_targets

MUSCLES = ["soleus", "tibialis_anterior"]
PULSE_MS = 10.0
# 7 mA to the tibial nerve: above the calf's motor threshold (about 5 mA in the default person)
TEST = {"intensity": 7.0, "pulse_width": 1.0, "first_pulse": PULSE_MS, "site_distance": 100.0}


def ankle_run(stimulation: dict, conditioning: dict) -> xr.Dataset:
    values = {"drive": {"level": 0.0}, "emg": {"sampling_rate": 10000.0},
              "stimulation": stimulation, "conditioning_stimulation": conditioning}
    return simulate(build_model("ankle", values, muscle_names=MUSCLES), 40.0)


def outputs(result: xr.Dataset) -> xr.Dataset:
    """What the run produced, without the parameter values it stores."""
    return result.drop_vars([name for name in result.data_vars if "." in name
                             and name.split(".")[0] in ("stimulation", "conditioning_stimulation")])


def test_an_idle_conditioning_electrode_changes_nothing():
    """At intensity 0 the conditioning electrode's other settings (an electrode 1 mm over both
    nerves, a pulse due during the test) leave a stimulated run as it is, number for number: its
    geometry does not leak into the tibial electrode's gains."""
    plain = ankle_run(TEST, {})
    idle = ankle_run(TEST, {"intensity": 0.0, "first_pulse": PULSE_MS, "pulse_width": 2.0,
                            "electrode_depth": 1.0, "tibial_offset": 0.0})
    assert plain["axon.terminal.spike_time_ms"].size > 0
    xr.testing.assert_identical(outputs(plain), outputs(idle))


def m_waves(result: xr.Dataset) -> dict[str, float]:
    pulse = Pulse(PULSE_MS, 100.0, 0.0)
    return {muscle: reflex.h_and_m_waves(result, 0, muscle=muscle, pulses=[pulse])[0]["m_wave_mV"]
            for muscle in MUSCLES}


@pytest.mark.parametrize(("tibial_offset_mm", "soleus_responds"), [(30.0, False), (0.0, True)])
def test_a_peroneal_pulse_evokes_a_tibialis_anterior_m_wave(tibial_offset_mm, soleus_responds):
    """8 mA to the common peroneal nerve (above the tibialis anterior's motor threshold) evokes
    its M-wave; the soleus's fibres, 30 mm across the limb in the tibial nerve, are out of its
    reach, but not under an electrode over both nerves."""
    waves = m_waves(ankle_run({}, {"intensity": 8.0, "pulse_width": 1.0,
                                   "first_pulse": PULSE_MS, "tibial_offset": tibial_offset_mm}))
    assert waves["tibialis_anterior"] > 1.0
    assert (waves["soleus"] > 1.0) == soleus_responds
    if not soleus_responds:
        assert waves["soleus"] == 0.0


def test_a_condition_changes_the_protocols_tables_without_replacing_them():
    """A study's condition that changes one setting of a table the protocol also sets (the
    conditioning electrode's offset, the drive's monoaminergic level) keeps the protocol's own
    settings of that table: its pulse and the relaxed command. Before, the condition's table
    replaced the protocol's, so the conditioning pulse was never given (and such a person was
    driven at the default 50 % command)."""
    reciprocal_targets.register_condition(
        "offset and monoamine", {"conditioning_stimulation": {"tibial_offset": 200.0},
                                 "drive": {"monoamine": 0.9}})
    model = reciprocal_targets._model("offset and monoamine", conditioning_mA=6.0,
                                      conditioning_ms=25.0)
    _, peroneal = model.component("afferent_axon").electrodes
    assert peroneal["intensity"][0] == 6.0 and peroneal["first_pulse"][0] == 25.0
    assert peroneal["tibial_offset"][0] == 200.0
    drive = model.component("drive").values
    assert drive["level"][0] == 0.0 and drive["monoamine"][0] == 0.9


@pytest.mark.slow
def test_d7_short_latency_depression_goes_with_reciprocal_inhibition():
    """The peroneal conditioning pulse depresses the soleus H-reflex at 1–4 ms, and not once the
    inhibitory interneurones' synapses on the motoneurones are removed."""
    intact, removed = (reciprocal_targets.depressions(reciprocal_targets.conditioning_curve(c))
                       for c in ("intact", "no reciprocal Ia inhibition"))
    assert intact["short"]
    assert not removed["short"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D7: H conditioned / control at 0, 1, 2, 3, 4, 5, 7, 10, 20, 30, 50, "
                          "75, 100, 120, 150 ms (conditioning 5.02 mA, 1 × TA motor threshold): "
                          "intact 57, 13, 26, 33, 51, 59, 68, 77, 89, 98, 100, 98, 98, 98, 98 % "
                          "(trial CV 19 %: depressed below 62 %, at 1–4 ms, but also at 0 and 5 "
                          "ms; at 0 ms the conditioning current reaches the tibial nerve; none at "
                          "30–120 ms); without reciprocal inhibition no depression at any "
                          "interval; without presynaptic inhibition 121, 15, 30, 46, 57, 69, 78, "
                          "82 % up to 10 ms, depressed (below 58 %) at 1–4 ms, and 95–103 % from "
                          "20 ms on (125–133 % before the axon sites' deferred spans were "
                          "extrapolated, a numerical offset). kramp's presynaptic inhibition is "
                          "tonic: no conditioning volley evokes it")
def test_d7_timing_of_reciprocal_ia_inhibition():
    result = reciprocal_targets.target_d7()
    assert result["passed"], result["model_value"]
