"""`ambicion extract`: plans and reviews to JSONL / CSV / Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

import ambicion
from ambicion.frames import commitments_frame, ratings_frame, write_records
from ambicion.io import guard_output

from ..common import fail, progress_callback, report_failures, report_warnings, silence_stdout

FORMATS = {".jsonl", ".csv", ".parquet"}


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    files: List[Path] = typer.Argument(..., help="Action-plan or IRM-review PDFs."),
    kind: str = typer.Option("auto", "--kind", help="plan, review or auto (decided per file)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Output file: .jsonl, .csv or .parquet (default: JSONL on stdout)."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", min=1,
                                            help="Read at most this many pages per file."),
    timeout: Optional[float] = typer.Option(
        None, "--timeout", min=0.01,
        help="Give up on a file after this many seconds (it is read in a separate process)."),
) -> None:
    """Extract commitments (plans) or IRM ratings (reviews) into one table.

    Files that fail are listed at the end, one line each; the others are still written.
    The exit code is 1 when any file failed.
    """
    if kind not in {"plan", "review", "auto"}:
        raise fail(f"--kind must be plan, review or auto, not {kind!r}", 2)
    if output is not None:
        if output.suffix.lower() not in FORMATS:
            raise fail(f"{output}: unknown output format; use .jsonl, .csv or .parquet", 2)
        try:
            guard_output(output, files)
        except ambicion.AmbicionError as exc:
            raise fail(str(exc), 2) from None
    from ambicion.extract_many import Extracted, extract_files

    frames = []
    failures: list[tuple[str, str]] = []
    with progress_callback(len(files), "extracting") as done:
        # one call for all files: with --timeout, one pool of workers serves them all
        outcomes = extract_files(list(files), jobs=1, max_pages=max_pages, timeout=timeout,
                                 kind=None if kind == "auto" else kind,
                                 on_done=lambda outcome: done(outcome.path))
    for outcome in outcomes:
        if isinstance(outcome, Extracted):
            doc = outcome.document
            frames.append(ratings_frame(doc) if outcome.kind == "review" else commitments_frame(doc))
            report_warnings(outcome.path, getattr(doc, "warnings", ()))
        else:
            failures.append((outcome.path, outcome.reason))
    if frames:
        import pandas as pd

        table = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
        try:
            write_records(table, output, inputs=files)
        except BrokenPipeError:  # `extract … | head`: the reader has what it wanted
            silence_stdout()
            raise typer.Exit(141) from None
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(str(exc)) from None
    report_failures(failures)
    if failures:
        raise typer.Exit(1)
