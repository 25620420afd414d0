"""Read a table of commitments (.csv, .tsv or .jsonl with `id` and `text`) for screening.

Users who already hold commitments in a spreadsheet give them this way. Ids are kept
verbatim (as text) so results join back to the user's own rows; the text goes into
`description`, an optional `title` column into `title`.

Why rows fail one by one: in a table of hundreds of commitments one empty or malformed
cell must not cost the user the other rows, so `read_table` returns the good commitments and
a numbered problem per bad row; only what breaks the whole file (missing columns, a file
that is not a table, too many rows) is an InputError.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

from ..errors import InputError
from ..io import bounded_lines, read_input_bytes
from ..textcodec import decode_text, normalize_text
from ..lang import detect_language
from ..limits import limits
from ..model import Commitment, Provenance
from .seen_ids import SeenIds

REQUIRED = ("id", "text")
# every column a row is read from: one named twice leaves which one counts to chance
READ_COLUMNS = frozenset({"id", "text", "title", "language", "number", "institution", "institutions"})
# how spreadsheets, pandas and databases write a missing value into a text cell
_MISSING = frozenset({"nan", "null", "none", "n/a", "#n/a", "undefined"})
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RowProblem:
    """One row that could not be used: its number (a line number in the file) and why."""

    row: int
    reason: str
    unit: str = "row"  # "line" in JSON lines files, where each line is a record

    def __str__(self) -> str:
        return f"{self.unit} {self.row} {self.reason}"


@dataclass(frozen=True)
class TableRead:
    """The usable rows of a table as commitments, the rows refused, and the text encoding."""

    commitments: tuple[Commitment, ...]
    problems: tuple[RowProblem, ...]
    encoding: str


def read_commitment_table(path: str | Path) -> list[Commitment]:
    """One Commitment per row; InputError for missing columns or any bad row (the first is named).

    Strict on purpose, for scripts that want all or nothing; `read_table` keeps the good rows.
    """
    result = read_table(path)
    if result.problems:
        first = result.problems[0]
        more = len(result.problems) - 1
        raise InputError(path, f"{first}" + (f" (and {more} more bad row(s))" if more else ""))
    return list(result.commitments)


def read_table(path: str | Path) -> TableRead:
    """Read every row into memory; bad rows become RowProblems, whole-file faults InputError.

    Holds the whole table, so it keeps the `max_table_rows` cap; `TableStream` reads a
    table of any length a row at a time.
    """
    p = Path(path)
    out: list[Commitment] = []
    problems: list[RowProblem] = []
    cap = limits().max_table_rows
    with TableStream(p) as stream:
        for item in stream:
            if isinstance(item, RowProblem):
                problems.append(item)
                continue
            if len(out) >= cap:
                raise InputError(p, f"has more than {cap:,} rows, too many to hold at once; read it "
                                    "row by row (TableStream), or set AMBICION_MAX_TABLE_ROWS")
            out.append(item)
        encoding = stream.encoding
    return TableRead(tuple(out), tuple(problems), encoding)


class TableStream:
    """A table's rows as Commitments (or RowProblems), read from the file one at a time.

    Why: a researcher's table of 200,000 rows must be judged and written without being held;
    memory stays flat in the row count (only a 20-byte digest of each id seen is kept, to
    refuse repeats; extract/seen_ids.py).
    Opening reads the header and checks the encoding in one pass (InputError for a file
    that is not a table, lacks columns or is empty); a file that is not a regular file (a
    pipe) is read whole first, within the stream limit. Use it as a context manager.
    """

    def __init__(self, path: str | Path) -> None:
        import warnings

        from ..io import display_name, input_stat
        from ..textcodec import EncodingNote, file_encoding

        p = Path(path)
        self.path = p
        suffix = p.suffix.lower()
        if suffix not in {".jsonl", ".ndjson", ".csv", ".tsv"}:
            raise InputError(p, "unknown table format; use .csv, .tsv or .jsonl")
        import stat as stat_mode

        hint = "give a UTF-8 .csv, .tsv or .jsonl table"
        if stat_mode.S_ISREG(input_stat(p).st_mode):
            codec, self.encoding = file_encoding(p, p, hint)
            try:
                self._fh: IO[str] = open(p, encoding=codec,
                                         newline="" if suffix in {".csv", ".tsv"} else "\n")
            except OSError as exc:
                raise InputError(p, f"cannot be read ({exc.strerror or exc})") from None
        else:
            decoded = decode_text(read_input_bytes(p), p, hint)
            self.encoding = decoded.encoding
            self._fh = io.StringIO(decoded.text, newline="" if suffix in {".csv", ".tsv"} else "\n")
        if self.encoding not in ("UTF-8", "UTF-16", "UTF-32"):
            warnings.warn(EncodingNote(f"{display_name(p)}: not UTF-8; read as {self.encoding}"),
                          stacklevel=2)
        try:
            self._rows, self._unit = self._open(p, suffix)
        except BaseException:
            self._fh.close()
            raise

    def _open(self, p: Path, suffix: str) -> tuple[Iterator[tuple[int, dict[str, Any] | RowProblem]], str]:
        block = self._fh.read(1 << 16)
        while block and not block.strip():
            block = self._fh.read(1 << 16)
        if not block:
            raise InputError(p, "empty table file")
        self._fh.seek(0)
        if suffix in {".jsonl", ".ndjson"}:
            return _jsonl(p, self._fh), "line"
        columns, rows = _csv(p, self._fh, "\t" if suffix == ".tsv" else None)
        _require_columns(p, columns)
        return rows, "row"

    def __iter__(self) -> Iterator[Commitment | RowProblem]:
        seen = SeenIds()
        any_row = False
        for line_no, row in self._rows:
            any_row = True
            if isinstance(row, RowProblem):
                yield row
                continue
            made = _commitment(self.path, line_no, row, seen, self._unit)
            if isinstance(made, Commitment):
                seen.add(made.id, line_no)
            yield made
        if not any_row:
            raise InputError(self.path, "the table has no rows")

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "TableStream":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _require_columns(p: Path, columns: list[str]) -> None:
    for name in sorted(READ_COLUMNS):
        where = [str(i) for i, c in enumerate(columns, 1) if c == name]
        if len(where) > 1:
            raise InputError(p, f"the header names the column {name!r} more than once (columns "
                                f"{', '.join(where)}); keep one")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = ", ".join(c for c in columns if c) if any(columns) else "none"
        raise InputError(p, f"missing column(s) {', '.join(missing)} (found: {found}); "
                            "the table needs an 'id' and a 'text' column")


def _commitment(p: Path, line_no: int, row: dict[str, Any], seen: SeenIds,
                unit: str) -> Commitment | RowProblem:
    cid, why = _cell(row.get("id"), "id", allow_number=True, strict=True)
    if why:
        return RowProblem(line_no, why, unit)
    text, why = _cell(row.get("text"), "text", strict=True)
    if why:
        return RowProblem(line_no, why, unit)
    if not cid:
        return RowProblem(line_no, "has an empty id", unit)
    if not text:
        return RowProblem(line_no, f"(id {cid}) has an empty text", unit)
    if len(text) > limits().max_commitment_chars:
        return RowProblem(line_no, f"(id {cid}) has a text of {len(text):,} characters, over the "
                                   f"{limits().max_commitment_chars:,} limit for one commitment", unit)
    first = seen.row_of(cid)
    if first is not None:
        return RowProblem(line_no, f"repeats id {cid!r} (rows {first} and {line_no})", unit)
    fields: dict[str, str] = {}
    for name in ("title", "language", "number", "institution", "institutions"):
        value, why = _cell(row.get(name), name, allow_number=name == "number")
        if why:
            return RowProblem(line_no, f"(id {cid}) {why}", unit)
        fields[name] = value
    lang = fields["language"].lower()
    language = detect_language(text) if lang not in ("es", "en") else ("en" if lang == "en" else "es")
    institutions = fields["institution"] or fields["institutions"]
    return Commitment(
        id=cid, number=fields["number"] or None, title=" ".join(fields["title"].split()),
        description=text,
        institutions=tuple(x.strip() for x in institutions.split(";") if x.strip()),
        language=language, provenance=Provenance(source=str(p)),
    )


def _cell(value: Any, name: str, allow_number: bool = False, strict: bool = False) -> tuple[str, str]:
    """(text, "") for a usable cell, ("", reason) for one that is not text at all.

    JSON objects, arrays, booleans and NaN are refused rather than judged as their repr; with
    `strict` (the id and the text) so are "NaN"/"null" strings and JSON written into a cell,
    while in optional columns such a marker just means empty.
    """
    if value is None:
        return "", ""
    if isinstance(value, str):
        text = normalize_text(value).strip()
        if text.lower() in _MISSING:
            return ("", f"has {text!r} as its {name} (a missing value), not text") if strict else ("", "")
        if strict and text[:1] in "[{" and text[-1:] in "]}":
            with contextlib.suppress(ValueError, RecursionError):
                parsed = json.loads(text)
                if isinstance(parsed, (dict, list)):
                    kind = "a JSON object" if isinstance(parsed, dict) else "a JSON array"
                    return "", f"has {kind} as its {name}, not text"
        return text, ""
    if isinstance(value, bool):
        return "", f"has true/false as its {name}, not text"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return "", f"has {value!r} (not a number) as its {name}, not text"
        if not allow_number:
            return "", f"has a number as its {name}, not text"
        return (str(int(value)) if float(value).is_integer() else str(value)), ""
    kind = "a JSON object" if isinstance(value, dict) else "a JSON array" if isinstance(value, list) \
        else type(value).__name__
    return "", f"has {kind} as its {name}, not text"


# ---------------------------------------------------------------- CSV


def _csv(p: Path, fh: IO[str], delimiter: str | None) -> tuple[list[str], Iterator[tuple[int, dict[str, Any] | RowProblem]]]:
    """The header's columns and a stream of (line number, row) pairs.

    `fh` is opened with newline="" so line breaks inside quoted cells stay inside the cell.
    """
    if delimiter is None:
        header = _first_line(fh)
        delimiter = max(_DELIMITERS, key=header.count) if any(d in header for d in _DELIMITERS) else ","
    cell_cap = limits().max_table_cell_chars
    if csv.field_size_limit() != cell_cap:
        csv.field_size_limit(cell_cap)  # Python's default (128 KB) refuses a long commitment
    lines = _QuoteCountingLines(fh)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header_row = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise InputError(p, f"not a readable CSV file ({exc})") from None
    columns = [_column(c) for c in header_row]

    def rows() -> Iterator[tuple[int, dict[str, Any] | RowProblem]]:
        nonlocal reader, lines
        skipped = 0  # physical lines passed over after an oversized cell (the reader never saw them)
        line_no = reader.line_num + 1
        while True:
            lines.start_row()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger" not in str(exc):
                    raise InputError(p, f"not a readable CSV file (line {reader.line_num + skipped}: {exc})") from None
                # one row too long: skip to the end of its quoted cell and read on
                skipped += lines.skip_open_quote()
                start, line_no = line_no, reader.line_num + skipped + 1
                yield start, RowProblem(start, f"has a cell longer than {cell_cap:,} characters")
                continue
            start, line_no = line_no, reader.line_num + skipped + 1
            if lines.unclosed():
                # a quote opened and never closed: the reader took every line to the end of the
                # file into this row; say so, and read those lines again as the rows they are
                taken = lines.taken[1:]
                yield start, RowProblem(start, f"opens a quoted cell that is never closed (it ran to the end "
                                               f"of the file); the {len(taken):,} line(s) after it were read "
                                               "on their own")
                lines = _QuoteCountingLines(iter(taken))
                reader = csv.reader(lines, delimiter=delimiter)
                skipped, line_no = start, start + 1
                continue
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(columns):
                yield start, RowProblem(start, f"has {len(values)} cells but the header names {len(columns)}")
                continue
            yield start, {c: v for c, v in zip(columns, values) if c}

    return columns, rows()


class _QuoteCountingLines:
    """The file's physical lines for the csv reader, counting the quote marks handed over.

    When the reader gives up on a cell over the size limit it leaves the rest of that cell
    in the file; an odd count of quotes since the row began means a quoted cell is still
    open, so the lines up to the one that closes it are passed over (a doubled quote inside
    a cell counts twice and keeps the parity), and the next row starts where the file's does.
    """

    def __init__(self, fh: Iterator[str] | IO[str]) -> None:
        self._fh = fh
        self.quotes = 0
        self.taken: list[str] = []  # the lines of the row being read
        self.ended = False

    def __iter__(self) -> _QuoteCountingLines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._fh)
        except StopIteration:
            self.ended = True
            raise
        self.quotes += line.count('"')
        self.taken.append(line)
        return line

    def start_row(self) -> None:
        self.quotes = 0
        self.taken = []

    def unclosed(self) -> bool:
        """True when the row just read began a quoted cell that the file ended inside: it took
        several lines, an odd count of quotes, and the file's end."""
        return self.ended and len(self.taken) > 1 and self.quotes % 2 == 1

    def skip_open_quote(self) -> int:
        """Pass over lines until the open quoted cell closes; how many lines were passed."""
        passed = 0
        while self.quotes % 2:
            try:
                next(self)
            except StopIteration:
                break
            passed += 1
        return passed


