"""Random streams: one per (virtual person, purpose), fixed by the seed alone.

Each purpose — a person's anatomy, the start-up of the respiratory rhythm, the common and the
independent synaptic noise of the drive, quantal release at the end plates — draws from its own
stream, seeded by ``SeedSequence(seed, spawn_key=(person, purpose))``. So a person draws the
same numbers whatever the batch it is in, its anatomy does not depend on how long it is
simulated, and turning one random process on or off leaves every other process's numbers
unchanged. The purposes'
numbers are fixed once and never reused, so adding a purpose changes no existing stream.

A *trial* repeats an experiment on the same people: the streams drawn while a person is
simulated (``TRIAL_PURPOSES``: synaptic, afferent, interneuronal and membrane noise, quantal
release, a compressed root's ectopic discharge) get the trial as a third spawn key, so each
trial draws new noise, while everything a person is built with (anatomy, wiring, which end
plates a toxin reaches) and starts from (the respiratory rhythm's start-up) stays that
person's. Trial 0 keeps the two-part key, so its numbers are those of every run before trials
existed. Running the same person on two days is trial 0 and trial 1 at the same seed.

A stream that runs during a simulation (noise) is part of the State: its generator's state is
saved and restored with it, so a resumed run draws exactly what an unbroken run would have.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import numba
import numpy as np

PURPOSES = {
    "anatomy": 1,  # static per-person structure: electrode depths of motor units
    "rhythm_population": 2,  # heterogeneity of the pre-Bötzinger neurons (leak reversal)
    "rhythm_start": 3,  # phase of each pre-Bötzinger neuron when the run starts
    "common_drive": 4,  # common synaptic noise of the descending drive
    "independent_drive": 5,  # each motoneuron's independent synaptic noise
    "membrane_noise": 6,  # background current of single-compartment membranes
    "afferent_anatomy": 7,  # each sensory ending's sensitivity
    "afferent_noise": 8,  # the scatter of afferent interspike intervals
    "spinal_wiring": 9,  # which afferents contact which motoneurones and interneurones
    "interneuron_noise": 10,  # background synaptic noise of the spinal interneurones
    "collateral_wiring": 11,  # which motor-axon collaterals contact which Renshaw cells
    "quantal_release": 12,  # the quanta each impulse releases at each end plate
    "toxin_spread": 13,  # which end plates a toxin injected into a muscle reaches
    "root_discharge": 14,  # the ectopic spikes of a compressed nerve root's afferents
    "root_fibres": 15,  # the vessels and demyelinated velocities of a compressed root's axons
    "root_wiring": 16,  # each root afferent's threshold and the motoneurones it reaches
    "root_afferent_fibres": 17,  # the same as root_fibres for the muscle afferents' axons
    "degeneration": 18,  # how long each unit's cut axon and its terminal survive
    "injured_axons": 19,  # which motor axons of an injured nerve have a damaged segment
    "spindle_slack": 20,  # each spindle ending's own threshold
    "end_plate_strength": 21,  # each end plate's normal conductance (its safety factor)
}
# the streams drawn while a person is simulated: new in each trial (module doc)
TRIAL_PURPOSES = frozenset({"common_drive", "independent_drive", "membrane_noise",
                            "afferent_noise", "interneuron_noise", "quantal_release",
                            "root_discharge"})


def generator(seed: int, person: int, purpose: str, trial: int = 0) -> np.random.Generator:
    """The stream of ``purpose`` for ``person`` in ``trial`` (which only ``TRIAL_PURPOSES``
    heed), at its start."""
    key = (person, PURPOSES[purpose])
    if trial and purpose in TRIAL_PURPOSES:
        key = (*key, trial)
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def generators(seed: int, n_person: int, purpose: str,
               trial: int = 0) -> list[np.random.Generator]:
    return [generator(seed, p, purpose, trial) for p in range(n_person)]


def for_kernel(gens: Iterable[np.random.Generator]) -> tuple[np.random.Generator, ...]:
    """One person's generator after another, as a compiled kernel draws from them: Numba takes
    them as a tuple (each draws in place, so the State's streams go on where the kernel left
    them), and the tuple's length is part of the kernel's type, so each batch size compiles
    the kernel once."""
    return tuple(gens)


@numba.njit(cache=True)
def _fill_standard_normals(generators, out):
    for p in range(len(generators)):
        rng = generators[p]
        for s in range(out.shape[0]):
            for e in range(out.shape[2]):
                out[s, p, e] = rng.standard_normal()


def standard_normals(gens: Sequence[np.random.Generator], n_steps: int,
                     n_element: int) -> np.ndarray:
    """``np.stack([g.standard_normal((n_steps, n_element)) for g in gens], axis=1)``: the same
    numbers, each generator left where NumPy would leave it, drawn by compiled code. Numba's
    draws are NumPy's algorithm made inline, about 2.5 times as fast as NumPy's own for the
    thousands an interval draws (the sensors' 17,000 took 170 µs, 3 % of a run)."""
    out = np.empty((n_steps, len(gens), n_element))
    _fill_standard_normals(for_kernel(gens), out)
    return out


def snapshot(streams: Mapping[str, Iterable[np.random.Generator]]) -> str:
    """The running streams' states as JSON text (PCG64 states are large integers)."""
    return json.dumps({purpose: [g.bit_generator.state for g in gens]
                       for purpose, gens in streams.items()})


def restore(text: str) -> dict[str, list[np.random.Generator]]:
    """Generators continuing exactly from the states ``snapshot`` wrote."""
    restored = {}
    for purpose, states in json.loads(text).items():
        gens = []
        for state in states:
            bit_generator = getattr(np.random, state["bit_generator"])()
            bit_generator.state = state
            gens.append(np.random.Generator(bit_generator))
        restored[purpose] = gens
    return restored
