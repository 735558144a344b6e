"""Targets A1 and A2: the HH membrane against NEURON's ``hh``, run in the same process.

NEURON comes with the ``test`` extra; without it these targets report that their reference is
unavailable rather than passing or failing.
"""

from __future__ import annotations

import numpy as np

from kramp.engine import build_model, simulate
from kramp.physiology.hh_membrane import temperature_factor

DURATION_MS = 100.0
DELAY_MS = 10.0
A1_AMPLITUDES = (10.0, 20.0, 30.0, 40.0, 50.0)
SOURCE_HH = ("Hodgkin AL, Huxley AF 1952, J Physiol 117:500–544; NEURON hh as numerical "
             "reference")


def kramp_spike_times(amplitude: float, dt_ms: float, temperature: float = 6.3) -> np.ndarray:
    model = build_model("hh_membrane",
                        {"membrane": {"temperature": temperature},
                         "stimulus": {"amplitude": amplitude, "delay": DELAY_MS}}, dt_ms=dt_ms)
    return simulate(model, DURATION_MS).spike_time_ms.values


def _neuron_reference():
    try:
        from kramp.reference.neuron_hh import run_hh_current_clamp
    except ImportError:  # pragma: no cover - depends on the installed extras
        return None
    try:
        import neuron  # noqa: F401
    except ImportError:
        return None
    return run_hh_current_clamp


def _worst_errors(run_neuron, temperature: float) -> tuple[dict[float, float], bool]:
    """Worst spike-time difference (ms) per kramp dt over the A1 amplitudes; counts equal?"""
    worst = {0.001: 0.0, 0.025: 0.0}
    same_counts = True
    for amplitude in A1_AMPLITUDES:
        reference = run_neuron(amplitude, DURATION_MS, delay_ms=DELAY_MS, dt_ms=0.001,
                               celsius=temperature)[2]
        for dt_ms in worst:
            ours = kramp_spike_times(amplitude, dt_ms, temperature)
            if ours.size != reference.size:
                same_counts = False
                continue
            worst[dt_ms] = max(worst[dt_ms], float(np.max(np.abs(ours - reference))))
    return worst, same_counts


def _unavailable(target_id: str, quantity: str, published: str, band: str) -> dict:
    return {"id": target_id, "quantity": quantity, "published": published, "band": band,
            "model_value": "NEURON not installed (pip install '.[test]')", "passed": None,
            "source": SOURCE_HH}


def target_a1() -> dict:
    quantity = "HH spike times against NEURON hh, steps 10–50 µA/cm², 100 ms"
    published = "same spike count and times as converged NEURON (CN, dt 0.001 ms)"
    band = "same count; every spike within 0.15 ms (dt 0.001) and 0.3 ms (dt 0.025)"
    run_neuron = _neuron_reference()
    if run_neuron is None:
        return _unavailable("A1", quantity, published, band)
    worst, same_counts = _worst_errors(run_neuron, 6.3)
    return {
        "id": "A1", "quantity": quantity, "published": published, "band": band,
        "model_value": (f"counts {'equal' if same_counts else 'DIFFER'}; worst "
                        f"{worst[0.001]:.4f} ms (dt 0.001), {worst[0.025]:.4f} ms (dt 0.025)"),
        "passed": same_counts and worst[0.001] <= 0.15 and worst[0.025] <= 0.3,
        "source": SOURCE_HH,
    }


def target_a2() -> dict:
    quantity = "Q10 = 3 temperature scaling of HH rates; spike times at 18.5 °C"
    published = "factor 3^((T − 6.3)/10) = 3.82 at 18.5 °C"
    band = "factor to 3 significant figures; at 18.5 °C spike times within the A1 tolerances"
    factor = temperature_factor(18.5, 3.0)
    factor_ok = round(factor, 2) == 3.82
    run_neuron = _neuron_reference()
    if run_neuron is None:
        result = _unavailable("A2", quantity, published, band)
        result["model_value"] = f"factor {factor:.3f}; " + result["model_value"]
        return result
    worst, same_counts = _worst_errors(run_neuron, 18.5)
    return {
        "id": "A2", "quantity": quantity, "published": published, "band": band,
        "model_value": (f"factor {factor:.3f}; counts {'equal' if same_counts else 'DIFFER'}; "
                        f"worst {worst[0.001]:.4f} ms (dt 0.001), {worst[0.025]:.4f} ms "
                        "(dt 0.025)"),
        "passed": factor_ok and same_counts and worst[0.001] <= 0.15 and worst[0.025] <= 0.3,
        "source": SOURCE_HH,
    }
