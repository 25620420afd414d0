"""The one segmenter over blocks: each signal that opens a commitment, in generated documents.

The documents are built as blocks (what every reader produces), so each signal is tested
apart from any file format; the Word and PDF fixtures elsewhere test the same signals end to
end.
"""

from __future__ import annotations

from ambicion.extract.blocks import drafts_from_blocks
from ambicion.read.blocks import Heading, ListItem, Paragraph, Style, TableBlock, TableCell


def _table(rows: list[list[str]]) -> TableBlock:
    cells = tuple(TableCell(text=t, row=r, col=c) for r, row in enumerate(rows) for c, t in enumerate(row))
    return TableBlock(cells=cells, rows=len(rows), cols=max(len(r) for r in rows))


def _fields(institution: str, what: str) -> TableBlock:
    return _table([["Entidad responsable", institution], ["Descripción del compromiso", what]])


def test_numbered_heading_above_each_table_opens_its_commitment():
    blocks = [Paragraph("Plan de acción de la provincia"),
              Heading("Compromiso 1: Registro de obras", level=2), _fields("Municipalidad", "Publicar obras."),
              Heading("Compromiso 2: Mesas vecinales", level=2), _fields("Gerencia", "Instalar mesas.")]
    drafts, layout = drafts_from_blocks(blocks)
    assert layout == "template"
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("1", "Registro de obras", ["Municipalidad"]), ("2", "Mesas vecinales", ["Gerencia"])]


def test_a_heading_wrapped_over_several_bold_lines_keeps_its_whole_title():
    bold = Style(bold=True)
    blocks = [Paragraph("Compromiso 3.", style=bold), Paragraph("Portal único de", style=bold),
              Paragraph("compras públicas", style=bold), _fields("OSCE", "Unificar portales.")]
    drafts, _ = drafts_from_blocks(blocks)
    assert [(d.number, d.title) for d in drafts] == [("3", "Portal único de compras públicas")]


def test_unnumbered_bold_titles_above_tables_open_commitments():
    bold = Style(bold=True)
    blocks = [Paragraph("Datos de obras", style=bold), _fields("Municipalidad", "Publicar obras."),
              Paragraph("Mesas vecinales", style=bold), _fields("Gerencia", "Instalar mesas.")]
    drafts, _ = drafts_from_blocks(blocks)
    assert [(d.number, d.title) for d in drafts] == [(None, "Datos de obras"), (None, "Mesas vecinales")]


def test_a_heading_repeated_over_a_continued_table_opens_nothing():
    blocks = [Heading("Compromiso 1: Registro de obras"), _fields("Municipalidad", "Publicar obras."),
              Heading("Compromiso 1 (continuación)"), _table([["Hitos", "Portal en línea (junio 2025)"]])]
    drafts, _ = drafts_from_blocks(blocks)
    assert len(drafts) == 1
    assert [m.text for m in drafts[0].milestones] == ["Portal en línea"]


def test_contents_entries_and_a_list_of_commitments_open_nothing():
    blocks = [Paragraph("Compromiso 1: Registro de obras ........ 4"),
              Paragraph("Compromiso 2: Mesas vecinales ........ 6"),
              Heading("Compromiso 1: Registro de obras"), _fields("Municipalidad", "Publicar obras."),
              Heading("Compromiso 2: Mesas vecinales"), _fields("Gerencia", "Instalar mesas.")]
    drafts, _ = drafts_from_blocks(blocks)
    assert [d.number for d in drafts] == ["1", "2"]


def test_a_title_row_inside_the_table_opens_the_commitment():
    blocks = [_table([["Compromiso N° 5: Agenda pública", ""], ["Entidad responsable", "Secretaría"]]),
              _table([["Compromiso N° 6: Beneficiarios", ""], ["Entidad responsable", "Midis"]])]
    drafts, _ = drafts_from_blocks(blocks)
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("5", "Agenda pública", ["Secretaría"]), ("6", "Beneficiarios", ["Midis"])]


