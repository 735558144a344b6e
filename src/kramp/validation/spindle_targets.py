"""Target D11 (kramp's own, from Wilson, Gandevia & Burke 1997): human tibialis anterior spindle
afferents during a weak isometric dorsiflexion.

Wilson et al. recorded 26 spindle afferents of tibialis anterior by microneurography while
subjects held isometric dorsiflexions of 0.5–20 % of maximal force against a ramp-and-hold
template: all but two increased their discharge in the contractions, and in 90 % of the
contractions the force at which the discharge rose (the acceleration threshold) was below 3.2 %
of maximum. The increase in an isometric contraction, where the muscle fibres shorten against
the tendon's stretch, is the fusimotor drive sent with the skeletomotor command (α–γ
co-activation; ``afferents.fusimotor_coactivation``), winning over the unloading.

The virtual experiment holds the ankle at right angles (the ``ankle`` model's imposed angle),
sends the voluntary command to tibialis anterior alone (its ``command_share`` 1, the soleus's 0)
and ramps it over 2 s to a hold of ``HOLD_COMMAND`` for 4 s, which gives close to 10 % of the
muscle's maximal force. Each simulated spindle afferent (Ia and II, as the recordings did not
separate them) is compared with itself: its rate over the last 3 s of the hold against its rate
in the relaxed second before the command. Nothing in the spindle, fusimotor or muscle tables was
fitted to this target, so it is a prediction.

Target D12 (kramp's own, from Wilson, Gandevia & Burke 1995): the same afferents after such a
contraction. Wilson et al. had subjects hold isometric dorsiflexions for about 5 s; after complete
relaxation 19 of 55 spindle afferents fired faster than before (10 of them had been silent), the
population's mean rate rose from 2.3 to 3.9 Hz (65 %), and the enhancement lasted 52 s on
average (8–240 s); a stretch of the tendon removed it. They ascribed it to a lasting stiffening
of the intrafusal fibres by the contraction's fusimotor drive (muscle thixotropy), not to
fusimotor drive outlasting the contraction. The virtual experiment holds ``HOLD_COMMAND`` for
``AFTER_HOLD_MS`` as in D11's protocol, relaxes over 0.5 s and compares each spindle afferent's
rate over ``AFTER_WINDOW_MS`` (seconds 2–10 after the command ends) with its own rate in the
relaxed second before the contraction. A calibration: the intrafusal fibres' stable
cross-bridges (``spindle.thixotropy_stiffness``) were tuned to the published +65 % (k_T 0: +14 %,
from the polar regions' slow viscous creep alone; 0.6: +48 %; 1.0: +68 %; 2.4: +134 %, with the
bridges' formation saturating from a weak contraction on, Gregory et al. 1998); their decay
time is Wilson et al.'s mean duration.

Target D16 (kramp's own, from Macefield, Hagbarth, Gorman, Gandevia & Burke 1991): the same
afferents through a sustained contraction. Macefield et al. recorded 18 spindle afferents of
the ankle and toe dorsiflexors while subjects held isometric dorsiflexions, usually below 30 % of
maximal force, for about a minute at constant force: the discharge of 13 (72 %) declined
progressively, from the ramp on and significantly by 10 s; the mean rate fell to two-thirds of
its value at the contraction's onset by 30 s and to half after a minute, while the EMG needed
for the force rose. Five afferents kept their rate. This is the opposite of what the account
of exercise cramps that kramp follows expects of a fatiguing muscle (metabolites raising the
fusimotor drive, ``afferents.fatigue_fusimotor_drive``, a cat finding). The virtual experiment
is D11's (the same command, about 8 % of maximal force) with the hold lasting
``D16_HOLD_MS``; each spindle afferent's rate over ``D16_WINDOW_MS`` at the hold's onset and
after 10, 30 and 60 s, the population's mean in each over the mean at the onset. kramp has no
force feedback: its command is held, not its force; the force in each window is reported (it
rises by about a quarter over the first 10 s, then by 7 % more to the minute's end). Beside the
default person, the same person without the metabolites' fusimotor drive, one batch. A
prediction: nothing in the spindle, fusimotor or muscle tables was fitted to it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

MUSCLE = "tibialis_anterior"
HOLD_COMMAND = 30.0  # % of the maximal command
ONSET_MS, RAMP_MS, HOLD_MS = 1000.0, 2000.0, 4000.0
REST_WINDOW_MS = (200.0, 1000.0)  # relaxed, after the receptors' first transient
HOLD_WINDOW_MS = (ONSET_MS + RAMP_MS + 1000.0, ONSET_MS + RAMP_MS + HOLD_MS)
# the published share: 24 of 26 afferents increased their discharge
PUBLISHED_SHARE = 24 / 26
SHARE_BAND = (0.8, 1.0)
FORCE_BAND_PERCENT = (3.2, 20.0)  # above the usual acceleration threshold, within the protocol


# D12: a 5 s hold (Wilson et al. 1995), then the relaxed afferents from 2 to 10 s after it
AFTER_HOLD_MS = 5000.0
RELAX_MS = 500.0
AFTER_WINDOW_MS = (ONSET_MS + RAMP_MS + AFTER_HOLD_MS + RELAX_MS + 2000.0,
                   ONSET_MS + RAMP_MS + AFTER_HOLD_MS + RELAX_MS + 10000.0)
PUBLISHED_AFTER = (2.3, 3.9)  # population mean rate (Hz) before and after the contraction
AFTER_RISE_BAND = (0.3, 1.0)  # the mean's relative rise, about the published 0.65
# an afferent counts as enhanced when it fires at least this much faster after (4 more spikes in
# the 8 s window; Wilson et al.'s criterion was not re-checked, so the share is shown, not judged)
ENHANCED_HZ = 0.5


def _dorsiflexion(hold_ms: float, until_ms: float, afferent_values: dict | None = None):
    """The Result of the simulated dorsiflexion with a hold of ``hold_ms``, run to
    ``until_ms``. ``afferent_values``: ``afferents`` table values for a batch (arrays, one value
    per person)."""
    from kramp.engine import build_model, simulate

    parameters = {"drive": {"level": HOLD_COMMAND, "onset": ONSET_MS, "ramp_up": RAMP_MS,
                            "hold": hold_ms, "ramp_down": RELAX_MS},
                  "movement": {"start_angle": 0.0},
                  "soleus": {"command_share": 0.0}, MUSCLE: {"command_share": 1.0}}
    n_person = 1
    if afferent_values:
        parameters["afferents"] = afferent_values
        n_person = len(next(iter(afferent_values.values())))
    model = build_model("ankle", parameters, n_person=n_person, muscle_names=["soleus", MUSCLE])
    return simulate(model, until_ms)


def _afferent_rates(result, windows: tuple[tuple[float, float], ...], person: int = 0):
    """Each tibialis anterior spindle afferent's rate (Hz) in each window for ``person``, and
    which of them are primaries."""
    own = result["afferent_axon.terminal.spike_person"].values == person
    times = result["afferent_axon.terminal.spike_time_ms"].values[own]
    fibre = result["afferent_axon.terminal.spike_unit"].values[own]
    spindle = ((result["afferent_muscle"].values == MUSCLE)
               & np.isin(result["afferent_kind"].values, ("ia", "ii")))

    def rates(window: tuple[float, float]) -> np.ndarray:
        inside = (times >= window[0]) & (times < window[1])
        counts = np.bincount(fibre[inside], minlength=spindle.size)[spindle]
        return counts / ((window[1] - window[0]) * 1e-3)

    primary = result["afferent_kind"].values[spindle] == "ia"
    return [rates(window) for window in windows], primary


def _spindle_rates(hold_ms: float, windows: tuple[tuple[float, float], ...]):
    """The simulated dorsiflexion with a hold of ``hold_ms``: each tibialis anterior spindle
    afferent's rate (Hz) in each window, which of them are primaries, and the Result."""
    result = _dorsiflexion(hold_ms, max(window[1] for window in windows))
    return (*_afferent_rates(result, windows), result)


