"""`ambicion screen`: judge the commitments of plans, drafts, tables or standard input."""

from __future__ import annotations

import contextlib
import shutil
import sys
import warnings
from pathlib import Path, PurePath
from typing import Callable, Iterator, List, Optional

import typer

import ambicion
from ambicion import Assessment, Commitment, Proposal
from ambicion.errors import InputError, InputNote, ModelError, display_name
from ambicion.limits import TimeLimitExceeded, limits, time_limit, uninterrupted
from ambicion.report.forum import FeedbackFormat
from ambicion.screening import RecordStream, open_screening_input

from ..common import (
    bad_choice, error_line, fail, language, messages_for, note, progress, report_failures, report_warnings,
    reason_text, silence_stdout, t,
)

FORMATS = ("table", "json", "jsonl", "csv", "html", "md", "xlsx", "docx")
REPORT_FORMATS: tuple[FeedbackFormat, ...] = ("html", "md", "xlsx", "docx")
TERMINAL_WIDTH = (100, 24)  # used when the width cannot be asked (not a terminal, no COLUMNS)


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("screen", help=m("screen.help"))
    def screen_command(
        inputs: List[str] = typer.Argument(..., metavar=m("metavar.files"), help=m("screen.inputs"),
                                           show_default=False),
        fmt: str = typer.Option("table", "--format", "-f", metavar=m("metavar.format"),
                                help=m("screen.format")),
        output: Optional[Path] = typer.Option(None, "-o", "--output", metavar=m("metavar.file"),
                                              help=m("screen.output")),
        functions: Optional[List[Path]] = typer.Option(None, "--functions", metavar=m("metavar.file"),
                                                       help=m("screen.functions")),
        lang: Optional[str] = typer.Option(None, "--lang", metavar=m("metavar.lang"), help=m("screen.lang")),
        timeout: float = typer.Option(limits().screen_timeout_seconds, "--timeout", min=0,
                                      metavar=m("metavar.seconds"), help=m("screen.timeout")),
    ) -> None:
        screen(inputs, fmt, output, functions, lang, timeout)


def screen(inputs: list[str], fmt: str, output: Path | None, functions: list[Path] | None,
           lang: str | None, timeout: float = 0) -> None:
    """Say which OGP values each commitment advances, how ambitious it is, and why."""
    if fmt not in FORMATS:
        raise bad_choice("--format", fmt, FORMATS)
    if lang is not None and lang not in ("es", "en"):
        raise bad_choice("--lang", lang, ("es", "en"))
    if fmt in REPORT_FORMATS and output is None:
        raise fail(t("err.report_needs_output", fmt=fmt), 2)
    if inputs.count("-") > 1:
        raise fail(t("err.stdin_twice"), 2)
    for path in functions or ():
        if not path.exists():
            raise fail(t("err.functions_missing", path=display_name(path)), 2)
    failures: list[tuple[str, str]] = []
    row_problems = False
    inputs_read = [i for i in inputs if i != "-"] + [str(f) for f in functions or ()]
    if output is not None:
        try:
            ambicion.check_output(output, inputs_read)
        except ambicion.AmbicionError as exc:
            raise fail(error_line(exc), 2) from None
    function_list = _functions_once(functions) if functions else None
    try:
        with _sink(fmt, output, lang, inputs_read) as emit, \
                progress(inputs, t("progress.screening")) as items, _notes_as_lines():
            for source in items:
                try:
                    with time_limit(timeout):
                        got = open_screening_input(source, lang)
                    with got:
                        report_warnings(str(source), ambicion.reading_warnings(got.whole))
                        _judge_chunks(source, got, emit, function_list, lang, timeout)
                    problems = got.listed_problems()
                    row_problems = row_problems or bool(problems)
                    failures.extend((source, problem) for problem in problems)
                except (ambicion.OutputError, BrokenPipeError):
                    raise  # the output is broken: no other input can be written either
                except (Exception, TimeLimitExceeded) as exc:  # one bad file must not stop the others
                    named = "<stdin>" if source == "-" else source
                    failures.append((named, ambicion.failure_reason(exc, named)))
    except _NothingJudged:
        pass  # every input failed: no output file is made
    except KeyboardInterrupt:
        raise fail(t("screen.interrupted"), 130) from None
    except BrokenPipeError:  # `screen … | head`: the reader has what it wanted
        silence_stdout()
        raise typer.Exit(141)
    except ambicion.AmbicionError as exc:
        report_failures(failures, rows=row_problems)
        raise fail(error_line(exc)) from None
    report_failures(failures, rows=row_problems)
    if failures:
        raise typer.Exit(1)


