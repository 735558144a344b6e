"""The body-fluid compartments: conservation, osmotic equilibrium and the published balance."""

import numpy as np
import pytest

from kramp.physiology import fluids
from kramp.validation.fluid_targets import target_e8

# the default person's total body water (a man of 70 kg and 175 cm aged 30: Watson et al. 1980),
# against which the dilutions below are the closed-system mass balance
WATER = fluids.at_rest().water_L


def test_water_and_salt_are_conserved_through_any_exchanges():
    """Whatever is drunk, sweated or excreted, the body holds exactly what it started with plus
    what came in minus what went out, and the cells keep their solutes."""
    rng = np.random.default_rng(3)
    body = start = fluids.at_rest()
    gained = np.zeros(4)
    for _ in range(200):
        water, sodium, potassium = rng.uniform(-0.2, 0.2), rng.uniform(-20, 20), rng.uniform(-1, 1)
        chloride = rng.uniform(0.5, 1.0) * (sodium + potassium)  # sweat-, saline- or urine-like
        body = fluids.exchange(body, water_L=water, sodium_mmol=sodium, potassium_mmol=potassium,
                               chloride_mmol=chloride)
        gained += (water, sodium, potassium, chloride)
    assert body.water_L == pytest.approx(start.water_L + gained[0], abs=1e-9)
    assert body.extracellular_chloride_mmol == pytest.approx(
        start.extracellular_chloride_mmol + gained[3], abs=1e-9)
    # the pumps swap K⁺ for Na⁺ one for one: sodium and potassium together are conserved, and
    # the cells' osmoles never change
    def cations(b):
        return (b.extracellular_sodium_mmol, b.intracellular_sodium_mmol,
                b.extracellular_potassium_mmol, b.intracellular_potassium_mmol)

    assert sum(cations(body)) == pytest.approx(
        sum(cations(start)) + gained[1] + gained[2], abs=1e-9)
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
    assert after.plasma_sodium == pytest.approx(140.0 * WATER / (WATER + 3.0))


def test_hypotonic_sweat_concentrates_the_plasma():
    body = fluids.at_rest()
    after = fluids.exchange(body, water_L=-2.0, sodium_mmol=-2.0 * 50.0,
                            potassium_mmol=-2.0 * 5.0)
    assert after.osmolality > body.osmolality
    assert after.plasma_sodium > body.plasma_sodium
    assert after.intracellular_L < body.intracellular_L


def test_sweat_potassium_comes_from_the_cells_and_leaves_the_plasma_almost_alone():
    """Sweat's few millimoles of K⁺ are, through the pumps, drawn from the ~3,900 mmol in the
    cells rather than the ~56 mmol outside them: plasma K⁺ follows the whole body's potassium
    per litre of water, not a fifth lower as an extracellular-only loss would leave it, and the
    gradient the pumps hold is kept."""
    body = fluids.at_rest()
    after = fluids.exchange(body, water_L=-2.1, sodium_mmol=-145.0, potassium_mmol=-11.0)
    inside = after.intracellular_potassium_mmol / after.intracellular_L
    assert inside / after.plasma_potassium == pytest.approx(140.0 / 4.0)
    whole_body = (body.extracellular_potassium_mmol + body.intracellular_potassium_mmol - 11.0)
    assert after.plasma_potassium == pytest.approx(
        whole_body / (after.extracellular_L + 35.0 * after.intracellular_L))
    assert after.plasma_potassium > 0.95 * body.plasma_potassium


def test_a_loss_larger_than_the_body_is_refused():
    with pytest.raises(ValueError):
        fluids.exchange(fluids.at_rest(), water_L=-50.0)


def test_e8_dilution_follows_the_closed_system_balance():
    record = target_e8()
    assert record["passed"], record["model_value"]


def test_a_scenario_s_fluids_set_the_ions_its_membranes_feel():
    """Five litres of water retained by a 70 kg man: plasma Na falls to the closed-system value
    (E8) and the axons and fibres of the run are given exactly that sodium."""
    from kramp import scenarios

    result, _ = scenarios.run(scenarios.load_scenario("water-intoxication"), duration_ms=20.0)
    summary = scenarios.summarise(result)
    assert summary["plasma_sodium_mM"] == pytest.approx(140.0 * WATER / (WATER + 5.0))
    assert summary["hyponatraemia"] == "moderate"
    assert float(result["ions.sodium"].values[0]) == pytest.approx(summary["plasma_sodium_mM"])
    assert float(result["ions.potassium"].values[0]) == pytest.approx(
        summary["plasma_potassium_mM"])


