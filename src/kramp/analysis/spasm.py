"""The spasm detector: involuntary muscle activity, its episodes and their class, read from a
run's outputs alone — the spikes that reach each muscle, its force and surface EMG, and the
recorded commands (the voluntary command, the brainstem's inspiratory command, the electrical
stimuli given and the movements imposed on the joint).

**Involuntary activity** is activity the recorded commands do not explain. A spike that reaches a
muscle (the motor axons' terminal spikes, whatever their origin: the motoneurone or an ectopic
site in the axon) is explained when, within ``COMMAND_LAG_MS`` before it, the voluntary command
was on and the muscle receives it (its ``command_share``), or the inspiratory command was on and
the muscle breathes (its ``respiratory_share``), or when it comes within ``EVOKED_MS`` of a
stimulus pulse (the M-wave and the reflexes the pulse itself evokes). Everything else is
involuntary: quiet breathing is commanded rhythm, not a spasm.

**Episodes.** Each muscle's involuntary spikes are counted in ``BIN_MS`` bins; a bin is active
when the muscle's involuntary rate reaches its active rate: the density of
:mod:`kramp.analysis.cramp`'s pool criterion (``ACTIVE_POOL_RATE_HZ`` over the calf's
``POOL_UNITS`` units) times the muscle's own units, and at least ``MIN_ACTIVE_RATE_HZ``;
active bins separated by at most ``GAP_MS`` form one episode.
An episode lasting at least ``MIN_EPISODE_MS`` is a spasm; shorter bursts are the ordinary tail
of a reflex or a relaxation. Force without EMG is looked for apart: a stretch of at least
``MIN_CONTRACTURE_MS`` in which a muscle holds more than ``CONTRACTURE_FORCE_SHARE`` of its
maximal force above the force it bore at the run's start (the passive tension of the relaxed
muscle in its posture: a muscle held long is taut, not contracted) while its spikes, of any
origin, stay below its active rate and no command explains the force, nor a movement imposed on
the joint (from its start until ``COMMAND_LAG_MS`` after its return: stretching a relaxed
muscle raises its passive force), nor its fascicles being longer than at the run's start by more
than ``LENGTHENED_L0`` (where they are recorded: a free joint turned by the antagonists' own
contraction stretches a relaxed muscle as an imposed movement does, and a contracture shortens
its muscle or holds it).

**Classes**, the first that applies (kramp's operational definitions, after the clinical
descriptions of Minetto et al. 2013, Muscle Nerve 47:458 (cramp) and Lance 1980 (spasticity);
not re-checked):

* ``contracture``: force without EMG (above);
* ``tetany``: sustained high-rate firing, the units' mean rate at least ``TETANY_RATE_HZ`` or
  at least ``TETANY_DOUBLET_SHARE`` of the intervals doublets (a discharge in doublets and
  multiplets, such as hypocalcaemia's, even when its bursts recur rhythmically);
* ``clonus``: an episode whose binned spike counts repeat at ``RHYTHM_HZ`` (the autocorrelation
  of ``RHYTHM_BIN_MS`` counts peaks above ``RHYTHM_MIN_CORRELATION`` at a lag of 100–500 ms);
* ``spasticity``: an episode that begins while the joint is held away from where an imposed
  movement found it (:func:`kramp.analysis.reflex.imposed_displacements`: from a ramp's start to
  the end of its return) or within ``REFLEX_TAIL_MS`` of that: a reflex to the imposed
  stretch;
* ``cramp``: any other sustained involuntary discharge;
* ``myoclonus``: involuntary jerks — brief bursts in which at least ``JERK_MIN_UNIT_SHARE`` of a
  muscle's units fire together at its active rate (a fasciculation is one unit's), each burst
  (its run of active bins) no longer than ``JERK_MAX_MS`` and beginning more than ``SETTLE_MS``
  after anything a command, a pulse or a stretch did — at least ``MIN_JERKS`` of them in a row,
  each within ``JERK_GAP_MS`` of the last (segmental myoclonus is rhythmic, its EMG bursts
  generally 50–500 ms long: Gündüz, Sayılır, Kızıltan, Kızıltan & Siva, review, abstract,
  journal not re-checked; propriospinal myoclonus bursts repeat at 1–7 Hz: Brown, Rothwell,
  Thompson & Marsden 1994, Mov Disord 9:571–576, abstract). The train is one episode from its
  first jerk to the end of its last, its ``rhythm_hz`` the jerks' median rate, whatever the
  jerks are made of (a rhythmic discharge that never falls quiet for ``GAP_MS`` is a sustained
  episode, and clonus if it repeats in ``RHYTHM_HZ``). A jerk is not sustained: a train of them
  is not a cramp (:mod:`kramp.analysis.cramp` leaves it out of the cramp measures);
* ``fasciculation``: involuntary spikes outside episodes at rest — more than ``SETTLE_MS`` after
  anything a command, a pulse or a stretch did — at least ``FASCICULATION_MIN`` of them, where
  no episode was found;
* ``flaccid_weakness`` (no spasm): a voluntary command of at least ``WEAK_COMMAND`` held for
  ``WEAK_COMMAND_MS`` that raises the commanded muscles to less than ``WEAK_FORCE_SHARE`` of
  their maximal force.

Each episode reports its muscle, class, start and duration, onset latency (from the last thing a
command explained before it: the command's end, the last pulse, or the run's start), rise time,
peak involuntary force (% of the muscle's maximum), the EMG's RMS, the firing units' mean rate,
interspike CV and doublet share, the force's coefficient of variation (steadiness), its rhythm
(clonus) and the time from its end until the force has fallen below ``RECOVERED_SHARE`` of the
episode's peak (recovery; None when it had not by the run's end). A contracture, which has no
discharge to end, recovers when its force lets go: its recovery is the time from its start until
then (None when it still holds at the run's end), and its EMG is measured over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import xarray as xr

from kramp.analysis.cramp import (
    ACTIVE_POOL_RATE_HZ,
    CRAMP_MIN_S,
    RISE_SHARE,
    unit_discharge,
)
from kramp.analysis.motor import RELEASE_GRACE_MS

BIN_MS = 100.0
POOL_UNITS = 300  # the calf's units, over which cramp.ACTIVE_POOL_RATE_HZ was set
MIN_ACTIVE_RATE_HZ = 10.0  # never fewer than one spike per bin
GAP_MS = 300.0
# as long as the cramp measure asks of a discharge after a train (kramp.analysis.cramp)
MIN_EPISODE_MS = 1e3 * CRAMP_MIN_S
# a command explains the spikes up to this long after it (the tail of a contraction: spikes in
# flight, persistent inward currents switching off; the grace of kramp.analysis.motor)
COMMAND_LAG_MS = RELEASE_GRACE_MS
EVOKED_MS = 60.0  # a pulse's M-wave and its reflexes (H ~30 ms in the soleus) come within this
REFLEX_TAIL_MS = 200.0
RHYTHM_BIN_MS = 10.0
RHYTHM_MIN_CORRELATION = 0.3
# clonus runs at 5–8 Hz in patients (target D5); the class takes 2–10 Hz so that a slower
# rhythmic discharge is still named for what it is (D5, not the detector, judges its rate)
RHYTHM_HZ = (2.0, 10.0)
# a jerk: a burst of involuntary firing of at least this share of a muscle's units (kramp's
# choice), no longer than a segmental myoclonic burst (500 ms), bounded by quiet bins; jerks in a
# row no further apart than JERK_GAP_MS (rhythms of about 1 Hz and faster, the slow end of
# propriospinal myoclonus), at least MIN_JERKS of them (kramp's choice), are one myoclonus
# episode (module doc)
JERK_MIN_UNIT_SHARE = 0.1
JERK_MAX_MS = 500.0
JERK_GAP_MS = 1000.0
MIN_JERKS = 3
TETANY_RATE_HZ = 30.0
TETANY_DOUBLET_SHARE = 0.3
FASCICULATION_MIN = 3
# a motoneurone released from a contraction or a volley may fire a few more spikes this long
SETTLE_MS = 1000.0
CONTRACTURE_FORCE_SHARE = 0.05
# fascicles longer than at the start by more than this (optimal lengths) bear passive force
LENGTHENED_L0 = 0.01
MIN_CONTRACTURE_MS = 1000.0
WEAK_COMMAND = 0.1
WEAK_COMMAND_MS = 500.0
WEAK_FORCE_SHARE = 0.02
# A maximal voluntary effort activates a healthy muscle almost fully (voluntary activation above
# 90 % by twitch interpolation; Merton 1954, Gandevia 2001, not re-checked). kramp's healthy
# pools reach only 55–60 % of their muscle's tetanic force in one (their maximal rates are a
# hand muscle's and the fast units' tetanus is not fused there; B8, C1), so an effort is weak
# below 40 % — a loss of a third of a healthy person's strength in kramp, not a clinical cut-off.
MAXIMAL_COMMAND = 0.9
WEAK_STRENGTH_PERCENT = 40.0
RECOVERED_SHARE = 0.1
# the order in which a class is judged, and whether it is a spasm
SPASM_CLASSES = ("contracture", "tetany", "clonus", "spasticity", "cramp", "myoclonus",
                 "fasciculation")
# each class's name for people, in English and Swedish
CLASS_NAMES = {"contracture": ("contracture (force without EMG)", "kontraktur (kraft utan EMG)"),
               "clonus": ("clonus", "klonus"),
               "spasticity": ("spasticity (reflex to stretch)", "spasticitet (sträckreflex)"),
               "tetany": ("tetany", "tetani"),
               "cramp": ("cramp", "kramp"),
               "myoclonus": ("myoclonus (involuntary jerks)", "myoklonus (ofrivilliga ryck)"),
               "fasciculation": ("fasciculations", "fascikulationer"),
               "flaccid_weakness": ("flaccid weakness", "slapp svaghet")}


@dataclass(frozen=True)
class Outputs:
    """One person's outputs, as the detector reads them (``from_result`` makes one from a
    Result; tests build them by hand)."""

    time_ms: np.ndarray  # (T,)
    command: np.ndarray  # (T,) voluntary command, fraction of maximal
    inspiratory: np.ndarray  # (T,) inspiratory command
    muscles: tuple[str, ...]
    force_N: np.ndarray  # (T, M)
    max_force_N: np.ndarray  # (M,)
    command_share: np.ndarray  # (M,)
    respiratory_share: np.ndarray  # (M,)
    spike_time_ms: np.ndarray  # (S,) spikes reaching the muscles
    spike_unit: np.ndarray  # (S,)
    unit_muscle: np.ndarray  # (U,) index into ``muscles``
    emg_time_ms: np.ndarray  # (E,)
    emg_mV: np.ndarray  # (E, M)
    pulses_ms: np.ndarray = field(default_factory=lambda: np.zeros(0))
    stretches_ms: tuple[tuple[float, float], ...] = ()  # imposed displacements of the joint
    fascicle_L0: np.ndarray | None = None  # (T, M) fascicle lengths, optimal lengths; or none


def _on_before(time_ms: np.ndarray, on: np.ndarray, at_ms: np.ndarray) -> np.ndarray:
    """Whether ``on`` was true at some sample within ``COMMAND_LAG_MS`` before each of
    ``at_ms``."""
    switched = np.concatenate([[0], np.cumsum(on)])
    upto = np.searchsorted(time_ms, at_ms, side="right")
    since = np.searchsorted(time_ms, at_ms - COMMAND_LAG_MS, side="left")
    return switched[upto] - switched[since] > 0


def involuntary(out: Outputs) -> np.ndarray:
    """Which spikes no recorded command explains (module doc)."""
    muscle = out.unit_muscle[out.spike_unit]
    voluntary = _on_before(out.time_ms, out.command > 0.0, out.spike_time_ms) \
        & (out.command_share[muscle] > 0.0)
    breathing = _on_before(out.time_ms, out.inspiratory > 0.0, out.spike_time_ms) \
        & (out.respiratory_share[muscle] > 0.0)
    pulses = np.sort(out.pulses_ms)
    evoked = np.zeros(out.spike_time_ms.size, dtype=bool)
    if pulses.size:
        before = np.searchsorted(pulses, out.spike_time_ms, side="right") - 1
        has = before >= 0
        evoked[has] = out.spike_time_ms[has] - pulses[before[has]] <= EVOKED_MS
    return ~(voluntary | breathing | evoked)


def _runs(active: np.ndarray, edges: np.ndarray) -> list[tuple[float, float]]:
    """(start, end) ms of the active bins, joined across gaps of at most ``GAP_MS``."""
    runs: list[list[float]] = []
    for k in np.flatnonzero(active):
        if runs and edges[k] - runs[-1][1] <= GAP_MS:
            runs[-1][1] = edges[k + 1]
        else:
            runs.append([edges[k], edges[k + 1]])
    return [(a, b) for a, b in runs]


def _rhythm_hz(times: np.ndarray, start: float, end: float) -> float | None:
    """The frequency at which the episode's binned spike counts repeat (module doc), or None."""
    counts, _ = np.histogram(times, bins=np.arange(start, end + RHYTHM_BIN_MS, RHYTHM_BIN_MS))
    return repeat_hz(counts)


