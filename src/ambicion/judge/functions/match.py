"""Compare a commitment's actions, one by one, with function items.

Why per action and not the whole text against each item: a commitment that restates two
functions in one paragraph resembles neither as a whole, and one that adds a binding rule
to a restated function must not hide the addition inside a high overall score. Each
action phrase (a clause with a verb or a nominalised action) is scored by how much of its
key weight one item holds (coverage, 0–1), with padding words weighing little and words
that many items share weighing less.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Sequence, cast

from spacy.language import Language
from spacy.tokens import Doc

from ...nlp.components import LowerLookupLemmatizer, token_view
from .decide import Restatement, decide, is_covered, settings
from .items import FunctionItem
from .terms import Key, Vocabulary, build_vocabulary, keys_of

CLAUSE = re.compile(r"[^.;:\n]+")
JOINERS = {"y", "e", "and", ",", "ni", "as well as", "asi como", "así"}
CUE_FAMILIES = {"legal_restatement"}
MODALS = {"will", "shall", "must", "to", "should"}  # the English word after one of these is a verb
# "…mediante un comité independiente", "…whose findings…": how it is done, often what it adds
MEANS = {"mediante", "cuyas", "cuyos", "cuya", "cuyo", "through", "whose", "via"}
LINKING = {"a", "to", "will", "se", "la", "el", "los", "las", "the", "also", "además"}


@dataclass(frozen=True)
class Clause:
    """One phrase of the commitment, with its keys (offsets into the commitment text)."""

    start: int
    end: int
    keys: tuple[Key, ...]
    weight: float  # distinct non-padding keys
    is_action: bool  # holds an action word and weighs at least 2

    @classmethod
    def of(cls, start: int, end: int, keys: tuple[Key, ...]) -> "Clause":
        """Weighed once when made: the decision reads both many times, and a clause never changes."""
        weight = float(len({k.key for k in keys if k.weight == 1.0}))
        return cls(start, end, keys, weight, any(k.action for k in keys) and weight >= 2)


@dataclass(frozen=True)
class Cover:
    """A commitment phrase and the item that covers it best, with the coverage."""

    clause: Clause
    item: FunctionItem
    similarity: float
    shared: int  # distinct non-padding keys in common
    objects: int = 0  # of those, the ones that are not actions (what is acted on)


@dataclass(frozen=True)
class FunctionMatch:
    """The best-covered phrase of a commitment and its function; `analysis` holds the rest."""

    function: str
    similarity: float
    start: int
    end: int
    reference: str = ""
    analysis: Restatement | None = None


def _doc_keys(vocab: Vocabulary, doc: Doc, lo: int = 0, hi: int | None = None, view=None) -> list[Key]:
    view = view if view is not None else token_view(doc)
    hi = len(view.norms) if hi is None else hi
    idx = [k for k in range(lo, hi) if view.content[k]]
    return keys_of(vocab, [view.norms[k] for k in idx],
                   [(view.starts[k], view.starts[k] + len(view.texts[k])) for k in idx],
                   [view.lowers[k] for k in idx],
                   [k > 0 and view.lowers[k - 1] in MODALS for k in idx])


def _language_of(nlp: Language) -> str:
    """The pipeline's language code: spaCy types it optional, but every pipeline has one."""
    if nlp.lang is None:
        raise ValueError("the spaCy pipeline has no language")
    return nlp.lang


def _lemmatizer(nlp: Language) -> LowerLookupLemmatizer:
    """The pipeline's ambicion lemmatizer, whose `lemma_of` builds a vocabulary."""
    # cast: spaCy's stubs type every pipe as a bare Doc -> Doc callable
    return cast(LowerLookupLemmatizer, nlp.get_pipe("ambicion_lemmatizer"))


