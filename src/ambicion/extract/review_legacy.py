"""Ratings from older IRM reports (2012–2019): grouped tick tables.

Progress and end-of-term reports summarise every commitment in an overview table whose
columns are grouped — specificity (4 levels), relevance to each OGP value, potential impact
(4 levels), completion (4 levels), sometimes "did it open government" (5) — and mark the
chosen level with a tick (✔, ✓, "X") or only by shading the cell. Each commitment's own
section repeats a one-row version of the table under a "Compromiso N. Título" heading, and
starred commitments carry ✪ or ★ by their title. This module reads the header rows of each
table block into a column layout, then every data row against it. A table cut by a page break
arrives joined (read/tables.py), so its header holds for the rows after the break; a table
that goes on without its header after text in between reuses the last layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..labels import (
    IMPACT_TO_AMBITION,
    IRM_SCALES,
    IRM_TABLE_GROUPS,
    IRM_TICKS,
    RELEVANCE_COLUMNS,
    RELEVANCE_STEMS,
    fold,
)
from ..model import IrmRating, Provenance, Rating
from ..read.blocks import Block, Document, Heading, TableBlock, TableCell
from ..read.review_segment import ReviewStart, block_text, review_starts, row_start
from .review_text import HEADING, Grid, document_tables, has_star, row_page, strip_stars

_SINGLE_CHOICE = ("specificity", "potential_impact", "completion", "opened_government")
_GROUPS = (*_SINGLE_CHOICE, "relevance")
_TICKS = frozenset(fold(t) for t in IRM_TICKS)
SECTION_TITLE_MATCH = 0.6  # title similarity for an unnumbered overview row to take a section's number


@dataclass(frozen=True)
class Column:
    index: int
    group: str  # one of _GROUPS
    code: str  # level code, or value code for relevance
    label: str  # the printed sub-column label


@dataclass(frozen=True)
class Layout:
    ncols: int
    columns: tuple[Column, ...]
    data_start: int

    @property
    def first_rated(self) -> int:
        return min(c.index for c in self.columns)


@dataclass(frozen=True)
class _Section:
    number: str
    title: str
    starred: bool
    block: int  # index of its heading in the document's blocks


def _compact(text: str) -> str:
    return re.sub(r"[\s\-–—.:()*]+", "", fold(text))


_SCALE_INDEX = {scale: {_compact(k): v for k, v in IRM_SCALES[scale].items()} for scale in _SINGLE_CHOICE}
_RELEVANCE_INDEX = {_compact(k): v for k, v in RELEVANCE_COLUMNS.items()}


def classify_label(text: str, group: str | None) -> list[tuple[str, str]]:
    """Candidate (group, code) readings of a sub-column label, restricted to `group` if known."""
    key = _compact(text)
    if not key:
        return []
    found = _classify_key(key, group)
    if not found and _one_char_lines(text):
        found = _classify_key(key[::-1], group)  # text rotated to read bottom-up
    return found


def _one_char_lines(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) > 2 and all(len(ln) <= 2 for ln in lines)


def _classify_key(key: str, group: str | None) -> list[tuple[str, str]]:
    groups = [group] if group else list(_GROUPS)
    out = []
    for g in groups:
        if g == "relevance":
            code = _RELEVANCE_INDEX.get(key) or next(
                (c for stem, c in RELEVANCE_STEMS.items() if key.startswith(stem)), None)
            if code:
                out.append((g, code))
        elif key in _SCALE_INDEX[g]:
            out.append((g, _SCALE_INDEX[g][key]))
    return out


def printed_label(text: str, group: str) -> str:
    """The label as printed, re-joining words the cell broke across lines ("Transform|ador")."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if _one_char_lines(text):  # rotated header: one letter per line, maybe bottom-up
        word = "".join(parts)
        return word if classify_label(word, group) else word[::-1]
    spaced = " ".join(" ".join(parts).split())
    if len(parts) < 2 or len(parts) > 9:
        return spaced
    known = set(RELEVANCE_COLUMNS) if group == "relevance" else set(IRM_SCALES.get(group, {}))
    for mask in range(2 ** (len(parts) - 1)):
        out = parts[0]
        for i, part in enumerate(parts[1:]):
            out += ("" if mask >> i & 1 else " ") + part
        if fold(out) in known:
            return out
    return spaced


def _group_of(text: str) -> str | None:
    key = fold(text)
    for stem, group in IRM_TABLE_GROUPS.items():
        if stem in key:
            return group
    return None


