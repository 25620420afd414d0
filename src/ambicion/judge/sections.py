"""Find the context sections of a commitment (problem, background, values claim).

Why: a plan's problem statement describes what is wrong today ("la ciudadanía no accede a
los contratos") and its values section claims every OGP value; neither says what the
commitment will do. Rule evidence inside them counts for less (weight in
data/judge_sections.json), so long plans are judged on their actions.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ..labels import fold, plan_field

LABEL = re.compile(r"^\s*(¿?[^:?¿\n]{2,90}[?:])")
NUMBERED = re.compile(r"^(hito|milestone|compromiso|commitment|meta|actividad|activity)\b")


@lru_cache(maxsize=1)
def _config() -> dict:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_sections.json").read_text("utf-8"))
    data["context_labels"] = {fold(x) for x in data["context_labels"]}
    data["action_labels"] = {fold(x) for x in data["action_labels"]}
    return data


def context_weight() -> float:
    return float(_config()["context_weight"])


def _kind(label: str) -> str | None:
    """'context', 'action' or None for a line-opening label."""
    cfg = _config()
    key = fold(label.strip(" ¿?:"))
    field = plan_field(label)
    if field in cfg["context_fields"] or key in cfg["context_labels"]:
        return "context"
    if field is not None or key in cfg["action_labels"] or NUMBERED.match(key):
        return "action"
    return None


def context_ranges(text: str, extra: Sequence[tuple[int, int]] = ()) -> tuple[tuple[int, int], ...]:
    """Character ranges of `text` that belong to context sections."""
    ranges: list[tuple[int, int]] = list(extra)
    in_context = False
    pos = 0
    for line in text.splitlines(keepends=True):
        m = LABEL.match(line)
        if m:
            kind = _kind(m.group(1))
            if kind is not None:
                in_context = kind == "context"
        if in_context and line.strip():
            ranges.append((pos, pos + len(line.rstrip("\n"))))
        pos += len(line)
    return tuple(sorted(ranges))


def inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)
