"""The brainstem respiratory rhythm: a pre-Bötzinger-complex population of pacemaker neurons.

Breathing goes on without any voluntary command, in sleep too: an inspiratory rhythm is generated
in the pre-Bötzinger complex of the medulla and relayed to the phrenic motoneurons of the
diaphragm. kramp uses the pacemaker model of Butera, Rinzel & Smith (1999, model 1), in which a
slowly inactivating persistent sodium current (h_NaP, τ up to 10 s) makes each neuron burst, and
a population of such neurons, heterogeneous in leak reversal and coupled by excitatory synapses,
bursts in synchrony (Butera, Rinzel & Smith 1999b).

Single neuron (V in mV, t in ms, conductances in nS, currents in pA, C in pF)::

    C dV/dt = −g_NaP m_P∞(V) h (V − E_Na) − g_Na m∞(V)³ (1 − n)(V − E_Na) − g_K n⁴ (V − E_K)
              − g_L (V − E_L) − g_tonic (V − E_syn) − g_syn s̄ (V − E_syn)
    x∞(V) = 1 / (1 + exp((V − θ_x)/σ_x)),     τ_x(V) = τ̄_x / cosh((V − θ_x)/(2σ_x))
    ds/dt = (1 − s)·s∞(V)/τ_s,rise − s/τ_s          (synaptic output of each neuron)

``s̄`` is the population mean of s: all-to-all excitation. The inspiratory output handed to the
phrenic pool is s̄ itself, the population's synaptic activity.
"""

from __future__ import annotations

import numba
import numpy as np

from kramp.params import Param, ParameterTable, Variable

REFERENCES = {
    "butera1999a": (
        "Butera RJ Jr, Rinzel J, Smith JC (1999) Models of respiratory rhythm generation in the "
        "pre-Bötzinger complex. I. Bursting pacemaker neurons. J Neurophysiol 82:382–397"
    ),
    "butera1999b": (
        "Butera RJ Jr, Rinzel J, Smith JC (1999) Models of respiratory rhythm generation in the "
        "pre-Bötzinger complex. II. Populations of coupled pacemaker neurons. "
        "J Neurophysiol 82:398–415"
    ),
    "smith1991": (
        "Smith JC, Ellenberger HH, Ballanyi K, Richter DW, Feldman JL (1991) Pre-Bötzinger "
        "complex: a brainstem region that may generate respiratory rhythm in mammals. "
        "Science 254:726–729"
    ),
}

PARAMETERS = ParameterTable(
    component="rhythm",
    references=REFERENCES,
    params=(
        Param("n_neurons", 20.0, "1", (2.0, 500.0), "butera1999b",
              "pacemaker neurons simulated (Butera et al. used 50; 20 burst in synchrony in the "
              "same way at less cost)"),
        Param("cm", 21.0, "pF", (5.0, 100.0), "butera1999a", "membrane capacitance", "C"),
        Param("g_nap", 2.8, "nS", (0.0, 10.0), "butera1999a",
              "persistent sodium conductance (the burst-generating current)", "g_NaP"),
        Param("g_na", 28.0, "nS", (0.0, 100.0), "butera1999a", "fast sodium conductance"),
        Param("g_k", 11.2, "nS", (0.0, 50.0), "butera1999a", "delayed-rectifier conductance"),
        Param("g_leak", 2.8, "nS", (0.0, 10.0), "butera1999a", "leak conductance"),
        Param("e_na", 50.0, "mV", (0.0, 90.0), "butera1999a", "sodium reversal potential"),
        Param("e_k", -85.0, "mV", (-110.0, -60.0), "butera1999a", "potassium reversal"),
        Param("e_leak_mean", -62.5, "mV", (-70.0, -50.0), "butera1999b",
              "population mean of the leak reversal potential"),
        Param("e_leak_sd", 1.0, "mV", (0.0, 5.0), "butera1999b",
              "spread of the leak reversal across the population"),
        Param("e_syn", 0.0, "mV", (-20.0, 20.0), "butera1999a",
              "reversal of the tonic and synaptic excitation"),
        Param("g_tonic", 0.2, "nS", (0.0, 2.0), "butera1999a",
              "tonic excitatory drive (chemoreceptor and raphe input) setting the burst rate"),
        Param("g_syn", 2.0, "nS", (0.0, 20.0), "butera1999b",
              "total excitatory synaptic conductance each neuron receives from the population"),
        Param("tau_syn", 5.0, "ms", (1.0, 50.0), "butera1999b", "synaptic decay time"),
        Param("theta_mp", -40.0, "mV", (-60.0, -20.0), "butera1999a", "NaP activation V½"),
        Param("sigma_mp", -6.0, "mV", (-15.0, -1.0), "butera1999a", "NaP activation slope"),
        Param("theta_h", -48.0, "mV", (-70.0, -30.0), "butera1999a", "NaP inactivation V½"),
        Param("sigma_h", 6.0, "mV", (1.0, 15.0), "butera1999a", "NaP inactivation slope"),
        Param("tau_h_max", 10000.0, "ms", (1000.0, 30000.0), "butera1999a",
              "maximal NaP inactivation time constant"),
        Param("theta_m", -34.0, "mV", (-60.0, -20.0), "butera1999a", "Na activation V½"),
        Param("sigma_m", -5.0, "mV", (-15.0, -1.0), "butera1999a", "Na activation slope"),
        Param("theta_n", -29.0, "mV", (-60.0, -10.0), "butera1999a", "K activation V½"),
        Param("sigma_n", -4.0, "mV", (-15.0, -1.0), "butera1999a", "K activation slope"),
        Param("tau_n_max", 10.0, "ms", (1.0, 50.0), "butera1999a",
              "maximal K activation time constant"),
    ),
)


