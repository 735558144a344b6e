"""Targets F1, F2, F4, F5, F10, F11 and F12: the end plate's safety factor under receptor block,
the decrement to slow repetitive stimulation, the course of a local botulinum injection,
tetrodotoxin, how soon the motor terminals and the muscle fibres answer a second pulse, whether
a fibre fires twice to an end-plate current prolonged as in the slow-channel syndrome, and how
soon after the first its second discharge comes.

Every experiment follows the ``botulinum`` scenario's person through its protocol (one
supramaximal pulse, or a train, to the ulnar nerve at the wrist; the compound muscle action
potential of the first dorsal interosseous, peak to peak, :mod:`kramp.analysis.nerve`), once at
each level of the parameter swept: the same person (anatomy, quanta, which end plates a toxin
reaches) at every level, as in a patient studied repeatedly.

* **F1** (Paton & Waud 1967): single pulses with a share of the acetylcholine receptors blocked
  (``junction.acetylcholine_receptors`` = 1 − share). The twitch (peak force) relative to the
  unblocked person's: the smallest blocked share at which it has fallen by
  ``F1_FALL`` (starts to fall) and the smallest at which it is below ``F1_NEAR_COMPLETE``
  (near-complete block). kramp's fibres (human, 37 °C) against cat tibialis and sartorius in
  vivo: a species difference the row keeps in view.
* **F2** (Abraham et al. 2017): ten pulses at 3 Hz; the decrement from the first CMAP to the
  smaller of the 4th and 5th, in the healthy person and with functional receptors reduced.
* **F4** (Hamjian & Walker 1994): 10 U of botulinum toxin, the CMAP on days 0 to 56 weekly,
  and the decrement of ten 3 Hz pulses at the nadir. U₀, τ_on and τ_off were chosen for this
  course: a calibration.
* **F10** (kramp's own; Kopec, Delbeke & McComas 1978): pairs of supramaximal pulses at
  intervals from 2 ms (the stimulator's 500 Hz) to 6 ms, one run per interval. A unit's absolute
  refractory period is the shortest interval at which its motor terminal, or its muscle fibre,
  answers the second pulse too (the fibre's action potentials as kramp emits them: regenerative
  rises through the detection level, :mod:`kramp.engine.components.sarcolemma`). Kopec et al.
  separated the two by subtracting M-waves in the median nerve and thenar muscles; the same
  person's first dorsal interosseous (ulnar nerve) stands in for them here.
* **F5**: tetrodotoxin's block of muscle Na⁺ channels is its published IC50 (an input, not a
  prediction); measured are the concentration that blocks conduction (the CMAP gone) and
  whether the ``tetrodotoxin`` scenario is flaccid without spasm. kramp has no cardiac
  channel, so the band's cardiac part cannot be shown.
* **F11** (kramp's own; Di et al. 2020, abstract): in the slow-channel congenital myasthenic
  syndrome a single nerve stimulus evokes a repetitive CMAP in the patients whose mutant
  receptors' openings last 8.68 ± 2.82 times as long as normal, and none in those at 3.84 ±
  0.65 times. A receptor's burst sets the end-plate current's decay, so the virtual experiment
  is the default fibre (55 µm, normal ions) with its end plate as a cable
  (:mod:`kramp.physiology.end_plate_cable`): one end-plate conductance of the normal peak (the
  safety factor's), decaying ``F11_PROLONGATIONS`` times more slowly than normal, and the action
  potentials that pass the recording segment. The patients' end plates also lose receptors
  (end-plate myopathy), which lowers the peak; the normal peak is the case most favourable to
  a second action potential. It tests the fibre, not the esterase: F3's organophosphate
  prolongs kramp's end-plate current 3.5 times at 95 % inhibition
  (``junction.decay_prolongation``), inside the patients' range without repetitive CMAPs.
* **F12** (kramp's own; Muscle Nerve 1996, abstract): a synaptic repetitive CMAP (excess
  acetylcholine at the end plate: congenital myasthenia, the slow-channel syndrome,
  acetylcholinesterase inhibition) in a patient consisted of two discharges, the second beginning
  3.5–4.0 ms after the first, slightly longer than the synapse–muscle refractory period: the
  fibre fires again as soon as it can. The abstract does not name the patient's disease; F11's
  current with a repetitive CMAP (8.68 times the normal decay, normal peak) stands in, and the
  interval between the first two action potentials at the recording segment is compared.
"""

