"""Target E17 (kramp's own): the voltage-clamped Na⁺ and K⁺ currents of the fibre's surface
membrane against loose-patch recordings from human muscle fibres.

Published. Almers, Roberts & Ruff (1984) voltage-clamped 10–15 µm patches of the surface membrane
of intact human external intercostal fibres (and rat omohyoid fibres) with a loose-patch pipette,
at 23 °C. A step to 0 mV evoked an inward Na⁺ current that peaked within 250 µs, at densities of
up to 20 mA/cm², and then declined; the human patches' maximal Na⁺ conductance ranged over
44–360 mS/cm² and their reversal potential was about +40 mV. Outward K⁺ currents were small by
comparison, usually below 2 mA/cm², and saturated at positive potentials; the human patches' K⁺
conductance ranged over 0–19 mS/cm². (From the abstract; the holding potential and pulse lengths
were not re-checked.)

Why a target of its own. E16 tests how fast the fibre conducts at body temperature, E14 and E15
its resting conductances; none looks at the two voltage-gated currents themselves. This one does,
at the temperature of the recordings: the Na⁺ current's time to peak tests the gates' kinetics
(the activation's published time constants and kramp's own inactivation ones,
``sarcolemma``'s ``m_tau_*`` and ``h_tau_*``) together with their temperature law
(``gating_q10``, applied from 37 °C), and the outward current tests the delayed rectifier's
density and voltage dependence.

Virtual experiment. The default fibre (``sarcolemma.DEFAULT_FIBRE_DIAMETER_UM``) at
``E17_TEMPERATURE`` and the default ions otherwise, at its resting state; the patch of surface
membrane under the pipette is held at the fibre's resting potential and stepped to
``E17_STEP_MV`` for ``E17_STEP_MS``. The clamp fixes the potential, so the gates relax
exponentially at the step's potential (the model's own gate update, ``sarcolemma.gates``, at
``E17_DT_MS``; the temperature reaches the gates through their Q10 and through the surface
potential of :mod:`kramp.physiology.ions`, which at 23 °C moves them 4.6 mV along the voltage
axis from where they sit at 37 °C) and the currents are the membrane equations'
I_Na = ḡ_Na m³h (V − E_Na) and I_K = ḡ_K n⁴ (V − E_K) of the surface (the linear Cl⁻ and Kir
currents are what a recording's leak subtraction removes; they are not counted). Reported: the
Na⁺ current's peak density and time to peak; the outward K⁺ current at the end of the step, at
0 mV and, to show whether it saturates, at ``SATURATION_MV``.

Band: the Na⁺ current at 0 mV peaks within 250 µs at a density of at most 20 mA/cm², and the
outward K⁺ current at 0 mV stays below 2 mA/cm² ("usually" in the paper: kramp's one default
fibre is held to it). A prediction: no parameter was tuned to it (ḡ_Na and ḡ_K are parameters and
are shown against the published ranges, not scored).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kramp.physiology import ions
from kramp.physiology import sarcolemma as sl
from kramp.physiology.sarcolemma import Q, S

E17_TEMPERATURE = 23.0  # °C, the recordings' (Almers, Roberts & Ruff 1984)
E17_STEP_MV = 0.0
E17_STEP_MS = 50.0  # long enough for the delayed rectifier to settle at 23 °C
E17_DT_MS = 0.001
SATURATION_MV = 40.0
NA_PEAK_WITHIN_MS = 0.25
NA_PEAK_MOST_MA_PER_CM2 = 20.0
K_BELOW_MA_PER_CM2 = 2.0
G_NA_RANGE = (44.0, 360.0)  # mS/cm², human patches
G_K_RANGE = (0.0, 19.0)  # mS/cm², human patches


def _fibre(temperature: float) -> np.ndarray:
    return sl.unit_constants(sl.PARAMETERS.defaults(),
                             {**ions.PARAMETERS.defaults(), "temperature": temperature},
                             sl.DEFAULT_FIBRE_DIAMETER_UM, references=False)


@cache
def _resting(temperature: float) -> np.ndarray:
    """The default fibre's resting state at ``temperature`` (packed ``S``), settled once."""
    return sl.resting_state(_fibre(temperature))


