"""Older IRM reports (2012–2019): grouped tick tables read from ✔, ✓, "X" and shaded-only cells."""

from __future__ import annotations

import pytest
from conftest_reviews import check_expected, check_golden

import ambicion
from ambicion.extract.review_legacy import classify_label, find_layout, legacy_ratings, marked, printed_label
from ambicion.read.blocks import Document, Heading, TableBlock, TableCell


@pytest.fixture(scope="module")
def progress(progress_es):
    return ambicion.read_review(progress_es.path)


def _by_number(review):
    return {r.number: r for r in review.ratings}


def test_progress_report_matches_what_was_printed(progress, progress_es):
    check_expected(progress, progress_es.expected)


def test_progress_report_metadata(progress):
    assert (progress.kind, progress.country, progress.period, progress.language) == \
        ("progress_report", "Perú", "2015-2016", "es")


def test_shaded_cells_without_a_character_are_read(progress):
    third = _by_number(progress)["3"]  # drawn with shading only
    assert third.specificity.normalized == "low"
    assert third.relevance["civic_participation"] is True
    assert third.relevance["access_to_information"] is False
    assert third.potential_impact.original == "Menor"
    assert third.completion.normalized == "limited"


def test_check_marks_and_x_are_both_read(progress):
    rows = _by_number(progress)
    assert rows["1"].specificity.normalized == "high"  # ✔
    assert rows["2"].specificity.normalized == "medium"  # X
    assert rows["2"].potential_impact.normalized == "none"
    assert rows["5"].completion.normalized == "not_started"  # ✓


def test_starred_commitments(progress):
    assert [r.number for r in progress.ratings if r.starred] == ["1", "4"]
    assert all(r.starred is False for r in progress.ratings if r.number not in {"1", "4"})


def test_transformative_impact_maps_to_substantial_ambition(progress):
    fourth = _by_number(progress)["4"]
    assert fourth.potential_impact.original == "Transformador"
    assert fourth.potential_impact.normalized == "transformative"
    assert fourth.ambition == "substantial"


def test_overview_and_section_are_merged_with_pages(progress):
    fifth = _by_number(progress)["5"]
    assert fifth.provenance.page_start == 2  # overview table
    assert fifth.provenance.page_end == 7  # its own section
    assert fifth.title == "Mecanismo de denuncias ciudadanas con respuesta obligatoria"


def test_progress_report_golden(progress):
    check_golden(progress, "progress_es")


# ---------------------------------------------------------------- units on hand-built tables

def _c(text="", filled=False):
    return TableCell(text, 0, 0, shaded=filled)


def _table(rows, page):
    """A table block from rows of cells (None where a merged cell covers), printed on `page`."""
    cells = tuple(TableCell(c.text, r, j, shaded=c.shaded) for r, row in enumerate(rows)
                  for j, c in enumerate(row) if c is not None)
    return TableBlock(cells=cells, rows=len(rows), cols=max(len(r) for r in rows), page=page,
                      row_pages=((page, None),) * len(rows))


def _doc(*blocks):
    return Document(source="x.pdf", format="pdf", blocks=blocks, pages=3)


_GROUPS = [_c("Resumen"), _c("Especificidad"), None, None, None, _c("Relevancia"), None, None, None,
           _c("Impacto potencial"), None, None, None, _c("Cumplimiento"), None, None, None]
_SUB = [None, _c("Ningun\na"), _c("Baja"), _c("Media"), _c("Alta"), _c("AI"), _c("PC"), _c("RC"), _c("TI"),
        _c("Ningun\no"), _c("Menor"), _c("Modera\ndo"), _c("Transfor\nmador"), _c("No\niniciad\no"),
        _c("Limitad\no"), _c("Sustan\ncial"), _c("Comple\nto")]


def _row(label, marks):
    return [_c(label)] + [_c(marks.get(i, ""), filled=marks.get(i) == "shade") if marks.get(i) != "shade"
                          else _c("", True) for i in range(1, 17)]


