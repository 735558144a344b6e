"""Targets D2, D4, D5, D6 and D10: the ankle's reflexes, mostly from the bundled scenarios a
user would run.

D2 reads the soleus H-wave's latency from the ``h-reflex`` recruitment curve; D4 compares the
stretch reflex of the ``stroke-spasticity`` person (the lesion) with the same person with the
default, healthy descending control, and their Hmax/Mmax; D5 reads the clonus at the end of the
same runs, and the lesioned ankle's viscosity to imposed sinusoids (one batch of people). The
measures are those of :mod:`kramp.analysis.reflex`, which read outputs only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from itertools import pairwise

import numpy as np
import xarray as xr

from kramp.analysis import reflex
from kramp.scenarios import runner
from kramp.scenarios.loader import load_scenario

# The parameters by which the ``stroke-spasticity`` person's descending control differs from a
# healthy person's (the tables' defaults).
LESION = (("spinal", "ia_presynaptic_inhibition"), ("spinal", "ii_transmission"),
          ("drive", "monoamine"), ("interneurons", "ia_descending"),
          ("interneurons", "ib_descending"))


def _descending_control(healthy: bool) -> dict[tuple[str, ...], float | str]:
    """The lesion's values (as the ``stroke-spasticity`` scenario sets them) or the defaults."""
    lesioned = load_scenario("stroke-spasticity")
    tables = {table.component: table for table in lesioned.tables()}
    return {("parameters", component, name): (tables[component][name].value if healthy
                                              else lesioned.parameters[component][name])
            for component, name in LESION}


@cache
def _run(scenario_id: str, healthy: bool, angle_deg: float | None = None):
    """The scenario with the lesion's or the default descending control, and the ankle held at
    ``angle_deg`` (None: where the scenario holds it)."""
    changes = _descending_control(healthy)
    if angle_deg is not None:
        changes[("parameters", "movement", "start_angle")] = f"{angle_deg:g} deg"
    return runner.run(load_scenario(scenario_id).updated(changes))[0]


def _h_rows(healthy: bool, angle_deg: float = 0.0) -> list[dict]:
    """The ``h-reflex`` recruitment curve with the ankle held at ``angle_deg`` (D2, D4 and D14
    share the neutral one)."""
    return reflex.h_and_m_waves(_run("h-reflex", healthy, angle_deg), 0)


def target_d2() -> dict:
    rows = [row for row in _h_rows(True) if row["h_latency_ms"] is not None]
    largest = max(rows, key=lambda row: row["h_wave_mV"]) if rows else None
    latency = largest["h_latency_ms"] if largest else None
    return {
        "id": "D2",
        "quantity": "soleus H-reflex latency (tibial nerve in the popliteal fossa)",
        "published": "30.8 ± 2.6 ms (healthy adults aged 60–88)",
        "band": ("28.2–33.4 ms (the band is for an elderly-type person; kramp's default "
                 "person is an adult with an 800 mm cord-to-calf path)"),
        "model_value": ("no H-wave" if latency is None else
                        f"{latency:.1f} ms at the largest H-wave ({largest['h_wave_mV']:.2f} mV, "
                        f"{largest['intensity_mA']:g} mA)"),
        "passed": bool(latency is not None and 28.2 <= latency <= 33.4),
        "source": ("Muscle Nerve 1994, 'H reflex latency in the healthy elderly' (likely "
                   "Falco FJ et al.; not re-checked)"),
    }


def _rising(values: list[float]) -> bool:
    return len(values) >= 3 and all(b > a for a, b in pairwise(values))


