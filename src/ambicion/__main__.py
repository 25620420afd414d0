"""`python -m ambicion` runs the command-line tool."""

from ambicion_cli.main import run

run()
