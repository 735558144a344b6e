"""The kinds of model a scenario can name, and how each compiles into a network Model.

* ``hh_membrane``: independent patches of squid membrane under current clamp (one component);
* ``motor_pool``: a person's neuromuscular network for the muscles a scenario lists — the
  brainstem rhythm (where a muscle breathes), the descending drive, the motoneuron pools, the
  nerve (conduction and junction delays), the muscle fibres and the surface EMG.

A kind lists the parameter tables a scenario may set and compiles values over persons into a
:class:`~kramp.engine.network.Model`. Every value may differ between people; a value that sets
an array's size (a pool's ``n_unit``, the rhythm's ``n_neurons``, the EMG's sampling rate) must
be the same for everyone in a batch, and a batch that varies it is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol

import numpy as np

from kramp.engine import network
from kramp.engine.cable import axonal_delay_ms
from kramp.engine.component import Component
from kramp.engine.components.ankle import AnkleMuscles
from kramp.engine.components.axons import (
    PROXIMAL_SEGMENT_MS,
    AfferentAxons,
    Axons,
    relay_current_uA_per_cm2,
)
from kramp.engine.components.drive import DRIVE_STEP_MS, Drive
from kramp.engine.components.emg import Emg
from kramp.engine.components.fibres import Fibres
from kramp.engine.components.interneurons import Interneurons
from kramp.engine.components.junction import Junction
from kramp.engine.components.membrane import Membrane
from kramp.engine.components.motoneurons import Motoneurons
from kramp.engine.components.rhythm import Rhythm
from kramp.engine.components.root_afferents import RootAfferents
from kramp.engine.components.sarcolemma import Sarcolemma
from kramp.engine.components.sensors import Sensors
from kramp.engine.components.tendon_electrode import TendonElectrode
from kramp.engine.lines import EventLine, SignalLine
from kramp.engine.network import Model, check_lines, exchange_interval, read_only
from kramp.engine.stimuli import CURRENT_CLAMP, MOVEMENT
from kramp.engine.streams import generator
from kramp.errors import KrampInputError, out_of_range
from kramp.params import ParameterTable, compile_tables
from kramp.physiology import (
    afferents,
    ankle,
    drive,
    emg,
    fibre,
    hh_membrane,
    interneurons,
    ions,
    junction,
    mechanics,
    motoneuron,
    motor_axon,
    muscles,
    nerve,
    nerve_injury,
    respiration,
    root_compression,
    sarcolemma,
    spindle,
    tendon_organ,
    tendon_stimulation,
    toxins,
)

DEFAULT_DT_MS = 0.025
DT_RANGE_MS = (1e-4, 0.1)
MAX_PEOPLE = 100_000
Values = Mapping[str, Mapping[str, Any]]


class Kind(Protocol):
    name: str
    # the muscles a person of this kind has unless a scenario lists others (empty: none)
    default_muscles: tuple[str, ...]

    def tables(self, muscle_names: Sequence[str]) -> tuple[ParameterTable, ...]: ...

    def build(self, values: Values | None = None, *, n_person: int = 1, n_unit: int = 1,
              dt_ms: float = DEFAULT_DT_MS, seed: int = 0, muscle_names: Sequence[str] = (),
              spike_threshold_mV: float = 0.0) -> Model: ...


def _check_batch(n_person: int, dt_ms: float) -> None:
    if not 1 <= n_person <= MAX_PEOPLE:
        raise KrampInputError(f"`n_person` must be in [1, {MAX_PEOPLE}], got {n_person}",
                              field="n_person")
    if not DT_RANGE_MS[0] <= dt_ms <= DT_RANGE_MS[1]:
        raise out_of_range("dt", "ms", *DT_RANGE_MS, f"{dt_ms:g} ms")


def uniform(values: np.ndarray, path: str, unit: str, why: str) -> float:
    """The one value a batch must share for ``path``, or a refusal naming it."""
    distinct = np.unique(values)
    if distinct.size != 1:
        raise KrampInputError(
            f"`{path}` must be the same for every person of a batch ({why}); got "
            f"{', '.join(f'{v:g}' for v in distinct[:3])} {unit}", field=path)
    return float(distinct[0])


def person(values: Mapping[str, np.ndarray], p: int) -> dict[str, float]:
    """One person's values of one table, as plain floats."""
    return {name: float(array[p]) for name, array in values.items()}


@dataclass(frozen=True)
class MembraneKind:
    """Independent HH membranes, ``[person, unit]``, each with its own current clamp."""

    name: str = "hh_membrane"
    default_muscles: tuple[str, ...] = ()

    def tables(self, muscle_names: Sequence[str] = ()) -> tuple[ParameterTable, ...]:
        del muscle_names
        return (hh_membrane.PARAMETERS, CURRENT_CLAMP)

    def build(self, values: Values | None = None, *, n_person: int = 1, n_unit: int = 1,
              dt_ms: float = DEFAULT_DT_MS, seed: int = 0, muscle_names: Sequence[str] = (),
              spike_threshold_mV: float = 0.0) -> Model:
        _check_batch(n_person, dt_ms)
        if muscle_names:
            raise KrampInputError("`muscles` does not apply to model 'hh_membrane'",
                                  field="muscles")
        if n_unit < 1:
            raise KrampInputError(f"`n_unit` must be ≥ 1, got {n_unit}", field="n_unit")
        tables = self.tables()
        parameters = compile_tables(tables, values, (n_person, n_unit), model=self.name,
                                    axes="[person, unit]")
        membrane = Membrane(parameters["membrane"], parameters["stimulus"], dt_ms,
                            spike_threshold_mV)
        exchange, base = exchange_interval([membrane], (), (), dt_ms)
        return Model(self.name, dt_ms, exchange, base, n_person, seed, tables, parameters,
                     (membrane,), (), (), ("membrane.spikes",),
                     structure={"n_unit": n_unit})


