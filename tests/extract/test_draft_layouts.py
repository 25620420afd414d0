"""Word drafts in the layouts forums write them: each difficulty in a generated .docx.

Commitment titles as Word headings, bold paragraphs or "Compromiso N° 1: …" lines ABOVE
each template table (read once as one commitment with all texts interleaved); a numbered
list of proposals (Word numbering, so the numbers are not in the text); one commitment in
free prose with no labels; merged cells, nested tables and text boxes.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from lxml import etree

import ambicion
from ambicion.read.blocks import Heading, ListItem, Paragraph, TableBlock
from ambicion.read.docx import read_docx

PROPOSALS = [
    ("Registro abierto de obras municipales", "Municipalidad Provincial del Norte",
     "Publicar cada obra con su presupuesto, avance y fotografías.",
     [("Catálogo de datos de obras aprobado", "03/2025", "06/2025"),
      ("Portal de obras en funcionamiento", "07/2025", "12/2025")]),
    ("Mesas vecinales de seguimiento del presupuesto", "Gerencia de Participación Vecinal",
     "Instalar mesas trimestrales donde los vecinos revisan la ejecución del gasto.",
     [("Reglamento de las mesas publicado", "02/2025", "04/2025"),
      ("Primera ronda de mesas con actas abiertas", "05/2025", "08/2025"),
      ("Informe anual de respuestas a las mesas", "09/2025", "12/2025")]),
    ("Agenda pública de reuniones de autoridades", "Secretaría General",
     "Publicar en línea las reuniones con gestores de intereses dentro de las 48 horas.",
     [("Formato de agenda aprobado", "01/2025", "03/2025")]),
]


def _field_table(doc, institution: str, description: str, milestones, *, milestones_nested=False):
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in (("Entidad responsable", institution), ("Descripción del compromiso", description)):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    if milestones_nested:
        cells = table.add_row().cells
        cells[0].text = "Hitos"
        inner = cells[1].add_table(rows=1, cols=3)
        for cell, text in zip(inner.rows[0].cells, ("Hito", "Fecha de inicio", "Fecha de término")):
            cell.text = text
        for row in milestones:
            c = inner.add_row().cells
            for cell, text in zip(c, row):
                cell.text = text
        return
    mt = doc.add_table(rows=1, cols=4)
    mt.style = "Table Grid"
    for cell, text in zip(mt.rows[0].cells, ("N°", "Actividad", "Fecha inicio", "Fecha fin")):
        cell.text = text
    for k, (text, start, end) in enumerate(milestones, start=1):
        c = mt.add_row().cells
        c[0].text, c[1].text, c[2].text, c[3].text = str(k), text, start, end


def _draft(tmp_path: Path, name: str, title_kind: str, **kw) -> Path:
    doc = docx.Document()
    doc.add_paragraph("Propuestas de la mesa de trabajo para el plan de acción.")
    for k, (title, inst, desc, ms) in enumerate(PROPOSALS, start=1):
        if title_kind == "heading":
            doc.add_heading(title, level=2)
        elif title_kind == "bold":
            doc.add_paragraph().add_run(title).bold = True
        elif title_kind == "numbered_line":
            doc.add_paragraph(f"Compromiso N° {k}: {title}")
        _field_table(doc, inst, desc, ms, **kw)
        doc.add_paragraph("")
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize("title_kind", ["heading", "bold", "numbered_line"])
def test_titles_above_template_tables_open_their_commitments(tmp_path, title_kind):
    drafts = ambicion.read_draft(_draft(tmp_path, title_kind, title_kind))
    assert [c.title for c in drafts] == [p[0] for p in PROPOSALS]
    assert [c.institutions for c in drafts] == [(p[1],) for p in PROPOSALS]
    assert [c.description for c in drafts] == [p[2] for p in PROPOSALS]
    assert [[(m.text, m.start, m.end) for m in c.milestones] for c in drafts] == [p[3] for p in PROPOSALS]
    expected_numbers = ["1", "2", "3"] if title_kind == "numbered_line" else [None, None, None]
    assert [c.number for c in drafts] == expected_numbers
    assert all(c.provenance.page_start is None for c in drafts)  # a Word file has no pages


def test_milestones_in_a_table_nested_in_the_hitos_cell(tmp_path):
    drafts = ambicion.read_draft(_draft(tmp_path, "nested", "heading", milestones_nested=True))
    assert [len(c.milestones) for c in drafts] == [len(p[3]) for p in PROPOSALS]
    assert drafts[1].milestones[2].end == "12/2025"


def _numbered_list(doc, texts):
    for text in texts:
        doc.add_paragraph(text, style="List Number")


def test_numbered_list_of_proposals_is_one_commitment_per_item(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("La mesa propone los siguientes compromisos:")
    _numbered_list(doc, [p[2] for p in PROPOSALS])
    path = tmp_path / "lista.docx"
    doc.save(str(path))
    drafts = ambicion.read_draft(path)
    assert [c.number for c in drafts] == ["1", "2", "3"]
    assert [c.title for c in drafts] == [p[2] for p in PROPOSALS]


def test_one_commitment_in_free_prose_without_labels(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Crear un observatorio ciudadano de compras públicas en salud.")
    doc.add_paragraph("El observatorio revisará cada trimestre las compras de medicamentos y "
                      "publicará sus hallazgos con datos abiertos.")
    path = tmp_path / "prosa_libre.docx"
    doc.save(str(path))
    [c] = ambicion.read_draft(path)
    assert c.title == "Crear un observatorio ciudadano de compras públicas en salud."
    assert "publicará sus hallazgos" in c.description


# ---------------------------------------------------------------- the block model


def _text_box_paragraph(doc, text: str) -> None:
    """A paragraph anchoring a text box (VML) that holds `text`."""
    p = doc.add_paragraph()
    run = p.add_run()
    vml = "urn:schemas-microsoft-com:vml"
    pict = OxmlElement("w:pict")
    shape = etree.SubElement(pict, f"{{{vml}}}shape")
    box = etree.SubElement(shape, f"{{{vml}}}textbox")
    content = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    inner.append(r)
    content.append(inner)
    box.append(content)
    run._r.append(pict)


def test_docx_blocks_keep_order_levels_numbering_spans_and_text_boxes(tmp_path):
    doc = docx.Document()
    doc.add_heading("Compromisos propuestos", level=1)
    doc.add_paragraph("Texto de presentación.")
    _numbered_list(doc, ["Primera propuesta", "Segunda propuesta"])
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Compromiso N° 1: Título combinado"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Hitos"
    table.cell(1, 1).text, table.cell(2, 1).text = "Hito uno", "Hito dos"
    _text_box_paragraph(doc, "Nota en un cuadro de texto")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Encabezado que se repite"
    path = tmp_path / "bloques.docx"
    doc.save(str(path))

    document = read_docx(path)
    assert [f.text for f in document.furniture] == ["Encabezado que se repite"]
    blocks = document.blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Heading", "Paragraph", "ListItem", "ListItem", "TableBlock", "Paragraph"]
    assert isinstance(blocks[0], Heading) and blocks[0].level == 1
    assert [b.numbering for b in blocks if isinstance(b, ListItem)] == ["1.", "2."]
    grid = blocks[4]
    assert isinstance(grid, TableBlock) and (grid.rows, grid.cols) == (3, 3)
    top = grid.grid()[0][0]
    assert top.col_span == 3 and grid.grid()[0][1] is None
    hitos = grid.grid()[1][0]
    assert hitos.text == "Hitos" and hitos.row_span == 2 and grid.grid()[2][0] is None
    assert isinstance(blocks[5], Paragraph) and blocks[5].text == "Nota en un cuadro de texto"
    assert all("Encabezado" not in getattr(b, "text", "") for b in blocks)


def test_bold_paragraph_titles_over_prose_open_commitments(tmp_path):
    doc = docx.Document()
    for title, inst, desc, _ms in PROPOSALS:
        doc.add_paragraph().add_run(title).bold = True
        doc.add_paragraph(f"Entidad responsable: {inst}")
        doc.add_paragraph(desc)
    path = tmp_path / "negritas.docx"
    doc.save(str(path))
    drafts = ambicion.read_draft(path)
    assert [c.title for c in drafts] == [p[0] for p in PROPOSALS]
    assert [c.institutions for c in drafts] == [(p[1],) for p in PROPOSALS]
    assert [c.description for c in drafts] == [p[2] for p in PROPOSALS]


def test_bold_titles_in_markdown_text():
    text = "".join(f"**{t}**\n\nEntidad responsable: {i}\n\n{d}\n\n" for t, i, d, _ in PROPOSALS)
    drafts = ambicion.read_draft(text)
    assert [(c.title, c.institutions) for c in drafts] == [(p[0], (p[1],)) for p in PROPOSALS]


def test_one_bold_title_over_its_text_is_one_commitment():
    [c] = ambicion.read_draft("**Registro de visitas**\n\nCrear un registro de visitas.\n\nSe publicará cada semana.")
    assert c.title == "Registro de visitas" and "Se publicará cada semana." in c.description


def test_sub_numbered_milestones_in_a_hitos_cell_are_one_milestone_each(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Compromiso N° 1: Obras abiertas")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in (("Entidad responsable", "Municipalidad Provincial del Norte"),
                         ("Hitos", "1.1 Catálogo aprobado (marzo de 2025)\n"
                                   "1.2 Portal abierto al público (julio de 2025)\n"
                                   "Hito 1.3: Informe publicado (enero de 2026)")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path = tmp_path / "subnumerados.docx"
    doc.save(str(path))
    [c] = ambicion.read_draft(path)
    assert [(m.text, m.end) for m in c.milestones] == [
        ("Catálogo aprobado", "marzo de 2025"), ("Portal abierto al público", "julio de 2025"),
        ("Informe publicado", "enero de 2026")]


def test_matrix_with_one_commitment_per_row(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Matriz de compromisos del foro.")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("N°", "Compromiso", "Entidad responsable", "Hitos", "Plazo")):
        cell.text = text
    theme = table.add_row().cells
    theme[0].merge(theme[4]).text = "Eje 1: Transparencia"  # a theme row across the table
    for k, (title, inst, _desc, ms) in enumerate(PROPOSALS, start=1):
        cells = table.add_row().cells
        values = (str(k), title, inst, "\n".join(f"• {m[0]} (diciembre de 2025)" for m in ms), "2025")
        for cell, text in zip(cells, values):
            cell.text = text
    path = tmp_path / "matriz.docx"
    doc.save(str(path))
    drafts = ambicion.read_draft(path)
    assert [(c.number, c.title, c.institutions) for c in drafts] == \
        [(str(k), p[0], (p[1],)) for k, p in enumerate(PROPOSALS, start=1)]
    assert [[(m.text, m.end) for m in c.milestones] for c in drafts] == \
        [[(m[0], "diciembre de 2025") for m in p[3]] for p in PROPOSALS]
    assert all(c.dates == "2025" for c in drafts)


def test_markdown_draft_with_the_template_as_pipe_tables():
    text = "Propuestas de la mesa.\n\n"
    for k, (title, inst, desc, ms) in enumerate(PROPOSALS, start=1):
        text += (f"## Compromiso {k}: {title}\n\n| Campo | Contenido |\n|---|---|\n"
                 f"| Entidad responsable | {inst} |\n| Descripción del compromiso | {desc} |\n\n")
    drafts = ambicion.read_draft(text)
    assert [(c.number, c.title, c.institutions, c.description) for c in drafts] == \
        [(str(k), p[0], (p[1],), p[2]) for k, p in enumerate(PROPOSALS, start=1)]


def test_a_contents_list_right_before_the_first_heading_does_not_hide_it(tmp_path):
    # a Word file has no pages to set the contents apart: the first section's heading comes
    # straight after the last contents entry
    doc = docx.Document()
    for k, (title, *_rest) in enumerate(PROPOSALS, start=1):
        doc.add_paragraph(f"Compromiso N° {k}: {title} ........ {k + 2}")
    for k, (title, inst, desc, ms) in enumerate(PROPOSALS, start=1):
        doc.add_heading(f"Compromiso N° {k}: {title}", level=2)
        _field_table(doc, inst, desc, ms)
    path = tmp_path / "con_indice.docx"
    doc.save(str(path))
    drafts = ambicion.read_draft(path)
    assert [(c.number, c.title, c.institutions) for c in drafts] == [
        (str(k), p[0], (p[1],)) for k, p in enumerate(PROPOSALS, start=1)]
