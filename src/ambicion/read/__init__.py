"""One reading model for every input: blocks from PDF, Word and text.

`read_document(path)` gives any supported file as a `blocks.Document`; the per-format readers
are `pdf.read_pdf`, `docx.read_docx` and `text.read_text_document`.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, Box, Document, Heading, ListItem, Paragraph, Style, TableBlock, TableCell

__all__ = ["Block", "Box", "Document", "Heading", "ListItem", "Paragraph", "Style", "TableBlock",
           "TableCell", "read_document"]


def read_document(path: str | Path, max_pages: int | None = None) -> Document:
    """A PDF, Word or text file as blocks in reading order. Raises InputError (naming the
    file) for what cannot be read, including table files (.csv, .jsonl)."""
    from ..errors import InputError
    from ..io import detect_kind

    p = Path(path)
    kind = detect_kind(p)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(p, max_pages=max_pages)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(p)
    if kind in ("text", "unknown"):
        from .text import read_text_document
        return read_text_document(p)
    raise InputError(p, "a table file, not a document; give a PDF, .docx, .txt or .md file")