@cache
def clamp(step_mV: float = E17_STEP_MV, temperature: float = E17_TEMPERATURE,
          dt_ms: float = E17_DT_MS, holding_mV: float | None = None
          ) -> tuple[float, float, float]:
    """(peak Na⁺ current density in mA/cm², inward negative; its time after the step in ms; the
    K⁺ current density at the end of the step, mA/cm²) of a surface patch of the default fibre
    at ``temperature``, held at its resting potential (or at ``holding_mV``, its gates at their
    steady state there) and stepped to ``step_mV`` for ``E17_STEP_MS``."""
    q = _fibre(temperature)
    if holding_mV is None:
        rest = _resting(temperature)
        m, h, n = rest[S.m_surface], rest[S.h_surface], rest[S.n_surface]
    else:
        m_inf, h_inf, n_inf, *_ = sl.gate_kinetics.py_func(np.float64(holding_mV), q)
        m, h, n = float(m_inf), float(h_inf), float(n_inf)
    peak, peak_ms = 0.0, 0.0
    i_k = 0.0
    for i in range(round(E17_STEP_MS / dt_ms)):
        m, h, n = sl.gates(step_mV, m, h, n, dt_ms, q)
        i_na = q[Q.g_na_s] * m * m * m * h * (step_mV - q[Q.e_na]) * 1e-3  # µA → mA
        if i_na < peak:
            peak, peak_ms = i_na, (i + 1) * dt_ms
        i_k = q[Q.g_k_s] * n ** 4 * (step_mV - q[Q.e_k_s]) * 1e-3
    return peak, peak_ms, i_k


def target_e17() -> dict:
    peak, peak_ms, i_k = clamp()
    _, _, i_k_positive = clamp(SATURATION_MV)
    q = _fibre(E17_TEMPERATURE)
    values = sl.PARAMETERS.defaults()
    na_ok = peak_ms <= NA_PEAK_WITHIN_MS and -peak <= NA_PEAK_MOST_MA_PER_CM2
    k_ok = i_k < K_BELOW_MA_PER_CM2
    return {
        "id": "E17",
        "quantity": "Na⁺ and K⁺ currents of a voltage-clamped patch of the default fibre's "
                    "surface membrane, stepped from rest to 0 mV at 23 °C",
        "published": "human intercostal fibres, loose patch, 23 °C: at 0 mV the Na⁺ current "
                     "peaks within 250 µs, up to 20 mA/cm²; outward K⁺ currents usually below "
                     "2 mA/cm², saturating at positive potentials; ḡ_Na 44–360, ḡ_K 0–19 "
                     "mS/cm²; E_Na about +40 mV",
        "band": f"Na⁺ peak within {NA_PEAK_WITHIN_MS * 1e3:g} µs and at most "
                f"{NA_PEAK_MOST_MA_PER_CM2:g} mA/cm²; K⁺ below {K_BELOW_MA_PER_CM2:g} mA/cm² "
                f"at 0 mV",
        "model_value": (f"Na⁺ peak {-peak:.2f} mA/cm² at {peak_ms * 1e3:.0f} µs; K⁺ "
                        f"{i_k:.2f} mA/cm² at 0 mV and {i_k_positive:.2f} at "
                        f"{SATURATION_MV:+g} mV after {E17_STEP_MS:g} ms (held at the fibre's "
                        f"rest, {_resting(E17_TEMPERATURE)[S.v_surface]:.1f} mV; E_Na "
                        f"{q[Q.e_na]:+.1f} mV); parameters, not scored: ḡ_Na "
                        f"{values['g_na']:g} mS/cm² (published {G_NA_RANGE[0]:g}–"
                        f"{G_NA_RANGE[1]:g}), ḡ_K {values['g_kdr']:g} (published "
                        f"{G_K_RANGE[0]:g}–{G_K_RANGE[1]:g})"),
        "passed": bool(na_ok and k_ok),
        "source": "Almers W, Roberts WM, Ruff RL 1984, J Physiol 347:751–768 (abstract)",
    }
