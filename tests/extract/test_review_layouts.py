"""IRM review layouts that real reports use and the plain generators did not: turned header
cells, tick tables cut by a page break (inside a row, or inside the header row itself), theme
rows, section titles that wrap with the star on their last line, clusters whose members each
have a block, framed summary boxes, the short "did it open government" question, and reports
that never say which commitments are starred. Every PDF is drawn here (fpdf2)."""

from __future__ import annotations

import pytest
from conftest_reviews import check_expected, check_golden

import ambicion
from ambicion.testing.reviews import LEGACY_ES, CurrentItem, LegacyItem

pytest.importorskip("fpdf")

LONG_TITLE = ("Consejos regionales de participación ciudadana en salud con presupuesto propio y "
              "seguimiento público de sus acuerdos")

TABLE_ITEMS = (
    *LEGACY_ES[:2],
    LegacyItem("3", LONG_TITLE, "low", ("civic_participation",), "minor", "limited", mark="check"),
    *LEGACY_ES[3:],
)

SECTION_ITEMS = (
    LegacyItem("1", "Ley marco de acceso a la información pública con un órgano garante autónomo y "
                    "sanciones por incumplimiento", "high", ("public_accountability",),
               "transformative", "complete", starred=True),
    LegacyItem("2", "Protocolo de diálogo con pueblos originarios", "low", ("civic_participation",),
               "none", "limited"),
    LegacyItem("3", "Datos abiertos para prevenir la corrupción en las compras del Estado y en la "
                    "ejecución de obras públicas regionales", "none",
               ("access_to_information", "civic_participation"), "moderate", "not_started",
               starred=True),
)


@pytest.fixture(scope="module")
def turned_table(tmp_path_factory):
    """Overview table: level headers turned bottom to top, two theme rows, header repeated
    after the page break, and commitment 3's row cut by that break."""
    from ambicion.testing.reviews import write_progress_report

    path = tmp_path_factory.mktemp("layouts") / "turned.pdf"
    expected = write_progress_report(path, TABLE_ITEMS, turned=True, rows_per_page=3, split_row=2,
                                     themes={0: "Tema 1. Transparencia", 3: "Tema 2. Participación"})
    return path, expected


@pytest.fixture(scope="module")
def sections_only(tmp_path_factory):
    """No overview: numbered bold section titles that wrap, ✪ after the title, and the section
    table of commitment 2 cut by a page break inside its level-label row."""
    from ambicion.testing.reviews import write_progress_report

    path = tmp_path_factory.mktemp("layouts") / "sections.pdf"
    expected = write_progress_report(path, SECTION_ITEMS, overview=False, numbered_sections=True,
                                     star_at_end=True, cut_header_in="2")
    return path, expected


# ------------------------------------------------------------------ turned header cells


def test_turned_header_words_are_read_whole(turned_table):
    from ambicion.pdf.pages import read_pages

    page = read_pages(turned_table[0])[1]
    header = [c.text for c in page.tables[0].rows[1] if c is not None]
    assert {"Ninguna", "Moderado", "Transformador", "No iniciado", "Completo"} <= set(header)
    assert "Acceso a la información" in header


def test_table_with_turned_headers_theme_rows_and_a_split_row(turned_table):
    path, expected = turned_table
    review = ambicion.read_review(path)
    check_expected(review, expected)


def test_turned_table_golden(turned_table):
    check_golden(ambicion.read_review(turned_table[0]), "progress_turned_es")


def test_row_cut_by_the_page_break_is_mended_with_its_tail(turned_table):
    from ambicion.extract.review import read_review_document
    from ambicion.extract.review_text import document_tables

    tables = [t for _, t in document_tables(read_review_document(turned_table[0]))]
    labels = [" ".join(row[0].text.split()) for t in tables for row in t.grid() if row[0] is not None]
    assert f"3. {LONG_TITLE}" in labels
    # the tail went into the row it finishes; no row is left holding it alone
    assert not any(label and LONG_TITLE.endswith(label) for label in labels)


