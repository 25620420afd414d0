"""Read forum drafts (Word, plain text, Markdown, PDF or a raw string) into commitments.

Drafts are segmented with the same readers as plans: template tables when the draft has them
(Word drafts often copy the template table), numbered headings otherwise, and a draft with no
heading at all is one commitment whose title is its first line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, NoCommitmentsError
from ..io import detect_kind, is_stream, read_text_file
from ..model import Commitment
from ..pdf.pages import Cell, Table, read_pages
from ..pdf.tables import MergedTable, from_table
from .fields import Draft
from .plan import build, drafts_from_pages
from .prose import TextLine, lines_from_text, paragraphs, segment
from .template import read_tables
from .wordml import open_word

TEXT_SOURCE = "<text>"
_LOOKS_LIKE_FILE = re.compile(r"^\S+\.(?:docx|txt|md|markdown|pdf)$", re.I)


def read_draft(path_or_text: str | Path, *, language: str | None = None) -> list[Commitment]:
    """Commitments in a draft file, or in `path_or_text` itself when it is not an existing path.

    `language` ("es"/"en") overrides detection for every commitment.
    """
    if language is not None and language not in ("es", "en"):
        raise InputError(str(path_or_text)[:60], f"language must be 'es' or 'en', not {language!r}")
    path = _as_path(path_or_text)
    if path is None:
        text = str(path_or_text)
        if _LOOKS_LIKE_FILE.match(text.strip()):
            raise InputError(text.strip(), "file not found")  # a typo, not a one-word draft
        return _finish(_from_text(text, TEXT_SOURCE), stem="draft", language=language, source=None,
                       origin=TEXT_SOURCE)
    kind = detect_kind(path)
    if kind == "pdf":
        pages = read_pages(path)
        drafts, _ = drafts_from_pages(pages, allow_single=True)
    elif kind == "docx":
        drafts = _from_docx(path)
    elif kind in ("text", "unknown"):
        drafts = _from_text(_read_text(path), path)
    else:
        raise InputError(path, "a table file; use it with `screen` (id and text columns), not as a draft")
    return _finish(drafts, stem=path.stem, language=language, source=str(path), origin=str(path))


def _as_path(value: str | Path) -> Path | None:
    if isinstance(value, Path):
        return value
    if "\n" in value or len(value) > 1024 or not value.strip():
        return None
    try:
        p = Path(value)
        return p if p.is_file() or is_stream(p) else None  # a pipe then says why it is refused
    except (OSError, ValueError):
        return None


def _finish(drafts: list[Draft], *, stem: str, language: str | None, source: str | None,
            origin: str) -> list[Commitment]:
    if not drafts:
        raise NoCommitmentsError(origin, "no commitment found in the draft")
    return build(drafts, stem=stem, language=language, source=source)


def _read_text(path: Path) -> str:
    return read_text_file(path, "give a .docx, .txt, .md or .pdf draft")


def _from_text(text: str, origin: str | Path) -> list[Draft]:
    if not text.strip():
        raise InputError(origin, "empty draft: there is no text to read")
    return segment(paragraphs(lines_from_text(text)), allow_single=True)


# ---------------------------------------------------------------- Word


def _from_docx(path: Path) -> list[Draft]:
    """Paragraphs and tables in document order; tables go to the template reader.

    Text is walked by `wordml` (tracked insertions, content controls, fields, text boxes and
    nested tables included); python-docx gives styles and the table grid.
    """
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    from .wordml import blocks, paragraph_text

    document = open_word(path)
    lines: list[TextLine] = []
    with_cells: list[TextLine] = []  # the same, with the cells of tables at their places
    tables: list[MergedTable] = []
    for block in blocks(document.element.body):
        if block.kind == "p":
            para = Paragraph(block.element, document)
            style = _style_name(para)
            text = paragraph_text(block.element).strip()
            if not text:
                continue
            if style.lower().startswith("list") and not text.startswith(("•", "-", "–")):
                text = "• " + text
            bold = style.lower().startswith(("heading", "title")) or (
                bool(para.runs) and all(r.bold for r in para.runs if r.text.strip()))
            lines.append(TextLine(text, None, bold, new_block=True))
            with_cells.append(lines[-1])
        else:
            table = from_table(_docx_table(DocxTable(block.element, document)))
            tables.append(table)
            with_cells.extend(TextLine(c.text, None, False, new_block=True)
                              for r in table.rows for c in r.cells if c is not None and c.text)
    drafts = read_tables(tables)
    if drafts:
        return drafts
    if not with_cells:
        raise InputError(path, "empty draft: the Word file holds no text")
    # tables without template labels: their cells are read as text where they stand
    return segment(paragraphs(with_cells), allow_single=True)


def _style_name(para) -> str:
    try:
        return (para.style.name if para.style is not None else "") or ""
    except (KeyError, ValueError, AttributeError):  # a style the file names but does not define
        return ""


def _docx_table(table) -> Table:
    """A Word table as a page Table; a merged cell repeats in python-docx, here it is None."""
    from .wordml import cell_text

    rows = []
    for row in table.rows:
        cells: list[Cell | None] = []
        seen: set[int] = set()
        for cell in row.cells:
            key = id(cell._tc)
            if key in seen:
                cells.append(None)
                continue
            seen.add(key)
            cells.append(Cell(text=cell_text(cell._tc)))
        rows.append(tuple(cells))
    return Table(rows=tuple(rows), top=0.0, bottom=0.0, page=0)
