"""The typer app: each command lives in its own module under `commands/` and registers here."""

from __future__ import annotations

import typer

from .commands import batch, extract, screen, train

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


for module in (extract, screen, batch, train):
    module.register(app)


def run() -> None:
    """Console-script entry point."""
    from .common import unicode_streams

    unicode_streams()
    app()


if __name__ == "__main__":
    run()
