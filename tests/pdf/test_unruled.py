"""Tables without rules found from aligned spans, and pages set in two text columns left alone."""

from __future__ import annotations

from ambicion.pdf.footnotes import separate_footnotes
from ambicion.pdf.layout import Line, Page, Span
from ambicion.pdf.unruled import Columns, find_unruled_tables


def _line(top: float, *parts: tuple[float, float, str], size: float = 11.0) -> Line:
    spans = tuple(Span(text, x0, x1) for x0, x1, text in parts) if len(parts) > 1 else ()
    text = " ".join(p[2] for p in parts)
    return Line(text, parts[0][0], top, parts[-1][1], top + 11, size=size, spans=spans)


def _page(lines, number=1) -> Page:
    return Page(number=number, width=595, height=842, lines=tuple(lines), tables=())


LABEL_VALUE = [
    _line(100, (57, 150, "Entidad responsable"), (187, 400, "Ministerio de Cultura")),
    _line(125, (57, 110, "Período de"), (187, 320, "enero – junio de 2026")),
    _line(140, (57, 130, "implementación")),
    _line(165, (57, 112, "Descripción"), (187, 520, "Crear un archivo abierto de")),
    _line(180, (187, 515, "concesiones culturales con datos")),
    _line(195, (187, 300, "reutilizables.")),
]


def test_label_value_lines_become_a_table_with_wrapped_labels():
    page, columns = find_unruled_tables(_page(LABEL_VALUE))
    assert page.lines == ()
    [table] = page.tables
    assert table.texts() == [["Entidad responsable", "Ministerio de Cultura"],
                             ["Período de\nimplementación", "enero – junio de 2026"],
                             ["Descripción", "Crear un archivo abierto de\nconcesiones culturales con datos\nreutilizables."]]
    assert columns is not None and abs(columns.value - 187) < 1


def test_value_lines_opening_the_next_page_continue_the_table():
    carried = Columns(left=57, value=187)
    page, _ = find_unruled_tables(_page([_line(62, (187, 480, "que siguen en la página siguiente")),
                                         _line(77, (187, 400, "hasta aquí."))], number=2), carried)
    [table] = page.tables
    assert table.texts() == [["", "que siguen en la página siguiente\nhasta aquí."]]


def test_two_text_columns_are_not_a_table():
    lines = [_line(100 + 15 * k, (57, 290, f"texto corrido de la columna izquierda {k}"),
                   (305, 540, f"texto corrido de la columna derecha {k}")) for k in range(12)]
    page, columns = find_unruled_tables(_page(lines))
    assert page.tables == () and len(page.lines) == 12 and columns is None


def test_footnote_block_moves_out_of_the_lines():
    body = [_line(100 + 15 * k, (57, 520, "Texto del cuerpo del documento que ocupa la línea entera."))
            for k in range(10)]
    notes = [_line(760, (57, 400, "1 Ley de referencia, artículo 4."), size=8.0),
             _line(772, (57, 300, "2 Informe de la mesa, 2024."), size=8.0)]
    page = separate_footnotes(_page(body + notes))
    assert [ln.text for ln in page.footnotes] == [ln.text for ln in notes]
    assert len(page.lines) == 10


def test_small_print_without_a_mark_is_not_a_footnote():
    body = [_line(100 + 15 * k, (57, 520, "Texto del cuerpo del documento.")) for k in range(10)]
    caption = [_line(760, (57, 300, "Fuente: elaboración propia."), size=8.0)]
    page = separate_footnotes(_page(body + caption))
    assert page.footnotes == () and len(page.lines) == 11


def test_two_text_columns_read_left_column_then_right():
    from ambicion.pdf.columns import read_in_columns

    title = _line(60, (57, 300, "Título de la página"))
    lines = [_line(100 + 15 * k, (57, 290, f"izquierda {k} texto corrido que llena la columna"),
                   (305, 540, f"derecha {k} texto corrido que llena la columna")) for k in range(6)]
    page = read_in_columns(_page([title, *lines]))
    texts = [ln.text for ln in page.lines]
    assert texts[0] == "Título de la página"
    assert texts[1:7] == [f"izquierda {k} texto corrido que llena la columna" for k in range(6)]
    assert texts[7:] == [f"derecha {k} texto corrido que llena la columna" for k in range(6)]


def test_label_value_lines_are_not_columns():
    from ambicion.pdf.columns import read_in_columns

    page = _page(LABEL_VALUE)
    assert read_in_columns(page) is page
