"""What every command shares: the message catalogue, one-line errors, failure lists, progress bars.

Why the catalogue travels with the app: `build_app` makes an app in one language (help text
is fixed when a command is registered), and each command runs `speaking` that catalogue (a
context variable), so two apps in one process (tests) never mix languages.
"""

from __future__ import annotations

import contextlib
import io
import sys
from contextvars import ContextVar
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import typer
from ambicion.errors import display_name, localized, one_line_notes, printable
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ambicion.i18n import Catalogue, catalogue

T = TypeVar("T")
one_line_notes()  # readers' notes (an encoding assumed, a page left out) as one line each
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
_speaking: ContextVar[Catalogue | None] = ContextVar("ambicion_messages", default=None)


def messages_for(app: typer.Typer) -> Catalogue:
    """The catalogue an app was built with (for help text at registration)."""
    found = getattr(app, "ambicion_messages", None)
    return found if isinstance(found, Catalogue) else catalogue("en")


@contextlib.contextmanager
def speaking(messages: Catalogue) -> Iterator[None]:
    """Run a command with `messages` as the language of everything it prints."""
    token = _speaking.set(messages)
    try:
        yield
    finally:
        _speaking.reset(token)


def _messages() -> Catalogue:
    return _speaking.get() or catalogue("en")


def t(key: str, **values: object) -> str:
    """A message in the running command's language (English outside a command)."""
    return _messages()(key, **values)


def error_line(exc: BaseException) -> str:
    """An ambicion error ("<file>: <reason>") in the running command's language."""
    return localized(exc, _messages())


def reason_text(reason: str) -> str:
    """A library reason (written in English) in the running command's language."""
    return _messages().reason(reason)


def language() -> str:
    """The running command's language: "es" or "en"."""
    return _messages().language


def one_line(message: object) -> str:
    """A message as one printable line: breaks folded, control characters (ESC…) escaped."""
    return printable(" ".join(str(message).split()))


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise.

    The one place errors are rendered: user text in them ("rof[/b].txt", a name with ESC) is
    escaped, so it can neither break rich's markup nor drive the terminal.
    """
    print_error(message, t("error.prefix"))
    return typer.Exit(code)


def print_error(message: object, prefix: str) -> None:
    """`prefix: message` as one line on stderr, the prefix in red on a terminal."""
    line = one_line(message)
    if sys.stderr.isatty():
        err_console.print(f"[bold red]{escape(prefix)}:[/] {escape(line)}", markup=True)
    else:
        print(f"{prefix}: {line}", file=sys.stderr)


def unicode_streams() -> None:
    """Make sure every commitment can be printed whatever the locale says.

    Data written to a pipe or file is UTF-8 (JSON and CSV readers expect it); on a terminal
    that cannot show a character it is escaped rather than crashing the run.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding.startswith("utf"):
            continue
        if not isinstance(stream, io.TextIOWrapper):  # a replaced stream has no encoding to change
            continue
        with contextlib.suppress(ValueError, OSError):
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


STDOUT_NAME = "<stdout>"


class GuardedStdout:
    """Standard output whose write errors (a full disk, `> /dev/full`, a device gone) are one
    OutputError naming it: not a traceback, and not blamed on the input being judged.

    A reader that went away (BrokenPipeError) passes unchanged: the commands treat it as
    `| head` having all it wanted. After a failure the stream points at the null device, so
    what is still buffered cannot fail again when the interpreter flushes it at exit.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError):
        from ambicion import OutputError

        silence_stdout()
        return OutputError(STDOUT_NAME, f"cannot be written ({exc.strerror or type(exc).__name__})")

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def note(message: str) -> None:
    """A one-line notice on stderr (say, the encoding a file was read in)."""
    print(f"{t('note.prefix')}: {one_line(reason_text(message))}", file=sys.stderr)


def bad_choice(option: str, value: object, choices: Sequence[str]) -> typer.Exit:
    """The one-line error for an option given a value outside its choices (exit code 2)."""
    listed = ", ".join(choices[:-1]) + t("err.or") + choices[-1] if len(choices) > 1 else choices[0]
    return fail(t("err.choice", option=option, choices=listed, value=value), 2)


def report_failures(failures: Sequence[tuple[str, str]], *, rows: bool = False) -> None:
    """List what failed, one line each, after the rest was processed: whole files, or rows
    of a table (several lines may then name one file, so the header does not say "files")."""
    if not failures:
        return
    whole_files = not rows and len({source for source, _ in failures}) == len(failures)
    header = "failures.header" if whole_files else "failures.header_items"
    print(t(header, count=len(failures)), file=sys.stderr)
    for source, reason in failures:
        print(f"  {display_name(source)}: {one_line(reason_text(reason))}", file=sys.stderr)


def report_warnings(source: str, warnings: Sequence[str]) -> None:
    """One line for a document the reader has doubts about (the Plan's `warnings`)."""
    if warnings:
        print(f"{t('warning.prefix')}: {display_name(source)}: " + one_line(" | ".join(reason_text(w) for w in warnings)), file=sys.stderr)


def new_progress_bar() -> Progress:
    """A transient bar on stderr: label, bar, done/total, time, current item."""
    return Progress(TextColumn("[bold]{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("{task.fields[item]}"), console=err_console,
                    transient=True)


@contextlib.contextmanager
def progress_callback(total: int, label: str) -> Iterator[Callable[[object], None]]:
    """A callback `done(item)` that advances a progress bar on a terminal (a no-op elsewhere).

    For work the library drives itself (a pool of workers reporting each finished file).
    The bar is shown at once, before the first item is done.
    """
    if not sys.stderr.isatty() or total < 2:
        yield lambda item: None
        return
    bar = new_progress_bar()
    with bar:
        task = bar.add_task(label, total=total, item="")

        def done(item: object) -> None:
            bar.update(task, item=escape(display_name(str(item))[-50:]))
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
