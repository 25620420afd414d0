"""The table walk and the text walk fill fields by the same rules (extract/fill.py).

Each case is written twice, as a Word label table (python-docx) and as running text, in
Spanish and in English: a "Label: value" cell, milestones listed between semicolons, a
commitment's name restated by a title label, and a second title once a commitment has a
body (the next commitment, whose heading was not printed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import docx
import pytest

import ambicion
from ambicion.read.label import Label, label_of

WORDS = {
    "es": {"heading": "Compromiso 1: Padrón abierto de obras", "name": "Nombre del compromiso",
           "entity": "Entidad responsable", "milestones": "Hitos",
           "first": "Oficina de Obras Públicas", "second": "Oficina de Compras",
           "other": "Compras visibles para todos",
           "m1": ("Publicar el padrón de obras", "marzo 2025"),
           "m2": ("Evaluar el uso del padrón", "diciembre 2025")},
    "en": {"heading": "Commitment 1: Open register of public works", "name": "Commitment title",
           "entity": "Lead implementing agency", "milestones": "Milestones",
           "first": "Public Works Office", "second": "Procurement Office",
           "other": "Procurement anyone can follow",
           "m1": ("Publish the register of works", "March 2025"),
           "m2": ("Review how the register is used", "December 2025")},
}


def _docx(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """One two-column label table; a row of one text leaves its second cell empty."""
    doc = docx.Document()
    doc.add_paragraph("Plan de acción" if "Compromiso" in rows[0][0] else "Action plan")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    doc.save(str(path))
    return path


def _milestone_list(w: dict) -> str:
    return "; ".join(f"{text} ({end})" for text, end in (w["m1"], w["m2"]))


def _milestones(c) -> list[tuple[str, str | None]]:
    return [(m.text, m.end) for m in c.milestones]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_label_and_its_value_in_one_table_cell(tmp_path, lang):
    """A one-word label before a colon in a cell ("Hitos: …") is a label there as it is in
    a line of text; it used to be read as the text of the field before it."""
    w = WORDS[lang]
    path = _docx(tmp_path / "cell.docx", [
        (w["heading"], ""),
        (w["entity"], w["first"]),
        (f"{w['milestones']}: {_milestone_list(w)}", ""),
    ])
    [by_table] = ambicion.read_draft(path)
    [by_text] = ambicion.read_draft(
        f"{w['heading']}\n\n{w['entity']}: {w['first']}\n\n{w['milestones']}: {_milestone_list(w)}\n")
    assert by_table.institutions == by_text.institutions == (w["first"],)
    assert _milestones(by_table) == _milestones(by_text) == [w["m1"], w["m2"]]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_milestones_between_semicolons_split_the_same_in_a_cell_and_a_line(tmp_path, lang):
    """One rule splits a milestones value: a value on one line lists its items between
    semicolons, in a table's value cell as after "Hitos:" in text (the cell used to give
    one milestone)."""
    w = WORDS[lang]
    path = _docx(tmp_path / "semicolons.docx", [
        (w["heading"], ""),
        (w["entity"], w["first"]),
        (w["milestones"], _milestone_list(w)),
    ])
    [by_table] = ambicion.read_draft(path)
    [by_text] = ambicion.read_draft(f"{w['heading']}\n\n{w['milestones']}: {_milestone_list(w)}\n")
    assert _milestones(by_table) == _milestones(by_text) == [w["m1"], w["m2"]]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_milestones_on_lines_of_a_cell_open_at_their_marks(tmp_path, lang):
    """Lines of one cell: a list mark or sub-number opens an item, an unmarked line goes
    on with the item before (a wrapped line), and no semicolon split applies."""
    w = WORDS[lang]
    (t1, e1), (t2, e2) = w["m1"], w["m2"]
    head, tail = t1.rsplit(" ", 1)
    cell = f"1.1 {head}\n{tail} ({e1})\n1.2 {t2}; {w['other']} ({e2})"
    path = _docx(tmp_path / "lines.docx", [(w["heading"], ""), (w["milestones"], cell)])
    [c] = ambicion.read_draft(path)
    assert _milestones(c) == [(t1, e1), (f"{t2}; {w['other']}", e2)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_restated_name_keeps_one_commitment_in_both_walks(tmp_path, lang):
    """A title label that names the commitment its heading opened (nothing else filled
    yet) is the same commitment, in a table (which used to open a second, empty one) and
    in running text."""
    w = WORDS[lang]
    title = w["heading"].split(": ", 1)[1]
    path = _docx(tmp_path / "restated.docx", [
        (w["heading"], ""), (w["name"], title), (w["entity"], w["first"])])
    by_table = ambicion.read_draft(path)
    by_text = ambicion.read_draft(
        f"{w['heading']}\n\n{w['name']}: {title}\n\n{w['entity']}: {w['first']}\n")
    for commitments in (by_table, by_text):
        assert [(c.number, c.title, c.institutions) for c in commitments] == [("1", title, (w["first"],))]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_second_title_after_a_body_opens_the_next_commitment_in_both_walks(tmp_path, lang):
    """A title label once the commitment has fields starts the next one, whose heading
    was not printed: the table walk did so, the text walk used to drop the title and
    merge both commitments' fields."""
    w = WORDS[lang]
    title = w["heading"].split(": ", 1)[1]
    path = _docx(tmp_path / "second.docx", [
        (w["heading"], ""), (w["entity"], w["first"]),
        (w["name"], w["other"]), (w["entity"], w["second"])])
    by_table = ambicion.read_draft(path)
    by_text = ambicion.read_draft(
        f"{w['heading']}\n\n{w['entity']}: {w['first']}\n\n"
        f"{w['name']}: {w['other']}\n\n{w['entity']}: {w['second']}\n")
    for commitments in (by_table, by_text):
        assert [(c.title, c.institutions) for c in commitments] == [
            (title, (w["first"],)), (w["other"], (w["second"],))]


