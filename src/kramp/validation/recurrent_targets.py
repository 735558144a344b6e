"""Target D8: recurrent inhibition through Renshaw cells after an antidromic volley.

The virtual experiment: a relaxed person's soleus motor axons are excited supramaximally
(``stimulation``: one 0.2 ms pulse at 50 mA, 100 mm from the motor point), so an antidromic
volley runs up the motor axons; it invades the somata, and every somatic spike passes the
recurrent collaterals near the soma and excites the soleus Renshaw cells. The soleus model is
simulated alone (its Ia-inhibitory interneurones are then excited only by the soleus Ia fibres the
pulse also excites, orthodromically), three times with the same random anatomy and streams:

* intact, the Ia-inhibitory interneurones' potentials recorded every 0.1 ms;
* the same with the Renshaw cells' output removed (``renshaw_ia_ipsp`` and
  ``renshaw_contact_conductance`` 0): until the first recurrent IPSP arrives both runs are the
  same number for number, so the first sample where the interneurones' mean potential is lower
  in the intact run marks the onset of recurrent inhibition (the start of the 0.1 ms step that
  sample ends); its latency is counted from the
  volley's arrival at the cord, the first soleus motoneurone spike after the pulse (the
  invasion, within a step of the arrival);
* for the post-burst pause, the Renshaw cells given a background discharge (a tonic drive of
  ``BACKGROUND_MV``, above threshold, as a spontaneously active cell), with glycinergic and
  GABAergic transmission at 1 and at 0 (all inhibitory synapses removed). The pause is the
  interval after a cell's burst (its spikes after the volley while their intervals are below half
  its background interval) to its next spike, the median over cells; a pause exists where it
  exceeds the median background interval.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.engine import simulate
from kramp.engine.kinds import build_model
from kramp.engine.simulate import Record
from kramp.physiology import interneurons

VOLLEY_MS = 100.0
VOLLEY = {"intensity": 50.0, "pulse_width": 0.2, "first_pulse": VOLLEY_MS, "pulse_count": 1.0,
          "site_distance": 100.0}
DURATION_MS = 300.0
SAMPLE_MS = 0.1
# Renshaw cells simulated per muscle (the default person has none; ``interneurons`` table)
RENSHAW_CELLS = 20
BACKGROUND_MV = 11.0
# the smallest fall of the interneurones' mean potential taken as inhibition
ONSET_MV = 0.01
BAND_MS = (1.2, 2.0)
IPSP_WINDOW_MS = 30.0  # the recurrent IPSP of one volley is over within this


@cache
def _run(renshaw_output: bool, inhibition: float, background: bool,
         strychnine_nM: float = 0.0):
    values = {"drive": {"level": 0.0}, "stimulation": VOLLEY,
              "spinal": {"glycinergic_transmission": inhibition,
                         "gabaergic_transmission": inhibition},
              "interneurons": {"renshaw_per_muscle": RENSHAW_CELLS},
              "toxins": {"strychnine": strychnine_nM}}
    if not renshaw_output:
        values["interneurons"].update(renshaw_ia_ipsp=0.0, renshaw_contact_conductance=0.0)
    if background:
        values["interneurons"]["renshaw_descending"] = BACKGROUND_MV
    model = build_model("ankle", values, muscle_names=["soleus"])
    pool = model.component("interneuron")
    result = simulate(model, DURATION_MS, records=[Record("interneuron.v", SAMPLE_MS)])
    return result, pool.kind


def recurrent_inhibition_latency() -> dict:
    """The onset of recurrent inhibition of the Ia interneurones after the volley's arrival."""
    (intact, kind), (silent, _) = _run(True, 1.0, False), _run(False, 1.0, False)
    ia = kind == interneurons.IA_IN
    spikes = intact["spike_time_ms"].values
    arrival = float(spikes[spikes > VOLLEY_MS].min())
    difference = (silent["interneuron.v"].values[:, 0, ia].mean(axis=1)
                  - intact["interneuron.v"].values[:, 0, ia].mean(axis=1))
    # a sample is taken at the end of a 0.1 ms step; an IPSP it shows acted at that step's start
    times = intact["interneuron.v.time_ms"].values - SAMPLE_MS
    inhibited = np.flatnonzero((difference > ONSET_MV) & (times > VOLLEY_MS))
    onset = float(times[inhibited[0]]) if inhibited.size else None
    renshaw_times = intact["interneuron.spikes.spike_time_ms"].values[
        kind[intact["interneuron.spikes.spike_unit"].values] == interneurons.RENSHAW]
    first_renshaw = renshaw_times[renshaw_times > VOLLEY_MS]
    return {"arrival_ms": arrival, "onset_ms": onset,
            "latency_ms": None if onset is None else onset - arrival,
            "first_renshaw_spike_ms": float(first_renshaw.min()) if first_renshaw.size else None,
            "renshaw_spikes_per_cell": first_renshaw.size / int((kind == interneurons.RENSHAW
                                                                 ).sum())}


