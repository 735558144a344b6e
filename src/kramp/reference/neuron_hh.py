"""NEURON's built-in ``hh`` mechanism under current clamp, as the numerical reference for kramp.

One single-compartment section of area 100 µm² (so 1 nA corresponds to 1000 µA/cm²) with NEURON's
default ``hh`` parameters, which kramp's ``membrane`` table also uses. ``hh``'s rate TABLE
(1 mV grid) is switched off so the reference is the exact kinetics, and the fixed-step
Crank–Nicolson method (``secondorder = 2``) is used.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

SECTION_AREA_CM2 = 1e-6  # 100 µm²


def spike_times_from_trace(t_ms: np.ndarray, v_mV: np.ndarray, threshold_mV: float = 0.0):
    """Upward threshold crossings, interpolated linearly between samples (kramp's definition)."""
    up = np.flatnonzero((v_mV[:-1] < threshold_mV) & (v_mV[1:] >= threshold_mV))
    fraction = (threshold_mV - v_mV[up]) / (v_mV[up + 1] - v_mV[up])
    return t_ms[up] + fraction * (t_ms[up + 1] - t_ms[up])


def run_hh_current_clamp(
    amplitude_uA_per_cm2: float,
    duration_ms: float,
    *,
    delay_ms: float = 10.0,
    dt_ms: float = 0.001,
    celsius: float = 6.3,
    secondorder: int = 2,
    use_tables: bool = False,
    v_init_mV: float = -65.0,
):
    """Run NEURON and return ``(t_ms, v_mV, spike_times_ms)``; the step lasts to the end."""
    from neuron import h

    h.load_file("stdrun.hoc")
    section = h.Section(name="squid")
    section.nseg = 1
    section.L = section.diam = math.sqrt(SECTION_AREA_CM2 * 1e8 / math.pi)  # µm, area = π·d·L
    section.insert("hh")
    h.usetable_hh = 1 if use_tables else 0
    clamp = h.IClamp(section(0.5))
    clamp.delay = delay_ms
    clamp.dur = 1e9
    clamp.amp = amplitude_uA_per_cm2 * SECTION_AREA_CM2 * 1e3  # µA/cm² · cm² → µA → nA
    t_vec, v_vec = h.Vector(), h.Vector()
    t_vec.record(h._ref_t)
    v_vec.record(section(0.5)._ref_v)
    h.secondorder = secondorder
    h.celsius = celsius
    h.dt = dt_ms
    h.steps_per_ms = 1.0 / dt_ms
    h.finitialize(v_init_mV)
    h.continuerun(duration_ms)
    t, v = np.array(t_vec), np.array(v_vec)
    del clamp, section
    return t, v, spike_times_from_trace(t, v)


@dataclass(frozen=True)
class PoolRun:
    """Spikes of a pool of independent neurons and the seconds spent building and running it."""

    spike_time_ms: np.ndarray
    spike_unit: np.ndarray
    build_s: float
    run_s: float


def run_hh_pool(
    amplitudes_uA_per_cm2: np.ndarray,
    duration_ms: float,
    *,
    dt_ms: float = 0.025,
    celsius: float = 6.3,
    v_init_mV: float = -65.0,
    threshold_mV: float = 0.0,
) -> PoolRun:
    """Run one ``hh`` section per amplitude, each under its own step current from t = 0.

    This is the speed peer for ``benchmarks/hh_pool.py``, so unlike :func:`run_hh_current_clamp`
    it keeps NEURON's defaults for speed: the rate TABLE is on (``usetable_hh = 1``) and spikes are
    counted by NetCons instead of recording voltage. Only ``finitialize`` + ``continuerun`` count
    as run time; creating the sections counts as build time.
    """
    from neuron import h

    build_start = time.perf_counter()
    h.load_file("stdrun.hoc")
    side_um = math.sqrt(SECTION_AREA_CM2 * 1e8 / math.pi)  # µm, area = π·d·L
    sections, clamps, detectors = [], [], []
    spike_times, spike_ids = h.Vector(), h.Vector()
    for unit, amplitude in enumerate(np.asarray(amplitudes_uA_per_cm2, dtype=float)):
        section = h.Section(name=f"pool_{unit}")
        section.nseg = 1
        section.L = section.diam = side_um
        section.insert("hh")
        clamp = h.IClamp(section(0.5))
        clamp.delay = 0.0
        clamp.dur = 1e9
        clamp.amp = amplitude * SECTION_AREA_CM2 * 1e3  # µA/cm² · cm² → µA → nA
        detector = h.NetCon(section(0.5)._ref_v, None, sec=section)
        detector.threshold = threshold_mV
        detector.record(spike_times, spike_ids, unit)
        sections.append(section)
        clamps.append(clamp)
        detectors.append(detector)
    h.usetable_hh = 1
    h.secondorder = 2
    h.celsius = celsius
    h.dt = dt_ms
    h.steps_per_ms = 1.0 / dt_ms  # otherwise stdrun may round dt to fit its plotting interval
    build_s = time.perf_counter() - build_start

    run_start = time.perf_counter()
    h.finitialize(v_init_mV)
    h.continuerun(duration_ms)
    run_s = time.perf_counter() - run_start

    result = PoolRun(
        spike_time_ms=np.array(spike_times),
        spike_unit=np.array(spike_ids).astype(np.int64),
        build_s=build_s,
        run_s=run_s,
    )
    # NEURON's sections are global; drop them so a later pool does not simulate these as well.
    del detectors, clamps, sections
    return result
