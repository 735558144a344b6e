"""Random streams drawn by compiled code give NumPy's numbers."""

import numpy as np

from kramp.engine import streams


def test_compiled_standard_normals_are_numpys_and_leave_the_generators_as_numpy_does():
    ours = streams.generators(3, 2, "afferent_noise")
    numpys = streams.generators(3, 2, "afferent_noise")
    for n_steps in (8, 1, 8):
        np.testing.assert_array_equal(
            streams.standard_normals(ours, n_steps, 2100),
            np.stack([g.standard_normal((n_steps, 2100)) for g in numpys], axis=1))
    assert streams.snapshot({"x": ours}) == streams.snapshot({"x": numpys})
