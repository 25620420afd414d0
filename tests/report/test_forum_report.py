"""The forum's written feedback in HTML, Markdown, XLSX and Word."""

from __future__ import annotations

import dataclasses
import io
import re

import docx
import openpyxl
import pytest

import ambicion
from ambicion.errors import OutputError
from ambicion.model import Evidence
from ambicion.report.cards import Proposal, build_cards
from ambicion.report.evidence import evidence_spans, segments
from ambicion.report.forum import render_feedback, write_feedback

HOSTILE_TITLE = '=HYPERLINK("x","y") <script>alert(1)</script>'  # as in conftest.py

PERCENT = re.compile(r"\d\s*%")


@pytest.fixture(scope="module")
def html_es(forum_proposals):
    return render_feedback(forum_proposals, "html").decode("utf-8")


@pytest.fixture(scope="module")
def md_es(forum_proposals):
    return render_feedback(forum_proposals, "md").decode("utf-8")


def _card(html: str, n: int) -> str:
    return html.split(f'<section class="card" id="p{n}">')[1].split("</section>")[0]


def test_html_is_spanish_with_overview_and_one_card_per_proposal(html_es):
    assert '<html lang="es">' in html_es
    assert "Respuesta del foro multiactor" in html_es
    assert html_es.count('<section class="card"') == 3
    overview = html_es.split("<section")[0]
    assert overview.count("<tr>") == 4  # heading + three proposals
    assert "Sustancial (confianza media)" in overview and "Gobierno electrónico sin apertura" in overview


def test_proposals_are_numbered_and_the_file_is_named_once(html_es, md_es):
    for page in (html_es, md_es):
        assert "borrador_foro_B#" not in page  # no internal ids
        assert page.count("borrador_foro_B.docx") == 1
        assert "drafts/" not in page  # the name, not the path
        assert "Propuesta 1. Registro de beneficiarios finales" in page


def test_no_model_probability_is_shown(forum_proposals, html_es, md_es):
    for page in (re.sub(r"<style>.*?</style>", "", html_es, flags=re.S), md_es):
        assert not PERCENT.search(page), PERCENT.search(page)
        assert "0.9" not in page and "probabilidad" not in page
    wb = openpyxl.load_workbook(io.BytesIO(render_feedback(forum_proposals, "xlsx")))
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(PERCENT.search(c) for c in cells if "%" in c and "HYPERLINK" not in c)
    document = docx.Document(io.BytesIO(render_feedback(forum_proposals, "docx")))
    assert not PERCENT.search("\n".join(p.text for p in document.paragraphs))


def test_spanish_agreement(html_es, md_es):
    first = _card(html_es, 1)
    assert "<dt>Alertas</dt><dd>ninguna</dd>" in first
    assert "<dd>2 hitos</dd>" in first
    assert "<dd>1 hito</dd>" in _card(html_es, 3)
    assert "<dt>Valores de OGP</dt><dd>ninguno</dd>" in _card(html_es, 2)
    assert "3 propuestas" in md_es
    assert "**Archivo: borrador\\_foro\\_B.docx**" not in md_es  # no needless escapes
    assert "**Archivo: borrador_foro_B.docx**" in md_es


def test_confidence_words_follow_the_documented_thresholds():
    from ambicion.report.wording import confidence, confidence_thresholds

    high, medium = confidence_thresholds()
    assert (confidence(high), confidence(medium), confidence(medium - 0.01)) == ("high", "medium", "low")
    assert confidence(None) is None


def test_html_escapes_user_text(html_es):
    assert "<script>" not in html_es and "alert(1)</script>" not in html_es
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_es
    assert "<b>segura</b>" not in html_es and "&lt;b&gt;segura&lt;/b&gt;" in html_es


def test_html_loads_nothing_from_the_network(html_es):
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html_es, re.I)
    assert "<script" not in html_es.lower()
    assert "@import" not in html_es and "url(" not in html_es


def test_fields_and_milestones_with_dates_in_the_card(html_es):
    card = _card(html_es, 1)
    assert card.index("¿Cuál es el compromiso?") < card.index('<p class="field">Hitos')
    assert "Enero 2024 – Junio 2024" in card and "Julio 2024 – Diciembre 2024" in card
    assert "Ministerio de Justicia" in card


def test_evidence_is_highlighted_in_the_commitment_text(html_es):
    card = _card(html_es, 1)
    marked = re.findall(r'<mark class="([^"]+)" title="([^"]*)">([^<]*)</mark>', card)
    texts = {t for _, _, t in marked}
    assert "registro público" in texts and "publicar" in texts
    assert ("value", "Acceso a la información", "publicar") in marked
    assert not re.search(r'(<mark class="[^"]+" title="[^"]*">)[^<]*</mark>\1', card)  # merged
    card3 = _card(html_es, 3)
    assert re.search(r'<mark class="flag" title="Reitera funciones existentes">Continuar</mark>', card3)


