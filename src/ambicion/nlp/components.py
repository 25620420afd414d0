"""The spaCy components the judge's pipelines are built from: a lower-casing lemmatizer and
the rule matcher.

Each is registered as a factory, so a pipeline saved with `nlp.to_disk` loads back with
`spacy.load` once this module is imported. The judge itself as a component
(`nlp.add_pipe("ambicion")`) lives in `ambicion.spacy_component`, above the judge: this
layer builds what the judge runs on and never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress
from operator import or_
from typing import Iterable, Iterator

import numpy as np
from spacy.attrs import (IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH,  # type: ignore[import-not-found]
                         LOWER, NORM, ORTH)
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from ..labels import fold
from .lemma_table import IdLookups
from .patterns import Pattern, compile_token_pattern, load_patterns
from .zones import ZoneCache, in_our_zone, key_kept

if not Doc.has_extension("ambicion_matches"):
    Doc.set_extension("ambicion_matches", default=())
if not Doc.has_extension("ambicion_tokens"):
    Doc.set_extension("ambicion_tokens", default=None)


@dataclass(frozen=True)
class TokenView:
    """Per-token attributes read once: iterating a Doc builds Token objects, which is slow."""

    texts: list[str]
    lowers: list[str]
    norms: list[str]
    starts: list[int]
    skip: list[bool]  # punctuation or space
    content: list[bool]  # alphabetic, not a stop word, longer than two characters
    unalpha: list[int] = field(default_factory=list)  # the tokens that are not alphabetic


_VIEW_ATTRS: list[int | str] = [ORTH, LOWER, NORM, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, IS_STOP, LENGTH]
# string hashes are the same in every vocabulary; a zone's strings leave with it (nlp/zones.py)
_STRINGS: ZoneCache = ZoneCache(200_000, key_kept)


def _string(strings, key: int) -> str:
    out = _STRINGS.get(key)
    if out is None:
        out = strings[key]
        _STRINGS.put(key, out)
    return out


def _strings_of(strings, keys: list[int]) -> list[str]:
    """`[strings[k] for k in keys]`, mapped through the cache at C speed when it holds them all."""
    try:
        return list(map(_STRINGS.__getitem__, keys))
    except KeyError:
        return [_string(strings, k) for k in keys]


def token_view(doc: Doc) -> TokenView:
    """The doc's TokenView, read in one `to_array` call (the same values as token attributes)."""
    view = doc._.ambicion_tokens
    if view is None:
        array = doc.to_array(_VIEW_ATTRS).reshape(len(doc), len(_VIEW_ATTRS))
        orth, lower, norm, idx, punct, space, alpha, stop, length = array.T
        strings = doc.vocab.strings
        # the flags are worked out on whole columns, then read out as Python bools
        view = TokenView(_strings_of(strings, orth.tolist()), _strings_of(strings, lower.tolist()),
                         _strings_of(strings, norm.tolist()), idx.tolist(),
                         ((punct != 0) | (space != 0)).tolist(),
                         ((alpha != 0) & (stop == 0) & (length > 2)).tolist(),
                         np.flatnonzero(alpha == 0).tolist())
        doc._.ambicion_tokens = view
    return view

_FOLDED: ZoneCache = ZoneCache(200_000, key_kept)


def folded(text: str) -> str:
    """`labels.fold` with a cache: tokens repeat a lot, and folding is the lemmatizer's hot path."""
    out = _FOLDED.get(text)
    if out is None:
        out = fold(text)
        _FOLDED.put(text, out)
    return out


def _ids_kept(key: int, row: tuple[int, int], strings) -> bool:
    """A lemma-id entry outlives a memory zone only if none of its three strings was the zone's."""
    return key in strings and row[0] in strings and row[1] in strings


