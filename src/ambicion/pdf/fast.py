"""Read text-only pages through pdfium, many times faster than pdfminer, into the same Lines.

Most pages of a prose plan (and the cover and preamble of any plan) hold no ruled table: no
vector path at all. For those pages the only thing the readers need is the text lines, and
pdfium (through pypdfium2) gives them in a fraction of pdfminer's time. Geometry is rebuilt
the way pdfminer builds it — a line's box runs from the font's descent below the baseline to
one font size above it, from the first glyph's origin to the last glyph's advance — so the
paragraph and header rules above see the same numbers whichever engine read the page.
Pages that do hold vector paths (ruled tables, shaded cells) are left to pdfplumber.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterator, Sequence

from .layout import Line, Page, shared
from .visibility import NOTHING_HIDDEN, Hidden, address


@dataclass(frozen=True)
class _Fragment:
    text: str
    x0: float
    x1: float
    baseline: float  # from the top of the page
    descent: float  # positive, below the baseline
    size: float
    bold: bool


def read_text_page(page, number: int, images: int = 0, *, refuse_gaps: bool = False,
                   hidden: Hidden = NOTHING_HIDDEN) -> Page | None:
    """A pdfium page without vector paths as a Page of lines (no tables), without the
    characters of the `hidden` text objects (text a viewer would not show).

    With `refuse_gaps`, None when some line holds runs of text set far apart (a table
    without rules, or label | value columns): the span-aware reader must see that page.
    """
    height = float(page.get_height())
    textpage = page.get_textpage()
    try:
        if refuse_gaps and _has_wide_gaps(textpage):
            return None
        fragments = _fragments(textpage, height, hidden.objects)
    finally:
        textpage.close()
    if refuse_gaps and any(_piled_up(f) for f in fragments):
        return None
    return Page(number=number, width=float(page.get_width()), height=height,
                lines=tuple(_group(fragments)), tables=(), images=images, pictures=images,
                hidden=hidden.kinds)


# Runs on one line further apart than this (points) make the page go to pdfplumber.
WIDE_GAP = 12.0
# A run narrower than this share of its font size per character has its glyphs piled on one
# another (a font whose widths are all 0): pdfium then drops letters it takes for doubles
# ("Compromiso" read as "Compris"), so the page goes to pdfplumber, which keeps them all.
PILED_UP = 0.1


def _piled_up(f: _Fragment) -> bool:
    return len(f.text) >= 8 and f.size > 0 and f.x1 - f.x0 < PILED_UP * f.size * len(f.text)


def _has_wide_gaps(textpage) -> bool:
    """True when two text runs share a line with a wide gap between them."""
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())), key=lambda r: r[1])
    row: list[tuple[float, float]] = []
    row_bottom = None
    for left, bottom, right, _top in rects + [(0.0, float("inf"), 0.0, 0.0)]:
        if row_bottom is not None and abs(bottom - row_bottom) <= 3.0:
            row.append((left, right))
            continue
        row.sort()
        if any(b[0] - a[1] > WIDE_GAP for a, b in zip(row, row[1:])):
            return True
        row, row_bottom = [(left, right)], bottom
    return False


def _fragments(textpage, height: float, hidden: frozenset[int] = frozenset()) -> list[_Fragment]:
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    tp = textpage.raw
    out: list[_Fragment] = []
    x = ctypes.c_double()
    y = ctypes.c_double()
    box = raw.FS_RECTF()
    flags = ctypes.c_int()
    name = ctypes.create_string_buffer(256)
    desc = ctypes.c_float()
    for first, last in _pieces(text, count, tp, hidden):
        stripped = text[first:last + 1]
        raw.FPDFText_GetCharOrigin(tp, first, ctypes.byref(x), ctypes.byref(y))
        x0 = x.value
        baseline = height - y.value
        raw.FPDFText_GetLooseCharBox(tp, last, ctypes.byref(box))
        size = float(raw.FPDFText_GetFontSize(tp, (first + last) // 2))  # a lead mark may be larger
        raw.FPDFText_GetFontInfo(tp, first, name, len(name), ctypes.byref(flags))
        font = name.value.decode("latin-1", "replace")
        descent = 0.0
        obj = raw.FPDFText_GetTextObject(tp, first)
        if obj:
            fnt = raw.FPDFTextObj_GetFont(obj)
            if fnt and raw.FPDFFont_GetDescent(fnt, ctypes.c_float(size), ctypes.byref(desc)):
                descent = -float(desc.value)
        out.append(_Fragment(text=_clean(stripped), x0=x0, x1=max(float(box.right), x0), baseline=baseline,
                             descent=descent, size=size, bold="bold" in font.lower()))
    return out


def _pieces(text: str, count: int, tp, hidden: frozenset[int]) -> Iterator[tuple[int, int]]:
    """(first, last) char indexes of each line's text, blanks trimmed; with `hidden` text
    objects, each line's runs of characters from other objects (what a viewer shows)."""
    for seg_start, seg in _split_lines(text):
        if not seg.strip():
            continue
        first = seg_start + (len(seg) - len(seg.lstrip()))
        last = seg_start + len(seg.rstrip()) - 1
        if first >= count or last >= count:
            continue
        if not hidden:
            yield first, last
            continue
        yield from _shown_runs(text, tp, first, last, hidden)


