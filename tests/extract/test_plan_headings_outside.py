"""Template plans whose commitment headings are printed as text above the tables.

The tables start straight with the fields ("Fecha de inicio y término", "Institución
responsable"); the number and title live only in the heading line above. Hand-built pages
pin each rule down; generated PDFs check the whole reader on Spanish and English plans,
tables crossing page breaks, headings repeated over continued tables and a table of contents.
"""

from __future__ import annotations

import random

import pytest

from ambicion.extract.blocks import starts
from ambicion.extract.plan import drafts_from_pages
from ambicion.read.pdf import document_from_pages
from ambicion.pdf.pages import Cell, Line, Page, Table
from ambicion.testing.samples import COMMITMENTS_EN, COMMITMENTS_ES, MANY_MILESTONES_ES, META_EN, META_ES

pytest.importorskip("fpdf")

SAMPLES_ES = (*COMMITMENTS_ES[:4], MANY_MILESTONES_ES)
HEADER_ES = "Plan de Acción de Gobierno Abierto 2023-2025"
HEADER_EN = "Open Government National Action Plan"


def flat(text: str) -> str:
    return " ".join(text.replace("\f", " ").split())


# ---------------------------------------------------------------- hand-built pages


def _table(page: int, rows, top=100.0, bottom=700.0) -> Table:
    return Table(rows=tuple(tuple(Cell(t) if t is not None else None for t in r) for r in rows),
                 top=top, bottom=bottom, page=page, x0=40, x1=560)


def _line(text: str, top: float, *, bold: bool = True, x1: float = 400) -> Line:
    return Line(text=text, x0=40, top=top, x1=x1, bottom=top + 10, size=11, bold=bold)


def _page(number: int, tables=(), lines=()) -> Page:
    return Page(number=number, width=600, height=800, lines=tuple(lines), tables=tuple(tables))


def _opened_above(pages) -> list:
    """The commitment starts the segmenter finds in headings printed above tables."""
    found = starts(document_from_pages(pages, source="").blocks, sized=True)
    return [s for s in found if s.signal in ("heading_above_table", "title_above_table")]


def _read(pages):
    drafts, layout = drafts_from_pages(pages)
    return drafts, layout


def test_each_heading_above_a_table_opens_its_own_commitment():
    pages = [
        _page(1, [_table(1, [["Institución responsable", "ANA"],
                             ["Descripción del compromiso", "Publicar los datos de calidad del agua."]],
                         top=100, bottom=300)],
              [_line("Compromiso 1. Datos abiertos del agua", 70)]),
        _page(2, [_table(2, [["Institución responsable", "MINAM"],
                             ["Descripción del compromiso", "Consultar los reglamentos ambientales."]],
                         top=100, bottom=300)],
              [_line("Compromiso 2. Consulta de reglamentos ambientales", 70)]),
    ]
    drafts, layout = _read(pages)
    assert layout == "template"
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("1", "Datos abiertos del agua", ["ANA"]),
        ("2", "Consulta de reglamentos ambientales", ["MINAM"])]
    assert drafts[1].text_of("description") == "Consultar los reglamentos ambientales."
    assert drafts[1].field_pages["number"] == 2


@pytest.mark.parametrize("heading, number, title", [
    ("Compromiso N° 2: Registro de beneficiarios", "2", "Registro de beneficiarios"),
    ("Commitment 3 – Open budget data", "3", "Open budget data"),
    ("COMPROMISO 4: Audiencias públicas", "4", "Audiencias públicas"),
])
def test_heading_forms(heading, number, title):
    pages = [_page(1, [_table(1, [["Fecha de inicio y término", "2024 - 2025"],
                                  ["Entidad responsable", "MEF"]], top=100, bottom=300)],
                   [_line(heading, 70)])]
    [d], _ = _read(pages)
    assert (d.number, d.title, d.institutions) == (number, title, ["MEF"])
    assert d.text_of("dates") == "2024 - 2025"


