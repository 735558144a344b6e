"""How fast can the calf's force follow a modulated drive? The small-signal frequency response of
a pool's fibres, against the linear prediction from the same pool's twitch.

Clonus is a reflex loop oscillating where its phase lag reaches half a cycle with enough gain
(target D5: 5–7 Hz at the ankle). The fibres' part of that loop is how their summed force follows
a firing rate that rises and falls. This script drives every unit of a pool
(:mod:`kramp.physiology.muscles`; the fibres of :mod:`kramp.physiology.fibre`, isometric at
optimal length) at ``RATE_HZ`` × (1 + ``DEPTH`` sin 2πFt), each unit at its own random phase so
that the pool fires asynchronously, as in a tonic contraction; after ``WARM_MS`` it takes the
force's component at F over ``WATCH_MS`` and divides it by the rate's: gain (N per pulse per
second) and phase. Beside it, the linear prediction: the Fourier transform of the pool's rested
twitch (every unit once), which is what a linear muscle with that twitch would do. The difference
is what the fibres' nonlinearity (force building more slowly when active, calcium summing) adds.

Run::

    python studies/muscle_frequency_response.py            # the soleus, a few seconds
    python studies/muscle_frequency_response.py --pool calf
"""

from __future__ import annotations

import argparse

import numpy as np

from kramp.physiology import muscles
from kramp.validation import muscle_targets

RATE_HZ = 10.0
DEPTH = 0.2
WARM_MS = 3000.0
WATCH_MS = 4000.0
TWITCH_MS = 1500.0
FREQUENCIES_HZ = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)
DT_MS = muscle_targets.DT_MS


def modulated_counts(n_unit: int, frequency_hz: float, rng: np.random.Generator) -> np.ndarray:
    """Event counts [step, unit]: each unit fires whenever its phase, growing at the modulated
    rate from a random start, passes a whole number."""
    t_s = np.arange(round((WARM_MS + WATCH_MS) / DT_MS)) * DT_MS * 1e-3
    rate = RATE_HZ * (1.0 + DEPTH * np.sin(2.0 * np.pi * frequency_hz * t_s))
    phase = np.cumsum(rate * DT_MS * 1e-3)[:, None] + rng.uniform(0.0, 1.0, n_unit)[None, :]
    whole = np.floor(phase)
    counts = np.zeros(phase.shape, dtype=np.uint8)
    counts[1:] = whole[1:] - whole[:-1]
    return counts


def tonic_response(properties: dict[str, np.ndarray], frequency_hz: float,
                   rng: np.random.Generator) -> tuple[complex, float]:
    """(force over rate at ``frequency_hz``, in N per pps, as a complex number; mean force N)."""
    n_unit = properties["tetanic_force_mN"].size
    force_mN, _ = muscle_targets.run_units(properties, modulated_counts(n_unit, frequency_hz, rng),
                                      DT_MS)
    t_s = np.arange(force_mN.size) * DT_MS * 1e-3
    watched = t_s >= WARM_MS * 1e-3
    reference = np.exp(-2j * np.pi * frequency_hz * t_s[watched])
    force_N = force_mN[watched] * 1e-3
    force = 2.0 * np.mean((force_N - force_N.mean()) * reference)
    rate = 2.0 * np.mean(RATE_HZ * DEPTH * np.sin(2.0 * np.pi * frequency_hz * t_s[watched])
                         * reference)
    return force / rate, float(force_N.mean())


def twitch_prediction(properties: dict[str, np.ndarray]) -> tuple[np.ndarray, float]:
    """The pool's rested twitch (N per step; step s holds the force (s + 1) Δt after the pulse)
    and its contraction time (ms)."""
    n_unit = properties["tetanic_force_mN"].size
    twitch_mN, _ = muscle_targets.run_units(
        properties, muscle_targets.stimulus_counts(np.zeros(1), TWITCH_MS, DT_MS, n_unit), DT_MS)
    return twitch_mN * 1e-3, (int(np.argmax(twitch_mN)) + 1) * DT_MS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", default="soleus", choices=sorted(muscle_targets.POOLS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    properties = muscles.pool_properties(muscle_targets.POOLS[args.pool])
    twitch_N, contraction_ms = twitch_prediction(properties)
    after_s = (np.arange(twitch_N.size) + 1) * DT_MS * 1e-3
    rng = np.random.default_rng(args.seed)
    print(f"{args.pool}: twitch contraction time {contraction_ms:.0f} ms; every unit at "
          f"{RATE_HZ:g} pps ± {100 * DEPTH:g} %")
    for frequency_hz in FREQUENCIES_HZ:
        response, mean_N = tonic_response(properties, frequency_hz, rng)
        # a linear pool answers a rate change δr of every unit with δr times the twitch
        linear = np.sum(twitch_N * np.exp(-2j * np.pi * frequency_hz * after_s)) * DT_MS * 1e-3
        print(f"  {frequency_hz:g} Hz: phase {np.degrees(np.angle(response)):7.1f}°, gain "
              f"{abs(response):6.1f} N/pps (the twitch's linear prediction "
              f"{np.degrees(np.angle(linear)):7.1f}°, {abs(linear):6.1f} N/pps); mean force "
              f"{mean_N:.0f} N")


if __name__ == "__main__":
    main()