def repeat_hz(binned: np.ndarray) -> float | None:
    """The frequency in ``RHYTHM_HZ`` at which a series binned at ``RHYTHM_BIN_MS`` (spike
    counts, rectified EMG) repeats: the lag of its autocorrelation's highest peak there, if that
    peak reaches ``RHYTHM_MIN_CORRELATION``; else None."""
    counts = binned - binned.mean()
    if counts.size < 4 or not counts.any():
        return None
    correlation = np.correlate(counts, counts, mode="full")[counts.size - 1:]
    correlation = correlation / correlation[0]
    lags = np.arange(correlation.size) * RHYTHM_BIN_MS
    allowed = (lags >= 1e3 / RHYTHM_HZ[1]) & (lags <= 1e3 / RHYTHM_HZ[0])
    if not allowed.any():
        return None
    best = np.flatnonzero(allowed)[np.argmax(correlation[allowed])]
    return float(1e3 / lags[best]) if correlation[best] >= RHYTHM_MIN_CORRELATION else None


def _last_explained_ms(out: Outputs, m: int, before_ms: float) -> float:
    """The end of the last command or pulse that reached muscle ``m`` before ``before_ms`` (the
    run's start if none)."""
    causes = [float(out.time_ms[0])]
    for on, share in ((out.command > 0.0, out.command_share[m]),
                      (out.inspiratory > 0.0, out.respiratory_share[m])):
        if share > 0.0:
            ends = out.time_ms[1:][on[:-1] & ~on[1:]]
            causes += [t for t in ends if t <= before_ms]
    causes += [float(p) for p in out.pulses_ms if p <= before_ms]
    causes += [b if b <= before_ms else a for a, b in out.stretches_ms if a <= before_ms]
    return max(causes)


