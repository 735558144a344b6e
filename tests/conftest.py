"""Shared test settings: numerical warnings are errors, so a silent NaN cannot pass a test."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def strict_numerics():
    with np.errstate(invalid="raise", divide="raise", over="raise"):
        yield