@cache
def isometric_dorsiflexion() -> dict[str, float]:
    """Share of tibialis anterior's spindle afferents firing faster in the hold than at rest,
    their mean rates (Hz) and the hold's force as % of the muscle's maximal force."""
    from kramp.physiology import muscles

    (rest, hold), primary, result = _spindle_rates(HOLD_MS, (REST_WINDOW_MS, HOLD_WINDOW_MS))
    time = result["time_ms"].values
    held = (time >= HOLD_WINDOW_MS[0]) & (time < HOLD_WINDOW_MS[1])
    force_N = float(result["force_mN"].sel(muscle=MUSCLE).isel(person=0).values[held].mean())
    force_N *= 1e-3
    max_force_N = muscles.MUSCLES[MUSCLE]["muscle_tetanic_force"].value * 1e-3
    faster = hold > rest
    return {"share_increased": float(np.mean(faster)),
            "share_increased_ia": float(np.mean(faster[primary])),
            "share_increased_ii": float(np.mean(faster[~primary])),
            "rest_hz": float(rest.mean()),
            "hold_hz": float(hold.mean()), "afferents": int(primary.size),
            "force_percent": 100.0 * force_N / max_force_N}


def target_d11() -> dict:
    found = isometric_dorsiflexion()
    low, high = SHARE_BAND
    force_low, force_high = FORCE_BAND_PERCENT
    return {
        "id": "D11",
        "quantity": ("tibialis anterior spindle afferents in a weak isometric dorsiflexion "
                     "(α–γ co-activation)"),
        "published": ("24 of 26 afferents increased their discharge in isometric contractions "
                      "of 0.5–20 % of maximum; acceleration threshold < 3.2 % of maximum in 90 % "
                      "of contractions"),
        "band": (f"in a hold at {force_low:g}–{force_high:g} % of maximal force, "
                 f"{100 * low:g}–{100 * high:g} % of the spindle afferents fire faster than at "
                 "rest"),
        "model_value": (f"{100 * found['share_increased']:.1f} % of {found['afferents']} Ia and "
                        f"II afferents faster at {found['force_percent']:.1f} % of maximal "
                        f"force (Ia {100 * found['share_increased_ia']:.1f} %, II "
                        f"{100 * found['share_increased_ii']:.1f} %; mean {found['rest_hz']:.2f} "
                        f"→ {found['hold_hz']:.2f} Hz)"),
        "passed": bool(low <= found["share_increased"] <= high
                       and force_low <= found["force_percent"] <= force_high),
        "source": ("Wilson LR, Gandevia SC, Burke D 1997, J Physiol 504:221–232 "
                   "(PMC1159950; abstract)"),
    }


