"""Find the context sections of a commitment (problem, background, values claim).

Why: a plan's problem statement describes what is wrong today ("la ciudadanía no accede a
los contratos") and its values section claims every OGP value; neither says what the
commitment will do. Rule evidence inside them counts for less (weight in
data/judge_sections.json), so long plans are judged on their actions.

Labels are found where a line starts and also inside running text after a sentence ends,
because commitment pages and pasted drafts often run the template's questions together in
one paragraph ("… resolver: … ¿Por qué es relevante …? …").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Sequence

from ..labels import fold, plan_field

LABEL = re.compile(r"^\s*(¿?[^:?¿\n]{2,90}[?:])")
# a label inside running text: after a sentence end or a cut mark (and maybe a closing quote),
# a capitalised phrase (or an opening question mark) up to a colon or question mark. The mark is
# matched, not looked behind for, so the engine skips straight to the marks; group 1 is the
# same: a label ends in "?" or ":", never a mark, so no mark is shared by two matches.
INLINE = re.compile(r"[.!;\]][\"»”)]?\s+(¿[^:?¿\n]{2,120}\?|[A-ZÁÉÍÓÚÑ¿][^:?¿.\n]{1,90}[?:])")
NUMBERED = re.compile(r"^(hito|milestone|compromiso|commitment|meta|actividad|activity)\b")


@lru_cache(maxsize=1)
def _config() -> dict:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_sections.json").read_text("utf-8"))
    data["context_labels"] = {fold(x) for x in data["context_labels"]}
    data["action_labels"] = {fold(x) for x in data["action_labels"]}
    data["context_prefixes"] = tuple(fold(x) for x in data.get("context_prefixes", ()))
    data["action_prefixes"] = tuple(fold(x) for x in data.get("action_prefixes", ()))
    return data


def context_weight() -> float:
    return float(_config()["context_weight"])


@lru_cache(maxsize=8192)
def _kind(label: str) -> str | None:
    """'context', 'action' or None for a line-opening label."""
    cfg = _config()
    key = fold(label.strip(" ¿?:"))
    field = plan_field(label)
    if field in cfg["context_fields"] or key in cfg["context_labels"]:
        return "context"
    if field is not None or key in cfg["action_labels"] or NUMBERED.match(key):
        return "action"
    if key.startswith(cfg["context_prefixes"]):
        return "context"
    if key.startswith(cfg["action_prefixes"]):
        return "action"
    return None


def _labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every recognised label, line-opening or inline, in text order."""
    found: dict[int, tuple[int, int, str]] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        m = LABEL.match(line)
        if m:
            kind = _kind(m.group(1))
            if kind is not None:
                found[pos + m.start(1)] = (pos + m.start(1), pos + m.end(1), kind)
        pos += len(line)
    for m in INLINE.finditer(text):
        kind = _kind(m.group(1))
        if kind is not None and m.start(1) not in found:
            found[m.start(1)] = (m.start(1), m.end(1), kind)
    return [found[k] for k in sorted(found)]


def context_ranges(text: str, extra: Sequence[tuple[int, int]] = ()) -> tuple[tuple[int, int], ...]:
    """Character ranges of `text` that belong to context sections."""
    ranges: list[tuple[int, int]] = list(extra)
    labels = _labels(text)
    for n, (start, _end, kind) in enumerate(labels):
        if kind != "context":
            continue
        stop = labels[n + 1][0] if n + 1 < len(labels) else len(text)
        ranges.append((start, stop))
    return tuple(sorted(ranges))


def inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in ranges:  # a plain loop: called for every rule hit, and a generator costs more
        if s <= start and end <= e:
            return True
    return False


@dataclass(frozen=True)
class Spans:
    """Ranges asked "does one of you hold [start, end)?" many times: `inside` in log time.

    Why: the follow-up sentences of a long plan commitment number in the dozens, and every
    rule hit is checked against them. Sorted by start, the ranges that start at or before
    `start` are a prefix, and one of them holds the span exactly when the farthest end among
    them reaches `end`: the answer is `inside`'s, for ranges in any order and overlapping.
    """

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[k]: the farthest end among the first k + 1 ranges

    @classmethod
    def of(cls, ranges: Sequence[tuple[int, int]]) -> "Spans":
        ordered = sorted(ranges)
        return cls(tuple(s for s, _ in ordered), tuple(accumulate((e for _, e in ordered), max)))

    def __bool__(self) -> bool:
        return bool(self.starts)

    def hold(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end