@pytest.mark.parametrize("change, field", [
    ({("fluids", "sweat"): "2 L", ("parameters", "ions", "sodium"): "130 mM"}, "ions.sodium"),
    ({("fluids", "sweating"): "2 L"}, "fluids.sweating"),
    ({("fluids", "sweat"): "40 L"}, "fluids.sweat"),
])
def test_a_bad_fluids_table_is_refused_naming_the_field(change, field):
    from kramp import scenarios
    from kramp.errors import KrampInputError

    with pytest.raises(KrampInputError) as error:
        scenarios.load_scenario("dehydration").updated(change)
    assert field in str(error.value)


def test_set_reaches_the_fluids_of_any_scenario_whose_membranes_feel_ions():
    from typer.testing import CliRunner

    from kramp.cli import app

    outcome = CliRunner().invoke(app, ["run", "voluntary-contraction", "--duration", "0.05",
                                       "--set", "fluids.drink=4", "--json"])
    assert outcome.exit_code == 0, outcome.output
    import json

    assert json.loads(outcome.output)["plasma_sodium_mM"] == pytest.approx(
        140.0 * WATER / (WATER + 4.0))


def test_e9_hyponatraemia_alone_leaves_the_calf_quiet():
    from kramp.validation.fluid_targets import target_e9

    record = target_e9()
    assert record["passed"], record["model_value"]


def test_days_on_the_slow_clock_conserve_water_and_salt():
    """Whatever the days do, the body's change is what came in less what went out."""
    days = fluids.course({"days": 2.0, "training": 2.0, "training_sweat_rate": 1.5,
                          "sweat_sodium": 60.0, "diet_sodium": 40.0, "drink_sodium": 20.0,
                          "drink_chloride": 15.0, "training_replacement": 0.8})
    total = {key: values[-1] for key, values in days.totals.items()}
    start, end = fluids.at_rest(), days.final
    assert end.water_L - start.water_L == pytest.approx(
        total["drunk_L"] - total["sweat_L"] - total["urine_L"] - total["insensible_L"],
        abs=1e-9)
    sodium = [b.extracellular_sodium_mmol + b.intracellular_sodium_mmol for b in (start, end)]
    assert sodium[1] - sodium[0] == pytest.approx(
        total["eaten_sodium_mmol"] + total["drunk_sodium_mmol"] - total["sweat_sodium_mmol"]
        - total["urine_sodium_mmol"], abs=1e-6)
    potassium = [b.extracellular_potassium_mmol + b.intracellular_potassium_mmol
                 for b in (start, end)]
    assert potassium[1] - potassium[0] == pytest.approx(
        total["eaten_potassium_mmol"] + total["drunk_potassium_mmol"]
        - total["sweat_potassium_mmol"] - total["urine_potassium_mmol"], abs=1e-6)
    assert end.extracellular_chloride_mmol - start.extracellular_chloride_mmol == pytest.approx(
        total["eaten_chloride_mmol"] + total["drunk_chloride_mmol"] - total["sweat_chloride_mmol"]
        - total["urine_chloride_mmol"], abs=1e-6)
    # every salt lost or gained carried its chloride: none of the three is zero
    assert min(total["eaten_chloride_mmol"], total["sweat_chloride_mmol"],
               total["urine_chloride_mmol"]) > 0.0


def test_an_ordinary_day_keeps_the_plasma_in_its_normal_range():
    # meals, drinks and kidneys of an untrained day: plasma Na stays within 135–145 and
    # osmolality within 275–295 (Spasovski et al. 2014), the urine about a normal day's 1–2 L
    day = fluids.course({"days": 1.0})
    assert day.plasma_sodium.min() >= 135.0 and day.plasma_sodium.max() <= 145.0
    assert day.osmolality.min() >= 275.0 and day.osmolality.max() <= 295.0
    assert 1.0 <= day.totals["urine_L"][-1] <= 2.0