def target_d4() -> dict:
    lesion = reflex.reflex_by_velocity(_run("stroke-spasticity", False), 0)
    healthy = reflex.reflex_by_velocity(_run("stroke-spasticity", True), 0)
    emg = [row["reflex_emg_mV"] for row in lesion]
    torque = [row["resisting_torque_Nm"] for row in lesion]
    healthy_emg = [row["reflex_emg_mV"] for row in healthy]
    ratio_lesion = reflex.h_max_over_m_max(_h_rows(False))
    ratio_healthy = reflex.h_max_over_m_max(_h_rows(True))
    little = bool(healthy_emg) and bool(emg) and max(healthy_emg) < 0.25 * max(emg)
    h_above = (ratio_lesion is not None and ratio_healthy is not None
               and ratio_lesion > ratio_healthy)
    speeds = ", ".join(f"{row['velocity_deg_per_s']:g}" for row in lesion)
    return {
        "id": "D4",
        "quantity": "velocity-dependent stretch reflex after an upper-motor-neurone lesion",
        "published": ("tonic stretch reflex grows with stretch velocity after the lesion "
                      "(Lance); H/M above healthy"),
        "band": ("lesion: reflex EMG and resisting torque rise monotonically with velocity; "
                 "healthy: largest reflex EMG < 25 % of the lesion's; lesion H/M > healthy H/M"),
        "model_value": (f"speeds {speeds} °/s; lesion EMG "
                        f"{', '.join(f'{1e3 * v:.0f}' for v in emg)} µV; torque "
                        f"{', '.join(f'{v:.0f}' for v in torque)} N·m; healthy EMG "
                        f"{', '.join(f'{1e3 * v:.0f}' for v in healthy_emg)} µV; H/M lesion "
                        f"{ratio_lesion if ratio_lesion is None else round(ratio_lesion, 2)}, "
                        f"healthy "
                        f"{ratio_healthy if ratio_healthy is None else round(ratio_healthy, 2)}"),
        "passed": bool(_rising(emg) and _rising(torque) and little and h_above),
        "source": ("Lance JW 1980, in Feldman RG, Young RR, Koella WP (eds) Spasticity: "
                   "Disordered Motor Control, pp 485–494; Koelman JHTM et al. 1993, JNNP 56:776"),
    }


# D5's other half, Rack, Ross & Thilmann's (1984) measure: sinusoids imposed on the lesioned
# ankle about neutral, one frequency to each person of one batch, the person relaxed. Where the
# joint's viscosity (``reflex.dynamic_stiffness``) is negative the torque does net work on the
# moving foot: the reflex assists the movement, and a suitable load could then oscillate at
# that frequency. The relaxed, areflexic joint's viscosity is its own damping, 0.05 N·m·s/rad,
# so a negative value is the reflex's. The amplitude is kramp's choice: small enough for the
# reflex to stay near linear, large enough to recruit it (the paper's amplitudes not re-checked).
D5_SINE_FREQUENCIES_HZ = (2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0)
D5_SINE_AMPLITUDE_DEG = 2.0
D5_SINE_START_MS = 300.0
D5_SINE_DURATION_MS = 2000.0
D5_ASSIST_BAND_HZ = (3.0, 7.0)


def sinusoid_run(frequencies_hz: Sequence[float] = D5_SINE_FREQUENCIES_HZ,
                 changes: Mapping[str, Mapping[str, float]] | None = None) -> xr.Dataset:
    """D5's sinusoids on the relaxed, lesioned ankle, one person per frequency of
    ``frequencies_hz``, each person also changed by ``changes`` (by component and parameter)."""
    from kramp.engine import build_model, simulate

    values: dict[str, dict] = {
        "drive": {"level": 0.0},
        "movement": {"start_angle": 0.0, "sine_amplitude": D5_SINE_AMPLITUDE_DEG,
                     "sine_frequency": np.array(frequencies_hz),
                     "sine_start": D5_SINE_START_MS, "sine_duration": D5_SINE_DURATION_MS}}
    for (_, component, name), value in _descending_control(False).items():
        values.setdefault(component, {})[name] = value
    for component, named in (changes or {}).items():
        values.setdefault(component, {}).update(named)
    model = build_model("ankle", values, n_person=len(frequencies_hz))  # the four muscles
    return simulate(model, D5_SINE_START_MS + D5_SINE_DURATION_MS)


@cache
def sinusoid_viscosities() -> np.ndarray:
    """The lesioned ankle's viscosity (N·m·s/rad) at each of ``D5_SINE_FREQUENCIES_HZ``."""
    result = sinusoid_run()
    return np.array([reflex.dynamic_stiffness(result, p)["viscosity_Nm_s_per_rad"]
                     for p in range(len(D5_SINE_FREQUENCIES_HZ))])


def _rate(hz: float | None) -> str:
    return "none" if hz is None else f"{hz:.1f} Hz"