from __future__ import annotations

from functools import cache

import numpy as np

F1_BLOCKED = (0.0, 0.6, 0.65, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.85, 0.9, 0.92, 0.95)
F1_FALL = 0.05  # the twitch has started to fall when 5 % smaller
F1_NEAR_COMPLETE = 0.1  # near-complete block: the twitch below 10 % of the unblocked one
F2_RECEPTORS = (1.0, 0.5, 0.3, 0.25, 0.2)
TRAIN = {"stimulation.pulse_count": 10, "stimulation.frequency": "3 Hz",
         "stimulation.first_pulse": "100 ms", "drive.level": "0 %", "duration": "3.3 s"}
F4_DAYS = tuple(float(d) for d in range(0, 57, 7))
F4_UNITS = 10.0
F5_DOSES_NM = (0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 20.0, 50.0)
F10_INTERVALS_MS = tuple(2.0 + 0.25 * i for i in range(17))  # 2 to 6 ms
F10_FIRST_PULSE_MS = 100.0
F10_BAND_MS = (2.5, 3.0)
F11_PROLONGATIONS = {"without": 3.84, "with": 8.68}  # group means of Di et al. (2020)
F11_WATCH_MS = 25.0
F12_INTERVAL_BAND_MS = (3.5, 4.0)  # the second discharge's delay, as published


def _runs(path: str, levels, changes: dict | None = None) -> list[dict]:
    """The summary of the same person (person 0 of its own run, so the same anatomy and
    streams) in the ``botulinum`` protocol without its toxin (a single pulse and no effort
    unless ``changes`` say otherwise), at each level of parameter ``path``."""
    from kramp import scenarios

    sets = ["toxins.botulinum=0 U", "drive.level=0 %", "duration=400 ms"]
    sets += [f"{key}={value}" for key, value in (changes or {}).items()]
    base = scenarios.apply_overrides(scenarios.load_scenario("botulinum"), sets)
    found = []
    for level in levels:
        scenario = base.updated({("parameters", *path.split(".")): float(level)})
        result, _ = scenarios.run(scenario)
        found.append(scenarios.summarise(result))
    return found


def decrement(summary: dict) -> float:
    """1 − the smaller of the 4th and 5th CMAP over the first (a share)."""
    amplitudes = [c["amplitude_mV"] for c in summary["cmaps"]]
    return 1.0 - min(amplitudes[3], amplitudes[4]) / amplitudes[0]


@cache
def f1_twitches() -> np.ndarray:
    """Peak force at each blocked share of ``F1_BLOCKED``, relative to the unblocked one's."""
    people = _runs("junction.acetylcholine_receptors", [1.0 - b for b in F1_BLOCKED])
    force = np.array([p["peak_force_N"] for p in people])
    return force / force[0]


def target_f1() -> dict:
    twitch = f1_twitches()
    blocked = np.array(F1_BLOCKED)
    falls = blocked[twitch < 1.0 - F1_FALL]
    gone = blocked[twitch < F1_NEAR_COMPLETE]
    onset = float(falls[0]) if falls.size else None
    complete = float(gone[0]) if gone.size else None
    passed = (onset is not None and 0.70 <= onset <= 0.80
              and complete is not None and complete >= 0.90)
    shown = ", ".join(f"{100 * b:.0f} %: {100 * t:.0f}" for b, t in zip(blocked, twitch,
                                                                           strict=True))
    return {
        "id": "F1",
        "quantity": "twitch against the share of acetylcholine receptors blocked, single "
                    "supramaximal pulses (kramp: human first dorsal interosseous, 37 °C)",
        "published": "threshold block at receptor occupancy 0.76 ± 0.05, nearly complete at "
                     "0.917: safety factors 4.1 (most sensitive fibres) to 12 (most resistant) "
                     "(cat tibialis and sartorius in vivo, 0.1 Hz)",
        "band": "twitch starts to fall at 70–80 % blocked; near-complete block at ≥ 90 %",
        "model_value": (f"twitch (% of unblocked) at {shown}; falls from "
                        + (f"{100 * onset:.0f} %" if onset is not None else "—")
                        + ", below 10 % from "
                        + (f"{100 * complete:.0f} %" if complete is not None else "—")
                        + " blocked; the end plates' safety factors spread from "
                          "4 to 12 (junction.safety_factor_spread, Paton & Waud's own: a "
                          "calibration)"),
        "passed": bool(passed),
        "source": "Paton WDM, Waud DR 1967, J Physiol 191:59–90",
    }


