"""The neuromuscular junction: quantal acetylcholine release, its depression and facilitation,
acetylcholinesterase and the receptors that turn it into the end-plate conductance.

**Release.** Each motor unit's end plate holds a releasable pool of ``N = m₀ / p₀`` quanta (m₀ the
quantal content of a first impulse at normal ions, p₀ the share of the pool one impulse releases).
An impulse arriving at time t releases ``k ~ Binomial(round(N x), p)`` quanta from the available
share ``x`` of the pool, with the release probability::

    p = min(1, p₀ (W / W_ref)⁴ (1 + F)(1 + G)) · S,   W = [Ca] / (1 + [Ca]/K_Ca + [Mg]/K_Mg)

— Dodge & Rahamimoff's (1967) fourth-power cooperativity, with Mg²⁺ competing for the calcium
sites (W_ref is W at the default ions, so a normal person has p₀); ``F`` the facilitation and
``S`` the share of the release machinery intact (botulinum toxin cleaves the rest), ``G`` the
augmentation (below). Then ``x ← x − k/N``, the residual-calcium trace ``A ← A + 1`` and
``G ← G + g``.

**Augmentation.** A slower trace G grows by ``g`` with every impulse and decays with τ_G of a few
seconds (Magleby's augmentation: frog end plates at low quantal content, Magleby 1973; Magleby
1979), and multiplies the release probability by ``(1 + G)``. After seconds of firing at
voluntary rates it raises release severalfold: a healthy end plate, whose EPP was far above
threshold already, adds no fibre to the CMAP, but one that released too little to fire all its
fibres recruits more of them for a few seconds (post-exercise facilitation).

**Between impulses** A decays with time constant τ_A; facilitation is ``F = f A`` (Katz & Miledi's
residual calcium); the pool refills at a rate that residual calcium speeds up (Dittman & Regehr
1998), ``dx/dt = (k_rest + k_Ca A)(1 − x)``, so::

    1 − x(t) = (1 − x₀) exp(−k_rest t − k_Ca A₀ τ_A (1 − e^{−t/τ_A}))

exactly. A junction at rest releases m₀; at 2–3 Hz the pool runs down to a plateau; at high
rates faster refilling and facilitation hold the release up.

**End plate.** The end-plate conductance of an impulse is its quanta over m₀, times the share of
functional acetylcholine receptors (``acetylcholine_receptors``: fewer in myasthenia, blocked by
curare), times the end plate's own strength, relative to the conductance of a normal first
impulse at the most sensitive end plates, which the sarcolemma's safety factor sets
(``sarcolemma.epc_safety_factor``; the safety factor emerges from this conductance against the
fibre's own threshold). End plates differ: under curare-type block the most sensitive fibres of a
muscle fail when about 76 % of their receptors are occupied and the most resistant only at about
92 %, safety factors of 4 to 12 (Paton & Waud 1967). Each end plate's strength is
``s = spread^u`` with u uniform on [0, 1) drawn once per end plate from the person's
``end_plate_strength`` stream (``safety_factor_spread``: the most resistant end plate's safety
factor over the most sensitive one's; the even spread in the logarithm is a kramp assumption).

**Acetylcholinesterase.** AChE normally destroys acetylcholine before it can bind twice, so the
end-plate current decays as fast as its channels close. Without it, a molecule leaves the cleft
only by diffusion and binds again and again, and the current decays more slowly (Katz & Miledi
1973). With ``a`` the relative AChE activity and ``H`` how many times faster hydrolysis normally
clears the cleft than diffusion, the number of extra bindings is ∝ 1/(1 + H a), and the decay time
constant is::

    τ_EP(a) = τ_EP · (1 + c / (1 + H a)) / (1 + c / (1 + H)),     c chosen so τ_EP(0) = R τ_EP

(R the prolongation with AChE fully inhibited). In a real fibre an end-plate potential that outlasts
the refractory period re-excites it (Eccles, Katz & Kuffler 1942): one route to the repetitive
muscle response to a single nerve stimulus of anticholinesterase poisoning. The other is
presynaptic: the lingering acetylcholine fires the motor nerve terminals again, and the impulse runs
back up the nerve (Blaber & Bowman 1963, cat ventral roots), to which Besser et al. (1989, four
poisoned patients) ascribed the repetitive CMAP, as the next stimulus abolished it. In the rat
diaphragm with the esterase partly inactivated, a low dose of tubocurarine abolished the backfiring
but left the CMAP's repetitive discharges (Besser, Vogt, Gutmann, Hopf & Wessler 1992, Muscle Nerve
15:1072–1080, abstract): there they are postsynaptic, and the backfiring makes the
decrement–increment of trains. kramp models the postsynaptic route only
(``studies/terminal_backfiring.py`` bounds the current the other would need). Where the end-plate
current is prolonged, kramp's fibre takes its end-plate region as a cable
(:mod:`kramp.physiology.end_plate_cable`: the end-plate potential spreads along the fibre and fades
with distance). At the most sensitive end plates' conductance it re-excites the fibre only where the
current decays about four times more slowly than normal or more (3.9 times: a second action
potential after 6.2 ms; 3.8: none): with the esterase fully inhibited (R = 5) a second action
potential follows the first after about 4.8 ms, and at 95 % inhibition (3.5 times the decay, within
the range of slow-channel patients who show no repetitive response, target F11) none follows: the
end plate and its border stay depolarised, their Na⁺ channels inactivated, until the end-plate
potential has faded. A stronger end plate's larger current lifts the membrane beside it above
threshold once the fibre has recovered: at 95 % inhibition those from about 1.4 times the most
sensitive conductance fire their fibre twice, 5–6 ms apart (``kramp run organophosphate``: 83.5
repeated discharges per pulse among 120 fibres), at 80 % (2.1 times the decay) none up to three
times (target F3 fails there).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kramp.errors import KrampInputError
from kramp.params import Param, ParameterTable
from kramp.physiology import ions

REFERENCES = {
    "wood2001": (
        "Wood SJ, Slater CR (2001) Safety factor at the neuromuscular junction. Prog Neurobiol "
        "64:393–429: human end plates release fewer quanta per impulse (about 20–50) than "
        "rodents' but keep a safety factor of about 3–5; the EPP runs down over the first few "
        "impulses of a train and then holds (values not re-checked)"
    ),
    "elmqvist1965": (
        "Elmqvist D, Quastel DMJ (1965) A quantitative study of end-plate potentials in isolated "
        "human muscle. J Physiol 178:505–529: a fraction of about 0.2 of the immediately "
        "available store released per impulse (not re-checked)"
    ),
    "dodge1967": (
        "Dodge FA Jr, Rahamimoff R (1967) Co-operative action of calcium ions in transmitter "
        "release at the neuromuscular junction. J Physiol 193:419–432: EPP ∝ W⁴ (log–log slope "
        "3.78 ± 0.2), W = [Ca]/(1 + [Ca]/K₁ + [Mg]/K₂), Mg²⁺ competing without changing the "
        "slope (frog; the constants K₁ ≈ 1 mM and K₂ ≈ 3 mM as commonly quoted, not re-checked)"
    ),
    "facilitation1981": (
        "Brain Res (1981) 204:327 (mouse sternomastoid, 20 °C; authors not re-checked): "
        "facilitation of the EPP by a conditioning impulse about +50 %, decaying with time "
        "constants of 35 and 163 ms (the faster taken)"
    ),
    "magleby1973": (
        "Magleby KL (1973) The effect of repetitive stimulation on facilitation of transmitter "
        "release at the frog neuromuscular junction. J Physiol 234:327–352: each impulse of a "
        "20/s train adds 0.8 e^(−t/50 ms) + 0.12 e^(−t/300 ms) + 0.025 e^(−t/3000 ms) to the "
        "release (the slowest term taken as augmentation); Magleby KL (1979) Prog Brain Res "
        "49:175–182: augmentation decays with a time constant of about 7 s, potentiation "
        "(not modelled) over 30 s to minutes. Frog at low quantal content, not re-checked for "
        "human end plates"
    ),
    "dittman1998": (
        "Dittman JS, Regehr WG (1998) Calcium dependence and recovery kinetics of presynaptic "
        "depression at the climbing fiber to Purkinje cell synapse. J Neurosci 18:6147–6162: "
        "residual calcium speeds the refilling of the releasable pool (the form; the rates "
        "here are kramp estimates for the end plate, not fitted to a target)"
    ),
    "kramp_rundown": (
        "kramp estimate: refilling at rest of about 1 per second, so that a normal human EPP "
        "runs down by about a quarter over the first 4–5 impulses at 3 Hz and then holds "
        "(Wood & Slater 2001, qualitative; not fitted to F2, which reads the CMAP)"
    ),
    "katz1973": (
        "Katz B, Miledi R (1973) The binding of acetylcholine to receptors and its removal from "
        "the synaptic cleft. J Physiol 231:549–574: with the esterase inhibited, acetylcholine "
        "binds repeatedly before it diffuses away and the end-plate current decays several "
        "times more slowly (the factor here a kramp estimate, not re-checked)"
    ),
    "kramp_hydrolysis": (
        "kramp estimate: acetylcholinesterase, packed at about ten times the receptors' density "
        "in the cleft's basal lamina, clears acetylcholine about ten times faster than "
        "diffusion out of the cleft, so half of AChE's protection remains at a tenth of its "
        "activity (not fitted to F3)"
    ),
    "paton1967": (
        "Paton WDM, Waud DR (1967) The margin of safety of neuromuscular transmission. J Physiol "
        "191:59–90: under curare-type block (cat tibialis and sartorius in vivo, 0.1 Hz) the "
        "twitch begins to fall at a receptor occupancy of 0.76 ± 0.05 and is nearly abolished at "
        "0.917, safety factors of about 4 in the most sensitive fibres and 12 in the most "
        "resistant: a spread of 3 (cat; applied to human muscle as in anaesthesia's margin of "
        "safety; target F1 is therefore a calibration)"
    ),
    "normal_junction": (
        "Normal junction: all receptors functional, the esterase and the release machinery "
        "intact (1 = a healthy person; myasthenia, curare, anticholinesterases and botulinum "
        "toxin lower them)"
    ),
}

PARAMETERS = ParameterTable(
    component="junction",
    references=REFERENCES,
    params=(
        Param("quantal_content", 50.0, "1", (1.0, 500.0), "wood2001",
              "quanta released by a first impulse at normal ions (the upper end of the human "
              "range: with fewer, the binomial scatter of a run-down EPP at 20–50 Hz would "
              "let a healthy end plate block now and then, which single-fibre EMG never sees "
              "in healthy muscle)", "m₀"),
        Param("release_fraction", 0.2, "1", (0.01, 1.0), "elmqvist1965",
              "share of the releasable pool one impulse releases at normal ions", "p₀"),
        Param("calcium_constant", 1.0, "mM", (0.1, 10.0), "dodge1967",
              "apparent dissociation constant of Ca²⁺ at the release sites", "K_Ca"),
        Param("magnesium_constant", 3.0, "mM", (0.1, 30.0), "dodge1967",
              "apparent dissociation constant of the competing Mg²⁺", "K_Mg"),
        Param("cooperativity", 4.0, "1", (1.0, 5.0), "dodge1967",
              "power of the release on the calcium activity", "n"),
        Param("facilitation", 0.5, "1", (0.0, 3.0), "facilitation1981",
              "increase of release probability per unit of residual calcium", "f"),
        Param("residual_calcium_time", 35.0, "ms", (5.0, 500.0), "facilitation1981",
              "decay time constant of residual calcium (facilitation)", "τ_A"),
        Param("augmentation", 0.025, "1", (0.0, 0.2), "magleby1973",
              "increase of release probability each impulse adds to the augmentation", "g"),
        Param("augmentation_time", 3.0, "s", (0.5, 20.0), "magleby1973",
              "decay time constant of the augmentation", "τ_G"),
        Param("refill_rate", 1.0, "1/s", (0.05, 20.0), "kramp_rundown",
              "rate at which an idle releasable pool refills", "k_rest"),
        Param("refill_rate_calcium", 3.0, "1/s", (0.0, 100.0), "dittman1998",
              "extra refilling rate per unit of residual calcium", "k_Ca"),
        Param("acetylcholine_receptors", 1.0, "1", (0.0, 1.0), "normal_junction",
              "share of functional (unblocked) acetylcholine receptors", "ρ_R"),
        Param("esterase_activity", 1.0, "1", (0.0, 1.0), "normal_junction",
              "acetylcholinesterase activity relative to normal", "a"),
        Param("release_machinery", 1.0, "1", (0.0, 1.0), "normal_junction",
              "share of the release machinery (SNARE proteins) intact", "S"),
        Param("esterase_free_prolongation", 5.0, "1", (1.0, 20.0), "katz1973",
              "end-plate current decay time with AChE fully inhibited over the normal one", "R"),
        Param("hydrolysis_to_diffusion", 10.0, "1", (0.5, 100.0), "kramp_hydrolysis",
              "how many times faster AChE normally clears the cleft than diffusion", "H"),
        Param("safety_factor_spread", 3.0, "1", (1.0, 10.0), "paton1967",
              "safety factor of a muscle's most resistant end plates over that of its most "
              "sensitive ones (each end plate's strength lies between 1 and this)", "σ_SF",
              fitted_to=("F1",)),
    ),
)


def calcium_activity(values: Mapping[str, float], ion_values: Mapping[str, float]) -> float:
    """Dodge & Rahamimoff's W at these ions (mM)."""
    return ion_values["calcium"] / (1.0 + ion_values["calcium"] / values["calcium_constant"]
                                    + ion_values["magnesium"] / values["magnesium_constant"])