@dataclass(frozen=True)
class PoolKind:
    """A person's neuromuscular network for a list of muscles (module doc)."""

    name: str = "motor_pool"
    default_muscles: tuple[str, ...] = ("calf",)

    def tables(self, muscle_names: Sequence[str]) -> tuple[ParameterTable, ...]:
        unknown = [m for m in muscle_names if m not in muscles.MUSCLES]
        if unknown:
            raise KrampInputError(
                f"unknown muscle `{unknown[0]}`; known: "
                f"{', '.join([*muscles.MUSCLES, *muscles.GROUPS])}", field="muscles")
        return (drive.PARAMETERS, respiration.PARAMETERS, motoneuron.PARAMETERS,
                ions.PARAMETERS, nerve.PARAMETERS, *(e.table for e in nerve.ELECTRODES),
                motor_axon.PARAMETERS, junction.PARAMETERS, toxins.PARAMETERS,
                nerve_injury.PARAMETERS, root_compression.PARAMETERS,
                sarcolemma.PARAMETERS, fibre.PARAMETERS, mechanics.PARAMETERS, emg.PARAMETERS,
                *(muscles.MUSCLES[m] for m in muscle_names))

    def build(self, values: Values | None = None, *, n_person: int = 1, n_unit: int = 1,
              dt_ms: float = DEFAULT_DT_MS, seed: int = 0,
              muscle_names: Sequence[str] | None = None,
              spike_threshold_mV: float = 0.0) -> Model:
        del n_unit, spike_threshold_mV  # set by the muscles; spikes are 0 mV crossings
        _check_batch(n_person, dt_ms)
        names = muscles.expand(self.default_muscles if muscle_names is None else muscle_names)
        if not names:
            raise KrampInputError("`muscles` must list at least one muscle", field="muscles")
        tables = self.tables(names)
        v = compile_tables(tables, values, (n_person,), model=self.name, axes="[person]")
        # the toxins act through the parameters they change; the Model keeps the scenario's
        acting = toxins.apply(v)
        net = _motor_network(acting, names, dt_ms, seed, self._muscles)
        self._add_reflexes(net, acting, names, dt_ms, seed)
        recorded = self.recorded
        if _add_compressed_root(net, acting, names, seed):
            recorded = (*recorded, "root_afferent.spikes")
        components, event_lines, signal_lines = net.components, net.event_lines, net.signal_lines
        check_lines({c.name: c for c in components}, event_lines, signal_lines)
        exchange, base = exchange_interval(components, event_lines, signal_lines, dt_ms)
        coords = {**net.coords, "muscle": np.array(names),
                  "unit": np.arange(net.muscle_of_unit.size),
                  "arrival_delay_ms": (("person", "unit"), read_only(net.delay),
                                       {"units": "ms",
                                        "long_name": "axon conduction + junction delay"})}
        return Model(self.name, dt_ms, exchange, base, n_person, seed, tables, v,
                     tuple(components), tuple(event_lines), tuple(signal_lines),
                     recorded, coords,
                     {"muscles": list(names), "n_unit": net.sizes, "emg_rate_hz": net.emg_rate})

    recorded = ("drive.command", "drive.inspiratory_command", "fibre.force", "emg.emg",
                "motoneuron.spikes", "axon.terminal", "axon.ectopic",
                "sarcolemma.action_potentials")

    def _muscles(self, v: Values, names: Sequence[str], properties: dict[str, np.ndarray],
                 constants: np.ndarray, muscle_of_unit: np.ndarray) -> Fibres:
        """The muscles, each held isometric at its fixed length."""
        factor = np.stack([np.full(muscle_of_unit.size,
                                   mechanics.isometric_factor(person(v["mechanics"], p)))
                           for p in range(constants.shape[0])])
        return Fibres(properties, constants, factor, muscle_of_unit, names)

    def _add_reflexes(self, net: _Network, v: Values, names: Sequence[str], dt_ms: float,
                      seed: int) -> None:
        """Nothing flows back from the muscles to the cord in a plain motor pool."""
        del net, v, names, dt_ms, seed


@dataclass
class _Network:
    """A motor network under construction: its components in signal order and its lines."""

    components: list[Component]
    event_lines: list[EventLine]
    signal_lines: list[SignalLine]
    sizes: list[int]
    muscle_of_unit: np.ndarray
    delay: np.ndarray
    emg_rate: float
    coords: dict[str, Any] = field(default_factory=dict)

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    def insert_before(self, name: str, component: Component) -> None:
        self.components.insert(self.components.index(self.component(name)), component)


