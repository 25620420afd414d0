"""Load real rated commitments (JSONL rows with the IRM's and OGP's own labels) for training.

Why a separate loader: real rows carry different, partial labels, each from its own source,
and a row only teaches the labels it actually has. Per-value relevance (older IRM method),
relevance yes/no ("relevant to OGP values" or the newer "open-government lens"), potential
impact (before 2020), potential for results (2020 on) and OGP's page field "Ambition:
High/Low" are kept apart here; `targets` turns them into per-label training targets with a
weight per source, and a label a row does not carry is simply absent (a masked loss).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import InputError
from ..io import bounded_lines, input_stat, is_stream, megabytes
from ..labels import VALUE_CODES
from ..limits import limits
from ..textcodec import utf8_error_place

IMPACT_LEVELS = ("none", "minor", "moderate", "transformative")
RESULTS_LEVELS = ("unclear", "modest", "substantial")
TEXT_SOURCES = ("plan", "ogp_page", "irm")
# OGP's own "Ambition: High/Low" page field is a weaker label than the IRM's impact scales:
# it is given to strategies a stricter reading would call modest (see the set's README).
WEAK_WEIGHT = 0.5
SUBSTANTIAL_IMPACT = ("moderate", "transformative")


@dataclass(frozen=True)
class RealRow:
    """One real commitment and the labels shown for it; None means "not shown"."""

    id: str
    country: str
    plan: str
    title: str
    text: str
    text_source: str
    language: str
    irm_values: tuple[str, ...] | None
    irm_relevant: bool | None
    potential_impact: str | None
    potential_for_results: str | None
    ogp_ambition: str | None
    starred: bool | None
    verifiable: bool | None

    @property
    def judged_text(self) -> str:
        """Title and text joined as the judge joins them at screening time."""
        title, text = self.title.strip(), self.text.strip()
        return f"{title}\n{text}" if title and not text.startswith(title) else text

    @property
    def group(self) -> str:
        """Cross-validation group: the member (country or local government); without one, the
        plan, so rows of one document never sit on both sides of a split."""
        if self.country:
            return self.country
        return f"plan {self.plan}" if self.plan else self.id


def _opt_bool(value, name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"{name} must be true, false or null")


def _opt_level(value, name: str, levels: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    level = str(value).strip().lower()
    if level not in levels:
        raise ValueError(f"{name} must be one of {', '.join(levels)} or null, not {value!r}")
    return level


def parse_row(data: Mapping) -> RealRow:
    """One JSON object to a RealRow; ValueError names the first bad field."""
    if not isinstance(data, Mapping):
        raise ValueError("is not a JSON object")
    ident = data.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (str, int, type(None))):
        raise ValueError(f"id must be a string or a whole number, not {_json_kind(ident)}")
    for key in ("text", "title", "country", "plan", "language", "text_source"):
        if not isinstance(data.get(key), (str, type(None))):
            # str() of a list or an object would be learnt from as if it were the words
            raise ValueError(f"{key} must be a string, not {_json_kind(data.get(key))}")
    for key in ("id", "text"):
        if not str(data.get(key) or "").strip():
            raise ValueError(f"missing {key}")
    values = data.get("irm_values")
    if values is not None:
        if not isinstance(values, list) or any(v not in VALUE_CODES for v in values):
            raise ValueError(f"unknown value code in irm_values {values!r}")
        values = tuple(sorted(set(values)))
    ambition = data.get("ogp_ambition")
    ambition = None if ambition in (None, "") else str(ambition).strip().lower()
    if ambition not in (None, "high", "low"):
        raise ValueError(f"ogp_ambition must be high, low or null, not {data.get('ogp_ambition')!r}")
    language = str(data.get("language") or "").strip().lower()
    return RealRow(
        id=str(data["id"]), country=str(data.get("country") or "").strip(),
        plan=str(data.get("plan") or ""), title=str(data.get("title") or ""),
        text=str(data["text"]), text_source=str(data.get("text_source") or "plan"),
        language=language if language in ("es", "en") else "",
        irm_values=values, irm_relevant=_opt_bool(data.get("irm_relevant"), "irm_relevant"),
        potential_impact=_opt_level(data.get("potential_impact"), "potential_impact", IMPACT_LEVELS),
        potential_for_results=_opt_level(data.get("potential_for_results"), "potential_for_results",
                                         RESULTS_LEVELS),
        ogp_ambition=ambition, starred=_opt_bool(data.get("starred"), "starred"),
        verifiable=_opt_bool(data.get("verifiable"), "verifiable"),
    )


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a JSON array"
    return "a JSON object" if isinstance(value, Mapping) else type(value).__name__


def load_real(paths: Iterable[Path]) -> tuple[list[RealRow], list[str]]:
    """Rows of every file (first occurrence of an id wins) and one line per skipped row.

    Read a line at a time under the readers' bounds (`ambicion.limits`): a file over the input
    limit is refused before it is read, a line over the cell limit is skipped without being
    held, and more rows than `max_table_rows` (all are held for training) refuse the file.
    """
    rows: list[RealRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    cap = limits().max_table_rows
    for path in paths:
        path = Path(path)
        for n, line in _rated_lines(path):
            where = f"{path.name}:{n}"
            if line is None:
                problems.append(f"{where}: is longer than {limits().max_table_cell_chars:,} characters")
                continue
            if not line.strip():
                continue
            try:
                row = parse_row(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            except RecursionError:
                problems.append(f"{where}: is JSON nested too deeply to read")
                continue
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if row.id in seen:
                problems.append(f"{where}: duplicate id {row.id}")
                continue
            if len(rows) >= cap:
                raise InputError(path, f"has more than {cap:,} rows, too many to hold at once; read it "
                                       "row by row (TableStream), or set AMBICION_MAX_TABLE_ROWS")
            seen.add(row.id)
            rows.append(row)
    return rows, problems


def _rated_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, line) of a rated file, None for a line over the cell limit; the whole
    file is refused when it is over the input limit, or not UTF-8 (naming the line)."""
    input_stat(path)  # a folder, a device or a file over the input limit: one line, unread
    cap = limits().max_stream_bytes if is_stream(path) else limits().max_input_bytes
    budget = cap
    try:
        # utf-8-sig: a byte-order mark (as Windows editors save) is not part of line 1;
        # split on "\n" only, so U+2028 inside a JSON string does not cut its line
        with open(path, encoding="utf-8-sig", newline="\n") as fh:
            for n, line in enumerate(bounded_lines(fh, limits().max_table_cell_chars), 1):
                budget -= len(line or "")
                if budget < 0:  # grew past the limit while being read
                    raise InputError(path, f"is over the {megabytes(cap)} input limit")
                yield n, line
    except OSError as exc:
        raise InputError(path, f"cannot read the rated file ({exc.strerror or type(exc).__name__})") from None
    except UnicodeDecodeError:
        place = None if is_stream(path) else utf8_error_place(path)
        raise InputError(path, "the rated file is not UTF-8 text" + (f" ({place})" if place else "")) from None