def _shown_runs(text: str, tp, first: int, last: int, hidden: frozenset[int]) -> Iterator[tuple[int, int]]:
    """The runs of characters in first..last whose text object is not hidden, blanks trimmed."""
    import pypdfium2.raw as raw

    start = None
    for i in range(first, last + 2):
        shown = i <= last and address(raw.FPDFText_GetTextObject(tp, i)) not in hidden
        if shown and start is None:
            start = i
        elif not shown and start is not None:
            run = text[start:i]
            if run.strip():
                yield start + (len(run) - len(run.lstrip())), start + len(run.rstrip()) - 1
            start = None


def _split_lines(text: str) -> list[tuple[int, str]]:
    """Pieces of the page text with their first char index. pdfium separates lines with
    "\r\n" but joins a line that ends in a hyphen to the next one, marking the hyphen
    U+0002: split there too, so a hyphenated line stays a line of its own."""
    out: list[tuple[int, str]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            out.append((start, text[start:i]))
            i += 2
            start = i
            continue
        if ch in "\x02\ufffe":
            out.append((start, text[start:i + 1]))
            start = i + 1
        i += 1
    if start < n:
        out.append((start, text[start:]))
    return out


def _clean(text: str) -> str:
    # pdfium marks a hyphen it judged to end a line with U+0002; a real hyphen is kept
    return " ".join(text.replace("\x02", "-").replace("\ufffe", "-").split())


def _group(fragments: Sequence[_Fragment], tolerance: float = 3.0) -> list[Line]:
    """Fragments on one baseline form a line, left to right (as the pdfminer path does)."""
    rows: list[list[_Fragment]] = []
    for f in sorted(fragments, key=lambda f: (round(f.baseline - f.size + f.descent), f.x0)):
        if rows and abs(rows[-1][0].baseline - f.baseline) <= tolerance:
            rows[-1].append(f)
        else:
            rows.append([f])
    lines = []
    for row in rows:
        row.sort(key=lambda f: f.x0)
        text = ""
        prev = None
        for f in row:
            if prev is not None:
                text += " " if f.x0 - prev.x1 > 0.5 else ""
            text += f.text
            prev = f
        bottom = max(f.baseline + f.descent for f in row)
        top = min(f.baseline + f.descent - f.size for f in row)
        lines.append(Line(text=shared(text), x0=row[0].x0, top=top, x1=row[-1].x1, bottom=bottom,
                          size=round(row[0].size, 1), bold=row[0].bold))
    return lines
