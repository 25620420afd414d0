"""`ambicion screen`: judge the commitments of plans, drafts, tables or standard input."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

import ambicion
from ambicion.judge.api import assess_many
from ambicion.model import Assessment, Commitment

from ..common import error_reason, fail, progress, report_failures

FORMATS = ("table", "json", "jsonl", "csv", "html", "md", "xlsx")
REPORT_FORMATS = ("html", "md", "xlsx")


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
    failures: list[tuple[str, str]] = []
    with progress(inputs, "screening") as items:
        for source in items:
            try:
                commitments = read_input(source, lang)
                judged = assess_many(commitments, functions=functions, language=lang)
                rows.extend((source, a) for a in judged)
            except Exception as exc:  # one bad file must not stop the others
                failures.append((source, error_reason(exc)))
    if rows:
        try:
            write(rows, fmt, output, lang, [i for i in inputs if i != "-"])
        except ambicion.AmbicionError as exc:
            report_failures(failures)
            raise fail(str(exc))
    report_failures(failures)
    if failures:
        raise typer.Exit(1)


def read_input(source: str, lang: str | None) -> list[Commitment]:
    """Commitments of one input: a plan/draft file, a table, or standard input."""
    from ambicion.io import detect_kind

    if source == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise ambicion.InputError("<stdin>", "no text on standard input")
        return ambicion.read_draft(text, language=lang)
    path = Path(source)
    kind = detect_kind(path)
    if kind == "table":
        from ambicion.extract.table import read_commitment_table

        return read_commitment_table(path)
    if kind == "pdf":
        try:
            plan = ambicion.read_plan(path)
            if plan.commitments:
                return list(plan.commitments)
        except ambicion.NoCommitmentsError:
            pass
        return ambicion.read_draft(path, language=lang)
    return ambicion.read_draft(path, language=lang)


# ---------------------------------------------------------------- rows and formats


def row(source: str, a: Assessment) -> dict:
    """One JSON-ready row: the codes a script needs first, then scores, evidence and advice."""
    present_flags = {f.code: f for f in a.flags}
    rf = present_flags.get("restates_functions")
    return {
        "id": a.id,
        "title": a.title,
        "source": source,
        "language": a.language,
        "values": list(a.value_codes),
        "open_gov_lens": a.open_gov_lens,
        "ambition": a.ambition,
        "flags": list(a.flag_codes),
        "scores": {**{v.code: v.probability for v in a.values},
                   **{f.code: f.probability for f in a.flags},
                   "ambition": dict(a.ambition_probabilities)},
        "evidence": {
            **{v.code: [e.to_dict() for e in v.evidence] for v in a.values if v.present},
            **{f.code: [e.to_dict() for e in f.evidence] for f in a.flags if f.present},
        },
        "matched_function": rf.matched_function if rf else None,
        "function_similarity": rf.similarity if rf else None,
        "ambition_reasons": list(a.ambition_reasons),
        "verifiability": list(a.verifiability),
        "suggestions": list(a.suggestions),
        "text": a.text,
    }


CSV_COLUMNS = ("id", "title", "source", "language", "values", "open_gov_lens", "ambition", "flags",
               "p_access_to_information", "p_civic_participation", "p_public_accountability",
               "p_technology_innovation", "p_e_government", "p_restates_functions", "p_not_verifiable",
               "p_unclear", "p_modest", "p_substantial", "matched_function", "function_similarity",
               "evidence", "ambition_reasons", "verifiability", "suggestions")


def csv_row(r: dict) -> dict:
    from ambicion.frames import neutralize

    out = {k: r.get(k) for k in ("id", "title", "source", "language", "open_gov_lens", "ambition",
                                 "matched_function", "function_similarity")}
    out["values"] = ";".join(r["values"])
    out["flags"] = ";".join(r["flags"])
    for code, p in r["scores"].items():
        if code == "ambition":
            out.update({f"p_{k}": v for k, v in p.items()})
        else:
            out[f"p_{code}"] = p
    out["evidence"] = " | ".join(f"{code}: {e['text']}" for code, ev in r["evidence"].items() for e in ev)
    for key in ("ambition_reasons", "verifiability", "suggestions"):
        out[key] = " | ".join(r[key])
    return {k: neutralize(v) for k, v in out.items()}


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
    dicts = [row(s, a) for s, a in rows]
    if fmt == "json":
        return json.dumps(dicts, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for d in dicts:
            writer.writerow(csv_row(d))
        return buf.getvalue()
    return render_table([a for _, a in rows])


def _majority_language(assessments: list[Assessment]) -> str:
    es = sum(1 for a in assessments if a.language == "es")
    return "es" if es * 2 >= len(assessments) else "en"


def render_table(assessments: list[Assessment]) -> str:
    """A terminal view: one block per commitment with its verdict and the evidence behind it."""
    from rich.console import Console
    from rich.table import Table

    from ambicion.labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES

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
                t.add_row(f"  {VALUE_NAMES[v.code][lang]}", "; ".join(f"«{e.text}»" for e in v.evidence))
        for f in flags:
            detail = "; ".join(f"«{e.text}»" for e in f.evidence)
            if f.matched_function:
                detail += f"  [{f.matched_function} · {f.similarity:.2f}]" if f.similarity else ""
            if detail:
                t.add_row(f"  {FLAG_NAMES[f.code][lang]}", detail)
        t.add_row("Razones" if lang == "es" else "Reasons", "\n".join(a.ambition_reasons))
        if a.suggestions:
            t.add_row("Sugerencias" if lang == "es" else "Suggestions", "\n".join(f"• {s}" for s in a.suggestions))
        console.print(t)
    return console.export_text()
