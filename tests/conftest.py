"""Shared test settings: numerical warnings are errors, so a silent NaN cannot pass a test."""

import os

import numpy as np
import pytest

# Under pytest-xdist each worker already has a core of its own: numba threads on top of it would
# oversubscribe the machine, and a parallel region waits for whichever of its threads is
# descheduled. numba reads this before its first use, which comes after this file is imported.
if "PYTEST_XDIST_WORKER" in os.environ:
    os.environ.setdefault("NUMBA_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def strict_numerics():
    with np.errstate(invalid="raise", divide="raise", over="raise"):
        yield