def test_kidneys_clear_a_water_load_no_faster_than_their_maximal_diuresis():
    # 5 L retained (E8: 125.1 mmol/L); healthy kidneys excrete at most about 1 L of free water an
    # hour (Hew-Butler et al. 2015), so plasma Na is back within 135 only after some hours, and
    # with the kidneys off (over a night without meals or drinks) the dilution stays what the
    # closed system gives
    loaded = fluids.exchange(fluids.at_rest(), water_L=5.0)
    on = fluids.course({"days": 12.0 / 24.0, "daily_drink": 0.0}, loaded)
    night = {"days": 8.0 / 24.0, "kidneys": 0.0, "insensible_loss": 0.0}  # 22–6 h: no meals
    off = fluids.course(night, loaded, start_hour=22.0)
    back = on.time_h[np.argmax(on.plasma_sodium >= 135.0)]
    # the water whose loss lifts Na to 135 mmol/L
    to_excrete_L = WATER + 5.0 - WATER * 140.0 / 135.0
    assert to_excrete_L / 1.0 <= back <= 12.0
    assert off.plasma_sodium[-1] == pytest.approx(140.0 * WATER / (WATER + 5.0))


def test_each_person_of_a_cohort_has_their_own_fluids(tmp_path):
    """A cohort's fluids.* column gives each person their own water, and so their own plasma:
    the closed-system dilution of E8 for each volume, as each would have it alone."""
    import json

    from typer.testing import CliRunner

    from kramp.cli import app

    people = tmp_path / "drinkers.csv"
    people.write_text("fluids.drink [L]\n0\n3\n5\n", encoding="utf-8")
    runner = CliRunner()
    outcome = runner.invoke(app, ["run", "water-intoxication", "--duration", "0.05",
                                  "--cohort", str(people), "--json"])
    assert outcome.exit_code == 0, outcome.output
    found = json.loads(outcome.stdout)["people"]
    for person, litres in zip(found, (0.0, 3.0, 5.0), strict=True):
        assert person["plasma_sodium_mM"] == pytest.approx(140.0 * WATER / (WATER + litres))
        assert person["body_water_change_L"] == pytest.approx(litres)
    alone = json.loads(runner.invoke(app, ["run", "water-intoxication", "--duration", "0.05",
                                           "--set", "fluids.drink=3", "--json"]).stdout)
    assert found[1]["plasma_sodium_mM"] == alone["plasma_sodium_mM"]
    assert found[1]["peak_force_N"] == alone["peak_force_N"]


def test_a_cohort_may_not_set_the_ions_its_fluids_set(tmp_path):
    from typer.testing import CliRunner

    from kramp.cli import app

    people = tmp_path / "clash.csv"
    people.write_text("fluids.drink [L],ions.sodium [mM]\n1,140\n", encoding="utf-8")
    outcome = CliRunner().invoke(app, ["run", "water-intoxication", "--cohort", str(people)])
    assert outcome.exit_code == 2
    assert "ions.sodium" in outcome.output and len(outcome.output.strip().splitlines()) == 1


def test_total_body_water_follows_the_person_s_mass_sex_and_age():
    """Watson et al.'s equations against numbers measured or stated without them: the ICRP
    reference adults (ICRP Publication 89, 2002; not re-checked: man 73 kg, 176 cm, 42 L; woman
    60 kg, 163 cm, 29 L; ages 20–30), and the clinical rule of Adrogué & Madias (2000): about
    0.6 L/kg in young men, 0.5 in young women and in elderly men."""
    def water(**person):
        return fluids.at_rest(person).water_L

    assert water(body_mass=73.0, height=176.0, age=25.0, sex=1.0) == pytest.approx(42.0, rel=0.05)
    assert water(body_mass=60.0, height=163.0, age=25.0, sex=0.0) == pytest.approx(29.0, rel=0.05)
    young_man = water(age=25.0) / 70.0
    young_woman = water(body_mass=60.0, height=163.0, age=25.0, sex=0.0) / 60.0
    old_man = water(age=80.0) / 70.0
    assert young_man == pytest.approx(0.6, abs=0.03)
    assert young_woman == pytest.approx(0.5, abs=0.03)
    assert old_man == pytest.approx(0.5, abs=0.05) and old_man < young_man
    # a heavier person holds more water, but not in proportion (fat holds little)
    assert water(body_mass=70.0) < water(body_mass=100.0) < water(body_mass=70.0) * 100.0 / 70.0