@cache
def f2_decrements() -> dict[float, float]:
    """The 3 Hz decrement (share) at each functional receptor share of ``F2_RECEPTORS``."""
    people = _runs("junction.acetylcholine_receptors", F2_RECEPTORS, TRAIN)
    return {r: decrement(p) for r, p in zip(F2_RECEPTORS, people, strict=True)}


def target_f2() -> dict:
    found = f2_decrements()
    healthy, half = found[1.0], found[0.5]
    myasthenic = [found[r] for r in (0.3, 0.25, 0.2)]
    passed = healthy < 0.10 and half < 0.10 and max(myasthenic) >= 0.10
    shown = ", ".join(f"{100 * (1 - r):.0f} % lost: {100 * d:.1f} %" for r, d in found.items())
    return {
        "id": "F2",
        "quantity": "CMAP decrement (1st → smaller of 4th/5th) to 10 pulses at 3 Hz, by share "
                    "of functional acetylcholine receptors lost",
        "published": "normal < 10 % (7–8 % gave 95–96 % specificity in facial muscles); "
                     "myasthenic end plates keep about 20–30 % of their receptors",
        "band": "healthy < 10 %; ≥ 10 % once 70–80 % of receptors are lost; < 10 % at half",
        "model_value": f"decrement with {shown}",
        "passed": bool(passed),
        "source": "Abraham A et al. 2017, Muscle Nerve 55:166–170; Paton & Waud 1967",
    }


@cache
def f4_course() -> dict:
    """CMAP (mV) on each day of ``F4_DAYS`` after 10 U, and the 3 Hz decrement at the nadir."""
    people = _runs("toxins.botulinum_days", F4_DAYS,
                         {"toxins.botulinum": f"{F4_UNITS:g} U"})
    cmap = np.array([p["cmap_amplitude_mV"] for p in people])
    nadir = F4_DAYS[int(np.argmin(cmap))]
    train = _runs("toxins.botulinum_days", [nadir],
                        {"toxins.botulinum": f"{F4_UNITS:g} U", **TRAIN})[0]
    return {"cmap_mV": cmap, "nadir_day": nadir, "decrement": decrement(train)}


def target_f4() -> dict:
    found = f4_course()
    cmap = found["cmap_mV"]
    loss = 1.0 - cmap.min() / cmap[0]
    passed = (14.0 <= found["nadir_day"] <= 28.0 and 0.5 <= loss <= 0.9
              and found["decrement"] < 0.10)
    shown = ", ".join(f"day {d:g}: {c:.2f}" for d, c in zip(F4_DAYS, cmap, strict=True))
    return {
        "id": "F4",
        "quantity": "CMAP after 10 U of botulinum toxin A into the muscle, weekly for 8 weeks; "
                    "3 Hz decrement at the nadir (kramp: first dorsal interosseous)",
        "published": "extensor digitorum brevis 8.3 ± 3.1 → 3.0 ± 0.9 mV at day 21 (−64 %), "
                     "down within 48 h; 2 Hz decrement never above 6 %; the dose–response "
                     "levels off at 85–90 % loss at 15–20 U",
        "band": "nadir at day 14–28, −50 to −90 %; 2–3 Hz decrement < 10 %",
        "model_value": (f"CMAP (mV) {shown}; nadir day {found['nadir_day']:g}, "
                        f"−{100 * loss:.0f} %; 3 Hz decrement there "
                        f"{100 * found['decrement']:.1f} %"),
        "passed": bool(passed),
        "source": "Hamjian JA, Walker FO 1994, Muscle Nerve 17:1385–1392",
    }


@cache
def f5_block() -> dict:
    """CMAP (mV) at each TTX dose of ``F5_DOSES_NM`` and the ``tetrodotoxin`` scenario's
    summary."""
    from kramp import scenarios

    people = _runs("toxins.tetrodotoxin", F5_DOSES_NM)
    result, _ = scenarios.run(scenarios.load_scenario("tetrodotoxin"))
    return {"cmap_mV": np.array([p["cmap_amplitude_mV"] for p in people]),
            "scenario": scenarios.summarise(result)}


