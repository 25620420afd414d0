"""Show what the reader saw: blocks, commitment starts, labels and the field each value fills.

`inspect_file` runs the same pieces the plan reader runs (page reader, running-line and
footnote removal, unruled tables, the blocks, the segmenter's starts with their signals, the
label and column vocabularies) and returns, per page, a list of marks: each block with its box, where a
commitment starts, which cell or line is a label and the field its value goes to, milestone
and notes columns, and what was set apart (running headers and footers, footnotes).
`render_page` draws the marks over the page (pypdfium2 renders it) so a user can show how a
layout reads, and `describe` gives the same as text (the only form for Word and text files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Sequence

from ..errors import InputError
from ..io import atomic_write, detect_kind
from ..pdf.layout import Page, Table
from ..pdf.pages import iter_pages, page_count, strip_running_lines
from ..read import read_document
from ..read.blocks import Block, Document, Heading, TableBlock
from ..read.columns import field_table_header, milestone_header
from ..read.label import label_of, parse_heading
from ..read.pdf import document_from_pages
from ..read.review_segment import ReviewStart, review_starts
from ..read.segment import starts_commitment
from .blocks import Start, starts
from .detect import kind_from_text

MarkKind = Literal["start", "heading", "paragraph", "label", "value", "table", "milestone_header",
                   "milestone", "notes", "furniture", "footnote"]
BoxT = tuple[float, float, float, float]


@dataclass(frozen=True)
class Mark:
    """One thing the reader decided about a piece of the page."""

    kind: MarkKind
    text: str
    box: BoxT | None = None
    field: str | None = None  # for labels and values: the commitment field; for starts: the signal


@dataclass(frozen=True)
class PageView:
    page: int | None  # None for formats without pages
    width: float
    height: float
    marks: tuple[Mark, ...]


def inspect_file(path: str | Path, page: int | None = None) -> list[PageView]:
    """The reader's view of a PDF (every page, or only `page`), a Word or a text file.

    Raises InputError naming the file for unreadable input or a page out of range.
    """
    p = Path(path)
    kind = detect_kind(p)
    if kind == "pdf":
        return _inspect_pdf(p, page)
    if kind not in ("docx", "text", "unknown"):
        raise InputError(p, "a table file; inspect reads PDF, Word and text documents")
    doc = read_document(p)
    found = {s.block: s for s in starts(doc.blocks)}
    rows = _review_rows(doc, found)
    marks: list[Mark] = []
    for index, block in enumerate(doc.blocks):
        marks.extend(_block_marks(block, found.get(index)))
        marks.extend(Mark("start", r.title or " ".join(r.numbers), None, field=r.signal)
                     for r in rows.get(index, ()))
    return [PageView(page=None, width=0.0, height=0.0, marks=tuple(marks))]


# Pages read around the one asked for: enough for running headers and footers to repeat.
NEIGHBOURS = 1


def _inspect_pdf(path: Path, page: int | None) -> list[PageView]:
    """Every page, or only `page` read with its neighbours (running lines are found by
    repeating on several pages): a long PDF is not read whole to show one page, so a
    heading printed further back is not seen."""
    total = page_count(path)
    if page is not None and not 1 <= page <= total:
        raise InputError(path, f"page {page} does not exist (the PDF has {total} pages)")
    first, last = (1, total) if page is None else (max(1, page - NEIGHBOURS), min(total, page + NEIGHBOURS))
    raw = list(iter_pages(path, max_pages=last, first=first, cell_boxes=True))
    kept = strip_running_lines(raw)
    doc = document_from_pages(kept, source=str(path), raw=raw)
    if _is_review(doc):  # read as read_review reads it: its table join, its paragraphs
        from .review import review_document_from_pages

        doc = review_document_from_pages(kept, str(path), raw)
    found = {s.block: s for s in starts(doc.blocks, sized=True)}
    rows = _review_rows(doc, found)
    views = []
    for before, stripped in zip(raw, kept):
        if page is None or before.number == page:
            views.append(_view(before, stripped, doc, found, rows))
    return views


def _is_review(doc: Document) -> bool:
    """Whether the document's opening reads as an IRM report (extract/detect.py)."""
    texts = [b.text if not isinstance(b, TableBlock) else " ".join(
        t for row in b.texts() for t in row if t) for b in doc.blocks[:80]]
    return kind_from_text(["\n".join(texts)]) == "review"


