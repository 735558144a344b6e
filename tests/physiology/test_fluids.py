"""The body-fluid compartments: conservation, osmotic equilibrium and the published balance."""

import numpy as np
import pytest

from kramp.physiology import fluids
from kramp.validation.fluid_targets import target_e8


def test_water_and_salt_are_conserved_through_any_exchanges():
    """Whatever is drunk, sweated or excreted, the body holds exactly what it started with plus
    what came in minus what went out, and the cells keep their solutes."""
    rng = np.random.default_rng(3)
    body = start = fluids.at_rest()
    gained = np.zeros(3)
    for _ in range(200):
        water, sodium, potassium = rng.uniform(-0.2, 0.2), rng.uniform(-20, 20), rng.uniform(-1, 1)
        body = fluids.exchange(body, water_L=water, sodium_mmol=sodium, potassium_mmol=potassium)
        gained += (water, sodium, potassium)
    assert body.water_L == pytest.approx(start.water_L + gained[0], abs=1e-9)
    assert body.extracellular_sodium_mmol == pytest.approx(
        start.extracellular_sodium_mmol + gained[1], abs=1e-9)
    assert body.extracellular_potassium_mmol == pytest.approx(
        start.extracellular_potassium_mmol + gained[2], abs=1e-9)
    assert body.intracellular_osmoles == start.intracellular_osmoles
    # the two compartments share the body's water
    assert body.extracellular_L + body.intracellular_L == pytest.approx(body.water_L)


def test_isotonic_saline_stays_outside_the_cells():
    """A litre of saline at the body's own osmolality (two osmoles per NaCl) expands the
    extracellular fluid by a litre and leaves the cells' volume and the osmolality alone."""
    body = fluids.at_rest()
    isotonic_mM = body.osmolality / 2.0
    after = fluids.exchange(body, water_L=1.0, sodium_mmol=isotonic_mM)
    assert after.extracellular_L == pytest.approx(body.extracellular_L + 1.0)
    assert after.intracellular_L == pytest.approx(body.intracellular_L)
    assert after.osmolality == pytest.approx(body.osmolality)


def test_plain_water_spreads_over_all_the_body_water():
    """Solute-free water is shared by both compartments in proportion to their volumes, so only
    a third of it stays outside the cells (ECF one third of the body's water)."""
    body = fluids.at_rest()
    after = fluids.exchange(body, water_L=3.0)
    assert after.extracellular_L - body.extracellular_L == pytest.approx(1.0)
    assert after.plasma_sodium == pytest.approx(140.0 * 42.0 / 45.0)


def test_hypotonic_sweat_concentrates_the_plasma():
    body = fluids.at_rest()
    after = fluids.exchange(body, water_L=-2.0, sodium_mmol=-2.0 * 50.0,
                            potassium_mmol=-2.0 * 5.0)
    assert after.osmolality > body.osmolality
    assert after.plasma_sodium > body.plasma_sodium
    assert after.intracellular_L < body.intracellular_L


def test_a_loss_larger_than_the_body_is_refused():
    with pytest.raises(ValueError):
        fluids.exchange(fluids.at_rest(), water_L=-50.0)


def test_e8_dilution_follows_the_closed_system_balance():
    record = target_e8()
    assert record["passed"], record["model_value"]
