"""Targets A3, A4 and A5: propagated action potentials and what sets their size and speed.

- A3: the HH cable of Hodgkin & Huxley (1952, Part VI) conducts at their computed 18.8 m/s.
- A4: lowering external sodium lowers the squid action potential's peak about as much as it
  lowers E_Na, and hardly moves the resting potential (Hodgkin & Katz 1949).
- A5: a population of model human motor axons conducts, between two stimulation sites, at the
  tibial motor nerve conduction velocity of young men (Kim et al. 2022), and fibre velocity rises
  nearly in proportion to fibre diameter (Hursh 1939).

Each ``target_a*`` returns ``{"id", "quantity", "published", "band", "model_value", "passed",
"source"}``, computed each time; a failing target reports its measured value.
"""

from __future__ import annotations

import math

import numpy as np

from kramp.engine import Record, build_model, simulate
from kramp.engine.cable import (
    CurrentPulse,
    build_cable,
    fibre_conduction_velocity_m_per_s,
    run_cable,
)
from kramp.params import Param, ParameterTable
from kramp.physiology import hh_membrane, nerve
from kramp.physiology.axon import uniform_hh_cable

# --- A3: velocity of the HH cable -------------------------------------------------------------
A3_BAND_M_PER_S = (18.6, 19.0)
A3_TEMPERATURE_DEGC = 18.5
# A 60 mm cable (about six length constants, λ ≈ 10.6 mm) stimulated at one end; arrivals at
# 20 and 40 mm, each two length constants from an end. A 0.2 ms, 20 µA pulse is well above
# threshold for the end compartment at every step size used.
A3_LENGTH_MM = 60.0
A3_SITES_MM = (20.0, 40.0)
A3_DURATION_MS = 5.0
A3_PULSE = CurrentPulse(amplitude_nA=2e4, delay_ms=0.0, width_ms=0.2)
# (compartment length mm, dt ms): a coarse pair, and one four times finer in space and time. The
# scheme is second order in both, so the velocity changes by ~1/16 of the coarse error.
A3_STEPS = ((0.1, 0.005), (0.025, 0.00125))
A3_COARSE_STEP = (0.2, 0.01)


def hh_cable_velocity_m_per_s(compartment_mm: float, dt_ms: float,
                              backend: str = "numba") -> float:
    """Velocity of the HH 1952 cable (476 µm, 35.4 Ω·cm, 18.5 °C) between 20 and 40 mm."""
    n = round(A3_LENGTH_MM / compartment_mm)
    spec = uniform_hh_cable(A3_LENGTH_MM, n, membrane={"temperature": A3_TEMPERATURE_DEGC})
    position_mm = spec.position_um / 1e3
    sites = [int(np.argmin(np.abs(position_mm - x))) for x in A3_SITES_MM]
    run = run_cable(build_cable([spec], dt_ms), A3_DURATION_MS, A3_PULSE,
                    record_index=np.array([sites]), backend=backend)
    return float(run.velocity_m_per_s()[0])


def target_a3(steps: tuple[tuple[float, float], ...] = A3_STEPS) -> dict:
    low, high = A3_BAND_M_PER_S
    values = [hh_cable_velocity_m_per_s(dx, dt) for dx, dt in steps]
    return {
        "id": "A3",
        "quantity": "conduction velocity of the propagated HH action potential, 476 µm, 18.5 °C",
        "published": "18.8 m/s (computed by Hodgkin & Huxley 1952)",
        "band": f"{low}–{high} m/s with converged space and time steps",
        "model_value": "; ".join(f"{v:.3f} m/s (Δx {dx * 1e3:g} µm, Δt {dt * 1e3:g} µs)"
                                 for v, (dx, dt) in zip(values, steps, strict=True)),
        "passed": all(low <= v <= high for v in values),
        "source": "Hodgkin AL, Huxley AF 1952, J Physiol 117:500–544 (Part VI)",
    }