def _parts(found: dict) -> str:
    """The cycle's plantarflexing and dorsiflexing parts, where the foot oscillates."""
    if found["clonus_plantarflexion_ms"] is None:
        return ""
    return (f", cycle {found['clonus_plantarflexion_ms']:.0f} ms plantarflexing and "
            f"{found['clonus_dorsiflexion_ms']:.0f} ms dorsiflexing")


def target_d5() -> dict:
    lesion = reflex.clonus(_run("stroke-spasticity", False), 0)
    healthy = reflex.clonus(_run("stroke-spasticity", True), 0)
    frequency = lesion["clonus_frequency_hz"]
    shown = _rate(frequency)
    healthy_shown = _rate(healthy["clonus_frequency_hz"])
    viscosities = sinusoid_viscosities()
    assisted = [f for f, b in zip(D5_SINE_FREQUENCIES_HZ, viscosities, strict=True) if b < 0.0]
    low, high = D5_ASSIST_BAND_HZ
    assists_in_band = any(low <= f <= high for f in assisted)
    return {
        "id": "D5",
        "quantity": ("clonus after an upper-motor-neurone lesion (foot released under load), and "
                     "the frequencies at which the reflex assists an imposed sinusoid"),
        "published": ("the reflex assists an imposed sinusoidal movement at some frequency "
                      "between 3 and 7 Hz; sustained oscillation at 3–7 Hz; clonus half-period "
                      "79.3 ± 12.3 ms (≈ 6.3 Hz) in spastic patients, the plantarflexion part "
                      "71.8 ± 6.7 ms and the dorsiflexion part 88.6 ± 10.8 ms"),
        "band": ("lesion: sustained oscillation at 5–7.5 Hz, and negative joint viscosity to a "
                 "±2° sinusoid at some frequency in 3–7 Hz; healthy: none"),
        "model_value": (f"lesion {shown} (swing {lesion['clonus_swing_deg']:.2f}°, EMG rhythm "
                        f"{_rate(lesion['clonus_discharge_hz'])}{_parts(lesion)}), healthy "
                        f"{healthy_shown}; lesion viscosity to ±{D5_SINE_AMPLITUDE_DEG:g}° at "
                        + ", ".join(f"{f:g}" for f in D5_SINE_FREQUENCIES_HZ) + " Hz: "
                        + ", ".join(f"{b:.2f}" for b in viscosities) + " N·m·s/rad (assists at "
                        + (", ".join(f"{f:g}" for f in assisted) + " Hz" if assisted else "none")
                        + ")"),
        "passed": bool(frequency is not None and 5.0 <= frequency <= 7.5
                       and healthy["clonus_frequency_hz"] is None and assists_in_band),
        "source": ("Rack PMH, Ross HF, Thilmann AF 1984, Brain; J Electromyogr Kinesiol 2011, "
                   "doi 10.1016/j.jelekin.2010.11.005"),
    }


# D6: pairs of tibial-nerve pulses at the intensity of the h-reflex scenario's largest H-wave in
# the healthy person, 1 ms wide as there, at the paired-pulse intervals of the published series
# (1, 0.3, 0.2 and 0.1 Hz) and at 8 s. The published ratios are means over many pairs, and one
# pair's H2/H1 in kramp spreads by about ±12 % (the second H-wave meets the motoneurones and the
# Ia fibres in another state), so each interval gets its own batch of ``D6_REPLICATES`` healthy
# people and as many with the lesion, one pair each, and the ratio is that of their mean H-waves.
D6_INTENSITY_MA = 5.5
D6_FIRST_PULSE_MS = 500.0
D6_INTERVALS_MS = (1000.0, 10000.0 / 3.0, 5000.0, 8000.0, 10000.0)
D6_REPLICATES = 8
D6_LESION_1HZ_BAND = (0.70, 0.80)
D6_LESION_01HZ_MIN = 0.88


