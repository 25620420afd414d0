"""Read a table of commitments (.csv, .tsv or .jsonl with `id` and `text`) for screening.

Users who already hold commitments in a spreadsheet give them this way. Ids are kept
verbatim (as text) so results join back to the user's own rows; the text goes into
`description`, an optional `title` column into `title`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError, MissingFileError
from ..lang import detect_language
from ..model import Commitment, Provenance

REQUIRED = ("id", "text")


def read_commitment_table(path: str | Path) -> list[Commitment]:
    """One Commitment per row; InputError for missing columns, empty text or repeated ids."""
    p = Path(path)
    if not p.is_file():
        raise MissingFileError(p)
    suffix = p.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        rows, columns = _jsonl(p)
    elif suffix in {".csv", ".tsv"}:
        rows, columns = _csv(p, "\t" if suffix == ".tsv" else None)
    else:
        raise InputError(p, "unknown table format; use .csv, .tsv or .jsonl")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = ", ".join(columns) if columns else "none"
        raise InputError(p, f"missing column(s) {', '.join(missing)} (found: {found}); "
                            "the table needs an 'id' and a 'text' column")
    out: list[Commitment] = []
    seen: dict[str, int] = {}
    for line_no, row in rows:
        cid = _text(row.get("id"))
        text = _text(row.get("text"))
        if not cid:
            raise InputError(p, f"row {line_no} has an empty id")
        if not text:
            raise InputError(p, f"row {line_no} (id {cid}) has an empty text")
        if cid in seen:
            raise InputError(p, f"id {cid!r} appears twice (rows {seen[cid]} and {line_no})")
        seen[cid] = line_no
        lang = _text(row.get("language")).lower()
        language = lang if lang in ("es", "en") else detect_language(text)
        number = _text(row.get("number")) or None
        out.append(Commitment(
            id=cid, number=number, title=_text(row.get("title")), description=text,
            institutions=tuple(x.strip() for x in _text(row.get("institution") or row.get("institutions"))
                               .split(";") if x.strip()),
            language=language, provenance=Provenance(source=str(p)),
        ))
    if not out:
        raise InputError(p, "the table has no rows")
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _csv(p: Path, delimiter: str | None) -> tuple[list[tuple[int, dict]], list[str]]:
    raw = p.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
    if not content.strip():
        raise InputError(p, "empty table file")
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(content[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(content.splitlines(), delimiter=delimiter)
    columns = [_column(c) for c in (reader.fieldnames or [])]
    rows = []
    try:
        for k, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows.append((k, {_column(key): v for key, v in row.items() if key is not None}))
    except csv.Error as exc:
        raise InputError(p, f"not a readable CSV file ({exc})") from None
    return rows, columns


def _column(name: str) -> str:
    return name.strip().lower()


def _jsonl(p: Path) -> tuple[list[tuple[int, dict]], list[str]]:
    rows: list[tuple[int, dict]] = []
    columns: list[str] = []
    for k, line in _lines(p):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(p, f"line {k} is not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(p, f"line {k} is not a JSON object")
        obj = {_column(key): v for key, v in obj.items()}
        for key in obj:
            if key not in columns:
                columns.append(key)
        rows.append((k, obj))
    if not rows:
        raise InputError(p, "empty table file")
    if any(c not in columns for c in REQUIRED):
        return rows, columns
    missing_rows = [k for k, r in rows if "text" not in r or "id" not in r]
    if missing_rows:
        raise InputError(p, f"line {missing_rows[0]} lacks an 'id' or 'text' field")
    return rows, columns


def _lines(p: Path) -> Iterator[tuple[int, str]]:
    with p.open("r", encoding="utf-8-sig", errors="replace") as fh:
        for k, line in enumerate(fh, start=1):
            if line.strip():
                yield k, line