def _first_line(fh: IO[str], cap: int = 1 << 20) -> str:
    """The text up to the first "\\n" (at most `cap` characters), the file rewound after."""
    parts: list[str] = []
    size = 0
    while size < cap:
        block = fh.read(8192)
        if not block:
            break
        cut = block.find("\n")
        if cut >= 0:
            parts.append(block[:cut])
            break
        parts.append(block)
        size += len(block)
    fh.seek(0)
    return "".join(parts)


def _column(name: str) -> str:
    return normalize_text(name).strip().lower()


# ---------------------------------------------------------------- JSON lines


class _RepeatedKey(Exception):
    """A JSON object names a field that rows are read from twice (json keeps the last)."""


def _unique_read_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        name = _column(str(key))
        if name in READ_COLUMNS:
            if name in seen:
                raise _RepeatedKey(name)
            seen.add(name)
    return dict(pairs)


def _jsonl(p: Path, fh: IO[str]) -> Iterator[tuple[int, dict[str, Any] | RowProblem]]:
    """(line number, object) per non-blank line; a line that is not an object is a RowProblem.

    `fh` splits on "\\n" only (opened with newline="\\n"): U+2028 and friends may sit raw
    inside a JSON string.
    """
    cell_cap = limits().max_table_cell_chars
    for k, line in enumerate(bounded_lines(fh, cell_cap), start=1):
        if line is None:
            yield k, RowProblem(k, f"is longer than {cell_cap:,} characters", "line")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line, object_pairs_hook=_unique_read_keys)
        except _RepeatedKey as exc:
            yield k, RowProblem(k, f"names the field {exc.args[0]!r} more than once", "line")
            continue
        except json.JSONDecodeError as exc:
            yield k, RowProblem(k, f"is not valid JSON ({exc.msg})", "line")
            continue
        except RecursionError:
            yield k, RowProblem(k, "is JSON nested too deeply to read", "line")
            continue
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            yield k, RowProblem(k, f"is not usable JSON ({' '.join(str(exc).split())[:80]})", "line")
            continue
        if not isinstance(obj, dict):
            yield k, RowProblem(k, "is not a JSON object", "line")
            continue
        obj = {_column(str(key)): v for key, v in obj.items()}
        if "id" not in obj or "text" not in obj:
            yield k, RowProblem(k, "lacks an 'id' or 'text' field", "line")
            continue
        yield k, obj
