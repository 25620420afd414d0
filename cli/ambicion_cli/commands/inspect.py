"""`ambicion inspect`: what the reader saw on a page, drawn (PDF) or listed (any document)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

import ambicion

from ..common import error_line, fail


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


def inspect(
    file: Path = typer.Argument(..., help="A plan or draft: PDF, Word (.docx) or text (.txt, .md)."),
    page: Optional[int] = typer.Option(None, "--page", "-p", min=1, help="Only this page (PDF)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Draw the page with its marks into this PNG (PDF only)."),
) -> None:
    """Show blocks, commitment starts, labels and the field each value goes to."""
    from ambicion.extract.inspect import describe, inspect_file, render_page

    if output is not None and output.suffix.lower() != ".png":
        raise fail(f"{output}: the drawing is a PNG; give a file name ending in .png", 2)
    try:
        views = inspect_file(file, page=page)
        print(describe(views))
        if output is not None:
            if views[0].page is None:
                raise fail(f"{file}: only PDF pages can be drawn; the text above is the reader's view", 2)
            if len(views) > 1 and page is None:
                raise fail(f"{file}: give --page N to draw one page", 2)
            render_page(file, views[0], output)
            typer.echo(f"page {views[0].page} drawn -> {output}", err=True)
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