class LowerLookupLemmatizer(Lemmatizer):
    """Lookup lemmatizer that lower-cases first and puts the folded lemma in `token.norm_`.

    spaCy's lookup tables are case-sensitive, so "Publicar" at a sentence start would not be
    found; and rules match on the accent-free lemma (NORM), so "publicación" and "publicacion"
    (common in scanned plans) behave the same. The table is read from disk into a plain dict
    (`lemma_table.IdLookups`): loading spaCy's own `Table` cost more than the file's decoding.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lookups = IdLookups()  # filled by from_disk/from_bytes, or replaced by initialize

    def __call__(self, doc: Doc) -> Doc:
        table = self.lookups.get_table("lemma_lookup", {})
        strings = doc.vocab.strings
        # lower-case form -> (lemma, folded lemma), as string ids; valid for one table and
        # string store (spacy.load fills the table after the component is made)
        cache = getattr(self, "_ids", None)
        if cache is None or cache[0] is not table or cache[1] is not strings:
            cache = self._ids = (table, strings, ZoneCache(200_000, _ids_kept))
        ids = cache[2]
        # inside a memory zone whose end the cache would not hear of (a caller's own), ids
        # made now may die with it: use the cache, add nothing to it
        keeps = not doc.vocab.in_memory_zone or in_our_zone(doc.vocab)  # type: ignore[attr-defined]  # not in vocab.pyi
        lowers = doc.to_array([LOWER])
        if not len(lowers):
            return doc
        # each distinct form is looked up once, then spread over its tokens
        forms, where = np.unique(lowers, return_inverse=True)
        rows = []
        for key in forms.tolist():
            row = ids.get(key)
            if row is None:
                low = strings[key]
                lemma = table.get(low, low)
                row = (strings.add(lemma), strings.add(folded(lemma)))
                if keeps:
                    ids.put(key, row)
            rows.append(row)
        # one array write instead of a Token object and two setters per token
        doc.from_array([LEMMA, NORM], np.array(rows, dtype=np.uint64)[where.reshape(-1)])
        return doc

    def lemma_of(self, word: str) -> str:
        """The folded lemma of one word, as a token of it would get."""
        table = self.lookups.get_table("lemma_lookup", {})
        low = word.lower()
        return folded(table.get(low, low))


@Language.factory("ambicion_lemmatizer", default_config={"mode": "lookup", "overwrite": True})
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> LowerLookupLemmatizer:
    return LowerLookupLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite, scorer=None)


@dataclass(frozen=True)
class RuleMatch:
    """One rule hit: which rule, its family (e.g. "disclosure"), token and character span."""

    rule: str
    family: str
    weight: float
    start: int
    end: int
    start_char: int
    end_char: int


class RuleMatcher:
    """Find rule evidence (patterns kept as data) and store it on `doc._.ambicion_matches`.

    Patterns are compiled lazily on first use because they are lemmatized with the
    pipeline's own table, which `spacy.load` fills only after the components exist.
    Matching uses a small index instead of spaCy's Matcher: the gap operators ("*") make the
    general Matcher explore many states per token, and screening must stay fast. Patterns
    whose first two elements are lemmas are indexed by the pair (most candidates fail on the
    second word, so the pair lookup spares trying them), other patterns starting with a lemma
    by that lemma, those starting with lower-case word forms by those forms, and only the
    rest are tried at every token. Gaps never cross a sentence end.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self._compiled: list[tuple[Pattern, tuple]] | None = None
        self._index: dict[str, list[_Entry]] = {}
        self._pair_index: dict[tuple[str, str], list[_Entry]] = {}
        self._lower_index: dict[str, list[_Entry]] = {}
        self._unindexed: list[_Entry] = []
        self._firsts: frozenset[str] = frozenset()
        self._first_lowers: frozenset[str] = frozenset()

    def _compile(self) -> None:
        lemmatizer: LowerLookupLemmatizer = self.nlp.get_pipe("ambicion_lemmatizer")  # type: ignore[assignment]
        compiled: list[tuple[Pattern, tuple]] = []
        index: dict[str, list[_Entry]] = {}
        pair_index: dict[tuple[str, str], list[_Entry]] = {}
        lower_index: dict[str, list[_Entry]] = {}
        unindexed: list[_Entry] = []
        for pattern in load_patterns(self.nlp.lang):
            for phrase in pattern.phrases:
                elements = to_elements(compile_token_pattern(phrase, self.nlp.make_doc, lemmatizer.lemma_of))
                compiled.append((pattern, elements))
                kind, arg = elements[0]
                negatable = pattern.family in _NEGATABLE
                if kind == "norm" and len(elements) > 1 and elements[1][0] == "norm":
                    # the lookup matched both first elements: matching goes on from the third
                    entry = _entry(pattern, elements, 2, negatable)
                    for norm in arg:
                        for second in elements[1][1]:
                            pair_index.setdefault((norm, second), []).append(entry)
                elif kind == "norm":
                    entry = _entry(pattern, elements, 1, negatable)
                    for norm in arg:
                        index.setdefault(norm, []).append(entry)
                elif kind == "lower":
                    entry = _entry(pattern, elements, 1, negatable)
                    for lower in arg:
                        lower_index.setdefault(lower, []).append(entry)
                else:
                    unindexed.append(_entry(pattern, elements, 0, negatable))
        self._compiled, self._index, self._pair_index = compiled, index, pair_index
        self._lower_index, self._unindexed = lower_index, unindexed
        self._firsts = frozenset(index) | frozenset(a for a, _ in pair_index)
        self._first_lowers = frozenset(lower_index)

    @property
    def patterns(self) -> dict[str, Pattern]:
        if self._compiled is None:
            self._compile()
        return {p.id: p for p, _ in self._compiled or ()}

    def __call__(self, doc: Doc) -> Doc:
        if self._compiled is None:
            self._compile()
        doc._.ambicion_tokens = None
        view = token_view(doc)
        norms, lowers = view.norms, view.lowers
        n = len(norms)
        texts = view.texts
        # an alphabetic token holds neither a sentence mark nor a line break
        next_stop = _next_stops([j for j in view.unalpha if texts[j] in _SENTENCE_END or "\n" in texts[j]], n)
        hits: list[tuple] = []
        index, pair_index, lower_index = self._index, self._pair_index, self._lower_index
        unindexed = self._unindexed
        if unindexed:
            positions: Iterable[int] = range(n)
        else:  # only tokens some pattern can start at (the tests run at C speed, by map)
            opens = map(or_, map(self._firsts.__contains__, norms), map(self._first_lowers.__contains__, lowers))
            positions = list(compress(range(n), opens))
        for i in positions:
            candidates = index.get(norms[i], _NONE)
            if i < n - 1:
                by_pair = pair_index.get((norms[i], norms[i + 1]))
                if by_pair:
                    candidates = candidates + by_pair
            by_lower = lower_index.get(lowers[i])
            if by_lower or unindexed:
                candidates = candidates + (by_lower or _NONE) + unindexed
            if not candidates:
                continue
            negated = (i > 0 and lowers[i - 1] in _NEGATIONS) or (i > 1 and lowers[i - 2] in _NEGATIONS)
            for entry in candidates:
                if negated and entry.negatable:
                    continue
                elements, first = entry.elements, entry.first
                if entry.fixed:
                    end = _fixed_end(elements, norms, lowers, i + first, first)
                else:
                    probe = entry.probe
                    if probe is not None:
                        j = i + first
                        if j >= n:
                            continue
                        width, by_lower, wanted = probe
                        last = min(j + width, next_stop[j], n - 1)
                        if wanted.isdisjoint((lowers if by_lower else norms)[j:last + 1]):
                            continue
                    end = _longest_end(elements, norms, lowers, next_stop, i + first, first)
                if end > i:
                    pattern = entry.pattern
                    hits.append((i, end, pattern.family, pattern.id, pattern.weight))
        starts = view.starts
        doc._.ambicion_matches = tuple(
            RuleMatch(rule, family, weight, s, e, starts[s], starts[e - 1] + len(texts[e - 1]))
            for s, e, family, rule, weight in _longest_per_family(hits))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@dataclass(frozen=True)
