"""Forum drafts: Word (tables and prose), text, Markdown, PDF and raw strings."""

from __future__ import annotations

from pathlib import Path

import pytest

import ambicion
from ambicion import InputError, NoCommitmentsError
from ambicion.testing import write_draft_docx
from ambicion.testing.samples import COMMITMENTS_ES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_text_draft_with_headings_and_sub_labels():
    drafts = ambicion.read_draft(EXAMPLES / "borrador.txt")
    assert [c.id for c in drafts] == ["borrador#1", "borrador#2"]
    first, second = drafts
    assert first.title == "Mesas de diálogo con respuesta obligatoria sobre la calidad del agua"
    assert first.institutions == ("Superintendencia Nacional de Servicios de Saneamiento (SUNASS)",)
    assert first.problem.startswith("Las comunidades no reciben información")
    assert first.what.startswith("Publicar mensualmente")
    assert [(m.text, m.start, m.end) for m in first.milestones] == [
        ("Publicación del primer reporte de monitoreo", "marzo 2024", "abril 2024"),
        ("Primera mesa de diálogo con actas públicas", "mayo 2024", "junio 2024"),
    ]
    assert second.institutions == ("Ministerio de Vivienda, Construcción y Saneamiento",)
    assert second.description == ("Implementar una ventanilla digital para solicitar conexiones "
                                  "de agua y desagüe en línea.")


def test_word_draft_as_template_tables(tmp_path):
    path = write_draft_docx(tmp_path / "foro.docx", COMMITMENTS_ES[2:4], intro="Propuesta del foro.")
    drafts = ambicion.read_draft(path)
    assert [c.number for c in drafts] == ["3", "4"]
    assert [c.title for c in drafts] == [c.title for c in COMMITMENTS_ES[2:4]]
    assert drafts[0].institutions == (COMMITMENTS_ES[2].institution,)
    assert drafts[1].what == " ".join(COMMITMENTS_ES[3].what.replace("\f", " ").split())
    assert len(drafts[1].milestones) == 4 and drafts[1].milestones[0].start == "Enero 2024"
    assert drafts[0].provenance.source == str(path) and drafts[0].provenance.page_start is None


def test_word_draft_as_prose(tmp_path):
    path = write_draft_docx(tmp_path / "prosa.docx", COMMITMENTS_ES[:2], as_table=False)
    drafts = ambicion.read_draft(path)
    assert [(c.number, c.title) for c in drafts] == [("1", COMMITMENTS_ES[0].title),
                                                     ("2", COMMITMENTS_ES[1].title)]
    assert drafts[0].institutions == (COMMITMENTS_ES[0].institution,)
    assert [m.text for m in drafts[0].milestones] == [m[0] for m in COMMITMENTS_ES[0].milestones]


def test_markdown_draft(tmp_path):
    path = tmp_path / "borrador.md"
    path.write_text("# Propuestas\n\n## Compromiso 1: Datos de salud\n\n**Entidad responsable:** Minsa\n\n"
                    "Publicar datos abiertos de\nestablecimientos de salud.\n", encoding="utf-8")
    [c] = ambicion.read_draft(path)
    assert (c.number, c.title) == ("1", "Datos de salud")
    assert c.institutions == ("Minsa",)
    assert "Publicar datos abiertos de" in c.description


def test_raw_string_without_heading_is_one_commitment():
    [c] = ambicion.read_draft("Crear un registro público de visitas a funcionarios.\n"
                              "Se publicará cada semana en datos abiertos.")
    assert c.title == "Crear un registro público de visitas a funcionarios."
    assert c.description == "Se publicará cada semana en datos abiertos."
    assert c.id == "draft#1" and c.provenance is None and c.language == "es"


def test_single_line_string_that_is_not_a_path_is_text():
    [c] = ambicion.read_draft("The ministry will publish all contracts as open data")
    assert c.title == "The ministry will publish all contracts as open data"
    assert c.language == "en"


def test_language_override():
    [c] = ambicion.read_draft("Open data portal for the budget", language="es")
    assert c.language == "es"
    with pytest.raises(InputError):
        ambicion.read_draft("texto", language="fr")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_an_input_error(text):
    with pytest.raises(InputError, match=r"^<text>: empty"):
        ambicion.read_draft(text)


def test_empty_file_names_the_file(tmp_path):
    path = tmp_path / "vacio.txt"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        ambicion.read_draft(path)
    assert str(err.value) == f"{path}: empty draft: there is no text to read"


def test_pdf_draft_reuses_the_plan_reader(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing import write_prose_plan
    from ambicion.testing.samples import META_ES

    path = write_prose_plan(tmp_path / "borrador.pdf", META_ES, COMMITMENTS_ES[:2])
    drafts = ambicion.read_draft(path)
    assert [c.id for c in drafts] == ["borrador#1", "borrador#2"]
    assert drafts[1].provenance.page_start == 2


def test_draft_examples_docx_matches_txt():
    from_docx = ambicion.read_draft(EXAMPLES / "borrador.docx")
    from_txt = ambicion.read_draft(EXAMPLES / "borrador.txt")
    assert [c.title for c in from_docx] == [c.title for c in from_txt]
    assert [c.institutions for c in from_docx] == [c.institutions for c in from_txt]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="not a text file"):
        ambicion.read_draft(path)


def test_no_commitment_error_is_an_input_error():
    assert issubclass(NoCommitmentsError, InputError)


def test_a_missing_file_name_is_not_taken_as_text(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        ambicion.read_draft(str(tmp_path / "borrador_final.docx"))


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_read_plan_reads_a_plan_kept_in_word_or_text(tmp_path, kind):
    """Offices publish plans as Word files too: `read_plan` reads them as the drafts they are
    written like, instead of refusing them as "not a PDF"."""
    if kind == "docx":
        path = write_draft_docx(tmp_path / "plan.docx", COMMITMENTS_ES)
    else:
        path = EXAMPLES / "borrador.txt"
    plan = ambicion.read_plan(path)
    assert plan.layout == "draft" and plan.pages == 0
    assert [c.title for c in plan.commitments] == [c.title for c in ambicion.read_draft(path)]
    assert plan.commitments and all(c.text for c in plan.commitments)


def test_read_plan_still_refuses_what_is_no_plan(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text("id,text\n1,Publicar los contratos\n", "utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        ambicion.read_plan(table)
    with pytest.raises(FileNotFoundError):
        ambicion.read_plan(tmp_path / "nope.docx")
