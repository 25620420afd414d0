"""`ambicion screen`: judge the commitments of plans, drafts, tables or standard input."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path, PurePath
from typing import List, Optional

import typer

import ambicion
from ambicion import Assessment, Proposal

from ..common import (
    bad_choice, fail, language, messages_for, progress, report_failures, report_warnings, t,
)

FORMATS = ("table", "json", "jsonl", "csv", "html", "md", "xlsx", "docx")
REPORT_FORMATS = ("html", "md", "xlsx", "docx")
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
    ) -> None:
        screen(inputs, fmt, output, functions, lang)


def screen(inputs: list[str], fmt: str, output: Path | None, functions: list[Path] | None,
           lang: str | None) -> None:
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
        if not path.is_file():
            raise fail(t("err.functions_missing", path=path), 2)
    function_list = None
    if functions:
        try:  # read once, and fail once for a bad functions file rather than once per input
            function_list = ambicion.read_functions(functions)
        except ambicion.AmbicionError as exc:
            raise fail(str(exc), 2) from None
    rows: list[tuple[str, Assessment]] = []
    proposals: list[Proposal] = []
    failures: list[tuple[str, str]] = []
    try:
        with progress(inputs, t("progress.screening")) as items:
            for source in items:
                try:
                    commitments = ambicion.read_commitments(source, language=lang)
                    report_warnings(str(source), ambicion.reading_warnings(commitments))
                    judged = ambicion.assess_many(commitments, functions=function_list, language=lang)
                    rows.extend((source, a) for a in judged)
                    proposals += [Proposal(a, c, source) for a, c in zip(judged, commitments)]
                except Exception as exc:  # one bad file must not stop the others
                    failures.append((source, ambicion.failure_reason(exc, source)))
    except KeyboardInterrupt:
        raise fail(t("screen.interrupted"), 130) from None
    if rows:
        try:
            write(rows, proposals, fmt, output, lang, [i for i in inputs if i != "-"])
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(str(exc)) from None
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


def write(rows: list[tuple[str, Assessment]], proposals: list[Proposal], fmt: str,
          output: Path | None, lang: str | None, inputs: list[str]) -> None:
    if fmt in REPORT_FORMATS:
        report_lang = lang or _majority_language([a for _, a in rows])
        ambicion.write_feedback(proposals, output, fmt, lang=report_lang, inputs=inputs)
        return
    if fmt == "table":
        text = render_table(proposals, lang or language(), width=terminal_width())
    else:
        text = ambicion.format_screening(rows, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    ambicion.write_text(output, text, inputs=inputs, encoding="utf-8-sig" if fmt == "csv" else "utf-8")


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
        table = Table(title=escape(title), title_justify="left", show_header=False, expand=True)
        table.add_column("what", style="bold", width=label_width, overflow="fold")
        table.add_column("detail", overflow="fold")
        def row(label: str, detail: str) -> None:
            table.add_row(escape(label), escape(detail))

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
