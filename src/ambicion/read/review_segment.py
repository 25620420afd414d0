"""Where an IRM review opens its rated commitments, and the signal behind each start.

A review names its commitments in ways a plan does not: "review_heading" and
"cluster_heading" paragraphs, a bold "section_heading" of an older report, a "heading_row"
(a line of a framed box) and "tick_row"s of a tick table (numbered leading cells, a level
marked). `review_starts` is the one list the review readers and `inspect` take their starts
from, so they agree; the plan segmenter (read/segment.py) lends it its heading lengths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Literal, Sequence

from ..labels import IRM_TICKS, fold
from .blocks import Block, ListItem, TableBlock, TableCell
from .label import label_of, match_review_label
from .review_heads import CLUSTER_HEADING, HEADING, NUMBERS_MENTION, normalize_number, parse_numbers, strip_stars
from .segment import BOLD_HEADING_CHARS, HEADING_CHARS

ReviewSignal = Literal["review_heading", "cluster_heading", "section_heading", "heading_row", "tick_row"]


@dataclass(frozen=True)
class ReviewStart:
    """Where a rated commitment opens in an IRM review, and the signal that says so:

    - "review_heading": a paragraph "Compromiso 3: Título" / "Commitment 3." (one number);
    - "cluster_heading": "Compromisos 4 y 5: …" or "Cluster: … (Commitments 3 and 4)";
    - "section_heading": a bold numbered line "3. Título" or "Compromiso 3 Título" (no
      separator), which opens a commitment's section in an older tick-table report only: a
      key–value annex numbers its narrative sections the same way;
    - "heading_row": a line of a table row that holds nothing else (a framed annex box);
    - "tick_row": a row of a tick table, its leading cells numbered, a level marked further on.

    `table` counts the document's tables in reading order, nested ones (Word) right after the
    table holding them (`block_tables`); `row` and `line` (the line of a one-cell row) are
    None outside tables."""

    block: int
    row: int | None
    signal: ReviewSignal
    numbers: tuple[str, ...]
    title: str
    table: int | None = None
    line: int | None = None


def block_tables(blocks: Sequence[Block]) -> Iterator[tuple[int, TableBlock]]:
    """Every table with the index of its block, in reading order; a table nested in a cell
    (Word) comes right after the table that holds it."""
    def walk(index: int, table: TableBlock) -> Iterator[tuple[int, TableBlock]]:
        yield index, table
        for cell in table.cells:
            for nested in cell.tables:
                yield from walk(index, nested)

    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            yield from walk(index, block)


def review_starts(blocks: Sequence[Block]) -> list[ReviewStart]:
    """Every place a review opens a rated commitment, in reading order: the one list the
    review readers take their starts from (and `inspect` shows). What each start holds (its
    ratings, the rest of a wrapped title) is the readers' to read."""
    out: list[ReviewStart] = []
    tables = 0
    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            for _, table in block_tables([block]):
                out.extend(_review_rows(index, tables, table))
                tables += 1
            continue
        bold = block.kind == "heading" or block.style.bold
        text = block_text(block)
        found = review_heading(text, bold=bold) or (section_heading(text) if bold else None)
        if found is not None:
            signal, numbers, title = found
            out.append(ReviewStart(index, None, signal, numbers, title))
    return out


def block_text(block: Block) -> str:
    """A paragraph's text as a review reader reads it: a list item with its printed
    numbering ("3. Título"), whitespace made single."""
    text = block.text if not isinstance(block, TableBlock) else ""
    if isinstance(block, ListItem) and block.numbering:
        text = f"{block.numbering} {text}"
    return " ".join(text.split())


def review_heading(text: str, bold: bool = False) -> tuple[ReviewSignal, tuple[str, ...], str] | None:
    """(signal, numbers, title) for a commitment or cluster heading of a review, else None;
    a bold heading may be as long as a bold plan heading (long official titles). A
    "Cluster: …" line that is a plan or review label is no heading."""
    text = " ".join(text.split())
    if len(text) > (BOLD_HEADING_CHARS if bold else HEADING_CHARS):
        return None
    m = HEADING.match(text)
    if m:
        numbers = parse_numbers(m.group("nums"))
        title = strip_stars(m.group("title") or "")
        return ("cluster_heading" if len(numbers) > 1 else "review_heading"), numbers, title
    m = CLUSTER_HEADING.match(text)
    if m and label_of(text, lead=True) is None and match_review_label(text) is None:
        mention = NUMBERS_MENTION.search(m.group("title"))
        numbers = parse_numbers(mention.group("nums")) if mention else ()
        return "cluster_heading", numbers, strip_stars(m.group("title"))
    return None


