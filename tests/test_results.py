"""Results on disk appear whole or not at all, and an unusable destination is refused early."""

import numpy as np
import pytest
import xarray as xr

from kramp import results
from kramp.errors import KrampInputError


def _result() -> xr.Dataset:
    return xr.Dataset({"v_mV": ("time", np.linspace(-65.0, 30.0, 5), {"units": "mV"})},
                      attrs={"seed": 3, "kramp_version": "test"})


def test_a_saved_result_reads_back_identical(tmp_path):
    path = tmp_path / "r.nc"
    results.save_netcdf(_result(), path)
    xr.testing.assert_identical(xr.load_dataset(path, engine=results.NETCDF_ENGINE), _result())
    assert [p.name for p in tmp_path.iterdir()] == ["r.nc"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "r.nc"
    path.write_bytes(b"the previous result")

    def failing_rename(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(results.os, "replace", failing_rename)
    with pytest.raises(OSError, match="disk full"):
        results.save_netcdf(_result(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["r.nc"]
    assert path.read_bytes() == b"the previous result"


def test_check_writable_accepts_a_new_file_in_an_existing_folder(tmp_path):
    results.check_writable(tmp_path / "r.nc", field="--out")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "reason"), [("missing/r.nc", "does not exist"),
                                              ("r.csv", "ending in .nc")])
def test_check_writable_names_the_option(tmp_path, name, reason):
    with pytest.raises(KrampInputError, match=f"^`--out`.*{reason}") as caught:
        results.check_writable(tmp_path / name, field="--out")
    assert caught.value.field == "--out"