@cache
def after_contraction() -> dict[str, float]:
    """Tibialis anterior's spindle afferents before and after a 5 s isometric dorsiflexion:
    mean rates (Hz), the share firing faster after it, and the share of those silent before."""
    (before, after), _, _ = _spindle_rates(AFTER_HOLD_MS, (REST_WINDOW_MS, AFTER_WINDOW_MS))
    faster = after >= before + ENHANCED_HZ
    return {"before_hz": float(before.mean()), "after_hz": float(after.mean()),
            "share_enhanced": float(np.mean(faster)),
            "share_enhanced_silent_before": float(np.mean(before[faster] == 0.0))
            if faster.any() else 0.0,
            "afferents": int(before.size)}


def target_d12() -> dict:
    found = after_contraction()
    rise = found["after_hz"] / found["before_hz"] - 1.0 if found["before_hz"] > 0 else None
    rise_low, rise_high = AFTER_RISE_BAND
    shown_rise = "n/a" if rise is None else f"{100 * rise:+.0f} %"
    return {
        "id": "D12",
        "quantity": ("tibialis anterior spindle afferents after a 5 s isometric dorsiflexion "
                     "(the contraction's after-effect)"),
        "published": (f"mean rate {PUBLISHED_AFTER[0]:g} → {PUBLISHED_AFTER[1]:g} Hz after "
                      "relaxation (+65 %); 19 of 55 afferents enhanced (10 of them silent "
                      "before), for 52 s on average (8–240 s); a tendon stretch removed it"),
        "band": f"mean rate {100 * rise_low:g}–{100 * rise_high:g} % above the rate before",
        "model_value": (f"mean {found['before_hz']:.2f} → {found['after_hz']:.2f} Hz "
                        f"({shown_rise}) from 2 to 10 s after the command; "
                        f"{100 * found['share_enhanced']:.1f} % of {found['afferents']} Ia and "
                        f"II afferents ≥ {ENHANCED_HZ:g} Hz faster"),
        "passed": bool(rise is not None and rise_low <= rise <= rise_high),
        "source": ("Wilson LR, Gandevia SC, Burke D 1995, J Physiol 488:833–840, "
                   "doi 10.1113/jphysiol.1995.sp021015 (abstract)"),
    }


# D16: Macefield et al. 1991, a minute's hold at D11's command; each window 2 s, at the hold's
# onset and 10, 30 and 60 s into it
D16_HOLD_MS = 60000.0
D16_WINDOW_MS = 2000.0
D16_TIMES_S = (0.0, 10.0, 30.0, 60.0)
D16_PUBLISHED_RATIOS = {30.0: 2.0 / 3.0, 60.0: 0.5}  # mean rate over the onset's
D16_PUBLISHED_DECLINING = (13, 18)  # afferents that declined, of those recorded
# kramp's band: the mean declines by 30 s, and after a minute has lost between a quarter and
# three quarters of its onset rate (the published half, within a factor of two of what is lost
# and of what is left)
D16_RATIO_BAND_60S = (0.25, 0.75)


