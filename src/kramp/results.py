"""Results on disk: NetCDF files that appear whole or not at all.

A Result is written to a temporary file beside its destination and renamed into place only once
complete (OpenMM's ``safesave``), so an interrupted or failed write leaves no partial file. Units
travel as variable attributes and the scenario, seed and kramp version as global attributes,
exactly as the Dataset holds them.

Files are NetCDF-4 (HDF5) written and read by the netCDF-C library through netCDF4-python:
a Result holds hundreds of variables, and the netCDF-C library handles each in well under a
millisecond, where h5netcdf (pure Python over h5py, which kramp used before) spent about 10 ms on
each, seconds per file; the files are the same format and either library reads them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import xarray as xr

from kramp.errors import KrampInputError

NETCDF_SUFFIX = ".nc"
NETCDF_ENGINE = "netcdf4"


def check_writable(path: Path, *, field: str,
                   suffixes: tuple[str, ...] = (NETCDF_SUFFIX,)) -> None:
    """Fail now, before a long run, unless ``path`` names a file kramp could create, ending in
    one of ``suffixes`` (a NetCDF file unless told otherwise).

    ``field`` is how the caller's user named the destination (``--out``), for the message.
    """
    if path.suffix not in suffixes:
        kind = "a NetCDF file" if suffixes == (NETCDF_SUFFIX,) else "a file"
        raise KrampInputError(f"`{field}` must name {kind} ending in {' or '.join(suffixes)}, "
                              f"got '{path}'", field=field)
    directory = path.parent
    if not directory.is_dir():
        raise KrampInputError(f"`{field}`: directory '{directory}' does not exist", field=field)
    if path.is_dir():
        raise KrampInputError(f"`{field}`: '{path}' is a directory", field=field)
    try:
        # Creating a file is the only reliable test (permission bits lie to root and to
        # read-only mounts); an anonymous temporary file leaves nothing behind.
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise KrampInputError(f"`{field}`: cannot write in directory '{directory}' "
                              f"({error.strerror})", field=field) from None


def load_netcdf(path: Path, *, field: str) -> xr.Dataset:
    """A NetCDF file read whole into memory (the file is closed again), or a refusal naming
    ``field``."""
    if not path.is_file():
        raise KrampInputError(f"`{field}`: file '{path}' does not exist", field=field)
    try:
        with xr.open_dataset(path, engine=NETCDF_ENGINE) as dataset:
            return dataset.load()
    except (OSError, ValueError) as error:
        raise KrampInputError(f"`{field}`: '{path}' is not a readable NetCDF file ({error})",
                              field=field) from None


def save_netcdf(result: xr.Dataset, path: Path) -> None:
    """Write ``result`` to ``path`` (NetCDF-4, netCDF-C) through a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        result.to_netcdf(temporary, engine=NETCDF_ENGINE)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
