"""A spinal nerve root compressed by a herniated disc: conduction block, ectopic discharge, the
pain it signals and the paraspinal guarding it drives.

The disc presses on the root with ``pressure`` (mmHg), reached over ``onset`` seconds and held for
``compression_time`` minutes before the run. The run itself lasts seconds, so the compression acts
through the state it has brought the root to by then (kramp's slow clock: nothing here is
integrated at the fast step).

**Conduction block by ischaemia.** A compressed root loses its blood supply from the outside in:
venular flow stops at 5–10 mmHg and arteriolar flow at a pressure slightly below and rising with
the systolic pressure (Olmarker et al. 1989, porcine cauda equina). A fibre whose supplying
arterioles are shut is ischaemic, and an ischaemic myelinated fibre stops conducting within about
half an hour (human limb ischaemia). Each fibre's arteriolar occlusion pressure is
``occlusion_ratio × systolic_pressure × (1 + occlusion_spread · z)``, z a standard normal draw from
the person's ``root_fibres`` stream (``root_afferent_fibres`` for the muscle afferents: the vessels
of a root differ); the fibre is blocked when the
effective pressure exceeds its occlusion pressure and the compression has lasted at least
``ischaemic_block_time``. Block is between the cord and the periphery: nothing from the soma
passes, as with a proximal nerve block.

**Rapid onset.** A pressure applied in a fraction of a second forms more intraneural oedema at the
edges of the compressed zone than the same pressure built over 20 s (Olmarker et al. 1989), and
impairs conduction more (Olmarker et al. 1990). The oedema's endoneurial pressure adds to the
disc's: the effective pressure is ``P (1 + edge_oedema_gain / (1 + onset/oedema_onset_time))``.
``edge_oedema_gain`` is fitted (target F9's rapid-versus-slow comparison), so F9 is a calibration.

**Which fibres pass the root.** Each muscle's ``in_compressed_root`` (a row of its own table:
its segmental innervation) is the share of its motor axons, and of its afferents, that run in
the compressed root: all of them in target F9's cauda equina, about a fifth of the lumbar erector
spinae's (five segments' dorsal rami supply it), the soleus's in an S1 compression. They are
spread evenly over the pool's sizes.

**Demyelination under chronic compression.** A pressure held for weeks strips the myelin under
and beside the compressed zone, larger fibres first (Ochoa, Fowler & Gilliatt 1972: the
paranodes of large fibres are displaced most); chronic entrapment at about 30 mmHg, the carpal
tunnel pressure of patients (Gelberman et al. 1981), does it. kramp takes the share of a root's
fibres demyelinated as ``(1 − demyelination_pressure/P_eff) (1 − e^{−t/demyelination_time})``
above that pressure (a graded assumption), the largest fibres first, each crossing
``segment_length`` at its own ``demyelinated_velocity · exp(velocity_spread · z)`` instead of its
normal velocity (a demyelinated internode conducts some 25 times more slowly: Rasminsky & Sears
1972). The extra conduction time adds to the fibre's path between the cord and the periphery.
Conduction block by demyelination is not modelled: a demyelinated fibre conducts, slowly.

**Ectopic discharge.** Axons of a normal root fire at most a few impulses when pressed, but
chronically injured or inflamed root axons and the dorsal root ganglion fire for as long as the
pressure lasts (Howe, Loeser & Calvin 1977); nucleus pulposus on a root or its ganglion raises
their spontaneous discharge (Takebayashi et al. 2001). Each of the root's ``root_afferents``
simulated nociceptive afferents has its own mechanical threshold,
``ectopic_threshold · exp(threshold_spread · z)``; above it, it fires at ``inflammation ×
ectopic_rate`` (a Poisson process: the irregular ectopic discharge of injured axons). A root
without inflammation (``inflammation`` 0: pressure alone, no exposed nucleus pulposus) does not
discharge.

**Guarding.** The root afferents excite the paraspinal (and, in the neck, the trapezius)
motoneurones through spinal interneurones: electrical stimulation of the porcine disc and
facet capsule evokes EMG in multifidus and longissimus (Indahl et al. 1995, 1997). Each relayed
spike gives each motoneurone it contacts ``guarding_conductance`` after ``guarding_delay``. The
pathway's strength is not measured; it is set by the relation between reflex and pain in man —
the nociceptive flexion reflex appears at the pain threshold (Willer 1977) — so the guarding
muscle's first motoneurones fire when the root's afferents reach the discharge rate of the pain
threshold (0.5 Hz; Tillman et al. 1995). A discharge above that recruits more, and harder.

**Pain** is read from the outputs by :mod:`kramp.analysis.pain`, from the afferents' discharge.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "takahashi1999": (
        "Takahashi K, Shima I, Porter RW (1999) Nerve root pressure in lumbar disc herniation. "
        "Spine 24:2003–2006: pressure between the herniation and the L5 root at surgery, mean "
        "53 mmHg, range 7–256 mmHg (not re-checked)"
    ),
    "olmarker1990": (
        "Olmarker K, Holm S, Rydevik B (1990) Importance of compression onset rate for the "
        "degree of impairment of impulse propagation in experimental compression injury of the "
        "porcine cauda equina. Spine 15:416–419: rapid onset 0.05–0.1 s, slow onset 20 s; "
        "50 mmHg no or minor impairment, 100 and 200 mmHg impairment in proportion to pressure, "
        "worse with rapid onset"
    ),
    "olmarker1989_flow": (
        "Olmarker K, Rydevik B, Holm S, Bagge U (1989) Effects of experimental graded "
        "compression on blood flow in spinal nerve roots. A vital microscopic study on the "
        "porcine cauda equina. J Orthop Res 7:817–823: venular flow stops at 5–10 mmHg, "
        "arteriolar flow at a pressure slightly below and correlated with the systolic "
        "pressure (not re-checked)"
    ),
    "olmarker1989_oedema": (
        "Olmarker K, Rydevik B, Holm S (1989) Edema formation in spinal nerve roots induced by "
        "experimental, graded compression. Spine 14:569–573: more oedema at the edges of the "
        "compressed zone with rapid than with slow onset"
    ),
    "systolic": (
        "resting systolic blood pressure of a healthy adult, about 120 mmHg (clinical norm; "
        "range from hypotension to severe hypertension)"
    ),
    "vessel_spread": (
        "kramp assumption: the arteriolar occlusion pressures of the vessels supplying a "
        "root's fibres scatter with a coefficient of variation of 0.2 (no measurement found)"
    ),
    "ischaemic_block": (
        "Human limb ischaemia by a cuff stops conduction in large myelinated fibres after "
        "about 20–40 min (Seneviratne KN, Peiris OA 1968, J Neurol Neurosurg Psychiatry "
        "31:338–347, sensory fibres; not re-checked)"
    ),
    "oedema_onset": (
        "kramp assumption: the oedema of rapid compression forms when the pressure rises "
        "faster than the tissue's fluid can move, taken as within about 1 s (between the "
        "rapid 0.05–0.1 s and the slow 20 s of Olmarker et al. 1990)"
    ),
    "f9_fit": (
        "kramp fit to target F9: the rapid onset's extra oedema pressure, as a share of the "
        "disc's (Olmarker et al. 1989, 1990 give the direction, not the size)"
    ),
    "ochoa1972": (
        "Ochoa J, Fowler TJ, Gilliatt RW (1972) Anatomical changes in peripheral nerves "
        "compressed by a pneumatic tourniquet. J Anat 113:433–455: paranodal displacement and "
        "demyelination at the edges of the compression, in large fibres, sparing small ones "
        "(not re-checked)"
    ),
    "gelberman1981": (
        "Gelberman RH, Hergenroeder PT, Hargens AR, Lundborg GN, Akeson WH (1981) The carpal "
        "tunnel syndrome. A study of carpal canal pressures. J Bone Joint Surg Am 63:380–383: "
        "about 32 mmHg in patients, 2.5 mmHg in controls (not re-checked); kramp takes it as "
        "the pressure above which chronic compression demyelinates"
    ),
    "demyelination_course": (
        "kramp estimate: the demyelination of chronic compression develops over weeks "
        "(experimental chronic entrapment, e.g. Mackinnon SE et al. 1984, Plast Reconstr Surg "
        "74:635; not re-checked); time constant 3 weeks"
    ),
    "rasminsky1972": (
        "Rasminsky M, Sears TA (1972) Internodal conduction in undissected demyelinated nerve "
        "fibres. J Physiol 227:323–350: internodal conduction time up to about 25 times normal "
        "in demyelinated rat ventral root fibres (not re-checked); kramp takes a median of "
        "5 m/s across the compressed segment, log-normally scattered (σ 0.5)"
    ),
    "segment": (
        "kramp estimate from anatomy: a herniation presses on about 1 cm of the traversing "
        "root (no measurement used)"
    ),
    "howe1977": (
        "Howe JF, Loeser JD, Calvin WH (1977) Mechanosensitivity of dorsal root ganglia and "
        "chronically injured axons: a physiological basis for the radicular pain of nerve "
        "root compression. Pain 3:25–41: normal roots fire only briefly when pressed, injured "
        "roots and ganglia for as long as the pressure lasts (rates not re-checked)"
    ),
    "takebayashi2001": (
        "Takebayashi T, Cavanaugh JM, Ozaktay AC, Kallakuri S, Chen C (2001) Effect of nucleus "
        "pulposus on the neural activity of dorsal root ganglion. Spine 26:940–945: nucleus "
        "pulposus raises the ganglion's spontaneous discharge (rates not re-checked)"
    ),
    "ectopic_rate": (
        "kramp estimate of the sustained ectopic discharge of an injured, inflamed root "
        "afferent: a few impulses per second (Howe et al. 1977; Takebayashi et al. 2001; no "
        "single value taken from them)"
    ),
    "ectopic_threshold": (
        "kramp assumption: an inflamed root afferent fires ectopically above about the "
        "pressure that stops the root's venular flow (5–10 mmHg, Olmarker et al. 1989), where "
        "venous congestion begins; thresholds scatter log-normally (σ 0.5)"
    ),
    "afferent_count": (
        "kramp sizing: simulated nociceptive afferents of the compressed root (each stands for "
        "many; their discharge rate, not their number, sets the pain index)"
    ),
    "indahl1997": (
        "Indahl A, Kaigle AM, Reikerås O, Holm SH (1997) Interaction between the porcine lumbar "
        "intervertebral disc, zygapophysial joints, and paraspinal muscles. Spine "
        "22:2834–2840; Indahl A et al. (1995) Spine 20:2652–2658: stimulating the disc evokes "
        "paraspinal EMG (the size of the pathway's synapses is not measured there)"
    ),
    "guarding_delay": (
        "kramp estimate: conduction of the root's afferents over the few centimetres to the "
        "cord and two or three interneurones, about 10 ms"
    ),
    "willer1977": (
        "Willer JC (1977) Comparative study of perceived pain and nociceptive flexion reflex in "
        "man. Pain 3:69–80: the nociceptive flexion reflex appears at the pain threshold; with "
        "Tillman DB, Treede RD, Meyer RA, Campbell JN (1995) J Physiol 485:767–774: heat pain "
        "begins when C nociceptors reach about 0.5 Hz. Calibration: the smallest value, in "
        "steps of 0.1 µS, at which the root's afferents all firing at 0.5 Hz make the guarding "
        "muscle's motoneurones fire (5 spikes in 3 s of the lumbar erector spinae at 1.2 µS, "
        "1 at 1.0 µS); fitted to that relation, not to any disc outcome"
    ),
}

# the muscles a compressed root's afferents drive through the cord: the paraspinal muscles
# (Indahl et al. 1995, 1997) and, at the neck, the trapezius
GUARDING_MUSCLES = frozenset({"erector_spinae", "upper_trapezius"})

PARAMETERS = ParameterTable(
    component="root",
    references=REFERENCES,
    params=(
        Param("pressure", 0.0, "mmHg", (0.0, 400.0), "takahashi1999",
              "pressure of the disc on the nerve root (0: no compression)", "P"),
        Param("onset", 20.0, "s", (0.01, 3600.0), "olmarker1990",
              "time over which the pressure rose"),
        Param("compression_time", 0.0, "min", (0.0, 1e6), "olmarker1990",
              "how long the pressure has acted when the run starts"),
        Param("systolic_pressure", 120.0, "mmHg", (70.0, 250.0), "systolic",
              "the person's systolic blood pressure"),
        Param("occlusion_ratio", 0.9, "1", (0.5, 1.2), "olmarker1989_flow",
              "mean arteriolar occlusion pressure of the root's vessels over the systolic"),
        Param("occlusion_spread", 0.2, "1", (0.0, 0.5), "vessel_spread",
              "coefficient of variation of the vessels' occlusion pressures"),
        Param("ischaemic_block_time", 30.0, "min", (5.0, 120.0), "ischaemic_block",
              "how long an ischaemic myelinated fibre keeps conducting"),
        Param("edge_oedema_gain", 0.5, "1", (0.0, 2.0), "f9_fit",
              "extra endoneurial pressure of a rapid onset's edge oedema, as a share of the "
              "disc's", fitted_to=("F9",)),
        Param("oedema_onset_time", 1.0, "s", (0.05, 20.0), "oedema_onset",
              "onset time at which the edge oedema is half its rapid-onset size"),
        Param("demyelination_pressure", 30.0, "mmHg", (5.0, 200.0), "gelberman1981",
              "pressure above which chronic compression demyelinates the root's fibres"),
        Param("demyelination_time", 21.0, "day", (1.0, 365.0), "demyelination_course",
              "time constant of the demyelination's growth under compression"),
        Param("segment_length", 10.0, "mm", (1.0, 50.0), "segment",
              "length of root under the compression"),
        Param("demyelinated_velocity", 5.0, "m/s", (0.5, 30.0), "rasminsky1972",
              "median conduction velocity of a demyelinated fibre across the segment"),
        Param("velocity_spread", 0.5, "1", (0.0, 2.0), "rasminsky1972",
              "log-normal spread (σ) of the demyelinated fibres' velocities"),
        Param("inflammation", 0.0, "1", (0.0, 1.0), "takebayashi2001",
              "sensitisation of the root's afferents by exposed nucleus pulposus (0 none, "
              "1 full)"),
        Param("ectopic_rate", 5.0, "Hz", (0.0, 50.0), "ectopic_rate",
              "discharge rate of a fully sensitised afferent pressed above its threshold"),
        Param("ectopic_threshold", 10.0, "mmHg", (1.0, 200.0), "ectopic_threshold",
              "median pressure above which a sensitised root afferent fires"),
        Param("threshold_spread", 0.5, "1", (0.0, 2.0), "ectopic_threshold",
              "log-normal spread (σ) of the afferents' thresholds"),
        Param("root_afferents", 200.0, "1", (1.0, 1000.0), "afferent_count",
              "nociceptive afferents of the compressed root simulated"),
        Param("guarding_conductance", 1.2, "uS", (0.0, 20.0), "willer1977",
              "conductance each relayed root-afferent spike gives a contacted motoneurone"),
        Param("guarding_convergence", 0.5, "1", (0.0, 1.0), "indahl1997",
              "share of the guarding muscle's motoneurones each relayed afferent contacts"),
        Param("guarding_delay", 10.0, "ms", (2.0, 50.0), "guarding_delay",
              "delay from a root afferent's spike to its EPSP in the motoneurones"),
    ),
)


def effective_pressure_mmHg(values: Mapping[str, float]) -> float:
    """The disc's pressure plus the edge oedema of its onset (module doc)."""
    rapid = 1.0 / (1.0 + values["onset"] / values["oedema_onset_time"])
    return values["pressure"] * (1.0 + values["edge_oedema_gain"] * rapid)