def test_bold_numbered_lines_are_headings_when_the_plan_has_no_other():
    pages = [_page(1, [_table(1, [["Entidad responsable", "MEF"]], top=100, bottom=300),
                       _table(1, [["Entidad responsable", "SUNAT"]], top=400, bottom=600)],
                   [_line("1. Presupuesto abierto", 70), _line("2. Registro tributario público", 370)])]
    drafts, _ = _read(pages)
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("1", "Presupuesto abierto", ["MEF"]), ("2", "Registro tributario público", ["SUNAT"])]


def test_heading_left_at_a_page_foot_opens_the_table_on_the_next_page():
    pages = [
        _page(1, [_table(1, [["Entidad responsable", "ANA"]], top=100, bottom=300)],
              [_line("Compromiso 1. Agua", 70), _line("Compromiso 2. Bosques", 760)]),
        _page(2, [_table(2, [["Entidad responsable", "SERFOR"]], top=60, bottom=300)]),
    ]
    drafts, _ = _read(pages)
    assert [(d.number, d.institutions) for d in drafts] == [("1", ["ANA"]), ("2", ["SERFOR"])]
    assert drafts[1].field_pages["number"] == 1  # where the heading was printed


def test_a_wrapped_heading_keeps_its_whole_title():
    pages = [_page(1, [_table(1, [["Entidad responsable", "MEF"]], top=120, bottom=300)],
                   [_line("Compromiso 1. Reglamento de participación ciudadana en la", 70, x1=560),
                    _line("elaboración de normas", 83)])]
    [d], _ = _read(pages)
    assert d.title == "Reglamento de participación ciudadana en la elaboración de normas"


@pytest.mark.parametrize("repeat", ["Compromiso 1 (continuación)", "Compromiso 1: (cont.)",
                                    "Commitment 1 (continued)", "Compromiso 1. Datos del agua"])
def test_a_heading_repeated_over_a_continued_table_does_not_open_another(repeat):
    pages = [
        _page(1, [_table(1, [["Entidad responsable", "ANA"], ["¿Cuál es el compromiso?", "Publicar los datos"]],
                         top=100, bottom=780)],
              [_line("Compromiso 1. Datos del agua", 70)]),
        _page(2, [_table(2, [["", "cada mes."], ["Otros actores involucrados", "ONG"]], top=90, bottom=300),
                  _table(2, [["Entidad responsable", "MINAM"]], top=400, bottom=500)],
              [_line(repeat, 60), _line("Compromiso 2. Aire", 370)]),
    ]
    drafts, _ = _read(pages)
    assert [(d.number, d.institutions) for d in drafts] == [("1", ["ANA"]), ("2", ["MINAM"])]
    assert drafts[0].text_of("what") == "Publicar los datos cada mes."  # the split row is joined
    assert drafts[0].text_of("other_actors") == "ONG"


def test_a_repeated_heading_over_continued_milestones_keeps_them_together():
    head = ["Hito", "Fecha de inicio", "Fecha de término"]
    pages = [
        _page(1, [_table(1, [["Entidad responsable", "ANA"]], top=100, bottom=300),
                  _table(1, [head, ["Hito A", "enero 2024", "marzo 2024"]], top=320, bottom=780)],
              [_line("Compromiso 5. Datos del agua", 70)]),
        _page(2, [_table(2, [["Hito B", "abril 2024", "junio 2024"]], top=90, bottom=200)],
              [_line("Compromiso 5 (continuación)", 60)]),
    ]
    [d], _ = _read(pages)
    assert [(m.text, m.end) for m in d.milestones] == [("Hito A", "marzo 2024"), ("Hito B", "junio 2024")]


def test_a_table_continued_on_the_next_page_stays_with_its_commitment():
    pages = [
        _page(1, [_table(1, [["Entidad responsable", "ANA"], ["¿Cuál es el compromiso?", "Publicar"]],
                         top=100, bottom=780)],
              [_line("Compromiso 1. Datos del agua", 70)]),
        _page(2, [_table(2, [["Otros actores involucrados", "ONG"]], top=60, bottom=300)]),
    ]
    [d], _ = _read(pages)
    assert d.text_of("other_actors") == "ONG"


