"""Shared test settings: numerical warnings are errors, so a silent NaN cannot pass a test; and
published relations more than one test module compares with."""

import math
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


def riener_edrich_plantarflexing_moment_Nm(plantarflexion_deg: float, knee_deg: float) -> float:
    """Riener & Edrich 1999 (J Biomech 32:539): the relaxed ankle's passive moment, their
    published fit, with plantarflexion φ_A and the plantarflexing moment positive, degrees:
    M = exp(2.1016 − 0.0843 φ_A − 0.0176 φ_K) − exp(−7.9763 + 0.1949 φ_A + 0.0008 φ_K) − 1.792."""
    return (math.exp(2.1016 - 0.0843 * plantarflexion_deg - 0.0176 * knee_deg)
            - math.exp(-7.9763 + 0.1949 * plantarflexion_deg + 0.0008 * knee_deg) - 1.792)


@pytest.fixture
def riener_edrich_moment():
    """Riener & Edrich's passive moment of the relaxed ankle (N·m) at a plantarflexion and a
    knee angle (degrees)."""
    return riener_edrich_plantarflexing_moment_Nm