def _episode(out: Outputs, m: int, start: float, end: float, times: np.ndarray,
             units: np.ndarray) -> dict:
    inside = (times >= start) & (times < end)
    edges = np.arange(start, end + BIN_MS, BIN_MS)
    counts, _ = np.histogram(times[inside], bins=edges)
    peak_bin = int(np.flatnonzero(counts >= RISE_SHARE * counts.max())[0])
    onset = float(times[inside].min())
    during = (out.time_ms >= start) & (out.time_ms < end)
    force = out.force_N[:, m]
    peak_force = float(force[during].max()) if during.any() else 0.0
    after = np.flatnonzero((out.time_ms >= end) & (force < RECOVERED_SHARE * peak_force))
    emg = (out.emg_time_ms >= start) & (out.emg_time_ms < end)
    held = force[during]
    rhythm = _rhythm_hz(times[inside], start, end)
    stretched = any(a - REFLEX_TAIL_MS <= onset <= b + REFLEX_TAIL_MS
                    for a, b in out.stretches_ms)
    firing = unit_discharge(times[inside], units[inside])
    del firing["units"]
    tetanic = firing["unit_rate_hz"] is not None and (
        firing["unit_rate_hz"] >= TETANY_RATE_HZ
        or (firing["doublet_share"] or 0.0) >= TETANY_DOUBLET_SHARE)
    kind = ("tetany" if tetanic else "clonus" if rhythm is not None
            else "spasticity" if stretched else "cramp")
    return {"muscle": out.muscles[m], "class": kind, "start_ms": start,
            "duration_s": (end - start) * 1e-3,
            "onset_latency_ms": onset - _last_explained_ms(out, m, onset),
            "rise_time_ms": max(0.0, float(edges[peak_bin] + 0.5 * BIN_MS - onset)),
            "peak_force_percent": 100.0 * peak_force / out.max_force_N[m],
            "emg_rms_mV": float(np.sqrt(np.mean(out.emg_mV[emg, m] ** 2))) if emg.any()
            else 0.0,
            **firing,
            "force_cv": float(held.std() / held.mean()) if held.size and held.mean() > 0
            else None,
            "rhythm_hz": rhythm,
            "recovery_ms": float(out.time_ms[after[0]] - end) if after.size else None}


