"""Target F8: nerve conduction during Wallerian degeneration, by Gilliatt & Hjorth's protocol.

Gilliatt & Hjorth (1972) cut baboons' nerves and stimulated the distal stump day after day,
recording the muscle's response and the nerve's own action potential. The virtual experiment:
kramp's ``nerve-conduction-study`` (the tibial nerve at the ankle and behind the knee, abductor
hallucis recorded) on one person whose nerve was cut above both electrodes, once for each day
after the section. Read from the outputs, per day:

* the CMAP: the distal site's M-wave amplitude (``analysis.nerve.conduction_study``);
* the nerve action potential: the share of the axons that carried the distal pulse's impulse to
  their terminals (the motor-axon terminals' spikes within ``NERVE_WINDOW_MS`` of the pulse),
  against day 0 — kramp simulates the axons' spikes, not the potential an electrode would pick
  up from them, so the count stands for the nerve potential's size;
* the conduction velocity between the two sites, from the M-waves' latencies.

A response is lost when it has fallen below ``LOST_SHARE`` of day 0's.
"""

from __future__ import annotations

from functools import cache

import numpy as np

DAYS = tuple(float(day) for day in range(11))
NERVE_WINDOW_MS = 20.0
LOST_SHARE = 0.1
CV_TOLERANCE = 0.1  # "CV within 10 % of baseline ..."
CMAP_SMALL = 0.2  # "... while the CMAP is > 20 % of baseline"


def _day(days: float) -> dict:
    from kramp.analysis import nerve
    from kramp.scenarios import load_scenario, runner

    scenario = load_scenario("nerve-conduction-study").updated({
        ("parameters", "nerve_injury", "transected"): 1.0,
        ("parameters", "nerve_injury", "transection_days"): days})
    result, _ = runner.run(scenario)
    study = nerve.conduction_study(result, "abductor_hallucis")
    first = nerve.stimulation_pulses(result)[0].time_ms
    times = result["axon.terminal.spike_time_ms"].values
    units = result["axon.terminal.spike_unit"].values
    answered = (times >= first) & (times < first + NERVE_WINDOW_MS)
    return {"cmap_mV": study["cmap_amplitude_mV"] or 0.0,
            "cv_m_per_s": study["conduction_velocity_m_per_s"],
            "conducting": int(np.unique(units[answered]).size)}


@cache
def course() -> dict[float, dict]:
    """CMAP (mV), conduction velocity (m/s) and conducting axons, by day after the section."""
    return {day: _day(day) for day in DAYS}


def _first_lost(values: list[float]) -> float | None:
    return next((day for day, value in zip(DAYS, values, strict=True)
                 if value < LOST_SHARE * values[0]), None)


def target_f8() -> dict:
    found = course()
    cmap = [found[day]["cmap_mV"] for day in DAYS]
    axons = [float(found[day]["conducting"]) for day in DAYS]
    cmap_lost, nerve_lost = _first_lost(cmap), _first_lost(axons)
    baseline_cv = found[0.0]["cv_m_per_s"]
    cv_kept = all(abs(found[day]["cv_m_per_s"] - baseline_cv) <= CV_TOLERANCE * baseline_cv
                  for day in DAYS
                  if found[day]["cmap_mV"] > CMAP_SMALL * cmap[0]
                  and found[day]["cv_m_per_s"] is not None)
    passed = (cmap_lost is not None and 4.0 <= cmap_lost <= 6.0 and nerve_lost is not None
              and nerve_lost >= cmap_lost + 1.0 and cv_kept)
    shown = ", ".join(f"day {day:g}: {found[day]['cmap_mV']:.1f} mV, "
                      f"{found[day]['conducting']} axons" for day in DAYS)
    return {
        "id": "F8",
        "quantity": "CMAP and conducting axons (the nerve action potential) day by day after "
                    "a nerve section, distal stimulation; conduction velocity while the CMAP "
                    "lasts",
        "published": "muscle response to distal stimulation gone after 4–5 days; the nerve "
                     "action potential lasted 2–3 days longer; distal latency and conduction "
                     "velocity unchanged until the CMAP was already small (baboon)",
        "band": "CMAP lost by day 4–6; nerve AP lost ≥ 1 day after the CMAP; CV within 10 % of "
                "baseline while the CMAP is > 20 % of baseline",
        "model_value": (f"CMAP lost (< {100 * LOST_SHARE:g} %) on day {cmap_lost}, nerve AP on "
                        f"day {nerve_lost}; CV within 10 % while the CMAP lasted: "
                        f"{'yes' if cv_kept else 'no'} ({shown})"),
        "passed": bool(passed),
        "source": "Gilliatt RW, Hjorth RJ 1972, J Neurol Neurosurg Psychiatry 35:335–341",
    }
