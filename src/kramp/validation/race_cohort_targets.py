"""Target G10 (Schwellnus, Drew & Collins 2011): in a field of endurance racers, serum electrolytes
and the body mass lost do not tell who cramps; race pace and a history of cramping do.

Schwellnus et al. followed 210 Ironman triathletes, 44 of whom cramped during the race: their
pre- and post-race serum electrolytes and their body-mass change (about 3 % lost in both groups)
did not differ from the others', while the crampers had raced faster than predicted and more often
reported cramps before.

The virtual experiment is a race cohort of ``RUNNERS`` people like kramp's default person, each
drawn with a seeded random stream (``SEED``) and differing only in what the field study varied:

* **pace**: a race intensity ``i`` (share of the fastest pace in the field, uniform over
  ``INTENSITY_RANGE``) sets the race time, ``FASTEST_RACE_H / i`` (9–12.9 h for an Ironman;
  kramp's assumption for a typical age-group field), and the calf's final effort, a contraction
  at ``100 % × i`` of the maximal command: a faster racer works harder to the end;
* **sweat**: a race-long sweat rate (log-normal, median ``SWEAT_RATE_MEDIAN_L_PER_H``, spread
  ``SWEAT_RATE_CV``, within ``SWEAT_RATE_RANGE``) and sweat sodium (log-normal, median
  ``SWEAT_SODIUM_MEDIAN_MM``, within the table's range), both within the spread Baker (2017)
  reviews;
* **intake**: the share of the sweat replaced by drinking (uniform over ``REPLACEMENT_RANGE``),
  as a mixture of water and a sports drink (``SPORTS_DRINK``: Na 20, K 3 mmol/L, the typical
  label of a carbohydrate–electrolyte drink; Cl 22 mmol/L, the rest of the anions citrate);
* **cramp-proneness**: a share ``PRONE_SHARE`` of the runners (Schwellnus et al.'s crampers were
  about a fifth of the field) have target G1's cramp-prone physiology, Ib interneurones with
  less tonic descending facilitation (``interneurons.ib_descending`` −2 instead of 2 mV; Khan &
  Burne 2007 found the tendon afferents' inhibition weaker in people who cramp): their cramp
  history.

The race itself runs on the slow clock: each runner's sweat and drink over the race time are one
fluid balance (``kramp.physiology.fluids``; the kidneys make little urine during a race and are
left out of it), which gives the post-race plasma Na, K and Cl and the body mass lost. Those ions
then reach the runner's nerves and muscles, and at the finish the calf, shortened as in a push-off
(target G6's posture), makes its final effort for ``mlc.HOLD_MS`` and lets go. A runner cramped
when the spasm detector finds a discharge following the command's end
(:func:`kramp.analysis.cramp.involuntary_activity`, outputs only), as in G6.

Each predictor is tested alone by a logistic regression of cramp on it (standardised), with a
likelihood-ratio test (χ², 1 degree of freedom): the target passes when no electrolyte nor the
body-mass change reaches p < ``ALPHA``, while race time (faster: more cramps) and cramp history
(more cramps) do. The field's multivariable model is not repeated: with a cohort this small, one
predictor at a time is what the data can carry. Nothing was fitted to G10 (a prediction).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from scipy import optimize, stats

from kramp.analysis import cramp
from kramp.physiology import fluids, interneurons
from kramp.scenarios import runner
from kramp.scenarios.loader import load_scenario
from kramp.validation import cramp_targets
from kramp.validation import muscle_length_cramp_targets as mlc

RUNNERS = 16
SEED = 2011
FASTEST_RACE_H = 9.0
INTENSITY_RANGE = (0.7, 1.0)
SWEAT_RATE_MEDIAN_L_PER_H = 0.8
SWEAT_RATE_CV = 0.25
SWEAT_RATE_RANGE = (0.4, 1.15)  # × the slowest race time stays inside fluids.sweat's 15 L
SWEAT_SODIUM_MEDIAN_MM = 40.0
SWEAT_SODIUM_CV = 0.4
REPLACEMENT_RANGE = (0.6, 1.0)
SPORTS_DRINK = {"drink_sodium": 20.0, "drink_potassium": 3.0, "drink_chloride": 22.0}
PRONE_SHARE = 0.3
PRONE_IB_DESCENDING_MV = cramp_targets.CRAMP_PRONE[("parameters", "interneurons", "ib_descending")]
ALPHA = 0.05
# published: no difference in post-race electrolytes or in body-mass change (2.8 vs 3.1 % lost)
PUBLISHED_MASS_LOSS_PERCENT = (2.8, 3.1)
ELECTROLYTES = ("plasma_sodium_mM", "plasma_potassium_mM", "plasma_chloride_mM",
                "body_mass_loss_percent")
RISKS = ("race_time_h", "cramp_history")


def _log_normal(rng: np.random.Generator, median: float, cv: float, n: int) -> np.ndarray:
    sigma = np.sqrt(np.log1p(cv * cv))
    return median * np.exp(sigma * rng.standard_normal(n))


@cache
def field() -> dict[str, np.ndarray]:
    """The runners' race: each one's draws (module doc) and the post-race plasma and body-mass
    loss the slow clock gives."""
    rng = np.random.default_rng(SEED)
    intensity = rng.uniform(*INTENSITY_RANGE, RUNNERS)
    race_h = FASTEST_RACE_H / intensity
    sweat_rate = np.clip(_log_normal(rng, SWEAT_RATE_MEDIAN_L_PER_H, SWEAT_RATE_CV, RUNNERS),
                         *SWEAT_RATE_RANGE)
    sweat_sodium = np.clip(_log_normal(rng, SWEAT_SODIUM_MEDIAN_MM, SWEAT_SODIUM_CV, RUNNERS),
                           *fluids.SCENARIO["sweat_sodium"].range)
    replacement = rng.uniform(*REPLACEMENT_RANGE, RUNNERS)
    sports_share = rng.uniform(0.0, 1.0, RUNNERS)
    prone = rng.uniform(0.0, 1.0, RUNNERS) < PRONE_SHARE
    sweat = sweat_rate * race_h
    race = {"fluids.sweat": sweat, "fluids.sweat_sodium": sweat_sodium,
            "fluids.drink": replacement * sweat,
            **{f"fluids.{name}": share_of * sports_share
               for name, share_of in SPORTS_DRINK.items()}}
    plasma = {name: np.empty(RUNNERS) for name in ELECTROLYTES}
    for r in range(RUNNERS):
        values = {path.split(".", 1)[1]: float(column[r]) for path, column in race.items()}
        body = fluids.after_balance(values)
        plasma["plasma_sodium_mM"][r] = body.plasma_sodium
        plasma["plasma_potassium_mM"][r] = body.plasma_potassium
        plasma["plasma_chloride_mM"][r] = body.plasma_chloride
        plasma["body_mass_loss_percent"][r] = fluids.mass_loss_percent(values, body)
    return {**race, **plasma, "intensity": intensity, "race_time_h": race_h,
            "cramp_history": prone.astype(float)}


@cache
def cramped() -> np.ndarray:
    """Whether each runner's calf cramped after the final effort (module doc), as 0 or 1."""
    runners = field()
    cohort = {path: column for path, column in runners.items() if path.startswith("fluids.")}
    cohort["drive.level"] = 100.0 * runners["intensity"]
    cohort["interneurons.ib_descending"] = np.where(
        runners["cramp_history"] > 0.0, PRONE_IB_DESCENDING_MV,
        interneurons.PARAMETERS.defaults()["ib_descending"])
    scenario = load_scenario("exercise-cramp").updated(mlc.effort_changes(shortened=True))
    result, _ = runner.run(scenario, cohort=cohort)
    return np.array([cramp.involuntary_activity(result, r)["involuntary_duration_s"]
                     > cramp.CRAMP_MIN_S for r in range(RUNNERS)], dtype=float)


