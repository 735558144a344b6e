"""Which of a cause's factors most change its spasm: a Morris elementary-effects screening
(Morris 1991, Technometrics 33:161; the sampling and analysis of SALib, Herman & Usher 2017) run
as one cohort.

The scenario's ``[sensitivity]`` table names the factors — the cause's own strength and the
person's parameters — and their bounds. Each Morris point is one virtual person of one batched
run; each person's outputs go through the spasm detector alone, which gives two responses:
whether that person had a spasm (occurrence, 0 or 1) and its **severity**, the strongest
episode's peak involuntary force (% of maximum) times its duration (s). ``mu_star`` (the mean
absolute elementary effect) ranks the factors; ``sigma`` (their spread) says how much a factor's
effect depends on the others (interaction or non-linearity).
"""

from __future__ import annotations

import numpy as np

from kramp.analysis import spasm
from kramp.scenarios.schema import Scenario


def severity(found: dict) -> float:
    """Peak involuntary force (% of max) × duration (s) of the strongest spasm episode; 0
    without a spasm."""
    episodes = found["spasm_episodes"] if found["spasm"] else []
    strongest = max(episodes, key=lambda e: e["peak_force_percent"], default=None)
    return 0.0 if strongest is None else strongest["peak_force_percent"] * strongest["duration_s"]


def screen(scenario: Scenario, *, seed: int = 0) -> dict:
    """The Morris screening of ``scenario``'s ``[sensitivity]`` factors (module doc)."""
    from SALib.analyze import morris as analyse
    from SALib.sample import morris as sample

    from kramp import scenarios

    bounds = scenario.sensitivity_bounds()
    names = list(bounds)
    problem = {"num_vars": len(names), "names": names,
               "bounds": [list(bounds[name]) for name in names]}
    levels = scenario.sensitivity.levels
    points = sample.sample(problem, N=scenario.sensitivity.trajectories, num_levels=levels,
                           seed=seed)
    result, _ = scenarios.run(scenario, cohort={name: points[:, k].copy()
                                                for k, name in enumerate(names)})
    verdicts = [spasm.verdict(result, person) for person in range(points.shape[0])]
    occurrence = np.array([float(found["spasm"]) for found in verdicts])
    severities = np.array([severity(found) for found in verdicts])
    effects = {response: analyse.analyze(problem, points, values, num_levels=levels,
                                         seed=seed)
               for response, values in (("severity", severities), ("occurrence", occurrence))}
    units = {table.component + "." + param.name: param.unit
             for table in scenario.tables() for param in table}
    factors = [{"path": name, "low": bounds[name][0], "high": bounds[name][1],
                "unit": units[name],
                "mu_star_severity": float(effects["severity"]["mu_star"][k]),
                "sigma_severity": float(effects["severity"]["sigma"][k]),
                "mu_star_occurrence": float(effects["occurrence"]["mu_star"][k])}
               for k, name in enumerate(names)]
    factors.sort(key=lambda f: (-f["mu_star_severity"], -f["mu_star_occurrence"]))
    return {"scenario": scenario.id, "people": int(points.shape[0]),
            "trajectories": scenario.sensitivity.trajectories, "levels": levels,
            "spasm_share": float(occurrence.mean()), "factors": factors}
