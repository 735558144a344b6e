"""The afferent fibres of the ankle muscles and their connections in the spinal cord.

**Afferent populations.** Each muscle's spindles send group Ia (primary) and group II
(secondary) afferents, its tendon organs group Ib afferents, in the same nerve as its motor
axons. kramp simulates ``n_ia``, ``n_ii`` and ``n_ib`` fibres of each kind per muscle, or the
muscle's receptor count where that is fewer; each simulated fibre stands for ``receptors / n``
real ones (the muscle's receptor count over the simulated count), so the synaptic drive a
population gives is that of the whole muscle. In a batch whose people have different receptor
counts, the batch simulates as many fibres as its richest person needs and each person uses its
own share of them (``present``): the first of each muscle's and kind's block, as many as that
person would simulate alone; the rest are absent for it (no discharge, no stimulation, no
contacts), so that a person with few receptors never makes another's fibres stand for hundreds
of real ones. One
receptor model per muscle and kind (``kramp.physiology.spindle``, ``kramp.physiology.tendon_organ``)
gives the discharge rate; each fibre fires at that rate times its own sensitivity, drawn once
per person from the anatomy stream (lognormal, ``sensitivity_cv``), with slightly irregular
intervals (``interval_cv``), so the fibres of a population do not fire in lockstep. A spindle
ending (Ia or II) has, besides, a threshold of its own, θ (drawn once per person, exponential
with mean ``spindle_threshold_mean``): it fires at ``s (r − θ)`` for its receptor's rate r, and
not at all where that falls below ``spindle_minimum_rate`` (an encoder that cannot fire slower
than that, and a slack spindle that has not taken up its slack: both silent). So a relaxed
muscle has silent endings among active ones, and a stretch recruits them one after another
(Burke, Skuse & Stuart 1979: 15 of 39 silent, the rest at 4.8–22.1 Hz). Both are 0 by default
(every ending fires at its sensitivity times its receptor's rate): the values that fit Burke et
al.'s share and rate together (``kramp.validation.reflex_targets.SILENT_ENDINGS``) take away the
lesioned person's reflex to slow stretch, on which kramp's spasticity rests.

The spindle model's parameters were fitted to cat soleus spindles; human spindles of relaxed
muscle discharge far less for the same fascicle strain (no background fusimotor drive; Burke et
al. 1979). kramp scales the spindle's Ia and II rates by ``spindle_discharge_scale``, fitted to
one human recording (target D10: relaxed tibialis anterior at 25° plantar flexion); the
responses to stretch, to stimulation and in contraction then test it.

**Diameters and thresholds.** A fibre's diameter sets its conduction velocity (the cable model of
``kramp.physiology.axon``) and its electrical threshold (``kramp.physiology.nerve``: the node's
drive grows about as D²): group Ia fibres are the largest in a muscle nerve, so a weak stimulus
excites them before the motor axons and evokes an H-reflex without an M-wave.

**Fusimotor drive.** At rest a relaxed human muscle's spindles have no fusimotor drive (the
``spindle`` table's γ rates, 0); the voluntary command drives γ- with α-motoneurones
(``fusimotor_coactivation``, in proportion to the command each muscle receives), so spindles keep
firing while their muscle shortens against a load (Vallbo 1971).

**Fatigue.** The metabolites of a fatiguing contraction excite the muscle's group III and IV
afferents, which raise the fusimotor drive to its spindles (Ljubisavljević et al. 1992) and
depress its tendon organs' discharge (Hutton & Nelson 1986). Both grow with the muscle's
metabolite load m/(1 + m) (its fibres' metabolite m, ``kramp.physiology.fibre``, 1 where their
calcium release has halved), up to ``fatigue_fusimotor_drive`` and ``fatigue_tendon_organ_loss``
at a full load. This is the afferent imbalance of the altered neuromuscular control hypothesis
of exercise-associated cramp (Schwellnus 2009).

**Connections** (a contact's conductance in µS per spike, on the motoneuron's dendrite):

* Ia → motoneurons of the same muscle (homonymous, monosynaptic), with probability
  ``ia_homonymous_probability``; of its synergists (heteronymous) with
  ``ia_heteronymous_probability``; and → the Ia-inhibitory interneurons of its muscle, which
  inhibit the antagonist's motoneurons (reciprocal inhibition), each reaching the share
  ``ia_interneuron_connection_probability`` of them (spread as a mean over all, since each
  simulated interneuron stands for several real ones);
* II → motoneurons of the same muscle (excitation; monosynaptic here, a simplification of their
  largely oligosynaptic path), of which only the share ``ii_transmission`` passes: the group II
  interneurones are held down by descending monoaminergic pathways in the intact cord and
  released after an upper-motoneurone lesion (the ``stroke-spasticity`` person's is 1);
* Ib → the Ib interneurons of its muscle, which inhibit the homonymous and synergist motoneurons
  (autogenic inhibition).

Tonic presynaptic (GABAergic) inhibition of the Ia and II terminals, set by descending systems,
removes the share ``ia_presynaptic_inhibition`` of their release onto motoneurons.

A single real Ia contact gives a homonymous motoneuron an EPSP of about 100 µV (Mendell &
Henneman 1971); ``ia_contact_conductance`` is the conductance that gives a median model
motoneuron that EPSP (``tests/physiology/test_afferents.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from kramp.params import Param, ParameterTable

REFERENCES = {
    "boyd1968": (
        "Boyd IA, Davey MR (1968) Composition of peripheral nerves. Edinburgh: Livingstone: in "
        "the cat, group Ia fibres 12–20 µm, Ib 11–16 µm, II 6–12 µm: Ia the largest, II about "
        "half their size (not re-checked). Human fibres are smaller: kramp scales the classes to "
        "the human motor nerve's (``nerve`` table, 7.8–13.8 µm), Ia from just below to just "
        "above its largest motor fibre, so that Ia fibres conduct slightly faster than motor "
        "ones (kramp estimate)"
    ),
    "voss1971": (
        "Voss H (1971) Tabelle der absoluten und relativen Muskelspindelzahlen der menschlichen "
        "Skelettmuskulatur. Anat Anz 129:562–572 (via Banks RW 2006, J Anat 208:753–768): human "
        "soleus about 400, gastrocnemius heads about 80 each, tibialis anterior about 280 "
        "spindles (approximate; not re-checked)"
    ),
    "tendon_organ_count": (
        "kramp estimate: tendon organs about half as many as spindles (cat soleus 45 tendon "
        "organs and 56 spindles; Barker D 1974, Handbook of Sensory Physiology III/2; not "
        "re-checked)"
    ),
    "mendell1971": (
        "Mendell LM, Henneman E (1971) Terminals of single Ia fibers: location, density, and "
        "distribution within a pool of 300 homonymous motoneurons. J Neurophysiol 34:171–187: a "
        "single Ia fibre contacts about 93 % of homonymous and about 60 % of heteronymous "
        "motoneurons; mean single-fibre EPSP about 100 µV"
    ),
    "munson1979": (
        "Munson JB, Sypert GW (1979) Properties of single central Ia afferent fibres projecting "
        "to motoneurones. J Physiol 296:315–327: segmental latency of single-fibre EPSPs about "
        "0.5 ms after the afferent volley at the entry zone (not re-checked)"
    ),
    "jankowska1992": (
        "Jankowska E (1992) Interneuronal relay in spinal pathways from proprioceptors. Prog "
        "Neurobiol 38:335–378: Ia- and Ib-inhibitory interneurones, disynaptic inhibition 0.8–1 "
        "ms later than monosynaptic excitation (review; not re-checked)"
    ),
    "stretch_reflex_group2": (
        "kramp simplification: group II excitation of homonymous motoneurones (Lundberg's "
        "flexor-reflex afferent and oligosynaptic paths) lumped as a weak monosynaptic "
        "projection at a quarter of the Ia contact (Kirkwood PA, Sears TA 1975: group II EPSPs "
        "smaller than Ia; not re-checked)"
    ),
    "group2_gate": (
        "kramp calibration against the relaxed calf: group II interneurones are tonically "
        "depressed by descending noradrenergic and serotonergic pathways (Bras H, Jankowska E, "
        "Noga B, Skoog B 1990, Eur J Neurosci 2:1029–1039, cat; Jankowska E 1992, Prog "
        "Neurobiol 38:335–378), and group II excitation of human motoneurones is weak at rest "
        "and facilitated in spastic hemiplegia (Marque P, Simonetta-Moreau M, Maupas E, Roques "
        "CF 2001, J Neurol Neurosurg Psychiatry 70:36–42); none of these gives a share. With "
        "every group II excitation passing (1), the relaxed calf held still at 5° of "
        "dorsiflexion fired 42 soleus spikes in 2 s (at 8.5° none, where the passive tension's "
        "Ib inhibition outweighs it); at 0.5 one or two; from 0.25 none between 10° of "
        "plantarflexion and 20° of dorsiflexion (tests/engine/test_relaxed_ankle.py); "
        "not re-checked"
    ),
    "afferent_irregularity": (
        "kramp estimate: the sensitivity of the endings of one muscle differs by a factor of "
        "about two (lognormal CV 0.3, estimate)"
    ),
    "spindle_slack": (
        "kramp assumption, calibrated on Burke, Skuse & Stuart (1979; abstract): of 39 "
        "pretibial spindle endings of relaxed subjects 15 were silent, the other 24 discharged at "
        "4.8–22.1 Hz. A sensitivity spread with a floor alone cannot give both (a lognormal spread "
        "wide enough for that range leaves about 3 % silent): the silent endings are those whose "
        "spindle is still slack, each ending with its own threshold (exponentially distributed, "
        "the mean fitted to the 24 of 39 of target D17), so that a stretch recruits endings "
        "one after another instead of speeding up one copy of the same receptor. Off by "
        "default: with the fitted thresholds the lesioned person of stroke-spasticity loses "
        "its stretch reflex at the slow ramps (docs/findings.md)"
    ),
    "burke1979": (
        "Burke D, Skuse NF, Stuart DG (1979) The regularity of muscle spindle discharge in man. "
        "J Physiol 291:277–290: pretibial spindle afferents of relaxed subjects, ankle fixed at "
        "25° plantar flexion: 24 of 39 endings discharged, at 11.1 Hz on average (4.8–22.1), "
        "interspike CV 0.073 (0.021–0.183); no effective fusimotor drive at rest (abstract)"
    ),
    "curtis1968": (
        "Curtis DR, Hösli L, Johnston GAR (1968) A pharmacological study of the depression of "
        "spinal neurones by glycine and related amino acids. Exp Brain Res 6:1–18: strychnine "
        "blocks glycine and the Ia reciprocal IPSP of motoneurones (secondary; not re-checked)"
    ),
    "eccles1963": (
        "Eccles JC, Schmidt RF, Willis WD (1963) Pharmacological studies on presynaptic "
        "inhibition. J Physiol 168:500–530: picrotoxin depresses presynaptic inhibition of Ia "
        "terminals, strychnine does not; the transmitter is GABA acting on GABA_A receptors "
        "(later work, secondary; not re-checked)"
    ),
    "afferent_lumping": (
        "kramp choice: a simulated fibre standing for several real ones fires their spikes in "
        "synchrony, so that interneurones and motoneurones receive a few large events instead "
        "of many small asynchronous ones (Ia-inhibitory interneurones of the relaxed tibialis "
        "anterior fired 15 Hz at rest with 20 simulated Ia fibres and 0.8 Hz with 150); by "
        "default every real fibre (Voss 1971's counts) is simulated"
    ),
    "nielsen1995": (
        "Nielsen J, Petersen N, Crone C (1995) Changes in transmission across synapses of Ia "
        "afferents in spastic patients. Brain 118:995–1004: tonic presynaptic (GABAergic) "
        "inhibition of Ia terminals, under descending control, is reduced in spasticity; the "
        "share of release it removes at rest (0.3) is a kramp assumption"
    ),
    "ljubisavljevic1992": (
        "Ljubisavljević M, Jovanović K, Anastasijević R (1992) Changes in discharge rate of "
        "fusimotor neurones provoked by fatiguing contractions of cat triceps surae muscles. "
        "J Physiol 445:499–513: metabolites of a fatiguing contraction excite static and dynamic "
        "γ-motoneurones through group III and IV afferents (the size at complete fatigue, "
        "40 pps, is a kramp assumption)"
    ),
    "vallbo1971": (
        "Vallbo ÅB (1971) Muscle spindle response at the onset of isometric voluntary "
        "contractions in man. Time difference between fusimotor and skeletomotor effects. "
        "J Physiol 218:405–431: spindle primaries accelerate during voluntary contraction "
        "(α–γ co-activation; the γ rate at maximal command, 50 pps, is a kramp assumption)"
    ),
    "hutton1986": (
        "Hutton RS, Nelson DL (1986) Stretch sensitivity of Golgi tendon organs in fatigued "
        "gastrocnemius muscle. Med Sci Sports Exerc 18:69–74: tendon-organ discharge falls in "
        "fatigued muscle (the share lost at complete fatigue, 0.5, is a kramp assumption)"
    ),
    "hultborn1996": (
        "Hultborn H, Illert M, Nielsen J, Paul A, Ballegaard M, Wiese H (1996) On the mechanism "
        "of the post-activation depression of the H-reflex in human subjects. Exp Brain Res "
        "108:450–462: the depression follows activity in the same Ia fibres (homosynaptic, "
        "presynaptic: less transmitter released) and lasts up to about 10 s; the release share "
        "and the recovery time constant here are kramp estimates from that time course"
    ),
    "interneuron_weight": (
        "kramp assumption: an interneurone's spike gives a motoneurone it contacts an IPSP of "
        "about 100 µV, the size of a single Ia EPSP; inside the 8–220 µV of the unitary IPSPs "
        "single Ia-inhibitory interneurones give cat motoneurones (Jankowska & Roberts 1972)"
    ),
    "jankowska1972": (
        "Jankowska E, Roberts WJ (1972) Synaptic actions of single interneurones mediating "
        "reciprocal Ia inhibition of motoneurones. J Physiol 222:623–642: unitary IPSPs of "
        "8–220 µV; each interneurone is estimated to inhibit about every fifth motoneurone of "
        "the antagonist nucleus (cat posterior biceps–semitendinosus)"
    ),
}

PARAMETERS = ParameterTable(
    component="afferents",
    references=REFERENCES,
    params=(
        Param("n_ia", 400.0, "1", (1.0, 2000.0), "afferent_lumping",
              "simulated group Ia fibres per muscle, at most the muscle's spindles (the "
              "default simulates every one)"),
        Param("n_ii", 400.0, "1", (1.0, 2000.0), "afferent_lumping",
              "simulated group II fibres per muscle, at most the muscle's spindles"),
        Param("n_ib", 200.0, "1", (1.0, 1000.0), "afferent_lumping",
              "simulated group Ib fibres per muscle, at most the muscle's tendon organs"),
        Param("ia_diameter_smallest", 12.0, "um", (6.0, 22.0), "boyd1968",
              "fibre diameter of the thinnest group Ia fibre"),
        Param("ia_diameter_largest", 14.5, "um", (6.0, 22.0), "boyd1968",
              "fibre diameter of the thickest group Ia fibre"),
        Param("ib_diameter_smallest", 10.5, "um", (6.0, 22.0), "boyd1968",
              "fibre diameter of the thinnest group Ib fibre"),
        Param("ib_diameter_largest", 13.0, "um", (6.0, 22.0), "boyd1968",
              "fibre diameter of the thickest group Ib fibre"),
        Param("ii_diameter_smallest", 5.5, "um", (3.0, 14.0), "boyd1968",
              "fibre diameter of the thinnest group II fibre"),
        Param("ii_diameter_largest", 9.0, "um", (3.0, 14.0), "boyd1968",
              "fibre diameter of the thickest group II fibre"),
        Param("sensitivity_cv", 0.3, "1", (0.0, 1.0), "afferent_irregularity",
              "spread (lognormal CV) of the endings' sensitivity within a muscle"),
        Param("spindle_threshold_mean", 0.0, "pps", (0.0, 50.0), "spindle_slack",
              "mean of the spindle endings' own thresholds: the discharge (of the human-scaled "
              "receptor) each ending needs before it fires, exponentially distributed (0: none; "
              "13 with spindle_minimum_rate 4.8 and spindle_discharge_scale 0.19 fits D17 and "
              "D10 together, kramp.validation.reflex_targets.SILENT_ENDINGS)"),
        Param("spindle_minimum_rate", 0.0, "pps", (0.0, 15.0), "burke1979",
              "lowest sustained discharge of a spindle ending: one driven below it is silent "
              "(0: none; Burke et al.'s slowest active ending fired at 4.8 Hz)"),
        Param("interval_cv", 0.073, "1", (0.0, 0.5), "burke1979",
              "coefficient of variation of an afferent's interspike intervals at a steady rate"),
        Param("spindle_discharge_scale", 0.134, "1", (0.01, 2.0), "burke1979",
              "human spindle discharge over the cat-fitted spindle model's (relaxed tibialis "
              "anterior at 25° plantar flexion: 11.1 Hz against the model's 82.9 pps)",
              fitted_to=("D10",)),
        Param("fusimotor_coactivation", 50.0, "pps", (0.0, 200.0), "vallbo1971",
              "static and dynamic γ drive that the voluntary command sends with the α drive, at "
              "maximal command (in proportion to the muscle's share of the command)"),
        Param("fatigue_fusimotor_drive", 40.0, "pps", (0.0, 200.0), "ljubisavljevic1992",
              "extra static and dynamic γ drive to a muscle's spindles at a full metabolite load "
              "(in proportion to the load m/(1 + m))"),
        Param("fatigue_tendon_organ_loss", 0.5, "1", (0.0, 1.0), "hutton1986",
              "share of its tendon organs' discharge a muscle loses at a full metabolite load "
              "(in proportion to the load m/(1 + m))"),
    ),
)

SPINAL = ParameterTable(
    component="spinal",
    references=REFERENCES,
    params=(
        Param("ia_homonymous_probability", 0.93, "1", (0.0, 1.0), "mendell1971",
              "share of a muscle's motoneurons one Ia fibre contacts"),
        Param("ia_heteronymous_probability", 0.6, "1", (0.0, 1.0), "mendell1971",
              "share of a synergist's motoneurons one Ia fibre contacts"),
        Param("ia_contact_conductance", 0.068, "uS", (0.0, 1.0), "mendell1971",
              "peak conductance of one real Ia contact (about 100 µV EPSP in a median "
              "motoneuron)", "g_Ia"),
        Param("ii_contact_conductance", 0.017, "uS", (0.0, 1.0), "stretch_reflex_group2",
              "peak conductance of one real group II contact on a homonymous motoneuron"),
        Param("ii_transmission", 0.25, "1", (0.0, 1.0), "group2_gate",
              "share of the group II excitation of homonymous motoneurones that passes its "
              "interneurones, held down by descending monoaminergic control in the intact cord"),
        Param("ia_presynaptic_inhibition", 0.3, "1", (0.0, 0.95), "nielsen1995",
              "share of Ia and II transmitter release removed by tonic presynaptic inhibition "
              "under descending control"),
        Param("glycinergic_transmission", 1.0, "1", (0.0, 1.0), "curtis1968",
              "strength of the glycinergic synapses (Ia-inhibitory and Ib interneurones onto "
              "motoneurones; the glycinergic share of the Renshaw cells') as a share of normal; "
              "0: blocked, at the receptors (strychnine) or "
              "at release (tetanus toxin)"),
        Param("gabaergic_transmission", 1.0, "1", (0.0, 1.0), "eccles1963",
              "strength of the GABA_A synapses that give the Ia and II terminals their "
              "presynaptic inhibition (and of the Renshaw cells' GABAergic share), as a share "
              "of normal; 0: blocked (picrotoxin, "
              "bicuculline, tetanus toxin)"),
        Param("ia_release_use", 0.0, "1", (0.0, 0.9), "hultborn1996",
              "share of a rested Ia terminal's releasable transmitter one action potential "
              "uses (homosynaptic post-activation depression: each spike's EPSPs scale with "
              "what is left, which recovers with ia_release_recovery); 0: none, kramp's default "
              "until the Ia contact conductance is calibrated in the depressed steady state of "
              "tonically firing afferents", "U"),
        Param("ia_release_recovery", 4000.0, "ms", (100.0, 30000.0), "hultborn1996",
              "time constant of the Ia terminals' recovery from post-activation depression",
              "τ_rec"),
        Param("central_delay", 0.5, "ms", (0.2, 2.0), "munson1979",
              "from the afferent volley at the cord to the monosynaptic EPSP"),
        Param("interneuron_delay", 0.8, "ms", (0.3, 3.0), "jankowska1992",
              "the extra synapse of a disynaptic path: interneurone spike to IPSP"),
        Param("ia_interneuron_contact_conductance", 0.125, "uS", (0.0, 1.0),
              "interneuron_weight",
              "peak inhibitory conductance one Ia-inhibitory interneurone's spike gives an "
              "antagonist motoneuron it contacts"),
        Param("ia_interneuron_connection_probability", 0.2, "1", (0.05, 1.0),
              "jankowska1972",
              "share of the antagonist motoneurons one Ia-inhibitory interneurone contacts"),
        Param("ib_interneuron_contact_conductance", 0.125, "uS", (0.0, 1.0),
              "interneuron_weight",
              "peak inhibitory conductance one Ib interneurone's spike gives a motoneuron of its "
              "muscle or a synergist, per real interneurone"),
    ),
)



def _receptors(muscle: str, spindles: float) -> ParameterTable:
    return ParameterTable(
        component=f"{muscle}_receptors",
        references=REFERENCES,
        params=(
            Param("spindles", spindles, "1", (1.0, 2000.0), "voss1971",
                  f"muscle spindles of the {muscle.replace('_', ' ')} (one Ia and one II "
                  "fibre each)"),
            Param("tendon_organs", round(spindles / 2), "1", (1.0, 1000.0),
                  "tendon_organ_count", "Golgi tendon organs (one Ib fibre each)"),
        ),
    )


# The receptors of the muscles that have an afferent model (the ankle's).
RECEPTORS: dict[str, ParameterTable] = {
    muscle: _receptors(muscle, spindles)
    for muscle, spindles in (("soleus", 400.0), ("medial_gastrocnemius", 80.0),
                             ("lateral_gastrocnemius", 80.0), ("tibialis_anterior", 280.0))
}

# Afferent kinds, in the order each muscle's fibres lie along the ``afferent`` axis.
KINDS = ("ia", "ii", "ib")
IA, II, IB = range(3)


def receptor_counts(muscle_values: Mapping[str, float]) -> dict[str, float]:
    """Real Ia, II and Ib fibres of one muscle (its ``spindles`` and ``tendon_organs``)."""
    return {"ia": muscle_values["spindles"], "ii": muscle_values["spindles"],
            "ib": muscle_values["tendon_organs"]}


def layout(counts: Sequence[Mapping[str, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(muscle, kind) of every simulated afferent, muscle by muscle and kind by kind."""
    muscle, kind = [], []
    for m, n in enumerate(counts):
        for k, name in enumerate(KINDS):
            muscle += [m] * n[name]
            kind += [k] * n[name]
    return np.array(muscle, dtype=np.int64), np.array(kind, dtype=np.int64)