class FunctionIndex:
    """Function items reduced to keys once and compared with many commitments of one language.

    Items written in the other language (a Spanish ROF for a commitment from OGP's English
    pages) are read with their own language's pipeline when `nlp_for` is given: the concept
    vocabulary shares its keys across Spanish and English, so "supervisar" meets "supervise".
    """

    def __init__(self, items: Sequence[FunctionItem | str], nlp: Language,
                 nlp_for: Callable[[str], Language] | None = None) -> None:
        from ...lang import detect_language

        self.items = tuple(i if isinstance(i, FunctionItem) else FunctionItem(" ".join(str(i).split()), "")
                           for i in items)
        self.lang = _language_of(nlp)
        self.vocab = build_vocabulary(self.lang, _lemmatizer(nlp).lemma_of)
        readers: dict[str, tuple[Language, Vocabulary]] = {self.lang: (nlp, self.vocab)}
        self.item_keys: list[frozenset[str]] = []
        postings: dict[str, list[int]] = {}
        for n, item in enumerate(self.items):
            lang = detect_language(item.text) if nlp_for is not None else self.lang
            if lang not in readers and nlp_for is not None:  # without nlp_for, lang is self.lang
                other = nlp_for(lang)
                readers[lang] = (other, build_vocabulary(lang, _lemmatizer(other).lemma_of))
            item_nlp, vocab = readers[lang]
            doc = item_nlp.get_pipe("ambicion_lemmatizer")(item_nlp.make_doc(item.text))
            keys = frozenset(k.key for k in _doc_keys(vocab, doc))
            self.item_keys.append(keys)
            for key in keys:
                postings.setdefault(key, []).append(n)
        self.postings = postings
        self._position = {id(item): n for n, item in enumerate(self.items)}
        self.rarity = {k: 1.0 / (1.0 + math.log(len(v))) for k, v in postings.items()}

    # ------------------------------------------------------------ scoring

    def clauses(self, doc: Doc, text: str, ranges: Sequence[tuple[int, int]]) -> list[Clause]:
        """The commitment's phrases outside context sections, cue phrases left out.

        Legal cue phrases ("conforme a lo dispuesto en la Ley…") say that the commitment
        restates something; they are not part of what it restates.
        """
        from ..sections import inside

        view = token_view(doc)
        cues = [(h.start_char, h.end_char) for h in doc._.ambicion_matches if h.family in CUE_FAMILIES]
        out: list[Clause] = []
        for m in CLAUSE.finditer(text):
            if ranges and inside(ranges, m.start(), m.end()):
                continue
            lo = bisect_left(view.starts, m.start())
            hi = bisect_left(view.starts, m.end())
            keys = _doc_keys(self.vocab, doc, lo, hi, view)
            if cues:
                keys = [k for k in keys if not any(a <= k.start < b for a, b in cues)]
            if keys:
                out.extend(_coordinated(view, lo, hi, m.start(), m.end(), keys))
        return out

    def cover(self, clause: Clause) -> Cover | None:
        """The item that covers `clause` best; the user's own item when it covers the phrase at all."""
        weights: dict[str, float] = {}
        for k in clause.keys:
            weights[k.key] = max(weights.get(k.key, 0.0), k.weight * self.rarity.get(k.key, 1.0))
        total = sum(weights.values())
        if total <= 0:
            return None
        gained: dict[int, float] = {}
        shared: dict[int, int] = {}
        strong = {k.key for k in clause.keys if k.weight == 1.0}
        for key, w in weights.items():
            for n in self.postings.get(key, ()):
                gained[n] = gained.get(n, 0.0) + w
                if key in strong:
                    shared[n] = shared.get(n, 0) + 1
        if not gained:
            return None
        actions = {k.key for k in clause.keys if k.action and k.weight == 1.0}
        miss = float(settings()["action_miss"])
        scored: list[tuple[float, int]] = []
        for n, g in gained.items():
            score = g / total
            if actions and not actions & self.item_keys[n]:
                score *= miss
            scored.append((score, n))
        # the institution's own list is more specific than the general obligations: its best
        # item wins whenever it covers the phrase at all
        def rank(entry: tuple[float, int]) -> tuple[float, int, int, int]:
            score, n = entry
            return (round(score, 6), shared.get(n, 0), int(not self.items[n].general), -n)

        object_keys = {k.key for k in clause.keys if k.weight == 1.0 and not k.action}

        def make(entry: tuple[float, int]) -> Cover:
            score, n = entry
            return Cover(clause, self.items[n], round(score, 4), shared.get(n, 0),
                         len(object_keys & self.item_keys[n]))

        own = [e for e in scored if not self.items[e[1]].general]
        if own:
            mine = make(max(_near_top(own), key=rank))
            if is_covered(mine):
                return mine
        return make(max(_near_top(scored), key=rank))

    def analyse(self, doc: Doc, text: str, ranges: Sequence[tuple[int, int]] = ()) -> Restatement:
        clauses = self.clauses(doc, text, ranges)
        covers = [c for c in (self.cover(cl) for cl in clauses) if c is not None]
        return decide(clauses, covers, tuple(doc._.ambicion_matches), ranges, self.item_keys_of,
                      lambda start, end: self.keys_in(doc, start, end), title_end(text), text)

    def item_keys_of(self, item: FunctionItem) -> frozenset[str]:
        return self.item_keys[self._position[id(item)]]

    def keys_in(self, doc: Doc, start: int, end: int) -> frozenset[str]:
        view = token_view(doc)
        lo = bisect_left(view.starts, start)
        hi = bisect_left(view.starts, end)
        return frozenset(k.key for k in _doc_keys(self.vocab, doc, lo, hi, view) if k.weight == 1.0)

    # ------------------------------------------------------------ the judge's entry points

    def best(self, doc: Doc) -> FunctionMatch | None:
        return self.best_many([doc])[0]

    def best_many(self, docs: Sequence[Doc],
                  contexts: Sequence[Sequence[tuple[int, int]]] | None = None,
                  texts: Sequence[str] | None = None,
                  sections: Sequence[tuple[tuple[int, int], ...]] | None = None) -> list[FunctionMatch | None]:
        """For each doc, its best-covered phrase and the full analysis (None: no phrase at all).

        Sentences in context sections (the problem statement, the values claim) are skipped:
        a problem that quotes the law is not a commitment that restates it. `sections`, when
        given, are those ranges already found (`sections.context_ranges` of each text and context).
        """
        from ..sections import context_ranges

        if texts is None:  # each doc's text; Doc.text is rebuilt from the tokens on every read
            texts = [doc.text for doc in docs]
        out: list[FunctionMatch | None] = []
        for n, doc in enumerate(docs):
            ranges = sections[n] if sections is not None else context_ranges(texts[n], contexts[n] if contexts else ())
            analysis = self.analyse(doc, texts[n], ranges)
            top = analysis.best
            if top is None:
                out.append(None)
                continue
            start, end = _trim(texts[n], top.clause.start, top.clause.end)
            out.append(FunctionMatch(top.item.text, top.similarity, start, end, top.item.reference,
                                     analysis))
        return out


