"""The study's HTML report and plots: self-contained, escaped, with the figures embedded."""

from __future__ import annotations

import base64
import dataclasses
import re

import pytest

import ambicion
from ambicion.report import plots
from ambicion.study import build_study
from ambicion.testing.studies import keyword_judge, write_study_files


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    files = write_study_files(tmp_path_factory.mktemp("report-study"))
    plans = [ambicion.read_plan(files[y]) for y in ("2017", "2020", "2023")]
    # a hostile title, as a forum might receive it
    first = plans[2].commitments[0]
    hostile = dataclasses.replace(first, title="Agua <script>alert('x')</script>")
    plans[2] = dataclasses.replace(plans[2], commitments=(hostile, *plans[2].commitments[1:]))
    return build_study(plans, [ambicion.read_review(files["review"])], judge=keyword_judge,
                       failures=[("broken.pdf", "not a PDF")])


@pytest.fixture(scope="module")
def page(study):
    return study.to_html()


def _images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]


def test_report_embeds_the_plots_as_png_data_uris(page):
    images = _images(page)
    assert len(images) == 4  # values, ambition, flags, confusion matrix
    assert all(img.startswith(b"\x89PNG\r\n\x1a\n") and len(img) > 5000 for img in images)


def test_report_is_self_contained(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    srcs = re.findall(r'src="([^"]*)"', page)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "<link" not in page and "<script" not in page.lower()


def test_report_escapes_document_text(page):
    assert "<script>alert" not in page
    assert "Agua &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_report_shows_summary_agreement_recycled_and_failures(study, page):
    for period in ("2017-2019", "2020-2021", "2023-2025"):
        assert f"Perú {period}" in page
    assert "Agreement with the IRM" in page and "Cohen" in page
    kappa = study.agreement.set_index(["scope", "indicator"]).loc[("all", "ambition"), "kappa"]
    assert f"{kappa:.2f}" in page
    recycled = page.split("<h2>Recycled commitments</h2>")[1].split("<h2>")[0]
    assert "Datos abiertos de las contrataciones del Estado" in recycled
    assert "Formación en ética pública" not in recycled
    assert "broken.pdf" in page and "not a PDF" in page


def test_report_without_reviews_has_no_agreement_section(study):
    bare = build_study(study.plans[:2], judge=keyword_judge)
    page = bare.to_html()
    assert "Agreement with the IRM" not in page
    assert len(_images(page)) == 3


def test_empty_study_still_renders(tmp_path):
    empty = build_study([], judge=keyword_judge, failures=[("a.pdf", "file not found")])
    page = empty.to_html()
    assert "No plan could be analysed" in page and "a.pdf" in page


def test_confusion_plot_is_a_png(study):
    from ambicion.agreement import confusion_matrix

    png = plots.confusion_plot(confusion_matrix(study.confusion, "ambition"))
    assert png.startswith(b"\x89PNG")


def test_report_modules_do_not_import_the_study():
    import ast
    from pathlib import Path

    import ambicion.report as report

    for path in Path(report.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        for banned in ("study", "agreement", "recycled", "judge"):
            assert not any(m.split(".")[-1] == banned or f".{banned}." in f".{m}." for m in imported), (
                path.name, banned)


def test_two_countries_render(study):
    chile = dataclasses.replace(study.plans[0], country="Chile", source="chile.pdf")
    mixed = build_study([chile, *study.plans[1:]], judge=keyword_judge)
    assert list(mixed.summary["country"]) == ["Chile", "Perú", "Perú"]
    assert not mixed.commitments[mixed.commitments["country"] == "Chile"]["recycled"].any()
    page = mixed.to_html()
    # Peru's two plans over time (values, flags); every plan side by side (ambition, values, flags)
    assert len(_images(page)) == 5
    over_time = page.split("<h2>Over time</h2>")[1].split("<h2>")[0]
    assert "<h3>Perú</h3>" in over_time and "Chile" not in over_time


def test_spanish_report_with_human_labels(study):
    page = study.to_html(lang="es")
    assert '<html lang="es">' in page and "Resumen por plan" in page
    assert "Evolución en el tiempo" in page and "Concordancia con el MRI" in page
    assert "3 planes, 1 revisión del MRI, 10 compromisos; 1 archivo falló." in page
    body = page.split("<h2>Compromisos</h2>")[1]
    assert "Acceso a la información" in body and "Reitera funciones existentes" in body
    for code in ("access_to_information", "public_accountability", "restates_functions", "e_government"):
        assert code not in page.split("</style>")[1], code


def test_wide_tables_scroll_inside_the_page(page):
    summary = page.split("<h2>Summary per plan</h2>")[1].split("<h2>")[0]
    assert '<div class="scroll"><table>' in summary
    assert ".scroll { overflow-x: auto;" in page


def test_captions_say_irm_only_when_it_is_drawn(study, page):
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", page)
    assert any("dashed lines: what the IRM rated." in c for c in captions)  # the 2020 plan has a review
    assert any("Hatched: the IRM" in c for c in captions)
    bare = build_study(study.plans[:2], judge=keyword_judge).to_html()
    bare_captions = re.findall(r"<figcaption>([^<]*)</figcaption>", bare)
    assert bare_captions and not any("IRM" in c for c in bare_captions)


def test_one_plan_per_member_draws_no_lines_over_time(study):
    one_each = [dataclasses.replace(p, country=c, source=f"{c}.pdf")
                for p, c in zip(study.plans, ("Chile", "Perú", "Uruguay"))]
    page = build_study(one_each, judge=keyword_judge).to_html()
    over_time = page.split("<h2>Over time</h2>")[1].split("<h2>")[0]
    assert "<img" not in over_time and "no trend to show" in over_time
    assert len(_images(page)) == 3  # ambition, values and flags as bars per plan
    unknown = [dataclasses.replace(p, country="", source=f"{k}.pdf") for k, p in enumerate(study.plans)]
    page = build_study(unknown, judge=keyword_judge).to_html()
    over_time = page.split("<h2>Over time</h2>")[1].split("<h2>")[0]
    assert "<img" not in over_time  # plans of unknown members are never joined by a line
