"""A commitment that says in its own words it does what a rule in force asks is restating
an obligation (the IRM's "unclear"), with or without a list of functions; citing how an old
rule was approved is no new binding rule. Each in both languages."""

from __future__ import annotations

import pytest

from ambicion.judge.names import cited_norm_ranges

DECLARED = {
    "es": "La gerencia cumplirá con las obligaciones de la ordenanza de residuos sólidos publicando "
          "sus horarios de recojo.",
    "en": "The council will comply with its obligations under the Waste Act by publishing its "
          "collection timetable.",
}
# the same commitments with one addition no rule in force asks
BEYOND = {
    "es": " Además, sancionará a los funcionarios que no respondan los reclamos vecinales en diez días.",
    "en": " It will also sanction officials who do not answer residents' complaints within ten days.",
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_declared_obligation_is_flagged_and_unclear(assess, judge, lang):
    a = assess(DECLARED[lang], language=lang)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    # the shown probability never contradicts the flag
    assert flag.present and flag.probability >= judge.thresholds.get("restates_functions", 0.5)
    assert ("cumplirá con las obligaciones" if lang == "es" else "comply with its obligations") in flag.detail
    assert a.ambition == "unclear"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_addition_beyond_the_rule_is_not_a_declared_obligation(assess, lang):
    a = assess(DECLARED[lang] + BEYOND[lang], language=lang)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert "El propio texto dice cumplir" not in flag.detail
    assert "The text itself says" not in flag.detail


@pytest.mark.parametrize("lang,text", [
    ("es", "Problema: la ordenanza vigente se cumple conforme a la ley, pero nadie la conoce.\n"
           "Compromiso: crear un consejo vecinal que decida el calendario de recojo."),
    ("en", "Problem: the council complies with its obligations under the Waste Act, yet no one knows it.\n"
           "Commitment: set up a residents' council that decides the collection calendar."),
])
def test_a_legal_cue_describing_the_problem_declares_nothing(assess, lang, text):
    a = assess(text, language=lang)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert "El propio texto dice cumplir" not in flag.detail
    assert "The text itself says" not in flag.detail


@pytest.mark.parametrize("text,cited", [
    ("Publicar el padrón según el reglamento aprobado por Decreto Supremo N.° 045-2019-XX.",
     "aprobado por Decreto Supremo N.° 045-2019"),
    ("Publish the register set up as established by Law No. 12.345 on the portal.",
     "established by Law No. 12.345"),
    ("Difundir la directiva aprobada mediante Resolución Ministerial N° 123-2020-XX.",
     "aprobada mediante Resolución Ministerial N° 123-2020"),
])
def test_the_citation_of_an_approved_rule_is_found(text, cited):
    assert [text[a:b] for a, b in cited_norm_ranges(text)] == [cited]


@pytest.mark.parametrize("text", [
    "Aprobar un decreto supremo que modifique el reglamento de la Ley N.° 12345.",
    "Modificar la Ley N.° 12345 para sancionar a quien no responda.",
    "Amend Law No. 12.345 so that every agency publishes its contracts.",
    "El registro será aprobado por un decreto que se emitirá en 2026.",
])
def test_a_rule_to_come_is_no_citation(text):
    assert cited_norm_ranges(text) == ()


@pytest.mark.parametrize("lang,text", [
    ("es", "Publicar los horarios de recojo conforme a la ordenanza de limpieza aprobada por "
           "Ordenanza Municipal N.° 345-2018 de la provincia."),
    ("en", "Publish the collection timetable as set out in the bylaw approved by Decree No. 345 of 2018."),
])
def test_a_cited_approval_is_no_binding_cue(assess, lang, text):
    a = assess(text, language=lang)
    assert a.ambition != "substantial"
    assert not any("vinculantes" in r or "binding rules:" in r for r in a.ambition_reasons)


@pytest.mark.parametrize("lang,text", [
    ("es", "Aprobar un decreto supremo que obligue a todas las municipalidades a publicar sus horarios de "
           "recojo en datos abiertos y a responder cada reclamo en diez días."),
    ("en", "Pass a decree that obliges every council to publish its collection timetable as open data "
           "and to answer each complaint within ten days."),
])
def test_a_new_rule_still_counts(assess, lang, text):
    a = assess(text, language=lang)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert not flag.present
    assert any("vinculantes" in r or "binding rules" in r for r in a.ambition_reasons)


@pytest.mark.parametrize("lang,text,flagged", [
    ("es", "Fortalecer y mejorar el portal de datos de la región.", False),
    ("en", "Strengthen and enhance the region's data portal.", False),
    ("es", "Seguir publicando el presupuesto regional en el portal.", True),
    ("en", "Continue publishing the regional budget on the portal.", True),
])
def test_a_high_probability_alone_needs_a_phrase_saying_the_work_is_not_new(judge, lang, text, flagged):
    """Without function evidence the probability decides, but only beside a phrase that says
    the work is required or done already: "strengthen" builds on something, it repeats nothing."""
    from ambicion.judge.features import extract
    from ambicion.judge.flags import restates_flag

    f = extract(judge.nlp(lang)(text), lang, None)
    flag = restates_flag(f, 0.9, 0.5)
    assert flag.present is flagged
    assert (flag.probability >= 0.5) is flagged
