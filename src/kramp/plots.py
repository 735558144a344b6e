"""Pictures of a run: what was commanded, what the muscles did, and the spasms the detector found.

``draw_run`` draws one person's motor run in stacked panels sharing the time axis — the recorded
commands (voluntary and inspiratory, with the stimulus pulses as ticks), the ankle angle when the
run has a joint, each muscle's force, its surface EMG, and a raster of the spikes that reach the
muscles — and shades each episode of :func:`kramp.analysis.spasm.verdict` across all panels,
labelled with its class and muscle. It reads the Result only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr

from kramp.analysis import spasm

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
TEXT = {
    "en": {"command": "command (share of max)", "voluntary": "voluntary",
           "inspiratory": "inspiratory", "pulses": "stimulus pulses", "angle": "ankle angle (°)",
           "force": "force (N)", "emg": "EMG (mV)", "units": "motor unit", "time": "time (s)",
           "none": "no spasm", "title": "{scenario}: {verdict}"},
    "sv": {"command": "kommando (andel av max)", "voluntary": "viljestyrt",
           "inspiratory": "inandning", "pulses": "stimuleringspulser",
           "angle": "fotledsvinkel (°)", "force": "kraft (N)", "emg": "EMG (mV)",
           "units": "motorisk enhet", "time": "tid (s)", "none": "ingen spasm",
           "title": "{scenario}: {verdict}"},
}
EPISODE_COLOUR = "tab:red"


def draw_run(result: xr.Dataset, path: Path, *, person: int = 0, lang: str = "en") -> dict:
    """Draw one person's run into ``path`` (its suffix picks the format); returns the verdict
    the picture marks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    column = 0 if lang == "en" else 1
    verdict = spasm.verdict(result, person)
    seen = spasm.from_result(result, person)
    seconds = seen.time_ms * 1e-3
    has_joint = "ankle" in result
    rows = ["command", *(["angle"] if has_joint else []), "force", "emg", "raster"]
    heights = {"command": 1.0, "angle": 1.0, "force": 1.5, "emg": 1.5, "raster": 2.0}
    figure, axes = plt.subplots(len(rows), 1, sharex=True, figsize=(10, 2.0 + 1.6 * len(rows)),
                                gridspec_kw={"height_ratios": [heights[r] for r in rows]})
    panel = dict(zip(rows, axes, strict=True))

    ax = panel["command"]
    ax.plot(seconds, seen.command, label=text["voluntary"], color="tab:blue")
    if seen.inspiratory.any():
        ax.plot(seconds, seen.inspiratory, label=text["inspiratory"], color="tab:green")
    if seen.pulses_ms.size:
        ax.plot(seen.pulses_ms * 1e-3, np.full(seen.pulses_ms.size, 1.02), "|", color="k",
                markersize=6, label=text["pulses"])
    ax.set_ylim(-0.05, 1.1)
    ax.set_ylabel(text["command"])
    ax.legend(loc="upper right", fontsize="small")

    if has_joint:
        angle = result["ankle"].sel(person=person, joint_output="angle_deg").values
        panel["angle"].plot(seconds, angle, color="k")
        panel["angle"].set_ylabel(text["angle"])

    for m, muscle in enumerate(seen.muscles):
        panel["force"].plot(seconds, seen.force_N[:, m], label=muscle.replace("_", " "))
        panel["emg"].plot(seen.emg_time_ms * 1e-3, seen.emg_mV[:, m], linewidth=0.5)
        own = seen.unit_muscle[seen.spike_unit] == m
        panel["raster"].plot(seen.spike_time_ms[own] * 1e-3, seen.spike_unit[own], ".",
                             markersize=1.5)
    panel["force"].set_ylabel(text["force"])
    panel["force"].legend(loc="upper right", fontsize="small")
    panel["emg"].set_ylabel(text["emg"])
    panel["raster"].set_ylabel(text["units"])
    panel["raster"].set_xlabel(text["time"])

    named = set()
    for episode in sorted(verdict["spasm_episodes"], key=lambda e: e["start_ms"]):
        start = episode["start_ms"] * 1e-3
        end = start + episode["duration_s"]
        for ax in axes:
            ax.axvspan(start, end, color=EPISODE_COLOUR, alpha=0.12, linewidth=0)
        # each class is named once per muscle, beside that muscle's units in the raster
        m = seen.muscles.index(episode["muscle"])
        if (episode["class"], m) not in named:
            named.add((episode["class"], m))
            units = np.flatnonzero(seen.unit_muscle == m)
            panel["raster"].annotate(spasm.CLASS_NAMES[episode["class"]][column],
                                     xy=(start, float(units.mean()) if units.size else 0.0),
                                     fontsize="x-small", color=EPISODE_COLOUR, va="center")
    kind = verdict["spasm_class"]
    shown = text["none"] if kind is None else spasm.CLASS_NAMES[kind][column]
    figure.suptitle(text["title"].format(scenario=result.attrs.get("scenario_id", ""),
                                         verdict=shown))
    # fixed margins: the axes' labels fit them, and tight_layout would cost a third of the
    # drawing time of every figure of a report
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.07, top=0.94, hspace=0.15)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return verdict
