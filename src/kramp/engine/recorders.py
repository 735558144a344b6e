"""Recorders say what to observe and how often; they never change the State.

The simulation loop hands each recorder's request to the step kernel (which writes samples into
buffers) and assembles the samples into the result Dataset afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from kramp.errors import KrampInputError


@dataclass(frozen=True)
class VoltageRecorder:
    """Sample V of every neuron every ``interval_ms`` (``None``: every step), and at t = 0."""

    interval_ms: float | None = None

    def steps_between_samples(self, dt_ms: float) -> int:
        if self.interval_ms is None:
            return 1
        steps = round(self.interval_ms / dt_ms)
        if steps < 1 or abs(steps * dt_ms - self.interval_ms) > 1e-9 * max(1.0, self.interval_ms):
            raise KrampInputError(
                f"`recording.interval` must be a positive multiple of dt = {dt_ms:g} ms, "
                f"got {self.interval_ms:g} ms", field="recording.interval")
        return steps


@dataclass(frozen=True)
class SpikeRecorder:
    """Record the time of every upward crossing of ``threshold_mV`` (interpolated within a step)."""

    threshold_mV: float = 0.0
