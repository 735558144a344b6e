"""Acid–base balance and calcium binding against numbers from outside the model: the
Henderson–Hasselbalch arithmetic, the acute buffer rule, clinical normal ranges, the albumin
correction of total calcium, and the measured fall of ionised calcium with over-breathing."""

import math

import pytest

from kramp.errors import KrampInputError
from kramp.physiology import acid_base, ions


def test_henderson_hasselbalch_at_normal_blood_gases():
    # 6.1 + log10(24 / (0.0307 × 40)) = 6.1 + log10(19.544) = 7.391 (by hand)
    assert acid_base.arterial_ph(40.0, 24.0) == pytest.approx(7.391, abs=5e-4)
    # halving PaCO2 at the same bicarbonate adds log10(2)
    assert (acid_base.arterial_ph(20.0, 24.0) - acid_base.arterial_ph(40.0, 24.0)
            == pytest.approx(math.log10(2.0), abs=1e-9))


def test_acute_buffering_follows_the_two_to_one_rules():
    # Adrogué & Madias 1998: −2 mmol/L per 10 mmHg fall, +1 mmol/L per 10 mmHg rise
    assert acid_base.bicarbonate_mM(20.0, 24.0) == pytest.approx(20.0)
    assert acid_base.bicarbonate_mM(60.0, 24.0) == pytest.approx(26.0)


def test_the_reference_persons_totals_lie_in_the_clinical_normal_ranges():
    defaults = acid_base.PARAMETERS.defaults()
    # serum total Ca 2.2–2.6 mmol/L: what Takano's binding constants and Moore's complexed share
    # need to hold 1.2 mmol/L ionised at pH 7.40
    assert 2.2 <= defaults["total_calcium"] <= 2.6
    assert 22.0 <= defaults["bicarbonate"] <= 26.0  # normal plasma bicarbonate


def test_most_protein_bound_calcium_sits_on_albumin():
    # Moore 1970: about 81 % of the protein-bound calcium is on albumin, 19 % on globulins
    both = acid_base.protein_bound_calcium_mM(1.2, 7.4, 42.0, 30.0)
    albumin = acid_base.protein_bound_calcium_mM(1.2, 7.4, 42.0, 0.0)
    assert albumin / both == pytest.approx(0.81, abs=0.08)


def test_less_albumin_lowers_total_calcium_as_the_clinical_correction_says():
    # Payne et al. 1973: total Ca falls 0.8 mg/dL (0.2 mmol/L) per 1 g/dL (10 g/L) albumin at
    # the same ionised Ca
    ratio = acid_base.PARAMETERS["complexed_calcium_ratio"].value
    normal = acid_base.total_calcium_mM(1.2, 7.4, 40.0, 30.0, ratio)
    low = acid_base.total_calcium_mM(1.2, 7.4, 30.0, 30.0, ratio)
    assert normal - low == pytest.approx(0.2, rel=0.25)


def test_ionised_calcium_inverts_the_total():
    ratio = acid_base.PARAMETERS["complexed_calcium_ratio"].value
    total = acid_base.total_calcium_mM(0.93, 7.55, 35.0, 28.0, ratio)
    assert acid_base.ionised_calcium_mM(total, 7.55, 35.0, 28.0, ratio) == pytest.approx(0.93)


def test_over_breathing_lowers_ionised_calcium_as_measured():
    # E13: respiratory alkalosis lowered ionised Ca 0.05 ± 0.02 (2 SD) mmol/L per 0.1 pH
    normal = acid_base.plasma()
    over = acid_base.plasma({"paco2": 30.0})
    per_tenth = (normal["ionised_calcium_mM"] - over["ionised_calcium_mM"]) / (
        10.0 * (over["arterial_ph"] - normal["arterial_ph"]))
    assert 0.03 <= per_tenth <= 0.07


def test_the_default_blood_gives_the_ions_tables_defaults():
    felt = acid_base.interstitial_ions(acid_base.plasma())
    defaults = ions.PARAMETERS.defaults()
    for name in ("calcium", "magnesium", "ph"):
        assert felt[name] == pytest.approx(defaults[name], abs=1e-9)


def test_a_ph_no_one_survives_is_refused():
    with pytest.raises(KrampInputError, match=r"fluids\.paco2.*7\.8"):
        acid_base.plasma({"paco2": 10.0})