def find_layout(rows: Grid) -> Layout | None:
    """The column layout from a table's header rows, or None when it is not a tick table."""
    for r in range(min(len(rows), 6)):
        groups = _row_groups(rows[r - 1]) if r > 0 else [None] * len(rows[r])
        candidates: dict[int, list[tuple[str, str]]] = {}
        labels: dict[int, str] = {}
        for j, cell in enumerate(rows[r]):
            if cell is None or not cell.text.strip():
                continue
            group = groups[j] if j < len(groups) else None
            found = classify_label(cell.text, group)
            if found:
                candidates[j] = found
                labels[j] = cell.text
        if len(candidates) < 4:
            continue
        resolved = _resolve(candidates)
        if len({g for g, _ in resolved.values()}) < 2:
            continue
        columns = tuple(Column(j, g, c, printed_label(labels[j], g))
                        for j, (g, c) in sorted(resolved.items()))
        return Layout(ncols=len(rows[r]), columns=columns, data_start=r + 1)
    return None


def _row_groups(row: Sequence[TableCell | None]) -> list[str | None]:
    """Each column's group, read from a header row whose merged cells leave gaps (None)."""
    out: list[str | None] = []
    current: str | None = None
    for cell in row:
        if cell is not None:
            current = _group_of(cell.text) if cell.text.strip() else None
        out.append(current)
    return out


def _resolve(candidates: dict[int, list[tuple[str, str]]]) -> dict[int, tuple[str, str]]:
    """Settle ambiguous labels ("None" is both a specificity and an impact level) by neighbours."""
    resolved = {j: c[0] for j, c in candidates.items() if len(c) == 1}
    for _ in range(3):
        for j, cands in candidates.items():
            if j in resolved:
                continue
            for neighbour in (j + 1, j - 1, j + 2, j - 2):
                if neighbour in resolved:
                    match = [c for c in cands if c[0] == resolved[neighbour][0]]
                    if match:
                        resolved[j] = match[0]
                        break
    return resolved


def marked(cell: TableCell | None) -> bool:
    """A chosen level: a tick character or a shaded cell with no character at all."""
    if cell is None:
        return False
    text = fold(cell.text.strip())
    return text in _TICKS or (cell.shaded and not text)


def legacy_ratings(doc: Document, source: str,
                   starts: Sequence[ReviewStart] | None = None) -> list[IrmRating]:
    """Every commitment found in the tick tables, overview and sections merged by number;
    `starts` are the document's `review_starts` when the caller has them already."""
    sections = _sections(doc.blocks, review_starts(doc.blocks) if starts is None else starts)
    found: dict[str, list[tuple[IrmRating, bool]]] = {}
    order: list[str] = []
    layout: Layout | None = None
    for index, table in document_tables(doc):
        grid = table.grid()
        if not grid:
            continue
        own = find_layout(grid)
        if own is not None:
            layout, start = own, own.data_start
        elif layout is not None and len(grid[0]) == layout.ncols:
            start = 0  # the table goes on after text in between, header not repeated
        else:
            continue
        rows = list(enumerate(grid))[start:]
        single = sum(1 for _, row in rows if len(row) == layout.ncols
                     and any(marked(row[c.index]) for c in layout.columns)) == 1
        for r, row in rows:
            rating = _row_rating(row, row_page(table, r), layout, index, sections, source, single)
            if rating is None:
                continue
            key = rating[0].number or ""
            if key not in found:
                found[key] = []
                order.append(key)
            found[key].append(rating)
    by_number = {s.number: s for s in sections}
    return [_merge(found[k], by_number.get(k)) for k in order]


def _row_rating(row: Sequence[TableCell | None], page: int, layout: Layout, index: int,
                sections: Sequence[_Section], source: str,
                single: bool) -> tuple[IrmRating, bool] | None:
    """A rating from one data row; the bool says whether the row named its commitment itself.

    A row without a number takes it from the section heading above the table when it is
    the table's only rated row, else from the section whose title it matches.
    """
    if len(row) != layout.ncols:
        return None
    label = " ".join(" ".join(c.text.split()) for c in row[:layout.first_rated] if c and c.text.strip())
    marks = {col.index: marked(row[col.index]) for col in layout.columns}
    if not any(marks.values()):
        return None
    starred = has_star(label)
    found = row_start(label)  # the segmenter's reading of a row label, as in `review_starts`
    own = found is not None
    if found is not None:
        number, title = found[0][0], found[1]
    else:
        section = _section_for(index, sections) if single else _section_titled(strip_stars(label), sections)
        if section is None:
            return None
        number, title = section.number, "" if single else strip_stars(label)
    values: dict[str, Rating] = {}
    relevance: dict[str, bool] = {}
    for group in _GROUPS:
        cols = [c for c in layout.columns if c.group == group]
        if not cols:
            continue
        chosen = [c for c in cols if marks[c.index]]
        if group == "relevance":
            relevance = {c.code: marks[c.index] for c in cols}
            continue
        if len(chosen) == 1 or (chosen and group == "completion"):
            pick = chosen[-1]  # completion is sometimes drawn as a bar filled up to the level
            values[group] = Rating(original=pick.label, normalized=pick.code)
    impact = values.get("potential_impact")
    rating = IrmRating(
        number=number,
        title=title,
        specificity=values.get("specificity"),
        relevance=relevance,
        potential_impact=impact,
        completion=values.get("completion"),
        opened_government=values.get("opened_government"),
        starred=starred,
        ambition=IMPACT_TO_AMBITION.get(impact.normalized) if impact else None,
        provenance=Provenance(source=source, page_start=page, page_end=page,
                              field_pages={k: page for k in (*values, *(["relevance"] if relevance else []))}),
    )
    return rating, own