# The state of each pre-Bötzinger neuron, in the order the engine packs it.
VARIABLES = (
    Variable("v", "mV", "membrane potential"),
    Variable("h", "1", "slow inactivation of the persistent Na+ current"),
    Variable("n", "1", "delayed-rectifier K+ activation"),
    Variable("s", "1", "synaptic output (fraction of the neuron's maximal drive)"),
)


@numba.njit(cache=True, inline="always")
def boltzmann(v, theta, sigma):
    """x∞(V) = 1 / (1 + exp((V − θ)/σ))."""
    return 1.0 / (1.0 + np.exp((v - theta) / sigma))


@numba.njit(cache=True, inline="always")
def bell_tau(v, theta, sigma, tau_max):
    """τ(V) = τ̄ / cosh((V − θ)/(2σ))."""
    return tau_max / np.cosh((v - theta) / (2.0 * sigma))


@numba.njit(cache=True)
def advance_population(v, h, n, s, e_leak, p, dt, n_steps, activity):
    """Advance one person's population by ``n_steps``; write s̄ after each step to ``activity``.

    ``p`` is the parameter vector in ``PARAMETER_ORDER``. V is advanced by exponential Euler with
    the conductances of the step's start (exact for a linear membrane over the step), the gates h
    and n by Rush–Larsen, the synaptic variable s by exponential Euler with its rise driven by
    the presynaptic s∞(V) = x∞(V; −10 mV, −5 mV) (butera1999b).
    """
    (cm, g_nap, g_na, g_k, g_leak, e_na, e_k, e_syn, g_tonic, g_syn, tau_syn, theta_mp,
     sigma_mp, theta_h, sigma_h, tau_h_max, theta_m, sigma_m, theta_n, sigma_n,
     tau_n_max) = p
    count = v.shape[0]
    for step in range(n_steps):
        mean_s = s.mean()
        for i in range(count):
            vi = v[i]
            g_p = g_nap * boltzmann(vi, theta_mp, sigma_mp) * h[i]
            m = boltzmann(vi, theta_m, sigma_m)
            g_t = g_na * m * m * m * (1.0 - n[i])
            n4 = n[i] * n[i] * n[i] * n[i]
            g_kn = g_k * n4
            g_exc = g_tonic + g_syn * mean_s
            total = g_p + g_t + g_kn + g_leak + g_exc
            target = ((g_p + g_t) * e_na + g_kn * e_k + g_leak * e_leak[i] + g_exc * e_syn) / total
            v_new = target + (vi - target) * np.exp(-dt * total / cm)
            h_inf = boltzmann(v_new, theta_h, sigma_h)
            h[i] = h_inf + (h[i] - h_inf) * np.exp(-dt / bell_tau(v_new, theta_h, sigma_h,
                                                                   tau_h_max))
            n_inf = boltzmann(v_new, theta_n, sigma_n)
            n[i] = n_inf + (n[i] - n_inf) * np.exp(-dt / bell_tau(v_new, theta_n, sigma_n,
                                                                   tau_n_max))
            rise = boltzmann(v_new, -10.0, -5.0) / tau_syn
            decay_rate = rise + 1.0 / tau_syn
            s_target = rise / decay_rate
            s[i] = s_target + (s[i] - s_target) * np.exp(-dt * decay_rate)
            v[i] = v_new
        activity[step] = s.mean()


