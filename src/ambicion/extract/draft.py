"""Read forum drafts (Word, plain text, Markdown, PDF or a raw string) into commitments.

Drafts are segmented by the same segmenter as plans: a Word file (and a Markdown draft with
pipe tables) as the reading model's blocks (extract/blocks.py), a PDF as pages; template
tables when the draft has them (Word drafts often copy the template table), numbered headings
or bold titles otherwise, and a draft with no heading at all is one commitment whose title
is its first line.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..errors import InputError, MissingFileError, NoCommitmentsError
from ..io import detect_kind, is_stream, read_text_file
from ..model import Commitment, Plan
from ..pdf.pages import read_pages
from ..read.docx import read_docx
from ..read.text import running_text_document, text_document
from .blocks import drafts_from_blocks
from .fields import Draft
from .plan import build, drafts_from_pages
from .sanity import sanity_warnings

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
            raise MissingFileError(text.strip())  # a typo, not a one-word draft
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


def read_draft_plan(path: str | Path, *, language: str | None = None) -> Plan:
    """A draft file as a Plan (layout "draft"), so batches treat drafts like plans."""
    p = Path(path)
    commitments = read_draft(p, language=language)
    langs = [c.language for c in commitments]
    main = max(set(langs), key=langs.count) if langs else "es"
    return Plan(source=str(p), title=p.stem, language=main, layout="draft",
                pages=0, commitments=tuple(commitments), warnings=sanity_warnings(commitments, 0))


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


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)


def _from_text(text: str, origin: str | Path) -> list[Draft]:
    """The text as blocks through the segmenter: a Markdown draft with pipe tables (the
    template copied as "| Entidad responsable | … |") like a Word file, running text as
    its paragraphs (numbered headings, bold titles, or one commitment)."""
    if not text.strip():
        raise InputError(origin, "empty draft: there is no text to read")
    if len(_PIPE_ROW.findall(text)) >= 2:
        drafts, _ = drafts_from_blocks(text_document(text, source=str(origin)).blocks)
        if drafts:
            return drafts
    # sizes as they are: plain text has none, so no heading is ranked by size
    drafts, _ = drafts_from_blocks(running_text_document(text, source=str(origin)).blocks,
                                   allow_single=True, sized=True)
    return drafts


# ---------------------------------------------------------------- Word


def _from_docx(path: Path) -> list[Draft]:
    """The Word body as blocks through the segmenter: headings (Word heading styles, bold
    titles, "Compromiso N° 1: …" lines) above template tables open their commitments,
    running text goes to the prose segmenter, a text without headings is one commitment."""
    document = read_docx(path)
    if not document.blocks:
        raise InputError(path, "empty draft: the Word file holds no text")
    drafts, _ = drafts_from_blocks(document.blocks, allow_single=True)
    if document.pages:  # pages where Word recorded them (read/docx.py): approximate, kept
        return drafts
    return [_without_pages(d) for d in drafts]


def _without_pages(d: Draft) -> Draft:
    """A Word file that records no page breaks has no page numbers to give."""
    d.pages.clear()
    d.field_pages.clear()
    d.milestones[:] = [dataclasses.replace(m, page=None) for m in d.milestones]
    return d
