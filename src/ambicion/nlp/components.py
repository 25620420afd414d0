"""The spaCy components the judge's pipelines are built from: a lower-casing lemmatizer and
the rule matcher.

Each is registered as a factory, so a pipeline saved with `nlp.to_disk` loads back with
`spacy.load` once this module is imported. The judge itself as a component
(`nlp.add_pipe("ambicion")`) lives in `ambicion.spacy_component`, above the judge: this
layer builds what the judge runs on and never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, NORM, ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from ..labels import fold
from .patterns import Pattern, compile_token_pattern, load_patterns

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


_VIEW_ATTRS = (ORTH, LOWER, NORM, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, IS_STOP, LENGTH)
_STRINGS: dict[int, str] = {}  # string hashes are the same in every vocabulary


def _string(strings, key: int) -> str:
    out = _STRINGS.get(key)
    if out is None:
        out = strings[key]
        if len(_STRINGS) < 200_000:
            _STRINGS[key] = out
    return out


def token_view(doc: Doc) -> TokenView:
    """The doc's TokenView, read in one `to_array` call (the same values as token attributes)."""
    view = doc._.ambicion_tokens
    if view is None:
        orth, lower, norm, idx, punct, space, alpha, stop, length = doc.to_array(_VIEW_ATTRS).T.tolist() \
            if len(doc) else ([],) * len(_VIEW_ATTRS)
        strings = doc.vocab.strings
        view = TokenView([_string(strings, h) for h in orth], [_string(strings, h) for h in lower],
                         [_string(strings, h) for h in norm], idx,
                         [bool(p or s) for p, s in zip(punct, space)],
                         [bool(a and not s and n > 2) for a, s, n in zip(alpha, stop, length)])
        doc._.ambicion_tokens = view
    return view

_FOLDED: dict[str, str] = {}


def folded(text: str) -> str:
    """`labels.fold` with a cache: tokens repeat a lot, and folding is the lemmatizer's hot path."""
    out = _FOLDED.get(text)
    if out is None:
        out = fold(text)
        if len(_FOLDED) < 200_000:
            _FOLDED[text] = out
    return out


class LowerLookupLemmatizer(Lemmatizer):
    """Lookup lemmatizer that lower-cases first and puts the folded lemma in `token.norm_`.

    spaCy's lookup tables are case-sensitive, so "Publicar" at a sentence start would not be
    found; and rules match on the accent-free lemma (NORM), so "publicación" and "publicacion"
    (common in scanned plans) behave the same.
    """

    def __call__(self, doc: Doc) -> Doc:
        table = self.lookups.get_table("lemma_lookup", {})
        strings = doc.vocab.strings
        # lower-case form -> (lemma, folded lemma), as string ids; valid for one table and
        # string store (spacy.load fills the table after the component is made)
        cache = getattr(self, "_ids", None)
        if cache is None or cache[0] is not table or cache[1] is not strings:
            cache = self._ids = (table, strings, {})
        ids = cache[2]
        rows = []
        for key in doc.to_array([LOWER]).tolist():
            row = ids.get(key)
            if row is None:
                low = strings[key]
                lemma = table.get(low, low)
                row = (strings.add(lemma), strings.add(folded(lemma)))
                if len(ids) < 200_000:
                    ids[key] = row
            rows.append(row)
        if rows:  # one array write instead of a Token object and two setters per token
            doc.from_array([LEMMA, NORM], np.array(rows, dtype=np.uint64))
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
    Matching uses a small index on each pattern's first word instead of spaCy's Matcher:
    the gap operators ("*") make the general Matcher explore many states per token, and
    screening must stay fast. Patterns starting with a lemma are indexed by it, those starting
    with lower-case word forms by those forms, and only the rest are tried at every token.
    Gaps never cross a sentence end.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self._compiled: list[tuple[Pattern, tuple]] | None = None
        self._index: dict[str, list[int]] = {}
        self._lower_index: dict[str, list[int]] = {}
        self._unindexed: list[int] = []
        self._skip_first: list[int] = []

    def _compile(self) -> None:
        lemmatizer = self.nlp.get_pipe("ambicion_lemmatizer")
        compiled: list[tuple[Pattern, tuple]] = []
        index: dict[str, list[int]] = {}
        lower_index: dict[str, list[int]] = {}
        unindexed: list[int] = []
        for pattern in load_patterns(self.nlp.lang):
            for phrase in pattern.phrases:
                elements = to_elements(compile_token_pattern(phrase, self.nlp.make_doc, lemmatizer.lemma_of))
                n = len(compiled)
                compiled.append((pattern, elements))
                kind, arg = elements[0]
                if kind == "norm":
                    for norm in arg:
                        index.setdefault(norm, []).append(n)
                elif kind == "lower":
                    for lower in arg:
                        lower_index.setdefault(lower, []).append(n)
                else:
                    unindexed.append(n)
        self._compiled, self._index, self._unindexed = compiled, index, unindexed
        self._lower_index = lower_index
        unindexed_set = set(unindexed)
        self._skip_first = [0 if n in unindexed_set else 1 for n in range(len(compiled))]

    @property
    def patterns(self) -> dict[str, Pattern]:
        if self._compiled is None:
            self._compile()
        return {p.id: p for p, _ in self._compiled or ()}

    def __call__(self, doc: Doc) -> Doc:
        if self._compiled is None:
            self._compile()
        compiled = self._compiled or []
        doc._.ambicion_tokens = None
        view = token_view(doc)
        norms, lowers = view.norms, view.lowers
        stops = [t in _SENTENCE_END or "\n" in t for t in view.texts]
        hits: list[RuleMatch] = []
        index, lower_index, unindexed = self._index, self._lower_index, self._unindexed
        skip_first = self._skip_first
        for i, norm in enumerate(norms):
            candidates = index.get(norm, _NONE)
            by_lower = lower_index.get(lowers[i])
            if by_lower or unindexed:
                # same order as trying every lower-first pattern: lemma-indexed ones first
                candidates = candidates + (by_lower or []) + unindexed
            if not candidates:
                continue
            negated = any(lowers[k] in _NEGATIONS for k in range(max(0, i - 2), i))
            for n in candidates:
                pattern, elements = compiled[n]
                if negated and pattern.family in _NEGATABLE:
                    continue
                # an indexed pattern's first element matched already: the lookup found it
                first = skip_first[n]
                end = _longest_end(elements, norms, lowers, stops, i + first, first)
                if end > i:
                    hits.append(RuleMatch(pattern.id, pattern.family, pattern.weight, i, end,
                                          view.starts[i], view.starts[end - 1] + len(view.texts[end - 1])))
        doc._.ambicion_matches = tuple(_longest_per_family(hits))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


