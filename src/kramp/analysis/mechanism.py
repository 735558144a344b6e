"""How a run's first spasm came about, read from its Result alone: which inputs had moved
before it and where its involuntary spikes were born.

For the spasm episode that begins first (:func:`kramp.analysis.spasm.verdict`) the chain has
up to four links, in the order the signal runs:

* **root** (runs with a compressed nerve root's afferents): their mean discharge per fibre
  within ``LEAD_MS`` of the onset (:mod:`kramp.analysis.pain`), the ectopic input that drives a
  guarding spasm;
* **afferents** (runs with a joint): each receptor kind's mean discharge per fibre in the muscle
  of the episode over the ``LEAD_MS`` before its onset, beside its mean over the ``LEAD_MS``
  before anything was done (the run's start, before the first command, pulse or stretch): an
  input that had risen or fallen before the spasm;
* **origin**: where the episode's involuntary spikes that reached the muscle were born — the
  share that an ectopic spike of the same unit's motor axon preceded within ``ORIGIN_MS``
  (born in the axon, the periphery) rather than a motoneurone spike (born in the cord);
* **muscle**: the episode's onset, peak involuntary force and EMG.

kramp's own definitions, stated so that the report can say exactly what it measured.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from kramp.analysis import pain, spasm

LEAD_MS = 500.0
# an ectopic spike reaches its terminal within the longest conduction time of the calf's
# motor axons (0.8 m at ≥ 40 m/s: 20 ms) plus the junction's delay
ORIGIN_MS = 30.0
RECEPTOR_KINDS = ("ia", "ii", "ib")


def chain(result: xr.Dataset, person: int = 0) -> dict | None:
    """The chain of the first spasm episode (module doc), or None without a spasm."""
    found = spasm.verdict(result, person)
    episodes = [e for e in found["spasm_episodes"] if e["class"] != "contracture"]
    if not found["spasm"] or not episodes:
        return None
    first = min(episodes, key=lambda e: e["start_ms"])
    muscle, onset_ms = first["muscle"], first["start_ms"]
    links: dict = {"muscle": muscle, "class": first["class"], "onset_ms": onset_ms,
                   "peak_force_percent": first["peak_force_percent"],
                   "emg_rms_mV": first["emg_rms_mV"]}
    if f"{pain.ROOT_SPIKES}spike_time_ms" in result:
        links["root_rate_hz"] = _root_rate_hz(result, person, onset_ms)
    if "afferent_rate_pps" in result:
        links["afferents"] = _afferent_rates(result, person, muscle, onset_ms)
    links["axon_born_share"] = _axon_born_share(result, person, muscle, onset_ms,
                                               onset_ms + 1e3 * first["duration_s"])
    return links


def _root_rate_hz(result: xr.Dataset, person: int, onset_ms: float) -> float:
    """The root afferents' mean discharge per fibre within ``LEAD_MS`` of the onset, on either
    side (a guarding spasm may begin with the run, when the root already discharges)."""
    begin = max(float(result.attrs["start_ms"]), onset_ms - LEAD_MS)
    end = min(float(result.attrs["start_ms"]) + float(result.attrs["duration_ms"]),
              onset_ms + LEAD_MS)
    times = result[f"{pain.ROOT_SPIKES}spike_time_ms"].values
    own = result[f"{pain.ROOT_SPIKES}spike_person"].values == person
    count = np.count_nonzero(own & (times >= begin) & (times < end))
    return count / (result.sizes["root_afferent"] * (end - begin) * 1e-3)


def _quiet_until_ms(result: xr.Dataset, person: int) -> float:
    """When something was first done to the person: a command, a pulse or a stretch."""
    seen = spasm.from_result(result, person)
    times = [seen.time_ms[-1]]
    commanded = np.flatnonzero((seen.command > 0) | (seen.inspiratory > 0))
    if commanded.size:
        times.append(seen.time_ms[commanded[0]])
    times += [float(seen.pulses_ms.min())] if seen.pulses_ms.size else []
    times += [start for start, _ in seen.stretches_ms]
    return float(min(times))


def _afferent_rates(result: xr.Dataset, person: int, muscle: str,
                    onset_ms: float) -> dict[str, dict[str, float]]:
    """Each receptor kind's rate (pps) at rest and before the onset (module doc)."""
    rates = result["afferent_rate_pps"].sel(person=person)
    time = rates[rates.dims[0]].values
    start_ms = float(time[0])
    quiet_ms = max(_quiet_until_ms(result, person), start_ms + 1.0)
    before = (time >= max(start_ms, quiet_ms - LEAD_MS)) & (time < quiet_ms)
    lead = (time >= onset_ms - LEAD_MS) & (time < onset_ms)
    found = {}
    for kind in RECEPTOR_KINDS:
        trace = rates.sel(receptor=f"{muscle}.{kind}").values
        if before.any() and lead.any():
            found[kind] = {"rest_pps": float(trace[before].mean()),
                           "before_onset_pps": float(trace[lead].mean())}
    return found


def _axon_born_share(result: xr.Dataset, person: int, muscle: str, start_ms: float,
                     end_ms: float) -> float | None:
    """Share of the episode's spikes at the muscle's terminals that an ectopic spike of the
    same axon preceded (module doc); None where the axons were not simulated."""
    if "axon.ectopic.spike_time_ms" not in result:
        return None
    units = np.flatnonzero(result["unit_muscle"].values == muscle)

    def spikes(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        own = ((result[f"{prefix}spike_person"].values == person)
               & np.isin(result[f"{prefix}spike_unit"].values, units))
        times = result[f"{prefix}spike_time_ms"].values[own]
        return times, result[f"{prefix}spike_unit"].values[own]

    arrived, arrived_unit = spikes("axon.terminal.")
    inside = (arrived >= start_ms) & (arrived < end_ms)
    arrived, arrived_unit = arrived[inside], arrived_unit[inside]
    if not arrived.size:
        return None
    ectopic, ectopic_unit = spikes("axon.ectopic.")
    born = np.zeros(arrived.size, dtype=bool)
    for unit in np.unique(arrived_unit):
        mine = np.sort(ectopic[ectopic_unit == unit])
        if not mine.size:
            continue
        here = arrived_unit == unit
        latest = np.searchsorted(mine, arrived[here], side="right") - 1
        gap = arrived[here] - mine[np.clip(latest, 0, None)]
        born[here] = (latest >= 0) & (gap <= ORIGIN_MS)
    return float(born.mean())
