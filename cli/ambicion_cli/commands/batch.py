"""`ambicion batch`: a folder of plans and reviews in, a study (tables, summary, report) out."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer

import ambicion
from ambicion.errors import display_name
from ambicion.limits import limits

from ..common import err_console, fail, report_failures, report_warnings

CACHE_DIR = ".ambicion-cache"


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    paths: List[Path] = typer.Argument(..., help="Plan and IRM-review PDFs, drafts (.docx, .txt, .md), "
                                                 "or folders of them."),
    output: Path = typer.Option(..., "-o", "--output", help="Output folder (created if needed)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Files extracted in parallel."),
    resume: bool = typer.Option(False, "--resume",
                                help="Reuse extractions cached in OUTDIR/.ambicion-cache."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", min=1,
                                            help="Read at most this many pages per file."),
    timeout: float = typer.Option(limits().batch_timeout_seconds, "--timeout", min=0,
                                  help="Give up on a file after this many seconds (0: no limit)."),
) -> None:
    """Analyse many plans and reviews: commitments.csv/.parquet, summary.csv, report.html."""
    if output.exists() and not output.is_dir():
        raise fail(f"{output}: exists and is not a folder", 2)
    from ambicion.io import folder_lock
    from ambicion.report.outputs import check_folder, recover

    with _terminate_cleanly():
        try:
            with folder_lock(output):
                recover(output)  # finish (or discard) what a killed run left half-published
                check_folder(output)
                _run(paths, output, jobs, resume, max_pages, timeout or None)
        except ambicion.AmbicionError as exc:
            raise fail(str(exc))


def _run(paths: List[Path], output: Path, jobs: int, resume: bool, max_pages: Optional[int],
         timeout: Optional[float]) -> None:
    with _progress_bar() as on_progress:
        study = ambicion.analyze(paths, jobs=jobs, progress=on_progress, max_pages=max_pages,
                                 timeout=timeout, cache_dir=output / CACHE_DIR, resume=resume)
    if study.commitments.empty and study.ratings.empty and study.failures.empty:
        raise fail("no PDF, Word or text files found in " + ", ".join(str(p) for p in paths))
    written = study.write(output, inputs=paths)  # AmbicionError: one line, from batch()
    print(f"{len(study.plans)} plan(s), {len(study.reviews)} review(s), "
          f"{len(study.commitments)} commitment(s) -> {display_name(output)}", file=sys.stderr)
    for path in written:
        print(f"  {display_name(path)}", file=sys.stderr)
    for plan in study.plans:
        report_warnings(plan.source, plan.warnings)
    failures = list(study.failures.itertuples(index=False, name=None))
    report_failures([(str(f), str(r)) for f, r in failures])
    if failures:
        raise typer.Exit(1)


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into SystemExit while the batch runs, so its temporary files and staging
    folder are removed on the way out (a plain kill would leave them for the next run)."""
    import signal

    def stop(signum, frame):  # noqa: ARG001
        raise SystemExit(143)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _progress_bar() -> Iterator[Optional[Callable]]:
    """A callback driving a two-line rich progress bar (files, then commitments) on a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.markup import escape
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

    bar = Progress(TextColumn("[bold]{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.fields[item]}"), console=err_console,
                   transient=True)
    tasks: dict[str, int] = {}

    def on_progress(event) -> None:
        if event.stage not in tasks:
            tasks[event.stage] = bar.add_task(event.stage, total=event.total, item="")
        bar.update(tasks[event.stage], completed=event.done, total=event.total,
                   item=escape(display_name(Path(event.item).name[-50:])) if event.item else "")

    with bar:
        yield on_progress