def test_layout_reads_words_broken_across_lines():
    layout = find_layout([_GROUPS, _SUB])
    assert layout is not None and layout.data_start == 2
    groups = [(c.group, c.code) for c in layout.columns]
    assert groups[0] == ("specificity", "none") and groups[8] == ("potential_impact", "none")
    assert groups[11] == ("potential_impact", "transformative")
    assert layout.columns[11].label == "Transformador"
    assert layout.columns[12].label == "No iniciado"


def test_english_none_is_resolved_by_its_neighbours_without_group_headers():
    sub = [_c("Commitment")] + [_c(t) for t in ("None", "Low", "Medium", "High", "AI", "CP", "PA", "TI",
                                                 "None", "Minor", "Moderate", "Transformative",
                                                 "Not started", "Limited", "Substantial", "Complete")]
    layout = find_layout([sub])
    assert [c.group for c in layout.columns[:1]] == ["specificity"]
    assert layout.columns[8].group == "potential_impact"


def test_marked_cells():
    assert marked(_c("✔")) and marked(_c("✓")) and marked(_c("X")) and marked(_c("x"))
    assert marked(_c("", filled=True))
    assert not marked(_c("")) and not marked(None) and not marked(_c("Alta", filled=True))


def test_table_continued_on_next_page_without_header_reuses_layout():
    head = _table([_GROUPS, _SUB, _row("1. Primero", {4: "✔", 5: "✔", 12: "✔", 16: "✔"})], 2)
    cont = _table([_row("✪ 2. Segundo", {3: "shade", 6: "shade", 12: "shade", 14: "shade"})], 3)
    first, second = legacy_ratings(_doc(head, cont), "x.pdf")
    assert (first.number, first.specificity.normalized, first.potential_impact.normalized) == ("1", "high", "transformative")
    assert (second.number, second.starred, second.specificity.normalized) == ("2", True, "medium")
    assert second.relevance == {"access_to_information": False, "civic_participation": True,
                                "public_accountability": False, "technology_innovation": False}
    assert second.completion.normalized == "limited"
    assert second.provenance.page_start == 3


def test_two_ticks_in_one_choice_group_are_not_guessed():
    rows = [_GROUPS, _SUB, _row("1. Ambiguo", {2: "X", 3: "X", 10: "X", 14: "X", 15: "X"})]
    (r,) = legacy_ratings(_doc(_table(rows, 1)), "x.pdf")
    assert r.specificity is None
    assert r.potential_impact.normalized == "minor"
    assert r.completion.normalized == "substantial"  # completion drawn as a bar: rightmost mark


def test_relevance_names_and_abbreviations():
    assert classify_label("Tecnología e\ninnovación para la transparen\ncia y rendición de cuentas",
                          "relevance") == [("relevance", "technology_innovation")]
    assert classify_label("PC", "relevance") == [("relevance", "civic_participation")]
    assert classify_label("Public accountability", None) == [("relevance", "public_accountability")]
    assert printed_label("Participaci\nón cívica", "relevance") == "Participación cívica"


def test_rotated_header_letters_are_read_in_either_direction():
    assert classify_label("T\nr\na\nn\ns\nf\no\nr\nm\na\nd\no\nr", "potential_impact") == \
        [("potential_impact", "transformative")]
    assert classify_label("a\nt\nl\nA", "specificity") == [("specificity", "high")]
    assert printed_label("a\nt\nl\nA", "specificity") == "Alta"


def test_wingdings_check_marks_count_as_ticks():
    assert marked(_c("\uf0fc")) and marked(_c("ü"))


def test_unnumbered_overview_rows_take_numbers_from_section_titles():
    overview = _table([_GROUPS, _SUB,
                       _row("Portal de transparencia estándar", {4: "X", 5: "X", 12: "X", 16: "X"}),
                       _row("Consejos ciudadanos de salud", {2: "X", 6: "X", 10: "X", 14: "X"}),
                       _row("Un compromiso sin sección", {2: "X", 6: "X", 10: "X", 14: "X"})], 2)
    ratings = legacy_ratings(_doc(Heading("Compromiso 7. Consejos ciudadanos en salud", page=1), overview,
                                  Heading("Compromiso 2. Portal de transparencia estándar", page=3)), "x.pdf")
    assert [(r.number, r.specificity.normalized) for r in ratings] == [("2", "high"), ("7", "low")]
