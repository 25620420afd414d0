"""Fill commitments from running text: prose plans, and drafts in any format.

Text arrives as paragraphs (read/paragraphs.py joins lines from PDF pages or plain text);
the segmenter's numbered headings ("Compromiso 1:", "Commitment 3 –", "Compromiso N° 4.", or "1." when a plan uses
nothing else) open commitments; sub-labels ("Entidad responsable: …", "Hitos:") route the
text that follows to a field, and bullets under "Hitos" become dated milestones. Each value
is handed to the one field filler (fill.py), as the table reader's are.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..read.paragraphs import TextLine, cut_at_tables, lines_from_pages, lines_from_text, paragraphs
from ..read.label import label_of
from ..read.segment import GROUP_HEADING, Para, bold_titles, find_headings, text_spans
from .fields import (
    BULLET,
    TEXT_FIELDS,
    Draft,
    first_sentence,
)
from .fill import Filler, in_milestones

__all__ = ["Para", "TextLine", "bold_titles", "cut_at_tables", "find_headings", "lines_from_pages",
           "lines_from_text", "paragraphs", "segment"]


# ---------------------------------------------------------------- segmentation


def segment(paras: Sequence[Para], *, allow_single: bool = False) -> list[Draft]:
    """Commitments in `paras`, one per span the segmenter finds (read/segment.py
    `text_spans`): text before the first heading is the plan's preamble and is skipped;
    with `allow_single`, text without any heading is one commitment."""
    drafts: list[Draft] = []
    for span in text_spans(paras, allow_single=allow_single):
        body = [paras[k] for k in span.body]
        if span.head is None:  # the whole text: its first line is the title, when it reads as one
            d = Draft()
            first = paras[0]
            if label_of(first.text) is None and not BULLET.match(first.text):
                d.add("title", first.text if len(first.text) <= 200 else first_sentence(first.text), first.page)
                if len(first.text) <= 200:
                    body = body[1:]  # a long first paragraph is also the description
            return [x for x in _fill(d, body) if not x.empty]
        d = Draft(number=span.number)
        d.touch("number", paras[span.head].page)
        if span.title:
            d.add("title", span.title, paras[span.head].page)
        drafts.extend(_fill(d, body))
    return dedupe(drafts)


# "Hito 3.1 …", "Milestone 2.4 …": a milestone wherever it stands; a bare "3.1 …" is one
# inside a milestones section.
_NAMED_ITEM = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+\S",
                         re.I)


def _fill(d: Draft, paras: Sequence[Para]) -> list[Draft]:
    """Route each paragraph of one commitment: a label opens its field (the filler takes
    the value), paragraphs under "Hitos" that read as milestones (fill.py `in_milestones`)
    are milestones, other text continues the field opened last. Returns `d` and any
    commitment the filler opened after it (a second title label once `d` has a body)."""
    fill = Filler([d])
    walk(fill, paras)
    return fill.drafts


def walk(fill: Filler, paras: Sequence[Para]) -> None:
    """The paragraph walk of one commitment's body, handing each value to `fill` (whose
    current commitment the body belongs to)."""
    code = "description"
    milestones = False  # the paragraphs follow a milestones label
    bold_labels = False  # this commitment marks its labels in bold
    for p in paras:
        if len(p.text) <= 120 and GROUP_HEADING.match(p.text):
            continue
        if _NAMED_ITEM.match(p.text):
            fill.milestone(_NAMED_PREFIX.sub("", p.text), p.page, p.end_page)
            milestones = True
            continue
        found = label_of(p.text)  # "Label: value", "2. Label: value", or a label alone
        if found is not None and found.position != "alone" and bold_labels and not p.bold:
            found = None  # "Institución responsable: …" inside running text, not a label
        if found is not None:
            bold_labels = bold_labels or p.bold
            code = found.field
            milestones = code == "milestones"
            if milestones:
                fill.cur.touch("milestones", p.page)
            if found.position == "alone":
                continue
            fill.labelled(code, found.value, p.page)  # "Hitos: a; b": the items on its line
            fill.touch_end(code, p.page, p.end_page)
            continue
        if milestones and in_milestones(p.text):
            fill.milestone(p.text, p.page, p.end_page)
            continue
        milestones = False
        target = code if code in TEXT_FIELDS else "description"
        bullet = BULLET.match(p.text) is not None
        text = "- " + BULLET.sub("", p.text) if bullet else p.text
        fill.put(target, text, p.page)
        fill.touch_end(target, p.page, p.end_page)


_NAMED_PREFIX = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+",
                           re.I)


def dedupe(drafts: list[Draft]) -> list[Draft]:
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
