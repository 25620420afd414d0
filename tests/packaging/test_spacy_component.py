"""`nlp.add_pipe("ambicion")` gives the answer `ambicion.assess` gives, on any es/en pipeline."""

from __future__ import annotations

import pytest
import spacy

import ambicion
from ambicion.judge.api import default_model_dir

TEXTS_ES = [
    "Publicar en datos abiertos todos los contratos de obra pública, con un canal para que la "
    "ciudadanía presente observaciones y reciba respuesta en treinta días.",
    "Digitalizar el sistema de trámites internos del ministerio.",
    "Crear un registro público de beneficiarios finales mediante decreto supremo.",
]
TEXTS_EN = ["The Ministry will publish all contracts as open data and answer citizens' questions."]


def _same(doc_assessment, text, lang):
    expected = ambicion.assess(text, language=lang)
    assert doc_assessment is not None
    assert doc_assessment.to_dict() == expected.to_dict()
    assert doc_assessment == expected  # as the README shows


@pytest.mark.parametrize("text", TEXTS_ES)
def test_a_blank_spanish_pipeline_agrees_with_assess(text):
    nlp = spacy.blank("es")
    nlp.add_pipe("ambicion")
    _same(nlp(text)._.ambicion, text, "es")


def test_pipe_agrees_too_and_keeps_the_order():
    nlp = spacy.blank("es")
    nlp.add_pipe("ambicion")
    docs = list(nlp.pipe(TEXTS_ES, batch_size=2))
    for doc, text in zip(docs, TEXTS_ES):
        _same(doc._.ambicion, text, "es")


def test_a_pipeline_with_other_components_agrees():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ambicion")
    _same(nlp(TEXTS_EN[0])._.ambicion, TEXTS_EN[0], "en")


def test_the_shipped_pipeline_agrees():
    nlp = spacy.load(default_model_dir() / "nlp_es")
    nlp.add_pipe("ambicion")
    _same(nlp(TEXTS_ES[0])._.ambicion, TEXTS_ES[0], "es")


def test_blank_text_gets_no_assessment():
    nlp = spacy.blank("es")
    nlp.add_pipe("ambicion")
    assert nlp("   ")._.ambicion is None


def test_another_language_is_refused_clearly():
    nlp = spacy.blank("fr")
    with pytest.raises(ValueError, match="Spanish or English"):
        nlp.add_pipe("ambicion")