def test_both_turn_directions_read_as_words(tmp_path):
    from fpdf import FPDF

    from ambicion.pdf.rotated import page_words
    import pdfplumber

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.rotation(90, 50, 150):
        pdf.text(50, 150, "Moderado Sustancial")
    with pdf.rotation(-90, 120, 60):
        pdf.text(120, 60, "Limitado Completo")
    pdf.text(20, 20, "Upright words")
    path = tmp_path / "turn.pdf"
    pdf.output(str(path))
    with pdfplumber.open(path) as doc:
        words = page_words(doc.pages[0])
    by_dir = {}
    for w in words:
        by_dir.setdefault(w.get("turned"), []).append(w["text"])
    assert by_dir[None] == ["Upright", "words"]
    assert sorted(by_dir["btt"]) == ["Moderado", "Sustancial"]
    assert sorted(by_dir["ttb"]) == ["Completo", "Limitado"]


def test_turned_lines_follow_the_text_direction():
    from ambicion.pdf.rotated import turned_lines

    def word(text, x0, top, bottom, turned):
        return {"text": text, "x0": x0, "x1": x0 + 6, "top": top, "bottom": bottom, "turned": turned,
                "size": 6.0, "fontname": "F"}

    # bottom to top: words further up come later; the next line is to the right
    btt = [word("a", 10, 80, 90, "btt"), word("Acceso", 10, 92, 120, "btt"),
           word("información", 17, 60, 120, "btt"), word("la", 10, 70, 78, "btt")]
    assert [ln["text"] for ln in turned_lines(btt)] == ["Acceso a la", "información"]
    # top to bottom: words further down come later; the next line is to the left
    ttb = [word("Completo", 30, 10, 40, "ttb"), word("Limitado", 37, 10, 40, "ttb"),
           word("y", 37, 42, 46, "ttb")]
    assert [ln["text"] for ln in turned_lines(ttb)] == ["Limitado y", "Completo"]


# ------------------------------------------------------------------ sections only


def test_sections_with_wrapped_titles_star_on_the_last_line_and_a_cut_header(sections_only):
    path, expected = sections_only
    review = ambicion.read_review(path)
    check_expected(review, expected)
    assert [r.starred for r in review.ratings] == [True, False, True]


def test_sections_golden(sections_only):
    check_golden(ambicion.read_review(sections_only[0]), "sections_es")


def test_header_cell_cut_by_the_break_is_whole_again(sections_only):
    from ambicion.extract.review import read_review_document
    from ambicion.extract.review_legacy import find_layout
    from ambicion.extract.review_text import document_tables
    from ambicion.pdf.pages import read_pages
    from ambicion.read.blocks import TableCell

    pages = read_pages(sections_only[0])
    raw = [find_layout([[TableCell(c.text, 0, 0, shaded=c.filled) if c else None for c in row]
                        for row in t.rows]) for p in pages for t in p.tables]
    joined = [t for _, t in document_tables(read_review_document(sections_only[0]))]
    mended = [find_layout(t.grid()) for t in joined]
    assert len(joined) == len(SECTION_ITEMS)  # the cut section table is one table again
    assert min(len(x.columns) for x in raw if x) < 16  # the cut header loses columns as read
    assert all(len(x.columns) == 16 for x in mended if x)


# ------------------------------------------------------------------ stars said or not


def test_starred_is_unknown_when_the_report_never_marks_stars(tmp_path):
    from ambicion.testing.reviews import write_progress_report

    items = tuple(LegacyItem(it.number, it.title, it.specificity, it.relevance, it.impact, it.completion,
                             mark=it.mark) for it in LEGACY_ES)
    write_progress_report(tmp_path / "nostar.pdf", items)
    review = ambicion.read_review(tmp_path / "nostar.pdf")
    assert len(review.ratings) == len(items)
    assert all(r.starred is None for r in review.ratings)


def test_starred_is_false_for_the_others_when_the_report_marks_some(tmp_path):
    from ambicion.testing.reviews import write_progress_report

    write_progress_report(tmp_path / "star.pdf", TABLE_ITEMS[:3])
    review = ambicion.read_review(tmp_path / "star.pdf")
    assert [r.starred for r in review.ratings] == [True, False, False]