def likelihood_ratio(outcome: np.ndarray, predictor: np.ndarray) -> tuple[float, float]:
    """Logistic regression of a 0/1 ``outcome`` on one ``predictor`` (standardised): its slope
    (log-odds per standard deviation) and the likelihood-ratio test's p (χ², 1 df) against the
    intercept-only model. A predictor that separates the groups perfectly drives the likelihood
    to its bound 0 and the slope to the optimiser's limit; its p is still the test's."""
    spread = predictor.std()
    x = (predictor - predictor.mean()) / spread if spread > 0 else np.zeros_like(predictor)

    def negative_log_likelihood(beta: np.ndarray) -> float:
        eta = beta[0] + beta[1] * x
        return float(np.sum(np.logaddexp(0.0, eta) - outcome * eta))

    fit = optimize.minimize(negative_log_likelihood, np.zeros(2), method="L-BFGS-B",
                            bounds=[(-30.0, 30.0), (-30.0, 30.0)])
    share = outcome.mean()
    null = -float(np.sum(outcome * np.log(share) + (1 - outcome) * np.log1p(-share)))
    statistic = max(0.0, 2.0 * (null - fit.fun))
    return float(fit.x[1]), float(stats.chi2.sf(statistic, 1))


def predictors() -> dict:
    """The crampers' count, the field's mean body-mass loss and plasma Na range, and, where
    some but not all cramped, each predictor's logistic slope and p."""
    outcome = cramped()
    runners = field()
    found: dict = {"crampers": int(outcome.sum()), "runners": RUNNERS,
                   "mass_loss_percent": float(runners["body_mass_loss_percent"].mean()),
                   "sodium_range_mM": (float(runners["plasma_sodium_mM"].min()),
                                       float(runners["plasma_sodium_mM"].max()))}
    if 0 < found["crampers"] < RUNNERS:
        found["tests"] = {name: likelihood_ratio(outcome, runners[name])
                          for name in (*ELECTROLYTES, *RISKS)}
    return found


