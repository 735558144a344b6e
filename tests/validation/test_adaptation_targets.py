"""Target B11: the motoneurones' late adaptation against Héroux et al.'s (2016) 10 Hz holds (a
prediction, which fails while the late adaptation is off by default)."""

import pytest

from kramp.physiology import motoneuron
from kramp.validation import registry
from kramp.validation.adaptation_targets import RATIO_BAND, emg_ratio, target_b11


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="B11: EMG ratio 0.98 at 5 min (7.4 → 7.2 µV RMS; command 8.82 → 8.75 %) "
                          "against 1.5–2.5: the default person's motoneurones have no late "
                          "adaptation (it is off, motoneuron.g_late_adaptation 0; at "
                          "LATE_ADAPTATION_B11 the ratio is 1.94), so a unit held at 10 Hz needs "
                          "the same drive after 5 min as at first")
def test_b11_a_unit_held_at_10_hz_needs_twice_the_emg_after_5_min():
    """Héroux et al.'s subjects needed about twice the EMG after 3–7 min to keep one unit at
    10 Hz; nothing in the model was fitted to it."""
    assert not registry.fitted_parameters("B11")
    result = target_b11()
    assert result["passed"], result["model_value"]


@pytest.mark.slow
def test_the_late_adaptation_when_on_makes_a_held_unit_need_twice_the_emg():
    """With the late adaptation on at the size chosen for it (LATE_ADAPTATION_B11, with
    Héroux et al.'s 28 s recovery), the same hold needs 1.94 times the EMG: this checks that the
    mechanism still does what it was sized to do, not a prediction."""
    ratio, first, last = emg_ratio(late_adaptation=motoneuron.LATE_ADAPTATION_B11)
    low, high = RATIO_BAND
    assert low <= ratio <= high
    assert last["rate_hz"] == pytest.approx(first["rate_hz"], abs=1.0)  # the unit was held
