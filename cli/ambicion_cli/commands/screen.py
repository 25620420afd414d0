"""`ambicion screen`: judge the commitments of plans, drafts, tables or standard input."""

from __future__ import annotations

import contextlib
import io
import sys
import warnings
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer

import ambicion
from ambicion.errors import failure_reason
from ambicion.errors import InputNote
from ambicion.io import guard_output
from ambicion.limits import TimeLimitExceeded, limits, time_limit, uninterrupted
from ambicion.model import Assessment
from ambicion.screening import RecordStream, read_screening_input, reading_warnings, render_records

from ..common import fail, note, progress, report_failures, report_warnings, silence_stdout

FORMATS = ("table", "json", "jsonl", "csv", "html", "md", "xlsx")
REPORT_FORMATS = ("html", "md", "xlsx")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)


def screen(
    inputs: List[str] = typer.Argument(..., help="Plans or drafts (.pdf/.docx/.txt/.md), tables "
                                                  "(.csv/.jsonl with id and text), or - for standard input."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv, html, md or xlsx."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: standard output)."),
    functions: Optional[List[Path]] = typer.Option(None, "--functions",
                                                   help="The institution's functions (ROF/LOF) as .txt/.md/.pdf/.docx; "
                                                        "repeat for several files."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the language: es or en (default: detect)."),
    timeout: float = typer.Option(limits().screen_timeout_seconds, "--timeout", min=0,
                                  help="Give up on an input after this many seconds (0: no limit)."),
) -> None:
    """Say which OGP values each commitment advances, how ambitious it is, and why."""
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    if lang is not None and lang not in ("es", "en"):
        raise fail(f"--lang must be es or en, not {lang!r}", 2)
    if fmt in REPORT_FORMATS and output is None:
        raise fail(f"--format {fmt} writes a file; give it with -o", 2)
    if inputs.count("-") > 1:
        raise fail("standard input (-) can be given only once", 2)
    for path in functions or ():
        if not path.exists():
            raise fail(f"{path}: functions file not found", 2)
    failures: list[tuple[str, str]] = []
    inputs_read = [i for i in inputs if i != "-"] + [str(f) for f in functions or ()]
    if output is not None:
        try:
            guard_output(output, inputs_read)
        except ambicion.AmbicionError as exc:
            raise fail(str(exc), 2) from None
    function_list = _functions_once(functions) if functions else None
    try:
        with _sink(fmt, output, lang, inputs_read) as emit, progress(inputs, "screening") as items, \
                _notes_as_lines():
            for source in items:
                try:
                    with time_limit(timeout):
                        got = read_screening_input(source, lang)
                        report_warnings(str(source), reading_warnings(got.commitments))
                        # judged and written a chunk at a time: memory stays flat on big tables
                        for start in range(0, len(got.commitments), CHUNK):
                            chunk = got.commitments[start:start + CHUNK]
                            judged = ambicion.assess_many(chunk, functions=function_list, language=lang)
                            with uninterrupted():  # a timeout never cuts a record in two
                                emit([(source, a) for a in judged])
                    failures.extend((source, problem) for problem in got.problems)
                except (ambicion.OutputError, BrokenPipeError):
                    raise  # the output is broken: no other input can be written either
                except (Exception, TimeLimitExceeded) as exc:  # one bad file must not stop the others
                    named = "<stdin>" if source == "-" else source
                    failures.append((named, failure_reason(exc, named)))
    except _NothingJudged:
        pass  # every input failed: no output file is made
    except BrokenPipeError:  # `screen … | head`: the reader has what it wanted
        silence_stdout()
        raise typer.Exit(141)
    except ambicion.AmbicionError as exc:
        report_failures(failures)
        raise fail(str(exc))
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


CHUNK = 256


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


def _functions_once(paths: List[Path]) -> list:
    """The functions files' items, read once (a pipe can be read only once, and a file need
    not be parsed again for every chunk); a bad file is an option error."""
    from ambicion.io import materialized
    from ambicion.judge.functions import function_items

    try:
        with contextlib.ExitStack() as stack:
            readable = [stack.enter_context(materialized(p)) for p in paths]
            try:
                return list(function_items(readable))
            except ambicion.AmbicionError as exc:  # name the file the user gave, not a copy
                for given, copy in zip(paths, readable):
                    if getattr(exc, "source", None) == str(copy) and copy != given:
                        raise fail(f"{given}: {exc.reason}", 2) from None
                raise
    except ambicion.AmbicionError as exc:
        raise fail(str(exc), 2) from None


class _NothingJudged(Exception):
    """Raised to abandon the output when no commitment could be judged."""


@contextlib.contextmanager
def _sink(fmt: str, output: Path | None, lang: str | None,
          inputs: list[str]) -> Iterator[Callable[[list[tuple[str, Assessment]]], None]]:
    """Where judged rows go: streamed into the output for record formats and the terminal
    table, gathered for the forum reports (which need every commitment at once)."""
    from ambicion.io import atomic_write

    if fmt in REPORT_FORMATS:
        rows: list[tuple[str, Assessment]] = []
        yield rows.extend
        if not rows:
            raise _NothingJudged()
        write(rows, fmt, output, lang, inputs)
        return
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    target = atomic_write(output, inputs=inputs, encoding=encoding,
                          newline="" if fmt == "csv" else None) if output is not None \
        else contextlib.nullcontext(sys.stdout)
    with target as fh:
        count = 0
        stream = RecordStream(fh, fmt) if fmt != "table" else None

        def emit(rows: list[tuple[str, Assessment]]) -> None:
            nonlocal count
            count += len(rows)
            if stream is not None:
                stream.write(rows)
            elif rows:
                fh.write(render_table([a for _, a in rows]))

        yield emit
        if not count:
            raise _NothingJudged()  # discards the temporary output file
        if stream is not None:
            stream.close()


def write(rows: list[tuple[str, Assessment]], fmt: str, output: Path | None, lang: str | None,
          inputs: list[str]) -> None:
    """Write all rows at once (the forum reports; other formats also stream through `_sink`)."""
    from ambicion.io import atomic_write

    if fmt in REPORT_FORMATS:
        try:
            from ambicion.report.forum import write_forum_report
        except ImportError:
            raise ambicion.OutputError(output, f"the {fmt} forum report is not available yet")
        report_lang = lang or _majority_language([a for _, a in rows])
        write_forum_report([a for _, a in rows], output, fmt, report_lang, inputs=inputs)
        return
    text = render(rows, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with atomic_write(output, inputs=inputs, encoding=encoding, newline="" if fmt == "csv" else None) as fh:
        fh.write(text)


def render(rows: list[tuple[str, Assessment]], fmt: str) -> str:
    if fmt == "table":
        return render_table([a for _, a in rows])
    return render_records(rows, fmt)


def _majority_language(assessments: list[Assessment]) -> str:
    es = sum(1 for a in assessments if a.language == "es")
    return "es" if es * 2 >= len(assessments) else "en"


def render_table(assessments: list[Assessment]) -> str:
    """A terminal view: one block per commitment with its verdict and the evidence behind it."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ambicion.textcodec import normalize_text

    from ambicion.labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
    from ambicion.report.forum import distinct_phrases

    console = Console(record=True, width=110, file=io.StringIO(), force_terminal=False)
    for a in assessments:
        lang = a.language
        # user text is shown as written: "[/]" in a title is text, never markup
        t = Table(title=escape(normalize_text(f"{a.id}  {a.title}")), title_justify="left", show_header=False, expand=True)
        t.add_column("what", style="bold", width=22)
        t.add_column("detail")
        values = [v for v in a.values if v.present]
        # and control characters (ESC from a PDF's text) never reach the terminal
        row = lambda label, detail: t.add_row(escape(label), escape(normalize_text(detail)))  # noqa: E731
        row("Valores" if lang == "es" else "Values",
            ", ".join(f"{VALUE_NAMES[v.code][lang]} ({v.probability:.2f})" for v in values) or "—")
        row("Ambición" if lang == "es" else "Ambition",
            f"{AMBITION_NAMES[a.ambition][lang]} ({a.ambition_probabilities[a.ambition]:.2f})")
        flags = [f for f in a.flags if f.present]
        row("Alertas" if lang == "es" else "Flags",
            ", ".join(FLAG_NAMES[f.code][lang] for f in flags) or "—")
        for v in values:
            if v.evidence:
                row(f"  {VALUE_NAMES[v.code][lang]}", "; ".join(f"«{p}»" for p in distinct_phrases(v.evidence)))
        for f in flags:
            detail = "; ".join(f"«{p}»" for p in distinct_phrases(f.evidence))
            if f.functions:
                detail += "".join(f"\n  [{c.reference}] «{c.function}» ← «{c.phrase}»" for c in f.functions)
            elif f.matched_function:
                detail += f"  [{f.matched_function} · {f.similarity:.2f}]" if f.similarity else ""
            if detail:
                row(f"  {FLAG_NAMES[f.code][lang]}", detail)
        row("Razones" if lang == "es" else "Reasons", "\n".join(a.ambition_reasons))
        if a.suggestions:
            row("Sugerencias" if lang == "es" else "Suggestions", "\n".join(f"• {s}" for s in a.suggestions))
        console.print(t)
    return console.export_text()
