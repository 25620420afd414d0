"""What every command shares: one-line errors, failure summaries and progress bars."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterable, Iterator, Sequence, TypeVar

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


@contextlib.contextmanager
def progress(items: Sequence[T], label: str) -> Iterator[Iterable[T]]:
    """Iterate with a progress bar on a terminal, plainly otherwise (CI, pipes)."""
    if not sys.stderr.isatty() or len(items) < 2:
        yield items
        return
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.fields[item]}"), console=err_console,
                   transient=True)
    with bar:
        task = bar.add_task(label, total=len(items), item="")

        def gen() -> Iterator[T]:
            for item in items:
                bar.update(task, item=str(item)[-50:])
                yield item
                bar.advance(task)

        yield gen()
