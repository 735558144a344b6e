"""Experimental protocols that act on a membrane from outside: injected currents.

These are settings of a virtual experiment, not physiology, so their "source" is the protocol and
their ranges are what the engine accepts as sensible, not a physiological spread.
"""

from __future__ import annotations

from kramp.params import Param, ParameterTable

CURRENT_CLAMP = ParameterTable(
    component="stimulus",
    references={
        "protocol": "setting of the virtual experiment (current clamp), chosen by the user",
        "destexhe2001": (
            "Destexhe A, Rudolph M, Fellous JM, Sejnowski TJ (2001) Neuroscience 107:13–24: "
            "background synaptic activity as an Ornstein–Uhlenbeck current or conductance"
        ),
    },
    params=(
        Param("amplitude", 10.0, "uA/cm2", (-200.0, 500.0), "protocol",
              "injected step current density (positive depolarises)", "I_stim"),
        Param("delay", 10.0, "ms", (0.0, 3.6e6), "protocol",
              "time at which the current step starts"),
        Param("width", 3.6e6, "ms", (0.0, 3.6e6), "protocol",
              "how long the current step lasts (the default outlasts any run)"),
        Param("noise_sd", 0.0, "uA/cm2", (0.0, 50.0), "destexhe2001",
              "standard deviation of an Ornstein–Uhlenbeck background current (0 = none)", "σ"),
        Param("noise_tau", 3.0, "ms", (0.1, 100.0), "destexhe2001",
              "correlation time of the background current", "τ_noise"),
    ),
)