def target_g10() -> dict:
    found = predictors()
    shown = (f"{found['crampers']} of {found['runners']} runners cramped after the race "
             f"(body mass lost {found['mass_loss_percent']:.1f} % on average, plasma Na "
             f"{found['sodium_range_mM'][0]:.0f}–{found['sodium_range_mM'][1]:.0f} mM)")
    passed = False
    if "tests" in found:
        tests = found["tests"]
        shown += "; p: " + ", ".join(f"{name} {p:.2f}" for name, (_, p) in tests.items())
        passed = (all(tests[name][1] >= ALPHA for name in ELECTROLYTES)
                  and tests["race_time_h"][1] < ALPHA and tests["race_time_h"][0] < 0.0
                  and tests["cramp_history"][1] < ALPHA and tests["cramp_history"][0] > 0.0)
    else:
        shown += "; with no cramper (or no non-cramper) no predictor can be tested"
    return {
        "id": "G10",
        "quantity": "what predicts a cramp in a virtual endurance race: serum electrolytes and "
                    "body-mass change against pace and cramp history",
        "published": ("210 Ironman triathletes, 44 cramped: no difference in any pre- or "
                      "post-race serum electrolyte or in body-mass change (about "
                      f"{PUBLISHED_MASS_LOSS_PERCENT[0]:g} vs {PUBLISHED_MASS_LOSS_PERCENT[1]:g} "
                      "% lost); cramp linked to faster race times and a cramp history"),
        "band": (f"in {RUNNERS} virtual racers, post-race Na, K, Cl and body-mass loss not "
                 f"significant (p ≥ {ALPHA:g}); faster race time and cramp history significant "
                 f"(p < {ALPHA:g}) with more cramps"),
        "model_value": shown,
        "passed": bool(passed),
        "source": "Schwellnus MP, Drew N, Collins M 2011, Br J Sports Med (full-paper details "
                  "not re-checked)",
    }