def _review_rows(doc: Document, found: dict[int, Start]) -> dict[int, list[ReviewStart]]:
    """For an IRM review, its commitment starts (read/review_segment.py's signals): heading
    blocks join `found`, and the table rows that open a commitment come back by block."""
    if not _is_review(doc):
        return {}
    rows: dict[int, list[ReviewStart]] = {}
    for r in review_starts(doc.blocks):
        if r.row is None:
            found.setdefault(r.block, Start(r.block, r.signal, r.numbers[0] if r.numbers else None, r.title))
        else:
            rows.setdefault(r.block, []).append(r)
    return rows


def _view(raw: Page, kept: Page, doc: Document, found: dict[int, Start],
          rows: dict[int, list[ReviewStart]]) -> PageView:
    """Marks for one page: its blocks as the segmenter saw them (`found`: the starts by block
    index), its tables cell by cell, and what was set apart (`raw` as read, `kept` without
    its running lines)."""
    marks: list[Mark] = []
    kept_lines = {(round(ln.top, 1), ln.text) for ln in kept.lines}
    for ln in raw.lines:
        if (round(ln.top, 1), ln.text) not in kept_lines:
            marks.append(Mark("furniture", ln.text, (ln.x0, ln.top, ln.x1, ln.bottom)))
    for ln in kept.footnotes:
        marks.append(Mark("footnote", ln.text, (ln.x0, ln.top, ln.x1, ln.bottom)))
    for index, block in enumerate(doc.blocks):
        if block.page == raw.number and not isinstance(block, TableBlock):
            marks.extend(_block_marks(block, found.get(index)))
        elif isinstance(block, TableBlock):
            for r in rows.get(index, ()):
                if r.row is None:
                    continue  # `rows` holds table rows only
                on = block.row_pages[r.row][0] if r.row < len(block.row_pages) else block.page
                if on == raw.number:
                    top = block.box.top if block.box and block.page == raw.number else 0.0
                    marks.append(Mark("start", r.title or " ".join(r.numbers),
                                      (0.0, top, 0.0, top), field=r.signal))
    for table in sorted(kept.tables, key=lambda t: t.top):
        marks.extend(_table_marks(table))
    return PageView(page=raw.number, width=raw.width, height=raw.height,
                    marks=tuple(sorted(marks, key=lambda m: (m.box[1] if m.box else 0.0))))


def _block_marks(block: Block, start: Start | None) -> list[Mark]:
    """What the reader made of one block: a commitment start (with its signal), a heading,
    a label (with its field), a paragraph; a table outside PDFs, cell by cell."""
    box = (block.box.x0, block.box.top, block.box.x1, block.box.bottom) if block.box else None
    if isinstance(block, TableBlock):
        texts = [[t or "" for t in row] for row in block.texts()]
        return _table_marks(Table(rows=tuple(tuple(_cell(t) for t in row) for row in texts),
                                  top=0.0, bottom=0.0, page=0))
    if start is not None:
        return [Mark("start", block.text, box, field=start.signal)]
    label = label_of(block.text)
    if label is not None:
        return [Mark("label", block.text, box, field=label.field)]
    if parse_heading(block.text) or isinstance(block, Heading):
        return [Mark("heading", block.text, box)]
    return [Mark("paragraph", block.text, box)]


def _cell(text: str):
    from ..pdf.layout import Cell

    return Cell(text)


