"""Current IRM reports (Action Plan Reviews, Results Reports) in Spanish: key–value annex blocks."""

from __future__ import annotations

import pytest
from conftest_reviews import check_expected, check_golden

import ambicion
from ambicion.errors import NoCommitmentsError
from ambicion.extract.review_current import match_field, parse_value, scale_prefix
from ambicion.extract.review_text import parse_numbers
from ambicion.labels import IMPACT_TO_AMBITION, irm_scale
from ambicion.model import Review


@pytest.fixture(scope="module")
def apr(apr_es):
    return ambicion.read_review(apr_es.path)


@pytest.fixture(scope="module")
def results(results_es):
    return ambicion.read_review(results_es.path)


def test_action_plan_review_matches_what_was_printed(apr, apr_es):
    check_expected(apr, apr_es.expected)


def test_action_plan_review_metadata(apr):
    assert apr.kind == "action_plan_review"
    assert apr.country == "Perú"
    assert apr.period == "2023-2025"
    assert apr.language == "es"
    assert "Revisión del plan de acción" in apr.title


def test_original_labels_are_kept_and_reasons_dropped(apr):
    first = apr.ratings[0]
    # printed as "Potencial de resultados: Sustancial. El compromiso obliga a publicar ..."
    assert first.potential_results.original == "Sustancial"
    assert first.potential_results.normalized == "substantial"
    assert apr.ratings[1].potential_results.original == "Poco claro"


def test_cluster_block_covers_each_commitment(apr):
    """A cluster rated once gives each clustered commitment its own row, sharing the rating."""
    cluster = [r for r in apr.ratings if r.cluster]
    assert [r.number for r in cluster] == ["4", "5"]
    assert all(r.cluster == ("4", "5") for r in cluster)
    assert {r.title for r in cluster} == {"Registro de beneficiarios finales"}
    assert cluster[0].potential_results == cluster[1].potential_results


def test_title_wrapped_over_two_lines_is_joined(apr):
    third = next(r for r in apr.ratings if r.number == "3")
    assert third.title == "Mesas de diálogo con comunidades indígenas sobre industrias extractivas"


def test_provenance_pages_follow_a_block_across_a_page_break(apr):
    last = apr.ratings[-1]
    assert last.provenance.page_start == 2
    assert last.provenance.page_end == 3
    assert last.provenance.field_pages["verifiable"] == 2
    assert last.provenance.field_pages["potential_results"] == 3


def test_action_plan_review_golden(apr):
    check_golden(apr, "apr_es")


def test_results_report(results, results_es):
    assert results.kind == "results_report"
    assert results.period == "2020-2021"
    check_expected(results, results_es.expected)
    assert results.ratings[0].completion.original == "Sustancial"
    assert results.ratings[1].opened_government.original == "No cambió"


def test_results_report_golden(results):
    check_golden(results, "results_es")


def test_review_round_trips_through_dicts(apr):
    assert Review.from_dict(apr.to_dict()) == apr
    frame = apr.to_dataframe()
    assert list(frame["irm_ambition"]) == [r.ambition for r in apr.ratings]


@pytest.mark.parametrize("line, code, rest", [
    ("• Verificable: Sí", "verifiable", "Sí"),
    ("¿Es verificable? No", "verifiable", "No"),
    ("¿Tiene una perspectiva de gobierno abierto? Sí", "open_gov_lens", "Sí"),
    ("Potencial de resultados: Modesto. Crea un espacio", "potential_results", "Modesto. Crea un espacio"),
    ("Finalización: Completo", "completion", "Completo"),
    ("¿Se avanzó en la apertura del Gobierno? Marginalmente", "opened_government", "Marginalmente"),
    ("- Compromiso prometedor", "promising", ""),
])
def test_key_value_lines(line, code, rest):
    assert match_field(line) == (code, rest)


@pytest.mark.parametrize("line", [
    "Verificables son los hitos del compromiso",  # a word that only starts like a label
    "El potencial de resultados depende del presupuesto",
    "Compromiso 3: Título",
])
def test_prose_is_not_a_key_value_line(line):
    found = match_field(line)
    assert found is None or parse_value(*found) is None


def test_scale_normalisation_tables():
    assert irm_scale("potential_impact", "Transformador") == "transformative"
    assert IMPACT_TO_AMBITION[irm_scale("potential_impact", "Transformador")] == "substantial"
    assert IMPACT_TO_AMBITION[irm_scale("potential_impact", "Menor")] == "modest"
    assert IMPACT_TO_AMBITION[irm_scale("potential_impact", "Ninguno")] == "unclear"
    assert scale_prefix("potential_results", "Poco claro, porque…").normalized == "unclear"
    assert scale_prefix("completion", "No iniciado").normalized == "not_started"
    assert scale_prefix("potential_results", "Moderadamente") is None


@pytest.mark.parametrize("text, numbers", [
    ("3, 4 y 5", ("3", "4", "5")),
    ("3 al 5", ("3", "4", "5")),
    ("2 and 7", ("2", "7")),
    ("03", ("3",)),
    ("1.2 y 1.3", ("1.2", "1.3")),
])
def test_number_lists(text, numbers):
    assert parse_numbers(text) == numbers


def _write_lines(path, lines, table_rows=()):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    for line in lines:
        _para(pdf, line)
    if table_rows:
        pdf.set_font("DejaVu", "", 10)
        with pdf.table(col_widths=(90, 90), first_row_as_headings=False) as table:
            for row in table_rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
    pdf.output(str(path))
    return path