def target_f5() -> dict:
    from kramp.physiology import toxins

    found = f5_block()
    cmap, summary = found["cmap_mV"], found["scenario"]
    blocked = [d for d, c in zip(F5_DOSES_NM, cmap, strict=True) if c < 0.1 * cmap[0]]
    ic50 = toxins.PARAMETERS["tetrodotoxin_muscle_ic50"].value
    flaccid = summary["spasm"] is False and summary["weakness"] is True
    cardiac_unaffected = None  # kramp has no cardiac channel to show it
    shown = ", ".join(f"{d:g} nM: {c:.2f}" for d, c in zip(F5_DOSES_NM, cmap, strict=True))
    return {
        "id": "F5",
        "quantity": "muscle Na⁺-channel IC50; conduction (CMAP) against TTX; the tetrodotoxin "
                    "scenario's verdict; a cardiac-type channel",
        "published": "Na_V1.4 EC50 25 nM (human), 5 nM (rat); cardiac Na_V1.5 micromolar",
        "band": "muscle IC50 12.5–50 nM; conduction block with flaccid weakness and no spasm; "
                "a cardiac-type channel unaffected below 1 µM",
        "model_value": (f"muscle IC50 {ic50:g} nM (the published value, taken as input); CMAP "
                        f"(mV) at {shown}: conduction blocked from "
                        + (f"{blocked[0]:g} nM" if blocked else "— (never)")
                        + f"; tetrodotoxin scenario: strength {summary['strength_percent']:.0f} "
                          f"%, spasm {summary['spasm']}; no cardiac channel in kramp"),
        "passed": bool(12.5 <= ic50 <= 50.0 and blocked and flaccid and cardiac_unaffected),
        "source": "Catterall WA et al. 2005, Pharmacol Rev 57:397–409 (IUPHAR)",
    }


@cache
def f10_refractory_periods() -> dict[str, np.ndarray]:
    """Each unit's absolute refractory period (ms; NaN: longer than the longest interval) for
    its motor terminal ("terminal") and its muscle fibre ("fibre"), from paired pulses at each
    interval of ``F10_INTERVALS_MS``."""
    from kramp import scenarios

    sets = ["toxins.botulinum=0 U", "drive.level=0 %", "stimulation.pulse_count=2",
            f"stimulation.first_pulse={F10_FIRST_PULSE_MS:g} ms",
            f"duration={F10_FIRST_PULSE_MS + max(F10_INTERVALS_MS) + 20.0:g} ms"]
    base = scenarios.apply_overrides(scenarios.load_scenario("botulinum"), sets)
    found = {"terminal": None, "fibre": None}
    for interval in F10_INTERVALS_MS:
        scenario = base.updated({("parameters", "stimulation", "frequency"): 1e3 / interval})
        result, _ = scenarios.run(scenario)
        for part, spikes in (("terminal", "axon.terminal"),
                             ("fibre", "sarcolemma.action_potentials")):
            times = result[f"{spikes}.spike_time_ms"].values
            mine = ((result[f"{spikes}.spike_person"].values == 0)
                    & (times >= F10_FIRST_PULSE_MS) & (times < F10_FIRST_PULSE_MS + 20.0))
            answers = np.bincount(result[f"{spikes}.spike_unit"].values[mine],
                                  minlength=result.sizes["unit"])
            if found[part] is None:
                found[part] = np.full(answers.size, np.nan)
            newly = (answers >= 2) & np.isnan(found[part])
            found[part][newly] = interval
    return found


def _share_in_band(periods: np.ndarray) -> float:
    low, high = F10_BAND_MS
    return float(np.mean((periods >= low) & (periods <= high)))


def _distribution(periods: np.ndarray) -> str:
    values, counts = np.unique(periods[~np.isnan(periods)], return_counts=True)
    shown = ", ".join(f"{v:g} ms: {c}" for v, c in zip(values, counts, strict=True))
    longer = int(np.isnan(periods).sum())
    return shown + (f", > {max(F10_INTERVALS_MS):g} ms: {longer}" if longer else "")


