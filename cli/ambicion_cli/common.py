"""What every command shares: one-line errors, failure summaries and progress bars."""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


T = TypeVar("T")
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True) if sys.stderr.isatty() else print(
        f"error: {message}", file=sys.stderr
    )
    return typer.Exit(code)


def report_failures(failures: Sequence[tuple[str, str]]) -> None:
    """List the files that failed, one line each, after the rest was processed."""
    if not failures:
        return
    print(f"{len(failures)} file(s) failed:", file=sys.stderr)
    for source, reason in failures:
        print(f"  {source}: {reason}", file=sys.stderr)


def report_warnings(source: str, warnings: Sequence[str]) -> None:
    """One line for a document the reader has doubts about (the Plan's `warnings`)."""
    if warnings:
        print(f"warning: {source}: " + " | ".join(warnings), file=sys.stderr)


@contextlib.contextmanager
def progress_callback(total: int, label: str) -> Iterator[Callable[[object], None]]:
    """A callback `done(item)` that advances a progress bar on a terminal (a no-op elsewhere).

    For work the library drives itself (a pool of workers reporting each finished file).
    """
    if not sys.stderr.isatty() or total < 2:
        yield lambda item: None
        return
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.fields[item]}"), console=err_console,
                   transient=True)
    with bar:
        task = bar.add_task(label, total=total, item="")

        def done(item: object) -> None:
            bar.update(task, item=str(item)[-50:])
            bar.advance(task)

        yield done


@contextlib.contextmanager
def progress(items: Sequence[T], label: str) -> Iterator[Iterable[T]]:
    """Iterate with a progress bar on a terminal, plainly otherwise (CI, pipes)."""
    with progress_callback(len(items), label) as done:

        def gen() -> Iterator[T]:
            for item in items:
                yield item
                done(item)

        yield gen()
