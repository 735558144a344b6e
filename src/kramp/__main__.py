"""``python -m kramp`` runs the ``kramp`` command line."""

from kramp.cli import app

app(prog_name="kramp")
