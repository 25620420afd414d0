"""Make a judged result small to keep: one copy of each repeated string, shared by all results.

Why: `assess_many` returns every Assessment, and the same reasons, suggestions, evidence
phrases and legal references recur across thousands of them ("Lo que ya exige …", the
matched phrase of a common rule). Built fresh for each result they cost about 1.4 KB a
commitment; shared, one copy serves all. The judged text itself is unique and kept as is.

Why a table of our own, not `sys.intern`: interned strings leave the interpreter's table
when the last result holding them is dropped, so a stream of results (`screen` writes and
drops 256 at a time) put the same strings in and took them out again chunk after chunk;
that churn made the interpreter's table, which holds every name in the process, resize
from 1.9 to 3.7 MB a third of the way through a table of 200,000 rows. Our table keeps what
it shares, up to `SHARED_CHARS` characters, and is then forgotten all at once: a reason
quoting one commitment's own words is unique, and must not be kept for good.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from ..model import Assessment

T = TypeVar("T")
_OWN = frozenset({"id", "title", "text"})  # unique to each result: interning them buys nothing


SHARED_CHARS = 1 << 18  # characters of the strings kept for sharing (under 0.6 MB)
_SHARED: dict[str, str] = {}
_HELD = [0]  # characters in _SHARED


def compact(a: Assessment) -> Assessment:
    """`a` with every repeated string (all but its id, title and text) shared."""
    if _HELD[0] > SHARED_CHARS:  # a bound, not a history: what recurs is shared again from here on
        _SHARED.clear()
        _HELD[0] = 0
    changes = {name: _shared(getattr(a, name)) for name in _field_names(type(a)) or () if name not in _OWN}
    return dataclasses.replace(a, **changes)


def _share(text: str) -> str:
    got = _SHARED.get(text)
    if got is None:
        _SHARED[text] = got = text
        _HELD[0] += len(text)
    return got


_NOTHING_TO_SHARE = frozenset({int, float, bool, type(None)})


def _shared(obj: Any) -> Any:
    kind = type(obj)
    if kind is str:
        return _share(obj)
    if kind in _NOTHING_TO_SHARE:  # most fields are offsets, probabilities and flags
        return obj
    if kind is tuple:
        return tuple([_shared(x) for x in obj])
    if isinstance(obj, str):
        return _share(obj)
    if isinstance(obj, tuple):
        return tuple(_shared(x) for x in obj)
    if isinstance(obj, dict):
        return {_share(k) if isinstance(k, str) else k: _shared(v) for k, v in obj.items()}
    names = _field_names(kind)
    if names is not None:
        # positionally, in field order: the same record, without building keyword arguments
        return kind(*[_shared(getattr(obj, name)) for name in names])
    return obj


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for other types), read once per type: `fields()` is slow
    and runs for every record of every result."""
    try:
        return _FIELD_NAMES[kind]
    except KeyError:
        names = (tuple(f.name for f in dataclasses.fields(kind))
                 if dataclasses.is_dataclass(kind) and isinstance(kind, type) else None)
        _FIELD_NAMES[kind] = names
        return names
