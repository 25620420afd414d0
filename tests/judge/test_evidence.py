"""Evidence spans index Assessment.text and point at the words that justify the label."""

from __future__ import annotations

from ambicion.model import Commitment, Milestone

TEXT = ("Portal de contrataciones abiertas.\n"
        "El Organismo Supervisor publicará los contratos en formato de datos abiertos y "
        "responderá públicamente a los aportes ciudadanos.")


def _all_evidence(a):
    for v in a.values:
        yield from v.evidence
    for f in a.flags:
        yield from f.evidence


def test_every_span_matches_its_text(assess):
    a = assess(TEXT)
    spans = list(_all_evidence(a))
    assert spans
    for e in spans:
        assert a.text[e.start:e.end] == e.text
        assert e.rule


def test_offsets_point_at_the_decisive_words(assess):
    a = assess(TEXT)
    ai = next(v for v in a.values if v.code == "access_to_information")
    start = TEXT.index("datos abiertos")
    assert any(e.start <= start and e.end >= start + len("datos abiertos") for e in ai.evidence)
    pa = next(v for v in a.values if v.code == "public_accountability")
    start = TEXT.index("responderá públicamente")
    assert any(e.start == start and e.text.startswith("responderá públicamente") for e in pa.evidence)


def test_commitment_offsets_index_its_joined_text(assess):
    c = Commitment(id="X-7", number="7", title="Datos de salud",
                   what="El Ministerio de Salud publicará en datos abiertos las listas de espera.",
                   milestones=(Milestone("Publicar el primer conjunto de datos", start="enero 2025",
                                         end="junio 2025"),))
    a = assess(c)
    assert a.id == "X-7" and a.title == "Datos de salud"
    assert a.text == c.text
    for e in _all_evidence(a):
        assert c.text[e.start:e.end] == e.text


def test_negated_phrase_is_not_evidence(judge):
    nlp = judge.nlp("es")
    doc = nlp("Hoy la entidad no publica los contratos.")
    assert not [m for m in doc._.ambicion_matches if m.family == "disclosure"]
    doc = nlp("La entidad publicará los contratos.")
    assert [m for m in doc._.ambicion_matches if m.family == "disclosure"]


def test_offsets_hold_for_arbitrary_mixtures(judge):
    """Whatever surrounds the phrases (accents, line breaks, punctuation), spans stay exact."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    phrases = ["publicará los datos abiertos", "consulta pública", "responder por escrito",
               "firma digital", "conforme a lo dispuesto", "publish open data", "public consultation",
               "must respond in writing", "in line with its mandate", "¿Cuál es la problemática?"]
    filler = st.text(alphabet="abcdefghñáéíóú ÁÉ.,;:\n-()0123456789", max_size=40)

    @settings(max_examples=30, deadline=None)
    @given(st.lists(st.tuples(filler, st.sampled_from(phrases)), min_size=1, max_size=5), filler)
    def check(parts, tail):
        text = "".join(f + p for f, p in parts) + tail
        a = judge.assess_many([text])[0]
        assert a.text == text
        for e in _all_evidence(a):
            assert 0 <= e.start < e.end <= len(text)
            assert text[e.start:e.end] == e.text

    check()