def recurrent_ipsp_mV(strychnine_nM: float = 0.0) -> float:
    """The deepest recurrent IPSP of the Ia interneurones (mean potential without the Renshaw
    cells' output minus with it, mV) within ``IPSP_WINDOW_MS`` of the volley."""
    (intact, kind), (silent, _) = (_run(output, 1.0, False, strychnine_nM)
                                   for output in (True, False))
    ia = kind == interneurons.IA_IN
    difference = (silent["interneuron.v"].values[:, 0, ia].mean(axis=1)
                  - intact["interneuron.v"].values[:, 0, ia].mean(axis=1))
    times = intact["interneuron.v.time_ms"].values
    within = (times > VOLLEY_MS) & (times < VOLLEY_MS + IPSP_WINDOW_MS)
    return float(difference[within].max())


def post_burst_pause(inhibition: float) -> dict:
    """The Renshaw cells' burst and pause after the volley, with background discharge."""
    result, kind = _run(True, inhibition, True)
    times = result["interneuron.spikes.spike_time_ms"].values
    cell = result["interneuron.spikes.spike_unit"].values
    arrival = float(result["spike_time_ms"].values[
        result["spike_time_ms"].values > VOLLEY_MS].min())
    pauses, backgrounds, bursts = [], [], []
    for j in np.flatnonzero(kind == interneurons.RENSHAW):
        own = np.sort(times[cell == j])
        before = own[own < VOLLEY_MS]
        if before.size < 3:
            continue
        background = float(np.median(np.diff(before)))
        after = own[own > arrival]
        n = 1
        while n < after.size and after[n] - after[n - 1] < background / 2.0:
            n += 1
        if n < after.size:
            pauses.append(after[n] - after[n - 1])
            backgrounds.append(background)
            bursts.append(n)
    if not pauses:
        return {"pause_ms": None, "background_interval_ms": None, "burst_spikes": None}
    return {"pause_ms": float(np.median(pauses)),
            "background_interval_ms": float(np.median(backgrounds)),
            "burst_spikes": float(np.median(bursts))}


def target_d8() -> dict:
    latency = recurrent_inhibition_latency()
    intact, blocked = post_burst_pause(1.0), post_burst_pause(0.0)
    delay = latency["latency_ms"]
    in_band = delay is not None and BAND_MS[0] <= delay <= BAND_MS[1]
    pause, pause_blocked = intact["pause_ms"], blocked["pause_ms"]
    pause_exists = pause is not None and pause > intact["background_interval_ms"]
    unchanged = (pause is not None and pause_blocked is not None
                 and abs(pause_blocked - pause) <= 0.1 * pause)

    def ms(value):
        return "none" if value is None else f"{value:.2f} ms"

    return {
        "id": "D8",
        "quantity": ("latency of recurrent inhibition of Ia inhibitory interneurones after an "
                     "antidromic volley; Renshaw post-burst pause with inhibitory synapses "
                     "removed"),
        "published": ("disynaptic recurrent inhibition of Ia interneurones; the post-burst "
                      "pause is intrinsic (unchanged by strychnine, bicuculline or tetanus "
                      "toxin); cat lumbar cord in vivo"),
        "band": ("recurrent inhibition of the model Ia interneurone begins 1.2–2.0 ms after the "
                 "volley reaches the cord; post-burst pause unchanged with all inhibitory "
                 "synapses removed"),
        "model_value": (
            f"inhibition {ms(delay)} after the volley's arrival (first Renshaw spike "
            f"{ms(None if latency['first_renshaw_spike_ms'] is None else latency['first_renshaw_spike_ms'] - latency['arrival_ms'])}"  # noqa: E501
            f", {latency['renshaw_spikes_per_cell']:.1f} spikes per Renshaw cell); post-burst "
            f"interval {ms(pause)} intact, {ms(pause_blocked)} with glycine and GABA_A "
            f"transmission 0 (background interval {ms(intact['background_interval_ms'])}, "
            f"burst of {intact['burst_spikes']} spikes): "
            + ("a pause" if pause_exists else "no pause beyond the background interval")),
        "passed": bool(in_band and pause_exists and unchanged),
        "source": ("Hultborn H, Jankowska E, Lindström S 1971, J Physiol 215:613–636 (authors "
                   "not re-checked); J Physiol 1976 (PMC1308969; likely Curtis DR et al., not "
                   "re-checked)"),
    }