def real_hash(paths: Iterable[Path]) -> str:
    """SHA-256 over the rated files' bytes, so the model card can name the data it saw."""
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


def substantial_target(row: RealRow) -> tuple[bool, float] | None:
    """(is substantial, weight): the IRM's scales first, OGP's High/Low as a weaker label."""
    if row.potential_for_results is not None:
        return row.potential_for_results == "substantial", 1.0
    if row.potential_impact is not None:
        return row.potential_impact in SUBSTANTIAL_IMPACT, 1.0
    if row.ogp_ambition is not None:
        return row.ogp_ambition == "high", WEAK_WEIGHT
    return None


def scored_substantial(row: RealRow) -> bool | None:
    """The reference used to *measure* ambition: OGP's field first, then the IRM's scales."""
    if row.ogp_ambition is not None:
        return row.ogp_ambition == "high"
    if row.potential_impact is not None:
        return row.potential_impact in SUBSTANTIAL_IMPACT
    if row.potential_for_results is not None:
        return row.potential_for_results == "substantial"
    return None


def targets(row: RealRow) -> dict[str, tuple[bool, float]]:
    """Per-label (target, weight) for the labels this row carries; absent labels are masked."""
    out: dict[str, tuple[bool, float]] = {}
    if row.irm_values is not None:
        for code in VALUE_CODES:
            out[code] = (code in row.irm_values, 1.0)
    if row.irm_relevant is not None:
        out["open_gov_lens"] = (row.irm_relevant, 1.0)
    sub = substantial_target(row)
    if sub is not None:
        out["substantial"] = sub
    if row.verifiable is not None:
        out["verifiable"] = (row.verifiable, 1.0)
    return out


MAX_TEXT = 1500  # the schema's text limit; longer texts are cut and marked "[...]"


def _code(rating) -> str | None:
    return rating.normalized if rating is not None and rating.normalized else None


def rated_rows(joined, plan, review=None) -> list[dict]:
    """Rows in the rated-commitments schema from a plan joined with its review.

    Only what the review prints is filled in; every other label stays null (a later
    `train --real` then learns nothing from it rather than something invented).
    """
    from ..lang import detect_language

    rows = []
    for pair in joined.pairs:
        c, r = pair.commitment, pair.rating
        text = c.text.strip()
        if c.title.strip() and text.startswith(c.title.strip()):
            text = text[len(c.title.strip()):].strip() or text
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT - 5].rstrip() + "[...]"
        relevance = dict(r.relevance or {})
        impact = _code(r.potential_impact)
        results = _code(r.potential_results)
        rows.append({
            "id": c.id, "country": plan.country or (review.country if review is not None else ""),
            "plan": plan.period or (review.period if review is not None else ""), "title": c.title, "text": text,
            "text_source": "plan", "language": detect_language(c.text),
            "irm_values": sorted(k for k, v in relevance.items() if v) if relevance else None,
            "irm_relevant": r.open_gov_lens,
            "potential_impact": impact if impact in IMPACT_LEVELS else None,
            "potential_for_results": results if results in RESULTS_LEVELS else None,
            "starred": r.starred, "verifiable": r.verifiable, "ogp_ambition": None,
            "irm_notes": f"paired by {pair.method} (title similarity {pair.title_similarity:.2f})",
            "evidence": [], "raw_labels": {},
        })
    return rows
