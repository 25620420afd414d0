"""Screening input and output: any input a forum receives in, one record per judged commitment out.

Why in the library: the command line, notebooks and other front ends must read the same
inputs the same way and emit the same JSON/CSV shape, so scripts can rely on it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from .errors import InputError, NoCommitmentsError
from .model import Assessment, Commitment


def read_commitments(source: str | Path, language: str | None = None) -> list[Commitment]:
    """Commitments of one screening input: a plan/draft file, a commitments table, or "-" (stdin).

    A PDF in which the plan reader finds no commitment is read as a draft, because forums
    receive one-page proposals as PDFs too.
    """
    from .extract.draft import read_draft
    from .extract.plan import read_plan
    from .io import detect_kind

    if str(source) == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise InputError("<stdin>", "no text on standard input")
        return read_draft(text, language=language)
    path = Path(source)
    kind = detect_kind(path)
    if kind == "table":
        from .extract.table import read_commitment_table

        return read_commitment_table(path)
    if kind == "pdf":
        try:
            plan = read_plan(path)
            if plan.commitments:
                return list(plan.commitments)
        except NoCommitmentsError:
            pass
    return read_draft(path, language=language)


def reading_warnings(commitments: list[Commitment]) -> tuple[str, ...]:
    """What the reader doubts about commitments read from one input (e.g. several commitments
    that seem merged into one record); empty when nothing looks wrong."""
    from .extract.sanity import sanity_warnings

    pages = max((c.provenance.page_end or 0 for c in commitments if c.provenance), default=0)
    return sanity_warnings(commitments, pages)


def screen_record(source: str, a: Assessment) -> dict:
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
        "restated_functions": [c.to_dict() for c in rf.functions] if rf and rf.present else [],
        "goes_beyond": [e.to_dict() for e in rf.beyond] if rf else [],
        "ambition_reasons": list(a.ambition_reasons),
        "verifiability": list(a.verifiability),
        "suggestions": list(a.suggestions),
        "text": a.text,
    }


CSV_COLUMNS = ("id", "title", "source", "language", "values", "open_gov_lens", "ambition", "flags",
               "p_access_to_information", "p_civic_participation", "p_public_accountability",
               "p_technology_innovation", "p_e_government", "p_restates_functions", "p_not_verifiable",
               "p_unclear", "p_modest", "p_substantial", "matched_function", "function_similarity",
               "function_references", "evidence", "ambition_reasons", "verifiability", "suggestions")


def csv_row(r: dict) -> dict:
    """Flatten a screening record for a spreadsheet: lists joined, cells formula-safe."""
    from .frames import neutralize

    out = {k: r.get(k) for k in ("id", "title", "source", "language", "open_gov_lens", "ambition",
                                 "matched_function", "function_similarity")}
    out["values"] = ";".join(r["values"])
    out["flags"] = ";".join(r["flags"])
    for code, p in r["scores"].items():
        if code == "ambition":
            out.update({f"p_{k}": v for k, v in p.items()})
        else:
            out[f"p_{code}"] = p
    out["function_references"] = " | ".join(f"{c['reference']}: {c['phrase']}" for c in r.get("restated_functions", []))
    out["evidence"] = " | ".join(f"{code}: {e['text']}" for code, ev in r["evidence"].items() for e in ev)
    for key in ("ambition_reasons", "verifiability", "suggestions"):
        out[key] = " | ".join(r[key])
    return {k: neutralize(v) for k, v in out.items()}


def render_records(rows: list[tuple[str, Assessment]], fmt: str) -> str:
    """The screening result as JSON, JSONL or CSV text (CSV cells formula-safe)."""
    dicts = [screen_record(s, a) for s, a in rows]
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
    raise ValueError(f"unknown screening format {fmt!r}")
