"""Read the rule patterns (data files in `patterns/`) and turn phrases into Matcher patterns.

Patterns are written as plain phrases so that people who know plans, not spaCy, can edit
them. Phrase syntax, one word per space-separated piece:
  word        matches any inflection (compared on the folded lemma)
  a|b|c       any of the alternatives
  =word       this exact lower-case form, no lemmatizing
  word*       any lemma starting with "word"
  *           up to three words of anything; ** up to six
Each JSONL line: {"id", "family", "lang", "phrase", "weight" (optional, default 1)}; "phrase"
may also be a list of phrases (alternatives of several words each).
Lines with a "_comment" key document the file and are skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from ..errors import ModelError
from ..labels import fold


@dataclass(frozen=True)
class Pattern:
    id: str
    family: str
    lang: str
    phrases: tuple[str, ...]
    weight: float = 1.0


@lru_cache(maxsize=4)
def load_patterns(lang: str) -> tuple[Pattern, ...]:
    """Every pattern for `lang`, in file and line order (ids must be unique)."""
    out: list[Pattern] = []
    seen: set[str] = set()
    folder = resources.files("ambicion.nlp") / "patterns"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for n, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ModelError(entry.name, f"line {n}: not JSON ({exc.msg})") from None
            if "_comment" in data or data.get("lang") != lang:
                continue
            phrases = data["phrase"]
            phrases = (phrases,) if isinstance(phrases, str) else tuple(phrases)
            pattern = Pattern(id=data["id"], family=data["family"], lang=data["lang"],
                              phrases=phrases, weight=float(data.get("weight", 1.0)))
            if pattern.id in seen:
                raise ModelError(entry.name, f"line {n}: duplicate pattern id {pattern.id}")
            seen.add(pattern.id)
            out.append(pattern)
    return tuple(out)


def compile_token_pattern(phrase: str, make_doc: Callable, lemma_of: Callable[[str], str]) -> list[dict]:
    """Turn one phrase into a spaCy Matcher token pattern over NORM (the folded lemma)."""
    tokens: list[dict] = []
    for piece in phrase.split():
        if piece == "*":
            tokens.append({"OP": "{0,3}"})
        elif piece == "**":
            tokens.append({"OP": "{0,6}"})
        elif piece.startswith("=") and len(piece) > 1:
            tokens.append({"LOWER": {"IN": [a.lstrip("=").lower() for a in piece.split("|")]}})
        elif piece.endswith("*") and len(piece) > 1:
            tokens.append({"NORM": {"REGEX": "^(" + "|".join(fold(p) for p in piece[:-1].split("|")) + ")"}})
        else:
            alternatives = piece.split("|")
            if len(alternatives) == 1:
                words = [t.text for t in make_doc(piece)]
                tokens.extend({"NORM": {"IN": _norms(w, lemma_of)}} for w in words)
            else:
                norms: set[str] = set()
                for alt in alternatives:
                    words = [t.text for t in make_doc(alt)]
                    if len(words) != 1:
                        raise ModelError(phrase, f"alternative {alt!r} is more than one token")
                    norms.update(_norms(words[0], lemma_of))
                tokens.append({"NORM": {"IN": sorted(norms)}})
    if not tokens or "OP" in tokens[0] and len(tokens[0]) == 1:
        raise ModelError(phrase, "a pattern must start with a word")
    return tokens


def _norms(word: str, lemma_of: Callable[[str], str]) -> list[str]:
    """A pattern word matches its own folded form and its lemma.

    Lookup tables are ambiguous for citation forms ("dato" is listed as a form of "datar"
    while "datos" maps to "dato"), so a pattern written in the singular must accept both.
    """
    return sorted({lemma_of(word), fold(word)})