_NONE: list[int] = []
_SENTENCE_END = {".", ";", "?", "!", ":"}
# A value phrase right after a negation ("no publica", "without consulting") describes what
# is missing, usually in the problem statement, not what the commitment will do.
_NEGATIONS = {"no", "sin", "ni", "nunca", "tampoco", "not", "without", "never", "nor", "n't", "cannot"}
_NEGATABLE = {"disclosure", "open_data", "info_request", "participation", "answerability",
              "duty_to_respond", "complaint", "declaration", "oversight"}


def to_elements(tokens: list[dict]) -> tuple:
    """Turn a spaCy-style token pattern (as compiled from a phrase) into match elements."""
    out = []
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


def _longest_end(elements: tuple, norms: list[str], lowers: list[str], stops: list[bool],
                 i: int, e: int) -> int:
    """The end of the longest match of elements[e:] starting at token i, or -1."""
    if e == len(elements):
        return i
    kind, arg = elements[e]
    n = len(norms)
    if kind == "gap":
        best = -1
        j = i
        while True:
            end = _longest_end(elements, norms, lowers, stops, j, e + 1)
            best = max(best, end)
            if j >= n or j - i >= arg or stops[j]:
                break
            j += 1
        return best
    if i >= n:
        return -1
    if kind == "norm":
        ok = norms[i] in arg
    elif kind == "lower":
        ok = lowers[i] in arg
    else:
        ok = norms[i].startswith(arg)
    return _longest_end(elements, norms, lowers, stops, i + 1, e + 1) if ok else -1


def _longest_per_family(hits: list[RuleMatch]) -> list[RuleMatch]:
    """Within each family keep the longest of overlapping hits, so one phrase counts once."""
    out: list[RuleMatch] = []
    by_family: dict[str, list[RuleMatch]] = {}
    for hit in hits:
        by_family.setdefault(hit.family, []).append(hit)
    for family in sorted(by_family):
        ordered = sorted(by_family[family], key=lambda h: (-(h.end - h.start), h.start, h.rule))
        taken: set[int] = set()
        for hit in ordered:
            tokens = range(hit.start, hit.end)
            if not any(t in taken for t in tokens):
                taken.update(tokens)
                out.append(hit)
    return sorted(out, key=lambda h: (h.start, h.end, h.family, h.rule))


@Language.factory("ambicion_rules")
def make_rules(nlp: Language, name: str) -> RuleMatcher:
    return RuleMatcher(nlp, name)