def _with_evidence(a, *spans):
    """`a` with its first present value's evidence replaced by `spans` (start, end)."""
    values = list(a.values)
    k = next(i for i, v in enumerate(values) if v.present)
    values[k] = dataclasses.replace(values[k], evidence=tuple(
        Evidence(s, e, a.text[s:e], "test") for s, e in spans))
    return dataclasses.replace(a, values=tuple(values))


def test_highlights_fall_on_word_boundaries(forum_assessments):
    a = forum_assessments[0]
    at = a.text.index("registro público")
    partial = _with_evidence(a, (at + 2, at + 12))  # "gistro púb"
    spans = evidence_spans(partial)
    assert [partial.text[s.start:s.end] for s in spans] == ["registro público"]


def test_overlapping_highlights_render_as_one_unbroken_stretch(forum_assessments, forum_commitments):
    a = forum_assessments[0]
    at = a.text.index("registro público de beneficiarios")
    overlapping = _with_evidence(a, (at, at + len("registro público")),
                                 (at + len("registro "), at + len("registro público de beneficiarios")))
    pieces = segments(overlapping.text, evidence_spans(overlapping))
    assert "".join(p for p, _ in pieces) == overlapping.text
    md = render_feedback([Proposal(overlapping, forum_commitments[0])], "md").decode()
    assert "**registro público de beneficiarios**" in md and "****" not in md
    html = render_feedback([Proposal(overlapping, forum_commitments[0])], "html").decode()
    card = _card(html, 1)
    # consecutive marks touch (no text or space between them) and cover the whole phrase
    joined = re.sub(r"</mark><mark[^>]*>", "", card)
    assert re.search(r"<mark[^>]*>registro público de beneficiarios</mark>", joined)
    assert "mark { padding: 0;" in html


def test_restated_function_is_printed_once(forum_proposals):
    p = forum_proposals[2]
    a = p.assessment
    flags = tuple(dataclasses.replace(f, matched_function="Capacitar al personal de la entidad",
                                      similarity=0.7,
                                      evidence=f.evidence + (Evidence(0, 9, a.text[0:9], "function_similarity"),))
                  if f.code == "restates_functions" else f for f in a.flags)
    one = dataclasses.replace(p, assessment=dataclasses.replace(a, flags=flags))
    assert render_feedback([one], "html").decode().count("Capacitar al personal de la entidad") == 1
    reasons = ("Coincide con una obligación o función ya vigente: «Capacitar al personal de la entidad».",)
    both = dataclasses.replace(one, assessment=dataclasses.replace(one.assessment, ambition_reasons=reasons))
    for fmt in ("html", "md"):
        assert render_feedback([both], fmt).decode().count("Capacitar al personal de la entidad") == 1


def test_fields_follow_the_drafts_order(forum_commitments, forum_assessments):
    c = dataclasses.replace(forum_commitments[0], problem="Nadie sabe quién controla las empresas.",
                            provenance=ambicion.Provenance("x.pdf", 1, 1, {"what": 1, "problem": 1}))
    from ambicion.testing.studies import keyword_judge

    a = keyword_judge([c])[0]
    card = build_cards([Proposal(a, c)], "es")[0]
    assert [f.label for f in card.fields] == ["¿Cuál es el compromiso?", "Problema que aborda", "Hitos"]
    plain = build_cards([Proposal(a, dataclasses.replace(c, provenance=None))], "es")[0]
    assert [f.label for f in plain.fields] == ["Problema que aborda", "¿Cuál es el compromiso?", "Hitos"]
    assert forum_assessments  # the shared fixture stays untouched


def test_english_feedback(forum_proposals):
    page = render_feedback(forum_proposals, "html", lang="en").decode()
    assert '<html lang="en">' in page and "Suggestions to raise ambition" in page
    assert "Plain e-government" in page and "Substantial (medium confidence)" in page
    assert "2 milestones" in page and "1 milestone" in page and "Warnings</dt><dd>none" in page


def test_markdown_reads_as_plain_text_and_stays_safe(md_es):
    assert md_es.startswith("# Respuesta del foro multiactor")
    assert not re.search(r"(?<!\\)<", md_es) and "\\<script>" in md_es  # no raw HTML
    assert "**registro público**" in md_es
    assert "1\\." not in md_es and "\\#" not in md_es and "\\_" not in md_es
    table_rows = [line for line in md_es.splitlines() if line.startswith("| ")]
    assert len(table_rows) == 4 and all(r.count(" | ") == 4 for r in table_rows)


