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
from .zones import ZoneCache, key_kept

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
    view = token_view(doc)
    tags: list[str | None] = [None] * len(view.texts)
    for k, tag in _tag_positions(view.texts).items():
        tags[k] = tag
    return tags


def _tag_positions(words: list[str]) -> dict[int, str]:
    """The masked tokens' positions and placeholders, reading the text left to right.

    A country (possibly several words) or an institution's name covers the tokens it spans;
    any other token is masked by what it is alone (a demonym, a year, a number, an acronym),
    which is worked out once per word form (`_word_info`). Only tokens that may open a
    country or a name need the left-to-right reading.
    """
    t = terms()
    infos = _infos(words, t)
    found: dict[int, str] = {}
    openers: list[int] = []
    for k, (tag, opens, _low) in enumerate(infos):
        if tag is not None:
            found[k] = tag
        if opens:
            openers.append(k)
    if not openers:
        return found
    lowers = [info[2] for info in infos]
    free = 0  # the first token not inside a country or a name found before
    for i in openers:
        if i < free:
            continue
        # countries (possibly several words)
        hit = 0
        for seq in t.countries.get(lowers[i], ()):
            if tuple(lowers[i:i + len(seq)]) == seq and (len(seq) > 1 or words[i][:1].isupper()):
                hit = len(seq)
                break
        if hit:
            for k in range(i, i + hit):
                found[k] = "COUNTRY"
            free = i + hit
            continue
        if lowers[i] in t.demonyms:
            continue  # tagged COUNTRY already
        # institution names: a head word, then capitalised words joined by short links
        if words[i] in t.heads and _continues(words, lowers, i + 1, t):
            j = i + 1
            while _continues(words, lowers, j, t):
                j += 1
            for k in range(i, j):
                found[k] = "INSTITUTION"
            free = j
    return found


_INFO: ZoneCache = ZoneCache(200_000, key_kept)  # word -> its _word_info
_INFO_TERMS: list[Terms] = []


def _infos(words: list[str], t: Terms) -> list[tuple[str | None, bool, str]]:
    """`_word_info` of each word, through a cache (word forms repeat a lot)."""
    if not _INFO_TERMS or _INFO_TERMS[0] is not t:
        _INFO.clear()
        _INFO_TERMS[:] = [t]
    try:
        return list(map(_INFO.__getitem__, words))
    except KeyError:
        out = []
        for w in words:
            info = _INFO.get(w)
            if info is None:
                info = _word_info(w, t)
                _INFO.put(w, info)
            out.append(info)
        return out


def _word_info(w: str, t: Terms) -> tuple[str | None, bool, str]:
    """(the word's own tag, whether it may open a country or an institution's name, its
    folded form)."""
    low = folded(w)
    opens = low in t.countries or w in t.heads
    if low in t.demonyms:
        return "COUNTRY", opens, low
    if YEAR.match(w):
        return "YEAR", opens, low
    if HAS_DIGIT.search(w):
        return "NUM", opens, low
    if ACRONYM.match(w) and w not in t.keep and w.rstrip("s") not in t.keep:
        return "ACRONYM", opens, low
    return None, opens, low


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
    view = token_view(doc)
    tags = _tag_positions(view.texts)
    skip = view.skip
    out: list[str | None] = [norm or lower for norm, lower in zip(view.norms, view.lowers)]
    for k, tag in tags.items():
        # a run of one placeholder is written once; a skipped token (punctuation) ends a run
        out[k] = None if k > 0 and not skip[k - 1] and tags.get(k - 1) == tag else tag
    return " ".join([w for w, s in zip(out, skip) if not s and w is not None])