def test_the_labeller_reads_a_label_cell_and_a_value_cell_differently():
    assert label_of("Hitos: Publicar el padrón; Evaluarlo", cell=True) == \
        Label("milestones", "Publicar el padrón; Evaluarlo", "colon")
    assert label_of("Entidad responsable: Oficina de Obras", cell=True) == \
        Label("institutions", "Oficina de Obras", "colon")
    # further along the row a cell is a label only as a whole: a value that opens with a
    # label word and a colon stays a value
    assert label_of("Hitos: ver el anexo", cell=True, first=False) is None
    assert label_of("Entidad responsable", cell=True, first=False) == Label("institutions", "", "cell")


MIXED = {
    "es": {"intro": "Este plan reúne los compromisos acordados con la sociedad civil.",
           "heading": "Compromiso {n}: {title}", "entity": "Entidad responsable",
           "description": "Descripción del compromiso", "milestones": "Hitos",
           "items": [("Padrón abierto de obras", "Oficina de Obras Públicas", "Publicar cada obra."),
                     ("Mesas vecinales del presupuesto", "Gerencia de Participación", "Instalar mesas trimestrales."),
                     ("Agenda pública de autoridades", "Secretaría General", "Publicar las reuniones.")],
           "milestone": ("Reglamento de las mesas publicado", "abril 2025")},
    "en": {"intro": "This plan brings together the commitments agreed with civil society.",
           "heading": "Commitment {n}: {title}", "entity": "Lead implementing agency",
           "description": "Commitment description", "milestones": "Milestones",
           "items": [("Open register of public works", "Public Works Office", "Publish every work."),
                     ("Neighbourhood budget tables", "Participation Office", "Hold quarterly tables."),
                     ("Public diary of officials", "General Secretariat", "Publish the meetings.")],
           "milestone": ("Rules of the tables published", "April 2025")},
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_document_mixing_label_tables_and_running_text_yields_every_commitment(tmp_path, lang):
    """Commitments 1 and 3 as label tables (one with its heading in the table, one with its
    heading printed above it), commitment 2 as running text with a numbered heading and
    "Label: value" paragraphs: one pass in reading order reads all three (the text one
    used to be lost, the document being read as tables only)."""
    w = MIXED[lang]
    (t1, e1, d1), (t2, e2, d2), (t3, e3, d3) = w["items"]
    doc = docx.Document()
    doc.add_paragraph(w["intro"])

    def table(rows):
        tb = doc.add_table(rows=0, cols=2)
        tb.style = "Table Grid"
        for row in rows:
            cells = tb.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text

    table([(w["heading"].format(n=1, title=t1), ""), (w["entity"], e1), (w["description"], d1)])
    doc.add_paragraph(w["heading"].format(n=2, title=t2)).runs[0].bold = True
    doc.add_paragraph(f"{w['entity']}: {e2}")
    doc.add_paragraph(f"{w['description']}: {d2}")
    doc.add_paragraph(f"{w['milestones']}:")
    doc.add_paragraph(f"- {w['milestone'][0]} ({w['milestone'][1]})")
    doc.add_paragraph(w["heading"].format(n=3, title=t3)).runs[0].bold = True
    table([(w["entity"], e3), (w["description"], d3)])
    path = tmp_path / "mixed.docx"
    doc.save(str(path))

    commitments = ambicion.read_draft(path)
    assert [(c.number, c.title, c.institutions, c.description) for c in commitments] == [
        ("1", t1, (e1,), d1), ("2", t2, (e2,), d2), ("3", t3, (e3,), d3)]
    assert _milestones(commitments[1]) == [w["milestone"]]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_two_commitments_printed_with_the_same_number_stay_two(tmp_path, lang):
    """A restated number keeps the commitment only before it has a body: two tables that
    both say "Compromiso 1" (a plan numbering per theme, or a typo) are two commitments."""
    w = WORDS[lang]
    path = _docx(tmp_path / "same.docx", [
        (w["heading"], ""), (w["entity"], w["first"]),
        (w["heading"].split(":")[0] + ": " + w["other"], ""), (w["entity"], w["second"])])
    commitments = ambicion.read_draft(path)
    assert [(c.number, c.institutions) for c in commitments] == [
        ("1", (w["first"],)), ("1", (w["second"],))]
