"""The ambicion command-line tool: a thin typer layer over the public library API."""