# ------------------------------------------------------------------ current reports


CLUSTER_MEMBERS = (
    CurrentItem("1", "Portal de datos abiertos de contrataciones", True, True, "substantial"),
    CurrentItem("4", "Registro de beneficiarios finales", True, True, "modest", cluster=("4", "5")),
    CurrentItem("5", "Interoperabilidad del registro con la administración tributaria", True, False,
                "modest", cluster=("4", "5")),
    CurrentItem("6", "Capacitación en ética pública", False, True, "unclear"),
)


@pytest.mark.parametrize("language", ["es", "en"])
def test_clustered_members_each_keep_their_own_block(tmp_path, language):
    from ambicion.testing.reviews import write_action_plan_review

    expected = write_action_plan_review(tmp_path / "c.pdf", CLUSTER_MEMBERS, language=language)
    review = ambicion.read_review(tmp_path / "c.pdf")
    check_expected(review, expected)
    members = {r.number: r for r in review.ratings if r.cluster}
    assert set(members) == {"4", "5"}
    assert members["5"].open_gov_lens is False and members["4"].open_gov_lens is True


def test_cluster_members_pair_with_their_own_commitments(tmp_path):
    from ambicion.model import Commitment, Plan
    from ambicion.testing.reviews import write_action_plan_review

    write_action_plan_review(tmp_path / "c.pdf", CLUSTER_MEMBERS)
    plan = Plan(source="p.pdf", commitments=tuple(
        Commitment(id=f"c{it.number}", number=it.number, title=it.title) for it in CLUSTER_MEMBERS))
    joined = ambicion.join(plan, ambicion.read_review(tmp_path / "c.pdf"))
    assert {p.commitment.number: p.rating.number for p in joined.pairs} == {"1": "1", "4": "4", "5": "5", "6": "6"}


def test_summary_boxes_are_read_line_by_line(tmp_path):
    from ambicion.testing.reviews import write_action_plan_review

    expected = write_action_plan_review(tmp_path / "box.pdf", CLUSTER_MEMBERS, boxes=True)
    review = ambicion.read_review(tmp_path / "box.pdf")
    check_expected(review, expected)


@pytest.mark.parametrize("language", ["es", "en"])
def test_results_report_with_the_short_question(tmp_path, language):
    from ambicion.testing.reviews import write_results_report

    expected = write_results_report(tmp_path / "r.pdf", language=language, short_question=True)
    review = ambicion.read_review(tmp_path / "r.pdf")
    assert review.kind == "results_report"
    check_expected(review, expected)
    assert {r.opened_government.normalized for r in review.ratings} >= {"did_not_change", "marginal", "major"}


def test_star_on_the_second_line_of_a_wrapped_block_heading(tmp_path):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Informe de resultados: Chile 2020–2022", 16, bold=True)
    for number, title, star in (("1", "Portal de datos abiertos", ""),
                                ("2", "Sistema nacional de integridad con declaraciones juradas publicadas en "
                                      "formato abierto y verificadas por la contraloría", " ✪")):
        _para(pdf, f"Compromiso {number}: {title}{star}", 11, bold=True)
        _para(pdf, "Finalización: Completo")
        _para(pdf, "¿Contribuyó a abrir el gobierno? Marginal")
    pdf.output(str(tmp_path / "r.pdf"))
    review = ambicion.read_review(tmp_path / "r.pdf")
    first, second = review.ratings
    assert second.title.endswith("verificadas por la contraloría")
    assert (first.starred, second.starred) == (False, True)
    assert second.opened_government.normalized == "marginal"


