"""Commitments from a document's blocks (Word and text drafts): the segmenter over blocks.

Blocks arrive in reading order: headings, paragraphs and list items become the segmenter's
paragraphs, tables its tables. The segmenter (read/segment.py) says which tables open a
commitment from a heading printed above them; such a heading becomes the table's opening
row, and the template reader fills the fields row by row through the labeller. A document
whose label tables hold commitments and whose running text holds others (numbered headings
no table takes, with "Label: value" paragraphs) is read in one pass in reading order with
one filler (`mixed_pass`), and its layout is "mixed". A document with no label table is
running text: numbered headings or bold titles open commitments (prose reader), else a
matrix gives one commitment per row, else (`allow_single`) the whole text is one commitment.
A text file has no pages, nor a Word file that records no page breaks (read/docx.py), so
no page numbers are kept for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..model import Layout
from ..pdf.layout import Cell
from ..read.tables import MergedTable, Row, append_continuation
from ..read.blocks import Block, Document, Heading, ListItem, TableBlock
from ..read.label import is_contents_entry
from ..read.segment import Above, Para, TextSpan, above_tables, bold_titles, find_headings, text_spans
from .fields import Draft
from .prose import dedupe, segment, walk
from .template import read_matrix_rows, read_tables, table_reader

BODY_SIZE = 11.0


def drafts_from_document(doc: Document, *, allow_single: bool = False) -> tuple[list[Draft], Layout]:
    """Commitments in a read document and the layout they were found in ("template",
    "prose" or "mixed")."""
    return drafts_from_blocks(doc.blocks, allow_single=allow_single, sized=doc.format == "pdf")


@dataclass(frozen=True)
class Start:
    """A commitment start the segmenter found, for showing what the reader saw."""

    block: int  # index of the block it stands in
    signal: str  # "heading_above_table", "title_above_table", "numbered_heading", "bold_title", …
    number: str | None
    title: str


@dataclass
class Segmented:
    """The blocks as the segmenter sees them: paragraphs and tables, and the starts found."""

    paras: list[Para] = field(default_factory=list)
    para_blocks: list[int] = field(default_factory=list)  # block index of each paragraph
    tables: list[MergedTable] = field(default_factory=list)
    gaps: list[list[int]] = field(default_factory=list)  # paragraphs before each table
    above: dict[int, Above] = field(default_factory=dict)  # table -> the heading above it


def segment_blocks(blocks: Sequence[Block], *, sized: bool = False) -> Segmented:
    """Paragraphs and tables of `blocks`, and which headings above tables open them.

    `sized`: the format prints every block's size (a PDF), so a size of 0 means none was
    found, not "body text"."""
    seg = Segmented()
    gap: list[int] = []
    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            for grid in _grids(block):
                seg.tables.append(grid)
                seg.gaps.append(gap)
                gap = []
            continue
        para = as_para(block, sized=sized)
        if para is not None:
            gap.append(len(seg.paras))
            seg.paras.append(para)
            seg.para_blocks.append(index)
    seg.above = above_tables(seg.paras, seg.gaps, seg.tables)
    return seg


def drafts_from_blocks(blocks: Sequence[Block], *, allow_single: bool = False,
                       sized: bool = False) -> tuple[list[Draft], Layout]:
    """Commitments in `blocks` and the layout they were found in: "template" (label tables,
    or a matrix), "prose" (running text) or "mixed" (label tables and running-text
    commitments in one document, read by `mixed_pass`)."""
    seg = segment_blocks(blocks, sized=sized)
    paras, tables = seg.paras, seg.tables
    parts = opened_parts(seg)
    opened = [t for _, t in parts]
    drafts = read_tables(opened)
    if drafts:
        mixed = mixed_pass(seg, parts, drafts)
        return (drafts, "template") if mixed is None else (mixed, "mixed")
    drafts = segment(paras)
    if drafts:
        return drafts, "prose"
    drafts = read_matrix_rows(opened)
    if drafts:
        return drafts, "template"
    if not allow_single:
        return [], "prose"
    if not paras:  # a document that is only tables: their cells are its text
        paras = [Para(" ".join(c.text.split()), None, False) for t in tables for r in t.rows
                 for c in r.cells if c is not None and c.text.split()]
    return segment(paras, allow_single=True), "prose"


def starts(blocks: Sequence[Block], *, sized: bool = False) -> list[Start]:
    """Where the reader opens commitments in `blocks`, each with the signal behind it:
    headings above label tables when the document has them, else the running text's
    numbered headings (or, failing those, bold titles)."""
    seg = segment_blocks(blocks, sized=sized)
    out = [Start(seg.para_blocks[a.paras[0]], a.signal, a.number, a.title)
           for a in seg.above.values() if a.signal != "repeated_heading"]
    if out or read_tables(opened_tables(seg)):
        return sorted(out, key=lambda s: s.block)
    heads: dict[int, tuple[str | None, str]] = dict(find_headings(seg.paras))
    signal = "numbered_heading"
    if not heads:
        heads, signal = bold_titles(seg.paras), "bold_title"
    return [Start(seg.para_blocks[k], signal, number, title) for k, (number, title) in sorted(heads.items())]


def opened_tables(seg: Segmented) -> list[MergedTable]:
    """The tables with each heading found above one put on top as its opening row, and a
    table continued under a repeated heading joined to its first part."""
    return [t for _, t in opened_parts(seg)]


def opened_parts(seg: Segmented) -> list[tuple[int, MergedTable]]:
    """`opened_tables`, each with the index of the table it stands for (its first part)."""
    opened: list[tuple[int, MergedTable]] = []
    for s, table in enumerate(seg.tables):
        above = seg.above.get(s)
        if above is not None and above.signal == "repeated_heading" and _continues(seg, s, above):
            first, part = opened[-1]
            rows = list(part.rows)
            append_continuation(rows, list(table.rows))  # the table goes on under its repeated heading
            opened[-1] = (first, MergedTable(tuple(rows)))
            continue
        if above is not None and above.signal != "repeated_heading":
            page = seg.paras[above.paras[0]].page  # where the heading was printed
            opened.append((s, MergedTable((Row(heading_row(above, table.columns), page),))))
        opened.append((s, table))
    return opened


def free_spans(seg: Segmented, before: Sequence[int]) -> list[TextSpan]:
    """The running text's commitments that no table holds: numbered headings that are not
    a table's heading (taken as its opening row) nor a contents entry, each body cut where
    the next table begins (text after a table is not the heading's any more); `before`:
    `table_positions(seg)`."""
    taken = {k for a in seg.above.values() for k in a.paras}
    out: list[TextSpan] = []
    for span in text_spans(seg.paras):
        head = span.head
        if head is None or head in taken or is_contents_entry(seg.paras[head].text):
            continue
        limit = min((p for p in before if p > head), default=len(seg.paras))
        out.append(TextSpan(span.signal, head, span.number, span.title,
                            tuple(i for i in span.body if i < limit)))
    return out


def table_positions(seg: Segmented) -> list[int]:
    """For each table, how many paragraphs come before it in reading order."""
    out: list[int] = []
    count = 0
    for gap in seg.gaps:
        count += len(gap)
        out.append(count)
    return out


def mixed_pass(seg: Segmented, parts: list[tuple[int, MergedTable]],
               drafts: list[Draft]) -> list[Draft] | None:
    """A document whose label tables hold commitments and whose running text holds others
    (numbered headings with "Label: value" paragraphs): one pass in reading order with one
    filler, tables through the row walk and each heading's body through the paragraph walk.
    None when the text holds no commitment of its own (a heading with a body and a number
    no table gave): then `drafts`, the tables alone, stand and the document is a template."""
    numbers = {d.number for d in drafts if d.number}
    before = table_positions(seg)
    spans = free_spans(seg, before)
    if not any(sp.body and sp.number not in numbers for sp in spans):
        return None
    events: list[tuple[int, int, TextSpan | MergedTable]] = [(before[s], 0, t) for s, t in parts]
    events += [(sp.head, 1, sp) for sp in spans if sp.head is not None]
    reader = table_reader()
    for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(item, TextSpan):
            reader.open(item.number, item.title, seg.paras[item.head].page if item.head is not None else None)
            walk(reader, [seg.paras[k] for k in item.body])
        else:
            reader.take(item)
    return dedupe(reader.kept())


def heading_row(above: Above, width: int) -> tuple[Cell | None, ...]:
    """The row a start found above a table puts on top of it, `width` cells wide: the
    plain "Compromiso N: title" merged over the table (whatever form was printed), or an
    unnumbered title as a title row."""
    if above.number is None:  # an unnumbered title: "Nombre del compromiso" | title
        return (Cell("Nombre del compromiso"), Cell(above.title)) + (None,) * max(width - 2, 0)
    text = f"Compromiso {above.number}: {above.title}" if above.title else f"Compromiso {above.number}"
    return (Cell(text),) + (None,) * (max(width, 1) - 1)


def as_para(block: Block, *, sized: bool = False) -> Para | None:
    """A heading, paragraph or list item as the segmenter's paragraph (None when empty):
    headings are bold and, when the format gives no size, sized by level; a list item keeps
    its printed numbering."""
    if isinstance(block, TableBlock):
        return None
    if isinstance(block, Heading):
        size = block.style.size if sized else block.style.size or max(BODY_SIZE + 1, 16.0 - block.level)
        bold = True
        text = block.text
    else:
        size = block.style.size if sized else block.style.size or BODY_SIZE
        bold = block.style.bold
        text = f"{block.numbering} {block.text}" if isinstance(block, ListItem) and block.numbering \
            else block.text
    text = " ".join(text.split())
    if not text:
        return None
    box = block.box
    return Para(text, block.page, bold, end_page=block.page_end or block.page,
                top=box.top if box else None, bottom=box.bottom if box else None, size=size,
                x0=box.x0 if box else None, x1=box.x1 if box else None)


def _continues(seg: Segmented, s: int, above: Above) -> bool:
    """True when table `s` goes on from the table before it, cut off by a page break and
    a heading repeated over it: nothing else stands between them, the next page, as many
    columns."""
    if s == 0 or list(seg.gaps[s]) != list(above.paras):
        return False
    prev, table = seg.tables[s - 1], seg.tables[s]
    end, start = prev.page_end, table.page_start
    return (end is not None and start is not None and start == end + 1
            and prev.columns == table.columns)


def _grids(block: TableBlock) -> list[MergedTable]:
    """The table's grid (a merged position is None), then each nested table after it."""
    pages = block.row_pages or ((block.page, None),) * block.rows
    rows = tuple(Row(tuple(Cell(c.text, filled=c.shaded) if c is not None else None for c in row), page, last)
                 for row, (page, last) in zip(block.grid(), pages))
    out = [MergedTable(rows)] if rows else []
    for cell in block.cells:
        for nested in cell.tables:
            out.extend(_grids(nested))
    return out