def test_contents_and_lists_of_commitments_open_nothing():
    contents = [_line("Contenido", 50),
                *[_line(f"Compromiso {n}. Título {n} ............ {n + 2}", 60 + 15 * n, bold=False)
                  for n in (1, 2, 3)]]
    listed = [_line("Los compromisos del plan son:", 300, bold=False),
              *[_line(f"Compromiso {n}: Título {n}", 300 + 15 * n, bold=False) for n in (1, 2, 3)]]
    labelled = _table(2, [["Entidad responsable", "MEF"]], top=400, bottom=500)
    pages = [_page(1, lines=contents), _page(2, [labelled], lines=listed)]
    assert not _opened_above(pages)  # neither the contents nor the list opens a commitment
    body = [_page(3, [_table(3, [["Entidad responsable", "ANA"]], top=100, bottom=300)],
                  [_line("Compromiso 1. Título 1", 70)])]
    drafts, _ = _read(pages + body)
    assert [d.number for d in drafts if d.number] == ["1"]


def test_a_contents_entry_right_above_a_table_opens_nothing():
    pages = [_page(1, [_table(1, [["Entidad responsable", "MEF"]], top=100, bottom=300)],
                   [_line("Compromiso 1. Presupuesto abierto ........ 4", 70, bold=False)])]
    assert not _opened_above(pages)


def test_summary_matrix_under_a_heading_is_not_a_commitment():
    matrix = _table(1, [["Compromiso", "Entidad responsable", "Fecha de inicio y término"],
                        ["Datos del agua", "ANA", "2024"], ["Calidad del aire", "MINAM", "2025"]],
                    top=100, bottom=200)
    pages = [_page(1, [matrix], [_line("Compromiso 2. Aire", 70)])]
    assert not _opened_above(pages)


def test_summary_matrix_rows_naming_commitments_are_not_commitments():
    head = ["Compromiso", "Entidad responsable", "Fecha de inicio y término"]
    rows = [[f"Compromiso {n}: Título {n}", "MEF", "2024 - 2025"] for n in (1, 2, 3)]
    pages = [_page(1, [_table(1, [head, *rows[:2]], top=100, bottom=780)]),
             _page(2, [_table(2, rows[2:] + [["Compromiso 4: Título 4", "ANA", "2025"]], top=60, bottom=200)]),
             _page(3, [_table(3, [["Entidad responsable", "MINAM"]], top=100, bottom=300)],
                   [_line("Compromiso 1. Título 1", 70)])]
    drafts, _ = _read(pages)
    assert [(d.number, d.institutions) for d in drafts] == [("1", ["MINAM"])]


def test_heading_then_body_text_then_a_table_is_left_to_the_prose_reader():
    body = ("La entidad publicará los datos de calidad del agua cada mes, con una línea de base y "
            "un tablero abierto que la ciudadanía podrá consultar y descargar libremente.")
    milestones = _table(1, [["Hito", "Fecha de inicio", "Fecha de término"],
                            ["Publicar los datos", "enero 2024", "marzo 2024"]], top=200, bottom=300)
    lines = [_line("Compromiso 1. Datos del agua", 70), _line(body, 100, bold=False, x1=560)]
    pages = [_page(1, [milestones], lines)]
    assert not _opened_above(pages)
    drafts, layout = _read(pages)
    assert layout == "prose"
    assert [d.number for d in drafts] == ["1"]
    # nor does the heading take a table of fields that body text separates it from
    fields = [_page(1, [_table(1, [["Entidad responsable", "ANA"]], top=200, bottom=300)], lines)]
    assert not _opened_above(fields)


def test_a_table_that_names_its_commitment_is_not_opened_twice():
    pages = [_page(1, [_table(1, [["Compromiso N° 1: Agua", None], ["Entidad responsable", "ANA"]],
                              top=100, bottom=300)],
                   [_line("Compromiso 1. Agua", 70)])]
    [d], _ = _read(pages)
    assert (d.number, d.title) == ("1", "Agua")