def test_a_cluster_mentioned_in_another_commitments_text_is_not_its_cluster(tmp_path):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Action Plan Review: Chile 2022–2024", 16, bold=True)
    for number in ("2", "4", "5"):
        _para(pdf, f"Commitment {number}: Title of commitment {number}", 11, bold=True)
        if number == "2":
            _para(pdf, "Unlike commitment 2, commitments 4 and 5 were clustered for this review.")
        if number != "2":
            _para(pdf, "This commitment has been clustered as: Integrity (Commitments 4 and 5)")
        _para(pdf, "Verifiable: Yes")
        _para(pdf, "Potential for results: Modest")
    pdf.output(str(tmp_path / "r.pdf"))
    review = ambicion.read_review(tmp_path / "r.pdf")
    assert [(r.number, r.cluster) for r in review.ratings] == [("2", ()), ("4", ("4", "5")), ("5", ("4", "5"))]


def test_cover_title_that_wraps_gives_kind_and_title(tmp_path):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Mecanismo de Revisión Independiente: Informe de avance 2016-2017", 26)
    _para(pdf, "Este informe evalúa el diseño de cada compromiso.")
    _para(pdf, "Compromiso 1: Portal de datos abiertos", 11, bold=True)
    _para(pdf, "Finalización: Completo")
    pdf.output(str(tmp_path / "r.pdf"))
    review = ambicion.read_review(tmp_path / "r.pdf")
    assert review.kind == "progress_report"
    assert review.title == "Mecanismo de Revisión Independiente: Informe de avance 2016-2017"
    assert review.period == "2016-2017"


def _table(rows, page):
    from ambicion.pdf.pages import Cell, Table

    def cell(x):
        if x is None:
            return None
        text, filled = (x, False) if isinstance(x, str) else x
        return Cell(text=text, filled=filled)

    return Table(rows=tuple(tuple(cell(x) for x in r) for r in rows), top=50, bottom=700, page=page,
                 x0=40, x1=550)


def _pages(*tables):
    from ambicion.pdf.pages import Page

    return [Page(t.page, 595, 842, (), (t,)) for t in tables]


@pytest.mark.parametrize("tail, mended", [
    (["social", "", "", ""], True),  # the rest of a wrapped title, no mark
    (["social", ("", True), "", ""], True),  # Word shades both parts of a split row
    (["social", "", ("", True), ""], False),  # shades a level the row above did not: a row
    (["4. Cuarto", "", "", "✔"], False),  # a numbered row of its own
    (["", "", "", "✔"], False),  # a tick opens a row of its own
    (["Tema 2", None, None, None], False),  # a theme row spanning the table
    ([("", True), ("ado", True), ("", True), ("", True)], True),  # the tail of a shaded header row
])
def test_what_counts_as_the_tail_of_a_cut_row(tail, mended):
    from ambicion.read.tables import merge_tables, numbered_row_tail

    upper = ["3. Control", ("", True), "", ""]
    if tail[0] == ("", True):  # header case: the row above is a shaded header row
        upper = [("", True), ("Moder", True), ("Alta", True), ("Baja", True)]
    first = _table([["N", "A", "B", "C"], upper], 1)
    second = _table([tail, ["5. Quinto", "", "✔", ""]], 2)
    [table] = merge_tables(_pages(first, second), tail=numbered_row_tail)
    assert (len(table.rows) == 3) is mended
    assert [r.page for r in table.rows][-1] == 2  # every row keeps the page it was printed on
    if mended:
        joined = " ".join(c.text for c in table.rows[1].cells if c is not None)
        assert any(t in joined for t in ("social", "ado"))
        assert (table.rows[1].page, table.rows[1].last_page) == (1, 2)


def test_a_repeated_header_is_dropped_and_the_cut_row_joined_under_it():
    from ambicion.read.tables import merge_tables, numbered_row_tail

    head = [["Compromiso", "Nivel", "", ""], ["", "Alta", "Media", "Baja"]]
    first = _table([*head, ["3. Control", "✔", "", ""]], 1)
    second = _table([*head, ["ciudadano", "", "", ""], ["4. Cuarto", "", "✔", ""]], 2)
    [table] = merge_tables(_pages(first, second), tail=numbered_row_tail)
    labels = [" ".join((r.cells[0].text if r.cells[0] else "").split()) for r in table.rows]
    assert labels == ["Compromiso", "", "3. Control ciudadano", "4. Cuarto"]