def release_probability(values: Mapping[str, float], ion_values: Mapping[str, float]) -> float:
    """The share of the releasable pool a first impulse releases at these ions, with the
    release machinery that is intact (before facilitation)."""
    reference = calcium_activity(values, ions.PARAMETERS.defaults())
    relative = (calcium_activity(values, ion_values) / reference) ** values["cooperativity"]
    return min(1.0, values["release_fraction"] * relative) * values["release_machinery"]


def decay_prolongation(values: Mapping[str, float]) -> float:
    """τ_EP at this esterase activity over the normal τ_EP (module doc)."""
    ratio, h = values["esterase_free_prolongation"], values["hydrolysis_to_diffusion"]
    if ratio >= 1.0 + h:
        raise KrampInputError(
            "`junction.esterase_free_prolongation` must stay below 1 + "
            f"`junction.hydrolysis_to_diffusion` ({1.0 + h:g}), got {ratio:g}",
            field="junction.esterase_free_prolongation")
    c = (ratio - 1.0) / (1.0 - ratio / (1.0 + h))
    return (1.0 + c / (1.0 + h * values["esterase_activity"])) / (1.0 + c / (1.0 + h))


def end_plate_strengths(values: Mapping[str, float], n_unit: int,
                        rng: np.random.Generator) -> np.ndarray:
    """Each of ``n_unit`` end plates' normal conductance over the most sensitive end plate's,
    ``spread^u`` with u uniform on [0, 1) from ``rng`` (module doc)."""
    return values["safety_factor_spread"] ** rng.random(n_unit)