CHUNK = 256
Judged = tuple[str, Assessment, Commitment]


def _judge_chunks(source: str, got, emit: Callable[[list[Judged]], None], functions,
                  lang: str | None, timeout: float) -> None:
    """Judge and write an input a chunk at a time, so memory stays flat on big tables. A
    streamed table's rows are read chunk by chunk too, each chunk within the time limit
    (the limit bounds reading an input, then each chunk of it)."""
    chunks = got.chunks(CHUNK)
    while True:
        with time_limit(timeout):
            chunk = next(chunks, None)
            if chunk is None:
                return
            judged = ambicion.assess_many(chunk, functions=functions, language=lang)
            with uninterrupted():  # a timeout never cuts a record in two
                emit([(source, a, c) for a, c in zip(judged, chunk)])


@contextlib.contextmanager
def _notes_as_lines() -> Iterator[None]:
    """Readers' notes (an encoding assumed, a page left out) as `note:` lines, each time they
    happen; every other warning goes where it went before (a judge without models says so)."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputNote)
        previous = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if isinstance(category, type) and issubclass(category, InputNote):
                note(str(message))
            else:
                previous(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield


def _functions_once(paths: List[Path]) -> tuple:
    """The functions files' items, read once (a pipe can be read only once, and a file need
    not be parsed again for every chunk); a bad file is an option error."""
    from ambicion.io import materialized

    try:
        with contextlib.ExitStack() as stack:
            readable = [stack.enter_context(materialized(p)) for p in paths]
            try:
                return ambicion.read_functions(readable)
            except ambicion.AmbicionError as exc:  # name the file the user gave, not a copy
                for given, copy in zip(paths, readable):
                    if isinstance(exc, (InputError, ModelError)) and exc.source == str(copy) and copy != given:
                        raise fail(f"{given}: {reason_text(exc.reason)}", 2) from None
                raise
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc), 2) from None


class _NothingJudged(Exception):
    """Raised to abandon the output when no commitment could be judged."""


@contextlib.contextmanager
def _sink(fmt: str, output: Path | None, lang: str | None,
          inputs: list[str]) -> Iterator[Callable[[list[Judged]], None]]:
    """Where judged rows go: streamed into the output for record formats, gathered for the
    terminal view and the forum reports (which number the proposals over all inputs)."""
    from ambicion.io import atomic_write

    if fmt in REPORT_FORMATS or fmt == "table":
        rows: list[Judged] = []
        cap = limits().max_table_rows

        def gather(more: list[Judged]) -> None:
            if len(rows) + len(more) > cap:  # these formats number and lay out every row at once
                raise ambicion.OutputError(output or "-", f"--format {fmt} needs every commitment at once "
                                           f"and there are more than {cap:,}; use --format jsonl, csv or "
                                           "json (written as they are judged), or set AMBICION_MAX_TABLE_ROWS")
            rows.extend(more)

        yield gather
        if not rows:
            raise _NothingJudged()
        write(rows, fmt, output, lang, inputs)
        return
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    target = atomic_write(output, inputs=inputs, encoding=encoding,
                          newline="" if fmt == "csv" else None) if output is not None \
        else contextlib.nullcontext(sys.stdout)
    with target as fh:
        stream = RecordStream(fh, fmt)

        def emit(rows: list[Judged]) -> None:
            stream.write((source, a) for source, a, _ in rows)

        yield emit
        if not stream.count:
            raise _NothingJudged()  # discards the temporary output file
        stream.close()


def write(rows: list[Judged], fmt: str, output: Path | None, lang: str | None,
          inputs: list[str]) -> None:
    """Write the gathered rows: the forum's feedback, or the terminal view."""
    proposals = [Proposal(a, c, source) for source, a, c in rows]
    report = _report_format(fmt)
    if report is not None:
        if output is None:  # `screen` refuses this before reading anything; a caller may not
            raise ambicion.OutputError("-", f"--format {fmt} writes a file; name it with -o")
        report_lang = lang or _majority_language([a for _, a, _ in rows])
        ambicion.write_feedback(proposals, output, report, lang=report_lang, inputs=inputs)
        return
    text = render_table(proposals, lang or language(), width=terminal_width())
    if output is None:
        sys.stdout.write(text)
        return
    ambicion.write_text(output, text, inputs=inputs, encoding="utf-8-sig" if fmt == "csv" else "utf-8")


