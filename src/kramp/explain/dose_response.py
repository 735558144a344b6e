"""Dose–response of spontaneous motor-axon activity: how much the axons of a resting hand muscle
fire on their own as one thing in the blood moves away from normal — ionised calcium, magnesium,
potassium, or the body's water.

Each factor is one run of the ``hypocalcaemia`` scenario's resting hand (first dorsal
interosseous, no drive) with a cohort of virtual people, one per level: every person is given all
of the membranes' ions, the factor's at its level and the others at the reference person's, so
a level's answer is that of a person like that alone. For the body's water a level is a net gain
(plain water drunk) or loss (sweat of the reference composition), and the person's ions are what
:func:`kramp.physiology.fluids.membrane_ions` makes of it. The response is read from the outputs
only: the spikes born in the axons without a stimulus
(:func:`kramp.analysis.nerve.spontaneous_discharges`). The threshold is the first level, going out
from the normal range, at which any axon discharges.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kramp.physiology import acid_base, fluids, ions

BASE_SCENARIO = "hypocalcaemia"
DURATION_MS = 1000.0


@dataclass(frozen=True)
class Factor:
    """One thing in the blood, the levels it is set to, and the clinical normal range."""

    key: str
    label: dict[str, str]
    unit: str
    levels: tuple[float, ...]
    normal: tuple[float, float]
    normal_source: str
    ions_at: Callable[[float], dict[str, float]]  # the membranes' ions of a person at a level


def _reference_ions() -> dict[str, float]:
    return {name: ions.PARAMETERS[name].value
            for name in ("sodium", "potassium", "calcium", "magnesium")}


def _with(name: str, scale: float = 1.0) -> Callable[[float], dict[str, float]]:
    return lambda level: _reference_ions() | {name: level * scale}


def _water(change_L: float) -> dict[str, float]:
    balance = {"drink": change_L} if change_L > 0 else {"sweat": -change_L}
    felt = fluids.membrane_ions(balance)
    return _reference_ions() | {"sodium": felt["sodium"], "potassium": felt["potassium"]}


def _water_normal() -> tuple[float, float]:
    """The body-water changes that keep plasma Na within 135–145 mmol/L (Spasovski 2014)."""
    changes = np.linspace(-6.0, 6.0, 1201)
    sodium = np.array([_water(c)["sodium"] for c in changes])
    inside = changes[(sodium >= 135.0) & (sodium <= 145.0)]
    return float(inside.min()), float(inside.max())


FACTORS: dict[str, Factor] = {f.key: f for f in (
    Factor("ionised_calcium", {"en": "ionised calcium", "sv": "joniserat kalcium"}, "mM",
           (1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5),
           (1.13, 1.24), "serum 1.184 ± 0.054 mmol/L (± 2 SD), Clin Chem 1978;24:1545",
           _with("calcium")),
    Factor("total_magnesium", {"en": "plasma magnesium (total)",
                               "sv": "magnesium i plasma (totalt)"}, "mM",
           (1.2, 1.05, 0.85, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1),
           (0.70, 1.05), "Pham et al. 2014",
           _with("magnesium", acid_base.PARAMETERS["ionised_magnesium_share"].value)),
    Factor("potassium", {"en": "plasma potassium", "sv": "kalium i plasma"}, "mM",
           (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0),
           (3.5, 5.0), "StatPearls, Hypokalemia", _with("potassium")),
    Factor("body_water_change", {"en": "body-water change (drunk + / sweated −)",
                                 "sv": "ändring av kroppsvattnet (druckit + / svettats −)"},
           "L", (-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0),
           _water_normal(), "plasma Na 135–145 mmol/L (Spasovski et al. 2014)", _water),
)}


@dataclass(frozen=True)
class Curve:
    """One factor's levels and what the axons did at each."""

    factor: Factor
    levels: np.ndarray
    rate_per_axon_hz: np.ndarray
    discharging_fraction: np.ndarray

    @property
    def threshold(self) -> float | None:
        """The first level, going out from the normal range on either side, with discharges
        (the nearer one when both sides discharge); None when none does."""
        low, high = self.factor.normal
        firing = self.discharging_fraction > 0.0
        below = [x for x, f in zip(self.levels, firing, strict=True) if f and x < low]
        above = [x for x, f in zip(self.levels, firing, strict=True) if f and x > high]
        candidates = ([(low - max(below), max(below))] if below else []) + (
            [(min(above) - high, min(above))] if above else [])
        return min(candidates)[1] if candidates else None

    def to_json(self) -> dict:
        return {"factor": self.factor.key, "unit": self.factor.unit,
                "normal": list(self.factor.normal), "normal_source": self.factor.normal_source,
                "threshold": self.threshold,
                "levels": [{"level": float(x), "rate_per_axon_hz": float(r),
                            "discharging_fraction": float(f)}
                           for x, r, f in zip(self.levels, self.rate_per_axon_hz,
                                              self.discharging_fraction, strict=True)]}


