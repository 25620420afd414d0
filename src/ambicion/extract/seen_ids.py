"""The ids a streamed table has shown so far, kept small, to refuse a repeated id by both rows.

Why: a dict of id strings to row numbers costs about 130 bytes a row, which made streaming
a table of 200,000 rows grow by 24 MB although no row was kept. Here each id is a 128-bit
digest beside its row number, 20 bytes a row in sorted arrays; the latest ids wait in a
small dict and are merged in a few thousand at a time. Two different ids share a digest
with a probability of about n² / 2¹²⁹ (far below one in 10²⁰ for a million rows).

The sorted arrays are cut into blocks of at most `BLOCK` ids, and a full block is never
copied again: merging into one array of every id copied the whole array each time (and held
the old copy beside the new one while it did), so the peak grew by twice the arrays' size
and the time by the square of the row count. Now a merge copies one block at most; a look-up
searches each block (a few for a table of a million rows).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class _Block:
    """Digests (as two 64-bit halves) and their rows, sorted by the first half."""

    high: np.ndarray
    low: np.ndarray
    rows: np.ndarray

    def row_of(self, high: np.uint64, low: np.uint64) -> int | None:
        # `high` as a NumPy uint64: a Python int below 2⁶³ would make NumPy search a float64
        # copy of the block (slow, and floats cannot tell nearby halves apart)
        at = int(np.searchsorted(self.high, high, side="left"))
        for i in range(at, len(self.high)):  # halves that share the first one, side by side
            if self.high[i] != high:
                break
            if self.low[i] == low:
                return int(self.rows[i])
        return None

    def merged(self, high: np.ndarray, low: np.ndarray, rows: np.ndarray) -> "_Block":
        """This block with the sorted `high` (and their halves and rows) merged in."""
        at = np.searchsorted(self.high, high, side="right")
        return _Block(np.insert(self.high, at, high), np.insert(self.low, at, low),
                      np.insert(self.rows, at, rows))


_EMPTY = _Block(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int32))


class SeenIds:
    """Row numbers by id, for ids added in the order the rows come."""

    RECENT = 4096  # ids held in the dict before they join the open block
    BLOCK = 65536  # ids in a block before it is closed: 1.3 MB, copied only while it fills

    def __init__(self) -> None:
        self._recent: dict[bytes, int] = {}
        self._open = _EMPTY
        self._closed: list[_Block] = []

    def __len__(self) -> int:
        return len(self._recent) + len(self._open.high) + sum(len(b.high) for b in self._closed)

    def row_of(self, cid: str) -> int | None:
        """The row where `cid` was added, or None if it was not."""
        digest = _digest(cid)
        row = self._recent.get(digest)
        if row is not None:
            return row
        high, low = _halves(digest)
        for block in (self._open, *self._closed):
            row = block.row_of(high, low)
            if row is not None:
                return row
        return None

    def add(self, cid: str, row: int) -> None:
        self._recent[_digest(cid)] = row
        if len(self._recent) >= self.RECENT:
            self._merge()

    def _merge(self) -> None:
        halves = np.frombuffer(b"".join(self._recent), dtype="<u8").reshape(-1, 2)
        rows = np.fromiter(self._recent.values(), dtype=np.int32, count=len(self._recent))
        order = np.lexsort((halves[:, 1], halves[:, 0]))
        self._open = self._open.merged(halves[order, 0], halves[order, 1], rows[order])
        self._recent = {}
        if len(self._open.high) >= self.BLOCK:
            self._closed.append(self._open)
            self._open = _EMPTY


def _digest(cid: str) -> bytes:
    return hashlib.blake2b(cid.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _halves(digest: bytes) -> tuple[np.uint64, np.uint64]:
    high, low = np.frombuffer(digest, dtype="<u8")
    return np.uint64(high), np.uint64(low)
