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
    find_dates,
    first_sentence,
    split_label_line,
)
from .fill import Filler

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
            if split_label_line(first.text) is None and not BULLET.match(first.text):
                d.add("title", first.text if len(first.text) <= 200 else first_sentence(first.text), first.page)
                if len(first.text) <= 200:
                    body = body[1:]  # a long first paragraph is also the description
            _fill(d, body)
            return [d] if not d.empty else []
        d = Draft(number=span.number)
        d.touch("number", paras[span.head].page)
        if span.title:
            d.add("title", span.title, paras[span.head].page)
        _fill(d, body)
        drafts.append(d)
    return _dedupe(drafts)


# "Hito 3.1 …", "Milestone 2.4 …": a milestone wherever it stands; a bare "3.1 …" is one
# inside a milestones section.
_NAMED_ITEM = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+\S",
                         re.I)
_SUB_ITEM = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?\s+\S")


def _fill(d: Draft, paras: Sequence[Para]) -> None:
    """Route each paragraph of one commitment: a label opens its field (the filler takes
    the value), bullets and sub-numbered lines under "Hitos" are milestones, other text
    continues the field opened last."""
    fill = Filler([d])
    code = "description"
    in_milestones = False
    bold_labels = False  # this commitment marks its labels in bold
    for p in paras:
        if len(p.text) <= 120 and GROUP_HEADING.match(p.text):
            continue
        if _NAMED_ITEM.match(p.text):
            fill.milestone(_NAMED_PREFIX.sub("", p.text), p.page, p.end_page)
            in_milestones = True
            continue
        found = label_of(p.text)  # "Label: value", "2. Label: value", or a label alone
        alone = found.field if found is not None and found.position == "alone" else None
        label = (found.field, found.value) if found is not None and found.position != "alone" else None
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
            if in_milestones:  # "Hitos: a; b": the items on the label's line
                d.touch("milestones", p.page)
                for item in (re.split(r"\s*;\s*", value) if value else []):
                    if item:
                        fill.milestone(item, p.page)
            else:
                fill.put(code, value, p.page)
            fill.touch_end(code, p.page, p.end_page)
            continue
        bullet = BULLET.match(p.text) is not None
        if in_milestones and (bullet or _SUB_ITEM.match(p.text) or find_dates(p.text)):
            fill.milestone(p.text, p.page, p.end_page)
            continue
        in_milestones = False
        target = code if code in TEXT_FIELDS else "description"
        text = "- " + BULLET.sub("", p.text) if bullet else p.text
        fill.put(target, text, p.page)
        fill.touch_end(target, p.page, p.end_page)


_NAMED_PREFIX = re.compile(r"^\s*(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+\d{1,2}(?:\.\d{1,2})+\.?\s+",
                           re.I)


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
