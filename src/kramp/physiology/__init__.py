"""Physiological components: parameter tables and pure functions on arrays.

Each module is one component (membrane, motor neuron, junction, fibre, …). It imports nothing of
kramp beyond the small shared helpers (``kramp.params``, ``kramp.units``), so it can be read and
tested alone. Functions return derivatives or, for gating variables, steady states and time
constants; the engine decides how to integrate them.
"""
