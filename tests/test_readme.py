"""The README's examples run as written: its scenario file and its Python API."""

import re
from pathlib import Path

import numpy as np

from kramp.scenarios import run, validate_scenario

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)
    return next(b for b in blocks if containing in b)


def test_the_scenario_file_example_validates_and_runs():
    import tomllib

    scenario = validate_scenario(tomllib.loads(block("toml", "watched-calf")))
    assert scenario.protocol[0].set == {"drive.monoamine": 0.2}
    assert scenario.quick_version().duration_ms == 3000.0
    result, _ = run(scenario, duration_ms=50.0)
    assert result["motoneuron.v_soma"].shape == (501, 1, 3)
    assert float(result["soleus.muscle_tetanic_force"][0]) == 2.2e6


def test_the_python_api_example_runs():
    namespace: dict = {}
    exec(block("python", "Simulation"), namespace)
    first, second = namespace["first"], namespace["second"]
    assert second.attrs["start_ms"] == 2000.0
    assert np.all(second.force_mN.sum("muscle").isel(time=-1).values > 0.0)
    assert namespace["result"]["membrane.v"].dims == ("membrane.v.time", "person", "unit")
    assert first.force_mN.sel(person=1).max() > first.force_mN.sel(person=0).max()
