"""NEURON's ``hh`` kinetics written out in Brian2, as a speed peer for kramp's HH engine.

This is a reference peer, not part of kramp: ``benchmarks/hh_pool.py`` runs the same pool of
independent Hodgkin–Huxley neurons here, in NEURON and in kramp, and compares speed and firing
rates. The equations are those of NEURON's ``hh.mod`` at 6.3 °C (so every Q10 factor is 1) with
its default parameters, in densities per membrane area (µA/cm², mS/cm², µF/cm²). Brian2 generates
Cython code for them and integrates with exponential Euler, the method Brian2 recommends for HH.

Brian2 is imported inside the functions because it comes only with the ``bench`` extra.
"""

from __future__ import annotations

import time

import numpy as np

from kramp.reference.neuron_hh import PoolRun

# The rates are hh.mod's, e.g. alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40)/10)); x / (1 - e^-x)
# is written as 1 / exprel(-x) so that the removable singularity at v = -40 mV (alpha_m) and
# v = -55 mV (alpha_n) cannot produce 0/0, as hh.mod's vtrap also guards against.
HH_EQUATIONS = """
dv/dt = (I_stim - g_na*m**3*h*(v - E_na) - g_k*n**4*(v - E_k) - g_l*(v - E_l)) / C_m : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
alpha_m = 1 / exprel(-(v + 40*mV)/(10*mV)) / ms : Hz
beta_m = 4 * exp(-(v + 65*mV)/(18*mV)) / ms : Hz
alpha_h = 0.07 * exp(-(v + 65*mV)/(20*mV)) / ms : Hz
beta_h = 1 / (1 + exp(-(v + 35*mV)/(10*mV))) / ms : Hz
alpha_n = 0.1 / exprel(-(v + 55*mV)/(10*mV)) / ms : Hz
beta_n = 0.125 * exp(-(v + 65*mV)/(80*mV)) / ms : Hz
I_stim : amp/meter**2 (constant)
"""

C_M_UF_PER_CM2 = 1.0
G_NA_MS_PER_CM2 = 120.0
G_K_MS_PER_CM2 = 36.0
G_L_MS_PER_CM2 = 0.3
E_NA_MV = 50.0
E_K_MV = -77.0
E_L_MV = -54.3


def _rates_per_ms(v_mV: float) -> dict[str, tuple[float, float]]:
    """hh.mod's (alpha, beta) per gate at a fixed voltage, for the steady state at v_init."""
    return {
        "m": (
            0.1 * (v_mV + 40) / (1 - np.exp(-(v_mV + 40) / 10)),
            4 * np.exp(-(v_mV + 65) / 18),
        ),
        "h": (0.07 * np.exp(-(v_mV + 65) / 20), 1 / (1 + np.exp(-(v_mV + 35) / 10))),
        "n": (
            0.01 * (v_mV + 55) / (1 - np.exp(-(v_mV + 55) / 10)),
            0.125 * np.exp(-(v_mV + 65) / 80),
        ),
    }


def configure_cython(cache_dir: str = "/tmp/kramp-brian2-cache") -> None:
    """Select Brian2's Cython target with a private cache, so compiled code is reused across runs.

    ``multiprocess_safe = False`` skips the file locks Brian2 otherwise takes around its cache;
    the benchmark is the only process using this cache directory.
    """
    import brian2

    brian2.prefs.codegen.target = "cython"
    brian2.prefs.codegen.runtime.cython.cache_dir = cache_dir
    brian2.prefs.codegen.runtime.cython.multiprocess_safe = False
    brian2.prefs.core.default_float_dtype = np.float64


def run_hh_pool(
    amplitudes_uA_per_cm2: np.ndarray,
    duration_ms: float,
    *,
    dt_ms: float = 0.025,
    v_init_mV: float = -65.0,
    threshold_mV: float = 0.0,
) -> PoolRun:
    """Run one HH neuron per amplitude, each under its own step current from t = 0.

    Build time covers creating the objects and a zero-length run, which prepares (and, on a cold
    cache, compiles) the generated code; run time is only the ``run`` of ``duration_ms``. A spike
    is a crossing of ``threshold_mV``: the neuron stays refractory while above it, so each crossing
    counts once, like a NEURON NetCon.
    """
    import brian2
    from brian2 import NeuronGroup, SpikeMonitor, cm, mS, ms, mV, uA, uF

    configure_cython()
    build_start = time.perf_counter()
    brian2.start_scope()
    brian2.defaultclock.dt = dt_ms * ms
    namespace = {
        "C_m": C_M_UF_PER_CM2 * uF / cm**2,
        "g_na": G_NA_MS_PER_CM2 * mS / cm**2,
        "g_k": G_K_MS_PER_CM2 * mS / cm**2,
        "g_l": G_L_MS_PER_CM2 * mS / cm**2,
        "E_na": E_NA_MV * mV,
        "E_k": E_K_MV * mV,
        "E_l": E_L_MV * mV,
    }
    amplitudes = np.asarray(amplitudes_uA_per_cm2, dtype=float)
    neurons = NeuronGroup(
        len(amplitudes),
        HH_EQUATIONS,
        threshold=f"v > {threshold_mV}*mV",
        refractory=f"v > {threshold_mV}*mV",
        method="exponential_euler",
        namespace=namespace,
    )
    neurons.I_stim = amplitudes * uA / cm**2
    neurons.v = v_init_mV * mV
    # NEURON's finitialize puts every gate at its steady state for v_init; do the same.
    for gate, (alpha, beta) in _rates_per_ms(v_init_mV).items():
        setattr(neurons, gate, alpha / (alpha + beta))
    spikes = SpikeMonitor(neurons)
    network = brian2.Network(neurons, spikes)
    network.run(0 * ms)
    build_s = time.perf_counter() - build_start

    run_start = time.perf_counter()
    network.run(duration_ms * ms)
    run_s = time.perf_counter() - run_start

    return PoolRun(
        spike_time_ms=np.asarray(spikes.t / ms),
        spike_unit=np.asarray(spikes.i[:], dtype=np.int64),
        build_s=build_s,
        run_s=run_s,
    )
