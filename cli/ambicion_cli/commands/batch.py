"""`ambicion batch`: a folder of plans and reviews in, a study (tables, summary, report) out."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer
from rich.progress import TaskID

import ambicion
from ambicion.errors import display_name
from ambicion.limits import limits

from ..common import (
    bad_choice, error_line, fail, language, messages_for, new_progress_bar, report_failures, report_warnings, t,
)

CACHE_DIR = ".ambicion-cache"


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("batch", help=m("batch.help"))
    def batch_command(
        paths: List[Path] = typer.Argument(..., metavar=m("metavar.paths"), help=m("batch.paths"),
                                           show_default=False),
        output: Path = typer.Option(..., "-o", "--output", metavar=m("metavar.folder"),
                                    help=m("batch.output")),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar=m("metavar.n"), help=m("batch.jobs")),
        resume: bool = typer.Option(False, "--resume", help=m("batch.resume")),
        max_pages: Optional[int] = typer.Option(None, "--max-pages", min=1, metavar=m("metavar.n"),
                                                help=m("batch.max_pages")),
        timeout: float = typer.Option(limits().batch_timeout_seconds, "--timeout", min=0,
                                      metavar=m("metavar.seconds"), help=m("batch.timeout")),
        lang: Optional[str] = typer.Option(None, "--lang", metavar=m("metavar.lang"), help=m("batch.lang")),
    ) -> None:
        batch(paths, output, jobs, resume, max_pages, timeout, lang)


@dataclass
class Tally:
    """What the run has finished so far, for the closing lines and for an interruption."""

    total: int = 0
    finished: int = 0
    kept: int = 0  # finished and extracted (hence cached): what --resume will not read again
    reused: int = 0

    def see(self, event) -> None:
        if event.stage != "files":
            return
        self.total = event.total
        if event.done and event.item:
            self.finished = event.done
            self.kept += not event.failed
            self.reused += event.reused


def batch(paths: list[Path], output: Path, jobs: int, resume: bool, max_pages: int | None,
          timeout: float | None, lang: str | None) -> None:
    """Analyse many plans and reviews: commitments.csv/.parquet, summary.csv, report.html."""
    if lang is not None and lang not in ("es", "en"):
        raise bad_choice("--lang", lang, ("es", "en"))
    if output.exists() and not output.is_dir():
        raise fail(t("err.not_a_folder", path=display_name(output)), 2)
    with _terminate_cleanly(), _fewer_full_collections():
        try:
            # locked, a killed run's half-published set settled, the user's own files guarded
            with ambicion.study_folder(output):
                _run(paths, output, jobs, resume, max_pages, timeout or None, lang)
        except ambicion.AmbicionError as exc:
            raise fail(error_line(exc)) from None


def _run(paths: list[Path], output: Path, jobs: int, resume: bool, max_pages: int | None,
         timeout: float | None, lang: str | None) -> None:
    tally = Tally()
    try:
        with _progress_bar(tally) as on_progress:
            study = ambicion.analyze(paths, jobs=jobs, progress=on_progress, max_pages=max_pages,
                                     timeout=timeout, cache_dir=output / CACHE_DIR, resume=resume)
    except KeyboardInterrupt:
        raise fail(t("batch.interrupted", count=tally.kept, total=tally.total), 130) from None
    if resume:
        print(t("batch.reused", count=tally.reused), file=sys.stderr)
    if study.commitments.empty and study.ratings.empty and study.failures.empty:
        raise fail(t("err.no_pdfs", paths=", ".join(display_name(p) for p in paths)))
    written = study.write(output, inputs=paths, lang=lang or language())  # AmbicionError: from batch()
    print(t("batch.done", plans=t("count.plans", count=len(study.plans)),
            reviews=t("count.reviews", count=len(study.reviews)),
            commitments=t("count.commitments", count=len(study.commitments)),
            output=display_name(output)),
          file=sys.stderr)
    for path in written:
        print(f"  {display_name(path)}", file=sys.stderr)
    for plan in study.plans:
        report_warnings(plan.source, plan.warnings)
    failures = list(study.failures.itertuples(index=False, name=None))
    report_failures([(str(f), str(r)) for f, r in failures])
    if failures:
        raise typer.Exit(1)


@contextlib.contextmanager
def _fewer_full_collections(every: int = 100) -> Iterator[None]:
    """Collect the oldest generation ten times less often while the batch runs.

    Why: loading the judge and building the study make hundreds of thousands of objects
    that live to the end, and each full collection walked them all: some 0.4 s of this
    process's CPU in a five-plan batch, taken from the workers reading the files with
    --jobs 2. What the batch leaves for collection is young and still collected at once.
    """
    import gc

    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, every))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


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
def _progress_bar(tally: Tally) -> Iterator[Callable]:
    """A callback that keeps the tally and, on a terminal, drives a two-line progress bar
    (files, then commitments) shown from the start: each stage reports 0 of its total first."""
    if not sys.stderr.isatty():
        yield tally.see
        return
    from rich.markup import escape

    bar = new_progress_bar()
    tasks: dict[str, TaskID] = {}
    labels = {"files": t("progress.files"), "commitments": t("progress.commitments")}

    def on_progress(event) -> None:
        tally.see(event)
        if event.stage not in tasks:
            tasks[event.stage] = bar.add_task(labels.get(event.stage, event.stage), total=event.total,
                                              item="")
        bar.update(tasks[event.stage], completed=event.done, total=event.total,
                   item=escape(display_name(Path(event.item).name[-50:])) if event.item else "")

    with bar:
        yield on_progress
