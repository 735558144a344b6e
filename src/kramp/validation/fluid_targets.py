"""Targets E8 and E9: water retained without solute dilutes plasma sodium, and the periphery
hardly notices.

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


# --- E9: hyponatraemia hardly touches the periphery ------------------------------------------
E9_SODIUM_MM = (145.0, 125.0)
E9_INSIDE_SODIUM_MM = 12.0  # E1's mammalian muscle set
E9_TEMPERATURE_DEGC = 37.0
E9_PUBLISHED_SHIFT_MV = -4.0
E9_SHIFT_TOLERANCE_MV = 0.1
E9_REST_CHANGE_MV = 1.0
E9_RUN_MS = 1000.0


def e9_periphery() -> dict:
    """The E_Na shift of 145 → 125 mmol/L, and the calf at rest in the default person, with
    only its sodium lowered to what `water-intoxication` leaves (E9's "Na change alone"), and
    after `water-intoxication` itself (which dilutes its potassium too): the fibres' resting
    potentials and any spontaneous discharge."""
    from kramp import scenarios
    from kramp.physiology import ions

    outside = [ions.nernst_mV(1, na, E9_INSIDE_SODIUM_MM, E9_TEMPERATURE_DEGC)
               for na in E9_SODIUM_MM]
    diluted = scenarios.load_scenario("water-intoxication")
    sodium = fluids.after_balance(diluted.fluids).plasma_sodium
    normal = diluted.updated({("fluids",): None})
    found = {}
    for label, scenario in (("normal", normal),
                            ("sodium", normal.updated({("parameters", "ions", "sodium"):
                                                       f"{sodium!r} mM"})),
                            ("diluted", diluted)):
        result, _ = scenarios.run(scenario, duration_ms=E9_RUN_MS)
        found[label] = scenarios.summarise(result)
    return {"shift_mV": float(outside[1] - outside[0]), "sodium_mM": sodium, **found}


def target_e9() -> dict:
    found = e9_periphery()
    rest = {label: found[label]["fibre_resting_potential_mV"]
            for label in ("normal", "sodium", "diluted")}
    change = rest["sodium"] - rest["normal"]
    quiet = all(found[label]["involuntary_spikes"] == 0
                and not found[label]["spontaneous_discharges"] for label in ("sodium", "diluted"))
    passed = (abs(found["shift_mV"] - E9_PUBLISHED_SHIFT_MV) <= E9_SHIFT_TOLERANCE_MV
              and abs(change) < E9_REST_CHANGE_MV and quiet)
    return {
        "id": "E9",
        "quantity": "plasma Na 145 → 125 mmol/L: E_Na shift at 37 °C; the calf at rest with its "
                    f"Na alone lowered to {found['sodium_mM']:.1f} mmol/L (what "
                    "`water-intoxication` leaves): the fibres' resting-potential change and "
                    "spontaneous discharge",
        "published": f"E_Na {E9_PUBLISHED_SHIFT_MV:+.1f} mV (66.6 → 62.6 mV); symptoms mainly "
                     "cerebral",
        "band": f"shift within ±{E9_SHIFT_TOLERANCE_MV:g} mV; rest change < "
                f"{E9_REST_CHANGE_MV:g} mV; no spontaneous discharge",
        "model_value": f"shift {found['shift_mV']:+.2f} mV; rest {rest['normal']:.2f} → "
                       f"{rest['sodium']:.2f} mV ({change:+.2f}) with Na alone, "
                       f"{rest['diluted']:.2f} mV after the whole dilution (K⁺ "
                       f"{found['diluted']['plasma_potassium_mM']:.2f} mmol/L too); "
                       f"spontaneous discharge: {'none' if quiet else 'yes'}",
        "passed": bool(passed),
        "source": "Nernst equation; Hodgkin AL, Katz B 1949, J Physiol 108:37–77 (direction)",
    }