@cache
def paired_h_ratios() -> dict[str, dict[str, np.ndarray]]:
    """H2/H1 of the soleus at each of ``D6_INTERVALS_MS``, healthy and after the lesion: the
    ratio of the mean second H-wave to the mean first over ``D6_REPLICATES`` pairs (``ratio``),
    and the standard error of the pairs' own ratios (``se``)."""
    from kramp.analysis.nerve import Pulse
    from kramp.engine import build_model, simulate
    from kramp.scenarios.runner import values_at

    lesion = values_at(load_scenario("stroke-spasticity"), None, 0.0)
    healthy = _descending_control(True)
    n = D6_REPLICATES
    found = {group: {"ratio": [], "se": []} for group in ("healthy", "lesion")}
    for interval in D6_INTERVALS_MS:
        values: dict[str, dict] = {
            "drive": {"level": 0.0},
            "emg": {"sampling_rate": 10000.0},
            "stimulation": {"pulse_width": 1.0, "pulse_count": 2.0, "site_distance": 100.0,
                            "first_pulse": D6_FIRST_PULSE_MS, "intensity": D6_INTENSITY_MA,
                            "frequency": 1e3 / interval}}
        for component, name in LESION:
            values.setdefault(component, {})[name] = np.repeat(
                [healthy[("parameters", component, name)], lesion[component][name]], n)
        model = build_model("ankle", values, n_person=2 * n)  # the ankle's four muscles
        result = simulate(model, np.ceil(D6_FIRST_PULSE_MS + interval + 100.0))
        pulses = [Pulse(D6_FIRST_PULSE_MS + k * interval, 100.0, D6_INTENSITY_MA)
                  for k in range(2)]
        waves = np.array([[row["h_wave_mV"] for row in reflex.h_and_m_waves(result, p,
                                                                            pulses=pulses)]
                          for p in range(2 * n)])
        for g, group in enumerate(("healthy", "lesion")):
            first, second = waves[g * n:(g + 1) * n].T
            pair_ratios = second / first
            found[group]["ratio"].append(second.mean() / first.mean())
            found[group]["se"].append(pair_ratios.std(ddof=1) / np.sqrt(n))
    return {group: {key: np.array(values) for key, values in measures.items()}
            for group, measures in found.items()}


def target_d6() -> dict:
    ratios = paired_h_ratios()
    healthy, lesion = ratios["healthy"]["ratio"], ratios["lesion"]["ratio"]
    low, high = D6_LESION_1HZ_BAND
    eight_s = D6_INTERVALS_MS.index(8000.0)
    lesion_rising = bool(np.all(np.diff(np.delete(lesion, eight_s)) >= 0.0))
    passed = bool(low <= lesion[0] <= high and lesion_rising
                  and lesion[-1] >= D6_LESION_01HZ_MIN and healthy[0] < lesion[0]
                  and healthy[eight_s] < 1.0)

    def listed(group: str) -> str:
        return ", ".join(f"{100 * v:.0f} ± {100 * se:.0f} %"
                         for v, se in zip(ratios[group]["ratio"], ratios[group]["se"],
                                          strict=True))

    return {
        "id": "D6",
        "quantity": "post-activation depression of the soleus H-reflex (paired pulses)",
        "published": ("chronic stroke, paretic soleus: H2/H1 74.3 % at 1 Hz, 84.1 % at 0.3 Hz, "
                      "85.5 % at 0.2 Hz, 92.7 % at 0.1 Hz; healthy people more depressed, for "
                      "longer than 8 s"),
        "band": (f"lesion {100 * low:g}–{100 * high:g} % at 1 Hz rising to ≥ "
                 f"{100 * D6_LESION_01HZ_MIN:g} % at 0.1 Hz; healthy below the lesion at 1 Hz "
                 "and < 100 % at 8 s"),
        "model_value": (f"H2/H1 at 1, 0.3, 0.2, 0.125, 0.1 Hz: lesion {listed('lesion')}; "
                        f"healthy {listed('healthy')} (means of {D6_REPLICATES} pairs at "
                        f"{D6_INTENSITY_MA:g} mA, each ± the SE of the pairs' own ratios)"),
        "passed": passed,
        "source": ("Somatosens Mot Res 2020, doi 10.1080/08990220.2020.1807925; Exp Brain Res "
                   "1989;78:28–32 (likely Crone C, Nielsen J; not re-checked)"),
    }


