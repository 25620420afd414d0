"""Hide names, places, years and law numbers from the trained models.

Why: a classifier trained on a few hundred commitments will happily learn that "Kenya" or
"Decreto Supremo N° 021" predicts a label. Masking replaces such tokens by a placeholder
(COUNTRY, INSTITUTION, ACRONYM, YEAR, NUM) in the text the models learn from, while the
rules and the evidence spans keep working on the original text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from ..labels import fold
from .components import folded, token_view

YEAR = re.compile(r"^(?:19|20)\d{2}$")
HAS_DIGIT = re.compile(r"\d")
ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ]{2,}[s]?$")


@dataclass(frozen=True)
class Terms:
    countries: dict[str, tuple[tuple[str, ...], ...]]  # first word -> folded sequences, longest first
    demonyms: frozenset[str]
    heads: frozenset[str]
    links: frozenset[str]
    keep: frozenset[str]


@lru_cache(maxsize=1)
def terms() -> Terms:
    data = json.loads(resources.files("ambicion").joinpath("data/masking_terms.json").read_text("utf-8"))
    countries: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted({tuple(fold(c).split()) for c in data["countries"]}, key=lambda t: (-len(t), t)):
        countries.setdefault(seq[0], []).append(seq)
    return Terms(
        countries={k: tuple(v) for k, v in countries.items()},
        demonyms=frozenset(fold(d) for d in data["demonyms"]),
        heads=frozenset(data["institution_heads"]),
        links=frozenset(data["name_links"]),
        keep=frozenset(data["keep_acronyms"]),
    )


def mask_tags(doc: Doc) -> list[str | None]:
    """One tag per token: a placeholder name for masked tokens, None for the others."""
    t = terms()
    view = token_view(doc)
    words = view.texts
    tags: list[str | None] = [None] * len(words)
    lowers = [folded(w) for w in words]
    i = 0
    n = len(words)
    while i < n:
        # countries (possibly several words)
        hit = 0
        for seq in t.countries.get(lowers[i], ()):
            if tuple(lowers[i:i + len(seq)]) == seq and (len(seq) > 1 or words[i][:1].isupper()):
                hit = len(seq)
                break
        if hit:
            for k in range(i, i + hit):
                tags[k] = "COUNTRY"
            i += hit
            continue
        if lowers[i] in t.demonyms:
            tags[i] = "COUNTRY"
            i += 1
            continue
        # institution names: a head word, then capitalised words joined by short links
        if words[i] in t.heads and _continues(words, lowers, i + 1, t):
            j = i + 1
            while _continues(words, lowers, j, t):
                j += 1
            for k in range(i, j):
                tags[k] = "INSTITUTION"
            i = j
            continue
        w = words[i]
        if YEAR.match(w):
            tags[i] = "YEAR"
        elif HAS_DIGIT.search(w):
            tags[i] = "NUM"
        elif ACRONYM.match(w) and w not in t.keep and w.rstrip("s") not in t.keep:
            tags[i] = "ACRONYM"
        i += 1
    return tags


def _continues(words: list[str], lowers: list[str], j: int, t: Terms) -> bool:
    """Whether a name goes on at token j: a capitalised word, or one or two links before one."""
    n = len(words)
    if j >= n:
        return False
    if _name_word(words, j, t):
        return True
    k = j
    while k < n and k < j + 2 and lowers[k] in t.links:
        k += 1
    return k > j and k < n and _name_word(words, k, t)


def _name_word(words: list[str], j: int, t: Terms) -> bool:
    w = words[j]
    return bool(w) and (w[0].isupper() or ACRONYM.match(w) is not None) and w not in {"El", "La", "The"}


def masked_lemmas(doc: Doc) -> str:
    """The doc as space-separated folded lemmas with masked runs collapsed to one placeholder."""
    tags = mask_tags(doc)
    view = token_view(doc)
    out: list[str] = []
    last: str | None = None
    for skip, norm, lower, tag in zip(view.skip, view.norms, view.lowers, tags):
        if skip:
            last = None
            continue
        if tag is not None:
            if tag != last:
                out.append(tag)
            last = tag
            continue
        last = None
        out.append(norm or lower)
    return " ".join(out)