def _sections(blocks: Sequence[Block], starts: Sequence[ReviewStart]) -> list[_Section]:
    """Per-commitment section headings ("✪ Compromiso 3. Título"), in document order: the
    segmenter's paragraph starts of one commitment (`review_segment.review_starts`: review headings
    and, in bold, "3. Título" or "Compromiso 3 Título").

    The reader has joined a heading that wraps into one block; "Compromiso 3" set alone above
    its title takes the title from the next block in the same type, and a star in a block of
    its own right after the heading stars it.
    """
    out = []
    for start in starts:
        if start.row is not None or start.signal not in ("review_heading", "section_heading") \
                or len(start.numbers) != 1:
            continue
        i = start.block
        block = blocks[i]
        text = _text(block)
        number, title = start.numbers[0], start.title
        starred = has_star(text)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if not title:  # "Compromiso 3" over the title's own line
            if after is None or isinstance(after, TableBlock) or not _same_type(block, after) \
                    or HEADING.match(_text(after)):
                continue
            title, starred = strip_stars(_text(after)), starred or has_star(_text(after))
            after = blocks[i + 2] if i + 2 < len(blocks) else None
        if after is not None and not isinstance(after, TableBlock) and has_star(after.text) \
                and not strip_stars(after.text):
            starred = True  # a star on a line of its own under the title
        out.append(_Section(number, title, starred, i))
    return out


def _text(block: Block) -> str:
    return block_text(block)  # "3. Título" read as a numbered list item


def _bold(block: Block) -> bool:
    return isinstance(block, Heading) or (not isinstance(block, TableBlock) and block.style.bold)


def _same_type(a: Block, b: Block) -> bool:
    if isinstance(a, TableBlock) or isinstance(b, TableBlock):
        return False
    return _bold(a) == _bold(b) and a.style.size == b.style.size


def _section_for(index: int, sections: Sequence[_Section]) -> _Section | None:
    before = [s for s in sections if s.block < index]
    return before[-1] if before else None


def _section_titled(title: str, sections: Sequence[_Section]) -> _Section | None:
    from .join import title_similarity

    scored = [(title_similarity(title, s.title), i) for i, s in enumerate(sections) if s.title]
    best = max(scored, default=(0.0, -1))
    return sections[best[1]] if best[0] >= SECTION_TITLE_MATCH else None


def _merge(found: list[tuple[IrmRating, bool]], section: _Section | None) -> IrmRating:
    """One rating per commitment: rows that name themselves (the overview) win, others fill gaps."""
    ordered = [r for r, own in found if own] + [r for r, own in found if not own]
    first = ordered[0]
    fields: dict[str, Rating | None] = {}  # each of these four is a Rating where a row has it
    for name in ("specificity", "potential_impact", "completion", "opened_government"):
        fields[name] = next((getattr(r, name) for r in ordered if getattr(r, name) is not None), None)
    relevance = next((r.relevance for r in ordered if r.relevance), {})
    title = first.title or (section.title if section else "")
    if section and section.title and len(section.title) > len(title):
        title = section.title
    starred = any(r.starred for r in ordered) or bool(section and section.starred)
    impact = fields["potential_impact"]
    pages = [p for r in ordered if r.provenance for p in (r.provenance.page_start, r.provenance.page_end)
             if p is not None]
    field_pages: dict[str, int] = {}
    for r in ordered:
        for k, v in (r.provenance.field_pages if r.provenance else {}).items():
            field_pages.setdefault(k, v)
    return IrmRating(
        number=first.number,
        title=title,
        specificity=fields["specificity"],
        relevance=relevance,
        potential_impact=impact,
        completion=fields["completion"],
        opened_government=fields["opened_government"],
        starred=starred,
        ambition=IMPACT_TO_AMBITION.get(impact.normalized) if isinstance(impact, Rating) else None,
        provenance=Provenance(source=first.provenance.source if first.provenance else "",
                              page_start=min(pages) if pages else None,
                              page_end=max(pages) if pages else None, field_pages=field_pages),
    )
