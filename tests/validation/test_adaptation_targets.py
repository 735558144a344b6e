"""Target B11: the motoneurones' late adaptation against Héroux et al.'s (2016) 10 Hz holds (a
prediction)."""

import pytest

from kramp.validation import registry
from kramp.validation.adaptation_targets import target_b11


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="B11: EMG ratio 0.98 at 5 min (7.5 → 7.3 µV RMS; command 8.82 → "
                          "8.75 %) against 1.5–2.5: the motoneurones have no late "
                          "adaptation, nothing slower than the PIC's 1 s inactivation, so a "
                          "unit held at 10 Hz needs the same drive after 5 min as at first")
def test_b11_a_unit_held_at_10_hz_needs_twice_the_emg_after_5_min():
    """Héroux et al.'s subjects needed about twice the EMG after 3–7 min to keep one unit at
    10 Hz; nothing in the model was fitted to it."""
    assert not registry.fitted_parameters("B11")
    result = target_b11()
    assert result["passed"], result["model_value"]
