"""kramp: a simulator of the human neuromuscular system that asks what causes muscle spasms.

The physiology is data and small pure functions (``kramp.physiology``); the machinery that runs it
is separate and fast (``kramp.engine``); scenarios are TOML data (``kramp.scenarios``).
"""

from importlib.metadata import PackageNotFoundError, version

from kramp.numba_cache import use_fingerprinted_cache

# before any kernel is defined: compiled kernels are cached per version of the sources
use_fingerprinted_cache()

try:
    __version__ = version("kramp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