def _d16_windows() -> tuple[tuple[float, float], ...]:
    hold_start = ONSET_MS + RAMP_MS
    return tuple((hold_start + 1e3 * t - (D16_WINDOW_MS if t else 0.0),
                  hold_start + 1e3 * t + (0.0 if t else D16_WINDOW_MS))
                 for t in D16_TIMES_S)


@cache
def _sustained_batch():
    """D16's batch: the default person and the same person without the metabolites'
    fusimotor drive, through a minute's hold."""
    from kramp.physiology import afferents

    default = afferents.PARAMETERS["fatigue_fusimotor_drive"].value
    return _dorsiflexion(D16_HOLD_MS, _d16_windows()[-1][1],
                         {"fatigue_fusimotor_drive": np.array([default, 0.0])})


def sustained_dorsiflexion(with_fatigue_drive: bool = True) -> dict:
    """Tibialis anterior's spindle afferents through a minute's isometric hold (D16): the
    population's mean rate (Hz) and force (% of maximal) in each window, each window's mean over
    the onset's, and the share of the afferents firing at the onset that fire slower in the
    last window. ``with_fatigue_drive`` False: the same person without the metabolites'
    fusimotor drive (the batch's second person)."""
    from kramp.physiology import muscles

    person = 0 if with_fatigue_drive else 1
    windows = _d16_windows()
    result = _sustained_batch()
    found, _ = _afferent_rates(result, windows, person)
    time = result["time_ms"].values
    force_N = result["force_mN"].sel(muscle=MUSCLE).isel(person=person).values * 1e-3
    max_force_N = muscles.MUSCLES[MUSCLE]["muscle_tetanic_force"].value * 1e-3
    onset = found[0]
    firing = onset > 0.0
    means = [float(rates[firing].mean()) for rates in found]
    return {"times_s": D16_TIMES_S, "mean_hz": means,
            "ratios": [m / means[0] for m in means],
            "force_percent": [100.0 * float(force_N[(time >= a) & (time < b)].mean())
                              / max_force_N for a, b in windows],
            "share_declining": float(np.mean(found[-1][firing] < onset[firing])),
            "afferents": int(firing.sum())}


def target_d16() -> dict:
    found, without = sustained_dorsiflexion(), sustained_dorsiflexion(False)
    ratios = dict(zip(D16_TIMES_S, found["ratios"], strict=True))
    low, high = D16_RATIO_BAND_60S
    shown = ", ".join(f"{t:g} s {m:.2f} Hz ({r:.2f})" for t, m, r in
                      zip(D16_TIMES_S, found["mean_hz"], found["ratios"], strict=True))
    forces = ", ".join(f"{f:.1f}" for f in found["force_percent"])
    return {
        "id": "D16",
        "quantity": ("tibialis anterior spindle afferents through a minute's isometric "
                     "dorsiflexion (fatigue and the spindles' support)"),
        "published": (f"{D16_PUBLISHED_DECLINING[0]} of {D16_PUBLISHED_DECLINING[1]} afferents "
                      f"declined; mean rate {D16_PUBLISHED_RATIOS[30.0]:.2f} of the onset's by "
                      f"30 s, {D16_PUBLISHED_RATIOS[60.0]:.2f} after 1 min, at constant force "
                      "below 30 % of maximal"),
        "band": (f"the mean rate below the onset's at 30 s and {low:g}–{high:g} of it at 60 s"),
        "model_value": (f"mean of {found['afferents']} Ia and II afferents at {shown} (force "
                        f"{forces} % of maximal: the command is held, not the force); "
                        f"{100 * found['share_declining']:.1f} % fire slower at 60 s than at the "
                        f"onset; without the metabolites' fusimotor drive the ratios are "
                        + ", ".join(f"{r:.2f}" for r in without["ratios"][1:])),
        "passed": bool(ratios[30.0] < 1.0 and low <= ratios[60.0] <= high),
        "source": ("Macefield G, Hagbarth K-E, Gorman R, Gandevia SC, Burke D 1991, J Physiol "
                   "440:497–512, doi 10.1113/jphysiol.1991.sp018721 (abstract)"),
    }
