"""The lemmatizer writes lemmas through arrays; they must be what the lookup gives per token."""

from __future__ import annotations

import pytest

from ambicion.labels import fold
from ambicion.nlp.pipeline import pipeline_for

TEXTS = {
    "es": "Publicar la información pública en el Portal; PUBLICACIÓN de datos abiertos y publicacion 2024.",
    "en": "The Ministry will publish open data and PUBLISHES reports; published budgets, 2024.",
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lemmas_match_the_lookup_table(lang: str) -> None:
    nlp = pipeline_for(lang, None)
    lemmatizer = nlp.get_pipe("ambicion_lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_lookup", {})
    for _ in range(2):  # the second pass reads the cache
        doc = lemmatizer(nlp.make_doc(TEXTS[lang]))
        for token in doc:
            expected = table.get(token.lower_, token.lower_)
            assert token.lemma_ == expected
            assert token.norm_ == fold(expected)
    assert any(t.lemma_ != t.lower_ for t in doc)


def test_empty_doc() -> None:
    nlp = pipeline_for("es", None)
    assert len(nlp.get_pipe("ambicion_lemmatizer")(nlp.make_doc(""))) == 0