def test_a_heading_gives_its_number_to_a_table_that_opens_with_a_title_row():
    pages = [_page(1, [_table(1, [["Nombre del compromiso", "Agua segura"], ["Entidad responsable", "ANA"]],
                              top=100, bottom=300),
                       _table(1, [["Nombre del compromiso", "Aire limpio"], ["Entidad responsable", "MINAM"]],
                              top=400, bottom=600)],
                   [_line("Compromiso 4. Agua segura", 70), _line("Compromiso 5. Aire limpio", 370)])]
    drafts, _ = _read(pages)
    assert [(d.number, d.title, d.institutions) for d in drafts] == [
        ("4", "Agua segura", ["ANA"]), ("5", "Aire limpio", ["MINAM"])]


def test_pages_without_tables_are_unchanged():
    pages = [_page(1, lines=[_line("Compromiso 1. Agua", 70),
                             _line("Entidad responsable: ANA", 90, bold=False)])]
    assert not _opened_above(pages)
    [d], layout = _read(pages)
    assert layout == "prose" and d.institutions == ["ANA"]


# ---------------------------------------------------------------- generated plans


def _write(folder, name, meta, commitments, **kw):
    from ambicion.testing.plans import write_template_plan

    return write_template_plan(folder / f"{name}.pdf", meta, commitments, heading_outside=True, **kw)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("outside")


@pytest.fixture(scope="module")
def outside_es(folder):
    """Commitment 4's "what" row is split over a page break (empty label on the new page),
    commitment 5's milestones run onto two more pages; header and "Página N de M" footer."""
    import ambicion

    return ambicion.read_plan(_write(folder, "plan_headings_outside_es", META_ES, SAMPLES_ES,
                                     header=HEADER_ES, footer="Página {page} de {pages}"))


@pytest.fixture(scope="module")
def outside_es_contents(folder):
    """The same plan with a table of contents after the cover and "Compromiso 4
    (continuación)" printed over the continued table."""
    import ambicion

    return ambicion.read_plan(_write(folder, "contents_es", META_ES, SAMPLES_ES, header=HEADER_ES,
                                     footer="Página {page} de {pages}", contents=True,
                                     continued_heading=True))


@pytest.fixture(scope="module")
def outside_en(folder):
    """English: "Commitment N – Title" headings, commitment 2's row split over a page break with
    its label repeated, and "Commitment 2 (continued)" over the continued table."""
    import ambicion

    return ambicion.read_plan(_write(folder, "outside_en", META_EN, COMMITMENTS_EN, header=HEADER_EN,
                                     footer="Page {page} of {pages}", split_label="repeat",
                                     continued_heading=True))


def _check_fields(plan, samples, language):
    assert plan.layout == "template"
    assert [c.number for c in plan.commitments] == [str(s.number) for s in samples]
    assert [c.title for c in plan.commitments] == [s.title for s in samples]
    for got, want in zip(plan.commitments, samples):
        assert got.institutions == (want.institution,)
        assert got.dates == want.dates
        for name in ("problem", "what", "how", "values_claim", "other_actors"):
            assert getattr(got, name) == flat(getattr(want, name)), (want.number, name)
        assert [(m.text, m.start, m.end) for m in got.milestones] == [tuple(m) for m in want.milestones]
        assert got.language == language


def test_spanish_plan(outside_es):
    _check_fields(outside_es, SAMPLES_ES, "es")
    assert [c.id for c in outside_es.commitments] == [f"plan_headings_outside_es#{n}" for n in range(1, 6)]
    assert outside_es.country == "Perú" and outside_es.period == "2023-2025"


def test_same_commitments_as_with_the_heading_inside_the_table(outside_es, template_es):
    def content(c):
        return {k: v for k, v in c.to_dict().items() if k not in ("id", "provenance")}

    assert [content(c) for c in outside_es.commitments] == [content(c) for c in template_es.commitments]


def test_spanish_plan_across_page_breaks(outside_es):
    c4, c5 = outside_es.commitments[3], outside_es.commitments[4]
    assert c4.provenance.page_start < c4.provenance.page_end
    assert c4.provenance.field_pages["how"] == c4.provenance.page_end
    assert len({m.page for m in c5.milestones}) >= 2
    assert not any("Hito / Actividad" in m.text for m in c5.milestones)


def test_cover_text_stays_out_of_the_first_commitment(outside_es):
    blob = " ".join(str(v) for v in outside_es.commitments[0].to_dict().values())
    assert "cocreación" not in blob and META_ES.intro[0][:40] not in blob


