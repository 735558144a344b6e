"""Surface EMG: the sum of motor-unit action potentials (MUAPs) seen by a bipolar surface electrode.

Each discharge of unit u adds a MUAP of amplitude A_u and time scale λ_u at the spike's arrival
time at the muscle. The MUAP shape is the first-order Hermite–Rodriguez function

    MUAP_u(t) = A_u · √(2e) · (t/λ_u) · exp(−(t/λ_u)²)          (peak ±A_u at t = ±λ_u/√2)

(Lo Conte, Merletti & Sandri 1994). Following Fuglevand et al. (1992, 1993), a unit's MUAP
amplitude grows with its number of fibres, taken proportional to its peak twitch force, and is
attenuated exponentially with the unit's depth below the electrode; its duration shortens with
faster muscle-fibre conduction, which is faster in larger units (Andreassen & Arendt-Nielsen 1987).

The signal is computed from spike times alone (an output of the simulation), by placing each
MUAP on the sample grid, so it costs time in proportion to the number of spikes.
"""

from __future__ import annotations

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "loconte1994": (
        "Lo Conte LR, Merletti R, Sandri GV (1994) Hermite expansions of compact support "
        "waveforms: applications to myoelectric signals. IEEE Trans Biomed Eng 41:1147–1159"
        " (pages not re-checked)"
    ),
    "fuglevand1992": (
        "Fuglevand AJ, Winter DA, Patla AE, Stashuk D (1992) Detection of motor unit action "
        "potentials with surface electrodes: influence of electrode size and spacing. "
        "Biol Cybern 67:143–153"
    ),
    "andreassen1987": (
        "Andreassen S, Arendt-Nielsen L (1987) Muscle fibre conduction velocity in motor units "
        "of the human anterior tibial muscle: a new size principle parameter. J Physiol "
        "391:561–571"
    ),
    "merletti2004": (
        "Merletti R, Parker PA (eds) (2004) Electromyography: Physiology, Engineering, and "
        "Noninvasive Applications. Wiley-IEEE (surface EMG amplitudes and bandwidth; secondary)"
    ),
    "protocol": "recording setting of the virtual experiment",
}

PARAMETERS = ParameterTable(
    component="emg",
    references=REFERENCES,
    params=(
        Param("sampling_rate", 2048.0, "Hz", (500.0, 20000.0), "protocol",
              "sampling rate of the surface EMG (2048 Hz is a common HD-EMG rate)"),
        Param("muap_amplitude_largest", 0.5, "mV", (0.01, 5.0), "merletti2004",
              "surface MUAP peak of the largest unit at zero depth (secondary)"),
        Param("muap_width_smallest", 2.4, "ms", (0.5, 10.0), "loconte1994",
              "Hermite–Rodriguez time scale λ of the smallest (slowest-conducting) unit"),
        Param("muap_width_ratio", 1.4, "1", (1.0, 3.0), "andreassen1987",
              "λ of the smallest unit over λ of the largest (fibre conduction 3.7 → 5.2 m/s)"),
        Param("depth_max", 20.0, "mm", (1.0, 60.0), "fuglevand1992",
              "deepest unit territory below the electrode (units spread uniformly in depth)"),
        Param("depth_attenuation", 7.0, "mm", (1.0, 50.0), "fuglevand1992",
              "length over which the MUAP amplitude falls by e with depth"),
    ),
)


def hermite_rodriguez_1(t_ms: np.ndarray, width_ms: np.ndarray) -> np.ndarray:
    """First-order Hermite–Rodriguez function normalised to a peak of 1 at t = −λ/√2 … +λ/√2."""
    x = t_ms / width_ms
    return np.sqrt(2.0 * np.e) * x * np.exp(-x * x)


def unit_muaps(twitch_force_mN: np.ndarray, depth_mm: np.ndarray,
               p: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit MUAP amplitude (mV) and width λ (ms) from twitch force and depth.

    Amplitude ∝ number of fibres ∝ twitch force (relative to the strongest unit of the array's
    last axis), attenuated as exp(−depth/δ); width falls log-linearly from the smallest to the
    largest unit by ``muap_width_ratio``.
    """
    force = np.asarray(twitch_force_mN, dtype=float)
    relative = force / force.max(axis=-1, keepdims=True)
    amplitude = p["muap_amplitude_largest"] * relative * np.exp(-depth_mm / p["depth_attenuation"])
    log_relative = np.log(relative)
    smallest = log_relative.min(axis=-1, keepdims=True)
    # 1 for the smallest unit, 0 for the largest (all 0 if every unit is alike)
    smallness = np.divide(log_relative, smallest, out=np.zeros_like(relative), where=smallest < 0)
    width = p["muap_width_smallest"] / p["muap_width_ratio"] ** (1.0 - smallness)
    return amplitude, width


def unit_depths(rng: np.random.Generator, n_unit: int, p: dict[str, float]) -> np.ndarray:
    """Depth (mm) of each unit's territory, uniform over the muscle (Fuglevand 1992)."""
    return rng.uniform(0.0, p["depth_max"], n_unit)


def surface_emg(spike_time_ms: np.ndarray, spike_unit: np.ndarray, amplitude_mV: np.ndarray,
                width_ms: np.ndarray, duration_ms: float, sampling_rate_hz: float) -> np.ndarray:
    """Surface EMG (mV) sampled at ``sampling_rate_hz`` over ``[0, duration_ms)``.

    ``spike_time_ms`` are arrival times of discharges at the muscle and ``spike_unit`` their
    units; ``amplitude_mV`` and ``width_ms`` are per-unit MUAP parameters (one person).
    """
    step_ms = 1e3 / sampling_rate_hz
    n_samples = int(np.floor(duration_ms / step_ms))
    signal = np.zeros(n_samples)
    if spike_time_ms.size == 0:
        return signal
    # each MUAP is negligible (< 1e-6 of its peak) beyond ±4λ
    half_window = int(np.ceil(4.0 * width_ms.max() / step_ms))
    offsets = np.arange(-half_window, half_window + 1)
    centre = np.rint(spike_time_ms / step_ms).astype(np.int64)
    samples = centre[:, None] + offsets[None, :]
    t_rel_ms = samples * step_ms - spike_time_ms[:, None]
    waves = amplitude_mV[spike_unit][:, None] * hermite_rodriguez_1(
        t_rel_ms, width_ms[spike_unit][:, None])
    inside = (samples >= 0) & (samples < n_samples)
    np.add.at(signal, samples[inside], waves[inside])
    return signal