def present(muscle: np.ndarray, kind: np.ndarray, real: np.ndarray) -> np.ndarray:
    """Which simulated afferents (bool per fibre) one person has: of each muscle's block of a
    kind, the first ``min(block, real[muscle, kind])`` (``real`` the person's real fibres,
    ``[muscle, kind]``: ``receptor_counts``), the fibres that person would simulate alone."""
    own = np.zeros(muscle.size, dtype=bool)
    for m in np.unique(muscle):
        for k in range(len(KINDS)):
            block = np.flatnonzero((muscle == m) & (kind == k))
            own[block[:min(block.size, round(real[m, k]))]] = True
    return own


def diameters_um(kind: np.ndarray, muscle: np.ndarray, values: Mapping[str, float],
                 own: np.ndarray | None = None) -> np.ndarray:
    """Each afferent's fibre diameter, spread evenly over its kind's range within its muscle
    among the fibres the person has (``own``, from ``present``; default: all); a fibre it lacks
    gets its kind's largest (it is never excited: ``present``)."""
    own = np.ones(kind.size, dtype=bool) if own is None else own
    diameter = np.empty(kind.size)
    for m in np.unique(muscle):
        for k, name in enumerate(KINDS):
            block = (muscle == m) & (kind == k)
            chosen = np.flatnonzero(block & own)
            diameter[chosen] = np.linspace(values[f"{name}_diameter_smallest"],
                                           values[f"{name}_diameter_largest"], chosen.size)
            diameter[block & ~own] = values[f"{name}_diameter_largest"]
    return diameter


def thresholds_pps(rng: np.random.Generator, n: int, mean_pps: float) -> np.ndarray:
    """Each spindle ending's threshold (pps of the receptor's discharge), exponential with mean
    ``mean_pps``."""
    return rng.exponential(1.0, n) * mean_pps


def sensitivities(rng: np.random.Generator, n: int, cv: float) -> np.ndarray:
    """Each ending's sensitivity, lognormal with mean 1 and coefficient of variation ``cv``."""
    sigma2 = np.log1p(cv * cv)
    return np.exp(rng.normal(-0.5 * sigma2, np.sqrt(sigma2), n))
