"""Target D15 (kramp's own, see kramp.validation.pic_angle_targets): the soleus motoneurones'
persistent inward current against the ankle angle, under a somatic voltage clamp in the whole
relaxed reflex network."""

import numpy as np
import pytest

from kramp.validation import pic_angle_targets, registry


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D15: soleus PIC 2 % smaller with the ankle plantarflexed 10° (median "
                          "ratio 0.98 to neutral, as with the Ia-inhibitory interneurones' "
                          "contacts removed), where Hyngstrom et al. found about 50 % in "
                          "decerebrate cats (band 30–70 %): kramp's relaxed tibialis anterior "
                          "gives less reciprocal inhibition than the cats', and since each "
                          "Ia-inhibitory interneurone contacts a fifth of the antagonist "
                          "motoneurones (Jankowska & Roberts 1972) instead of every one, even "
                          "with a fusimotor drive of 30 pps to every spindle, as the decerebrate "
                          "preparation has some, the PIC is only 4 % smaller (60 % before)")
def test_d15_antagonist_stretch_halves_the_pic():
    result = pic_angle_targets.target_d15()
    assert not registry.fitted_parameters("D15")  # a prediction: nothing was tuned to it
    assert result["passed"], result["model_value"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="D15's mechanism part: plantarflexing the ankle 10° lowers the soleus "
                          "PIC by 1.6 % (median ratio 0.984) with the Ia-inhibitory "
                          "interneurones' contacts and by 2 % (0.98) without them: at the "
                          "strength Jankowska & Roberts's share (each interneurone reaching a "
                          "fifth of the antagonist motoneurones) gives, the interneurones make "
                          "almost none of the difference, not the 10 % asked; it passed (0.80) "
                          "while every Ia interneurone reached every antagonist motoneurone")
def test_d15_the_angle_acts_through_the_inhibitory_interneurones():
    """Hyngstrom et al. traced the reduction to reciprocal inhibition: with the Ia-inhibitory
    interneurones' contacts on the motoneurones removed, plantarflexing the ankle 10° leaves the
    soleus PIC within 5 % of its neutral value, where with them it falls by more than 10 %."""
    intact = np.median(pic_angle_targets.soleus_pic_nA(-10.0)
                       / pic_angle_targets.soleus_pic_nA(0.0))
    cut = np.median(pic_angle_targets.soleus_pic_nA(-10.0, inhibition=False)
                    / pic_angle_targets.soleus_pic_nA(0.0, inhibition=False))
    assert intact < 0.9
    assert abs(cut - 1.0) < 0.05