def _motor_network(v: Values, names: Sequence[str], dt_ms: float, seed: int,
                   make_muscles) -> _Network:
    """The efferent path of a person's muscles: rhythm (where a muscle breathes), drive,
    motoneurons, motor axons, sarcolemma, the muscles ``make_muscles`` builds, and the EMG."""
    n_person = next(iter(v["drive"].values())).shape[0]
    sizes = [_surviving_units(v, m) for m in names]
    muscle_of_unit = np.repeat(np.arange(len(names)), sizes)
    people = range(n_person)

    def shares(key: str) -> np.ndarray:
        return np.stack([np.repeat([v[m][key][p] for m in names], sizes) for p in people])

    command_share, respiratory_share = shares("command_share"), shares("respiratory_share")
    components: list[Component] = []
    signal_lines: list[SignalLine] = []
    if respiratory_share.any():
        uniform(v["rhythm"]["n_neurons"], "rhythm.n_neurons", "1", "it sets array sizes")
        components.append(Rhythm(v["rhythm"], seed, DRIVE_STEP_MS))
        signal_lines.append(SignalLine("rhythm.activity", "drive.activity", 0, DRIVE_STEP_MS))
    components.append(Drive(v["drive"], command_share, respiratory_share))
    # after a nerve section: each unit's (terminal failed, axon failed), per person
    degenerated = [nerve_injury.degenerated(person(v["nerve_injury"], p), muscle_of_unit.size,
                                            generator(seed, p, "degeneration"))
                   for p in people]
    axons, soma_ms, segment_ms = _axons(v, names, sizes, dt_ms, seed,
                                        [axon for _, axon in degenerated])
    motoneurons = _motoneurons(v, names, sizes, dt_ms, soma_ms)
    components += [motoneurons, axons]
    ion_values = [person(v["ions"], p) for p in people]
    junctions = [person(v["junction"], p) for p in people]
    # an end plate releases nothing where a toxin poisoned it or its cut axon's terminal failed
    poisoned = np.stack([toxins.poisoned_end_plates(person(v["toxins"], p), muscle_of_unit.size,
                                                    generator(seed, p, "toxin_spread"))
                         | degenerated[p][0]
                         for p in people])
    strength = np.stack([junction.end_plate_strengths(junctions[p], muscle_of_unit.size,
                                                      generator(seed, p, "end_plate_strength"))
                         for p in people])
    components.append(Junction(junctions, ion_values, muscle_of_unit.size, dt_ms,
                               poisoned=poisoned, strength=strength))
    end_plate = {k: a[:, None] for k, a in v["sarcolemma"].items()}
    # acetylcholinesterase sets how fast each impulse's end-plate current decays
    prolongation = np.array([junction.decay_prolongation(own) for own in junctions])
    end_plate["epc_tau"] = end_plate["epc_tau"] * prolongation[:, None]
    # where the end-plate current outlasts the default one-to-one relay's, the end-plate region
    # is a cable: its potential spreads along the fibre (kramp.physiology.end_plate_cable)
    components.append(Sarcolemma(end_plate, ion_values, motoneurons.cell_type, dt_ms,
                                 cable=prolongation > 1.0, strength=strength))
    properties = _fibre_properties(v, names, sizes)
    constants = np.stack([fibre.step_constants(person(v["fibre"], p), 1.0) for p in people])
    components.append(make_muscles(v, names, properties, constants, muscle_of_unit))
    rate = uniform(v["emg"]["sampling_rate"], "emg.sampling_rate", "Hz",
                   "it sets the EMG's samples")
    amplitude, width = _muaps(v, names, sizes, properties["peak_twitch_force_mN"], seed)
    components.append(Emg(amplitude, width, muscle_of_unit, names, rate,
                          network.EXCHANGE_MAX_MS))
    junction_delay = np.repeat(v["nerve"]["junction_delay"][:, None], muscle_of_unit.size,
                               axis=1)
    immediate = np.zeros_like(junction_delay)
    event_lines = [EventLine("motoneuron.spikes", "axon.orthodromic", soma_ms),
                   EventLine("axon.antidromic", "motoneuron.antidromic", soma_ms),
                   EventLine("axon.terminal", "junction.arrivals", junction_delay),
                   EventLine("junction.end_plate", "sarcolemma.arrivals", immediate),
                   EventLine("sarcolemma.releases", "fibre.arrivals", immediate),
                   EventLine("sarcolemma.action_potentials", "emg.arrivals", immediate)]
    signal_lines += [SignalLine("drive.excitation", "motoneuron.excitation", 0, DRIVE_STEP_MS),
                     SignalLine("drive.common_noise", "motoneuron.common_noise", 0,
                                DRIVE_STEP_MS)]
    return _Network(components, event_lines, signal_lines, sizes, muscle_of_unit,
                    soma_ms + segment_ms + junction_delay, rate)


def _cut_above(v: Values, p: int) -> bool:
    """Whether person p's nerve carries nothing between the cord and the electrodes: blocked
    there (``stimulation.proximal_block``) or cut (``nerve_injury.transected``)."""
    injury = person(v["nerve_injury"], p)
    if injury["transected"] not in (0.0, 1.0):
        raise KrampInputError("`nerve_injury.transected` must be 0 (intact) or 1 (cut), got "
                              f"{injury['transected']:g}", field="nerve_injury.transected")
    return bool(v["stimulation"]["proximal_block"][p] > 0.0 or injury["transected"] > 0.0)