def pool_size(values: Mapping[str, float]) -> float:
    """Quanta in a full releasable pool, m₀ / p₀."""
    return values["quantal_content"] / values["release_fraction"]


def recover(available: np.ndarray, residual: np.ndarray, elapsed_ms: np.ndarray,
            refill_per_ms: np.ndarray, refill_calcium_per_ms: np.ndarray,
            residual_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pool's available share and the residual calcium after ``elapsed_ms`` of no
    impulse (the exact solution of the module doc's equations)."""
    decay = np.exp(-elapsed_ms / residual_ms)
    refilled = np.exp(-refill_per_ms * elapsed_ms
                      - refill_calcium_per_ms * residual * residual_ms * (1.0 - decay))
    return 1.0 - (1.0 - available) * refilled, residual * decay


def end_plate_release_course(values: Mapping[str, float], rate_hz: float, n_impulse: int,
                             ion_values: Mapping[str, float] | None = None) -> np.ndarray:
    """The mean release of each impulse of a regular train at ``rate_hz`` from rest, relative to
    a first impulse's (the deterministic mean of the stochastic release, the module doc's
    equations iterated on their own; for tests and reports)."""
    ion_values = ion_values or ions.PARAMETERS.defaults()
    p = release_probability(values, ion_values)
    interval = 1e3 / rate_hz
    residual_ms = values["residual_calcium_time"]
    augmentation_decay = np.exp(-interval / (values["augmentation_time"] * 1e3))
    x, residual, augmentation = 1.0, 0.0, 0.0
    course = np.empty(n_impulse)
    for k in range(n_impulse):
        released = min(1.0, p * (1.0 + values["facilitation"] * residual)
                       * (1.0 + augmentation)) * x
        course[k] = released / p
        after, residual_after = recover(
            np.array(x - released), np.array(residual + 1.0), np.array(interval),
            np.array(values["refill_rate"] * 1e-3),
            np.array(values["refill_rate_calcium"] * 1e-3), np.array(residual_ms))
        x, residual = float(after), float(residual_after)
        augmentation = (augmentation + values["augmentation"]) * augmentation_decay
    return course
