"""Lines of text to paragraphs, the way a reader sees them on a page or in a text file.

PDF lines (outside tables, running lines already removed) break into paragraphs at vertical
gaps and at lines that stop well short of their column's right edge (a bold heading's ragged
lines excepted); plain text breaks at blank lines (or at every line unless it was wrapped at a
fixed width). Wrapped lines are joined, a word hyphenated at a line end is rejoined, and a
bullet, a commitment heading, a "Label: value" line or a change of weight starts a paragraph
of its own. A table between two lines always ends the paragraph.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..pdf.layout import Page, Table
from .label import BULLET, inline, label_of
from .segment import Para, heading_of


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text; `new_block` when a blank line, a gap or a new paragraph precedes it."""

    text: str
    page: int | None = None
    bold: bool = False
    new_block: bool = False
    top: float | None = None  # position on the page, when the line comes from a PDF
    bottom: float | None = None
    size: float = 0.0  # font size, when known (0: unknown)
    x0: float | None = None  # left and right ends, when the line comes from a PDF
    x1: float | None = None


_MD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)|\*\*|__")


def lines_from_pages(pages: Sequence[Page]) -> list[TextLine]:
    """Text lines outside tables, with paragraph breaks inferred from vertical gaps."""
    out: list[TextLine] = []
    short_end = False  # the last line stopped well before the right margin: a paragraph end
    for page in pages:
        if not page.lines:
            continue
        left = min(line.x0 for line in page.lines)
        right = max(line.x1 for line in page.lines)
        last_start = max(line.x0 for line in page.lines)  # a line ending before it has a column to its right
        prev = None
        for line in page.lines:
            brk = not out or short_end
            if prev is not None:
                height = max(prev.bottom - prev.top, 1.0)
                close = (line.top - prev.bottom) <= 0.6 * height
                if short_end and close and prev.bold and line.bold and abs(prev.size - line.size) < 0.5:
                    brk = False  # a bold heading wraps raggedly: its short lines do not end it
                brk = brk or not close
            out.append(TextLine(line.text, page.number, line.bold, new_block=brk,
                                top=line.top, bottom=line.bottom, size=line.size, x0=line.x0, x1=line.x1))
            col_right = right if line.x1 >= last_start else _column_right(page.lines, line)
            short_end = line.x1 < col_right - 0.15 * (col_right - left)
            prev = line
    return out


def _column_right(lines, line) -> float:
    """The right edge of the column `line` stands in: on a page read in two columns
    (pdf/columns.py) a left-column line ends at the gutter, not at the page margin."""
    return max(other.x1 for other in lines if other.x1 <= line.x1 + 0.5 or abs(other.x0 - line.x0) < 2)


def lines_from_text(text: str) -> list[TextLine]:
    """Plain text or Markdown: blank lines separate paragraphs."""
    out: list[TextLine] = []
    blank = True
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    wrapped = _hard_wrapped(raw_lines)
    for raw in raw_lines:
        if not raw.strip():
            blank = True
            continue
        bold = bool(re.match(r"^\s*#{1,6}\s", raw)) or raw.strip().startswith("**")
        line = _MD.sub("", raw).strip()
        # in a hard-wrapped file a long line without a full stop continues on the next one;
        # otherwise (editors that soft-wrap) every line is a paragraph of its own
        if out and not blank:
            prev = out[-1].text
            blank = not wrapped or prev.endswith((".", ":", "!", "?", ";")) or len(prev) < 50
        out.append(TextLine(line, None, bold, new_block=blank))
        blank = False
    return out


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """True when the text was wrapped at a fixed width (no line much longer than ~100
    characters, and many long lines that stop mid-sentence)."""
    body = [x.rstrip() for x in lines if x.strip()]
    if not body or max(len(x) for x in body) > 100:
        return False
    open_ended = sum(1 for x in body if len(x) >= 60 and not x.endswith((".", ":", "!", "?", ";")))
    return open_ended >= max(2, 0.3 * len(body))


def paragraphs(lines: Iterable[TextLine], opens: Callable[[str], bool] | None = None) -> list[Para]:
    """Join lines into paragraphs: a heading, a bullet, a sub-label, a change of weight or a
    block break starts a new one, and so does a line `opens` says opens one (a review's
    "Potential for results: Modest" right under a line that ran to the margin)."""
    paras: list[list] = []  # [text, page, bold, end_page, top, bottom, size, x0, x1]
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        after_heading = bool(paras) and heading_of(paras[-1][0]) is not None and not (
            line.bold and paras[-1][2])
        starts = (
            not paras or line.new_block or after_heading or BULLET.match(text) is not None
            or inline(label_of(text, heading=True))
            or line.bold != paras[-1][2] or (opens is not None and opens(text))
        )
        if starts:
            paras.append([text, line.page, line.bold, line.page, line.top, line.bottom, line.size,
                          line.x0, line.x1])
            continue
        prev = paras[-1]
        if line.x0 is not None and prev[7] is not None:
            prev[7], prev[8] = min(prev[7], line.x0), max(prev[8], line.x1)
        if re.search(r"[^\W\d_]-$", prev[0]) and text[:1].islower():
            prev[0] = prev[0][:-1] + text
        else:
            prev[0] = prev[0] + " " + text
        prev[3] = line.page
        prev[5] = line.bottom
    return [Para(*p) for p in paras]


def cut_at_tables(lines: Sequence[TextLine], slots: Sequence[tuple[int, Table]]) -> list[TextLine]:
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
