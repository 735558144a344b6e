"""Target D1: short- and long-latency stretch reflexes of tibialis anterior (Petersen et al.
1998; the published thumb configuration of Marsden et al. 1976 has no counterpart in kramp)
(kramp.validation.long_latency_targets)."""

import pytest

from kramp.validation import long_latency_targets, registry


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D1: the first burst in tibialis anterior's averaged EMG (40 stretches; "
                          "burst threshold 19 µV) comes at 169 ms instead of the published M1 "
                          "onset, 44 ms (none at all before the axon sites' deferred spans were "
                          "extrapolated, 2026-12-07). Measured before each Ia-inhibitory "
                          "interneurone came to reach a fifth of the antagonist motoneurones "
                          "(2026-12-06), when the first burst came at 144 ms: after 40 ms the "
                          "stretched, contracting muscle fell silent (0.4–1.5 µV from 50 to 100 "
                          "ms against 13 µV before the stretch); the stretch raised its Ib "
                          "discharge (16 → 27 Hz per fibre) with its Ia (2.5 → 21 Hz); bursts "
                          "came at 41 and 70 ms with no afferent input to the interneurones, at "
                          "40 and 87 ms with the Ia- and Ib-inhibitory interneurones both held "
                          "down (descending −20 mV each), not with either alone nor with the "
                          "command gating off all the Ib input it can (ib_command_presynaptic=1: "
                          "none before 154 ms). The 33 ms 'burst' found before that came from "
                          "stretches spaced regularly 1 s apart, which locked the tonically "
                          "firing units' phase to them")
def test_the_short_latency_reflex_comes_when_the_published_m1_does():
    """The short-latency part: the first burst after a stretch of the contracting tibialis
    anterior begins within 10 % of the published mean M1 onset, 44 ms (a spinal loop: spindle,
    Ia fibre, motoneurone, motor axon, end plate and fibre, each with its own delays)."""
    found = long_latency_targets.stretch_reflex_components()
    assert found["onsets_ms"]
    assert abs(found["onsets_ms"][0] - 44.0) <= 4.4
    assert not registry.fitted_parameters("D1")  # a prediction: nothing was tuned to it


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D1: in the average of 40 stretches the first burst comes at 169 ms and "
                          "the next at 191 ms, 1.13 times the first (threshold 19 µV; none before "
                          "the axon sites' deferred spans were extrapolated, 2026-12-07; before "
                          "2026-12-06's weaker reciprocal inhibition a first burst at 144 ms and "
                          "none after it; published M3 95 ms = 2.2 × M1): no short-latency reflex "
                          "to compare with, and kramp has no transcortical loop")
def test_d1_a_long_latency_reflex_follows_the_short_one():
    result = long_latency_targets.target_d1()
    assert result["passed"], result["model_value"]