def in_root(n_unit: int, share: float) -> np.ndarray:
    """Which of a pool's ``n_unit`` fibres (weakest first) run in the compressed root: ``share``
    of them, spread evenly over the sizes."""
    rank = np.arange(n_unit)
    return np.floor((rank + 1) * share) > np.floor(rank * share)


def demyelinated_share(values: Mapping[str, float]) -> float:
    """The share of the root's fibres demyelinated by now (module doc)."""
    pressure = effective_pressure_mmHg(values)
    if pressure <= values["demyelination_pressure"]:
        return 0.0
    days = values["compression_time"] / (24.0 * 60.0)
    return ((1.0 - values["demyelination_pressure"] / pressure)
            * (1.0 - np.exp(-days / values["demyelination_time"])))


def root_passage(values: Mapping[str, float], share: float, diameter_um: np.ndarray,
                 ms_per_mm: np.ndarray, rng: np.random.Generator
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(blocked, extra conduction time in ms) of one muscle's fibres of one kind, of
    ``diameter_um`` and normal conduction ``ms_per_mm``, where ``share`` of them run in the
    compressed root (module doc). Every fibre takes its vessel's and its velocity's draws from
    ``rng`` whether or not it runs in the root, so a person's fibres do not depend on the
    share."""
    n = diameter_um.size
    vessel, velocity = rng.standard_normal(n), rng.standard_normal(n)
    passing = in_root(n, share)
    occlusion = values["occlusion_ratio"] * values["systolic_pressure"] * np.maximum(
        1.0 + values["occlusion_spread"] * vessel, 0.0)
    ischaemic = effective_pressure_mmHg(values) > occlusion
    lasted = values["compression_time"] >= values["ischaemic_block_time"]
    # the largest fibres of those in the root demyelinate first
    in_root_index = np.flatnonzero(passing)
    largest_first = in_root_index[np.argsort(-diameter_um[in_root_index], kind="stable")]
    demyelinated = np.zeros(n, dtype=bool)
    demyelinated[largest_first[:round(demyelinated_share(values) * largest_first.size)]] = True
    slow_ms_per_mm = 1.0 / (values["demyelinated_velocity"]
                            * np.exp(values["velocity_spread"] * velocity))
    extra = np.where(demyelinated, values["segment_length"] * (slow_ms_per_mm - ms_per_mm), 0.0)
    return passing & ischaemic & lasted, np.maximum(extra, 0.0)


def discharging(values: Mapping[str, float]) -> bool:
    """Whether the root can discharge at all: pressed and inflamed."""
    return values["pressure"] > 0.0 and values["inflammation"] > 0.0


def afferent_rates_hz(values: Mapping[str, float], rng: np.random.Generator) -> np.ndarray:
    """Each simulated root afferent's ectopic discharge rate (module doc), thresholds drawn from
    ``rng``."""
    n = round(values["root_afferents"])
    threshold = values["ectopic_threshold"] * np.exp(values["threshold_spread"]
                                                     * rng.standard_normal(n))
    firing = effective_pressure_mmHg(values) > threshold
    return np.where(firing, values["inflammation"] * values["ectopic_rate"], 0.0)

