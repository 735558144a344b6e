"""The motor pool run end to end: recruitment, force, EMG, determinism and batches."""

import numpy as np
import pytest
import xarray as xr

from kramp.engine.pool import build_pool, simulate_pool
from kramp.errors import KrampInputError

# A small pool keeps these tests fast; the physiology is the same as the default calf's.
SMALL = {"muscle": {"n_unit": 60}}


def contraction(level=50.0, n_person=1, **drive):
    values = {**SMALL, "drive": {"level": level, "onset": 100.0, "ramp_up": 500.0,
                                 "hold": 800.0, "ramp_down": 300.0, **drive}}
    return build_pool(values, n_person=n_person)


@pytest.fixture(scope="module")
def half_effort():
    return simulate_pool(contraction(50.0), 2500.0, seed=3)


def test_units_are_recruited_smallest_first(half_effort):
    first_spike = {}
    for time, unit in zip(half_effort.spike_time_ms.values, half_effort.spike_unit.values,
                          strict=True):
        first_spike.setdefault(int(unit), time)
    units = np.array(sorted(first_spike))
    times = np.array([first_spike[u] for u in units])
    # size principle: recruitment time rises with unit index (rank correlation)
    rank_correlation = np.corrcoef(np.argsort(np.argsort(units)),
                                   np.argsort(np.argsort(times)))[0, 1]
    assert rank_correlation > 0.9
    assert 0 in first_spike and units.size < 60


def test_force_follows_the_command_and_relaxes(half_effort):
    force = half_effort.force_mN.sel(person=0).values
    t = half_effort.time_ms.values
    assert force[t == 0][0] == 0.0
    plateau = force[(t > 700) & (t < 1400)]
    assert plateau.mean() > 0.05 * half_effort["muscle.muscle_tetanic_force"].values[0]
    assert force[t >= 2400].max() < 0.02 * force.max()


def test_emg_is_zero_at_rest_and_active_in_the_contraction(half_effort):
    emg = half_effort.emg_mV.sel(person=0).values
    t = half_effort.emg_time_ms.values
    assert np.all(emg[t < 100] == 0.0)
    assert np.sqrt(np.mean(emg[(t > 700) & (t < 1400)] ** 2)) > 0.01


def test_more_drive_more_force_and_faster_firing():
    weak = simulate_pool(contraction(20.0), 1500.0, seed=1)
    strong = simulate_pool(contraction(80.0), 1500.0, seed=1)
    assert strong.force_mN.max() > 2 * weak.force_mN.max()
    assert strong.sizes["spike"] > 2 * weak.sizes["spike"]


def test_same_seed_same_run_other_seed_other_run():
    model = contraction(40.0)
    a = simulate_pool(model, 800.0, seed=5)
    b = simulate_pool(model, 800.0, seed=5)
    c = simulate_pool(model, 800.0, seed=6)
    xr.testing.assert_identical(a, b)
    assert not np.array_equal(a.spike_time_ms.values, c.spike_time_ms.values)


def test_people_of_a_batch_run_independently():
    model = build_pool({**SMALL, "drive": {"level": np.array([20.0, 60.0]), "onset": 100.0,
                                           "ramp_up": 300.0}}, n_person=2)
    batch = simulate_pool(model, 800.0, seed=2)
    force = batch.force_mN.values
    assert force[-1, 1] > force[-1, 0] > 0.0
    assert set(np.unique(batch.spike_person.values)) == {0, 1}


def test_bad_values_are_refused_with_field_unit_and_range():
    with pytest.raises(KrampInputError, match=r"`drive.level` must be in \[0, 100\] %"):
        build_pool({"drive": {"level": 150.0}})
    with pytest.raises(KrampInputError, match="unknown component `spindle`"):
        build_pool({"spindle": {}})
    with pytest.raises(KrampInputError, match="`duration` must be in"):
        simulate_pool(contraction(), -1.0)
