"""Judging inside spaCy memory zones, with the caches that outlive a zone kept bounded and valid.

Why: every new word or number a text brings adds strings and a lexeme to the pipeline's
vocabulary, and spaCy keeps them for the life of the process: screening a table of 200,000
rows, each with a number of its own, grew memory by about 250 MB. Inside `nlp.memory_zone()`
spaCy frees what the zone added when it ends. The module caches around the pipeline (strings
by hash, lemma ids, folded forms, word tags, stems) outlive any zone, so they must not keep
what a zone brought: a `ZoneCache` notes the keys it takes in during one of our zones and,
when the zone ends, drops those whose strings spaCy has freed. What stays is what the
vocabulary keeps for good (the words warmed before judging, see tokenizer_cache.py), so the
caches stop growing with the input; a dropped entry is only computed again later, never
differently. A cache holding string ids (the lemmatizer's) would point at freed strings if it
kept them: that is the correctness half of the same rule. spaCy's own string and lexeme maps
keep a deleted cell for each entry a zone took back; they are shrunk as a zone ends
(nlp/tombstones.py).
"""

from __future__ import annotations

import contextlib
import weakref
from typing import Callable, Iterator, TypeVar

from spacy.language import Language
from spacy.strings import StringStore

from .tombstones import shrink

K = TypeVar("K")
V = TypeVar("V")

_CACHES: list["weakref.ref[ZoneCache]"] = []  # weak: a lemmatizer's cache goes with its pipeline
_OPEN: list[object] = []  # the StringStore of the zone we are in (spaCy's zones do not nest)


class ZoneCache(dict[K, V]):
    """A dict cache of at most `limit` entries; entries put during one of our memory zones
    stay after it only if `keep(key, value, strings)` says spaCy still holds their strings.

    A dict subclass so lookups (`get`, `[]`, `map(cache.__getitem__, ...)`) stay C calls on
    the hot paths; only `put`, on a miss, does more.
    """

    def __init__(self, limit: int, keep: Callable[[K, V, StringStore], bool]) -> None:
        super().__init__()
        self.limit = limit
        self.keep = keep
        self._added: list[K] = []
        _CACHES.append(weakref.ref(self))

    def put(self, key: K, value: V) -> None:
        if len(self) < self.limit:
            self[key] = value
            if _OPEN:
                self._added.append(key)

    def end_zone(self, strings: StringStore) -> None:
        """Drop what this zone added and spaCy no longer holds (called as the zone ends)."""
        keep = self.keep
        for key in self._added:
            value = self.get(key)
            if value is not None and not keep(key, value, strings):
                del self[key]
        self._added.clear()


def in_our_zone(vocab) -> bool:
    """Whether `vocab` is in a memory zone opened by `memory_zone` below (whose end the
    caches hear of), as opposed to no zone or someone else's."""
    return bool(_OPEN) and _OPEN[-1] is vocab.strings


@contextlib.contextmanager
def memory_zone(nlp: Language) -> Iterator[None]:
    """`nlp.memory_zone()` whose end the ZoneCaches hear of. Inside a zone already (ours or a
    caller's), nothing more is opened: spaCy's zones must not be nested."""
    if nlp.vocab.in_memory_zone or _OPEN:  # type: ignore[attr-defined]  # compiled attribute vocab.pyi omits
        yield
        return
    strings = nlp.vocab.strings
    _OPEN.append(strings)
    try:
        with nlp.memory_zone():
            yield
    finally:
        _OPEN.pop()
        alive = [ref for ref in _CACHES if ref() is not None]
        _CACHES[:] = alive
        for ref in alive:
            cache = ref()
            if cache is not None:
                cache.end_zone(strings)
        shrink(nlp.vocab)  # the zone's deleted entries would grow spaCy's maps for good


def key_kept(key, value, strings) -> bool:
    """Keep rule for a cache keyed by a string or a string id: spaCy still holds the key."""
    return key in strings


def word_kept(key, value, strings) -> bool:
    """Keep rule for a cache keyed by (language, word, ...): spaCy still holds every word."""
    return all(part in strings for part in key[1:])
