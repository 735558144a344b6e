"""The same virtual experiments run in reference simulators (NEURON, Brian2).

These modules import their simulator lazily: NEURON comes with the ``test`` extra and Brian2 with
the ``bench`` extra, and nothing else in kramp needs them.
"""