def test_contents_and_continued_heading(outside_es_contents, outside_es):
    _check_fields(outside_es_contents, SAMPLES_ES, "es")
    c4 = outside_es_contents.commitments[3]
    assert "continuación" not in " ".join(str(v) for v in c4.to_dict().values())
    # the contents page shifts every page by one and changes nothing else
    for a, b in zip(outside_es_contents.commitments, outside_es.commitments):
        assert a.provenance.page_start == b.provenance.page_start + 1


@pytest.mark.parametrize("heading_outside", [True, False])
def test_summary_matrix_and_contents_add_no_commitment(folder, heading_outside):
    import ambicion
    from ambicion.testing.plans import write_template_plan

    path = write_template_plan(folder / f"summary_{heading_outside}.pdf", META_ES, COMMITMENTS_ES,
                               heading_outside=heading_outside, summary=True, contents=True)
    plan = ambicion.read_plan(path)
    assert [(c.number, c.title, c.institutions) for c in plan.commitments] == [
        (str(s.number), s.title, tuple(s.institution.split("; "))) for s in COMMITMENTS_ES]
    assert [c.id for c in plan.commitments] == [f"summary_{heading_outside}#{s.number}" for s in COMMITMENTS_ES]


def test_english_plan(outside_en):
    _check_fields(outside_en, COMMITMENTS_EN, "en")
    c2 = outside_en.commitments[1]
    assert c2.provenance.page_start < c2.provenance.page_end
    assert "continued" not in c2.what and "What is the commitment" not in c2.what


@pytest.mark.parametrize("heading", ["{number}. {title}", "Compromiso N° {number}: {title}",
                                     "COMPROMISO {number}\n{title}"])
def test_other_heading_forms_in_a_pdf(folder, heading):
    import ambicion

    samples = COMMITMENTS_ES[:6]  # commitment 4's title wraps onto a second line
    plan = ambicion.read_plan(_write(folder, f"form_{len(heading)}", META_ES, samples, heading=heading))
    assert [(c.number, c.title, c.institutions) for c in plan.commitments] == [
        (str(s.number), s.title, (s.institution,)) for s in samples]


def test_prose_plan_is_still_read_as_prose(folder):
    import ambicion
    from ambicion.testing.plans import write_prose_plan

    plan = ambicion.read_plan(write_prose_plan(folder / "prose.pdf", META_ES, COMMITMENTS_ES[:3]))
    assert plan.layout == "prose"
    assert [c.title for c in plan.commitments] == [s.title for s in COMMITMENTS_ES[:3]]


# Commitments of random lengths put page breaks before, inside and after each heading and
# table; the seeds are fixed so a failing layout can be written again and looked at.
_WORDS = ("datos abiertos registro público ciudadanía vigilancia presupuesto municipal "
          "transparencia audiencia reglamento entidad servicio información acceso denuncias "
          "seguimiento comités regional portal contratos proveedores consulta respuesta").split()


def _sentence(rng, low: int, high: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))
    return text[:1].upper() + text[1:] + "."


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_varied_layouts(folder, seed):
    import ambicion
    from ambicion.testing.plans import SampleCommitment

    rng = random.Random(seed)
    want = [SampleCommitment(number=k, title=f"{_sentence(rng, 2, 8)[:-1]} {k}",
                             institution=f"Entidad {k}", dates="2024 - 2025",
                             problem=_sentence(rng, 5, 90), what=_sentence(rng, 5, 140),
                             milestones=tuple((_sentence(rng, 3, 20)[:-1], "enero 2024", "junio 2025")
                                              for _ in range(rng.randint(0, 6))))
            for k in range(1, 7)]
    plan = ambicion.read_plan(_write(folder, f"varied_{seed}", META_ES, want, contents=seed % 2 == 1))
    assert [(c.number, c.title, c.institutions) for c in plan.commitments] == [
        (str(w.number), w.title, (w.institution,)) for w in want]
    for got, w in zip(plan.commitments, want):
        assert got.what == w.what
        assert len(got.milestones) == len(w.milestones)


def test_golden(outside_es, plan_golden):
    plan_golden("plan_headings_outside_es", outside_es)
