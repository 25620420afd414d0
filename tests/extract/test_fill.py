"""The one field filler: every reader hands its labelled values to the same place."""

from __future__ import annotations

from ambicion.extract.fields import Draft
from ambicion.extract.fill import Filler
from ambicion.extract.prose import segment
from ambicion.read.segment import Para


def test_contact_is_noted_never_copied() -> None:
    fill = Filler()
    fill.put("contact", "Ana Pérez, ana@example.org", 3)
    assert "contact" in fill.cur.order and fill.cur.field_pages["contact"] == 3
    assert "contact" not in fill.cur.fields


def test_milestones_in_one_value_split_at_bullets_and_sub_numbers() -> None:
    fill = Filler()
    fill.put("milestones", "1.1 Publicar el padrón\nen el portal (marzo 2025)\n- Evaluar el uso (diciembre 2025)", 2)
    texts = [m.text for m in fill.cur.milestones]
    assert texts == ["Publicar el padrón en el portal", "Evaluar el uso"]
    assert [m.end for m in fill.cur.milestones] == ["marzo 2025", "diciembre 2025"]


def test_a_number_row_completes_the_title_row_before_it() -> None:
    fill = Filler()
    fill.open(None, "Padrón abierto", 1)
    fill.open("4", "", 1)
    assert len(fill.drafts) == 1 and fill.cur.number == "4" and fill.cur.title == "Padrón abierto"


def test_table_and_text_paths_fill_the_same_field_the_same_way() -> None:
    by_table = Filler()
    by_table.put("institutions", "Ministerio de Obras; Oficina de Datos", 1)
    text_draft = Draft()
    Filler([text_draft]).put("institutions", "Ministerio de Obras; Oficina de Datos", 1)
    assert by_table.cur.institutions == text_draft.institutions == ["Ministerio de Obras", "Oficina de Datos"]


def test_running_text_milestones_count_the_page_they_are_printed_on() -> None:
    paras = [Para("Compromiso 1: Padrón abierto", 1, True),
             Para("Publicar el padrón de obras.", 1, False),
             Para("Hitos:", 1, True),
             Para("- Publicar el padrón (marzo 2025)", 2, False),
             Para("- Evaluar el uso (diciembre 2025)", 2, False)]
    [d] = segment(paras)
    assert [m.page for m in d.milestones] == [2, 2]
    assert max(d.pages) == 2  # the commitment's page range reaches its milestones


def test_a_title_after_fields_opens_the_next_commitment() -> None:
    fill = Filler()
    fill.open("1", "Padrón abierto", 1)
    fill.put("what", "Publicar el padrón.", 1)
    fill.title("Compras visibles", 2)
    assert [d.title for d in fill.drafts] == ["Padrón abierto", "Compras visibles"]
