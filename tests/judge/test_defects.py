"""Defects seen when the judge was tried as a forum would use it, each in both languages."""

from __future__ import annotations

import pytest

from ambicion.judge.evidence import snap
from ambicion.judge.names import name_ranges
from ambicion.judge.process import claim_ranges, follow_up_ranges

APP = {
    "es": ("Aplicativo de trámites municipales\nLa municipalidad desarrollará un aplicativo móvil para "
           "que los vecinos paguen sus arbitrios y tramiten licencias de funcionamiento en línea."),
    "en": ("Municipal services app\nThe municipality will develop a mobile app so that residents can pay "
           "local taxes and apply for business licences online."),
}
ROUTINE = {
    "es": " La entidad responsable elaborará informes de avance y los pondrá a disposición del foro multiactor.",
    "en": " The lead agency will prepare progress reports and make them available to the multi-stakeholder forum.",
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_routine_progress_reports_do_not_open_an_e_government_app(assess, lang):
    alone = assess(APP[lang], language=lang)
    both = assess(APP[lang] + ROUTINE[lang], language=lang)
    assert "e_government" in alone.flag_codes
    assert "e_government" in both.flag_codes
    assert both.value_codes == alone.value_codes
    assert not {"access_to_information", "public_accountability"} & set(both.value_codes)
    assert both.ambition == alone.ambition != "substantial"
    assert follow_up_ranges(APP[lang] + ROUTINE[lang])


@pytest.mark.parametrize("text,whole", [
    ("Capacitar a los servidores en el TUO de la Ley N.° 27806 durante el año.", "Ley N.° 27806"),
    ("Train staff on Law No. 12345 and its bylaws.", "Law No. 12345"),
])
def test_evidence_never_stops_mid_word(text, whole):
    start = text.index(whole)
    s, e = snap(text, start, start + len(whole.split()[0]) + 2)  # ends on the "N" of "N.°"/"No."
    assert text[s:e] == whole
    s, e = snap(text, start + 1, start + 3)
    assert text[s:e].startswith(whole.split()[0])


@pytest.mark.parametrize("lang,text,name", [
    ("es", "Capacitar a los funcionarios sobre la Ley de Transparencia y Acceso a la Información Pública "
           "con apoyo de la Autoridad Nacional de Transparencia y Acceso a la Información Pública.",
     "Ley de Transparencia y Acceso a la Información Pública"),
    ("en", "Train officials on the Freedom of Information Act with the support of the Information "
           "Commissioner Office.", "Freedom of Information Act"),
])
def test_names_of_laws_and_authorities_are_not_access_evidence(assess, lang, text, name):
    assert any(text[s:e] == name for s, e in name_ranges(text))
    a = assess(text, language=lang)
    access = next(v for v in a.values if v.code == "access_to_information")
    assert not access.evidence
    assert "access_to_information" not in a.value_codes


@pytest.mark.parametrize("lang,text,word", [
    ("es", "Consulta vecinal\nLa consulta a los vecinos inscritos será obligatoria.", "obligatoria"),
    ("en", "Resident consultation\nConsulting registered residents will be mandatory.", "mandatory"),
])
def test_mandatory_alone_is_neither_binding_nor_a_measurable_deliverable(judge, assess, lang, text, word):
    from ambicion.judge.features import extract

    a = assess(text, language=lang)
    assert a.ambition != "substantial"
    assert word not in " ".join(a.ambition_reasons).lower()
    doc = judge.nlp(lang)(text)
    f = extract(doc, lang, None)
    at = text.index(word)
    assert not any(h.start_char <= at < h.end_char for h in f.hits("binding", "institutionalise"))
    assert not any(s <= at < e for s, e in f.verif.measurable)
    assert "not_verifiable" in a.flag_codes


@pytest.mark.parametrize("lang,text,quote", [
    ("es", "Audiencias públicas obligatorias\nAprobar un decreto supremo que modifique el Reglamento de "
           "audiencias públicas para que cada municipalidad convoque audiencias públicas abiertas a la "
           "ciudadanía y responda por escrito a cada aporte.", "decreto supremo que modifique el Reglamento"),
    ("en", "Binding public hearings\nAdopt a decree that amends the regulation on public hearings so every "
           "municipality holds public hearings open to residents and answers each input in writing.",
     "decree that amends the regulation"),
])
def test_an_amending_decree_is_quoted_as_binding(assess, lang, text, quote):
    a = assess(text, language=lang)
    assert a.open_gov_lens
    assert a.ambition == "substantial"
    assert any(quote in r for r in a.ambition_reasons)


@pytest.mark.parametrize("lang,text", [
    ("es", "Guía de datos abiertos\nElaborar y difundir una guía para que las municipalidades publiquen sus "
           "presupuestos en datos abiertos."),
    ("en", "Open data guide\nWrite and share a guide so municipalities publish their budgets as open data."),
])
def test_no_pilot_advice_for_a_commitment_without_a_pilot(assess, lang, text):
    a = assess(text, language=lang)
    joined = " ".join(a.suggestions).lower()
    assert "piloto" not in joined and "pilot" not in joined


@pytest.mark.parametrize("lang,text", [
    ("es", "Cumplimiento de la ley de transparencia\nPublicar en el portal la información que exige la ley, "
           "conforme a lo dispuesto en la Ley N.° 27806, de obligatorio cumplimiento para todas las entidades."),
    ("en", "Complying with the access law\nPublish on the portal the information the law requires, in "
           "compliance with the Access to Information Act, which is binding on every agency."),
])
def test_no_make_binding_advice_for_a_commitment_restating_a_binding_law(assess, lang, text):
    a = assess(text, language=lang)
    joined = " ".join(a.suggestions).lower()
    assert "vinculante mediante" not in joined and "make it binding" not in joined


@pytest.mark.parametrize("text", [
    "Portal de datos\nObjetivo: publicar los contratos. ¿Por qué es relevante frente a los valores de OGP? "
    "Mejora la transparencia, la participación y la rendición de cuentas.",
    "Data portal\nObjective: publish contracts. This commitment is relevant to OGP values of transparency, "
    "participation and accountability.",
])
def test_value_claims_are_context_in_running_text(text):
    from ambicion.judge.sections import context_ranges

    ranges = context_ranges(text) + claim_ranges(text)
    claim = text.index("transparen")
    assert any(s <= claim < e for s, e in ranges)
    action = text.index("publi")
    assert not any(s <= action < e for s, e in ranges)


@pytest.mark.parametrize("problem,additional", [
    ("Hoy la ciudadanía no accede a los contratos.", "Ambición: transformará la transparencia y la rendición de cuentas."),
    ("Today citizens cannot see contracts.", "Ambition: it will transform transparency and accountability."),
])
def test_problem_and_ambition_claims_of_a_template_commitment_are_context(problem, additional):
    from ambicion.judge.api import as_item
    from ambicion.model import Commitment

    c = Commitment(id="c1", number="1", title="Contratos", problem=problem, what="Publicar los contratos.",
                   additional=additional)
    item = as_item(c)
    spans = [item.text[s:e] for s, e in item.context]
    assert problem in spans and additional in spans
    assert not any("Publicar" in s for s in spans)