def test_the_plan_rule_keeps_a_labelled_row_after_the_break_apart():
    """Label | value tables keep the default rule: a row opening with a label of its own is
    not the tail of the row above (the review rule would join it)."""
    from ambicion.read.tables import merge_tables

    first = _table([["Compromiso N° 2: Título", None, None, None], ["Objetivo", "Mejorar", "", ""]], 1)
    second = _table([["Hitos", "Uno", "", ""]], 2)
    [table] = merge_tables(_pages(first, second))
    assert [r.cells[0].text for r in table.rows] == ["Compromiso N° 2: Título", "Objetivo", "Hitos"]


def test_headers_turned_top_to_bottom(tmp_path):
    from ambicion.testing.reviews import write_progress_report

    expected = write_progress_report(tmp_path / "ttb.pdf", language="en", turned="ttb")
    review = ambicion.read_review(tmp_path / "ttb.pdf")
    check_expected(review, expected)


@pytest.mark.parametrize("printed, reading", [
    ("Completed", ("completion", "complete")),
    ("Marginally", ("opened_government", "marginal")),
    ("Tech. & Innov. for Transparency & Accountability", ("relevance", "technology_innovation")),
    ("Transform\nador", ("potential_impact", "transformative")),
])
def test_older_english_and_broken_level_labels(printed, reading):
    from ambicion.extract.review_legacy import classify_label

    assert classify_label(printed, None) == [reading]


@pytest.mark.parametrize("printed, code", [("Completa", "complete"), ("No iniciada", "not_started"),
                                           ("Limitada, porque…", "limited")])
def test_completion_in_the_feminine(printed, code):
    from ambicion.extract.review_current import scale_prefix

    assert scale_prefix("completion", printed).normalized == code


def test_heading_that_wraps_inside_a_merged_title_row(tmp_path):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Revisión del plan de acción: Chile 2022-2024", 16, bold=True)
    pdf.set_font("DejaVu", "", 10)
    title = ("Compromiso 2: Sistema nacional de integridad con declaraciones juradas publicadas en "
             "formato abierto y verificadas por la contraloría regional")
    with pdf.table(col_widths=(60, 120), first_row_as_headings=False, line_height=5) as table:
        table.row().cell(title, colspan=2)
        for label, value in (("Verificable", "Sí"), ("Potencial de resultados", "Modesto")):
            row = table.row()
            row.cell(label)
            row.cell(value)
    pdf.output(str(tmp_path / "t.pdf"))
    (rating,) = ambicion.read_review(tmp_path / "t.pdf").ratings
    assert rating.title == title.split(": ", 1)[1]
    assert (rating.verifiable, rating.potential_results.normalized) == (True, "modest")


def test_a_row_of_rated_cells_is_read_cell_by_cell(tmp_path):
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Action Plan Review: Chile 2022-2024", 16, bold=True)
    for number, cells in (("1", ("Verifiable: Yes", "Does it have an open government lens? No",
                                 "Potential for results: Unclear")),
                          ("2", ("Verifiable: No", "Does it have an open government lens? Yes",
                                 "Potential for results: Substantial"))):
        _para(pdf, f"Commitment {number}: Title {number}", 11, bold=True)
        pdf.set_font("DejaVu", "", 9)
        with pdf.table(col_widths=(50, 70, 60), first_row_as_headings=False, line_height=5) as table:
            row = table.row()
            for cell in cells:
                row.cell(cell)
        pdf.ln(3)
    pdf.output(str(tmp_path / "cells.pdf"))
    got = [(r.number, r.verifiable, r.open_gov_lens, r.potential_results.normalized)
           for r in ambicion.read_review(tmp_path / "cells.pdf").ratings]
    assert got == [("1", True, False, "unclear"), ("2", False, True, "substantial")]


