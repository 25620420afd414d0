"""Plain text and Markdown as blocks: "#" headings, list items, pipe tables, paragraphs.

Blank lines separate paragraphs; a line opening with a list mark ("-", "•", "1.", "a)") is an
item of its own; a run of "| a | b |" lines is a table (its "---" rule row dropped).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..io import read_text_file
from .blocks import Block, Document, Heading, ListItem, Paragraph, Style, TableBlock, TableCell

_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?P<mark>[-*+•·▪◦●]|\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-z]\))\s+(?P<text>\S.*)$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_STRONG = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*$")
_LEAD_STRONG = re.compile(r"^\s*(?:\*\*|__)[^*_]+:(?:\*\*|__)")  # "**Entidad responsable:** Minsa"
_EMPHASIS = re.compile(r"\*\*|__")


def read_text_document(path: str | Path) -> Document:
    """A .txt or .md file as blocks. Raises InputError for unreadable files."""
    p = Path(path)
    return text_document(read_text_file(p, "give a .txt or .md file"), source=str(p))


def text_document(text: str, source: str = "<text>") -> Document:
    blocks: list[Block] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if para:
            joined = " ".join(" ".join(x.split()) for x in para)
            strong = _STRONG.match(joined) or _LEAD_STRONG.match(joined)
            blocks.append(Paragraph(text=_EMPHASIS.sub("", joined), style=Style(bold=bool(strong))))
            para.clear()
        if table:
            blocks.append(_table(table))
            table.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.lstrip().startswith("|"):
            if para:
                flush()
            if not _RULE.match(line):
                table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if table:
            flush()
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if heading:
            flush()
            blocks.append(Heading(text=heading.group(2).strip("*_ "), level=len(heading.group(1)),
                                  style=Style(bold=True)))
        elif item:
            flush()
            blocks.append(ListItem(text=_EMPHASIS.sub("", item.group("text")), numbering=item.group("mark")))
        else:
            para.append(line)
    flush()
    return Document(source=source, format="text", blocks=tuple(blocks))


def running_text_document(text: str, source: str = "<text>") -> Document:
    """Text without tables as the paragraphs a draft reader needs: hard-wrapped lines joined,
    otherwise every line a paragraph of its own (editors that soft-wrap), "#" headings and
    "**bold**" lines in bold, bullets, headings and "Label:" lines apart (read/paragraphs.py).
    `text_document` keeps Markdown's own rule (blank lines) for `read_document` users."""
    from .paragraphs import lines_from_text, paragraphs

    blocks = tuple(Paragraph(text=p.text, style=Style(bold=p.bold))
                   for p in paragraphs(lines_from_text(text)))
    return Document(source=source, format="text", blocks=blocks)


def _table(rows: list[list[str]]) -> TableBlock:
    cols = max(len(r) for r in rows)
    cells = tuple(TableCell(text=t, row=r, col=c) for r, row in enumerate(rows) for c, t in enumerate(row))
    return TableBlock(cells=cells, rows=len(rows), cols=cols, ruled=False)
