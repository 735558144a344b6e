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

Run (a few seconds)::

    python studies/motor_axon_steady_states.py
"""

from __future__ import annotations

import numpy as np

from kramp.physiology import ions, motor_axon
from kramp.physiology.motor_axon import K

POTASSIUM_MM = np.round(np.arange(3.5, 7.01, 0.1), 2)
CALCIUM_MM = np.round(np.arange(0.6, 1.31, 0.05), 2)
TEMPERATURES_DEGC = (35.0, 37.0)  # the default person's limb; A9 and A10's


def states(**ion_changes: float) -> list[tuple[float, float]]:
    k = motor_axon.site_constants({}, {**ions.PARAMETERS.defaults(), **ion_changes})
    return motor_axon.steady_potentials(k)


def describe(found: list[tuple[float, float]]) -> str:
    nodes = ", ".join(f"{v_node:.1f}" for v_node, _ in found)
    if len(found) == 1:
        kind = "rest" if found[0][0] < -75.0 else "depolarised only"
    else:
        kind = f"{len(found)} states"
    return f"{kind:16s} V_node {nodes} mV"


def resting_currents() -> dict[str, float]:
    """The currents (µA/cm² of node, outward positive) that balance at rest, default ions and
    37 °C."""
    k = motor_axon.site_constants({}, {**ions.PARAMETERS.defaults(), "temperature": 37.0})
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
    print("Currents at rest (default ions, 37 °C), µA/cm² of node, outward positive:")
    for name, value in resting_currents().items():
        print(f"  {name:36s} {value:7.2f}")
    for temperature in TEMPERATURES_DEGC:
        print(f"\nPlasma K⁺ at {temperature:g} °C (other ions default):")
        for potassium in POTASSIUM_MM:
            print(f"  {potassium:4.1f} mM  "
                  + describe(states(potassium=potassium, temperature=temperature)))
    for temperature in TEMPERATURES_DEGC:
        print(f"\nIonised Ca²⁺ at {temperature:g} °C (other ions default):")
        for calcium in CALCIUM_MM:
            print(f"  {calcium:4.2f} mM  "
                  + describe(states(calcium=calcium, temperature=temperature)))


if __name__ == "__main__":
    main()
