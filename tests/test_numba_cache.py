"""Compiled kernels are cached per version of kramp's sources (kramp.numba_cache)."""

import os
import time

import pytest

from kramp import numba_cache


def _tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_any_change_to_any_source_file_changes_the_fingerprint(tmp_path):
    """The stale-kernel case: a kernel in one file, a constant it reads in another."""
    files = {"engine/kernel.py": "from model import ROWS\n", "model.py": "ROWS = (0, 1)\n"}
    base = numba_cache.source_fingerprint(_tree(tmp_path / "a", files))
    assert numba_cache.source_fingerprint(_tree(tmp_path / "b", files)) == base
    changed = {**files, "model.py": "ROWS = (0, 1, 2)\n"}
    assert numba_cache.source_fingerprint(_tree(tmp_path / "c", changed)) != base
    renamed = {"engine/kernel.py": files["engine/kernel.py"], "model2.py": files["model.py"]}
    assert numba_cache.source_fingerprint(_tree(tmp_path / "d", renamed)) != base


def test_kramps_kernels_are_cached_under_the_fingerprint_of_its_sources():
    from kramp.physiology import motor_axon

    folder = numba_cache.cache_root() / numba_cache.source_fingerprint()
    if os.environ.get("NUMBA_CACHE_DIR") != str(folder):
        pytest.skip("the user chose another Numba cache folder")
    assert motor_axon.site_step._cache._cache_path.startswith(str(folder))


def test_a_folder_the_user_chose_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    assert numba_cache.use_fingerprinted_cache() is None
    assert os.environ["NUMBA_CACHE_DIR"] == str(tmp_path)


def test_only_other_fingerprints_unused_for_a_month_are_removed(tmp_path):
    keep, recent, old = tmp_path / "current", tmp_path / "recent", tmp_path / "old"
    for folder in (keep, recent, old):
        folder.mkdir()
    month_ago = time.time() - (numba_cache.STALE_DAYS + 1.0) * 86400.0
    os.utime(old, (month_ago, month_ago))
    os.utime(keep, (month_ago, month_ago))
    numba_cache._remove_stale(tmp_path, keep)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "recent"]


def test_without_a_home_numba_keeps_its_default_and_kramp_still_imports(monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(numba_cache.Path, "home", staticmethod(no_home))
    assert numba_cache.use_fingerprinted_cache() is None
    assert "NUMBA_CACHE_DIR" not in os.environ
