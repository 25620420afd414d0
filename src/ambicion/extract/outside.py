"""Commitment headings printed as text above template tables instead of inside them.

Many plans print "Compromiso 1. Datos abiertos de contrataciones" ("Commitment 3 – …", or a
bold "3. Título") as a line of text above each commitment's two-column table, and the table
starts straight with "Fecha de inicio y término" or "Descripción del compromiso". The
template reader sees only tables, so on its own it would read all such commitments into one.
Here those headings are found with the prose reader's heading logic, and each one that
opens a label | value table becomes a one-row table where it was printed: one merged cell,
with the table's width and horizontal extent. The table merger and the template reader then
meet the layout they already know, a "Compromiso N° …" row opening the commitment.

What does not open a commitment:
- a heading that repeats the commitment being read: "Compromiso 3 (continuación)" over a
  table continued on a new page, or a running header naming it. It is dropped, so the
  continued table still joins the part before the page break;
- a table-of-contents entry (dotted leader and page number), or a heading right after
  another heading on the same page (a list of commitments, not a section);
- a heading separated from the table by body text, or above a table that names its
  commitment itself or holds no field labels (a summary matrix, a milestones table).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from ..pdf.pages import Cell, Page, Table
from ..pdf.tables import from_table
from .fields import is_contents_entry, match_label, parse_heading, split_label_line
from .prose import Para, TextLine, find_headings, lines_from_pages, paragraphs
from .template import field_table, starts_commitment

# "(continuación)", "(cont.)", "– continued" after a heading repeated over a continued table.
_CONTINUED = re.compile(r"\s*[-–—:,]?\s*[(\[]?\s*(?:continuaci[oó]n|contin[uú]a|cont\.|continued|"
                        r"cont['’]d)\s*[)\]]?[\s.:]*$", re.I)
# A line between a heading and its table longer than this is body text, not a title line.
SHORT_LINE = 150
# Paragraphs just above a table that may hold its heading: the heading, then at most two
# short lines (its title wrapped onto them, or a theme line).
WINDOW = 3


def lift_headings(pages: Sequence[Page]) -> list[Page]:
    """`pages` with each heading that opens a template table turned into a one-row table
    above it, and each heading that repeats the current commitment removed."""
    pages = list(pages)
    slots = [(page.number, table) for page in pages for table in sorted(page.tables, key=lambda t: t.top)]
    if not slots:
        return pages
    paras = paragraphs(_cut_at_tables(lines_from_pages(pages), slots))
    gaps = _gaps(paras, slots)
    window: list[Para] = []
    owners: list[tuple[int, int]] = []  # (slot, paragraph) for each window entry
    for s, gap in enumerate(gaps):
        for k in gap[-WINDOW:]:
            window.append(dataclasses.replace(paras[k], text=_CONTINUED.sub("", paras[k].text)))
            owners.append((s, k))
    heads: dict[int, tuple[int, str, str]] = {}  # slot -> (paragraph, number, title)
    for w, (number, title) in sorted(find_headings(window).items()):
        s, k = owners[w]
        heads[s] = (k, number, title)

    added: dict[int, list[Table]] = {}
    removed: list[Para] = []
    current: str | None = None
    for s, (page_no, table) in enumerate(slots):
        first = _first_row(table)
        named = first is not None and starts_commitment(first)  # the table opens a commitment
        if named and (own := _own_number(first)) is not None:
            current = own  # ...and says which: nothing to add
            continue
        if s not in heads:
            titled = None if named else _title_above(paras, gaps[s])
            if titled is not None and field_table(from_table(table, page_no)):
                para = paras[titled]
                removed.append(para)
                added.setdefault(para.page, []).append(_title_table(para, table))
                current = None
                continue
            current = None if named else current
            continue
        k, number, title = heads[s]
        para = paras[k]
        after = [paras[j] for j in gaps[s] if j > k]
        if is_contents_entry(para.text) or _in_list(paras, k, gaps[s], number):
            continue
        if any(not _title_line(p) for p in after):
            continue  # body text between the heading and the table
        if number == current and not named:
            removed.append(para)  # repeated over a continued table (of fields or milestones)
            continue
        if not field_table(from_table(table, page_no)):
            continue
        if named:
            title, after = "", []  # a title row opens the table: the heading adds the number
        elif after:
            rest = " ".join(p.text for p in after)
            if not title:
                title = rest  # "COMPROMISO 4" with the title on the lines below
            elif para.bold and all(p.bold for p in after):
                title = f"{title} {rest}"  # a heading wrapped onto more lines
            else:
                after = []
        removed.extend([para, *after])
        added.setdefault(para.page, []).append(_heading_table(para, number, title, table))
        current = number
    return [_rebuilt(page, added.get(page.number, ()), removed) for page in pages]


def _cut_at_tables(lines: Sequence[TextLine], slots: Sequence[tuple[int, Table]]) -> list[TextLine]:
    """Lines with a paragraph break wherever a table lies between two of them (a heading
    above a table must not run on into the text after it, even over a page break)."""
    out: list[TextLine] = []
    s = 0
    last = -1
    for line in lines:
        key = (line.page or 0, line.top or 0.0)
        while s < len(slots) and (slots[s][0], slots[s][1].top) <= key:
            s += 1
        out.append(dataclasses.replace(line, new_block=True) if s != last and out else line)
        last = s
    return out


def _gaps(paras: Sequence[Para], slots: Sequence[tuple[int, Table]]) -> list[list[int]]:
    """For each table, the paragraphs printed after the previous table and before it."""
    gaps: list[list[int]] = []
    k = 0
    for page_no, table in slots:
        gap: list[int] = []
        while k < len(paras) and (paras[k].page or 0, paras[k].top or 0.0) < (page_no, table.top):
            gap.append(k)
            k += 1
        gaps.append(gap)
    return gaps


def _first_row(table: Table) -> list[str | None] | None:
    for row in table.rows:
        texts = [c.text if c is not None else None for c in row]
        if any(t and t.strip() for t in texts):
            return texts
    return None


def _own_number(texts: Sequence[str | None]) -> str | None:
    """The number a table's opening row gives its commitment ("Compromiso N° 3: …", or a
    number label and its value); None for a title row."""
    cells = [t.strip() for t in texts if t and t.strip()]
    heading = parse_heading(cells[0])
    if heading:
        return heading[0]
    if match_label(cells[0]) == "number":
        m = re.search(r"\d{1,3}(?:\.\d{1,2})?", " ".join(cells[1:]))
        return m.group(0) if m else None
    return None


def _in_list(paras: Sequence[Para], k: int, gap: Sequence[int], number: str) -> bool:
    """True when the heading follows another commitment's heading on the same page: an
    entry in a list of commitments rather than the heading of a section."""
    if k - 1 not in gap:
        return False
    prev = paras[k - 1]
    other = parse_heading(_CONTINUED.sub("", prev.text)) if len(prev.text) <= 300 else None
    return other is not None and other[0] != number and prev.page == paras[k].page


def _title_line(p: Para) -> bool:
    return (len(p.text) <= SHORT_LINE and parse_heading(p.text) is None
            and split_label_line(p.text) is None and match_label(p.text) is None)


# An unnumbered title above a table is at most this long.
TITLE_CHARS = 250


def _title_above(paras: Sequence[Para], gap: Sequence[int]) -> int | None:
    """The paragraph right above a table when it reads as the table's title: set in bold
    (a Word heading style, a bold line), short, and neither a label nor a lead-in ending in
    a colon. None otherwise."""
    if not gap:
        return None
    k = gap[-1]
    p = paras[k]
    text = p.text.strip()
    if not p.bold or not text or len(text) > TITLE_CHARS or text.endswith(":"):
        return None
    if match_label(text) is not None or split_label_line(text) is not None or is_contents_entry(text):
        return None
    if _GROUPING.match(text):
        return None
    return k


# Grouping headings ("Eje 2: Transparencia") and captions ("Tabla 3") are not titles.
_GROUPING = re.compile(r"^(?:eje|pilar|[áa]rea|tema|theme|pillar|cluster|tabla|table|cuadro|figura|figure|anexo|annex)\b",
                       re.I)


def _title_table(para: Para, table: Table) -> Table:
    """An unnumbered title as a title row ("Nombre del compromiso" | title) over its table."""
    width = max((len(r) for r in table.rows), default=2)
    row = (Cell("Nombre del compromiso"), Cell(" ".join(para.text.split()))) + (None,) * max(width - 2, 0)
    top = para.top if para.top is not None else table.top
    bottom = para.bottom if para.bottom is not None and para.end_page == para.page else top + 1.0
    return Table(rows=(row,), top=top, bottom=bottom, page=para.page or table.page, x0=table.x0, x1=table.x1)


def _heading_table(para: Para, number: str, title: str, table: Table) -> Table:
    """The heading as the one-row table the template reader expects, where it was printed.

    Its text is the plain form `parse_heading` reads back, whatever form was printed (a bold
    "3. Título" included): only the number and the title are kept from it."""
    width = max((len(r) for r in table.rows), default=1) or 1
    text = f"Compromiso {number}: {title}" if title else f"Compromiso {number}"
    top = para.top if para.top is not None else table.top
    bottom = para.bottom if para.bottom is not None and para.end_page == para.page else top + 1.0
    return Table(rows=((Cell(text),) + (None,) * (width - 1),), top=top, bottom=bottom,
                 page=para.page or table.page, x0=table.x0, x1=table.x1)


def _rebuilt(page: Page, tables: Sequence[Table], removed: Sequence[Para]) -> Page:
    gone = [p for p in removed if p.page is not None and p.page <= page.number <= (p.end_page or p.page)]
    if not tables and not gone:
        return page
    lines = tuple(line for line in page.lines if not any(_covers(p, page.number, line.top) for p in gone))
    return dataclasses.replace(page, lines=lines, tables=page.tables + tuple(tables))


def _covers(p: Para, page: int, top: float) -> bool:
    """True when the line at `top` on `page` belongs to paragraph `p`."""
    start = p.top if page == p.page else float("-inf")
    end = p.bottom if page == (p.end_page or p.page) else float("inf")
    return start is not None and end is not None and start - 0.5 <= top <= end + 0.5
