"""Suggestions follow from the criterion that failed and never ask for what the text already does.

Each case is a pair written for the test: a commitment that lacks one criterion (the suggestion
must appear) and the same commitment with it (the suggestion must go), in both languages.
"""

from __future__ import annotations

import pytest

from ambicion.judge.messages import message

PAIRS = [
    ("es", "suggest.duty_to_respond",
     "Consulta sobre el presupuesto\nRealizar audiencias públicas con la ciudadanía sobre el presupuesto municipal.",
     "; la municipalidad responderá por escrito cada propuesta recibida en un plazo de 30 días."),
    ("en", "suggest.duty_to_respond",
     "Budget consultation\nHold public hearings with citizens on the municipal budget.",
     "; the municipality will answer every proposal in writing within 30 days."),
    ("es", "suggest.open_data",
     "Portal de contratos\nPublicar los contratos de obras en el portal de transparencia.",
     " Los contratos se publicarán también en formato de datos abiertos."),
    ("en", "suggest.open_data",
     "Contracts portal\nPublish public works contracts on the transparency portal.",
     " The contracts will also be published as open data."),
]


@pytest.mark.parametrize("lang,key,without,addition", PAIRS)
def test_a_suggestion_appears_while_its_criterion_is_missing_and_goes_once_met(assess, lang, key, without,
                                                                              addition):
    advice = message(lang, key)
    lacking = assess(without, language=lang)
    assert advice in lacking.suggestions
    meeting = assess(without.rstrip(".") + addition, language=lang)
    assert advice not in meeting.suggestions


@pytest.mark.parametrize("lang,text", [
    ("es", "Audiencias\nAprobar una ordenanza que haga obligatorias las audiencias públicas de rendición de "
           "cuentas del alcalde."),
    ("en", "Hearings\nAdopt an ordinance that makes the mayor's public accountability hearings mandatory by law."),
])
def test_no_make_binding_advice_for_a_commitment_that_already_binds(assess, lang, text):
    assert message(lang, "suggest.make_binding") not in assess(text, language=lang).suggestions
