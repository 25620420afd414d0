"""A last look at what a document yielded: warn when a record seems to hold several commitments.

A layout the segmenter misreads usually fails the same way: commitments run together. A
record then holds more than one commitment heading in its text, or far more milestones or
pages than its neighbours, or the whole document comes out as one commitment from many pages.
These checks say so on the Plan (and in one CLI line) rather than pass the result on silently.
"""

from __future__ import annotations

import re
from statistics import median
from typing import Sequence

from ..model import Commitment
from .fields import parse_heading

# A record warrants a warning beyond these (data of the checks, not of any document):
MANY_PAGES_ALONE = 6  # one commitment read from this many pages or more
FACTOR = 3.0  # this many times the median of the other records...
MIN_MILESTONES = 10  # ...and at least this many milestones
MIN_PAGES = 5  # ...or pages

# a heading starts a line, or a sentence in text whose lines were joined
_LINE_START = re.compile(r"(?:^|\n|[.!?]\s)\s*((?:compromiso|commitment)\b[^\n]{0,120})", re.I)


def sanity_warnings(commitments: Sequence[Commitment], pages: int) -> tuple[str, ...]:
    """Plain-language warnings about records that look like merged commitments."""
    out: list[str] = []
    if len(commitments) == 1 and pages >= MANY_PAGES_ALONE:
        out.append(f"only one commitment was found in {pages} pages; the layout may not have been "
                   "recognised (try `ambicion inspect` on a page with two commitments)")
    spans = [_span(c) for c in commitments]
    counts = [len(c.milestones) for c in commitments]
    for k, c in enumerate(commitments):
        name = f"commitment {c.number}" if c.number else f"record {k + 1}"
        inner = _inner_headings(c)
        if inner:
            out.append(f"{name} may be several commitments merged: its text holds the heading(s) "
                       + "; ".join(f"'{h}'" for h in inner[:3]))
            continue
        others = [x for j, x in enumerate(counts) if j != k]
        if others and counts[k] >= MIN_MILESTONES and counts[k] > FACTOR * max(median(others), 1):
            out.append(f"{name} has {counts[k]} milestones, far more than the others "
                       f"(median {median(others):g}): it may be several commitments merged")
            continue
        other_spans = [x for j, x in enumerate(spans) if j != k and x]
        if spans[k] and other_spans and spans[k] >= MIN_PAGES and spans[k] > FACTOR * max(median(other_spans), 1):
            out.append(f"{name} runs over {spans[k]} pages, far more than the others "
                       f"(median {median(other_spans):g}): it may be several commitments merged")
    return tuple(out)


def _span(c: Commitment) -> int:
    p = c.provenance
    if p is None or p.page_start is None or p.page_end is None:
        return 0
    return p.page_end - p.page_start + 1


def _inner_headings(c: Commitment) -> list[str]:
    """Commitment headings with a number other than the record's own, at a line or sentence
    start, the title cut at its first full stop."""
    found: list[str] = []
    for text in (c.description, c.what, c.problem, c.how, c.additional):
        for m in _LINE_START.finditer(text or ""):
            heading = parse_heading(re.split(r"(?<=[a-záéíóúñ)])\.\s", m.group(1), maxsplit=1)[0])
            # a heading's title starts with a capital; "Compromiso 6: construir …" is a quote
            if heading and heading[0] != c.number and heading[1][:1].isupper():
                found.append(m.group(1).strip()[:80])
    return found
