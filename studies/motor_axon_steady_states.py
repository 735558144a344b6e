"""Where does the motor-axon site keep a resting state? Its steady states over plasma K⁺ and
ionised Ca²⁺, at skin and body temperature, and what holds its rest.

The axon's active sites (:mod:`kramp.physiology.motor_axon`: a node and its internode) fire on
their own when their resting state is lost or can be left for a depolarised one. For each ion
level this script lists every steady state of a resting site (``motor_axon.steady_potentials``:
the node potentials where the site's currents balance, each gate at its steady state). One state
is a rest; three are a rest, a state between that the site leaves and a depolarised one that a
train or a small depolarisation can tip it into (where it may sit or fire: the steady states
alone do not say), or, at low K⁺, a hyperpolarised pair below the rest; one depolarised state
means the rest is gone. Targets A10 (human axons follow trains quietly at 5–6 mM K⁺) and E5
(hypocalcaemic discharges begin at 0.7–1.1 mM) are the published bounds; this shows the
structure behind the site's answers to them. It also prints the currents that balance at rest
(default ions, 37 °C), which show why the rest is fragile to K⁺: of them only the node's slow
K⁺ current follows E_K (the internode's fast K⁺ is shut at rest).

``--set NAME=VALUE`` (repeatable) changes a ``motor_axon`` parameter first, and ``--onsets``
prints only where a depolarised steady state first appears: the lowest K⁺ and the highest Ca²⁺
of the scans with one, at each temperature. One parameter moves both: at 37 °C the default site
has one from 4.3 mM K⁺ and below 1.05 mM Ca²⁺; ``--set g_leak_node=10`` (mS/cm²) moves them to
4.9 and 0.8 mM, ``--set g_leak_node=14`` and ``--set g_ks=120`` to 5.6 mM K⁺ and none down to
0.6 mM Ca²⁺, so none of them makes the site quiet in raised K⁺ (A10) and keeps its hypocalcaemic
discharges where E5 has them (0.7–1.1 mM).

``--slow-inactivation HALF SLOPE`` asks the same of a site the model does not have: its transient
Na⁺ conductance multiplied by a slow inactivation at its steady state, u∞ = 1/(1 + e^((V − ψ −
HALF)/SLOPE)) (mV; read at V − ψ like the other gates), the candidate session 69 named for
separating the two. Its onsets come from the sign changes of the site's total steady current
with node and internode at one potential, unrefined (to 0.1 mV; with HALF far above rest they are
the model's). It separates nothing either: at 37 °C, SLOPE 6 mV, HALF −60 mV puts the onsets at
4.8 mM K⁺ and 0.85 mM Ca²⁺, −65 at 5.3 and 0.7 mM, −70 at 6.2 mM K⁺ and no Ca²⁺ down to 0.6 mM:
a steady-state factor on the Na⁺ window moves both onsets together, as the conductances do, and
no HALF keeps the site quiet to 6 mM K⁺ (A10) with a depolarised state from 0.7–1.1 mM Ca²⁺ (E5).

Run (a few seconds)::

    python studies/motor_axon_steady_states.py
    python studies/motor_axon_steady_states.py --onsets --set g_leak_node=10
    python studies/motor_axon_steady_states.py --onsets --slow-inactivation -70 6
"""

from __future__ import annotations

import argparse

import numpy as np

from kramp.errors import KrampInputError
from kramp.physiology import assigned_values, ions, motor_axon
from kramp.physiology.motor_axon import K

POTASSIUM_MM = np.round(np.arange(3.5, 7.01, 0.1), 2)
CALCIUM_MM = np.round(np.arange(0.6, 1.31, 0.05), 2)
TEMPERATURES_DEGC = (35.0, 37.0)  # the default person's limb; A9 and A10's


# a steady state above this node potential is a depolarised one (the rest lies near −85 mV)
DEPOLARISED_MV = -80.0


def states(axon: dict[str, float] | None = None, **ion_changes: float
           ) -> list[tuple[float, float]]:
    k = motor_axon.site_constants(axon or {}, {**ions.PARAMETERS.defaults(), **ion_changes})
    return motor_axon.steady_potentials(k)


def onsets(axon: dict[str, float], temperature: float,
           slow_inactivation: tuple[float, float] | None = None
           ) -> tuple[float | None, float | None]:
    """(the lowest K⁺, the highest Ca²⁺, mM, of the scans at which the site has a depolarised
    steady state; None where none has one), of the site with ``--slow-inactivation``'s
    (HALF, SLOPE) unless None."""
    def depolarised(**ion_changes: float) -> bool:
        if slow_inactivation is not None:
            return max(with_slow_inactivation(*slow_inactivation, temperature, axon,
                                              **ion_changes)) > DEPOLARISED_MV
        found = states(axon, temperature=temperature, **ion_changes)
        return max(v_node for v_node, _ in found) > DEPOLARISED_MV

    potassium = next((float(c) for c in POTASSIUM_MM if depolarised(potassium=c)), None)
    calcium = next((float(c) for c in CALCIUM_MM[::-1] if depolarised(calcium=c)), None)
    return potassium, calcium