def sweep(factor: Factor, levels: Iterable[float] | None = None,
          duration_ms: float = DURATION_MS) -> Curve:
    """Run the factor's levels as one cohort (module doc)."""
    from kramp.analysis.nerve import spontaneous_discharges
    from kramp.scenarios import load_scenario, run

    chosen = np.array(sorted(factor.levels if levels is None else levels))
    people = [factor.ions_at(float(x)) for x in chosen]
    cohort = {f"ions.{name}": np.array([p[name] for p in people]) for name in people[0]}
    result, _ = run(load_scenario(BASE_SCENARIO), duration_ms=duration_ms, cohort=cohort)
    found = [spontaneous_discharges(result, person) for person in range(chosen.size)]
    n_axons = result["unit"].size
    return Curve(factor, chosen,
                 np.array([d["spontaneous_discharge_rate_hz"] / n_axons for d in found]),
                 np.array([d["discharging_axon_fraction"] for d in found]))


def plot(curve: Curve, path: Path, lang: str = "en") -> None:
    """The curve with the normal range shaded and the threshold marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    words = {"en": ("spontaneous discharge per axon (Hz)", "normal range", "threshold",
                    "no spontaneous discharge in this range", "share of axons discharging"),
             "sv": ("spontan urladdning per axon (Hz)", "normalområde", "tröskel",
                    "ingen spontan urladdning i detta område", "andel axon som urladdar")}[lang]
    factor = curve.factor
    figure, axis = plt.subplots(figsize=(6.4, 4.6), layout="constrained")
    axis.axvspan(*factor.normal, color="tab:green", alpha=0.15, label=words[1])
    axis.plot(curve.levels, curve.rate_per_axon_hz, "o-", color="tab:red", label=words[0])
    share = axis.twinx()
    share.plot(curve.levels, curve.discharging_fraction, "s--", color="tab:blue", alpha=0.6,
               label=words[4])
    share.set_ylim(-0.05, 1.05)
    share.set_ylabel(words[4])
    if curve.threshold is not None:
        axis.axvline(curve.threshold, color="black", linestyle=":",
                     label=f"{words[2]}: {curve.threshold:g} {factor.unit}")
    else:
        axis.text(0.5, 0.5, words[3], transform=axis.transAxes, ha="center")
    axis.set_xlabel(f"{factor.label[lang]} ({factor.unit})")
    axis.set_ylabel(words[0])
    figure.legend(loc="outside lower center", ncols=2, fontsize="small")
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write(curves: list[Curve], out: Path, lang: str = "en") -> list[Path]:
    """One PNG per factor and ``dose_response.json`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for curve in curves:
        paths.append(out / f"{curve.factor.key}.png")
        plot(curve, paths[-1], lang)
    (out / "dose_response.json").write_text(
        json.dumps([c.to_json() for c in curves], ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
