"""Telling plans from IRM reviews by their first pages."""

from __future__ import annotations

import pytest

from ambicion.errors import InputError
from ambicion.extract.detect import guess_document_kind, kind_from_text


@pytest.mark.parametrize("name", ["apr_es", "apr_en", "results_es", "progress_es", "end_of_term_en"])
def test_generated_reviews_are_reviews(name, request):
    assert guess_document_kind(request.getfixturevalue(name).path) == "review"


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    pytest.importorskip("fpdf")
    from ambicion.testing.plans import PlanMeta, SampleCommitment, write_template_plan

    intro = ("Este plan responde a las recomendaciones del Mecanismo de Revisión Independiente (MRI) "
             "y a su Informe de avance anterior.",)
    path = tmp_path_factory.mktemp("plans") / "plan.pdf"
    write_template_plan(path, PlanMeta(intro=intro), [
        SampleCommitment(1, "Portal de datos abiertos", institution="Secretaría de Gobierno Digital",
                         problem="No se publican los datos.", what="Publicar datos abiertos.",
                         milestones=(("Publicar el catálogo", "enero 2024", "junio 2024"),)),
        SampleCommitment(2, "Consejos ciudadanos", institution="Ministerio de Salud",
                         problem="No hay participación.", what="Crear consejos."),
    ])
    return path


def test_plan_citing_the_irm_is_still_a_plan(plan_pdf):
    assert guess_document_kind(plan_pdf) == "plan"


def test_text_decisions():
    cover = "Mecanismo de Revisión Independiente\nRevisión del plan de acción: Perú 2023-2025\n"
    assert kind_from_text([cover + "El plan de acción tiene 13 compromisos."]) == "review"
    assert kind_from_text(["Independent Reporting Mechanism\nPeru Progress Report 2015-2016"]) == "review"
    plan = ("IV Plan de Acción de Gobierno Abierto 2023-2025\nEl MRI recomendó en su informe "
            "ampliar la participación.")
    assert kind_from_text([plan, "Nombre del compromiso\nDescripción del compromiso\nHitos"]) == "plan"
    assert kind_from_text([""]) == "plan"


def test_not_a_pdf(tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError, match="notes.pdf: not a PDF file"):
        guess_document_kind(bad)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        guess_document_kind(tmp_path / "absent.pdf")
    with pytest.raises(InputError, match="directory"):
        guess_document_kind(tmp_path)


def test_truncated_pdf(apr_es, tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(apr_es.path.read_bytes()[:300])
    with pytest.raises(InputError):
        guess_document_kind(cut)


@pytest.mark.parametrize("layout, language", [("template", "en"), ("prose", "es"), ("prose", "en")])
def test_sample_plans_are_plans(layout, language, tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.plans import write_prose_plan, write_template_plan
    from ambicion.testing.samples import COMMITMENTS_EN, COMMITMENTS_ES, META_EN, META_ES

    meta, items = (META_ES, COMMITMENTS_ES) if language == "es" else (META_EN, COMMITMENTS_EN)
    writer = write_template_plan if layout == "template" else write_prose_plan
    path = writer(tmp_path / "plan.pdf", meta, items[:3])
    assert guess_document_kind(path) == "plan"
