"""Evidence spans: the phrases of the judged text that support a label, with rule ids."""

from __future__ import annotations

from ..model import Evidence
from .features import EVIDENCE_FAMILIES, Features

MAX_EVIDENCE = 6


def evidence_for(f: Features, label: str, limit: int = MAX_EVIDENCE) -> tuple[Evidence, ...]:
    """Rule hits of the label's families, strongest first, one per span, offsets into f.text."""
    families = EVIDENCE_FAMILIES.get(label, ())
    hits = sorted(f.hits(*families), key=lambda h: (-h.weight, h.start_char, h.rule))
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for h in hits:
        key = (h.start_char, h.end_char)
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(h.start_char, h.end_char, f.text[h.start_char:h.end_char], h.rule))
        if len(out) >= limit:
            break
    return tuple(sorted(out, key=lambda e: (e.start, e.end)))


def first_quote(f: Features, *families: str) -> str | None:
    """The first phrase (in reading order) of the given families, for a reason sentence."""
    hits = sorted(f.hits(*families), key=lambda h: (h.start_char, -h.weight))
    if not hits:
        return None
    h = hits[0]
    return f.text[h.start_char:h.end_char]
