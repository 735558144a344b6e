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
the person's ``root_fibres`` stream (the vessels of a root differ); the fibre is blocked when the
effective pressure exceeds its occlusion pressure and the compression has lasted at least
``ischaemic_block_time``. Block is between the cord and the periphery: nothing from the soma
passes, as with a proximal nerve block.

**Rapid onset.** A pressure applied in a fraction of a second forms more intraneural oedema at the
edges of the compressed zone than the same pressure built over 20 s (Olmarker et al. 1989), and
impairs conduction more (Olmarker et al. 1990). The oedema's endoneurial pressure adds to the
disc's: the effective pressure is ``P (1 + edge_oedema_gain / (1 + onset/oedema_onset_time))``.
``edge_oedema_gain`` is fitted (target F9's rapid-versus-slow comparison), so F9 is a calibration.

**Which fibres pass the root.** ``in_root_share`` of a muscle's motor axons run in the compressed
root (all of them in target F9's cauda equina; about a fifth of the lumbar erector spinae's, which
the dorsal rami of five segments supply); they are spread evenly over the pool's sizes.

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
    "root_share": (
        "kramp estimate from anatomy: the lumbar erector spinae is supplied by the dorsal rami "
        "of about five segments, so one root carries about a fifth of its motor axons; in "
        "target F9 all the recorded muscle's axons cross the compressed cauda equina"
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
        Param("in_root_share", 1.0, "1", (0.0, 1.0), "root_share",
              "share of each simulated muscle's motor axons that run in the compressed root"),
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
    """Which of a pool's ``n_unit`` axons (weakest first) run in the compressed root: ``share``
    of them, spread evenly over the sizes."""
    rank = np.arange(n_unit)
    return np.floor((rank + 1) * share) > np.floor(rank * share)


def blocked_axons(values: Mapping[str, float], n_unit: int, rng: np.random.Generator
                  ) -> np.ndarray:
    """Which of a muscle's ``n_unit`` motor axons the compression has blocked (module doc);
    every axon takes its vessel's draw from ``rng`` whether or not it runs in the root, so a
    person's vessels do not depend on the share."""
    z = rng.standard_normal(n_unit)
    occlusion = values["occlusion_ratio"] * values["systolic_pressure"] * np.maximum(
        1.0 + values["occlusion_spread"] * z, 0.0)
    ischaemic = effective_pressure_mmHg(values) > occlusion
    lasted = values["compression_time"] >= values["ischaemic_block_time"]
    return in_root(n_unit, values["in_root_share"]) & ischaemic & lasted


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

