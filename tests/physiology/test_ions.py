"""The ions module against arithmetic and the surface-charge shifts Hille et al. measured."""

import pytest

from kramp.physiology import ions
from kramp.validation import ion_targets

# Frog Ringer of Hille, Woodhull & Shapiro (1975): 110 mM Na, 2.5 mM K, 2 mM Ca, room temperature.
RINGER = {"sodium": 110.0, "potassium": 2.5, "calcium": 2.0, "magnesium": 0.0,
          "chloride": 116.5, "ph": 7.4, "temperature": 20.0}


def shift(solution, **changes):
    changed = {**solution, **changes}
    return ions.surface_potential_mV(changed) - ions.surface_potential_mV(solution)


def test_reversal_potentials_match_the_tabulated_arithmetic():
    # E1's published values at 37 °C, computed independently (targets.md E1)
    model = ion_targets.e1_potentials_mV()
    for key, value in ion_targets.E1_PUBLISHED_MV.items():
        assert model[key] == pytest.approx(value, abs=0.1)
    assert ions.thermal_voltage_mV(37.0) == pytest.approx(26.727, abs=1e-3)


def test_tenfold_calcium_shifts_gating_as_hille_measured():
    # "a tenfold increase of concentration gives a shift of +20 to +25 mV" (Hille et al. 1975)
    tenfold = shift(RINGER, calcium=20.0, chloride=RINGER["chloride"] + 36.0)
    assert 20.0 <= tenfold <= 25.0


def test_removing_calcium_shifts_gating_about_as_hille_measured():
    # "no added divalent ions give a shift of −18 mV relative to 2 mM Ca" (Hille et al. 1975)
    assert shift(RINGER, calcium=0.0, chloride=RINGER["chloride"] - 4.0) == pytest.approx(
        -18.0, abs=5.0)


def test_low_divalents_and_alkalosis_move_gating_toward_rest():
    normal = ions.PARAMETERS.defaults()
    assert ions.gating_shift_mV(normal) == 0.0
    assert ions.gating_shift_mV({**normal, "calcium": 0.7}) < -1.0
    assert ions.gating_shift_mV({**normal, "magnesium": 0.2}) < 0.0
    assert ions.gating_shift_mV({**normal, "ph": 7.7}) < 0.0
    assert ions.gating_shift_mV({**normal, "calcium": 2.5}) > 1.0


def test_chloride_beyond_the_cations_is_refused():
    with pytest.raises(ions.KrampInputError, match=r"ions\.chloride"):
        ions.check_concentrations({**ions.PARAMETERS.defaults(), "chloride": 150.0,
                                   "sodium": 100.0})

