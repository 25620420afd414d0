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

from ..common import fail, progress, report_failures

FORMATS = ("table", "json", "jsonl", "csv", "html", "md", "xlsx", "docx")
REPORT_FORMATS = ("html", "md", "xlsx", "docx")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)


def screen(
    inputs: List[str] = typer.Argument(..., help="Plans or drafts (.pdf/.docx/.txt/.md), tables "
                                                  "(.csv/.jsonl with id and text), or - for standard input."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv, html, md or xlsx."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: standard output)."),
    functions: Optional[Path] = typer.Option(None, "--functions",
                                             help="The institution's functions (ROF/LOF) as .txt/.md/.pdf/.docx."),
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
    if functions is not None and not functions.is_file():
        raise fail(f"{functions}: functions file not found", 2)
    rows: list[tuple[str, Assessment]] = []
    proposals: list[ambicion.Proposal] = []
    failures: list[tuple[str, str]] = []
    with progress(inputs, "screening") as items:
        for source in items:
            try:
                commitments = ambicion.read_commitments(source, language=lang)
                judged = ambicion.assess_many(commitments, functions=functions, language=lang)
                rows.extend((source, a) for a in judged)
                proposals += [ambicion.Proposal(a, c, source) for a, c in zip(judged, commitments)]
            except Exception as exc:  # one bad file must not stop the others
                failures.append((source, failure_reason(exc, source)))
    if rows:
        try:
            write(rows, proposals, fmt, output, lang, [i for i in inputs if i != "-"])
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(str(exc))
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


def write(rows: list[tuple[str, Assessment]], proposals: list[ambicion.Proposal], fmt: str,
          output: Path | None, lang: str | None, inputs: list[str]) -> None:
    if fmt in REPORT_FORMATS:
        report_lang = lang or _majority_language([a for _, a in rows])
        ambicion.write_feedback(proposals, output, fmt, lang=report_lang, inputs=inputs)
        return
    text = render(rows, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    ambicion.write_text(output, text, inputs=inputs, encoding="utf-8-sig" if fmt == "csv" else "utf-8")


def render(rows: list[tuple[str, Assessment]], fmt: str) -> str:
    if fmt == "table":
        return render_table([a for _, a in rows])
    return ambicion.format_screening(rows, fmt)


def _majority_language(assessments: list[Assessment]) -> str:
    es = sum(1 for a in assessments if a.language == "es")
    return "es" if es * 2 >= len(assessments) else "en"


def render_table(assessments: list[Assessment]) -> str:
    """A terminal view: one block per commitment with its verdict and the evidence behind it."""
    from rich.console import Console
    from rich.table import Table

    from ambicion.labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
    from ambicion.report.evidence import distinct_phrases

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
            if f.matched_function:
                detail += f"  [{f.matched_function} · {f.similarity:.2f}]" if f.similarity else ""
            if detail:
                t.add_row(f"  {FLAG_NAMES[f.code][lang]}", detail)
        t.add_row("Razones" if lang == "es" else "Reasons", "\n".join(a.ambition_reasons))
        if a.suggestions:
            t.add_row("Sugerencias" if lang == "es" else "Suggestions", "\n".join(f"• {s}" for s in a.suggestions))
        console.print(t)
    return console.export_text()