def test_bold_numbered_lines_in_prose_open_commitments_but_a_plain_list_does_not():
    bold = Style(bold=True)
    blocks = [Paragraph("1. Registro de obras", style=bold), Paragraph("Publicar cada obra."),
              ListItem("Catálogo aprobado", numbering="1."), ListItem("Portal en línea", numbering="2."),
              Paragraph("2. Mesas vecinales", style=bold), Paragraph("Instalar mesas trimestrales.")]
    drafts, layout = drafts_from_blocks(blocks)
    assert layout == "prose"
    assert [(d.number, d.title) for d in drafts] == [("1", "Registro de obras"), ("2", "Mesas vecinales")]


def test_one_commitment_per_matrix_row():
    blocks = [_table([["N°", "Compromiso", "Entidad responsable"],
                      ["1", "Registro de obras", "Municipalidad"],
                      ["2", "Mesas vecinales", "Gerencia"]])]
    drafts, _ = drafts_from_blocks(blocks)
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("1", "Registro de obras", ["Municipalidad"]), ("2", "Mesas vecinales", ["Gerencia"])]


def test_free_text_is_one_commitment_only_when_allowed():
    blocks = [Paragraph("Crear un registro abierto de obras."), Paragraph("Lo publicará la municipalidad.")]
    assert drafts_from_blocks(blocks) == ([], "prose")
    drafts, _ = drafts_from_blocks(blocks, allow_single=True)
    assert len(drafts) == 1 and drafts[0].title == "Crear un registro abierto de obras."


def test_text_spans_say_where_each_commitment_starts_and_ends():
    from ambicion.read.segment import Para, text_spans

    paras = [Para("Introducción al plan", None, False),
             Para("COMPROMISO 1", None, True, size=14), Para("Registro de obras", None, False),
             Para("Publicar cada obra.", None, False),
             Para("Compromiso 2: Mesas", None, True, size=14), Para("vecinales", None, True, size=14),
             Para("Instalar mesas.", None, False),
             Para("Anexo. Glosario", None, True, size=14), Para("Términos usados.", None, False)]
    spans = text_spans(paras)
    assert [(s.signal, s.head, s.number, s.title, s.body) for s in spans] == [
        ("numbered_heading", 1, "1", "Registro de obras", (3,)),
        ("numbered_heading", 4, "2", "Mesas vecinales", (6,))]  # the annex ends the last body
    whole = [Para("Crear un registro.", None, False), Para("Lo hará la municipalidad.", None, False)]
    assert text_spans(whole) == []
    [span] = text_spans(whole, allow_single=True)
    assert (span.signal, span.head, span.body) == ("whole_text", None, (0, 1))


def test_a_bold_label_line_under_a_bold_heading_is_a_field_not_the_title_wrapping():
    # a "Label: value" paragraph set in bold right under a bold heading is the commitment's
    # first field; only a bold line that is no label continues the heading's title
    bold = Style(bold=True)
    blocks = [Heading("Compromiso 1: Portal de obras", level=2),
              Paragraph("Objetivo: Publicar cada obra.", style=bold), Paragraph("Texto del compromiso."),
              Heading("Compromiso 2: Registro", level=2),
              Paragraph("Objetivo: Publicar el registro.", style=bold), Paragraph("Otro texto.")]
    drafts, layout = drafts_from_blocks(blocks)
    assert layout == "prose"
    assert [(d.number, d.title) for d in drafts] == [("1", "Portal de obras"), ("2", "Registro")]
    assert drafts[0].fields["what"][0] == "Publicar cada obra."


def test_a_numbered_label_line_between_a_heading_and_its_table_is_read_like_a_colon_line():
    # "1. Entidad responsable: …" and "Entidad responsable: …" printed between a heading
    # and its table are the same field, whichever way the line is numbered
    def doc(line: str) -> list:
        return [Heading("Compromiso 1: Registro de obras", level=2), Paragraph(line),
                _table([["Objetivo", "Publicar obras."], ["Descripción del compromiso", "Un registro."]]),
                Heading("Compromiso 2: Mesas", level=2),
                _table([["Objetivo", "Instalar mesas."], ["Descripción del compromiso", "Mesas."]])]

    for line in ("Entidad responsable: Minsa", "1. Entidad responsable: Minsa"):
        drafts, _ = drafts_from_blocks(doc(line))
        assert [(d.number, d.institutions) for d in drafts] == [("1", ["Minsa"]), ("2", [])], line