D10_ANGLE_DEG = -25.0
# D17 (kramp's own, the same abstract): of the 39 spindle afferents (primaries and secondaries)
# Burke et al. recorded, 24 kept a sustained discharge in the relaxed muscle; the band is that
# share's 95 % (Wilson) interval. kramp's endings differ only in a multiplicative sensitivity,
# so every one that the model spindle drives fires: a prediction nothing was tuned to.
D17_ACTIVE_SHARE = (0.459, 0.751)
# Spindle endings with thresholds of their own (``afferents.spindle_threshold_mean``, off by
# default): the mean threshold and the discharge scale fitted together to D17's share and D10's
# mean rate (61 % active, the active Ia fibres at 10.9 Hz), the slowest sustained discharge Burke
# et al.'s (not fitted). Not the default: the stroke-spasticity person's stretch reflex to the
# slow ramps is lost with it (docs/findings.md).
SILENT_ENDINGS = (("spindle_threshold_mean", 13.0), ("spindle_minimum_rate", 4.8),
                  ("spindle_discharge_scale", 0.19))


RELAXED_SETTLE_MS = 500.0
RELAXED_COUNT_MS = 2000.0


@cache
def relaxed_spindle_rates_hz(angle_deg: float,
                             afferent_values: tuple[tuple[str, float], ...] = ()
                             ) -> dict[str, np.ndarray]:
    """Each spindle afferent's mean rate (Hz) over ``RELAXED_COUNT_MS`` after
    ``RELAXED_SETTLE_MS``, the ankle (soleus and tibialis) relaxed and held at ``angle_deg``, by
    ``muscle.kind`` (kinds ``ia`` and ``ii``); ``afferent_values`` (name, value) pairs of the
    ``afferents`` table to change."""
    from kramp.engine import build_model, simulate

    muscles = ("soleus", "tibialis_anterior")
    model = build_model("ankle", {"drive": {"level": 0.0},
                                  "movement": {"start_angle": angle_deg},
                                  "afferents": dict(afferent_values)},
                        muscle_names=list(muscles))
    result = simulate(model, RELAXED_SETTLE_MS + RELAXED_COUNT_MS)
    times = result["afferent_axon.terminal.spike_time_ms"].values
    fibre = result["afferent_axon.terminal.spike_unit"].values
    kind = result["afferent_kind"].values
    muscle = result["afferent_muscle"].values
    rates = (np.bincount(fibre[times > RELAXED_SETTLE_MS], minlength=kind.size)
             / (RELAXED_COUNT_MS * 1e-3))
    return {f"{m}.{k}": rates[(muscle == m) & (kind == k)] for m in muscles for k in ("ia", "ii")}


def relaxed_tibialis_discharge(afferent_values: tuple[tuple[str, float], ...] = ()
                               ) -> dict[str, np.ndarray]:
    """The tibialis anterior's spindle afferents of ``relaxed_spindle_rates_hz`` at
    ``D10_ANGLE_DEG``, by kind: ``ia`` and ``ii``."""
    found = relaxed_spindle_rates_hz(D10_ANGLE_DEG, afferent_values)
    return {kind: found[f"tibialis_anterior.{kind}"] for kind in ("ia", "ii")}


def target_d10() -> dict:
    """Not in shared/validation/targets.md (read-only here): kramp's calibration of human spindle
    discharge, from the abstract of Burke, Skuse & Stuart (1979)."""
    counts = relaxed_tibialis_discharge()["ia"]
    active = counts[counts > 0]
    mean = float(active.mean()) if active.size else 0.0
    return {
        "id": "D10",
        "quantity": ("resting discharge of relaxed tibialis anterior spindle afferents, ankle at "
                     "25° plantar flexion"),
        "published": "24 of 39 endings active, at 11.1 Hz on average (range 4.8–22.1 Hz)",
        "band": "mean rate of the active Ia fibres 8–14 Hz",
        "model_value": f"{active.size} of {counts.size} Ia fibres active, {mean:.1f} Hz",
        "passed": bool(8.0 <= mean <= 14.0),
        "source": "Burke D, Skuse NF, Stuart DG 1979, J Physiol 291:277–290 (abstract)",
    }