# --- A4: the overshoot follows E_Na -----------------------------------------------------------
SQUID_SODIUM = ParameterTable(
    component="squid_sodium",
    references={
        "hille2001": (
            "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed. Sinauer, Table of ionic "
            "concentrations: squid axon [Na]o 440 mM, [Na]i 50 mM (secondary; not re-checked)"
        ),
        "hodgkin_katz1949": (
            "Hodgkin AL, Katz B (1949) The effect of sodium ions on the electrical activity of "
            "the giant axon of the squid. J Physiol 108:37–77"
        ),
    },
    params=(
        Param("na_out", 440.0, "mM", (300.0, 500.0), "hille2001",
              "sodium concentration of sea water bathing the axon (control)", "[Na]o"),
        Param("na_in", 50.0, "mM", (10.0, 100.0), "hille2001",
              "axoplasmic sodium concentration", "[Na]i"),
        Param("temperature", 6.3, "degC", (0.0, 25.0), "hodgkin_katz1949",
              "temperature of the experiment (HH rates' own; Hodgkin & Katz worked at about "
              "6–20 °C)", "T"),
    ),
)
A4_FRACTIONS = (1.0, 0.8, 0.6, 0.5, 0.33)  # [Na]o as a fraction of control
A4_RELATIVE_TOLERANCE = 0.30  # |ΔAP peak − ΔE_Na| ≤ 30 % of |ΔE_Na|
A4_REST_TOLERANCE_MV = 1.0
# Protocol: from rest, a 0.2 ms, 100 µA/cm² pulse (20 mV of charge, about twice threshold) at
# 2 ms; the peak is read after the pulse, at dt = 0.005 ms, within 20 ms.
A4_PULSE = {"amplitude": 100.0, "delay": 2.0, "width": 0.2}
A4_DT_MS = 0.005
A4_DURATION_MS = 20.0
GAS_CONSTANT_J_PER_MOL_K = 8.314462618
FARADAY_C_PER_MOL = 96485.33212
ZERO_DEGC_IN_K = 273.15


def nernst_mV(out_mM: float, in_mM: float, temperature_degC: float) -> float:
    """E = (RT/zF) ln([out]/[in]) for a monovalent cation, in mV."""
    rt_over_f_mV = (GAS_CONSTANT_J_PER_MOL_K * (temperature_degC + ZERO_DEGC_IN_K)
                    / FARADAY_C_PER_MOL * 1e3)
    return rt_over_f_mV * math.log(out_mM / in_mM)


def sodium_sweep(fractions: tuple[float, ...] = A4_FRACTIONS) -> dict[str, np.ndarray]:
    """E_Na, resting potential and action-potential peak (mV) at each [Na]o fraction.

    One batch of HH membranes (one unit per fraction), E_Na from the Nernst equation at the
    experiment's temperature; each starts at its own resting potential.
    """
    na = SQUID_SODIUM.defaults()
    fractions_arr = np.asarray(fractions, dtype=float)
    e_na = np.array([nernst_mV(f * na["na_out"], na["na_in"], na["temperature"])
                     for f in fractions_arr])
    base = dict(hh_membrane.PARAMETERS.defaults(), temperature=na["temperature"])
    rest = np.array([hh_membrane.resting_potential(dict(base, e_na=e)) for e in e_na])
    model = build_model(
        "hh_membrane",
        {"membrane": {"temperature": na["temperature"], "e_na": e_na, "v_init": rest},
         "stimulus": A4_PULSE},
        n_unit=fractions_arr.size, dt_ms=A4_DT_MS)
    result = simulate(model, A4_DURATION_MS,
                      records=[Record("membrane.v", A4_DT_MS, name="v_mV", time_dim="time")])
    after_pulse = result.time_ms.values > A4_PULSE["delay"] + A4_PULSE["width"]
    peak = result.v_mV.values[after_pulse, 0, :].max(axis=0)
    return {"fraction": fractions_arr, "e_na_mV": e_na, "rest_mV": rest, "peak_mV": peak}


