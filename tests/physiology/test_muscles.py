"""Muscles as data: every table sourced, the calf the sum of its heads, pools as published."""

import math

import numpy as np
import pytest

from kramp.physiology import fibre, muscles


@pytest.mark.parametrize("name", list(muscles.MUSCLES))
def test_every_parameter_has_unit_range_and_a_resolvable_source(name):
    table = muscles.MUSCLES[name]
    assert table.component == name
    for param in table:
        low, high = param.range
        assert low <= param.value <= high
        assert param.meaning
        assert table.references[param.source]
    values = table.defaults()
    assert values["fraction_s"] + values["fraction_fr"] <= 1.0


def test_the_calf_is_its_three_heads_with_force_shared_by_cross_sectional_area():
    assert muscles.expand(["calf", "soleus"]) == ("soleus", "medial_gastrocnemius",
                                                  "lateral_gastrocnemius")
    props = muscles.pool_properties(["calf"])
    assert props["tetanic_force_mN"].shape == (300,)
    # 3.5 kN at the Achilles tendon (Peltonen et al. 2010)
    assert props["tetanic_force_mN"].sum() == pytest.approx(3.5e6, rel=1e-3)
    # PCSA 230 : 68 : 28 cm² (Fukunaga et al. 1992)
    force = {m: muscles.MUSCLES[m].defaults()["muscle_tetanic_force"]
             for m in muscles.TRICEPS_SURAE}
    shares = np.array(list(force.values())) / sum(force.values())
    np.testing.assert_allclose(shares, np.array([230.0, 68.0, 28.0]) / 326.0, atol=0.002)


def test_the_hand_pool_follows_fuglevand_1993_written_out():
    n, r_p, t_l, r_t = 120, 100.0, 90.0, 3.0
    props = muscles.pool_properties(["first_dorsal_interosseous"])
    i = np.arange(1, n + 1)
    size = np.exp(math.log(r_p) * i / n)  # P_i = e^{b i/n}, b = ln R_P
    c = math.log(r_p) / math.log(r_t)
    assert props["contraction_time_ms"] == pytest.approx(t_l * (1.0 / size) ** (1.0 / c))
    twitch = props["peak_twitch_force_mN"]
    assert twitch / twitch[0] == pytest.approx(size / size[0])
    assert props["contraction_time_ms"][-1] == pytest.approx(t_l / r_t)
    assert props["tetanic_force_mN"].sum() == pytest.approx(4.0e4)
    assert props["fatigability_per_ms"][-1] / props["fatigability_per_ms"][0] == pytest.approx(
        10.0 ** ((n - 1) / n))


def test_within_each_muscle_stronger_units_are_faster():
    for name in muscles.MUSCLES:
        props = muscles.unit_properties(muscles.MUSCLES[name].defaults(),
                                        fibre.PARAMETERS.defaults())
        assert np.all(np.diff(props["contraction_time_ms"]) < 0.0), name


def test_only_the_diaphragm_breathes_and_the_calf_takes_the_voluntary_command():
    shares = {m: (t.defaults()["command_share"], t.defaults()["respiratory_share"])
              for m, t in muscles.MUSCLES.items()}
    assert [m for m, (_, r) in shares.items() if r > 0] == ["diaphragm"]
    assert all(shares[m][0] == 1.0 for m in muscles.TRICEPS_SURAE)
