"""Targets B1–B6, B12 and B13 (``kramp.validation.motoneuron_targets``): each experiment runs,
reports in the shared record format, and passes — or, where the model misses its band, fails
visibly.

B5, B12 and B13 are expected failures, with the values the model gave when they were written down
(``strict``: if the model starts to pass, the marker must go). B6 passes as a calibration: the
default person's monoamine level and the PIC's activation time constant were fitted to it.
"""

import pytest

from kramp.validation import motoneuron_targets

FIELDS = {"id", "quantity", "published", "band", "model_value", "passed", "source"}

EXPECTED_FAILURES = {
    "B5": "I_PIC × 2.48 (band 1.6–2.4), onset shifts −3.2 mV and offset −14.0 mV (band < 3 mV): "
          "the lumped dendrite's plateau folds move with ḡ_CaL",
    "B12": "ΔF 4.11 / 3.68 / 3.46 pps at 10 / 20 / 30 % (99 units tested at all three): it "
           "falls by 0.43 and 0.22 pps where Orssatto et al.'s rose by 0.6 and 0.5. The "
           "monoaminergic level is one number for every drive; with ramps of 10 s at every "
           "level (not the published rate of rise) ΔF rises, by 0.23 and 0.15 pps: the model's "
           "ΔF shrinks with slower ramps more than it grows with the peak. A level that "
           "follows the command inside the ramps does not turn the fall (linear up to +1 at "
           "the full command: 4.61 / 4.06 / 3.85; saturating, τ 1 or 30 s: falls too; "
           "studies/monoamine_following_the_command.py)",
    "B13": "mean lowering 0.04 mV over gaps of 3 and 6 s (0 % of cells by more than 1 mV), "
           "0.04 mV after 25 s: the default person's PICs have no warm-up "
           "(motoneuron.pic_warm_up 0; with Bennett et al.'s 5 mV the experiment gives 2.90 mV, "
           "every cell, 0.03 mV after 25 s: test_warm_up_at_its_published_size_lowers_the_"
           "next_plateau_for_seconds_only)",
}


@pytest.fixture(scope="module", params=["B1", "B2", "B3", "B4", "B5", "B6", "B12",
                                                "B13"])
def record(request):
    return getattr(motoneuron_targets, f"target_{request.param.lower()}")()


def test_record_has_the_shared_fields(record):
    assert set(record) == FIELDS
    assert record["id"] in {"B1", "B2", "B3", "B4", "B5", "B6", "B12", "B13"}
    assert isinstance(record["passed"], bool)
    assert record["model_value"] and any(ch.isdigit() for ch in record["model_value"])


def test_target_passes(record, request):
    reason = EXPECTED_FAILURES.get(record["id"])
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, raises=AssertionError,
                                              reason=reason))
    assert record["passed"], record["model_value"]


def test_warm_up_at_its_published_size_lowers_the_next_plateau_for_seconds_only():
    """B13's experiment with the warm-up on at Bennett et al.'s average lowering (5 mV, the
    size the parameter is given, with its memory's 5 s decay from the same paper, so a check
    of the mechanism against its source, not a prediction): the onset falls by 2.5–7.5 mV in
    most cells 3–6 s after a plateau, and by less than 1 mV 25 s after it."""
    found = motoneuron_targets.warm_up_summary({"pic_warm_up": 5.0})
    assert found["cells"] >= 10
    assert motoneuron_targets.warm_up_as_published(found), found
