"""What every command shares: one-line errors, failure summaries and progress bars."""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import typer
from ambicion.errors import display_name, one_line_notes
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


T = TypeVar("T")
one_line_notes()  # readers' notes (an encoding assumed, a page left out) as one line each
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def one_line(message: object) -> str:
    """A message as one printable line: breaks folded, control characters (ESC…) escaped."""
    return display_name(" ".join(str(message).split()))


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise.

    The one place errors are rendered: user text in them ("rof[/b].txt", a name with ESC) is
    escaped, so it can neither break rich's markup nor drive the terminal.
    """
    line = one_line(message)
    if sys.stderr.isatty():
        err_console.print(f"[bold red]error:[/] {escape(line)}", markup=True)
    else:
        print(f"error: {line}", file=sys.stderr)
    return typer.Exit(code)


def unicode_streams() -> None:
    """Make sure every commitment can be printed whatever the locale says.

    Data written to a pipe or file is UTF-8 (JSON and CSV readers expect it); on a terminal
    that cannot show a character it is escaped rather than crashing the run.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding.startswith("utf"):
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if stream is sys.stdout and not stream.isatty():
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="backslashreplace")


def silence_stdout() -> None:
    """After the reader of a pipe went away (`| head`): point standard output at the null
    device, so flushing it at exit raises nothing."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def note(message: str) -> None:
    """A one-line notice on stderr (say, the encoding a file was read in)."""
    print(f"note: {one_line(message)}", file=sys.stderr)


def report_failures(failures: Sequence[tuple[str, str]]) -> None:
    """List the files that failed, one line each, after the rest was processed."""
    if not failures:
        return
    print(f"{len(failures)} file(s) failed:", file=sys.stderr)
    for source, reason in failures:
        print(f"  {display_name(source)}: {one_line(reason)}", file=sys.stderr)


def report_warnings(source: str, warnings: Sequence[str]) -> None:
    """One line for a document the reader has doubts about (the Plan's `warnings`)."""
    if warnings:
        print(f"warning: {display_name(source)}: " + one_line(" | ".join(warnings)), file=sys.stderr)


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
            bar.update(task, item=escape(display_name(item)[-50:]))
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