def test_section_number_on_its_own_line_above_the_title(tmp_path):
    from ambicion.extract.review import read_review_document
    from ambicion.extract.review_legacy import _sections
    from ambicion.read.review_segment import review_starts
    from ambicion.testing.reviews import write_progress_report

    expected = write_progress_report(tmp_path / "split.pdf", SECTION_ITEMS, overview=False,
                                     split_heading=True, star_at_end=True)
    blocks = read_review_document(tmp_path / "split.pdf").blocks
    sections = _sections(blocks, review_starts(blocks))
    assert [(s.number, s.title, s.starred) for s in sections] == [
        (it.number, it.title, it.starred) for it in SECTION_ITEMS]
    check_expected(ambicion.read_review(tmp_path / "split.pdf"), expected)


# ------------------------------------------------------------------ the block model's paragraphs


def _annex_with_a_full_line_over_a_rating(path):
    """Commitment 2's cluster sentence is the page's longest line, and its rating line sits
    right under it with no paragraph gap: the paragraph maker would run the two together."""
    from ambicion.testing.reviews import _new_pdf, _para

    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Revisión del plan de acción: Chile 2023–2025", 16, bold=True)
    for number, title in (("1", "Registro de lobby municipal"), ("2", "Compras públicas abiertas")):
        _para(pdf, f"Compromiso {number}: {title}", 11, bold=True)
        _para(pdf, "Verificable: Sí")
        pdf.set_font("DejaVu", "", 10)
        if number == "2":
            pdf.cell(0, 5, "Este compromiso fue agrupado con otro de compras y contratos abiertos del Estado central",
                     new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, "Potencial de resultados: Sustancial" if number == "2" else "Potencial de resultados: Modesto",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))


def test_a_rating_line_under_a_full_line_is_a_paragraph_of_its_own(tmp_path):
    from ambicion.read import read_document

    _annex_with_a_full_line_over_a_rating(tmp_path / "r.pdf")
    plain = [b.text for b in read_document(tmp_path / "r.pdf").blocks]
    assert any(t.startswith("Este compromiso") and "Potencial de resultados" in t for t in plain)
    review = ambicion.read_review(tmp_path / "r.pdf")
    assert [(r.number, r.potential_results.normalized) for r in review.ratings] == [
        ("1", "modest"), ("2", "substantial")]


def test_a_bold_heading_longer_than_a_plain_one_still_opens_its_commitment(tmp_path):
    from ambicion.read.segment import HEADING_CHARS
    from ambicion.testing.reviews import _new_pdf, _para

    long_title = ("Fortalecer las mesas regionales de diálogo entre el Estado, las empresas y las "
                  "organizaciones vecinales para diseñar, ejecutar y vigilar en conjunto los planes "
                  "de manejo de cuencas, con actas publicadas en formato abierto, presupuesto propio, "
                  "metas anuales verificables y una rendición de cuentas pública al cierre de cada año")
    assert len(long_title) > HEADING_CHARS
    pdf = _new_pdf("")
    pdf.add_page()
    _para(pdf, "Revisión del plan de acción: Chile 2023–2025", 16, bold=True)
    for number, title in (("1", "Registro de lobby municipal"), ("2", long_title)):
        _para(pdf, f"Compromiso {number}: {title}", 11, bold=True)
        _para(pdf, "Verificable: Sí")
        _para(pdf, "Potencial de resultados: Modesto")
    pdf.output(str(tmp_path / "r.pdf"))
    review = ambicion.read_review(tmp_path / "r.pdf")
    assert [r.number for r in review.ratings] == ["1", "2"]
    assert review.ratings[1].title == long_title


def test_inspect_shows_a_reviews_rows_as_the_review_reader_joins_them(turned_table):
    """Commitment 3's row is cut by the page break; inspect shows it whole, as read_review
    reads it (the review join), not cut as a plan's tables would be joined."""
    from ambicion.extract.inspect import inspect_file

    starts = [m for view in inspect_file(turned_table[0]) for m in view.marks
              if m.kind == "start" and m.field == "tick_row"]
    assert LONG_TITLE in [m.text for m in starts]
    assert not any(m.text and m.text != LONG_TITLE and LONG_TITLE.endswith(m.text) for m in starts)