def test_value_on_next_line_and_cluster_sentence(tmp_path):
    pytest.importorskip("fpdf")
    path = _write_lines(tmp_path / "r.pdf", [
        "Mecanismo de Revisión Independiente",
        "Revisión del plan de acción: Chile 2022-2024",
        "Cluster: Integridad en las compras públicas",
        "Esta revisión agrupa los compromisos 2, 3 y 4.",
        "Verificable:",
        "Sí",
        "Potencial de resultados:",
        "Sustancial",
        "Compromiso prometedor",
    ])
    review = ambicion.read_review(path)
    assert review.country == "Chile"
    assert [r.number for r in review.ratings] == ["2", "3", "4"]
    for r in review.ratings:
        assert r.cluster == ("2", "3", "4")
        assert r.title == "Integridad en las compras públicas"
        assert (r.verifiable, r.potential_results.normalized, r.promising) == (True, "substantial", True)


def test_annex_typeset_as_a_two_column_table(tmp_path):
    pytest.importorskip("fpdf")
    path = _write_lines(tmp_path / "t.pdf", ["Revisión del plan de acción: Perú 2023-2025",
                                             "Compromiso 5: Gobierno abierto municipal"],
                        table_rows=[("Verificable", "Sí"),
                                    ("¿Tiene una perspectiva de gobierno abierto?", "No"),
                                    ("Potencial de resultados", "Poco claro")])
    (r,) = ambicion.read_review(path).ratings
    assert (r.number, r.verifiable, r.open_gov_lens, r.ambition) == ("5", True, False, "unclear")


def test_document_without_ratings_is_refused(tmp_path):
    pytest.importorskip("fpdf")
    path = _write_lines(tmp_path / "none.pdf", ["Informe de avance 2015-2016",
                                                "Compromiso 1: Un título sin evaluación",
                                                "Texto sin indicadores del MRI."])
    with pytest.raises(NoCommitmentsError, match="no IRM commitment assessments found") as err:
        ambicion.read_review(path)
    assert str(err.value).startswith(str(path))


def test_promising_read_from_the_promising_section_when_the_annex_is_silent(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.reviews import CURRENT_EN, write_action_plan_review

    expected = write_action_plan_review(tmp_path / "p.pdf", language="en", promising_line=False)
    review = ambicion.read_review(tmp_path / "p.pdf")
    assert [r.promising for r in review.ratings] == [e["promising"] for e in expected]
    assert [r.promising for r in review.ratings] == [i.promising for i in CURRENT_EN
                                                     for _ in (i.cluster or (i.number,))]
    assert any(r.promising for r in review.ratings) and not all(r.promising for r in review.ratings)


def test_bad_inputs_fail_with_one_line(tmp_path):
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    from ambicion.errors import InputError

    text = tmp_path / "review.pdf"
    text.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(InputError, match=r"review.pdf: not a .*PDF"):
        ambicion.read_review(text)
    scan = tmp_path / "scan.pdf"
    pdf = FPDF()
    pdf.add_page()
    from PIL import Image

    pdf.image(Image.new("L", (200, 280), 200), x=10, y=10, w=190)  # a scanned page: image, no text
    pdf.output(str(scan))
    with pytest.raises(InputError, match="OCR") as err:
        ambicion.read_review(scan)
    assert "\n" not in str(err.value)


def test_results_summary_table_with_values_in_cells(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.reviews import write_results_report

    expected = write_results_report(tmp_path / "table.pdf", layout="table")
    review = ambicion.read_review(tmp_path / "table.pdf")
    assert review.kind == "results_report"
    check_expected(review, expected)
    cluster = next(r for r in review.ratings if r.cluster)
    assert cluster.cluster == ("4", "5") and cluster.title == "Registro de beneficiarios finales"


@pytest.mark.parametrize("line, numbers, title, starred", [
    ("Compromiso 3: Portal de datos", ("3",), "Portal de datos", False),
    ("Compromiso N° 7 – Mesa de diálogo", ("7",), "Mesa de diálogo", False),
    ("✪ Commitment 2. Open data", ("2",), "Open data", True),
    ("Compromisos 3 al 5: Integridad", ("3", "4", "5"), "Integridad", False),
    ("Cluster 1: Fiscal openness (Commitments 2 and 6)", ("2", "6"), "Fiscal openness", False),
    ("Commitment 4: Beneficial ownership ★", ("4",), "Beneficial ownership", True),
])
def test_commitment_headings(line, numbers, title, starred):
    from ambicion.extract.review_current import _heading

    got = _heading(_line(line))
    assert got is not None
    assert (got[0], got[1], got[3]) == (numbers, title, starred)


@pytest.mark.parametrize("line", ["Compromiso prometedor: Sí", "Compromisos prometedores",
                                  "Compromiso 1 del plan anterior fue retirado", "Commitments"])
def test_not_headings(line):
    from ambicion.extract.review_current import _heading

    assert _heading(_line(line)) is None


def _line(text: str):
    """`text` as the one paragraph of a document, as the reader's line stream gives it (with
    the start the segmenter found on it, if any)."""
    from ambicion.extract.review_text import line_stream
    from ambicion.read.blocks import Document, Paragraph

    [line] = line_stream(Document(source="x", format="text", blocks=(Paragraph(text),)))
    return line


def test_bare_promising_line_before_the_next_heading(tmp_path):
    pytest.importorskip("fpdf")
    path = _write_lines(tmp_path / "b.pdf", [
        "Action Plan Review: Peru 2023-2025",
        "Commitment 1: Open data", "Verifiable: Yes", "Potential for results: Substantial",
        "Promising commitment",
        "Commitment 2: Trainings", "Verifiable: No", "Potential for results: Unclear",
    ])
    first, second = ambicion.read_review(path).ratings
    assert first.promising is True and second.promising is None
