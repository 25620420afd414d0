"""What an IRM report is, for whom and when: kind, country, period, title and language.

Read from the cover (the blocks of the first pages), where every IRM report prints its kind
next to the member's name and the plan's years, e.g. "Revisión del plan de acción: Perú
2023–2025".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..labels import IRM_REPORT_KINDS, fold
from ..read.blocks import Block, Box, Document, Heading, ListItem, TableBlock
from ..lang import detect_language
from ..model import Language
from .plan import find_country

_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*(?:[–—\-/]|\ba\b|\bto\b)\s*((?:19|20)\d\d|\d\d)\b")
_FILLER = re.compile(
    r"\b(?:de|del|la|el|for|of|the|plan|acci[oó]n|action|mecanismo|revisi[oó]n|independiente|irm|mri|"
    r"independent|reporting|mechanism|informe|report|gobierno|abierto|open|government|national|nacional)\b",
    re.I,
)


@dataclass(frozen=True)
class ReviewMeta:
    kind: str
    title: str
    country: str
    period: str
    language: Language


COVER_PAGES = 3  # where the cover title and the period are looked for
COVER_BLOCKS = 40  # the period is looked for in the title, else in the cover's first blocks
WORD_BODY_SIZE = 11.0  # Word paragraphs without a size of their own


@dataclass(frozen=True)
class _Text:
    """A cover block as the meta reader sees it: its text, size, page and box."""

    text: str
    size: float
    page: int
    box: Box | None


def read_meta(doc: Document) -> ReviewMeta:
    """Metadata from the first three pages (all of a Word file that records no page
    breaks); fields not found are empty strings."""
    cover = _cover(doc.blocks, doc.format)
    lines = [t.text for t in cover]
    kind, title_line = _kind(sorted(_title_blocks(cover), key=lambda t: -t.size))
    period = _period(title_line) or _period("\n".join(lines[:COVER_BLOCKS]))
    text = "\n".join(lines)
    language = detect_language(text)
    # the shared country list first, so plans and reviews name a country the same way
    country = (find_country(title_line, language) or _country(title_line, kind)
               or find_country(text, language))
    return ReviewMeta(kind=kind, title=title_line, country=country, period=period,
                      language=language)


def _cover(blocks: Sequence[Block], doc_format: str) -> list[_Text]:
    out: list[_Text] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            continue
        page = block.page or 1
        if page > COVER_PAGES:
            break
        text, size = " ".join(block.text.split()), block.style.size
        if isinstance(block, ListItem) and block.numbering:
            text = f"{block.numbering} {text}"
        elif isinstance(block, Heading) and not size:
            size = max(12.0, 16.0 - block.level)  # a Word heading without a size of its own
        elif not size and doc_format == "docx":
            size = WORD_BODY_SIZE
        out.append(_Text(text, size, page, block.box))
    return out


def _title_blocks(cover: Sequence[_Text]) -> list[_Text]:
    """The cover's blocks with a title that wraps joined back into one.

    A cover title set large often wraps over three lines ("Mecanismo de Revisión /
    Independiente: Informe de / avance 2015-2016") that a reader may keep apart (short,
    centred lines end paragraphs); blocks that follow each other on one page in the same
    size, without a paragraph gap, are one title. A Word file has no boxes: there blocks of
    one size that follow each other are one title (a Word cover sets its title in a size of
    its own).
    """
    out: list[_Text] = []
    for t in cover:
        last = out[-1] if out else None
        if (last is not None and t.size == last.size and t.size > 0 and t.page == last.page
                and _no_gap(last.box, t.box, t.size)):
            box = None if last.box is None or t.box is None else \
                Box(last.box.x0, last.box.top, last.box.x1, t.box.bottom)
            out[-1] = _Text(f"{last.text} {t.text}", t.size, t.page, box)
        else:
            out.append(t)
    return out


def _no_gap(upper: Box | None, lower: Box | None, size: float) -> bool:
    if upper is None or lower is None:
        return upper is None and lower is None
    return 0 <= lower.top - upper.bottom <= size


def _kind(lines: Sequence[_Text]) -> tuple[str, str]:
    """The largest-type block that names a report kind decides it: that is the cover title.

    `lines` come sorted by size (stable, so document order breaks ties).
    """
    for line in lines:
        key = fold(line.text)
        hits = [(key.find(phrase), kind) for phrase, kind in IRM_REPORT_KINDS.items() if phrase in key]
        if hits:
            return min(hits)[1], " ".join(line.text.split())
    return "", ""


def _period(text: str) -> str:
    m = _PERIOD.search(text)
    if not m:
        return ""
    start, end = m.group(1), m.group(2)
    if len(end) == 2:
        end = start[:2] + end
    if not (0 < int(end) - int(start) <= 6):
        return ""
    return f"{start}-{end}"


def _country(title: str, kind: str) -> str:
    """What is left of the cover title once the kind, the years and filler words are removed."""
    text = title
    for phrase, k in IRM_REPORT_KINDS.items():
        if k == kind:
            text = re.sub(_accent_insensitive(phrase), " ", text, flags=re.I)
    text = _PERIOD.sub(" ", text)
    text = re.sub(r"\(.*?\)", " ", text)
    text = _FILLER.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if not w.isdigit()]
    if not words or len(words) > 4 or not all(w[0].isupper() for w in words):
        return ""
    return " ".join(words)


def _accent_insensitive(phrase: str) -> str:
    table = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uú]", "n": "[nñ]", "-": "[-\\s]"}
    return "".join(table.get(c, re.escape(c)) for c in phrase)
