"""Target E8: water retained without solute dilutes plasma sodium.

A 70 kg man (total body water 0.6 × mass = 42 L) at 140 mmol/L retains 3 L and then 5 L of
solute-free water with renal water excretion off; :mod:`kramp.physiology.fluids` gives his plasma
sodium and the hyponatraemia class of Spasovski et al. (2014). The published values are the
closed-system mass balance of Edelman et al. (1958) behind the Adrogué–Madias formula, so E8
checks that kramp's fluid compartments keep that balance (and name the classes on their
boundaries), not an experiment. Renal water excretion is not modelled yet ("excretion on").
"""

from __future__ import annotations

from kramp.physiology import fluids

E8_RETAINED_L = (3.0, 5.0)
E8_PUBLISHED_MM = (130.7, 125.1)
E8_TOLERANCE_MM = 1.0
# (plasma Na, class) on and beside the classes' boundaries (Spasovski et al. 2014)
E8_BOUNDARIES = ((135.0, None), (134.9, "mild"), (130.0, "mild"), (129.9, "moderate"),
                 (125.0, "moderate"), (124.9, "profound"))


def e8_plasma_sodium_mM() -> list[float]:
    man = fluids.at_rest({"body_mass": 70.0, "water_fraction": 0.6, "plasma_sodium": 140.0})
    return [fluids.exchange(man, water_L=litres).plasma_sodium for litres in E8_RETAINED_L]


def target_e8() -> dict:
    model = e8_plasma_sodium_mM()
    close = all(abs(m - p) <= E8_TOLERANCE_MM
                for m, p in zip(model, E8_PUBLISHED_MM, strict=True))
    classes = [fluids.hyponatraemia_class(na) for na, _ in E8_BOUNDARIES]
    named = classes == [expected for _, expected in E8_BOUNDARIES]
    return {
        "id": "E8",
        "quantity": "plasma Na of a 70 kg man (TBW 42 L, 140 mmol/L) retaining 3 and 5 L of "
                    "solute-free water, excretion off; hyponatraemia class on the boundaries",
        "published": ", ".join(f"{v:.1f} mmol/L" for v in E8_PUBLISHED_MM)
                     + " (closed-system mass balance); classes mild 130–135, moderate "
                       "125–129, profound < 125",
        "band": f"each within ±{E8_TOLERANCE_MM:g} mmol/L; classes exact",
        "model_value": ", ".join(f"{v:.2f} mmol/L" for v in model)
                       + "; classes " + ", ".join(f"{na:g}: {c or 'normal'}" for (na, _), c
                                                  in zip(E8_BOUNDARIES, classes, strict=True)),
        "passed": bool(close and named),
        "source": "Spasovski G et al. 2014, Eur J Endocrinol 170:G1–G47; Hew-Butler T et al. "
                  "2015, Br J Sports Med 49:1432–1446; Edelman IS et al. 1958, J Clin Invest "
                  "37:1236 (mass balance)",
    }