def _table_marks(table: Table) -> list[Mark]:
    box = (table.x0, table.top, table.x1 or table.x0, table.bottom) if table.x1 else None
    texts = table.texts()
    out = [Mark("table", f"{len(texts)} rows × {max((len(r) for r in texts), default=0)} columns", box)]
    milestone_cols: dict[str, int] | None = None
    notes: set[int] = set()
    for r, row in enumerate(texts):
        boxes = table.boxes[r] if r < len(table.boxes) else ()
        cells = [(i, t.strip()) for i, t in enumerate(row) if t and t.strip()]
        if not cells:
            continue

        def cell_box(i: int) -> BoxT | None:
            return boxes[i] if i < len(boxes) else None

        header = field_table_header(row)
        if header is not None:
            notes = {i for role, i in header.items() if role == "notes"}
            out.append(Mark("label", " | ".join(t for _, t in cells),
                            cell_box(cells[0][0]), field="(column names)"))
            continue
        cols = milestone_header(row)
        if cols is not None:
            milestone_cols = cols
            out.append(Mark("milestone_header", " | ".join(t for _, t in cells), cell_box(cells[0][0]),
                            field="milestones"))
            continue
        first_i, first = cells[0]
        if r <= 1 and first[:1].islower():  # a label cut by the page break goes on here
            out.append(Mark("value", " | ".join(t for _, t in cells), cell_box(first_i),
                            field="(continues the row before the page break)"))
            continue
        if starts_commitment(row):
            milestone_cols = None
            out.append(Mark("start", first, cell_box(first_i), field="table_title_row"))
            continue
        found = label_of(first, cell=True)  # the label cell as the template reader reads it
        code = found.field if found is not None else None
        if milestone_cols is not None and code is None:
            out.append(Mark("milestone", row[milestone_cols["text"]] or "", cell_box(first_i), field="milestones"))
            continue
        milestone_cols = None
        for i, t in cells[1:] if code else cells:
            if i in notes:
                out.append(Mark("notes", t, cell_box(i)))
            elif code:
                out.append(Mark("value", t, cell_box(i), field=code))
        if code:
            out.insert(len(out) - sum(1 for i, _ in cells[1:]), Mark("label", first, cell_box(first_i), field=code))
    return out


def describe(views: Sequence[PageView]) -> str:
    """The marks as text, one per line: page, kind, the field, the text's start."""
    lines: list[str] = []
    for view in views:
        lines.append(f"== page {view.page}" if view.page is not None else "== document")
        for m in view.marks:
            field = f" -> {m.field}" if m.field else ""
            text = " ".join(m.text.split())
            lines.append(f"  [{m.kind}{field}] {text[:100]}")
    return "\n".join(lines)


COLOURS: dict[str, tuple[int, int, int]] = {
    "start": (220, 20, 60), "heading": (200, 120, 0), "paragraph": (160, 160, 160),
    "label": (30, 90, 220), "value": (20, 150, 60), "table": (90, 90, 90),
    "milestone_header": (230, 120, 0), "milestone": (240, 160, 40), "notes": (130, 130, 130),
    "furniture": (150, 60, 170), "footnote": (150, 60, 170),
}


def render_page(path: str | Path, view: PageView, output: str | Path, scale: float = 2.0) -> Path:
    """Draw `view`'s marks over its page and write a PNG (atomically) to `output`."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    if view.page is None:
        raise InputError(path, "only PDF pages can be drawn; the text form shows the rest")
    doc = pdfium.PdfDocument(str(path))
    try:
        image = doc[view.page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    draw = ImageDraw.Draw(image)
    for m in view.marks:
        if m.box is None:
            continue
        x0, top, x1, bottom = (v * scale for v in m.box)
        width = 4 if m.kind == "start" else 2
        draw.rectangle([x0 - 2, top - 2, x1 + 2, bottom + 2], outline=COLOURS[m.kind], width=width)
        tag = m.kind if not m.field else f"{m.kind}: {m.field}"
        if m.kind not in ("paragraph", "table"):
            draw.text((x0, max(top - 11 * scale / 2 - 4, 0)), tag, fill=COLOURS[m.kind])
    out = Path(output)
    with atomic_write(out, "wb", inputs=[path], encoding=None) as fh:
        image.save(fh, format="PNG")
    return out
