"""Case-insensitive searches run as case-sensitive ones over the lower-cased text.

Why: `re.IGNORECASE` folds the case of every character the engine compares, and it keeps
Python's engine from skipping ahead to the characters a match can start with; the judge's
vocabularies (plan bodies, reporting and claim cues, milestone and target words) searched
that way over whole commitments cost about three times what the same search costs over
`text.lower()` without the flag.

The two find the same matches at the same offsets when (1) every letter the pattern names
is a lower-case letter of Latin-1 (so an upper-case text letter can only meet it through
its lower-case form) and (2) lower-casing the text keeps every character in place and folds
it the way the engine does. (2) fails only for characters that lower-case to two ("İ") or
that the engine also folds onto a Latin letter without being its case ("ı", "ſ"): a text
holding one of those is searched with the flag, as before. Matches are reported on the
lower-cased text: callers read their offsets (and group texts they lower-case anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

# lower-case letters (ASCII and Latin-1, but "µ", which the engine folds onto Greek mu) and
# the ordinal indicators, which have no case
_LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿªº")
_SAFE_ESCAPES = frozenset("sSwWdDbB")  # classes and boundaries: case-blind
# characters re.IGNORECASE folds onto a Latin letter that lower-casing leaves alone
_ENGINE_ONLY = re.compile("[ıſ]")


def lower_case_only(pattern: str) -> bool:
    """Whether every letter `pattern` names is a Latin-1 lower-case (or caseless) letter, read
    literally: an escape other than a class or boundary (\\x41, \\N{...}) counts as not."""
    k = 0
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\":
            nxt = pattern[k + 1:k + 2]
            if nxt.isalnum() and nxt not in _SAFE_ESCAPES:
                return False
            k += 2
            continue
        if ch.isalpha() and ch not in _LOWER_LETTERS:
            return False
        k += 1
    return True


@lru_cache(maxsize=16)
def lowered(text: str) -> str | None:
    """`text.lower()` when a case-sensitive search of it stands for an IGNORECASE search of
    `text` (None when it does not). Kept for the few searches that read the same text."""
    low = text.lower()
    if len(low) != len(text) or _ENGINE_ONLY.search(text):
        return None
    return low


@dataclass(frozen=True)
class Caseless:
    """An IGNORECASE pattern with, when its letters allow, the same pattern without the flag."""

    folded: re.Pattern[str]  # compiled with re.IGNORECASE: the reference
    plain: re.Pattern[str] | None  # the same source without the flag, for lower-cased text

    @classmethod
    def compile(cls, source: str, flags: int = 0, folded: re.Pattern[str] | None = None) -> "Caseless":
        """`source` searched case-insensitively; `folded` is its IGNORECASE compilation when
        the caller has one already (an alternation with a look-ahead, see alternation.py)."""
        ref = folded if folded is not None else re.compile(source, flags | re.IGNORECASE)
        plain = re.compile(source, flags & ~re.IGNORECASE) if lower_case_only(source) else None
        return cls(ref, plain)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        if self.plain is not None:
            low = lowered(text)
            if low is not None:
                return self.plain, low
        return self.folded, text

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern, target = self._pick(text)
        return pattern.finditer(target)

    def findall(self, text: str) -> list:
        pattern, target = self._pick(text)
        return pattern.findall(target)

    def search_in(self, text: str, start: int, end: int) -> bool:
        """Whether the pattern occurs in text[start:end], read as a text of its own."""
        if self.plain is not None:
            low = lowered(text)
            if low is not None:
                return self.plain.search(low[start:end]) is not None
        return self.folded.search(text[start:end]) is not None