def _report_format(fmt: str) -> FeedbackFormat | None:
    """`fmt` as one of the forum's report formats, or None for a record format or the table."""
    for known in REPORT_FORMATS:
        if fmt == known:
            return known
    return None


def _majority_language(assessments: list[Assessment]) -> str:
    es = sum(1 for a in assessments if a.language == "es")
    return "es" if es * 2 >= len(assessments) else "en"


def terminal_width() -> int:
    """The terminal's width (COLUMNS wins, as for every tool), or 100 columns when unknown."""
    return max(40, shutil.get_terminal_size(TERMINAL_WIDTH).columns)


def render_table(proposals: list[Proposal], lang: str, width: int) -> str:
    """A terminal view: one block per proposal, its verdict in words and the evidence behind it.

    Proposals are numbered as the forum sees them, the file named above its proposals; a
    table's own ids (given by the user) are kept beside the number.
    """
    import io

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ambicion.report.cards import card
    from ambicion.textcodec import normalize_text

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=False)
    label_width = min(26, max(12, width // 4))
    last_source = None
    for n, p in enumerate(proposals, 1):
        source = PurePath(p.source).name if p.source and p.source != "-" else ""
        if source and source != last_source:
            console.print(f"[bold]{escape(source)}[/]", markup=True, highlight=False)
            last_source = source
        c = card(n, p, lang)
        own_id = _user_id(p)
        title = f"{c.heading}{f' ({own_id})' if own_id else ''}. {c.title}"
        # user text is shown as written: "[/]" in a title is text, never markup
        table = Table(title=escape(normalize_text(title)), title_justify="left", show_header=False,
                      expand=True)
        table.add_column("what", style="bold", width=label_width, overflow="fold")
        table.add_column("detail", overflow="fold")
        def row(label: str, detail: str) -> None:
            # control characters (ESC from a PDF's text) never reach the terminal
            table.add_row(escape(label), escape(normalize_text(detail)))

        row(t("table.values"), c.values)
        row(t("table.ambition"), c.ambition)
        row(t("table.flags"), c.flags)
        for e in c.evidence:
            detail = "; ".join(f"«{x}»" for x in e.phrases)
            if e.function:
                detail += f"{'  ' if detail else ''}[{t('table.function')}: «{e.function}»]"
            row(f"  {e.label}", detail or e.detail or "—")
        row(t("table.reasons"), "\n".join(c.reasons) or "—")
        if c.suggestions:
            row(t("table.suggestions"), "\n".join(f"• {s}" for s in c.suggestions))
        console.print(table)
    return console.export_text()


def _user_id(p: Proposal) -> str:
    """A table row's own id; ids ambicion made up ("<file>#<n>") are not shown."""
    a = p.assessment
    stem = PurePath(p.source).stem if p.source else ""
    made_up = "#" in a.id and a.id.rsplit("#", 1)[0] in {stem, "draft", "stdin", "text"}
    return "" if made_up or not a.id else a.id
