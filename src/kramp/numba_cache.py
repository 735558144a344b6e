"""Where Numba keeps kramp's compiled kernels: a folder named by a fingerprint of kramp's sources.

Numba's on-disk cache (``cache=True``) is checked against the source file of the function it
compiled, and nothing else. A kernel that calls a function of another module, or reads its
constants, keeps its machine code when that other module changes, so an edited or upgraded kramp
can run stale kernels without a sign. This happened in development: with kernels cached before
later edits, the electrically induced cramp's threshold came out at 28 Hz where a fresh compile of
the same sources gives 26 Hz. Keying the whole cache on a hash of every kramp source file makes
any change to any of them start a fresh cache.

The folder is ``$XDG_CACHE_HOME/kramp/numba/<fingerprint>`` (``~/.cache`` without the variable).
A ``NUMBA_CACHE_DIR`` the user set is left alone, and where the folder cannot be made Numba keeps
its default (beside the sources). Folders of other fingerprints not used for ``STALE_DAYS`` are
removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STALE_DAYS = 30.0


def source_fingerprint(root: Path = PACKAGE) -> str:
    """A hash of every ``.py`` file under ``root``, names and contents (16 hex digits)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kramp" / "numba"


def _remove_stale(root: Path, keep: Path) -> None:
    """Remove the folders of other fingerprints that nothing has touched for ``STALE_DAYS``."""
    oldest = time.time() - STALE_DAYS * 86400.0
    for folder in root.iterdir():
        if folder != keep and folder.is_dir() and folder.stat().st_mtime < oldest:
            shutil.rmtree(folder, ignore_errors=True)


def use_fingerprinted_cache() -> Path | None:
    """Point Numba's cache at this source tree's own folder (module doc); return it, or None
    where the user chose a folder or none could be made."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    try:
        folder = cache_root() / source_fingerprint()
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # marks it as in use for _remove_stale
        _remove_stale(folder.parent, folder)
    except (OSError, RuntimeError):  # no writable cache folder, or no home to put it in
        return None
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    from numba.core import config  # after the variable, so a first import reads it too

    config.CACHE_DIR = str(folder)
    return folder
