"""Screening input and output: any input a forum receives in, one record per judged commitment out.

Why in the library: the command line, notebooks and other front ends must read the same
inputs the same way and emit the same JSON/CSV shape, so scripts can rely on it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from .errors import InputError, NoCommitmentsError, valid_unicode
from .model import Assessment, Commitment


STDIN = "<stdin>"
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
MAX_LISTED = 50  # refused rows named one by one per input; the rest are counted


@dataclass(frozen=True)
class ScreenInput:
    """One screening input read: its commitments, and the rows or parts refused (one line each)."""

    source: str
    commitments: tuple[Commitment, ...]
    problems: tuple[str, ...] = ()


def read_screening_input(source: str | Path, language: str | None = None) -> ScreenInput:
    """Read one screening input: a plan/draft file, a commitments table, or "-" (stdin).

    A table's bad rows (and any commitment too long to judge) are returned as `problems`
    while the other rows are kept, so one bad cell does not cost a forum its whole table.
    A pipe (`<(cmd)`, /dev/stdin) is read once, whole, before any reader looks at it.
    InputError (naming `source`) when nothing can be read at all.
    """
    from .io import materialized

    name = str(source)
    if name == "-":
        return _checked(STDIN, _from_stdin(language))
    with materialized(Path(name)) as path:
        return _read_whole(name, path, language)


def _read_whole(name: str, path: Path, language: str | None) -> ScreenInput:
    try:
        got = _from_file(path, language)
    except InputError as exc:
        raise _named(exc, name, path) from None
    return _checked(name, got, renamed_from=str(path))


class ScreenSource:
    """One screening input opened for judging a chunk at a time (see `open_screening_input`).

    A commitments table is read row by row while it is judged, so a table of any length costs
    the same memory; every other input is read whole when opened. `problems` grows as rows
    are refused (the first MAX_LISTED named, the rest counted in `refused`).
    """

    def __init__(self, name: str, commitments: Iterable[Commitment], streamed: bool,
                 problems: Iterable[str] = (), close: Callable[[], None] = lambda: None) -> None:
        self.source, self.streamed = name, streamed
        # an input read whole keeps its commitments (for the reading warnings); a table not
        self.whole: list[Commitment] = [] if streamed else list(commitments)
        self.problems: list[str] = []
        self.refused = 0
        self._items: Iterator[Commitment] = iter(self.whole)
        self._close = close
        self.problems = list(problems)  # already shortened by `_checked`
        self.refused = len(self.problems)

    def refuse(self, problem: str) -> None:
        self.refused += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)

    def listed_problems(self) -> tuple[str, ...]:
        """The refused rows as lines, the ones beyond MAX_LISTED counted in a last line."""
        more = self.refused - len(self.problems)
        return tuple(self.problems) + ((f"… and {more:,} more refused row(s)",) if more else ())

    def chunks(self, size: int) -> Iterator[list[Commitment]]:
        """The commitments, `size` at a time; a table's rows are read as they are asked for."""
        chunk: list[Commitment] = []
        for c in self._items:
            chunk.append(c)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        self._close()

    def __enter__(self) -> "ScreenSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_screening_input(source: str | Path, language: str | None = None) -> ScreenSource:
    """Open one screening input for judging chunk by chunk; close it (or use `with`) after.

    A commitments table (.csv, .tsv, .jsonl) is streamed: its rows are read, checked and
    handed out as they are asked for, its bad rows (and commitments too long to judge) become
    `problems` while the others go on. Other inputs are read whole here, as by
    `read_screening_input`. InputError (naming `source`) when nothing can be read at all;
    for a table whose every row is refused, when its rows run out.
    """
    import contextlib

    from .io import detect_kind, materialized

    name = str(source)
    if name == "-":
        got = read_screening_input(source, language)
        return ScreenSource(got.source, got.commitments, False, got.problems)
    with contextlib.ExitStack() as stack:
        path = stack.enter_context(materialized(Path(name)))
        if path.suffix.lower() in SPREADSHEET_SUFFIXES or detect_kind(path) != "table":
            got = _read_whole(name, path, language)
            return ScreenSource(got.source, got.commitments, False, got.problems)
        from .extract.table import TableStream

        try:
            table = TableStream(path)
        except InputError as exc:
            raise _named(exc, name, path) from None
        stack.callback(table.close)
        out = ScreenSource(name, (), True, close=stack.pop_all().close)
    out._items = _table_commitments(out, table, name, path)
    return out


def _named(exc: InputError, name: str, path: Path) -> InputError:
    """`exc` naming the input as the user gave it, not the private copy of a pipe."""
    if str(path) != name and exc.source == str(path):
        return type(exc)(name, exc.reason)
    return exc


def _table_commitments(out: ScreenSource, table, name: str, path: Path) -> Iterator[Commitment]:
    """A table's judgeable commitments; refused rows go to `out.problems` on the way."""
    from .extract.table import RowProblem
    from .limits import limits

    cap = limits().max_commitment_chars
    kept = 0
    try:
        for item in table:
            if isinstance(item, RowProblem):
                out.refuse(str(item))
            elif len(item.text) > cap:
                out.refuse(f"commitment {item.id} has {len(item.text):,} characters, over the "
                           f"{cap:,} limit for one commitment; split it")
            else:
                kept += 1
                yield _renamed(item, str(path), name) if str(path) != name else item
    except InputError as exc:
        raise _named(exc, name, path) from None
    if not kept and out.refused:
        more = out.refused - 1
        raise InputError(name, f"no usable row: {out.problems[0]}" + (f" (and {more} more)" if more else ""))


