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

# How the ankle moves: driven along an imposed trajectory (a servo motor, an examiner's hand) or
# free under its load. The imposed angle is the start angle plus a ramp-and-hold that returns at
# the same speed (a stretch, or a tendon tap when small and fast; each reaches and leaves its
# speed at a set acceleration) plus a sinusoid (a sinusoidal
# perturbation, or tendon vibration when small and fast). Dorsiflexion is positive.
MOVEMENT = ParameterTable(
    component="movement",
    references={"protocol": "setting of the virtual experiment (imposed ankle movement)"},
    params=(
        Param("free", 0.0, "1", (0.0, 1.0), "protocol",
              "1: the joint moves freely under its muscles and load; 0: it follows the "
              "imposed angle"),
        Param("start_angle", 0.0, "deg", (-50.0, 30.0), "protocol",
              "ankle angle at the start (0: foot at right angles to the shank; + dorsiflexion)"),
        Param("ramp_start", 3.6e6, "ms", (0.0, 3.6e6), "protocol",
              "time the imposed ramp begins"),
        Param("ramp_amplitude", 0.0, "deg", (-60.0, 60.0), "protocol",
              "angle of the ramp (+ dorsiflexion: stretches the calf)"),
        Param("ramp_velocity", 50.0, "deg/s", (0.1, 2000.0), "protocol",
              "speed of the ramp and of its return"),
        Param("ramp_hold", 500.0, "ms", (0.0, 3.6e6), "protocol",
              "how long the ramp's end angle is held before it returns"),
        Param("ramp_acceleration", 10000.0, "deg/s2", (100.0, 1e6), "protocol",
              "angular acceleration with which the ramp reaches and leaves its speed (a motor "
              "or a hand is not infinitely quick)"),
        Param("sine_amplitude", 0.0, "deg", (0.0, 30.0), "protocol",
              "amplitude of an imposed sinusoid"),
        Param("sine_frequency", 5.0, "Hz", (0.1, 300.0), "protocol",
              "frequency of the sinusoid"),
        Param("sine_start", 0.0, "ms", (0.0, 3.6e6), "protocol", "time the sinusoid begins"),
        Param("sine_duration", 0.0, "ms", (0.0, 3.6e6), "protocol", "how long it lasts"),
        Param("load_torque", 0.0, "N*m", (-200.0, 200.0), "protocol",
              "external torque on a free joint (+ dorsiflexing)"),
        Param("load_start", 0.0, "ms", (0.0, 3.6e6), "protocol",
              "time the external torque is applied"),
    ),
)
