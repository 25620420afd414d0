"""The typer app: each command lives in its own module under `commands/` and registers here."""

from __future__ import annotations

import warnings

import typer

from .commands import batch, extract, inspect, join, screen, serve, train

app = typer.Typer(
    name="ambicion",
    help="Read OGP action plans and IRM reviews; judge whether commitments open government.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def main() -> None:
    """Read OGP action plans and IRM reviews; judge whether commitments open government."""


for module in (extract, screen, batch, train, join, inspect, serve):
    module.register(app)


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings (e.g. a judge without its models) as one line, not a source excerpt."""
    return f"warning: {' '.join(str(message).split())}\n"


def run() -> None:
    """Console-script entry point."""
    from ambicion.errors import one_line_notes

    from .common import unicode_streams

    unicode_streams()
    warnings.formatwarning = _one_line_warning
    one_line_notes()  # readers' notes as "note: …" lines, other warnings as above
    app()


if __name__ == "__main__":
    run()
