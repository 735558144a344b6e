"""Virtual experiments that reproduce published numbers (``shared/validation/targets.md``).

Each target function runs its own experiment on the model and returns a :class:`TargetResult`-like
record: the published value, the pass band, the value the model produced and whether it passed. A
failing target is reported as failing, with its measured value; bands are never widened to pass.
"""
