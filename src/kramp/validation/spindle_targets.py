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


@cache
def isometric_dorsiflexion() -> dict[str, float]:
    """Share of tibialis anterior's spindle afferents firing faster in the hold than at rest,
    their mean rates (Hz) and the hold's force as % of the muscle's maximal force."""
    from kramp.engine import build_model, simulate
    from kramp.physiology import muscles

    parameters = {"drive": {"level": HOLD_COMMAND, "onset": ONSET_MS, "ramp_up": RAMP_MS,
                            "hold": HOLD_MS, "ramp_down": 500.0},
                  "movement": {"start_angle": 0.0},
                  "soleus": {"command_share": 0.0}, MUSCLE: {"command_share": 1.0}}
    model = build_model("ankle", parameters, muscle_names=["soleus", MUSCLE])
    result = simulate(model, HOLD_WINDOW_MS[1])
    times = result["afferent_axon.terminal.spike_time_ms"].values
    fibre = result["afferent_axon.terminal.spike_unit"].values
    spindle = ((result["afferent_muscle"].values == MUSCLE)
               & np.isin(result["afferent_kind"].values, ("ia", "ii")))

    def rates(window: tuple[float, float]) -> np.ndarray:
        inside = (times >= window[0]) & (times < window[1])
        counts = np.bincount(fibre[inside], minlength=spindle.size)[spindle]
        return counts / ((window[1] - window[0]) * 1e-3)

    rest, hold = rates(REST_WINDOW_MS), rates(HOLD_WINDOW_MS)
    primary = result["afferent_kind"].values[spindle] == "ia"
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
            "hold_hz": float(hold.mean()), "afferents": int(spindle.sum()),
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
