"""A small valid scenario document that tests change one key at a time."""

import pytest


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