class _Entry:
    """A compiled phrase as the index holds it: matching resumes at element `first`."""

    pattern: Pattern
    elements: tuple
    first: int
    negatable: bool
    fixed: bool  # no gap from `first` on: one element per token
    # when matching resumes at a gap followed by a word: (the gap's width, whether the word is a
    # lower-case form, its forms), so the matcher can see that the word is not in the gap's
    # window, as `_longest_end` would first, without calling it (most candidates end there)
    probe: tuple[int, bool, frozenset[str]] | None = None


def _entry(pattern: Pattern, elements: tuple, first: int, negatable: bool) -> "_Entry":
    rest = elements[first:]
    fixed = all(kind != "gap" for kind, _ in rest)
    probe = None
    if len(rest) > 1 and rest[0][0] == "gap" and rest[1][0] in ("norm", "lower"):
        probe = (rest[0][1], rest[1][0] == "lower", rest[1][1])
    return _Entry(pattern, elements, first, negatable, fixed, probe)


_NONE: list = []
_SENTENCE_END = {".", ";", "?", "!", ":"}
# A value phrase right after a negation ("no publica", "without consulting") describes what
# is missing, usually in the problem statement, not what the commitment will do.
_NEGATIONS = {"no", "sin", "ni", "nunca", "tampoco", "not", "without", "never", "nor", "n't", "cannot"}
_NEGATABLE = {"disclosure", "open_data", "info_request", "participation", "answerability",
              "duty_to_respond", "complaint", "declaration", "oversight"}


