"""The whole judge as a spaCy component: `nlp.add_pipe("ambicion")` puts an `Assessment` on
`doc._.ambicion`.

Why this module sits above the judge: `nlp/` builds the pipelines the judge runs on, so it
must not import the judge; the component that runs the judge depends on both.

Why it re-reads the text through the judge's own pipeline: the judge's evidence comes from
its lower-casing lemmatizer, its lemma table and its rule matcher. A pipeline without them
(`spacy.blank("es")`, or one with another lemmatizer) would give the judge no lemmas and no
rule matches, and silently different verdicts. So unless the pipeline *is* the judge's,
the component judges `doc.text` with the judge's pipeline for `nlp.lang`: the answer is the
one `ambicion.assess(doc.text, language=nlp.lang)` gives, whatever else the pipeline does.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .judge.api import Judge, get_judge
from .lang import language_code
from .model import Assessment
from .model import Language as LanguageCode  # spaCy's Language is the pipeline

LANGUAGES = ("es", "en")

if not Doc.has_extension("ambicion"):
    Doc.set_extension("ambicion", default=None)


class JudgeComponent:
    """Puts the judge's `Assessment` of each doc on `doc._.ambicion` (batched in `pipe`)."""

    def __init__(self, nlp: Language, name: str, model_dir: str | None, use_model: bool) -> None:
        if nlp.lang not in LANGUAGES:
            raise ValueError(f"the ambicion component judges Spanish or English text; this "
                             f"pipeline's language is {nlp.lang!r} (use spacy.blank('es') or 'en')")
        self.lang: LanguageCode = language_code(nlp.lang)
        self.nlp = nlp
        self.name = name
        self.model_dir = model_dir
        self.use_model = use_model

    def _judge(self) -> Judge:
        return get_judge(self.model_dir, use_model=self.use_model)

    def _assess(self, docs: list[Doc]) -> list[Assessment]:
        judge = self._judge()
        lang = self.lang
        if self.nlp is judge.nlp(lang):
            return judge.assess_docs(docs, language=lang)
        # the judge's own pipeline on the same text: the same answer as `ambicion.assess`
        return judge.assess_many([d.text for d in docs], language=lang, batch_size=max(1, len(docs)))

    def __call__(self, doc: Doc) -> Doc:
        doc._.ambicion = self._assess([doc])[0] if doc.text.strip() else None
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
        texts = [d for d in batch if d.text.strip()]  # blank text has nothing to judge
        judged = iter(self._assess(texts)) if texts else iter(())
        for doc in batch:
            doc._.ambicion = next(judged) if doc.text.strip() else None
            yield doc


@Language.factory("ambicion", default_config={"model_dir": None, "use_model": True})
def make_judge(nlp: Language, name: str, model_dir: str | None, use_model: bool) -> JudgeComponent:
    """spaCy factory for `nlp.add_pipe("ambicion")` (also found through an entry point)."""
    return JudgeComponent(nlp, name, model_dir, use_model)
