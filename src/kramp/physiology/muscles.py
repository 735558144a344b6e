"""The muscles a virtual person may have, each with its own motor-unit pool, as data.

A muscle is one parameter table (component name = the muscle's id, so a scenario sets
``soleus.n_unit`` or ``diaphragm.muscle_tetanic_force``): how many motor units are simulated,
which share of their motoneurons are of type S, FR and FF (taken from the muscle's share of
type I fibres), the spread of twitch forces and contraction times over the pool (Fuglevand et
al. 1993's form, ``kramp.physiology.fibre``), the muscle's maximal force, how fast its units
fatigue, how long its nerve is, and which descending command reaches its motoneurons: the
voluntary command (``command_share``) and the brainstem's inspiratory command
(``respiratory_share``).

Simulated pools are smaller than real ones (the calf's three heads have some 1,700 units in
published models; kramp simulates 300): each simulated unit stands for a group of real units of
its size, and the muscle's force is kept, so forces and firing rates are those of the whole
muscle. The calf (triceps surae) is the sum of its three heads.

Where a number has not been found in the literature, the table says so and names the value it
borrows (for example the calf's unit kinetics); those rows are assumptions to replace, not
measurements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from kramp.params import Param, ParameterTable
from kramp.physiology import fibre

REFERENCES = {
    **fibre.REFERENCES,
    "projectpr": (
        "ReMoto/projectPR motor-unit pool configuration (Watanabe RN, Kohn AF; file "
        "confMUProperties.rmto of github.com/rnwatanabe/projectPR, after Elias LA, Watanabe RN, "
        "Kohn AF 2014 PLoS Comput Biol 10:e1003944): soleus 900, medial gastrocnemius 600, "
        "lateral gastrocnemius 260 units (model code, not a measurement)"
    ),
    "fukunaga1992": (
        "Fukunaga T, Roy RR, Shellock FG, Hodgson JA, Day MK, Lee PL, Kwong-Fu H, Edgerton VR "
        "(1992) Physiological cross-sectional area of human leg muscles based on magnetic "
        "resonance imaging. J Orthop Res 10:926–934: PCSA soleus 230, medial gastrocnemius 68, "
        "lateral gastrocnemius 28 cm² (70.6 / 20.9 / 8.6 % of the three heads); the calf's "
        "3.5 kN (Peltonen et al. 2010) is split in these shares"
    ),
    "edgerton1975": (
        "Edgerton VR, Smith JL, Simpson DR (1975) Muscle fibre type populations of human leg "
        "muscles. Histochem J 7:259–266. doi:10.1007/BF01003594: soleus ~70–80 % and "
        "gastrocnemius ~50 % slow-twitch fibres (abstract)"
    ),
    "johnson1973": (
        "Johnson MA, Polgar J, Weightman D, Appleton D (1973) Data on the distribution of fibre "
        "types in thirty-six human muscles. J Neurol Sci 18:111–129 (soleus ≈ 80 %, tibialis "
        "anterior ≈ 73 % type I; not re-checked)"
    ),
    "meznaric2016": (
        "Meznaric M, Cvetko E (2016) Size and proportions of slow-twitch and fast-twitch muscle "
        "fibers in human costal diaphragm. Biomed Res Int 2016:5946520. "
        "doi:10.1155/2016/5946520: 50.2 % slow fibres (abstract)"
    ),
    "thorstensson1987": (
        "Thorstensson A, Carlson H (1987) Fibre types in human lumbar back muscles. Acta Physiol "
        "Scand 131:195–202: lumbar longissimus 57 % type I, 22 % IIA, 22 % IIB (abstract)"
    ),
    "mcneil2005": (
        "McNeil CJ, Doherty TJ, Stashuk DW, Rice CL (2005) Motor unit number estimates in the "
        "tibialis anterior muscle of young, old, and very old men. Muscle Nerve 31:461–467 "
        "(about 150 units in young men; journal details not re-checked)"
    ),
    "maganaris1999": (
        "Maganaris CN, Paul JP (1999) In vivo human tendon mechanical properties. J Physiol "
        "521:307–313: tibialis anterior tendon force 530 N at maximal evoked isometric load"
    ),
    "smith1987": (
        "Smith J, Bellemare F (1987) Effect of lung volume on in vivo contraction "
        "characteristics of human diaphragm. J Appl Physiol 62:1893–1900: twitch contraction "
        "time 57.7–91.8 ms between total lung capacity and residual volume (about 75 ms at FRC); "
        "the calf's unit contraction times (fitted to C1) scaled by 75/113"
    ),
    "diaphragm_force": (
        "kramp assumption, order of magnitude: 1 kN. The clinical literature gives diaphragm "
        "strength as pressure (maximal transdiaphragmatic pressure 180 ± 14 cmH2O in normal "
        "subjects; Laporta D, Grassino A 1985 J Appl Physiol 58:1469–1476), not as force; force "
        "is reported as a share of the maximum, which does not depend on this number"
    ),
    "phrenic_length": (
        "kramp estimate: the phrenic nerve runs about 30 cm from the C3–C5 roots to the "
        "diaphragm (a 6–8 ms phrenic latency from the neck at about 50 m/s; not re-checked)"
    ),
    "hreflex_path": (
        "kramp estimate: a soleus H-reflex latency of about 30 ms (Falco et al. 1994, secondary) "
        "at 50–60 m/s spans about 2 × 0.8 m of afferent plus efferent path from the cord to the "
        "calf; projectPR also uses 0.8 m for the tibial and peroneal nerves"
    ),
    "segmental_nerve": (
        "kramp estimate: the dorsal rami reach the lumbar erector spinae some 5–10 cm from the "
        "cord, the accessory nerve the upper trapezius some 15–25 cm from the upper cervical "
        "cord (anatomy; not re-checked)"
    ),
    "borrowed_calf_kinetics": (
        "kramp assumption: no sourced value found, so the calf heads' value (contraction times "
        "fitted to target C1, fatigability to C4) is borrowed until a measurement replaces it"
    ),
    "borrowed_unit_count": (
        "kramp assumption: no motor-unit count found; 100 simulated units, the size of the "
        "other reduced pools"
    ),
    "trunk_force": (
        "kramp assumption, order of magnitude (no sourced value found): lumbar erector spinae "
        "2 kN per side, upper trapezius 400 N"
    ),
    "foot_force": (
        "kramp assumption, order of magnitude (no sourced value found): abductor hallucis 60 N"
    ),
    "tibial_f_wave": (
        "kramp estimate: a tibial F-wave minimal latency of about 50 ms (Kimura J 2013, "
        "Electrodiagnosis in Diseases of Nerve and Muscle; not re-checked) at about 50 m/s "
        "spans 2 × 1.2 m from the cord to abductor hallucis and back"
    ),
    "trapezius_types": (
        "kramp assumption: about 55 % type I fibres in the upper trapezius (not re-checked)"
    ),
    "voluntary_task": (
        "setting of the virtual experiment: the share of the voluntary command that reaches the "
        "muscle's motoneurons (1 for the muscles a task drives, 0 for those it leaves at rest)"
    ),
    "root_anatomy": (
        "setting of the virtual experiment: the share of the muscle's motor and afferent "
        "axons that run in the nerve root a disc compresses, by its segmental innervation "
        "(standard myotome charts: soleus and gastrocnemius S1–S2, tibialis anterior L4–L5, "
        "the lumbar erector spinae one segment in five; not re-checked); 0 when no root of "
        "the muscle is compressed"
    ),
    "bulbospinal": (
        "Feldman JL, Del Negro CA (2006) Looking for inspiration: new perspectives on "
        "respiratory rhythm. Nat Rev Neurosci 7:232–242: inspiratory drive from the brainstem "
        "reaches the phrenic motoneurons of the diaphragm (through bulbospinal premotor neurons), "
        "not the limb muscles"
    ),
}


def _muscle(name: str, meaning: str, *, n_unit: float, fraction_s: float, fraction_fr: float,
            twitch_force_range: float, contraction_time_longest: float,
            contraction_time_range: float, muscle_tetanic_force_N: float,
            fatigability_weakest: float, fatigability_range: float, nerve_length: float,
            command_share: float, respiratory_share: float, sources: Mapping[str, str],
            fitted: Mapping[str, tuple[str, ...]] | None = None) -> ParameterTable:
    """One muscle's table; ``sources`` maps each group of rows to its reference key and
    ``fitted`` a group to the validation targets its values were tuned to."""
    fitted = fitted or {}
    rows = (
        Param("n_unit", n_unit, "1", (1.0, 2000.0), sources["n_unit"],
              f"motor units simulated in the {meaning}", "N"),
        Param("fraction_s", fraction_s, "1", (0.0, 1.0), sources["types"],
              "share of type S (slow) motoneurons, from the share of type I fibres"),
        Param("fraction_fr", fraction_fr, "1", (0.0, 1.0), sources["types"],
              "share of type FR (fast, fatigue-resistant) motoneurons"),
        Param("twitch_force_range", twitch_force_range, "1", (2.0, 1000.0),
              "fuglevand1993", "ratio of the strongest to the weakest unit's peak twitch force",
              "R_P"),
        Param("contraction_time_longest", contraction_time_longest, "ms", (20.0, 300.0),
              sources["kinetics"], "twitch contraction time of the weakest (slowest) unit",
              "T_L", fitted_to=fitted.get("kinetics", ())),
        Param("contraction_time_range", contraction_time_range, "1", (1.0, 10.0),
              sources["kinetics"], "ratio of the slowest to the fastest unit's contraction time",
              "R_T", fitted_to=fitted.get("kinetics", ())),
        Param("muscle_tetanic_force", muscle_tetanic_force_N * 1e3, "mN", (1e3, 1e7),
              sources["force"],
              "sum of the units' tetanic forces: the muscle's maximal force at optimal length",
              "F_max"),
        Param("fatigability_weakest", fatigability_weakest, "1/s", (0.0, 1.0),
              sources["fatigability"],
              "metabolite made per second of maximal force by the weakest unit", "φ_1",
              fitted_to=fitted.get("fatigability", ())),
        Param("fatigability_range", fatigability_range, "1", (1.0, 1000.0),
              sources["fatigability"],
              "ratio of the strongest to the weakest unit's fatigability", "R_φ",
              fitted_to=fitted.get("fatigability", ())),
        Param("nerve_length", nerve_length, "mm", (20.0, 1500.0), sources["nerve"],
              "motor path length from the spinal cord to the muscle"),
        Param("command_share", command_share, "1", (0.0, 1.0), "voluntary_task",
              "share of the voluntary command reaching the muscle's motoneurons"),
        Param("respiratory_share", respiratory_share, "1", (0.0, 1.0), "bulbospinal",
              "share of the brainstem inspiratory command reaching the muscle's motoneurons"),
        Param("in_compressed_root", 0.0, "1", (0.0, 1.0), "root_anatomy",
              "share of the muscle's motor and afferent axons in a compressed nerve root"),
    )
    return ParameterTable(component=name, params=rows, references=REFERENCES)


# The calf heads share the kinetics fitted to the whole triceps surae (target C1, timed on the
# held ankle's torque: T_L 147 ms, R_T 2; fatigability fitted to C4), so that their sum behaves
# as the calibrated calf. Their own whole-muscle contraction times differ (soleus 157, medial 114,
# lateral gastrocnemius 100 ms; Vandervoort & McComas 1983) and will replace these once the
# calf's rates are head-specific.
_CALF_KINETICS = {"contraction_time_longest": 147.0, "contraction_time_range": 2.0,
                  "fatigability_weakest": 0.011, "fatigability_range": 2.0,
                  "twitch_force_range": 100.0}
_CALF_SOURCES = {"n_unit": "projectpr", "kinetics": "calf_calibration",
                 "force": "fukunaga1992", "fatigability": "calf_calibration",
                 "nerve": "hreflex_path"}
_CALF_FITTED = {"kinetics": ("C1",), "fatigability": ("C4",)}

MUSCLES: dict[str, ParameterTable] = {
    "soleus": _muscle(
        "soleus", "soleus", n_unit=150.0, fraction_s=0.8, fraction_fr=0.15,
        muscle_tetanic_force_N=2470.0, nerve_length=800.0, command_share=1.0,
        respiratory_share=0.0, **_CALF_KINETICS,
        sources={**_CALF_SOURCES, "types": "johnson1973"}, fitted=_CALF_FITTED),
    "medial_gastrocnemius": _muscle(
        "medial_gastrocnemius", "medial gastrocnemius", n_unit=100.0, fraction_s=0.5,
        fraction_fr=0.25, muscle_tetanic_force_N=730.0, nerve_length=800.0,
        command_share=1.0, respiratory_share=0.0, **_CALF_KINETICS,
        sources={**_CALF_SOURCES, "types": "edgerton1975"}, fitted=_CALF_FITTED),
    "lateral_gastrocnemius": _muscle(
        "lateral_gastrocnemius", "lateral gastrocnemius", n_unit=50.0, fraction_s=0.5,
        fraction_fr=0.25, muscle_tetanic_force_N=300.0, nerve_length=800.0,
        command_share=1.0, respiratory_share=0.0, **_CALF_KINETICS,
        sources={**_CALF_SOURCES, "types": "edgerton1975"}, fitted=_CALF_FITTED),
    "tibialis_anterior": _muscle(
        "tibialis_anterior", "tibialis anterior", n_unit=150.0, fraction_s=0.7,
        fraction_fr=0.15, muscle_tetanic_force_N=530.0, nerve_length=800.0,
        command_share=0.0, respiratory_share=0.0, **_CALF_KINETICS,
        sources={"n_unit": "mcneil2005", "types": "johnson1973",
                 "kinetics": "borrowed_calf_kinetics", "force": "maganaris1999",
                 "fatigability": "borrowed_calf_kinetics", "nerve": "hreflex_path"}),
    "diaphragm": _muscle(
        "diaphragm", "diaphragm", n_unit=100.0, fraction_s=0.5, fraction_fr=0.25,
        twitch_force_range=100.0, contraction_time_longest=133.0, contraction_time_range=2.0,
        muscle_tetanic_force_N=1000.0,
        fatigability_weakest=_CALF_KINETICS["fatigability_weakest"],
        fatigability_range=_CALF_KINETICS["fatigability_range"],
        nerve_length=300.0, command_share=0.0, respiratory_share=1.0,
        sources={"n_unit": "borrowed_unit_count", "types": "meznaric2016",
                 "kinetics": "smith1987", "force": "diaphragm_force",
                 "fatigability": "borrowed_calf_kinetics", "nerve": "phrenic_length"}),
    "erector_spinae": _muscle(
        "erector_spinae", "lumbar erector spinae", n_unit=100.0, fraction_s=0.57,
        fraction_fr=0.22, muscle_tetanic_force_N=2000.0, nerve_length=80.0,
        command_share=0.0, respiratory_share=0.0, **_CALF_KINETICS,
        sources={"n_unit": "borrowed_unit_count", "types": "thorstensson1987",
                 "kinetics": "borrowed_calf_kinetics", "force": "trunk_force",
                 "fatigability": "borrowed_calf_kinetics", "nerve": "segmental_nerve"}),
    "upper_trapezius": _muscle(
        "upper_trapezius", "upper trapezius", n_unit=100.0, fraction_s=0.55, fraction_fr=0.2,
        muscle_tetanic_force_N=400.0, nerve_length=200.0, command_share=0.0,
        respiratory_share=0.0, **_CALF_KINETICS,
        sources={"n_unit": "borrowed_unit_count", "types": "trapezius_types",
                 "kinetics": "borrowed_calf_kinetics", "force": "trunk_force",
                 "fatigability": "borrowed_calf_kinetics", "nerve": "segmental_nerve"}),
    # The foot muscle of the clinical tibial motor conduction study (stimulated at the ankle and
    # in the popliteal fossa, recorded over the muscle).
    "abductor_hallucis": _muscle(
        "abductor_hallucis", "abductor hallucis", n_unit=100.0, fraction_s=0.5,
        fraction_fr=0.25, muscle_tetanic_force_N=60.0, nerve_length=1200.0,
        command_share=0.0, respiratory_share=0.0, **_CALF_KINETICS,
        sources={"n_unit": "borrowed_unit_count", "types": "borrowed_unit_count",
                 "kinetics": "borrowed_calf_kinetics", "force": "foot_force",
                 "fatigability": "borrowed_calf_kinetics", "nerve": "tibial_f_wave"}),
    # The hand-muscle pool of Fuglevand et al. (1993), first dorsal interosseous type: the pool
    # of the validation experiments on single units (C2, C3, C5).
    "first_dorsal_interosseous": _muscle(
        "first_dorsal_interosseous", "first dorsal interosseous", n_unit=120.0,
        fraction_s=0.5, fraction_fr=0.25, twitch_force_range=100.0,
        contraction_time_longest=90.0, contraction_time_range=3.0, muscle_tetanic_force_N=40.0,
        fatigability_weakest=0.008, fatigability_range=10.0, nerve_length=900.0,
        command_share=1.0, respiratory_share=0.0,
        sources={"n_unit": "fuglevand1993", "types": "borrowed_unit_count",
                 "kinetics": "fuglevand1993", "force": "hand_force",
                 "fatigability": "thenar_fatigue", "nerve": "hreflex_path"}),
}

# Named groups of muscles: a scenario may list a group instead of its members.
GROUPS: dict[str, tuple[str, ...]] = {
    "calf": ("soleus", "medial_gastrocnemius", "lateral_gastrocnemius"),
}
TRICEPS_SURAE = GROUPS["calf"]


def expand(names: Sequence[str]) -> tuple[str, ...]:
    """Muscle ids with groups replaced by their members, in order, each once."""
    expanded = []
    for name in names:
        for member in GROUPS.get(name, (name,)):
            if member not in expanded:
                expanded.append(member)
    return tuple(expanded)


def unit_properties(values: Mapping[str, float], fibre_params: Mapping[str, float] | None = None
                    ) -> dict[str, np.ndarray]:
    """Per-unit fibre properties of one muscle (``fibre.unit_properties``), weakest first."""
    return fibre.unit_properties(
        round(values["n_unit"]),
        twitch_force_range=values["twitch_force_range"],
        contraction_time_longest_ms=values["contraction_time_longest"],
        contraction_time_range=values["contraction_time_range"],
        muscle_tetanic_force_mN=values["muscle_tetanic_force"],
        fatigability_weakest_per_s=values["fatigability_weakest"],
        fatigability_range=values["fatigability_range"],
        params=dict(fibre_params) if fibre_params is not None else None,
    )


def pool_properties(names: Sequence[str], fibre_params: Mapping[str, float] | None = None
                    ) -> dict[str, np.ndarray]:
    """The default units of the named muscles (groups allowed), concatenated muscle by muscle."""
    parts = [unit_properties(MUSCLES[name].defaults(), fibre_params) for name in expand(names)]
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
