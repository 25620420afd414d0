"""`ambicion screen`: judge the commitments of plans, drafts, tables or standard input."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import List, Optional

import typer

import ambicion
from ambicion.errors import failure_reason
from ambicion.model import Assessment
from ambicion.screening import read_commitments, reading_warnings, render_records

from ..common import fail, progress, report_failures, report_warnings

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
        if not path.is_file():
            raise fail(f"{path}: functions file not found", 2)
    if functions:
        try:  # read once, and fail once for a bad functions file rather than once per input
            from ambicion.judge.functions import function_items

            function_list = function_items(list(functions))
        except ambicion.AmbicionError as exc:
            raise fail(str(exc), 2)
    else:
        function_list = None
    rows: list[tuple[str, Assessment]] = []
    failures: list[tuple[str, str]] = []
    with progress(inputs, "screening") as items:
        for source in items:
            try:
                commitments = read_commitments(source, lang)
                report_warnings(str(source), reading_warnings(commitments))
                judged = ambicion.assess_many(commitments, functions=function_list, language=lang)
                rows.extend((source, a) for a in judged)
            except Exception as exc:  # one bad file must not stop the others
                failures.append((source, failure_reason(exc, source)))
    if rows:
        try:
            write(rows, fmt, output, lang, [i for i in inputs if i != "-"])
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(str(exc))
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


def write(rows: list[tuple[str, Assessment]], fmt: str, output: Path | None, lang: str | None,
          inputs: list[str]) -> None:
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
    from rich.table import Table

    from ambicion.labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
    from ambicion.report.forum import distinct_phrases

    console = Console(record=True, width=110, file=io.StringIO(), force_terminal=False)
    for a in assessments:
        lang = a.language
        t = Table(title=f"{a.id}  {a.title}", title_justify="left", show_header=False, expand=True)
        t.add_column("what", style="bold", width=22)
        t.add_column("detail")
        values = [v for v in a.values if v.present]
        t.add_row("Valores" if lang == "es" else "Values",
                  ", ".join(f"{VALUE_NAMES[v.code][lang]} ({v.probability:.2f})" for v in values) or "—")
        t.add_row("Ambición" if lang == "es" else "Ambition",
                  f"{AMBITION_NAMES[a.ambition][lang]} ({a.ambition_probabilities[a.ambition]:.2f})")
        flags = [f for f in a.flags if f.present]
        t.add_row("Alertas" if lang == "es" else "Flags",
                  ", ".join(FLAG_NAMES[f.code][lang] for f in flags) or "—")
        for v in values:
            if v.evidence:
                t.add_row(f"  {VALUE_NAMES[v.code][lang]}", "; ".join(f"«{p}»" for p in distinct_phrases(v.evidence)))
        for f in flags:
            detail = "; ".join(f"«{p}»" for p in distinct_phrases(f.evidence))
            if f.functions:
                detail += "".join(f"\n  [{c.reference}] «{c.function}» ← «{c.phrase}»" for c in f.functions)
            elif f.matched_function:
                detail += f"  [{f.matched_function} · {f.similarity:.2f}]" if f.similarity else ""
            if detail:
                t.add_row(f"  {FLAG_NAMES[f.code][lang]}", detail)
        t.add_row("Razones" if lang == "es" else "Reasons", "\n".join(a.ambition_reasons))
        if a.suggestions:
            t.add_row("Sugerencias" if lang == "es" else "Suggestions", "\n".join(f"• {s}" for s in a.suggestions))
        console.print(t)
    return console.export_text()