def target_d17() -> dict:
    """Not in shared/validation/targets.md (read-only here): the share of relaxed tibialis
    anterior spindle endings that discharge at all, from the abstract D10 reads."""
    found = relaxed_tibialis_discharge()
    every = np.concatenate([found["ia"], found["ii"]])
    share = float((every > 0).mean())
    low, high = D17_ACTIVE_SHARE
    return {
        "id": "D17",
        "quantity": ("share of relaxed tibialis anterior spindle afferents (primaries and "
                     "secondaries) with a sustained discharge, ankle at 25° plantar flexion"),
        "published": "24 of 39 endings (62 %)",
        "band": f"{100 * low:.0f}–{100 * high:.0f} % (the published share's 95 % interval)",
        "model_value": (f"{100 * share:.0f} % ({int((found['ia'] > 0).sum())} of "
                        f"{found['ia'].size} Ia, {int((found['ii'] > 0).sum())} of "
                        f"{found['ii'].size} II fibres)"),
        "passed": bool(low <= share <= high),
        "source": "Burke D, Skuse NF, Stuart DG 1979, J Physiol 291:277–290 (abstract)",
    }


# D14 (kramp's own, from the abstract of a 2002 study in J Electromyogr Kinesiol 12:361–366): the
# relaxed soleus's H-reflex with the ankle held at 20° of plantarflexion, at neutral and at 20°
# of dorsiflexion, the maximal M-wave controlled. Every H-reflex measure depended on the angle:
# dorsiflexion suppressed the motoneurones' excitability, while plantarflexion left every
# measure where it was at neutral. The virtual experiment is the ``h-reflex`` scenario (the
# default person, knee extended; the paper's posture was not re-checked) with the ankle held at
# each of ``D14_ANGLES_DEG``, Hmax/Mmax read from each recruitment curve. The abstract gives no
# numbers: "not different" is read as within ``D14_SAME_SHARE`` of neutral, "suppressed" as
# below ``D14_SUPPRESSED_SHARE`` of it (kramp's reading). The plantarflexed ankle is where the
# calf is short and tibialis anterior is stretched, so its spindles' reciprocal inhibition of the
# soleus is strongest there (target G6 and the exercise cramp sit at that angle). A prediction:
# nothing was tuned to it.
D14_ANGLES_DEG = (-20.0, 0.0, 20.0)  # plantarflexion, neutral, dorsiflexion
D14_SAME_SHARE = 0.2
D14_SUPPRESSED_SHARE = 0.9


def h_over_m_by_angle() -> dict[float, float | None]:
    """Hmax/Mmax of the relaxed soleus at each of ``D14_ANGLES_DEG`` (the ``h-reflex`` scenario
    with the ankle held there)."""
    return {angle: reflex.h_max_over_m_max(_h_rows(True, angle)) for angle in D14_ANGLES_DEG}


def target_d14() -> dict:
    ratios = h_over_m_by_angle()
    plantar, neutral, dorsal = (ratios[angle] for angle in D14_ANGLES_DEG)
    measured = None not in (plantar, neutral, dorsal) and neutral > 0.0
    passed = bool(measured and abs(plantar / neutral - 1.0) <= D14_SAME_SHARE
                  and dorsal < D14_SUPPRESSED_SHARE * neutral)
    shown = ("no H- or M-wave at some angle" if not measured else
             f"Hmax/Mmax {plantar:.3f} at 20° plantarflexion ({100 * plantar / neutral:.0f} % "
             f"of neutral), {neutral:.3f} at neutral, {dorsal:.3f} at 20° dorsiflexion "
             f"({100 * dorsal / neutral:.0f} %)")
    return {
        "id": "D14",
        "quantity": "relaxed soleus H-reflex (Hmax/Mmax) against the ankle angle",
        "published": ("every H-reflex measure suppressed at 20° of dorsiflexion; at 20° of "
                      "plantarflexion none differed from neutral (Mmax controlled)"),
        "band": (f"Hmax/Mmax at 20° plantarflexion within ±{100 * D14_SAME_SHARE:g} % of "
                 f"neutral; at 20° dorsiflexion below {100 * D14_SUPPRESSED_SHARE:g} % of neutral "
                 "(kramp's reading of the abstract)"),
        "model_value": shown,
        "passed": passed,
        "source": ("J Electromyogr Kinesiol 2002;12:361–366, 'Assessment of soleus motoneuronal "
                   "excitability using the joint angle dependent H reflex in humans' (abstract; "
                   "authors not re-checked)"),
    }
