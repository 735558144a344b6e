"""Where a run's time goes: each component's ``advance`` wrapped to add up its own time."""

from __future__ import annotations

import collections
import time
from collections.abc import Callable


def time_components(model, clock: Callable[[], float] = time.perf_counter
                    ) -> collections.Counter:
    """Wrap every component of ``model`` so that the returned counter adds up, by component
    name, the ``clock`` time its ``advance`` calls take from now on."""
    spent: collections.Counter = collections.Counter()
    for component in model.components:
        advance = component.advance

        def timed(*args, _advance=advance, _name=component.name, **kwargs):
            start = clock()
            out = _advance(*args, **kwargs)
            spent[_name] += clock() - start
            return out

        component.advance = timed
    return spent
