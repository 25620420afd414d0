"""Every value the judge lists rests on words of the text: a high probability without a cue
lists nothing, and a relevant commitment is given the core value its text shows."""

from __future__ import annotations

import pytest

from ambicion.judge.features import extract
from ambicion.judge.values import decide_with_lens

LOW = {"access_to_information": 0.1, "civic_participation": 0.1, "public_accountability": 0.1,
       "technology_innovation": 0.1, "open_gov_lens": 0.5}


def _features(judge, lang, text):
    return extract(judge.nlp(lang)(text), lang, None)


@pytest.mark.parametrize("lang,text", [
    ("es", "Mejorar la gestión de los archivos del ministerio durante el año."),
    ("en", "Improve the management of the ministry's archives during the year."),
])
def test_a_high_probability_without_a_cue_lists_no_value(judge, lang, text):
    f = _features(judge, lang, text)
    probs = {"access_to_information": 0.95, "civic_participation": 0.9, "public_accountability": 0.9,
             "technology_innovation": 0.9, "open_gov_lens": 0.1}
    values, lens = decide_with_lens(f, probs, LOW)
    assert not any(v.present for v in values)
    assert not lens


@pytest.mark.parametrize("lang,text,code", [
    ("es", "Crear mesas de diálogo con los vecinos del distrito.", "civic_participation"),
    ("en", "Set up dialogue tables with the district's residents.", "civic_participation"),
])
def test_a_relevant_commitment_gets_the_core_value_its_text_shows(judge, lang, text, code):
    f = _features(judge, lang, text)
    # access is the likelier value but the text shows no cue for it; participation has one
    probs = {"access_to_information": 0.4, "civic_participation": 0.05, "public_accountability": 0.02,
             "technology_innovation": 0.01, "open_gov_lens": 0.9}
    values, lens = decide_with_lens(f, probs, {**LOW, "civic_participation": 0.5, "access_to_information": 0.5})
    assert lens
    listed = [v for v in values if v.present]
    assert [v.code for v in listed] == [code]
    assert listed[0].evidence


@pytest.mark.parametrize("lang,text", [
    ("es", "Publicar en datos abiertos los contratos de obra de la región y responder los reclamos."),
    ("en", "Publish the region's works contracts as open data and answer the complaints received."),
])
def test_every_listed_value_has_evidence(assess, lang, text):
    a = assess(text, language=lang)
    assert a.value_codes
    assert all(v.evidence for v in a.values if v.present)
