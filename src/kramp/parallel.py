"""Worker processes for work made of independent jobs (``kramp explain``'s runs, ``kramp
validate``'s targets). Each worker computes on one core (Numba's threads set to one): the
workers themselves fill the machine's other cores. Workers come from a fork server where the
platform has one (a clean process, quick to start, that has not inherited this one's threads),
else they are spawned."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

HAS_FORK_SERVER = "forkserver" in multiprocessing.get_all_start_methods()


def _one_thread() -> None:
    import numba

    numba.set_num_threads(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each computing on one core."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=get_context("forkserver" if HAS_FORK_SERVER
                                                      else "spawn"),
                               initializer=_one_thread)
