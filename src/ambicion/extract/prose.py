"""Segment running text into commitments: prose plans, and drafts in any format.

Text arrives as lines (from PDF pages, a Word file or plain text). Lines become paragraphs
(wrapped lines joined, words hyphenated at a line end rejoined, bullets kept apart); numbered
headings ("Compromiso 1:", "Commitment 3 –", "Compromiso N° 4.", or "1." when a plan uses
nothing else) open commitments; sub-labels ("Entidad responsable: …", "Hitos:") route the
text that follows to a field, and bullets under "Hitos" become dated milestones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..pdf.pages import Page
from ..read.segment import HEADING_CHARS, Para, GROUP_HEADING, bold_titles, find_headings
from .fields import (
    BULLET,
    TEXT_FIELDS,
    Draft,
    find_dates,
    first_sentence,
    match_label,
    parse_heading,
    parse_milestone,
    split_label_line,
)

__all__ = ["Para", "TextLine", "find_headings", "bold_titles", "lines_from_pages", "lines_from_text",
           "paragraphs", "segment"]


@dataclass(frozen=True)
class TextLine:
    """One line of text; `new_block` when a blank line, a gap or a new paragraph precedes it."""

    text: str
    page: int | None = None
    bold: bool = False
    new_block: bool = False
    top: float | None = None  # position on the page, when the line comes from a PDF
    bottom: float | None = None
    size: float = 0.0  # font size, when known (0: unknown)


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
                                top=line.top, bottom=line.bottom, size=line.size))
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


def paragraphs(lines: Iterable[TextLine]) -> list[Para]:
    """Join lines into paragraphs: a heading, a bullet, a sub-label, a change of weight or a
    block break starts a new one."""
    paras: list[list] = []  # [text, page, bold, end_page, top, bottom]
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        after_heading = bool(paras) and parse_heading(paras[-1][0]) is not None and not (
            line.bold and paras[-1][2])
        starts = (
            not paras or line.new_block or after_heading or BULLET.match(text) is not None
            or parse_heading(text) is not None or split_label_line(text) is not None
            or line.bold != paras[-1][2]
        )
        if starts:
            paras.append([text, line.page, line.bold, line.page, line.top, line.bottom, line.size])
            continue
        prev = paras[-1]
        if re.search(r"[^\W\d_]-$", prev[0]) and text[:1].islower():
            prev[0] = prev[0][:-1] + text
        else:
            prev[0] = prev[0] + " " + text
        prev[3] = line.page
        prev[5] = line.bottom
    return [Para(*p) for p in paras]


# ---------------------------------------------------------------- segmentation


def segment(paras: Sequence[Para], *, allow_single: bool = False) -> list[Draft]:
    """Commitments in `paras`. Text before the first heading is the plan's preamble and is
    skipped; with `allow_single`, text without any heading is one commitment."""
    heads = find_headings(paras)
    if not heads and allow_single:
        heads = bold_titles(paras)  # a draft: bold titles, each over its own text
    drafts: list[Draft] = []
    if not heads:
        if not allow_single or not paras:
            return []
        d = Draft()
        first = paras[0]
        rest = list(paras)
        if split_label_line(first.text) is None and not BULLET.match(first.text):
            d.add("title", first.text if len(first.text) <= 200 else first_sentence(first.text), first.page)
            if len(first.text) > 200:
                rest = list(paras)  # the long first paragraph is also the description
            else:
                rest = list(paras[1:])
        _fill(d, rest)
        return [d] if not d.empty else []
    order = sorted(heads)
    for k, start in enumerate(order):
        end = order[k + 1] if k + 1 < len(order) else len(paras)
        number, title = heads[start]
        d = Draft(number=number)
        d.touch("number", paras[start].page)
        body = _own_body(paras[start], paras[start + 1:end])
        if not title and body and split_label_line(body[0].text) is None and len(body[0].text) <= 250:
            title = body.pop(0).text
        elif (title and body and paras[start].bold and body[0].bold and len(body[0].text) <= 150
              and match_label(body[0].text) is None and parse_heading(body[0].text) is None):
            title = f"{title} {body.pop(0).text}"  # a bold heading wrapped onto a second line
        if title:
            d.add("title", title, paras[start].page)
        _fill(d, body)
        drafts.append(d)
    return _dedupe(drafts)


def _own_body(head: Para, body: Sequence[Para]) -> list[Para]:
    """The paragraphs under a commitment heading up to the next heading of its rank or
    above ("Anexo. Glosario" after the last commitment): bold, set no smaller than it."""
    if not head.size:
        return list(body)
    for k, p in enumerate(body):
        if p.bold and p.size >= head.size - 0.1 and len(p.text) <= HEADING_CHARS \
                and parse_heading(p.text) is None and not (k == 0 and p.size == head.size):
            return list(body[:k])
    return list(body)


# "Hito 3.1 …", "Milestone 2.4 …": a milestone wherever it stands; a bare "3.1 …" is one
# inside a milestones section.
_NAMED_ITEM = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+\S",
                         re.I)
_SUB_ITEM = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?\s+\S")
# A label standing alone on its line ("Hitos", "Entidad responsable") is no longer than this.
LABEL_LINE_CHARS = 80


def _fill(d: Draft, paras: Sequence[Para]) -> None:
    code = "description"
    in_milestones = False
    bold_labels = False  # this commitment marks its labels in bold
    for p in paras:
        if len(p.text) <= 120 and GROUP_HEADING.match(p.text):
            continue
        if _NAMED_ITEM.match(p.text):
            d.milestones.append(parse_milestone(_NAMED_PREFIX.sub("", p.text), p.page))
            d.touch("milestones", p.page)
            _touch_end(d, "milestones", p)
            in_milestones = True
            continue
        alone = match_label(p.text) if len(p.text) <= LABEL_LINE_CHARS else None
        label = split_label_line(p.text)
        if label and bold_labels and not p.bold:
            label = None  # "Institución responsable: …" inside running text, not a label
        if alone and not label:
            code, in_milestones = alone, alone == "milestones"
            bold_labels = bold_labels or p.bold
            if in_milestones:
                d.touch("milestones", p.page)
            continue
        if label:
            bold_labels = bold_labels or p.bold
            code, value = label
            in_milestones = code == "milestones"
            if in_milestones:
                d.touch("milestones", p.page)
                for item in (re.split(r"\s*;\s*", value) if value else []):
                    if item:
                        d.milestones.append(parse_milestone(item, p.page))
            elif code == "number":
                d.add("number", value, p.page)
            else:
                d.add(code, value, p.page)
            _touch_end(d, code, p)
            continue
        bullet = BULLET.match(p.text) is not None
        if in_milestones and (bullet or _SUB_ITEM.match(p.text) or find_dates(p.text)):
            d.milestones.append(parse_milestone(p.text, p.page))
            _touch_end(d, "milestones", p)
            continue
        in_milestones = False
        target = code if code in TEXT_FIELDS else "description"
        text = "- " + BULLET.sub("", p.text) if bullet else p.text
        d.add(target, text, p.page)
        _touch_end(d, target, p)


_NAMED_PREFIX = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+",
                           re.I)


def _touch_end(d: Draft, code: str, p: Para) -> None:
    if p.end_page is not None and p.end_page != p.page:
        d.touch(code, p.end_page)


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """A plan may list its commitments (same headings) before describing them: keep, for
    each number, the fullest section."""
    best: dict[str, Draft] = {}
    for d in drafts:
        key = d.number or str(id(d))
        if key not in best or _size(d) > _size(best[key]):
            best[key] = d
    kept = {id(d) for d in best.values()}
    return [d for d in drafts if id(d) in kept]


def _size(d: Draft) -> int:
    return sum(len(t) for v in d.fields.values() for t in v) + 50 * len(d.milestones) + len(d.institutions)
