"""Compile a list of regular expressions into one alternation that scans text quickly.

Why: the judge's vocabularies (plan bodies, reporting and claim cues) are long alternations
searched over whole commitments; Python's engine tries every branch at every character. A
lookahead on the characters a match can start with, `(?=[fmp…])`, lets it skip the other
positions at once. It is added only when every alternative visibly starts with a plain letter
or a bracket class of letters (anything else, and the pattern is compiled as given), so the
matches are exactly those of the plain alternation.
"""

from __future__ import annotations

import re
import string
from typing import Sequence

_QUANTIFIERS = set("?*+{")
# letters whose case-insensitive class matches exactly what the letter matches alone (checked
# over every code point): other first characters leave the pattern as given
_PLAIN = frozenset(string.ascii_letters + "áéíóúñüÁÉÍÓÚÑÜ")


def _first_chars(pattern: str) -> set[str] | None:
    """The letters a match of `pattern` must start with, or None when that is not plain."""
    if not pattern:
        return None
    depth, k = 0, 0
    while k < len(pattern):  # a top-level "|" would add starts this reading does not see
        ch = pattern[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":
            end = pattern.find("]", k + 2)
            if end < 0:
                return None
            k = end + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        k += 1
    if pattern[0] in _PLAIN:
        first, rest = {pattern[0]}, pattern[1:]
    elif pattern[0] == "[" and pattern[1:2] != "^":
        end = pattern.find("]", 2)
        inner = pattern[1:end]
        if end < 0 or not inner or not set(inner) <= _PLAIN:
            return None
        first, rest = set(inner), pattern[end + 1:]
    else:
        return None
    if rest[:1] in _QUANTIFIERS:
        return None  # an optional first letter: the match may start with the next one
    return first


def any_of(patterns: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    """`(?:p1)|(?:p2)|…` compiled, with a first-letter lookahead when it is safe."""
    body = "|".join(f"(?:{p})" for p in patterns)
    starts: set[str] = set()
    for p in patterns:
        first = _first_chars(p)
        if first is None:
            return re.compile(body, flags)
        starts |= first
    return re.compile(f"(?=[{''.join(sorted(starts))}])(?:{body})", flags)


def word_start(words: Sequence[str]) -> str:
    """`\\b(?:w1|w2|…)` for words that start with a letter, written so that each alternative
    opens with its letter and checks the word boundary behind it: the engine then jumps
    straight to those letters instead of trying the boundary at every character. Words keep
    their order within a letter; words that start with different letters never match at one
    place, so the order between letters does not matter."""
    if not all(w[:1].isalpha() for w in words):
        return r"\b(?:" + "|".join(re.escape(w) for w in words) + ")"
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w[1:])
    branches = [rf"{re.escape(c)}(?<!\w{re.escape(c)})(?:" + "|".join(re.escape(r) for r in rests) + ")"
                for c, rests in by_letter.items()]
    return "(?:" + "|".join(branches) + ")"


def by_first_letter(patterns: Sequence[str]) -> str:
    """`(?:p1)|(?:p2)|…` with the alternatives that open on one plain letter grouped under it,
    `f(?:oros?…|…)|m(?:esas?…|…)`, so that at each place the engine tries one group, not every
    alternative. Only when every alternative opens on one letter (`_first_chars`, no class):
    alternatives of two letters never match at one place, and within a letter the order is
    kept, so the matches are those of the plain alternation. Otherwise the plain alternation."""
    plain = "|".join(f"(?:{p})" for p in patterns)
    groups: dict[str, list[str]] = {}
    for p in patterns:
        first = _first_chars(p)
        if first is None or len(first) != 1 or p[0] != next(iter(first)):
            return plain
        groups.setdefault(p[0], []).append(p[1:])
    return "|".join(f"{c}(?:" + "|".join(f"(?:{rest})" for rest in rests) + ")" for c, rests in groups.items())

