"""Single-compartment membrane kinds: their components, gates and how their kinetics are made."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from kramp.engine.stimuli import CURRENT_CLAMP
from kramp.engine.tables import Kinetics
from kramp.params import ParameterTable
from kramp.physiology import hh_membrane


@dataclass(frozen=True)
class MembraneKind:
    """A membrane's structure: its parameter tables, its gates and how their kinetics are made.

    ``setting_parameters`` are the parameter paths that change gate kinetics (temperature, Q10):
    neurons that share them share one table of Rush–Larsen coefficients.
    """

    name: str
    components: tuple[ParameterTable, ...]
    gates: tuple[str, ...]
    setting_parameters: tuple[str, ...]
    make_kinetics: Callable[..., Kinetics]

    def component(self, name: str) -> ParameterTable:
        for table in self.components:
            if table.component == name:
                return table
        raise KeyError(name)

    def kinetic_settings(
        self, parameters: Mapping[str, Mapping[str, np.ndarray]], shape: tuple[int, int]
    ) -> tuple[list[dict[str, float]], np.ndarray]:
        """Distinct kinetic settings in the batch and, per neuron, the index of its setting."""
        columns = []
        for path in self.setting_parameters:
            component, name = path.split(".")
            columns.append(parameters[component][name].reshape(-1))
        stacked = np.stack(columns, axis=1)
        unique, index = np.unique(stacked, axis=0, return_inverse=True)
        settings = [
            {path.split(".")[1]: float(v) for path, v in zip(self.setting_parameters, row,
                                                             strict=True)}
            for row in unique
        ]
        return settings, index.reshape(shape).astype(np.int64)

    def kinetics(self, setting: dict[str, float]) -> Kinetics:
        return self.make_kinetics(**setting)


def _hh_kinetics(temperature: float, q10: float) -> Kinetics:
    return partial(hh_membrane.gate_kinetics, temperature_degC=temperature, q10=q10)


MEMBRANES: dict[str, MembraneKind] = {
    "hh_membrane": MembraneKind(
        name="hh_membrane",
        components=(hh_membrane.PARAMETERS, CURRENT_CLAMP),
        gates=hh_membrane.GATES,
        setting_parameters=("membrane.temperature", "membrane.q10"),
        make_kinetics=_hh_kinetics,
    ),
}