@pytest.mark.parametrize("text, expected", [
    ("borrador_foro_B#1", "borrador_foro_B#1"),
    ("Compromiso 1. Datos abiertos", "Compromiso 1. Datos abiertos"),
    ("1. Publicar", "1\\. Publicar"),
    ("# título", "\\# título"),
    ("- viñeta", "\\- viñeta"),
    ("a *b* c", "a \\*b\\* c"),
    ("_énfasis_", "\\_énfasis\\_"),
    ("<b>x</b>", "\\<b>x\\</b>"),
    ("[enlace](http://x)", "\\[enlace\\](http://x)"),
    ("AT&amp;T y R&D", "AT\\&amp;T y R&D"),
    ("~~tachado~~ ~ok", "\\~\\~tachado\\~\\~ ~ok"),
    ("`code`", "\\`code\\`"),
])
def test_markdown_escapes_only_where_markdown_would_act(text, expected):
    from ambicion.report.forum_md import md_escape

    assert md_escape(text) == expected


def test_xlsx_is_a_register_for_the_forum(forum_proposals, tmp_path):
    target = write_feedback(forum_proposals, tmp_path / "respuesta.xlsx")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Propuestas", "Evidencia"]
    ws = wb["Propuestas"]
    header = [c.value for c in ws[1]]
    assert header[0] == "N°" and header[-2:] == ["Decisión del foro", "Respuesta al participante"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}4"
    assert ws.max_row == 4  # one row per proposal
    assert [ws.cell(r, 1).value for r in range(2, 5)] == [1, 2, 3]
    text_col = header.index("Texto del compromiso") + 1
    assert ws.cell(2, text_col).alignment.wrap_text
    assert ws.column_dimensions[ws.cell(1, text_col).column_letter].width >= 60
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"Adoptada,Adoptada parcialmente,No adoptada"'
    decision_letter = ws.cell(1, header.index("Decisión del foro") + 1).column_letter
    assert str(dv.sqref).startswith(f"{decision_letter}2:{decision_letter}")
    assert ws.cell(2, header.index("Potencial de resultados") + 1).value == "Sustancial"
    assert ws.cell(2, header.index("Confianza") + 1).value == "confianza media"
    assert ws.cell(2, header.index("Hitos") + 1).value == 2
    evidence = [[c.value for c in row] for row in wb["Evidencia"].iter_rows(min_row=2)]
    assert [1, "Registro de beneficiarios finales", "Acceso a la información", "publicar"] in evidence


def test_xlsx_keeps_recorded_decisions_and_answers(forum_proposals):
    decided = [dataclasses.replace(forum_proposals[0], decision="partly_adopted",
                                   answer="Se incorpora el registro; el decreto queda para 2025."),
               *forum_proposals[1:]]
    wb = openpyxl.load_workbook(io.BytesIO(render_feedback(decided, "xlsx")))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Decisión del foro") + 1).value == "Adoptada parcialmente"
    assert ws.cell(2, header.index("Respuesta al participante") + 1).value.startswith("Se incorpora")
    assert ws.cell(3, header.index("Decisión del foro") + 1).value is None
    html = render_feedback(decided, "html").decode()
    assert "Adoptada parcialmente" in _card(html, 1) and "Pendiente" in html.split("<section")[0]


def test_xlsx_neutralises_formulas(forum_proposals):
    wb = openpyxl.load_workbook(io.BytesIO(render_feedback(forum_proposals, "xlsx")))
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + HOSTILE_TITLE in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)