def _near_top(scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """The entries that can rank first: the rank opens with the score rounded to six places,
    and a score that rounds like the best one lies within 1e-6 of it (a margin kept wide)."""
    floor = max(score for score, _ in scored) - 2e-6
    return [e for e in scored if e[0] >= floor]


def _coordinated(view, lo: int, hi: int, start: int, end: int, keys: list[Key]) -> list[Clause]:
    """Cut "actualizará el portal y atenderá las solicitudes" into one clause per action.

    A cut falls before a joiner ("y", ",", "and") that an action word follows, or before a
    word that introduces the means ("mediante", "cuyas", "through"), but only when
    the action before it already has its own object: in "diseñar, ejecutar y evaluar la
    política" the three verbs share one object and stay together. A part left with no
    object of its own ("y supervisará su cumplimiento") joins the part before it.
    """
    cuts: list[int] = []
    positions = {k.start: k for k in keys}
    strong = [k for k in keys if k.weight == 1.0]
    for t in range(lo, hi - 1):
        if view.lowers[t] in {"y", "e", "and"} and t > lo and view.lowers[t - 1] == ",":
            pass  # ", and a new binding regulation will…": a comma before the conjunction ends a clause
        elif view.lowers[t] in JOINERS:
            nxt = t + 1
            while nxt < hi and not view.content[nxt] and view.lowers[nxt] in LINKING:
                nxt += 1
            key = positions.get(view.starts[nxt]) if nxt < hi else None
            if key is None or not key.action or key.weight != 1.0:
                continue
        elif view.lowers[t] not in MEANS:
            continue
        before = [k for k in strong if k.start < view.starts[t] and k.start >= (cuts[-1] if cuts else start)]
        last_action = max((k.start for k in before if k.action), default=None)
        if last_action is not None and any(not k.action and k.start > last_action for k in before):
            # the new part starts after a joiner ("y atenderá…" reads "atenderá…") but at a means word
            cuts.append(view.starts[t] if view.lowers[t] in MEANS or t + 1 >= hi else view.starts[t + 1])
    bounds = [start] + cuts + [end]
    # keys come in text order: each part's keys are one slice of them
    key_starts = [k.start for k in keys]
    parts = [(a, b, tuple(keys[bisect_left(key_starts, a):bisect_left(key_starts, b)]))
             for a, b in zip(bounds, bounds[1:])]
    merged: list[tuple[int, int, tuple[Key, ...]]] = []
    for a, b, ks in parts:
        has_object = any(not k.action and k.weight == 1.0 for k in ks)
        if merged and not has_object:
            pa, _, pks = merged[-1]
            merged[-1] = (pa, b, pks + ks)
        else:
            merged.append((a, b, ks))
    return [Clause.of(a, b, ks) for a, b, ks in merged if ks]


def title_end(text: str) -> int:
    """Where the first line ends when more text follows it (0 for a one-line text)."""
    cut = text.find("\n")
    return cut if cut >= 0 and text[cut:].strip() else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