def target_a4(fractions: tuple[float, ...] = A4_FRACTIONS) -> dict:
    sweep = sodium_sweep(fractions)
    d_e_na = sweep["e_na_mV"][1:] - sweep["e_na_mV"][0]
    d_peak = sweep["peak_mV"][1:] - sweep["peak_mV"][0]
    d_rest = sweep["rest_mV"][1:] - sweep["rest_mV"][0]
    ratio = d_peak / d_e_na
    passed = bool(np.all(np.abs(ratio - 1.0) <= A4_RELATIVE_TOLERANCE)
                  and np.all(np.abs(d_rest) < A4_REST_TOLERANCE_MV))
    points = "; ".join(
        f"{f:.0%}: ΔE_Na {de:+.1f}, Δpeak {dp:+.1f} mV (×{r:.2f}), Δrest {dr:+.2f} mV"
        for f, de, dp, r, dr in zip(sweep["fraction"][1:], d_e_na, d_peak, ratio, d_rest,
                                    strict=True))
    return {
        "id": "A4",
        "quantity": "action-potential peak and resting potential as external Na falls",
        "published": "peak falls roughly as E_Na; rest hardly changes (Hodgkin & Katz 1949)",
        "band": "ΔAP peak within ±30 % of ΔE_Na; resting-potential change < 1 mV",
        "model_value": (f"control E_Na {sweep['e_na_mV'][0]:.1f} mV, peak "
                        f"{sweep['peak_mV'][0]:.1f} mV; {points}"),
        "passed": passed,
        "source": "Hodgkin AL, Katz B 1949, J Physiol 108:37–77; HH 1952 membrane",
    }


# --- A5: human tibial motor nerve conduction velocity -----------------------------------------
A5_BAND_M_PER_S = (42.2, 59.3)
A5_SCENARIO = "nerve-conduction-study"  # tibial nerve at ankle and knee, limb at 32 °C
A5_N_FIBRES = 8  # diameters evenly spaced over the motor pool's range
A5_MIN_R_SQUARED = 0.99  # "close to linear": a straight line explains ≥ 99 % of the variance


def motor_fibre_velocities(n_fibres: int = A5_N_FIBRES, temperature_degC: float = 32.0):
    """(fibre diameters µm, their conduction velocities m/s) across the motor pool's range."""
    fibres = nerve.PARAMETERS.defaults()
    diameters = np.linspace(fibres["fibre_diameter_smallest"], fibres["fibre_diameter_largest"],
                            n_fibres)
    velocities = fibre_conduction_velocity_m_per_s(diameters,
                                                   node={"temperature": temperature_degC})
    return diameters, velocities


def nerve_conduction_study() -> dict:
    """The ``nerve-conduction-study`` scenario's measures (CMAPs, latencies, velocity)."""
    from kramp.analysis.nerve import conduction_study
    from kramp.scenarios import load_scenario, run

    result, _ = run(load_scenario(A5_SCENARIO))
    return conduction_study(result, str(result["muscle"].values[0]))


def target_a5(n_fibres: int = A5_N_FIBRES) -> dict:
    low, high = A5_BAND_M_PER_S
    study = nerve_conduction_study()
    nerve_cv = study["conduction_velocity_m_per_s"]
    diameters, velocities = motor_fibre_velocities(n_fibres)
    slope, intercept = np.polyfit(diameters, velocities, 1)
    residual = velocities - (slope * diameters + intercept)
    r_squared = 1.0 - residual.var() / velocities.var()
    monotonic = bool(np.all(np.diff(velocities) > 0.0))
    shown = "no CMAP" if nerve_cv is None else f"{nerve_cv:.1f} m/s"
    return {
        "id": "A5",
        "quantity": ("tibial motor nerve conduction velocity, two-point stimulation (ankle, "
                     "knee) recorded over abductor hallucis, limb at 32 °C; velocity against "
                     "fibre diameter"),
        "published": ("50.7 m/s (reference range 42.2–59.3 m/s), men in their 20s; velocity "
                      "almost ∝ fibre diameter (Hursh: ≈ 6 m/s per µm)"),
        "band": (f"{low}–{high} m/s; velocity rising monotonically, r² ≥ {A5_MIN_R_SQUARED} "
                 "for a straight line"),
        "model_value": (f"{shown} (distal latency {study['distal_latency_ms']} ms, CMAP "
                        f"{study['cmap_amplitude_mV']:.2f} mV); fibres {diameters[0]:g}–"
                        f"{diameters[-1]:g} µm: {velocities[0]:.1f}–{velocities[-1]:.1f} m/s, "
                        f"slope {slope:.2f} m/s per µm, intercept {intercept:+.2f} m/s, r² = "
                        f"{r_squared:.5f}, {'monotonic' if monotonic else 'NOT monotonic'}"),
        "passed": bool(nerve_cv is not None and low <= nerve_cv <= high and monotonic
                       and r_squared >= A5_MIN_R_SQUARED),
        "source": ("Kim JY et al. 2022, Ann Rehabil Med 46:9–23, doi 10.5535/arm.21170; Hursh JB "
                   "1939, Am J Physiol 127:131"),
    }
