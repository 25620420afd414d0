"""Read a Word (.docx) file into blocks: the body walked in order, tables among paragraphs.

Paragraphs and tables come interleaved as Word stores them, so a commitment heading above
its template table stays above it. Heading styles (and outline levels) give headings with
their level; list numbering is rendered as Word prints it ("1.", "a)", "•"); merged cells
keep their spans; nested tables stay inside their cell; text boxes are read where they are
anchored. Headers, footers and footnotes live in other parts of the file and are not read
into the body.

Page numbers are approximate: a Word file is laid out by whatever opens it, so pages are
counted only where Word recorded them — where it last broke pages when it laid the file out
(w:lastRenderedPageBreak), or else at explicit page breaks (w:br w:type="page", "page break
before" paragraphs) and section breaks that start a new page. A file that records none has
no page numbers (blocks without a page, `Document.pages` 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .wordml import W, breaks_page_before, page_marks, paragraph_text, section_page_breaks, text_boxes
from .blocks import Block, Document, Heading, ListItem, Paragraph, Style, TableBlock, TableCell
from .columns import milestone_header

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|t[ií]tulo|titre|titulo|überschrift)\s*(\d)$", re.I)
_BLOCK_WRAPPERS = {"customXml", "ins", "moveTo", "smartTag"}
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def read_docx(path: str | Path) -> Document:
    """The body of a Word file as blocks. Raises InputError naming the file when it
    cannot be opened as a Word document."""
    p = Path(path)
    from .wordml import open_word

    document = open_word(p)  # zip-bomb limits, .docm without its macros; InputError otherwise
    reader = _Reader(document)
    blocks = tuple(reader.body(document.element.body))
    return Document(source=str(p), format="docx", blocks=blocks, furniture=_furniture(document),
                    pages=reader.page if reader.paged else 0)


def _furniture(document) -> tuple[Paragraph, ...]:
    """The sections' headers and footers, apart from the body (each text once)."""
    seen: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                if part.is_linked_to_previous and part is not section.header:
                    continue
                texts = [" ".join(q.text.split()) for q in part.paragraphs]
            except Exception:  # a damaged or absent part: nothing printed there
                continue
            seen.extend(t for t in texts if t and t not in seen)
    return tuple(Paragraph(text=t) for t in seen)


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.formats = _numbering_formats(document)
        self.counters: dict[tuple[str, int], int] = {}
        self.styles: dict[str | None, _KnownStyle] = {}
        body = document.element.body
        self.rendered = next(body.iter(f"{W}lastRenderedPageBreak"), None) is not None
        self.section_ends = set() if self.rendered else section_page_breaks(body)
        self.paged = self.rendered or bool(self.section_ends) or any(
            br.get(f"{W}type") == "page" for br in body.iter(f"{W}br")) or any(
            breaks_page_before(p) for p in body.iter(f"{W}p"))
        self.page = 1  # the page being filled, counted at the breaks Word recorded
        self.text_pages: list[int] = []  # the page each paragraph's text starts on, in order

    def _where(self) -> int | None:
        return self.page if self.paged else None

    def body(self, element) -> Iterator[Block]:
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield from self.paragraph(child)
            elif tag == "tbl":
                yield self.table(child)
            elif tag == "sdt":  # a content control wraps paragraphs and tables
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from self.body(content)
            elif tag in _BLOCK_WRAPPERS:  # tracked insertions and custom XML around blocks
                yield from self.body(child)

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, p) -> Iterator[Block]:
        from docx.text.paragraph import Paragraph as DocxParagraph

        para = DocxParagraph(p, self.document)
        if not self.rendered and breaks_page_before(p):
            self.page += 1
        first = last = None
        for is_break in page_marks(p, self.rendered):
            if is_break:
                self.page += 1
            else:
                first = self.page if first is None else first
                last = self.page
        if first is not None:
            self.text_pages.append(first)
        page = first if self.paged and first is not None else self._where()
        end = last if self.paged and last is not None else page
        if p in self.section_ends:
            self.page += 1
        # all visible text (tracked insertions, inline content controls, fields' results); a
        # line break inside the paragraph (Shift+Enter) stays: items in a cell are often so
        text = "\n".join(" ".join(part.split()) for part in paragraph_text(p).split("\n") if part.strip())
        if text:
            known = self.style(para)
            style = Style(size=_size(para, known), bold=_bold(para, known), name=known.name)
            level = _heading_level(para, known.name)
            numbering = self.numbering(p, known.style)
            if level is not None:
                yield Heading(text=text, level=level, style=style, page=page, page_end=end)
            elif numbering is not None:
                label, ilvl = numbering
                yield ListItem(text=text, numbering=label, level=ilvl, style=style, page=page, page_end=end)
            else:
                yield Paragraph(text=text, style=style, page=page, page_end=end)
        for box in text_boxes(p):  # text boxes anchored in this paragraph (each copy once)
            yield from self.body(box)

    def style(self, para) -> "_KnownStyle":
        """The paragraph's style, looked up once per style the file uses.

        Why: python-docx finds a style by scanning every style the file defines, on each
        call; a file of 50,000 paragraphs took 40 s in those scans alone.
        """
        key = para._p.style  # the style's id; None for the default paragraph style
        known = self.styles.get(key)
        if known is None:
            try:
                style = para.style
            except (KeyError, ValueError, AttributeError):  # a style the file names but does not define
                style = None
            known = self.styles[key] = _KnownStyle.of(style)
        return known

    def numbering(self, p, style=None) -> tuple[str, int] | None:
        """The label Word prints before a numbered or bulleted paragraph, and its level
        (numbering set on the paragraph, or on its style: "List Number")."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        while num_pr is None and style is not None:
            num_pr = style.element.find(f"{_W}pPr/{_W}numPr")
            style = style.base_style
        if num_pr is None:
            return None
        num_id_el, ilvl_el = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
        num_id = num_id_el.get(f"{_W}val") if num_id_el is not None else None
        if not num_id or num_id == "0":
            return None
        ilvl = int(ilvl_el.get(f"{_W}val", "0")) if ilvl_el is not None else 0
        fmt, pattern = self.formats.get((num_id, ilvl), ("bullet", ""))
        if fmt in ("bullet", "none"):
            return "•", ilvl
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, 0) + 1
        for (nid, lvl) in list(self.counters):
            if nid == num_id and lvl > ilvl:
                del self.counters[(nid, lvl)]  # a deeper list restarts under a new item
        label = pattern or f"%{ilvl + 1}."
        for k in range(ilvl + 1):
            n = self.counters.get((num_id, k), 1)
            kfmt = self.formats.get((num_id, k), ("decimal", ""))[0]
            label = label.replace(f"%{k + 1}", _render(n, kfmt))
        return label.strip() or f"{self.counters[key]}.", ilvl

    # ------------------------------------------------------------ tables

    def table(self, tbl) -> TableBlock:
        """A Word table with its merged cells as spans (gridSpan across, vMerge down)."""
        cells: list[TableCell] = []
        open_down: dict[int, int] = {}  # column -> index in `cells` of a cell merged downwards
        n_rows = 0
        n_cols = 0
        row_pages: list[tuple[int | None, int | None]] = []
        for r, tr in enumerate(tbl.findall(f"{_W}tr")):
            n_rows = r + 1
            row_start, seen = self._where(), len(self.text_pages)
            col = 0
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                col += int(before.get(f"{_W}val", "0"))
            for tc in tr.findall(f"{_W}tc"):
                tc_pr = tc.find(f"{_W}tcPr")
                span = 1
                merge = None
                shaded = False
                if tc_pr is not None:
                    gs = tc_pr.find(f"{_W}gridSpan")
                    span = int(gs.get(f"{_W}val", "1")) if gs is not None else 1
                    vm = tc_pr.find(f"{_W}vMerge")
                    if vm is not None:
                        merge = vm.get(f"{_W}val", "continue")
                    shd = tc_pr.find(f"{_W}shd")
                    if shd is not None:
                        fill = (shd.get(f"{_W}fill") or "").lower()
                        shaded = fill not in ("", "auto", "ffffff")
                if merge == "continue" and col in open_down:
                    k = open_down[col]
                    c = cells[k]
                    cells[k] = TableCell(text=c.text, row=c.row, col=c.col, row_span=c.row_span + 1,
                                         col_span=c.col_span, shaded=c.shaded, bold=c.bold, tables=c.tables)
                else:
                    text, bold, nested = self.cell_content(tc)
                    cells.append(TableCell(text=text, row=r, col=col, col_span=span, shaded=shaded,
                                           bold=bold, tables=nested))
                    if merge == "restart":
                        open_down[col] = len(cells) - 1
                    else:
                        open_down.pop(col, None)
                col += span
            n_cols = max(n_cols, col)
            row_end = self._where()
            if row_start is not None and len(self.text_pages) > seen:
                row_start = self.text_pages[seen]  # a break before the row's first text
            row_pages.append((row_start, row_end if row_end != row_start else None))
        if not self.paged:
            return TableBlock(cells=tuple(cells), rows=n_rows, cols=n_cols)
        first_page = row_pages[0][0] if row_pages else self.page
        return TableBlock(cells=tuple(cells), rows=n_rows, cols=n_cols, page=first_page,
                          page_end=self.page, row_pages=tuple(row_pages))

    def cell_content(self, tc) -> tuple[str, bool, tuple[TableBlock, ...]]:
        lines: list[str] = []
        bolds: list[bool] = []
        nested: list[TableBlock] = []
        for block in self.body(tc):
            if isinstance(block, TableBlock):
                nested.append(block)
                grid = block.grid()
                if grid and milestone_header([c.text if c else "" for c in grid[0]]) is None:
                    # not a milestones table (those are read as such, after this table): its
                    # words belong to this cell's text, where a reader of the text finds them
                    lines.extend(" | ".join(c.text for c in row if c is not None and c.text) for row in grid)
                    bolds.append(False)
            elif isinstance(block, ListItem):
                lines.append(f"{block.numbering} {block.text}")
                bolds.append(block.style.bold)
            else:
                lines.append(block.text)
                bolds.append(block.style.bold)
        return "\n".join(lines), bool(bolds) and all(bolds), tuple(nested)


@dataclass(frozen=True)
class _KnownStyle:
    """What the reader needs of a paragraph style: its name, and its bold and size as the
    style (or the styles it is based on) set them."""

    style: object | None
    name: str
    bold: bool
    size: float

    @staticmethod
    def of(style) -> "_KnownStyle":
        if style is None:
            return _KnownStyle(None, "", False, 0.0)
        try:
            name = style.name or ""
        except (KeyError, ValueError, AttributeError):
            name = ""
        bold = bool(style.font is not None and style.font.bold)
        size, base = 0.0, style
        while base is not None:
            if base.font is not None and base.font.size is not None:
                size = float(base.font.size.pt)
                break
            base = base.base_style
        return _KnownStyle(style, name, bold, size)


def _heading_level(para, style_name: str) -> int | None:
    m = _HEADING_STYLE.match(style_name.strip())
    if m:
        return int(m.group(1))
    if style_name.strip().lower() in ("title", "título", "titulo", "titre"):
        return 0
    outline = para._p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        level = int(outline.get(f"{_W}val", "9"))
        return level + 1 if level < 9 else None
    return None


def _bold(para, style: _KnownStyle) -> bool:
    runs = [r for r in para.runs if r.text.strip()]
    if not runs:
        return False
    return all(r.bold or (r.bold is None and style.bold) for r in runs)


def _size(para, style: _KnownStyle) -> float:
    for r in para.runs:
        if r.text.strip() and r.font.size is not None:
            return float(r.font.size.pt)
    return style.size


def _numbering_formats(document) -> dict[tuple[str, int], tuple[str, str]]:
    """(numId, level) -> (number format, level text such as "%1." or "%1.%2")."""
    try:
        numbering = document.part.numbering_part.element
    except Exception:  # no numbering part: no lists
        return {}
    abstract: dict[str, dict[int, tuple[str, str]]] = {}
    for an in numbering.findall(f"{_W}abstractNum"):
        levels: dict[int, tuple[str, str]] = {}
        for lvl in an.findall(f"{_W}lvl"):
            ilvl = int(lvl.get(f"{_W}ilvl", "0"))
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            levels[ilvl] = ((fmt.get(f"{_W}val") if fmt is not None else "decimal") or "decimal",
                            (text.get(f"{_W}val") if text is not None else "") or "")
        abstract[an.get(f"{_W}abstractNumId")] = levels
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for num in numbering.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val") if ref is not None else "", {})
        for ilvl, value in levels.items():
            out[(num.get(f"{_W}numId"), ilvl)] = value
    return out


def _render(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _ROMAN[(n - 1) % len(_ROMAN)]
    if fmt == "upperRoman":
        return _ROMAN[(n - 1) % len(_ROMAN)].upper()
    return str(n)
