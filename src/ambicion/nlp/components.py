"""The spaCy components ambicion registers: a lower-casing lemmatizer, the rule matcher, the judge.

Each is registered as a factory, so a pipeline saved with `nlp.to_disk` loads back with
`spacy.load` once this module is imported, and a user can add the judge to any pipeline
with `nlp.add_pipe("ambicion")`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from ..labels import fold
from .patterns import Pattern, compile_token_pattern, load_patterns

if not Doc.has_extension("ambicion_matches"):
    Doc.set_extension("ambicion_matches", default=())
if not Doc.has_extension("ambicion"):
    Doc.set_extension("ambicion", default=None)

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
        for token in doc:
            low = token.lower_
            lemma = table.get(low, low)
            token.lemma_ = lemma
            token.norm_ = folded(lemma)
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
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self._matcher: Matcher | None = None
        self._patterns: dict[str, Pattern] = {}

    def _compile(self) -> Matcher:
        lemmatizer = self.nlp.get_pipe("ambicion_lemmatizer")
        matcher = Matcher(self.nlp.vocab)
        patterns = {}
        for pattern in load_patterns(self.nlp.lang):
            matcher.add(pattern.id, [compile_token_pattern(phrase, self.nlp.make_doc, lemmatizer.lemma_of)
                                     for phrase in pattern.phrases])
            patterns[pattern.id] = pattern
        self._patterns = patterns
        return matcher

    @property
    def patterns(self) -> dict[str, Pattern]:
        if self._matcher is None:
            self._matcher = self._compile()
        return self._patterns

    def __call__(self, doc: Doc) -> Doc:
        if self._matcher is None:
            self._matcher = self._compile()
        strings = self.nlp.vocab.strings
        hits = []
        for match_id, start, end in self._matcher(doc):
            pattern = self._patterns[strings[match_id]]
            span = doc[start:end]
            hits.append(RuleMatch(pattern.id, pattern.family, pattern.weight, start, end,
                                  span.start_char, span.end_char))
        doc._.ambicion_matches = tuple(_longest_per_family(hits))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _longest_per_family(hits: list[RuleMatch]) -> list[RuleMatch]:
    """Within each family keep the longest of overlapping hits, so one phrase counts once."""
    out: list[RuleMatch] = []
    by_family: dict[str, list[RuleMatch]] = {}
    for hit in hits:
        by_family.setdefault(hit.family, []).append(hit)
    for family in sorted(by_family):
        ordered = sorted(by_family[family], key=lambda h: (-(h.end - h.start), h.start, h.rule))
        taken: list[RuleMatch] = []
        for hit in ordered:
            if all(hit.end <= t.start or hit.start >= t.end for t in taken):
                taken.append(hit)
        out.extend(taken)
    return sorted(out, key=lambda h: (h.start, h.end, h.family, h.rule))


@Language.factory("ambicion_rules")
def make_rules(nlp: Language, name: str) -> RuleMatcher:
    return RuleMatcher(nlp, name)


class JudgeComponent:
    """The whole judge as a pipeline step: puts an `Assessment` on `doc._.ambicion`.

    The pipeline must already hold the lemmatizer and rule matcher (as the ones built by
    `ambicion.nlp.pipeline` do); the trained models are loaded once from `model_dir`.
    """

    def __init__(self, nlp: Language, name: str, model_dir: str | None, use_model: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.model_dir = model_dir
        self.use_model = use_model

    def _judge(self):
        from ..judge.api import get_judge

        return get_judge(self.model_dir, use_model=self.use_model)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ambicion = self._judge().assess_docs([doc], language=self.nlp.lang)[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _flush(self, batch: list[Doc]) -> Iterator[Doc]:
        for doc, assessment in zip(batch, self._judge().assess_docs(batch, language=self.nlp.lang)):
            doc._.ambicion = assessment
            yield doc


@Language.factory("ambicion", default_config={"model_dir": None, "use_model": True})
def make_judge(nlp: Language, name: str, model_dir: str | None, use_model: bool) -> JudgeComponent:
    return JudgeComponent(nlp, name, model_dir, use_model)
