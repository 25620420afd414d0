"""`ambicion inspect`: what the reader saw on a page, drawn (PDF) or listed (any document)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

import ambicion
from ambicion.errors import display_name

from ..common import error_line, fail, messages_for, t


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("inspect", help=m("inspect.help"))
    def inspect_command(
        file: Path = typer.Argument(..., metavar=m("metavar.file"), help=m("inspect.file"), show_default=False),
        page: Optional[int] = typer.Option(None, "--page", "-p", min=1, metavar=m("metavar.n"),
                                           help=m("inspect.page")),
        output: Optional[Path] = typer.Option(None, "-o", "--output", metavar=m("metavar.png"),
                                              help=m("inspect.output")),
    ) -> None:
        inspect(file, page, output)


def inspect(file: Path, page: int | None, output: Path | None) -> None:
    """Show blocks, commitment starts, labels and the field each value goes to."""
    from ambicion.extract.inspect import describe, inspect_file, render_page

    if output is not None and output.suffix.lower() != ".png":
        raise fail(t("err.inspect_png", path=display_name(output)), 2)
    try:
        views = inspect_file(file, page=page)
        print(describe(views))
        if output is not None:
            if views[0].page is None:
                raise fail(t("err.inspect_only_pdf", path=display_name(file)), 2)
            if len(views) > 1 and page is None:
                raise fail(t("err.inspect_one_page", path=display_name(file)), 2)
            render_page(file, views[0], output)
            typer.echo(t("inspect.drawn", page=views[0].page, path=output), err=True)
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