def test_the_same_water_dilutes_a_smaller_body_more():
    """Three litres of water in the default man and in a woman of 55 kg and 160 cm: her
    plasma sodium falls further, by the closed-system balance of each one's own body water."""
    man = fluids.at_rest()
    woman = fluids.at_rest({"body_mass": 55.0, "height": 160.0, "sex": 0.0})
    diluted = [fluids.exchange(body, water_L=3.0).plasma_sodium for body in (man, woman)]
    assert diluted[1] < diluted[0]
    for body, sodium in zip((man, woman), diluted, strict=True):
        assert sodium == pytest.approx(140.0 * body.water_L / (body.water_L + 3.0))


def test_saline_raises_plasma_chloride_and_leaves_sodium_alone():
    """A litre of 0.9 % saline (154 mmol/L each of Na⁺ and Cl⁻) stays outside the cells and
    brings more chloride than the plasma's 104 mmol/L, the hyperchloraemia of saline infusion,
    while sodium moves little: the extracellular fluid's mass balance."""
    body = fluids.at_rest()
    after = fluids.exchange(body, water_L=1.0, sodium_mmol=154.0, chloride_mmol=154.0)
    outside = after.extracellular_L
    assert after.plasma_chloride == pytest.approx(
        (104.0 * body.extracellular_L + 154.0) / outside)
    assert after.plasma_chloride > body.plasma_chloride + 1.0
    assert abs(after.plasma_sodium - body.plasma_sodium) < 0.5


def test_more_chloride_than_cations_is_refused():
    """Every exchange is electroneutral: chloride is one of the cations' anions."""
    with pytest.raises(ValueError):
        fluids.exchange(fluids.at_rest(), chloride_mmol=2000.0)


@pytest.mark.parametrize("setting, field", [
    ("fluids.age=150", "fluids.age"),
    ("fluids.height=300", "fluids.height"),
    ("fluids.body_mass=20", "fluids.body_mass"),
    ("fluids.sex=0.5", "fluids.sex"),
    ("fluids.drink_chloride=80", "fluids.drink_chloride"),
])
def test_an_impossible_person_exits_2_naming_the_field(setting, field):
    from typer.testing import CliRunner

    from kramp.cli import app

    outcome = CliRunner().invoke(app, ["run", "dehydration", "--duration", "0.05",
                                       "--set", setting, "--json"])
    assert outcome.exit_code == 2, outcome.output
    assert field in outcome.output and len(outcome.output.strip().splitlines()) == 1


def test_a_run_reports_the_plasma_chloride_its_membranes_felt():
    """Sweat is hypotonic in both Na⁺ and Cl⁻, so dehydration concentrates the plasma's
    chloride; the run reports the value the fibres were given."""
    from kramp import scenarios

    result, _ = scenarios.run(scenarios.load_scenario("dehydration"), duration_ms=20.0)
    summary = scenarios.summarise(result)
    assert summary["plasma_chloride_mM"] > 104.0
    assert float(result["ions.chloride"].values[0]) == pytest.approx(
        summary["plasma_chloride_mM"])
    assert summary["total_body_water_L"] == pytest.approx(WATER)


def test_each_person_of_a_cohort_has_their_own_body_water(tmp_path):
    """A man and a woman of a cohort each have the body water of their own mass, height and
    sex, and after the same drink the plasma each would have alone."""
    import json

    from typer.testing import CliRunner

    from kramp.cli import app

    people = tmp_path / "pair.csv"
    people.write_text("fluids.body_mass [kg],fluids.height [cm],fluids.sex [1]\n"
                      "70,175,1\n55,160,0\n", encoding="utf-8")
    runner = CliRunner()
    common = ["run", "water-intoxication", "--duration", "0.05", "--set", "fluids.drink=3",
              "--json"]
    outcome = runner.invoke(app, [*common, "--cohort", str(people)])
    assert outcome.exit_code == 0, outcome.output
    man, woman = json.loads(outcome.stdout)["people"]
    assert woman["total_body_water_L"] < man["total_body_water_L"]
    alone = json.loads(runner.invoke(app, [*common, "--set", "fluids.body_mass=55", "--set",
                                           "fluids.height=160", "--set", "fluids.sex=0"]).stdout)
    for key in ("total_body_water_L", "plasma_sodium_mM", "plasma_chloride_mM"):
        assert woman[key] == alone[key]
