"""Why kramp's calf is a third as strong as people's: the maximal plantarflexion (target C6)
against the tendon organs' autogenic inhibition and the command's gate on it.

Target C6 asks for 154 ± 38 N·m of maximal voluntary plantarflexion with the knee extended;
the default person makes about 48 N·m (``kramp validate --only C6``), its calf heads at a third
of their maximal force or less, the soleus units at about 12 Hz. The tendon organs of a calf
pulling hard fire at 70 pps or more, and their Ib interneurones inhibit the calf's own
motoneurones (autogenic inhibition); a voluntary command removes a share of that input
presynaptically (``interneurons.ib_command_presynaptic``: Zytnicki et al. 1990, Lafleur et al.
1992, Fournier et al. 1983 found Ib inhibition reduced during contraction, but no share was
published). That share was fitted to target B10, the soleus units' rate in a brief maximal
effort (Bellemare et al. 1983: 10.7 ± 2.9 Hz), so B10 is a calibration and C6 a prediction.

This script runs the C6/B10 protocol (``kramp.validation.strength_targets``: the ankle held
neutral, knee extended, the calf driven to 100 % of the maximal command, every reflex path in
place) on one batch of people like the default person, each with its own value of one of:

* the command's presynaptic gate on the calf's Ib input (``--gates``),
* the tendon organs' gain at its floor (1 pps against the default 60: autogenic inhibition
  all but gone), and
* the soleus units' slowest contraction time (``--soleus-contraction-ms``; Vandervoort &
  McComas 1983 measured the whole soleus twitch at 157 ms, kramp's soleus units' own is 83 ms:
  target C7),

and reports, for each, the torque, each head's force as a share of its maximum, the soleus
units' rate, the soleus tendon organs' and spindles' discharge and the fascicles' length, with
whether C6 and B10 would pass. It fits nothing. Each person has the random streams of its place
in the batch, so the default person's row differs from ``kramp validate --only C6`` by a few
N·m unless it comes first (``--gates 0.5``: 48.1 N·m, as C6 reports).

``--set PATH=VALUE`` gives every person a parameter value the rows do not vary themselves (for
example ``--gates 1 --set motoneuron.g_kca=45``: with the gate wide open the soleus units fire
23.7 Hz in the effort (101.7 N·m), and with the motoneurones' Ca²⁺-activated K⁺ conductance, which
sets their after-hyperpolarisation and was fitted to B3, tripled they fire 13.9 Hz and the torque
is 86.4 N·m: C6 passes, B10 just fails, and B3's f–I slope falls to 0.57 Hz/nA).

Run (about 20 seconds)::

    python studies/calf_strength.py
    python studies/calf_strength.py --gates 0.5 0.9 --json
    python studies/calf_strength.py --gates 1 --set motoneuron.g_kca=45
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from kramp.errors import KrampInputError
from kramp.physiology import assigned_values

GATES = (0.25, 0.5, 0.75, 0.9, 1.0)
SOLEUS_CONTRACTION_MS = 220.0
# the tendon organs' gain range starts at 1 pps (tendon_organ.PARAMETERS)
FLOOR_GAIN_PPS = 1.0


def people(gates: tuple[float, ...], soleus_contraction_ms: float) -> list[dict]:
    """One row per person: a label and the parameters that differ from the default person."""
    rows = [{"label": f"Ib gate {gate:g}" + (" (default)" if gate == 0.5 else ""),
             "interneurons.ib_command_presynaptic": gate} for gate in gates]
    rows.append({"label": f"tendon-organ gain {FLOOR_GAIN_PPS:g} pps",
                 "tendon_organ.gain": FLOOR_GAIN_PPS})
    rows.append({"label": f"soleus slowest twitch {soleus_contraction_ms:g} ms",
                 "soleus.contraction_time_longest": soleus_contraction_ms})
    return rows


def measure(rows: list[dict]) -> list[dict]:
    """The C6/B10 protocol on one batch with a person per row of ``rows`` (``people``' form: a
    label and the parameters, ``table.name``, that differ from the default person)."""
    from kramp.analysis.reflex import effort_torque_Nm
    from kramp.engine import build_model, simulate
    from kramp.physiology import muscles, varied_values
    from kramp.validation import strength_targets as st
    from kramp.validation.pool_targets import window_rates

    values = varied_values([{k: v for k, v in row.items() if k != "label"} for row in rows])
    values["drive"] = {**st.MVC_DRIVE, **values.get("drive", {})}
    result = simulate(build_model("ankle", values, n_person=len(rows), seed=1),
                      st.PLATEAU_WINDOW_MS[1])
    times = result.time_ms.values
    plateau = (times >= st.PLATEAU_WINDOW_MS[0]) & (times < st.PLATEAU_WINDOW_MS[1])
    sensor_times = result["sensor.time"].values
    sensed = ((sensor_times >= st.PLATEAU_WINDOW_MS[0])
              & (sensor_times < st.PLATEAU_WINDOW_MS[1]))
    names = list(result.muscle.values)
    receptors = list(result.receptor.values)
    soleus_units = np.flatnonzero(result.unit_muscle.values == "soleus")
    low, high = st.C6_BAND_NM
    mean_hz, sd_hz = st.B10_PUBLISHED_HZ
    found = []
    for person, row in enumerate(rows):
        torque = effort_torque_Nm(result, person, st.PLATEAU_WINDOW_MS, st.RESTING_WINDOW_MS)
        share = {head: float(result.force_mN.values[plateau, person, names.index(head)].mean()
                             / (muscles.MUSCLES[head]["muscle_tetanic_force"].value))
                 for head in muscles.TRICEPS_SURAE}
        rates = window_rates(result, *st.PLATEAU_WINDOW_MS, units=soleus_units, person=person)
        fascicle = {head: float(result.fascicle.sel(fascicle_output=f"{head}.length")
                                .values[plateau, person].mean())
                    for head in muscles.TRICEPS_SURAE}
        afferent = result.afferent_rate_pps.values[sensed, person, :].mean(axis=0)
        found.append({
            "label": row["label"], "torque_Nm": float(torque),
            "force_share": share, "soleus_rate_hz": float(rates.mean()) if rates.size else None,
            "soleus_ib_pps": float(afferent[receptors.index("soleus.ib")]),
            "soleus_ia_pps": float(afferent[receptors.index("soleus.ia")]),
            "fascicle_L0": fascicle,
            "c6_passes": bool(low <= torque <= high),
            "b10_passes": bool(rates.size and mean_hz - sd_hz <= rates.mean() <= mean_hz + sd_hz),
        })
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gates", type=float, nargs="+", default=list(GATES))
    parser.add_argument("--soleus-contraction-ms", type=float, default=SOLEUS_CONTRACTION_MS)
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help="a parameter (component.name, a bare number in its declared unit) "
                             "given to every person; repeatable")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = people(tuple(args.gates), args.soleus_contraction_ms)
    try:
        alike = assigned_values(args.set, {key for row in rows for key in row if key != "label"})
    except KrampInputError as error:
        parser.error(str(error))
    found = measure([{**row, **alike} for row in rows])
    if args.json:
        print(json.dumps(found, indent=1))
        return
    print(f"{'person':34s} {'torque N·m':>10s} {'sol/MG/LG % max':>16s} {'sol Hz':>7s} "
          f"{'Ib pps':>7s} {'Ia pps':>7s} {'sol/MG/LG L0':>15s}  C6  B10")
    for row in found:
        share = "/".join(f"{100 * v:.0f}" for v in row["force_share"].values())
        lengths = "/".join(f"{v:.2f}" for v in row["fascicle_L0"].values())
        rate = "–" if row["soleus_rate_hz"] is None else f"{row['soleus_rate_hz']:.1f}"
        print(f"{row['label']:34s} {row['torque_Nm']:10.1f} {share:>16s} {rate:>7s} "
              f"{row['soleus_ib_pps']:7.1f} {row['soleus_ia_pps']:7.1f} {lengths:>15s}  "
              f"{'pass' if row['c6_passes'] else 'FAIL'} "
              f"{'pass' if row['b10_passes'] else 'FAIL'}")


if __name__ == "__main__":
    main()