def _jerk_trains(out: Outputs, m: int, runs: list[tuple[float, float]], times: np.ndarray,
                 units: np.ndarray) -> list[list[tuple[float, float, float]]]:
    """Muscle ``m``'s trains of jerks (module doc): lists of (start, end, first spike) ms of its
    runs of active bins, each run a jerk, at least ``MIN_JERKS`` in a row."""
    enough = max(2.0, JERK_MIN_UNIT_SHARE * np.sum(out.unit_muscle == m))
    jerks = []
    for a, b in runs:
        if b - a > JERK_MAX_MS:
            continue
        inside = (times >= a) & (times < b)
        onset = float(times[inside].min())
        if (np.unique(units[inside]).size >= enough
                and onset - _last_explained_ms(out, m, onset) > SETTLE_MS):
            jerks.append((a, b, onset))
    trains: list[list[tuple[float, float, float]]] = []
    for jerk in jerks:
        if trains and jerk[0] - trains[-1][-1][1] <= JERK_GAP_MS:
            trains[-1].append(jerk)
        else:
            trains.append([jerk])
    return [train for train in trains if len(train) >= MIN_JERKS]


def _jerk_episode(out: Outputs, m: int, train: list[tuple[float, float, float]],
                  times: np.ndarray, units: np.ndarray) -> dict:
    """A train of jerks as one episode, its rhythm the jerks' median rate (module doc)."""
    episode = _episode(out, m, train[0][0], train[-1][1], times, units)
    episode["rhythm_hz"] = float(1e3 / np.median(np.diff([onset for _, _, onset in train])))
    episode["class"] = "myoclonus"
    return episode


