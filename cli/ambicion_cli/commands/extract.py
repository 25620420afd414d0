"""`ambicion extract`: plans and reviews to JSONL / CSV / Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

import ambicion
from ambicion.errors import display_name
from ambicion.limits import limits

from ..common import (
    bad_choice, error_line, fail, messages_for, progress_callback, report_failures, report_warnings, silence_stdout, t,
)

FORMATS = {".jsonl", ".csv", ".parquet"}
KINDS = ("plan", "review", "auto")


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("extract", help=m("extract.help"))
    def extract_command(
        files: List[Path] = typer.Argument(..., metavar=m("metavar.files"), help=m("extract.files"),
                                           show_default=False),
        kind: str = typer.Option("auto", "--kind", metavar=m("metavar.kind"), help=m("extract.kind")),
        output: Optional[Path] = typer.Option(None, "-o", "--output", metavar=m("metavar.file"),
                                              help=m("extract.output")),
        max_pages: Optional[int] = typer.Option(None, "--max-pages", min=1, metavar=m("metavar.n"),
                                                help=m("extract.max_pages")),
        timeout: float = typer.Option(limits().batch_timeout_seconds, "--timeout", min=0,
                                      metavar=m("metavar.seconds"), help=m("extract.timeout")),
    ) -> None:
        extract(files, kind, output, max_pages, timeout or None)


def extract(files: list[Path], kind: str, output: Path | None, max_pages: int | None,
            timeout: float | None) -> None:
    """Extract commitments (plans) or IRM ratings (reviews) into one table."""
    if kind not in KINDS:
        raise bad_choice("--kind", kind, KINDS)
    if output is not None:
        if output.suffix.lower() not in FORMATS:
            raise fail(t("err.output_format", path=display_name(output)), 2)
        try:
            ambicion.check_output(output, files)
        except ambicion.AmbicionError as exc:
            raise fail(error_line(exc), 2) from None

    frames = []
    failures: list[tuple[str, str]] = []
    with progress_callback(len(files), t("progress.extracting")) as done:
        # one call for all files: with --timeout, one pool of workers serves them all
        outcomes = ambicion.extract_files(files, max_pages=max_pages, timeout=timeout,
                                          kind=None if kind == "auto" else kind,
                                          on_done=lambda outcome: done(outcome.path))
    for outcome in outcomes:
        if isinstance(outcome, ambicion.Extracted):
            doc = outcome.document
            frames.append(doc.to_dataframe())
            report_warnings(outcome.path, getattr(doc, "warnings", ()))
        else:
            failures.append((outcome.path, outcome.reason))
    if frames:
        import pandas as pd

        table = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
        try:
            ambicion.write_table(table, output, inputs=files)
        except BrokenPipeError:  # `extract … | head`: the reader has what it wanted
            silence_stdout()
            raise typer.Exit(141) from None
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(error_line(exc)) from None
    report_failures(failures)
    if failures:
        raise typer.Exit(1)
