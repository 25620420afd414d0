"""Running headers and footers go; commitment headings that sit where headers sit stay."""

from __future__ import annotations

from ambicion.pdf.pages import Line, Page, strip_running_lines


def _page(number: int, top_text: str, bottom_text: str) -> Page:
    return Page(number=number, width=600, height=800, tables=(), lines=(
        Line(top_text, 50, 20, 300, 32),
        Line("Texto del cuerpo de la página.", 50, 400, 500, 412),
        Line(bottom_text, 50, 770, 300, 782),
    ))


def test_page_numbered_footer_and_constant_header_are_removed():
    pages = [_page(i, "Plan de Acción 2023-2025", f"Página {i} de 4") for i in range(1, 5)]
    out = strip_running_lines(pages)
    assert all([line.text for line in p.lines] == ["Texto del cuerpo de la página."] for p in out)


def test_bare_commitment_headings_at_page_tops_are_kept():
    """Regression: 'COMPROMISO N' atop every page once matched itself with digits folded."""
    pages = [_page(i, f"COMPROMISO {i}", "Plan de Acción | Perú") for i in range(1, 5)]
    out = strip_running_lines(pages)
    assert [p.lines[0].text for p in out] == [f"COMPROMISO {i}" for i in range(1, 5)]
    assert all(len(p.lines) == 2 for p in out)  # the constant footer still goes