def _contractures(out: Outputs, spiking: np.ndarray) -> list[dict]:
    """Stretches of force without EMG (module doc); ``spiking`` (T, M) whether a muscle's
    spikes, of any origin, reach the active rate around each sample."""
    found = []
    commanded = _on_before(out.time_ms, out.command > 0.0, out.time_ms)
    breathing = _on_before(out.time_ms, out.inspiratory > 0.0, out.time_ms)
    stretched = np.zeros(out.time_ms.size, dtype=bool)
    for a, b in out.stretches_ms:
        stretched |= (out.time_ms >= a) & (out.time_ms <= b + COMMAND_LAG_MS)
    for m, name in enumerate(out.muscles):
        explained = ((commanded & (out.command_share[m] > 0.0))
                     | (breathing & (out.respiratory_share[m] > 0.0)) | stretched)
        if out.fascicle_L0 is not None:
            explained |= out.fascicle_L0[:, m] > out.fascicle_L0[0, m] + LENGTHENED_L0
        # the force the relaxed muscle already bore at the start (its passive tension in the
        # posture it was held in) is no contraction
        above_rest = out.force_N[:, m] - out.force_N[0, m]
        held = ((above_rest > CONTRACTURE_FORCE_SHARE * out.max_force_N[m])
                & ~spiking[:, m] & ~explained)
        edges = np.concatenate([[0], np.diff(held.astype(int))])
        starts = np.flatnonzero(edges == 1)
        if held[0]:
            starts = np.concatenate([[0], starts])
        for first in starts:
            stop = first + int(np.argmin(held[first:])) if not held[first:].all() \
                else held.size - 1
            span = out.time_ms[stop] - out.time_ms[first]
            if span >= MIN_CONTRACTURE_MS:
                force = above_rest[first:stop]
                emg = ((out.emg_time_ms >= out.time_ms[first])
                       & (out.emg_time_ms < out.time_ms[stop]))
                let_go = not held[stop]  # the force fell back within the run
                found.append({"muscle": name, "class": "contracture",
                              "start_ms": float(out.time_ms[first]),
                              "duration_s": float(span) * 1e-3,
                              "onset_latency_ms": None, "rise_time_ms": None,
                              "peak_force_percent": 100.0 * float(force.max())
                              / out.max_force_N[m],
                              "emg_rms_mV": float(np.sqrt(np.mean(out.emg_mV[emg, m] ** 2)))
                              if emg.any() else 0.0,
                              "unit_rate_hz": None, "interspike_cv": None,
                              "doublet_share": None,
                              "force_cv": float(force.std() / force.mean()),
                              "rhythm_hz": None,
                              # a contracture's recovery: from its start until it lets go
                              "recovery_ms": float(span) if let_go else None})
    return found


