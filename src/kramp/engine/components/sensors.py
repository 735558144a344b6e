"""The muscles' proprioceptors and the discharge of their afferent fibres, as one component.

Each muscle has one model spindle (``kramp.physiology.spindle``: fascicle length, velocity and
acceleration in, primary and secondary rates out, under the person's fusimotor drive) and one
model tendon organ (``kramp.physiology.tendon_organ``: the muscle's tendon force in, Ib rate
out), stepped ``RECEPTOR_SUBSTEPS`` times per 1 ms muscle step. Each simulated afferent fibre
(``kramp.physiology.afferents``) fires at its receptor's rate, less its own threshold (spindle
endings only), times its own sensitivity, and not at all below the spindle endings' lowest
sustained rate (its phase then starts afresh); its
phase grows by rate·Δt and a spike leaves, at the interpolated time, when the phase reaches the
fibre's next threshold, 1 + ``interval_cv``·N(0, 1) (kept ≥ 0.2), so intervals scatter about
the mean with that coefficient of variation. A fascicle shorter than its spindles' intrafusal
rest length (sensory plus polar region, 0.8 L0) leaves them slack: they stay at that length,
unloaded, instead of being driven outside the range the spindle model was made for.

Inputs: ``fascicle`` (per muscle: length in optimal fascicle lengths L0, velocity in L0/s,
acceleration in L0/s²), ``tendon_force`` and ``active_force`` (mN, per muscle: the tendon force
and its active fibres' share, of which the tendon organs read the share their
``passive_tension_share`` gives; ``kramp.physiology.tendon_organ``) and ``fatigue`` (each muscle's
metabolite load), all from the muscles, and the voluntary ``command``
(the γ drive it sends with the α drive). The spindle model's rates are scaled to a human's
(``afferents.spindle_discharge_scale``). Fatigue raises the spindles' fusimotor drive and
depresses the tendon organs' discharge (``kramp.physiology.afferents``). Outputs: ``spikes``
(events of the afferents, element = afferent) and ``rates`` (the model receptors' Ia, II and Ib
rates per muscle, pps).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numba
import numpy as np

from kramp.engine.component import Component, Interval, Output, Probe
from kramp.engine.components.fibres import sample_units
from kramp.engine.lines import slot_events_in_time_order
from kramp.engine.streams import standard_normals
from kramp.params import Port, Variable
from kramp.physiology import afferents, spindle, tendon_organ

SENSOR_STEP_MS = 1.0
# One receptor step per 1 ms muscle step: on cat-soleus ramps of 0.2–1.5 L0/s the spindle's Ia
# rate then stays within 2 pps of stepping at 0.1 ms (0.65 pps at 0.5 ms), well inside the
# scatter of an afferent's own intervals, at half the cost.
RECEPTOR_SUBSTEPS = 1
# The most spikes one afferent fires in one 1 ms step (a 1 kHz discharge).
SLOTS_PER_MS = 1
SMALLEST_THRESHOLD = 0.2


@numba.njit(parallel=True, cache=True)
def advance_sensors(spindles, organs, afferent, fascicle, force_mN, active_mN, fatigue, command,
                    normals, muscle, kind, sensitivity, threshold_pps, floor_pps, k_spindle,
                    k_organ, fusimotor, interval_cv, first_step, step_ms, rates, spike_t, spike_n,
                    probe_rows, probe_slot, probe_every, probe_phase, probe_samples):
    """Step every person's receptors and afferents through ``fascicle.shape[0]`` steps in place.

    spindles (P, M, S) and organs (P, M, G) the receptors' states; afferent (2, P, A) each
    afferent's phase and threshold;
    fascicle (steps, P, 3M) length, velocity, acceleration per muscle (L0 units); force_mN
    (steps, P, M) the tendon force and active_mN (steps, P, M) its active fibres' share;
    normals (steps, P, A) draws for the next thresholds; muscle and kind (A,);
    sensitivity (P, A), threshold_pps (P, A) and floor_pps (P, A) each ending's sensitivity, own
    threshold and lowest sustained rate (``kramp.physiology.afferents``); k_spindle (P, M, ·)
    and k_organ (P, M, ·) receptor constants;
    command (steps, P, 1) the voluntary command; fusimotor (P, M, 4) the γ drive (pps) that the
    maximal command and a full metabolite load add, the share of tendon-organ discharge a full
    load takes away, and the scale from the spindle model's discharge to a human's; rates
    (steps, P, 3M) filled with each muscle's Ia, II and Ib rates; spikes into slot arrays
    (P, A, slots) with counts (P, A); the probe as in :class:`kramp.engine.component.Probe`.
    """
    n_steps, n_person, _ = fascicle.shape
    n_muscle = spindles.shape[1]
    n_afferent = muscle.shape[0]
    dt_s = step_ms * 1e-3 / RECEPTOR_SUBSTEPS
    for p in numba.prange(n_person):
        phase = afferent[0, p]
        threshold = afferent[1, p]
        k_fatigued = np.empty(k_spindle.shape[2])
        for s in range(n_steps):
            for m in range(n_muscle):
                # the γ drive the command (α–γ co-activation) and the metabolites (group III/IV
                # afferents) add to the spindles' own
                k_fatigued[:] = k_spindle[p, m]
                extra = (fusimotor[p, m, 0] * command[s, p, 0]
                         + fusimotor[p, m, 1] * fatigue[s, p, m])
                k_fatigued[spindle.K.gamma_dynamic] += extra
                k_fatigued[spindle.K.gamma_static] += extra
                length = fascicle[s, p, m]
                velocity = fascicle[s, p, n_muscle + m]
                acceleration = fascicle[s, p, 2 * n_muscle + m]
                # a spindle shorter than its intrafusal fibres' rest length is slack: it is not
                # compressed with the fascicle, it stays at that length, unloaded
                slack = k_spindle[p, m, spindle.K.l0_sr] + k_spindle[p, m, spindle.K.l0_pr]
                if length < slack:
                    length, velocity, acceleration = slack, 0.0, 0.0
                ia = 0.0
                ii = 0.0
                ib = 0.0
                for i in range(RECEPTOR_SUBSTEPS):
                    # the fascicle at the end of substep i, back from the step's end
                    back = (RECEPTOR_SUBSTEPS - 1 - i) * dt_s
                    ia, ii = spindle.step(spindles[p, m],
                                          length - velocity * back
                                          + 0.5 * acceleration * back * back,
                                          velocity - acceleration * back, acceleration, dt_s,
                                          k_fatigued)
                    read_N = tendon_organ.read_force_N(force_mN[s, p, m] * 1e-3,
                                                       active_mN[s, p, m] * 1e-3, k_organ[p, m])
                    ib = tendon_organ.step(organs[p, m], read_N, dt_s, k_organ[p, m])
                ib *= 1.0 - fusimotor[p, m, 2] * fatigue[s, p, m]
                rates[s, p, m] = ia * fusimotor[p, m, 3]
                rates[s, p, n_muscle + m] = ii * fusimotor[p, m, 3]
                rates[s, p, 2 * n_muscle + m] = ib
            t0 = (first_step + s) * step_ms
            for a in range(n_afferent):
                rate = ((max(rates[s, p, kind[a] * n_muscle + muscle[a]], 0.0)
                         - threshold_pps[p, a]) * sensitivity[p, a])
                if rate < floor_pps[p, a]:
                    # below its own threshold or slower than it can fire: silent, and it starts
                    # afresh when it is driven again
                    phase[a] = 0.0
                    continue
                gained = rate * step_ms * 1e-3
                if phase[a] + gained < threshold[a]:
                    phase[a] += gained
                    continue
                # the crossing, at the rate held over the step
                t = t0 + (threshold[a] - phase[a]) / gained * step_ms
                c = spike_n[p, a]
                if c < spike_t.shape[2]:
                    spike_t[p, a, c] = t
                spike_n[p, a] = c + 1
                phase[a] = (t0 + step_ms - t) / step_ms * gained
                threshold[a] = max(1.0 + interval_cv[p] * normals[s, p, a], SMALLEST_THRESHOLD)
            sample_units(afferent, p, s, probe_rows, probe_slot, probe_every, probe_phase,
                         probe_samples)


class Sensors(Component):
    name = "sensor"
    element = "afferent"
    variables = (Variable("phase", "1", "progress of the afferent towards its next spike"),
                 Variable("threshold", "1", "phase at which the afferent fires next"))
    buffers = ("spindles", "tendon_organs")
    inputs = (
        Port("fascicle", "signal", "1",
             "each muscle's fascicle length (L0), velocity (L0/s) and acceleration (L0/s²)"),
        Port("tendon_force", "signal", "mN", "each muscle's tendon force"),
        Port("active_force", "signal", "mN", "its active fibres' share"),
        Port("fatigue", "signal", "1",
             "each muscle's metabolite load m/(1 + m) (0 fresh)"),
        Port("command", "signal", "1", "voluntary command (fraction of maximal drive)"),
    )
    outputs = (
        Port("spikes", "events", "ms", "afferent spikes leaving the receptors"),
        Port("rates", "signal", "pps", "the model receptors' discharge rates per muscle"),
    )
    streams = ("afferent_noise",)

    def __init__(self, spindle_values: Sequence[Mapping[str, float]],
                 organ_values: Sequence[Mapping[str, float]],
                 afferent_values: Mapping[str, np.ndarray], muscle: np.ndarray,
                 kind: np.ndarray, sensitivity: np.ndarray, threshold_pps: np.ndarray,
                 muscle_names: Sequence[str],
                 max_force_N: np.ndarray, command_share: np.ndarray, rest_length: np.ndarray,
                 rest_force_N: np.ndarray, present: np.ndarray):
        """Per person: ``spindle_values`` and ``organ_values`` (their tables, one dict each);
        ``afferent_values`` the ``afferents`` table over persons; ``muscle`` and ``kind`` (A,)
        each afferent's; ``sensitivity`` (P, A) and ``threshold_pps`` (P, A, 0 for tendon
        organs) each ending's own (``kramp.physiology.afferents``); ``max_force_N`` (P, M) each
        muscle's maximal force; ``command_share`` (P, M) the share of the voluntary command it
        receives;
        ``rest_length`` (P, M) the fascicles' length (L0) and ``rest_force_N`` (P, M) the tendon
        force at the start; ``present`` (P, A) the fibres each person has, the only ones its
        noise and start phases are drawn for."""
        self.muscle_names = tuple(muscle_names)
        self.muscle = np.ascontiguousarray(muscle, dtype=np.int64)
        self.kind = np.ascontiguousarray(kind, dtype=np.int64)
        self.sensitivity = np.ascontiguousarray(sensitivity)
        self.n_person, self.n_element = self.sensitivity.shape
        self.threshold_pps = np.ascontiguousarray(threshold_pps, dtype=float)
        # the lowest sustained rate bounds the spindle endings only
        self.floor_pps = np.ascontiguousarray(np.where(
            self.kind[None, :] != afferents.IB,
            np.asarray(afferent_values["spindle_minimum_rate"], dtype=float)[:, None], 0.0))
        self.present = np.asarray(present, dtype=bool)
        # whether some person lacks fibres the batch lays out (its noise is then drawn apart)
        self.some_absent = not self.present.all()
        n_muscle = len(self.muscle_names)
        self.k_spindle = np.stack([np.stack([spindle.constants(v)] * n_muscle)
                                   for v in spindle_values])
        self.k_organ = np.stack([np.stack([tendon_organ.constants(v, f) for f in max_force])
                                 for v, max_force in zip(organ_values, max_force_N,
                                                         strict=True)])
        self.interval_cv = np.ascontiguousarray(afferent_values["interval_cv"], dtype=float)
        self.fusimotor = np.ascontiguousarray(np.stack(
            [afferent_values["fusimotor_coactivation"][:, None] * command_share,
             np.broadcast_to(afferent_values["fatigue_fusimotor_drive"][:, None],
                             command_share.shape),
             np.broadcast_to(afferent_values["fatigue_tendon_organ_loss"][:, None],
                             command_share.shape),
             np.broadcast_to(afferent_values["spindle_discharge_scale"][:, None],
                             command_share.shape)], axis=2), dtype=float)
        self.rest_length = np.asarray(rest_length, dtype=float)
        self.rest_force_N = np.asarray(rest_force_N, dtype=float)
        self.step_ms = SENSOR_STEP_MS

    def _own_normals(self, gens, n_steps: int) -> np.ndarray:
        """``standard_normals`` for a batch whose people lack some of its fibres: each person's
        draws are for its own fibres only, in their places (the others' stay 0, unused), so that
        they are the draws it makes in a batch of people like it."""
        out = np.zeros((n_steps, self.n_person, self.n_element))
        for p, gen in enumerate(gens):
            own = self.present[p]
            out[:, p, own] = standard_normals([gen], n_steps, int(own.sum()))[:, 0, :]
        return out

    def output_width(self, port: str) -> int:
        return 3 * len(self.muscle_names)

    def recorded(self, port: str) -> Output:
        names = [f"{m}.{k}" for k in afferents.KINDS for m in self.muscle_names]
        return Output("afferent_rate_pps", "sensor.time", ("receptor", names))

    def labels(self) -> Mapping[str, Any]:
        return {"afferent_kind": ("afferent", np.array(afferents.KINDS)[self.kind],
                                  {"long_name": "afferent fibre group"}),
                "afferent_muscle": ("afferent", np.array(self.muscle_names)[self.muscle],
                                    {"long_name": "muscle of the afferent's receptor"}),
                "afferent_sensitivity": (("person", "afferent"), self.sensitivity,
                                         {"long_name": "the ending's sensitivity"}),
                "afferent_threshold_pps": (("person", "afferent"), self.threshold_pps,
                                           {"long_name": "the ending's own threshold",
                                            "units": "pps"})}

    def rest_rates_pps(self) -> np.ndarray:
        """Each afferent's discharge (P, A), pps, at the start: relaxed, with no command and no
        fatigue, its spindle settled at the muscle's rest length. Only the spindle afferents'
        is needed (for the Ia terminals' resting depression); the tendon organs' is left 0."""
        n_muscle = len(self.muscle_names)
        receptor = np.zeros((self.n_person, 3, n_muscle))  # Ia, II, Ib
        for p in range(self.n_person):
            for m in range(n_muscle):
                k = self.k_spindle[p, m]
                length = max(self.rest_length[p, m],
                             k[spindle.K.l0_sr] + k[spindle.K.l0_pr])  # slack: as in the kernel
                state = spindle.rest_state(length, k)
                ia, ii = spindle.step(state, length, 0.0, 0.0, SENSOR_STEP_MS * 1e-3, k)
                receptor[p, :2, m] = np.array([ia, ii]) * self.fusimotor[p, m, 3]
        rates = receptor[:, self.kind, self.muscle]
        own = (np.clip(rates, 0.0, None) - self.threshold_pps) * self.sensitivity
        return np.where(own < self.floor_pps, 0.0, own)

    def initial_state(self, seed: int) -> dict[str, np.ndarray]:
        del seed
        n_muscle = len(self.muscle_names)
        spindles = np.stack([np.stack([spindle.rest_state(self.rest_length[p, m],
                                                          self.k_spindle[p, m])
                                       for m in range(n_muscle)])
                             for p in range(self.n_person)])
        # at rest the tendon bears passive tension only
        organs = np.stack([np.stack([
            tendon_organ.rest_state(tendon_organ.read_force_N(self.rest_force_N[p, m], 0.0,
                                                              self.k_organ[p, m]),
                                    self.k_organ[p, m])
            for m in range(n_muscle)]) for p in range(self.n_person)])
        # the afferents start at evenly spread phases, not in step; a person's own fibres get
        # the phases they get in a batch of people like it
        phase = np.zeros((self.n_person, self.n_element))
        for p, own in enumerate(self.present):
            phase[p, own] = (np.arange(int(own.sum())) * 0.618034) % 1.0
        return {"variables": np.stack([phase, np.ones_like(phase)]),
                "spindles": spindles, "tendon_organs": organs}

    def advance(self, state, inputs: Mapping[str, Any], interval: Interval, streams, probe,
                backend):
        n = interval.substeps(self.step_ms)
        # a draw for every afferent and step, though only a firing afferent uses its own. Drawn
        # on firing instead (in the kernel, 2.5 % faster), the sequence changes, and with it the
        # train that first brings an electrically induced cramp: the default person's thresholds
        # from 4 and 14 Hz came out 20 and 30 Hz instead of 24 and 22, and G7 changed verdict.
        # G4, G5 and G7 still rest on that one person's noise (G1 and G2 on a cohort's), so the
        # draws stay as they were
        normals = (self._own_normals(streams["afferent_noise"], n) if self.some_absent
                   else standard_normals(streams["afferent_noise"], n, self.n_element))
        rates = np.zeros((n, self.n_person, 3 * len(self.muscle_names)))
        slots = SLOTS_PER_MS * n + 1
        spike_t = np.empty((self.n_person, self.n_element, slots))  # read up to spike_n only
        spike_n = np.zeros((self.n_person, self.n_element), dtype=np.int64)
        recording = probe.arguments() if probe else Probe.absent(self.n_person * self.n_element)
        samples = probe.buffer(n) if probe else np.zeros((0, 0, 0))
        kernel = advance_sensors if backend == "numba" else advance_sensors.py_func
        kernel(state["spindles"], state["tendon_organs"], state["variables"],
               np.ascontiguousarray(inputs["fascicle"]),
               np.ascontiguousarray(inputs["tendon_force"]),
               np.ascontiguousarray(inputs["active_force"]),
               np.ascontiguousarray(inputs["fatigue"]), np.ascontiguousarray(inputs["command"]),
               normals, self.muscle, self.kind, self.sensitivity, self.threshold_pps,
               self.floor_pps, self.k_spindle, self.k_organ,
               self.fusimotor, self.interval_cv,
               interval.first_step // round(self.step_ms / interval.dt_ms), self.step_ms,
               rates, spike_t, spike_n, *recording, samples)
        if (spike_n > slots).any():
            raise RuntimeError("an afferent fired faster than 1 kHz; spikes were lost")
        spikes = slot_events_in_time_order(spike_t.reshape(-1, slots), spike_n.reshape(-1),
                                           self.n_element)
        return {"spikes": spikes, "rates": rates}, (samples if probe else None)