PARAMETER_ORDER = ("cm", "g_nap", "g_na", "g_k", "g_leak", "e_na", "e_k", "e_syn", "g_tonic",
                   "g_syn", "tau_syn", "theta_mp", "sigma_mp", "theta_h", "sigma_h",
                   "tau_h_max", "theta_m", "sigma_m", "theta_n", "sigma_n", "tau_n_max")


def advance_population_numpy(v, h, n, s, e_leak, p, dt, n_steps, activity):
    """The same update as ``advance_population``, vectorised over the population's neurons."""
    (cm, g_nap, g_na, g_k, g_leak, e_na, e_k, e_syn, g_tonic, g_syn, tau_syn, theta_mp,
     sigma_mp, theta_h, sigma_h, tau_h_max, theta_m, sigma_m, theta_n, sigma_n,
     tau_n_max) = p

    def x_inf(x, theta, sigma):
        return 1.0 / (1.0 + np.exp((x - theta) / sigma))

    def tau(x, theta, sigma, tau_max):
        return tau_max / np.cosh((x - theta) / (2.0 * sigma))

    for step in range(n_steps):
        g_exc = g_tonic + g_syn * s.mean()
        g_p = g_nap * x_inf(v, theta_mp, sigma_mp) * h
        m = x_inf(v, theta_m, sigma_m)
        g_t = g_na * m * m * m * (1.0 - n)
        g_kn = g_k * n * n * n * n
        total = g_p + g_t + g_kn + g_leak + g_exc
        target = ((g_p + g_t) * e_na + g_kn * e_k + g_leak * e_leak + g_exc * e_syn) / total
        v_new = target + (v - target) * np.exp(-dt * total / cm)
        h_inf = x_inf(v_new, theta_h, sigma_h)
        h[:] = h_inf + (h - h_inf) * np.exp(-dt / tau(v_new, theta_h, sigma_h, tau_h_max))
        n_inf = x_inf(v_new, theta_n, sigma_n)
        n[:] = n_inf + (n - n_inf) * np.exp(-dt / tau(v_new, theta_n, sigma_n, tau_n_max))
        rise = x_inf(v_new, -10.0, -5.0) / tau_syn
        decay_rate = rise + 1.0 / tau_syn
        s_target = rise / decay_rate
        s[:] = s_target + (s - s_target) * np.exp(-dt * decay_rate)
        v[:] = v_new
        activity[step] = s.mean()


BACKENDS = {"numba": advance_population, "numpy": advance_population_numpy}


def parameter_vector(p: dict[str, float]) -> tuple[float, ...]:
    return tuple(float(p[name]) for name in PARAMETER_ORDER)


def leak_reversals(rng: np.random.Generator, p: dict[str, float]) -> np.ndarray:
    """Each neuron's leak reversal (mV): the population's heterogeneity (Butera et al. 1999b)."""
    return rng.normal(p["e_leak_mean"], p["e_leak_sd"], int(p["n_neurons"]))


def initial_population(rng: np.random.Generator, count: int) -> np.ndarray:
    """(v, h, n, s) of ``count`` neurons near rest, at random phases of their slow NaP
    inactivation, as a packed ``[variable, neuron]`` array."""
    return np.stack([np.full(count, -60.0), rng.uniform(0.3, 0.7, count),
                     np.full(count, 0.01), np.zeros(count)])