def with_slow_inactivation(half_mV: float, slope_mV: float, temperature: float,
                           axon: dict[str, float], **ion_changes: float) -> list[float]:
    """The node potentials (mV, to 0.1) where the site's total steady current changes sign, node
    and internode at one potential, with the transient Na⁺ conductance multiplied by the slow
    inactivation u∞ of ``--slow-inactivation``."""
    ion = {**ions.PARAMETERS.defaults(), "temperature": temperature, **ion_changes}
    k = motor_axon.site_constants(axon, ion)
    psi = ions.gating_shift_mV(ion)
    grid = np.arange(-110.0, -20.0, 0.1)
    m, h, p, s, n, q = motor_axon._steady_gates(grid, grid, k)
    u = 1.0 / (1.0 + np.exp((grid - psi - half_mV) / slope_mV))
    # the slow gate multiplies the fast one: only the transient conductance carries h
    total = sum(motor_axon._currents(grid, grid, k, (m, h * u, p, s, n, q)))
    changes = np.flatnonzero(np.sign(total[1:]) != np.sign(total[:-1]))
    return [float(grid[c]) for c in changes]


def describe(found: list[tuple[float, float]]) -> str:
    nodes = ", ".join(f"{v_node:.1f}" for v_node, _ in found)
    if len(found) == 1:
        kind = "rest" if found[0][0] < -75.0 else "depolarised only"
    else:
        kind = f"{len(found)} states"
    return f"{kind:16s} V_node {nodes} mV"


def resting_currents(axon: dict[str, float]) -> dict[str, float]:
    """The currents (µA/cm² of node, outward positive) that balance at rest, default ions and
    37 °C."""
    k = motor_axon.site_constants(axon, {**ions.PARAMETERS.defaults(), "temperature": 37.0})
    y = motor_axon.steady_state(k)
    v_n, v_i = y[motor_axon.S.v_node], y[motor_axon.S.v_internode]
    m, h, p, s, n, q = (y[getattr(motor_axon.S, g)] for g in motor_axon.GATES)
    return {
        "node Na⁺ (transient and persistent)":
            (k[K.g_na] * m**3 * h + k[K.g_nap] * p**3) * (v_n - k[K.e_na]),
        "node slow K⁺": k[K.g_ks] * s * (v_n - k[K.e_k]),
        "node leak (reversal fixed)": k[K.g_ln] * (v_n - k[K.e_leak]),
        "internode fast K⁺": k[K.g_kf] * n**4 * (v_i - k[K.e_k]),
        "internode HCN": k[K.g_h] * q * (v_i - k[K.e_h]),
        "internode leak (reversal fixed)": k[K.g_li] * (v_i - k[K.e_leak]),
        "internode pump (fixed)": k[K.i_pump],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a motor_axon parameter, in its declared unit (repeatable)")
    parser.add_argument("--onsets", action="store_true",
                        help="only where a depolarised steady state first appears")
    parser.add_argument("--slow-inactivation", nargs=2, type=float, metavar=("HALF", "SLOPE"),
                        help="with --onsets: a slow Na⁺ inactivation's half-inactivation and "
                             "slope (mV, slope > 0) on the transient Na⁺ conductance")
    args = parser.parse_args()
    if args.slow_inactivation is not None and (not args.onsets or args.slow_inactivation[1] <= 0):
        parser.error("--slow-inactivation HALF SLOPE: mV, SLOPE > 0, and only with --onsets")
    try:
        assigned = assigned_values([f"motor_axon.{pair}" for pair in args.set])
    except KrampInputError as error:
        parser.error(str(error))
    axon = {path.partition(".")[2]: value for path, value in assigned.items()}
    if args.onsets:
        for temperature in TEMPERATURES_DEGC:
            potassium, calcium = onsets(axon, temperature, args.slow_inactivation)
            shown = [f"{name} {sign} {level:g} mM" if level is not None
                     else f"no {name} of the scan"
                     for name, sign, level in (("K⁺", "≥", potassium), ("Ca²⁺", "≤", calcium))]
            print(f"{temperature:g} °C: a depolarised steady state at {', '.join(shown)}")
        return
    print("Currents at rest (default ions, 37 °C), µA/cm² of node, outward positive:")
    for name, value in resting_currents(axon).items():
        print(f"  {name:36s} {value:7.2f}")
    for temperature in TEMPERATURES_DEGC:
        print(f"\nPlasma K⁺ at {temperature:g} °C (other ions default):")
        for potassium in POTASSIUM_MM:
            print(f"  {potassium:4.1f} mM  "
                  + describe(states(axon, potassium=potassium, temperature=temperature)))
    for temperature in TEMPERATURES_DEGC:
        print(f"\nIonised Ca²⁺ at {temperature:g} °C (other ions default):")
        for calcium in CALCIUM_MM:
            print(f"  {calcium:4.2f} mM  "
                  + describe(states(axon, calcium=calcium, temperature=temperature)))


if __name__ == "__main__":
    main()
