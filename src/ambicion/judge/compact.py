"""Make a judged result small to keep: one copy of each repeated string, shared by all results.

Why: `assess_many` returns every Assessment, and the same reasons, suggestions, evidence
phrases and legal references recur across thousands of them ("Lo que ya exige …", the
matched phrase of a common rule). Built fresh for each result they cost about 1.4 KB a
commitment; interned, one copy serves all. The judged text itself is unique and kept as is.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, TypeVar

from ..model import Assessment

T = TypeVar("T")
_OWN = frozenset({"id", "title", "text"})  # unique to each result: interning them buys nothing


def compact(a: Assessment) -> Assessment:
    """`a` with every repeated string (all but its id, title and text) shared."""
    changes = {f.name: _shared(getattr(a, f.name)) for f in dataclasses.fields(a) if f.name not in _OWN}
    return dataclasses.replace(a, **changes)


def _shared(obj: Any) -> Any:
    if isinstance(obj, str):
        return sys.intern(obj)
    if isinstance(obj, tuple):
        return tuple(_shared(x) for x in obj)
    if isinstance(obj, dict):
        return {sys.intern(k) if isinstance(k, str) else k: _shared(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return type(obj)(**{f.name: _shared(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
    return obj
