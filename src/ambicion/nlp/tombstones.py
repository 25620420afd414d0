"""Shrink spaCy's two vocabulary maps back to what they hold after a memory zone.

Why: spaCy indexes its strings and its lexemes in preshed hash maps. A memory zone removes
the entries it added by marking their cells deleted, and a deleted cell keeps counting as
filled: a map that zone after zone takes in and lets go of new words (a number of its own
in each row of a table) fills up with tombstones and doubles its table now and then,
although what it holds stays the same. Screening a table of 200,000 rows, each language's
string map went from 16,384 cells to 131,072 (16 bytes a cell; the lexeme map alike), and
every doubling also left the old table behind as a hole in the heap.

When a map has doubled since it was last looked at and is more than `ROOM` times the size
its live entries need, it is rebuilt with those entries alone. Its entries are pointers to
strings and lexemes that spaCy's own memory pools keep, not the map: the rebuilt map points
at the very same ones, so every lookup answers as before. Only a zone of ours rebuilds, as
it ends: like the zone itself, that needs the pipeline to itself (the judge holds its lock).
"""

from __future__ import annotations

import gc
from itertools import chain

import numpy as np
from preshed.maps import PreshMap

ROOM = 4  # cells per live entry a rebuilt map gets (rounded up to a power of two)
FLOOR = 1024  # a map this small is never rebuilt

_LOOKED: dict[int, int] = {}  # id of a map -> its capacity when last looked at


def vocabulary_maps(vocab) -> list[PreshMap]:
    """The string map and the lexeme map of `vocab`, or fewer if spaCy's layout is not the
    one expected (then nothing is rebuilt that is not known)."""
    maps = []
    strings_map = getattr(vocab.strings, "_map", None)
    if isinstance(strings_map, PreshMap):
        maps.append(strings_map)
    # the lexeme map is a private Cython attribute; the vocabulary hands it to the garbage
    # collector's traversal, so it is found there: only when it is the one map the vocab holds
    held = [o for o in gc.get_referents(vocab) if isinstance(o, PreshMap)]
    if len(held) == 1:
        maps.append(held[0])
    return maps


def shrink(vocab) -> int:
    """Rebuild each of `vocab`'s maps that has grown past `ROOM` times its live entries; how
    many were rebuilt."""
    rebuilt = 0
    for m in vocabulary_maps(vocab):
        capacity = m.capacity
        if capacity <= FLOOR or _LOOKED.get(id(m)) == capacity:
            continue  # not doubled since last time: its tombstones cost no memory yet
        if rebuild_if_sparse(m):
            rebuilt += 1
        _LOOKED[id(m)] = m.capacity
    return rebuilt


def needed_cells(live: int) -> int:
    """The table size a rebuilt map of `live` entries gets: a power of two, `ROOM` per entry."""
    cells = FLOOR
    while cells < ROOM * live:
        cells *= 2
    return cells


def rebuild_if_sparse(m: PreshMap) -> bool:
    """Rebuild `m` from its live entries if its table is larger than they need; whether it was."""
    # keys and values side by side in one array (16 bytes an entry, not a tuple each)
    pairs = np.fromiter(chain.from_iterable(m.items()), dtype=np.uint64).reshape(-1, 2)
    cells = needed_cells(len(pairs))
    if m.capacity <= cells:
        return False
    m.__init__(cells)  # a fresh, empty table of `cells`: the old one is freed
    for key, value in pairs.tolist():
        m[key] = value
    return True