_NUMBERED_BOLD = re.compile(r"^\s*(?P<num>\d{1,2})\.\s+(?P<title>\S.{3,})$", re.S)
# "Compromiso 3" over its title, which the paragraph maker may have joined into one paragraph
_NUMBER_OVER_TITLE = re.compile(r"^\s*(?:compromiso|commitment)\s*(?:n\s*[°º.o]+\s*)?(?P<num>\d{1,3})"
                                r"\s+(?P<title>[^\W\d_].{3,})$", re.I | re.S)


def section_heading(text: str) -> tuple[ReviewSignal, tuple[str, ...], str] | None:
    """("section_heading", number, title) for a bold line that opens a commitment's section
    in a tick-table report without the heading's usual separator; the caller says it is bold."""
    bare = strip_stars(text)
    m = _NUMBER_OVER_TITLE.match(bare) or _NUMBERED_BOLD.match(bare)
    if not m:
        return None
    return "section_heading", (normalize_number(m.group("num")),), " ".join(m.group("title").split())


# A tick or summary row's label: "3. Título", "03 Título", "Compromiso 3 – Título", "(3) Título", "3".
_ROW_NUMBER = re.compile(
    r"^\W*(?:(?:compromisos?|commitments?)\s*(?:n\s*[°º.o]+\s*|no\.\s*)?)?(?P<num>\d{1,3}(?:\.\d{1,2})?)"
    r"\s*(?:[.):\-–—]\s*|\s+|$)(?P<title>.*)$", re.I | re.S)


def row_start(label: str) -> tuple[tuple[str, ...], str] | None:
    """(numbers, title) when a table row's label cells open a commitment: a commitment or
    cluster heading, or a number before the title ("3. Título", the number alone); for the
    tick-table and summary-table readers as for `review_starts`."""
    label = " ".join(label.split())
    head = review_heading(label)
    if head is not None and head[1]:
        return head[1], head[2]
    m = _ROW_NUMBER.match(strip_stars(label))
    if not m:
        return None
    return (normalize_number(m.group("num")),), m.group("title").strip()


def _review_rows(index: int, ordinal: int, table: TableBlock) -> list[ReviewStart]:
    out: list[ReviewStart] = []
    for r, row in enumerate(table.grid()):
        cells = [c for c in row if c is not None]
        filled = [c for c in cells if c.text.strip()]
        if len(filled) == 1:  # a framed box: any of its lines may be a heading
            lines = [ln for ln in filled[0].text.splitlines() if ln.strip()]
            for k, ln in enumerate(lines):
                found = review_heading(ln)
                if found is not None:
                    out.append(ReviewStart(index, r, "heading_row", found[1], found[2], ordinal, k))
        lead = _leading_label(cells)
        if lead is None or not _marks_a_level(cells[lead[1]:]):
            continue
        found_row = row_start(lead[0])
        if found_row is not None:
            out.append(ReviewStart(index, r, "tick_row", found_row[0], found_row[1], ordinal))
    return out


def _leading_label(cells: Sequence[TableCell]) -> tuple[str, int] | None:
    """The text of a row's leading cells (number, title) up to the first cell that holds
    no text or only a tick, and where the level cells begin; None for a row without one."""
    texts: list[str] = []
    for k, c in enumerate(cells):
        text = c.text.strip()
        if not text or fold(text) in _TICKS:
            return (" ".join(texts), k) if texts else None
        texts.append(text)
    return None


_TICKS = frozenset(fold(t) for t in IRM_TICKS)


def _marks_a_level(cells: Sequence[TableCell]) -> bool:
    """A tick in some cell, or a shaded empty cell in a row not shaded throughout."""
    if any(fold(c.text.strip()) in _TICKS for c in cells):
        return True
    return not all(c.shaded for c in cells) and any(c.shaded and not c.text.strip() for c in cells)
