"""A small valid scenario document that tests change one key at a time, and a library scenario
run through the command line."""

import json

import pytest
from typer.testing import CliRunner

from kramp.cli import app


@pytest.fixture
def document() -> dict:
    return {
        "id": "test-membrane",
        "model": "hh_membrane",
        "duration": "20 ms",
        "name": {"sv": "testmembran", "en": "test membrane"},
        "description": {"sv": "En membran för test.", "en": "A membrane for tests."},
        "parameters": {"stimulus": {"amplitude": "10 uA/cm2", "delay": "2 ms"}},
    }


@pytest.fixture(scope="session")
def run_json():
    """``kramp run NAME --set … [--quick] --json`` as a user types it: the summary it prints (the
    run must succeed)."""
    runner = CliRunner()

    def run(name: str, *sets: str, quick: bool = False) -> dict:
        result = runner.invoke(app, ["run", name, *(a for s in sets for a in ("--set", s)),
                                     *(["--quick"] if quick else []), "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    return run