def test_word_document_has_the_cards(forum_proposals):
    document = docx.Document(io.BytesIO(render_feedback(forum_proposals, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Propuesta 2. " + HOSTILE_TITLE in text  # kept as text: Word does not run it
    assert text.count("borrador_foro_B.docx") == 1
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color]
    assert "registro público" in highlighted
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 4


def test_bare_assessments_are_accepted(forum_assessments):
    page = ambicion.render_feedback(forum_assessments, "html").decode()
    assert page.count('<section class="card"') == 3 and "Archivo" not in page


def test_refuses_to_overwrite_an_input_and_unknown_formats(forum_proposals, tmp_path):
    source = tmp_path / "draft.md"
    source.write_text("original")
    with pytest.raises(OutputError):
        write_feedback(forum_proposals, source, "md", inputs=[source])
    assert source.read_text() == "original"
    with pytest.raises(OutputError):
        write_feedback(forum_proposals, tmp_path / "x.pdf")
    with pytest.raises(ValueError):
        render_feedback(forum_proposals, "pdf")  # type: ignore[arg-type]
    assert not (tmp_path / "x.pdf").exists()


def test_empty_input_still_writes_a_valid_document(tmp_path):
    write_feedback([], tmp_path / "empty.html")
    assert "</html>" in (tmp_path / "empty.html").read_text("utf-8")
    write_feedback([], tmp_path / "empty.xlsx")
    assert openpyxl.load_workbook(tmp_path / "empty.xlsx").sheetnames == ["Propuestas", "Evidencia"]
    write_feedback([], tmp_path / "empty.docx")
    assert docx.Document(str(tmp_path / "empty.docx")).paragraphs


def _word_draft_in_its_own_order(path) -> None:
    """A Word draft whose fields come Descripción, Problema, Entidad responsable (not the
    template's order, which puts the problem first)."""
    d = docx.Document()
    d.add_paragraph("Compromiso 1: Contratos de obras en datos abiertos")
    d.add_paragraph("Descripción: La entidad publicará cada mes los contratos de obra en datos abiertos.")
    d.add_paragraph("Problema: Los vecinos no pueden seguir el gasto en obras de su distrito.")
    d.add_paragraph("Entidad responsable: Ministerio de Obras")
    d.save(path)


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_a_drafts_own_field_order_reaches_every_format(tmp_path, suffix):
    from ambicion.testing.studies import keyword_judge

    path = tmp_path / f"borrador{suffix}"
    if suffix == ".docx":
        _word_draft_in_its_own_order(path)
    else:
        path.write_text("Compromiso 1: Contratos de obras en datos abiertos\n"
                        "Descripción: La entidad publicará cada mes los contratos de obra en datos abiertos.\n"
                        "Problema: Los vecinos no pueden seguir el gasto en obras de su distrito.\n"
                        "Entidad responsable: Ministerio de Obras\n", "utf-8")
    [c] = ambicion.read_draft(path)
    assert c.provenance.field_order.index("description") < c.provenance.field_order.index("problem")
    proposals = [Proposal(keyword_judge([c])[0], c, str(path))]
    first, second = "Descripción", "Problema que aborda"

    def in_order(text: str) -> bool:
        return first in text and second in text and text.index(first) < text.index(second)

    html = render_feedback(proposals, "html").decode()
    assert in_order(_card(html, 1))
    assert in_order(render_feedback(proposals, "md").decode())
    ws = openpyxl.load_workbook(io.BytesIO(render_feedback(proposals, "xlsx"))).active
    header = [cell.value for cell in ws[1]]
    cell = ws.cell(2, header.index("Texto del compromiso") + 1).value
    assert in_order(cell) and cell.startswith("Descripción: La entidad publicará")
    document = docx.Document(io.BytesIO(render_feedback(proposals, "docx")))
    assert in_order("\n".join(p.text for p in document.paragraphs))
    # a PDF's fields keep coming in reading order from field_pages: nothing else changes
    assert "field_order" not in ambicion.Provenance("x.pdf", 1, 1, {"what": 1}).to_dict()


def test_first_version_names_still_work_but_say_they_are_deprecated(forum_proposals, tmp_path):
    from ambicion.report import forum

    with pytest.warns(DeprecationWarning, match="render_feedback"):
        assert forum.forum_html(forum_proposals) == render_feedback(forum_proposals, "html").decode()
    with pytest.warns(DeprecationWarning, match="render_feedback"):
        assert forum.forum_markdown(forum_proposals) == render_feedback(forum_proposals, "md").decode()
    with pytest.warns(DeprecationWarning, match="write_feedback"):
        forum.write_forum_report(forum_proposals, tmp_path / "r.md", "md")
    assert (tmp_path / "r.md").read_bytes() == render_feedback(forum_proposals, "md")


def test_once_the_forum_decides_every_card_says_its_status(forum_proposals):
    decided = [dataclasses.replace(forum_proposals[0], decision="adopted"), *forum_proposals[1:]]
    html = render_feedback(decided, "html").decode()
    assert "<strong>Decisión del foro:</strong> Adoptada" in _card(html, 1)
    assert "<strong>Decisión del foro:</strong> Pendiente" in _card(html, 2)
    md = render_feedback(decided, "md").decode()
    second = md.split("## Propuesta 2.", 1)[1].split("## Propuesta 3.", 1)[0]
    assert "- **Decisión del foro:** Pendiente" in second
    screening_only = render_feedback(forum_proposals, "html").decode()
    assert "Decisión del foro" not in screening_only  # before any decision: a screening, not answers
    assert "Decisión del foro" not in render_feedback(forum_proposals, "md").decode()

    def word_text(proposals) -> str:
        document = docx.Document(io.BytesIO(render_feedback(proposals, "docx")))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    assert "Decisión del foro" not in word_text(forum_proposals)  # the letter agrees with the page
    assert "Pendiente" not in word_text(forum_proposals)
    letter = word_text(decided)
    assert "Decisión del foro: Adoptada" in letter and "Decisión del foro: Pendiente" in letter