def _root_passage(v: Values, p: int, names: Sequence[str], muscle: np.ndarray,
                  diameter: np.ndarray, ms_per_mm: np.ndarray, seed: int, purpose: str,
                  present: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Person p's fibres (each of ``muscle``, by index into ``names``) that a compressed root
    blocks, and the conduction time (ms) its demyelination adds to each
    (``root_compression.root_passage``, muscle by muscle, draws from the stream ``purpose``).
    Only the fibres ``present`` marks (default: all) are drawn for, so that the draws of a
    person's own fibres do not depend on how many fibres its batch lays out."""
    root, rng = person(v["root"], p), generator(seed, p, purpose)
    blocked = np.zeros(muscle.size, dtype=bool)
    extra = np.zeros(muscle.size)
    for m, name in enumerate(names):
        own = muscle == m
        if present is not None:
            own &= present
        blocked[own], extra[own] = root_compression.root_passage(
            root, float(v[name]["in_compressed_root"][p]), diameter[own], ms_per_mm[own], rng)
    return blocked, extra


def _add_compressed_root(net: _Network, v: Values, names: Sequence[str], seed: int) -> bool:
    """The afferents of a compressed, inflamed nerve root and their relay to the guarding
    muscles' motoneurones (``kramp.physiology.root_compression``), where anyone's root
    discharges; whether they were added."""
    people = range(next(iter(v["root"].values())).shape[0])
    roots = [person(v["root"], p) for p in people]
    if not any(root_compression.discharging(root) for root in roots):
        return False
    uniform(v["root"]["root_afferents"], "root.root_afferents", "1", "it sets array sizes")
    rates, contacts = [], []
    guarded = np.isin(np.array(names)[net.muscle_of_unit],
                      list(root_compression.GUARDING_MUSCLES))
    for p, root in enumerate(roots):
        rng = generator(seed, p, "root_wiring")
        rates.append(root_compression.afferent_rates_hz(root, rng))
        contacts.append((rng.random((rates[-1].size, guarded.size))
                         < root["guarding_convergence"]) * guarded
                        * root["guarding_conductance"])
    rates, contacts = np.stack(rates), np.stack(contacts)
    delay = np.repeat(v["root"]["guarding_delay"][:, None], rates.shape[1], axis=1)
    net.components.append(RootAfferents(rates))
    net.coords["root_afferent"] = np.arange(rates.shape[1])
    net.event_lines.append(EventLine("root_afferent.spikes", "motoneuron.excitatory_synapses",
                                     delay, fan_out=contacts))
    return True


def _motoneurons(v: Values, names: Sequence[str], sizes: Sequence[int], dt_ms: float,
                 axon_ms: np.ndarray) -> Motoneurons:
    """Each person's pools, muscle by muscle, each with its muscle's type shares."""
    pools, values = [], []
    for p in range(next(iter(v["drive"].values())).shape[0]):
        own = person(v["motoneuron"], p)
        parts = [motoneuron.pool_parameters(n, "human", own,
                                            (v[m]["fraction_s"][p], v[m]["fraction_fr"][p]))
                 for m, n in zip(names, sizes, strict=True)]
        pools.append(motoneuron.concatenate_pools(parts))
        values.append(own)
    return Motoneurons(pools, values, v["drive"], dt_ms, DRIVE_STEP_MS, axon_ms)


def _surviving_units(v: Values, muscle: str) -> int:
    """The units ``muscle`` keeps: its ``n_unit``, fewer after a healed nerve injury (both the
    same for everyone of a batch: they set array sizes)."""
    n_unit = round(uniform(v[muscle]["n_unit"], f"{muscle}.n_unit", "1", "it sets array sizes"))
    kept = [nerve_injury.surviving_units(n_unit, person(v["nerve_injury"], p))
            for p in range(v["nerve_injury"]["units_lost"].shape[0])]
    return round(uniform(np.array(kept, dtype=float), "nerve_injury.units_lost", "1",
                         "it sets how many units each muscle keeps"))


def _fibre_properties(v: Values, names: Sequence[str], sizes: Sequence[int]
                      ) -> dict[str, np.ndarray]:
    """``fibre.unit_properties`` of every person's muscles, ``[person, unit]``: each muscle's
    ``sizes`` units (its surviving ones after a nerve injury), grown by reinnervation."""
    people = []
    for p in range(next(iter(v["fibre"].values())).shape[0]):
        own = person(v["fibre"], p)
        injury = person(v["nerve_injury"], p)
        parts = [muscles.unit_properties(
            {**person(v[m], p), "n_unit": n,
             "muscle_tetanic_force": v[m]["muscle_tetanic_force"][p] * n / v[m]["n_unit"][p]
             * nerve_injury.enlargement(injury)}, own)
            for m, n in zip(names, sizes, strict=True)]
        people.append({key: np.concatenate([part[key] for part in parts]) for key in parts[0]})
    return {key: np.stack([props[key] for props in people]) for key in people[0]}


def _muaps(v: Values, names: Sequence[str], sizes: Sequence[int], twitch_force_mN: np.ndarray,
           seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's MUAP amplitude and width, ``[person, unit]``: amplitudes relative to the
    strongest unit of its own muscle, depths from the person's anatomy stream."""
    amplitude = np.empty_like(twitch_force_mN)
    width = np.empty_like(twitch_force_mN)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for p in range(twitch_force_mN.shape[0]):
        settings = person(v["emg"], p)
        depth = emg.unit_depths(generator(seed, p, "anatomy"), int(bounds[-1]), settings)
        # a reinnervated unit has more fibres, and so a larger potential
        grown = nerve_injury.enlargement(person(v["nerve_injury"], p))
        for first, last in pairwise(bounds):
            amplitude[p, first:last], width[p, first:last] = emg.unit_muaps(
                twitch_force_mN[p, first:last], depth[first:last], settings)
            amplitude[p, first:last] *= grown
    return amplitude, width


def _axons(v: Values, names: Sequence[str], sizes: Sequence[int], dt_ms: float, seed: int,
           axon_failed: Sequence[np.ndarray]) -> tuple[Axons, np.ndarray, np.ndarray]:
    """Every unit's live axon, and its conduction times soma → stimulation site → terminal,
    ``[person, unit]``, at each person's fibre diameters, tissue temperature and ions; the
    axons a compressed root or a proximal block stops pass nothing from the cord, and those
    ``axon_failed`` (each person's, after a nerve section) answer no stimulus."""
    n_person = next(iter(v["nerve"].values())).shape[0]
    soma_ms, segment_ms, gain, constants, relay, blocked, damaged = [], [], [], [], [], [], []
    for p in range(n_person):
        own, ion_values = person(v["nerve"], p), person(v["ions"], p)
        ions.check_concentrations(ion_values)
        stim = person(v["stimulation"], p)
        if stim["proximal_block"] not in (0.0, 1.0):
            raise KrampInputError("`stimulation.proximal_block` must be 0 (intact) or 1 "
                                  f"(blocked), got {stim['proximal_block']:g}",
                                  field="stimulation.proximal_block")
        diameter = np.concatenate([nerve.fibre_diameters_um(n, own) for n in sizes])
        length = np.repeat([v[m]["nerve_length"][p] for m in names], sizes)
        if (stim["site_distance"] >= length).any():
            raise out_of_range("stimulation.site_distance", "mm", 5.0,
                               float(length.min()) - 1.0, f"{stim['site_distance']:g} mm")
        ms_per_mm = axonal_delay_ms(diameter, 1.0, node={"temperature": ion_values["temperature"]})
        soma_ms.append((length - stim["site_distance"]) * ms_per_mm)
        segment_ms.append(stim["site_distance"] * ms_per_mm)
        peroneal = np.repeat([m in nerve.PERONEAL_MUSCLES for m in names], sizes)
        _add_sites(v, p, diameter, peroneal, dt_ms, gain, constants, relay)
        # the degenerated distal axons of a cut nerve no longer answer a stimulus
        gain[-1] = gain[-1] * ~axon_failed[p][:, None]
        # a compressed root blocks its ischaemic axons and slows its demyelinated ones between
        # the cord and the stimulation site
        root_blocked, root_ms = _root_passage(v, p, names, np.repeat(np.arange(len(names)),
                                                                     sizes),
                                              diameter, ms_per_mm, seed, "root_fibres")
        soma_ms[-1] = soma_ms[-1] + root_ms
        blocked.append(root_blocked | _cut_above(v, p))
        damaged.append(nerve_injury.damaged_axons(person(v["nerve_injury"], p), diameter.size,
                                                  generator(seed, p, "injured_axons")))
    soma, segment = np.stack(soma_ms), np.stack(segment_ms)
    axons = Axons(_with_damaged_segments(v, np.stack(constants), np.stack(damaged)),
                  np.stack(gain), np.array(relay), soma, segment, _electrodes(v),
                  np.stack(blocked), dt_ms)
    return axons, soma, segment


def _with_damaged_segments(v: Values, constants: np.ndarray, damaged: np.ndarray) -> np.ndarray:
    """The site constants of every person's axons, (P, K), or, where anyone's nerve has damaged
    segments, (P, U, 2, K) with the damaged axons' terminal sites
    (``nerve_injury.damaged_segment``)."""
    if not damaged.any():
        return constants
    n_person, n_unit = damaged.shape
    sites = np.repeat(constants[:, None, None, :], n_unit, axis=1).repeat(2, axis=2)
    for p in range(n_person):
        sites[p, damaged[p], 1] = nerve_injury.damaged_segment(
            constants[p], person(v["nerve_injury"], p))
    return sites


@dataclass(frozen=True)
class AnkleKind(PoolKind):
    """The ankle's muscles moving a joint, with the reflex loop closed: spindles and tendon
    organs, their afferent fibres in the motor nerve, the inhibitory interneurones, and their
    connections onto the motoneurones (``kramp.physiology.afferents``)."""

    name: str = "ankle"
    default_muscles: tuple[str, ...] = ankle.MUSCLES
    recorded = (*PoolKind.recorded, "fibre.joint", "fibre.fascicle", "fibre.fatigue",
                "sensor.rates",
                "afferent_axon.terminal", "interneuron.spikes")

    def tables(self, muscle_names: Sequence[str]) -> tuple[ParameterTable, ...]:
        unknown = [m for m in muscle_names if m not in ankle.MUSCLES]
        if unknown:
            raise KrampInputError(f"muscle `{unknown[0]}` does not act on the ankle; allowed: "
                                  f"{', '.join(ankle.MUSCLES)} or calf", field="muscles")
        return (*super().tables(muscle_names), ankle.PARAMETERS, MOVEMENT, spindle.PARAMETERS,
                tendon_organ.PARAMETERS, afferents.PARAMETERS, afferents.SPINAL,
                interneurons.PARAMETERS, tendon_stimulation.PARAMETERS,
                *(ankle.MTU[m] for m in muscle_names),
                *(afferents.RECEPTORS[m] for m in muscle_names))

    def _muscles(self, v: Values, names: Sequence[str], properties: dict[str, np.ndarray],
                 constants: np.ndarray, muscle_of_unit: np.ndarray) -> AnkleMuscles:
        people = range(constants.shape[0])
        k_mtu = np.stack([np.stack([ankle.mtu_constants(
            person(v[f"{m}_mtu"], p), person(v["mechanics"], p),
            v[m]["muscle_tetanic_force"][p] * 1e-3, knee_angle_rad=v["ankle"]["knee_angle"][p])
            for m in names]) for p in people])
        k_joint = np.stack([ankle.joint_constants(person(v["ankle"], p), k_mtu[p])
                            for p in people])
        l_opt = np.stack([[v[f"{m}_mtu"]["optimal_fibre_length"][p] for m in names]
                          for p in people])
        return AnkleMuscles(properties, constants, muscle_of_unit, names, k_mtu, k_joint,
                            v["movement"], l_opt)

    def _add_reflexes(self, net: _Network, v: Values, names: Sequence[str], dt_ms: float,
                      seed: int) -> None:
        n_person = next(iter(v["drive"].values())).shape[0]
        people = range(n_person)
        asked = {kind: round(uniform(v["afferents"][f"n_{kind}"], f"afferents.n_{kind}", "1",
                                     "it sets array sizes")) for kind in afferents.KINDS}
        # each person's real fibres [person, muscle, kind]; a muscle simulates no more fibres
        # than the batch's richest person has, and each person uses as many of them as it
        # would alone (afferents.present), so each fibre it uses stands for at least one
        real = np.array([[[afferents.receptor_counts(person(v[f"{m}_receptors"], p))[k]
                           for k in afferents.KINDS] for m in names] for p in people])
        counts = [{k: min(asked[k], round(real[:, m, i].max()))
                   for i, k in enumerate(afferents.KINDS)} for m in range(len(names))]
        muscle, kind = afferents.layout(counts)
        own = np.stack([afferents.present(muscle, kind, real[p]) for p in people])
        muscles_ = net.component("fibre")
        rest_length = muscles_.rest_lengths_mm() / muscles_.l_opt
        # a fibre a person lacks never discharges; the draws are of its own fibres only, as it
        # would draw them alone
        sensitivity = np.zeros(own.shape)
        threshold_pps = np.zeros(own.shape)
        spindle_ending = own & (kind != afferents.IB)
        for p in people:
            sensitivity[p, own[p]] = afferents.sensitivities(
                generator(seed, p, "afferent_anatomy"), int(own[p].sum()),
                float(v["afferents"]["sensitivity_cv"][p]))
            threshold_pps[p, spindle_ending[p]] = afferents.thresholds_pps(
                generator(seed, p, "spindle_slack"), int(spindle_ending[p].sum()),
                float(v["afferents"]["spindle_threshold_mean"][p]))
        command_share = np.stack([[v[m]["command_share"][p] for m in names] for p in people])
        sensors = Sensors([person(v["spindle"], p) for p in people],
                          [person(v["tendon_organ"], p) for p in people], v["afferents"],
                          muscle, kind, sensitivity, threshold_pps, names,
                          np.stack([[v[m]["muscle_tetanic_force"][p] * 1e-3 for m in names]
                                    for p in people]),
                          command_share, rest_length, muscles_.rest_tendon_force_N(), own)
        fibres, to_site, to_cord = _afferent_axons(v, names, muscle, kind, own, dt_ms, seed,
                                                   sensors.rest_rates_pps())
        n_renshaw = round(uniform(v["interneurons"]["renshaw_per_muscle"],
                                  "interneurons.renshaw_per_muscle", "1", "it sets array sizes"))
        interneuron_pool = Interneurons(
            v["interneurons"], names,
            round(uniform(v["interneurons"]["n_per_muscle"], "interneurons.n_per_muscle", "1",
                          "it sets array sizes")), n_renshaw, command_share=command_share,
            gabaergic_transmission=v["spinal"]["gabaergic_transmission"])
        net.insert_before("motoneuron", interneuron_pool)
        electrode = _tendon_electrode(v, names, muscle, kind, own)
        net.components += [sensors, electrode, fibres]
        for component, port in ((muscles_, "joint"), (muscles_, "fascicle"), (sensors, "rates")):
            axis, labels = component.recorded(port).axis
            net.coords[axis] = np.array(labels)
        net.signal_lines += [SignalLine("fibre.fascicle", "sensor.fascicle", 0, 1.0),
                             SignalLine("fibre.force", "sensor.tendon_force", 0, 1.0),
                             SignalLine("fibre.active_force", "sensor.active_force", 0, 1.0),
                             SignalLine("fibre.fatigue", "sensor.fatigue", 0, 1.0),
                             SignalLine("drive.command", "sensor.command", 0, DRIVE_STEP_MS),
                             SignalLine("drive.command", "interneuron.command", 0,
                                        DRIVE_STEP_MS)]
        central = v["spinal"]["central_delay"][:, None]
        relay = v["spinal"]["interneuron_delay"][:, None]
        to_motoneurons, to_interneurons, inhibition = _spinal_connections(
            v, names, net.muscle_of_unit, muscle, kind, real, own, interneuron_pool, seed)
        net.event_lines += [
            EventLine("sensor.spikes", "afferent_axon.orthodromic", to_site),
            EventLine("tendon_electrode.spikes", "afferent_axon.orthodromic", to_site),
            EventLine("afferent_axon.terminal", "motoneuron.excitatory_synapses",
                      to_cord + central, fan_out=to_motoneurons),
            EventLine("afferent_axon.terminal", "interneuron.afferents", to_cord + central,
                      fan_out=to_interneurons),
            EventLine("interneuron.spikes", "motoneuron.inhibitory_synapses",
                      np.broadcast_to(relay, (n_person, interneuron_pool.n_element)).copy(),
                      fan_out=inhibition),
        ]
        recurrent = _mutual_inhibition(v, names, interneuron_pool)
        if n_renshaw:
            collaterals, recurrent_renshaw = _renshaw_connections(
                v, net.muscle_of_unit, interneuron_pool, n_renshaw, seed)
            recurrent = recurrent + recurrent_renshaw
        interneuron_pool.set_recurrent(recurrent, v["spinal"]["interneuron_delay"])
        if n_renshaw:
            collateral_ms = np.repeat(v["interneurons"]["collateral_delay"][:, None],
                                      net.muscle_of_unit.size, axis=1)
            # every motoneurone spike, an antidromic volley's invasion included, passes the
            # collaterals near the soma
            net.event_lines.append(EventLine("motoneuron.spikes", "interneuron.collaterals",
                                             collateral_ms, fan_out=collaterals))


def _electrodes(v: Values) -> list[Mapping[str, np.ndarray]]:
    """Every electrode's settings, arrays over persons, in ``nerve.ELECTRODES``' order."""
    return [v[electrode.table.component] for electrode in nerve.ELECTRODES]


def _add_sites(v: Values, p: int, diameter: np.ndarray, peroneal: np.ndarray, dt_ms: float,
               gain: list, constants: list, relay: list, own: np.ndarray | None = None) -> None:
    """Person p's stimulation-site gains (µA/cm² per mA, ``[fibre, electrode]``) for fibres of
    ``diameter`` (those where ``peroneal`` in the peroneal nerve), the site membrane's constants
    at the person's ions and the drive of an arriving spike, each appended to its list; ``own``
    the fibres the person has (default: all): no electrode excites the others, and the
    membrane is that of the person's own fibres."""
    own = np.ones(diameter.size, dtype=bool) if own is None else own
    gain.append(np.stack([nerve.electrode_gain(electrode, person(settings, p), diameter,
                                               peroneal)
                          for electrode, settings in zip(nerve.ELECTRODES, _electrodes(v),
                                                         strict=True)], axis=-1)
                * own[:, None])
    membrane = person(v["motor_axon"], p)
    typical_um = float(diameter[own].mean())
    k = motor_axon.site_constants(membrane, person(v["ions"], p), typical_um)
    constants.append(k)
    # An arriving spike is driven by the action current of the node before it, which
    # tetrodotoxin shrinks with the Na⁺ conductance it leaves: the drive is that of the
    # unpoisoned site, scaled by the share left (block follows when it no longer reaches the
    # poisoned site's raised threshold).
    left, _ = toxins.sodium_channels_left(person(v["toxins"], p))
    unpoisoned = motor_axon.site_constants({**membrane, "g_na": membrane["g_na"] / left},
                                           person(v["ions"], p), typical_um)
    relay.append(relay_current_uA_per_cm2(unpoisoned, dt_ms) * left)


def _afferent_axons(v: Values, names: Sequence[str], muscle: np.ndarray, kind: np.ndarray,
                    own: np.ndarray, dt_ms: float, seed: int, rest_rate_pps: np.ndarray
                    ) -> tuple[AfferentAxons, np.ndarray, np.ndarray]:
    """Every afferent's live axon in the motor nerve, and its conduction times receptor →
    stimulation site and proximal site → cord, ``[person, afferent]``; ``own`` (person,
    afferent) the fibres each person has (the others no electrode excites and the cord never
    receives); ``rest_rate_pps`` (person, afferent) each fibre's discharge at the start, whose
    steady state of post-activation depression its Ia terminals start in."""
    n_person = next(iter(v["nerve"].values())).shape[0]
    to_site, segment, to_cord, gain, constants, relay, blocked = [], [], [], [], [], [], []
    for p in range(n_person):
        ion_values, stim = person(v["ions"], p), person(v["stimulation"], p)
        diameter = afferents.diameters_um(kind, muscle, person(v["afferents"], p), own[p])
        length = np.array([v[m]["nerve_length"][p] for m in names])[muscle]
        ms_per_mm = axonal_delay_ms(diameter, 1.0, node={"temperature": ion_values["temperature"]})
        site_ms = stim["site_distance"] * ms_per_mm
        beyond_ms = (length - stim["site_distance"]) * ms_per_mm
        if (beyond_ms <= 2.0 * PROXIMAL_SEGMENT_MS).any():
            raise out_of_range("stimulation.site_distance", "mm", 5.0,
                               float(length.min()) - 2.0 * PROXIMAL_SEGMENT_MS / ms_per_mm.min(),
                               f"{stim['site_distance']:g} mm")
        root_blocked, root_ms = _root_passage(v, p, names, muscle, diameter, ms_per_mm, seed,
                                              "root_afferent_fibres", own[p])
        to_site.append(site_ms)
        segment.append(np.full(diameter.size, PROXIMAL_SEGMENT_MS))
        to_cord.append(beyond_ms - PROXIMAL_SEGMENT_MS + root_ms)
        blocked.append(root_blocked | _cut_above(v, p) | ~own[p])
        peroneal = np.array([m in nerve.PERONEAL_MUSCLES for m in names])[muscle]
        _add_sites(v, p, diameter, peroneal, dt_ms, gain, constants, relay, own[p])
    # post-activation depression at the central terminals of the Ia fibres
    release_use = v["spinal"]["ia_release_use"][:, None] * (kind == afferents.IA)[None, :]
    fibres = AfferentAxons(np.stack(constants), np.stack(gain), np.array(relay),
                           np.stack(to_site), np.stack(segment), _electrodes(v),
                           np.stack(blocked), dt_ms,
                           release_use, v["spinal"]["ia_release_recovery"], rest_rate_pps)
    return fibres, np.stack(to_site), np.stack(to_cord)


def _tendon_electrode(v: Values, names: Sequence[str], muscle: np.ndarray,
                      kind: np.ndarray, own: np.ndarray) -> TendonElectrode:
    """The electrode over the Achilles tendon, with the Ib fibres each person's pulses fire
    (of those it has: ``own``, person × afferent)."""
    n_person = next(iter(v["tendon_stimulation"].values())).shape[0]
    on_tendon = np.array([i if m in tendon_stimulation.ACHILLES_MUSCLES else -1
                          for i, m in enumerate(names)])[muscle]
    settings = [person(v["tendon_stimulation"], p) for p in range(n_person)]
    excited = np.stack([tendon_stimulation.excited(
        s["ib_share"], (kind == afferents.IB) & own[p], on_tendon,
        afferents.diameters_um(kind, muscle, person(v["afferents"], p), own[p]))
        for p, s in enumerate(settings)])
    return TendonElectrode(settings, excited)


def _own_rows_below(rng: np.random.Generator, own: np.ndarray, chance: np.ndarray
                    ) -> np.ndarray:
    """Whether a uniform draw falls below ``chance`` (afferent × target), drawn for the rows of
    the person's ``own`` fibres only, in order, as it draws them in a batch of people like it
    (a fibre it lacks: False)."""
    drawn = np.zeros(chance.shape, dtype=bool)
    drawn[own] = rng.random((int(own.sum()), chance.shape[1])) < chance[own]
    return drawn


def _spinal_connections(v: Values, names: Sequence[str], unit_muscle: np.ndarray,
                        muscle: np.ndarray, kind: np.ndarray, real: np.ndarray,
                        own: np.ndarray, pool: Interneurons, seed: int
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contacts of each person's afferents on motoneurones and interneurones, and of the
    interneurones on motoneurones, each ``[person, source, target]`` (``afferents`` module doc):
    conductances in µS onto motoneurones, EPSPs in mV onto interneurones; ``real`` each
    person's real fibres ``[person, muscle, kind]``; a fibre a person lacks (``own`` false) has
    none."""
    action = np.array([ankle.MTU[m]["action"].value for m in names])
    n_person = next(iter(v["spinal"].values())).shape[0]
    excite = np.zeros((n_person, muscle.size, unit_muscle.size))
    onto_interneurons = np.zeros((n_person, muscle.size, pool.n_element))
    inhibit = np.zeros((n_person, pool.n_element, unit_muscle.size))
    for p in range(n_person):
        s = person(v["spinal"], p)
        rng = generator(seed, p, "spinal_wiring")
        simulated = np.bincount(muscle * 3 + kind, weights=own[p],
                                minlength=3 * len(names)).reshape(-1, 3)
        # real fibres per simulated one the person has
        stands_for = np.where(own[p], (real[p] / np.maximum(simulated, 1.0))[muscle, kind],
                              0.0)
        same = muscle[:, None] == unit_muscle[None, :]
        synergist = (action[muscle][:, None] == action[unit_muscle][None, :]) & ~same
        chance = np.where(same, s["ia_homonymous_probability"],
                          np.where(synergist, s["ia_heteronymous_probability"], 0.0))
        contact = _own_rows_below(rng, own[p], chance)
        ia = (kind == afferents.IA)[:, None] & contact
        ii = (kind == afferents.II)[:, None] & same
        presynaptic = s["ia_presynaptic_inhibition"] * s["gabaergic_transmission"]
        excite[p] = stands_for[:, None] * (1.0 - presynaptic) * (
            ia * s["ia_contact_conductance"]
            + ii * s["ii_contact_conductance"] * s["ii_transmission"])
        i = person(v["interneurons"], p)
        feeds = (((kind == afferents.IA)[:, None] & (pool.kind == interneurons.IA_IN)[None, :])
                 | ((kind == afferents.IB)[:, None] & (pool.kind == interneurons.IB_IN)[None, :]))
        feeds &= muscle[:, None] == pool.muscle[None, :]
        convergence = i["afferent_convergence"]
        onto_interneurons[p] = feeds * stands_for[:, None] * i["afferent_epsp"] \
            * _own_rows_below(rng, own[p], np.full(feeds.shape, convergence)) / convergence
        opposite = action[pool.muscle][:, None] != action[unit_muscle][None, :]
        alike = ~opposite
        # Ia-inhibitory cells inhibit the antagonists; Ib and Renshaw cells the muscle itself
        # and its synergists
        targets = np.where(pool.kind[:, None] == interneurons.IA_IN, opposite, alike)
        transmission = np.array([interneurons.transmission(k, s, i) for k in pool.kind])
        # an Ia-inhibitory cell contacts only a share of the antagonist motoneurones: spread
        # over all of them, as each simulated cell stands for several real ones
        contact = np.select(
            [pool.kind == interneurons.RENSHAW, pool.kind == interneurons.IA_IN],
            [i["renshaw_contact_conductance"],
             s["ia_interneuron_contact_conductance"]
             * s["ia_interneuron_connection_probability"]],
            s["ib_interneuron_contact_conductance"])
        simulated = np.where(pool.kind == interneurons.RENSHAW, i["renshaw_per_muscle"],
                             i["n_per_muscle"])
        inhibit[p] = targets * (transmission * contact * i["real_per_muscle"]
                                / np.maximum(simulated, 1.0))[:, None]
    return excite, onto_interneurons, inhibit


def _mutual_inhibition(v: Values, names: Sequence[str], pool: Interneurons) -> np.ndarray:
    """The IPSPs (mV, negative, ``[person, neuron, neuron]``) each person's Ia-inhibitory
    interneurones give those of the muscles acting the other way (Hultborn, Illert & Santini
    1976), glycinergic like their inhibition of motoneurones."""
    action = np.array([ankle.MTU[m]["action"].value for m in names])
    ia = pool.kind == interneurons.IA_IN
    opposing = (ia[:, None] & ia[None, :]
                & (action[pool.muscle][:, None] != action[pool.muscle][None, :]))
    n_person = next(iter(v["spinal"].values())).shape[0]
    recurrent = np.zeros((n_person, pool.n_element, pool.n_element))
    for p in range(n_person):
        s, i = person(v["spinal"], p), person(v["interneurons"], p)
        recurrent[p] = -i["ia_mutual_ipsp"] * opposing * i["real_per_muscle"] \
            / i["n_per_muscle"] * interneurons.transmission(interneurons.IA_IN, s, i)
    return recurrent


def _renshaw_connections(v: Values, unit_muscle: np.ndarray, pool: Interneurons,
                         n_renshaw: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The motor-axon collaterals' contacts on each person's Renshaw cells (slow drive, mV,
    ``[person, unit, neuron]``) and the Renshaw cells' IPSPs on the Ia-inhibitory interneurones
    of their own muscle (mV, negative, ``[person, neuron, neuron]``)."""
    n_person = next(iter(v["spinal"].values())).shape[0]
    collaterals = np.zeros((n_person, unit_muscle.size, pool.n_element))
    recurrent = np.zeros((n_person, pool.n_element, pool.n_element))
    renshaw = pool.kind == interneurons.RENSHAW
    same = pool.muscle[:, None] == pool.muscle[None, :]
    onto_ia = renshaw[:, None] & (pool.kind == interneurons.IA_IN)[None, :] & same
    for p in range(n_person):
        s, i = person(v["spinal"], p), person(v["interneurons"], p)
        rng = generator(seed, p, "collateral_wiring")
        feeds = (unit_muscle[:, None] == pool.muscle[None, :]) & renshaw[None, :]
        feeds &= rng.random(feeds.shape) < i["collateral_convergence"]
        collaterals[p] = feeds * i["collateral_epsp"]
        recurrent[p] = -i["renshaw_ia_ipsp"] * onto_ia * i["real_per_muscle"] \
            / n_renshaw * interneurons.transmission(interneurons.RENSHAW, s, i)
    return collaterals, recurrent



KINDS: dict[str, Kind] = {"hh_membrane": MembraneKind(), "motor_pool": PoolKind(),
                          "ankle": AnkleKind()}


def build_model(kind: str, values: Values | None = None, **settings) -> Model:
    """Compile parameter values into a Model of ``kind`` (see the kinds' ``build``).

    ``values[component][name]`` overrides a default, in the parameter's declared unit; it may be
    a scalar or an array that broadcasts over persons (and units, for ``hh_membrane``).
    """
    if kind not in KINDS:
        raise KrampInputError(f"unknown model kind '{kind}'; known: {', '.join(KINDS)}",
                              field="model")
    return KINDS[kind].build(values, **settings)