def target_f10() -> dict:
    found = f10_refractory_periods()
    terminal, fibre = found["terminal"], found["fibre"]
    passed = _share_in_band(terminal) > 0.5 and _share_in_band(fibre) > 0.5
    return {
        "id": "F10",
        "quantity": "absolute refractory periods of the motor terminals and of the muscle "
                    "fibres to paired supramaximal nerve pulses (kramp: ulnar nerve, first "
                    "dorsal interosseous)",
        "published": "median nerve and thenar muscles: the distal motor nerve branches' and "
                     "the muscle fibres' absolute refractory periods similar, most within "
                     "2.5–3.0 ms, one mode; the terminals' relative refractory period about "
                     "5 ms",
        "band": "more than half of the terminals and more than half of the fibres at "
                "2.5–3.0 ms",
        "model_value": (f"fibres {_distribution(fibre)} (median {np.nanmedian(fibre):g} ms, "
                        f"{100 * _share_in_band(fibre):.0f} % in 2.5–3.0 ms); terminals "
                        f"{_distribution(terminal)} ({min(F10_INTERVALS_MS):g} ms is the "
                        "shortest interval a 500 Hz stimulator gives)"),
        "passed": bool(passed),
        "source": "Kopec J, Delbeke J, McComas AJ 1978, J Neurol Neurosurg Psychiatry 41:54",
    }


@cache
def f11_action_potentials() -> dict[str, np.ndarray]:
    """Times (ms) of the action potentials passing the recording segment of the default fibre
    (``sarcolemma.DEFAULT_FIBRE_DIAMETER_UM``) after one end-plate conductance of the normal peak
    whose decay is prolonged by each of ``F11_PROLONGATIONS`` (keyed as there)."""
    from kramp.physiology import end_plate_cable, ions
    from kramp.physiology import sarcolemma as sl

    values = sl.PARAMETERS.defaults()
    found = {}
    for group, prolongation in F11_PROLONGATIONS.items():
        q = sl.unit_constants({**values, "epc_tau": values["epc_tau"] * prolongation},
                              ions.PARAMETERS.defaults(), sl.DEFAULT_FIBRE_DIAMETER_UM,
                              cable=True)
        found[group] = end_plate_cable.response(q, q[sl.Q.epc_amplitude],
                                                duration_ms=F11_WATCH_MS)[0]
    return found


def target_f11() -> dict:
    found = f11_action_potentials()
    without, with_ = found["without"], found["with"]

    def shown(times: np.ndarray) -> str:
        if times.size < 2:
            return f"{times.size} action potential{'s' if times.size != 1 else ''}"
        return (f"{times.size} action potentials, the second {times[1] - times[0]:.2f} ms after "
                "the first")

    return {
        "id": "F11",
        "quantity": "a second action potential from one end-plate current whose decay is "
                    "prolonged as in the slow-channel syndrome (the default fibre as a cable)",
        "published": "repetitive CMAP to a single stimulus with receptor bursts 8.68 ± 2.82 "
                     "times normal; none at 3.84 ± 0.65 times (60 patients)",
        "band": "one action potential with the decay 3.84 times normal; two or more at 8.68 "
                "times",
        "model_value": (f"3.84 times: {shown(without)}; 8.68 times: {shown(with_)} "
                        f"(within {F11_WATCH_MS:g} ms; normal peak conductance)"),
        "passed": bool(without.size == 1 and with_.size >= 2),
        "source": "Di L, Chen H, Lu Y, Selcen D, Engel AG, Da Y, Shen X-M 2020, Neurology "
                  "95:e2781–e2793, doi 10.1212/WNL.0000000000010734 (abstract)",
    }


def target_f12() -> dict:
    with_ = f11_action_potentials()["with"]
    low, high = F12_INTERVAL_BAND_MS
    interval = float(with_[1] - with_[0]) if with_.size >= 2 else None
    return {
        "id": "F12",
        "quantity": "delay of the second discharge of a synaptic repetitive response (the "
                    "default fibre as a cable, one end-plate current decaying 8.68 times more "
                    "slowly than normal, F11's)",
        "published": "two discharges, the second beginning 3.5–4.0 ms after the first, slightly "
                     "longer than the synapse–muscle refractory period (one patient; the "
                     "abstract does not name the disease)",
        "band": f"a second action potential {low:g}–{high:g} ms after the first",
        "model_value": (f"second action potential {interval:.2f} ms after the first"
                        if interval is not None else
                        f"no second action potential within {F11_WATCH_MS:g} ms"),
        "passed": bool(interval is not None and low <= interval <= high),
        "source": "\"Repetitive CMAPs: mechanisms of neural and synaptic genesis\", Muscle Nerve "
                  "1996;19:1127–1133 (abstract; authors not re-checked)",
    }