def _reached(out: Outputs, level: float) -> np.ndarray | None:
    """The largest force each commanded muscle reaches while the voluntary command is at least
    ``level``, as a share of its maximal force; None unless such a command was held for
    ``WEAK_COMMAND_MS``."""
    commanded = out.command_share > 0.0
    on = out.command >= level
    dt = float(np.median(np.diff(out.time_ms))) if out.time_ms.size > 1 else 1.0
    if not commanded.any() or on.sum() * dt < WEAK_COMMAND_MS:
        return None
    return out.force_N[on][:, commanded].max(axis=0) / out.max_force_N[commanded]


def strength_percent(out: Outputs) -> float | None:
    """The force a maximal voluntary effort (a command of at least ``MAXIMAL_COMMAND``)
    reaches, as a share (%) of the weakest commanded muscle's maximal force; None without
    one."""
    share = _reached(out, MAXIMAL_COMMAND)
    return None if share is None else float(100.0 * share.min())


def _weak(out: Outputs) -> bool:
    """A held voluntary command that moves the commanded muscles to almost no force."""
    share = _reached(out, WEAK_COMMAND)
    return share is not None and bool((share < WEAK_FORCE_SHARE).all())


def detect(out: Outputs) -> dict:
    """The verdict on one person's outputs: ``spasm``, ``spasm_class`` (the class of the
    episode with the largest involuntary force, or ``flaccid_weakness``/None without a spasm),
    the episodes (module doc) and the count of isolated involuntary spikes at rest."""
    loose = involuntary(out)
    times, units = out.spike_time_ms[loose], out.spike_unit[loose]
    muscle = out.unit_muscle[units]
    start, stop = float(out.time_ms[0]), float(out.time_ms[-1])
    edges = np.arange(start, stop + BIN_MS, BIN_MS)
    bin_of_sample = np.clip(np.searchsorted(edges, out.time_ms, side="right") - 1, 0,
                            edges.size - 2)
    episodes = []
    # where each muscle fires at all (commanded, evoked or not): force there is not "without EMG"
    spiking = np.zeros((out.time_ms.size, len(out.muscles)), dtype=bool)
    lone = 0
    for m in range(len(out.muscles)):
        rate_hz = max(ACTIVE_POOL_RATE_HZ * np.sum(out.unit_muscle == m) / POOL_UNITS,
                      MIN_ACTIVE_RATE_HZ)
        every, _ = np.histogram(out.spike_time_ms[out.unit_muscle[out.spike_unit] == m],
                                bins=edges)
        spiking[:, m] = (every * (1e3 / BIN_MS) >= rate_hz)[bin_of_sample]
        own = muscle == m
        counts, _ = np.histogram(times[own], bins=edges)
        active = counts * (1e3 / BIN_MS) >= rate_hz
        runs = _runs(active, edges)
        sustained = [(a, b) for a, b in runs if b - a >= MIN_EPISODE_MS]
        episodes += [_episode(out, m, a, b, times[own], units[own]) for a, b in sustained]
        trains = _jerk_trains(out, m, runs, times[own], units[own])
        episodes += [_jerk_episode(out, m, train, times[own], units[own]) for train in trains]
        within = np.zeros(own.sum(), dtype=bool)
        for a, b in sustained + [(train[0][0], train[-1][1]) for train in trains]:
            within |= (times[own] >= a - GAP_MS) & (times[own] < b + GAP_MS)
        lone += sum(t - _last_explained_ms(out, m, t) > SETTLE_MS
                    for t in times[own][~within])
    episodes += _contractures(out, spiking)
    episodes.sort(key=lambda e: (SPASM_CLASSES.index(e["class"]), -e["peak_force_percent"]))
    if episodes:
        strongest = max(episodes, key=lambda e: e["peak_force_percent"])
        kind = episodes[0]["class"] if episodes[0]["class"] == "contracture" \
            else strongest["class"]
    elif lone >= FASCICULATION_MIN:
        kind = "fasciculation"
    else:
        kind = "flaccid_weakness" if _weak(out) else None
    strength = strength_percent(out)
    return {"spasm": kind is not None and kind != "flaccid_weakness",
            "spasm_class": kind,
            "strength_percent": strength,
            "weakness": None if strength is None else bool(strength < WEAK_STRENGTH_PERCENT),
            "spasm_episodes": [{key: float(value) if isinstance(value, np.floating) else value
                                for key, value in episode.items()} for episode in episodes],
            "involuntary_spikes": int(loose.sum()),
            "isolated_involuntary_spikes": int(lone)}