def to_elements(tokens: list[dict]) -> tuple:
    """Turn a spaCy-style token pattern (as compiled from a phrase) into match elements."""
    out: list[tuple[str, object]] = []
    for tok in tokens:
        if "OP" in tok:
            out.append(("gap", int(tok["OP"].strip("{}").split(",")[1])))
        elif "LOWER" in tok:
            out.append(("lower", frozenset(tok["LOWER"]["IN"])))
        elif "REGEX" in tok["NORM"]:
            out.append(("prefix", tuple(tok["NORM"]["REGEX"][2:-1].split("|"))))
        else:
            out.append(("norm", frozenset(tok["NORM"]["IN"])))
    return tuple(out)


def _longest_end(elements: tuple, norms: list[str], lowers: list[str], next_stop: list[int],
                 i: int, e: int) -> int:
    """The end of the longest match of elements[e:] starting at token i, or -1.

    `next_stop[j]` is the first sentence-end token at or after j (len(norms) if none):
    a gap may reach it but not pass it.
    """
    if e == len(elements):
        return i
    kind, arg = elements[e]
    n = len(norms)
    if kind == "gap":
        best = -1
        j = i
        if e + 1 == len(elements) or elements[e + 1][0] == "gap":
            while True:
                end = _longest_end(elements, norms, lowers, next_stop, j, e + 1)
                best = max(best, end)
                if j >= n or j - i >= arg or next_stop[j] == j:
                    break
                j += 1
            return best
        if i >= n:
            return -1
        # the word after the gap is looked for in the gap's window at once, and the rest of
        # the pattern is tried only where it is found
        last = min(i + arg, next_stop[i], n - 1)
        after, wanted = elements[e + 1]
        words = lowers if after == "lower" else norms
        if after == "prefix":
            found = [j for j in range(i, last + 1) if words[j].startswith(wanted)]
        else:
            window = words[i:last + 1]
            if wanted.isdisjoint(window):
                return -1
            found = [i + k for k, word in enumerate(window) if word in wanted]
        for j in found:
            end = _longest_end(elements, norms, lowers, next_stop, j + 1, e + 2)
            if end > best:
                best = end
        return best
    if i >= n:
        return -1
    if kind == "norm":
        ok = norms[i] in arg
    elif kind == "lower":
        ok = lowers[i] in arg
    else:
        ok = norms[i].startswith(arg)
    return _longest_end(elements, norms, lowers, next_stop, i + 1, e + 1) if ok else -1


def _next_stops(stops: list[int], n: int) -> list[int]:
    """For each of n tokens (and n itself), the first sentence-end token at or after it
    (n if none), from the sorted positions of the sentence ends."""
    out: list[int] = []
    previous = 0
    for stop in stops + [n]:
        out.extend([stop] * (stop - previous + 1))
        previous = stop + 1
    return out


def _fixed_end(elements: tuple, norms: list[str], lowers: list[str], i: int, e: int) -> int:
    """`_longest_end` for elements without gaps: each must match the next token."""
    n = len(norms)
    for kind, arg in elements[e:]:
        if i >= n:
            return -1
        if kind == "norm":
            ok = norms[i] in arg
        elif kind == "lower":
            ok = lowers[i] in arg
        else:
            ok = norms[i].startswith(arg)
        if not ok:
            return -1
        i += 1
    return i


def _longest_per_family(hits: list[tuple]) -> list[tuple]:
    """Within each family keep the longest of overlapping hits, so one phrase counts once.

    Hits are (start, end, family, rule, weight) tuples; the kept ones come back sorted by
    start, end, family and rule.
    """
    out: list[tuple] = []
    by_family: dict[str, list[tuple]] = {}
    for hit in hits:
        by_family.setdefault(hit[2], []).append(hit)
    for family in sorted(by_family):
        ordered = sorted(by_family[family], key=_longest_first)
        taken: set[int] = set()
        for hit in ordered:
            tokens = range(hit[0], hit[1])
            if taken.isdisjoint(tokens):
                taken.update(tokens)
                out.append(hit)
    out.sort()
    return out


def _longest_first(hit: tuple) -> tuple[int, int, str]:
    return (hit[0] - hit[1], hit[0], hit[3])


@Language.factory("ambicion_rules")
def make_rules(nlp: Language, name: str) -> RuleMatcher:
    return RuleMatcher(nlp, name)
