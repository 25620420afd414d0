"""Where each judgement's evidence sits in a commitment's text, ready to highlight.

Why a module of its own: the HTML, Markdown, Word and spreadsheet feedback, the terminal view
and the web desk must highlight the same words. Spans are widened to whole words (a rule may
match inside a word, and half-highlighted words read as mistakes), and overlapping spans are
cut into segments so a renderer can mark each piece once, with no gap between neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, Sequence

from ..model import Assessment, Evidence

Kind = Literal["value", "flag"]


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of `Assessment.text`: [start, end) and the label it supports."""

    start: int
    end: int
    kind: Kind
    code: str


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def to_word_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so it neither starts nor ends inside a word; trim edge spaces."""
    while start > 0 and start < len(text) and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def evidence_spans(a: Assessment) -> list[Span]:
    """Evidence spans of the present values and flags, checked against the text.

    An offset that does not point at its own words (e.g. the text was cleaned after
    judging) falls back to the first occurrence of those words; unfound evidence is dropped
    rather than highlighting the wrong words.
    """
    out: list[Span] = []
    groups: list[tuple[Kind, str, Sequence[Evidence]]] = [
        ("value", v.code, v.evidence) for v in a.values if v.present]
    groups += [("flag", f.code, f.evidence) for f in a.flags if f.present]
    for kind, code, evidence in groups:
        for e in evidence:
            start, end = e.start, e.end
            if not (0 <= start < end <= len(a.text) and a.text[start:end] == e.text):
                found = a.text.find(e.text) if e.text else -1
                if found < 0:
                    continue
                start, end = found, found + len(e.text)
            start, end = to_word_boundaries(a.text, start, end)
            if start < end:
                out.append(Span(start, end, kind, code))
    return out


def segments(text: str, spans: Sequence[Span], start: int = 0,
             end: int | None = None) -> list[tuple[str, tuple[Span, ...]]]:
    """Cut text[start:end] at every span boundary; each piece with the spans covering it.

    The pieces join back to exactly text[start:end].
    """
    end = len(text) if end is None else end
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b:
            out.append((text[a:b], tuple(s for s in inside if s.start <= a and s.end >= b)))
    return out


def distinct_phrases(evidence: Iterable[Evidence]) -> list[str]:
    """Each distinct evidence phrase once (case-insensitive), in order of appearance."""
    seen: dict[str, str] = {}
    for e in evidence:
        phrase = " ".join(e.text.split())
        if phrase:
            seen.setdefault(phrase.casefold(), phrase)
    return list(seen.values())


def label_phrases(text: str, spans: Sequence[Span], kind: Kind, code: str) -> list[str]:
    """The distinct highlighted phrases of one label, as whole words, in order of appearance."""
    seen: dict[str, str] = {}
    for s in sorted((s for s in spans if s.kind == kind and s.code == code),
                    key=lambda s: (s.start, s.end)):
        phrase = " ".join(text[s.start:s.end].split())
        if phrase:
            seen.setdefault(phrase.casefold(), phrase)
    return list(seen.values())