def from_result(result: xr.Dataset, person: int) -> Outputs:
    """The detector's view of one person's Result: the spikes reaching the muscles (the motor
    axons' terminal spikes, or the motoneurones' where no axon was simulated), the recorded
    commands, stimulus pulses and imposed stretches, and each muscle's command shares and
    maximal force (the run's recorded settings)."""
    from kramp.analysis import nerve, reflex

    prefix = "axon.terminal." if "axon.terminal.spike_time_ms" in result else ""
    own = result[f"{prefix}spike_person"].values == person
    muscles = tuple(str(m) for m in result["muscle"].values)
    setting = {name: np.array([float(np.ravel(result[f"{m}.{name}"].sel(person=person)
                                              .values)[0])
                               for m in muscles])
               for name in ("command_share", "respiratory_share", "muscle_tetanic_force")}
    emg = result["emg_mV"].sel(person=person)
    stretches = tuple(reflex.imposed_displacements(result, person)) if "ankle" in result \
        else ()
    lengths = [f"{m}.length" for m in muscles]
    fascicle = (result["fascicle"].sel(person=person, fascicle_output=lengths)
                .transpose("time", "fascicle_output").values
                if "fascicle" in result
                and set(lengths) <= {str(o) for o in result["fascicle_output"].values} else None)
    return Outputs(
        time_ms=result["time_ms"].values,
        command=result["command"].sel(person=person).values,
        inspiratory=result["inspiratory_command"].sel(person=person).values,
        muscles=muscles,
        force_N=result["force_mN"].sel(person=person).transpose("time", "muscle").values * 1e-3,
        max_force_N=setting["muscle_tetanic_force"] * 1e-3,
        command_share=setting["command_share"],
        respiratory_share=setting["respiratory_share"],
        spike_time_ms=result[f"{prefix}spike_time_ms"].values[own],
        spike_unit=result[f"{prefix}spike_unit"].values[own],
        unit_muscle=np.array([muscles.index(str(m)) for m in result["unit_muscle"].values]),
        emg_time_ms=emg["emg_time_ms"].values,
        emg_mV=emg.transpose("emg_time", "muscle").values
        if "emg_time" in emg.dims else emg.values,
        pulses_ms=np.array([pulse.time_ms for pulse in nerve.stimulation_pulses(result)]),
        stretches_ms=stretches, fascicle_L0=fascicle)


def verdict(result: xr.Dataset, person: int = 0) -> dict:
    """``detect`` on one person's Result."""
    return detect(from_result(result, person))