def read_commitments(source: str | Path, language: str | None = None) -> list[Commitment]:
    """Commitments of one screening input; InputError if any row or part was refused.

    A PDF in which the plan reader finds no commitment is read as a draft, because forums
    receive one-page proposals as PDFs too.
    """
    got = read_screening_input(source, language)
    if got.problems:
        more = len(got.problems) - 1
        raise InputError(got.source, got.problems[0] + (f" (and {more} more)" if more else ""))
    return list(got.commitments)


def _from_stdin(language: str | None) -> tuple[list[Commitment], tuple[str, ...]]:
    from .extract.draft import read_draft
    from .textcodec import decode_text, normalize_text
    from .limits import limits, megabytes

    cap = limits().max_stream_bytes
    if sys.stdin is None:
        raise InputError(STDIN, "standard input is closed")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        raw = stream.read(cap + 1) if stream is not None else sys.stdin.read(cap + 1).encode("utf-8")
    except (OSError, ValueError) as exc:  # closed, or a descriptor that cannot be read
        raise InputError(STDIN, f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    except UnicodeDecodeError:
        raise InputError(STDIN, "not a text file (binary content)") from None
    if len(raw) > cap:
        raise InputError(STDIN, f"more than the {megabytes(cap)} limit for standard input")
    text = normalize_text(decode_text(raw, STDIN, "pipe a draft's text, or give the file's name").text)
    if not text.strip():
        raise InputError(STDIN, "no text on standard input")
    return read_draft(text, language=language), ()


def _from_file(path: Path, language: str | None) -> tuple[list[Commitment], tuple[str, ...]]:
    from .extract.draft import read_draft
    from .extract.plan import read_plan
    from .io import detect_kind

    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise InputError(path, "a spreadsheet; save it as .csv (with an 'id' and a 'text' column) to screen it")
    kind = detect_kind(path)
    if kind == "table":
        from .extract.table import read_table

        table = read_table(path)
        if not table.commitments and table.problems:
            first = table.problems[0]
            more = len(table.problems) - 1
            raise InputError(path, f"no usable row: {first}" + (f" (and {more} more)" if more else ""))
        return list(table.commitments), tuple(str(p) for p in table.problems)
    if kind == "pdf":
        try:
            plan = read_plan(path)
            if plan.commitments:
                return list(plan.commitments), ()
        except NoCommitmentsError:
            pass
    return read_draft(path, language=language), ()


def _checked(name: str, got: tuple[list[Commitment], tuple[str, ...]], renamed_from: str = "") -> ScreenInput:
    """Refuse commitments too long to judge (spaCy's own limit would fail the whole batch)."""
    from .limits import limits

    commitments, problems = got
    cap = limits().max_commitment_chars
    keep: list[Commitment] = []
    extra: list[str] = []
    for c in commitments:
        if len(c.text) > cap:
            extra.append(f"commitment {c.id} has {len(c.text):,} characters, over the {cap:,} limit "
                         "for one commitment; split it")
        else:
            keep.append(c)
    if renamed_from and renamed_from != name:
        keep = [_renamed(c, renamed_from, name) for c in keep]
    if not keep and extra:
        raise InputError(name, extra[0] + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
    refused = [*problems, *extra]
    if len(refused) > MAX_LISTED:  # a table of thousands of bad rows: name the first ones
        refused = refused[:MAX_LISTED] + [f"… and {len(refused) - MAX_LISTED:,} more refused row(s)"]
    return ScreenInput(name, tuple(keep), tuple(refused))


def _renamed(c: Commitment, old: str, new: str) -> Commitment:
    """A commitment read from a private copy of a pipe, credited to the name the user gave."""
    from dataclasses import replace

    if c.provenance is None or c.provenance.source != old:
        return c
    return replace(c, provenance=replace(c.provenance, source=new))


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
        "source": valid_unicode(source),  # a name with undecodable bytes is still written
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


class RecordStream:
    """Screening records written to `fh` as they are judged (JSON, JSONL or CSV).

    Why: a table of a hundred thousand commitments must not be held whole in memory to be
    written; each chunk is written and dropped. Nothing at all is written until the first row
    (so an input that fails entirely leaves no half-document), and `close` ends a JSON array.
    """

    def __init__(self, fh: IO[str], fmt: str) -> None:
        if fmt not in ("json", "jsonl", "csv"):
            raise ValueError(f"unknown screening format {fmt!r}")
        self.fh, self.fmt, self.count = fh, fmt, 0
        self._csv: csv.DictWriter | None = None

    def write(self, rows: Iterable[tuple[str, Assessment]]) -> None:
        for source, a in rows:
            record = screen_record(source, a)
            if self.fmt == "jsonl":
                self.fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                body = json.dumps(record, ensure_ascii=False, indent=2)
                self.fh.write(("[\n" if self.count == 0 else ",\n") + "  " + body.replace("\n", "\n  "))
            else:
                if self._csv is None:
                    self._csv = csv.DictWriter(self.fh, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
                    self._csv.writeheader()
                self._csv.writerow(csv_row(record))
            self.count += 1

    def close(self) -> None:
        if self.fmt == "json" and self.count:
            self.fh.write("\n]\n")


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
