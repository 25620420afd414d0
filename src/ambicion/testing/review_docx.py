"""Older IRM progress reports written as Word documents and exported to PDF by LibreOffice.

Why: governments and the IRM write in Word and publish the PDF that Word or LibreOffice
exports, and that export makes difficulties the fpdf2 generators only imitate: level headers
set in a "bottom to top" text direction, header rows Word repeats on each page, rows that
split across a page break, merged theme rows, titles that wrap. This module writes such a
.docx with python-docx and, where LibreOffice is installed, turns it into a PDF; tests skip
where `soffice` is absent. The printed labels are the synthetic generators' own
(testing/reviews.py), so `expected(...)` gives what a correct reader returns.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping, Sequence

from .reviews import _LABELS, _MARKS, LegacyItem, _chosen, _legacy_columns, expected

CONVERT_TIMEOUT = 180  # seconds for one LibreOffice conversion on a loaded machine
FIRST_COLUMN_MM = 70.0  # the commitment column of the overview table


def soffice() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_path: str | Path, pdf_path: str | Path) -> Path:
    """Export `docx_path` to `pdf_path` with LibreOffice (headless, its own profile)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src, target = Path(docx_path), Path(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True,
                       timeout=CONVERT_TIMEOUT)
        made = Path(tmp, src.with_suffix(".pdf").name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), target)
    return target


def _set_cell_xml(cell, tag: str, **attrs: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    props.append(el)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _write_cell(cell, text: str, size: float, bold: bool = False) -> None:
    from docx.shared import Pt

    cell.text = ""
    par = cell.paragraphs[0]
    run = par.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def write_progress_report_docx(path: str | Path, items: Sequence[LegacyItem], *,
                               language: str = "es", themes: Mapping[int, str] | None = None,
                               filler_paragraphs: int = 6, star_at_end: bool = True) -> list[dict]:
    """Write the .docx of an older progress report: a cover title, some text, the overview
    tick table (level headers bottom to top, both header rows repeated on each page, theme
    rows merged across, a ✪ before starred titles) and one section per commitment whose
    bold title wraps, with ✪ after it when `star_at_end`. Returns `expected(items)`."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    lab = _LABELS[language]
    themes = themes or {}
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    title = doc.add_paragraph()
    run = title.add_run(f"{lab['irm']}: {lab['kinds']['progress_report']} 2016-2017")
    run.font.size, run.bold = Pt(26), False
    for _ in range(filler_paragraphs):  # text that pushes the table across the page break
        doc.add_paragraph(lab["intro"] + " " + lab["prose"])
    groups = _legacy_columns(lab, "progress_report", "full")
    ncols = 1 + sum(len(cols) for _, cols in groups)
    table = doc.add_table(rows=2, cols=ncols)
    table.style = "Table Grid"
    top, levels = table.rows
    for row in (top, levels):
        _repeat_as_header(row)
    _write_cell(top.cells[0], lab["overview_first"], 7, bold=True)
    top.cells[0].merge(levels.cells[0])
    col = 1
    for label, cols in groups:
        span = top.cells[col].merge(top.cells[col + len(cols) - 1]) if len(cols) > 1 else top.cells[col]
        _write_cell(span, label, 7, bold=True)
        for _, sub in cols:
            cell = levels.cells[col]
            _write_cell(cell, sub, 6)
            _set_cell_xml(cell, "w:textDirection", **{"w:val": "btLr"})
            col += 1
    levels.height = Mm(32)
    table.autofit = False
    widths = [Mm(FIRST_COLUMN_MM)] + [Mm((297 - 30 - FIRST_COLUMN_MM) / (ncols - 1))] * (ncols - 1)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for i, it in enumerate(items):
        if i in themes:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            _write_cell(merged, themes[i], 7, bold=True)
        cells = table.add_row().cells
        _write_cell(cells[0], f"{'✪ ' if it.starred else ''}{it.number}. {it.title}", 7)
        col = 1
        for gi, (_, cols) in enumerate(groups):
            for code, _ in cols:
                if _chosen(it, gi, code, "progress_report"):
                    _write_cell(cells[col], _MARKS["check"], 7)
                col += 1
    for column, width in zip(table.columns, widths):  # LibreOffice reads the grid's widths
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for it in items:
        heading = doc.add_paragraph()
        star = " ✪" if it.starred and star_at_end else ""
        run = heading.add_run(f"{lab['commitment']} {it.number}. {it.title}{star}")
        run.bold, run.font.size = True, Pt(14)
        doc.add_paragraph(lab["prose"])
    doc.save(str(path))
    return expected(items, "progress_report")


def write_section_report_docx(path: str | Path, items: Sequence[LegacyItem], *, language: str = "es",
                              paragraphs: Sequence[int] | None = None,
                              short_lines: Sequence[int] | None = None) -> list[dict]:
    """Write the .docx of an older progress report made only of sections: per commitment a
    bold "N. Title" heading (✪ after starred titles), `paragraphs[i]` paragraphs of text, and a
    one-row tick table with no label column whose narrow level headers wrap letter groups
    over many lines — so a page break can fall inside the header row. `short_lines[i]` one-line
    paragraphs before table i place it finely on the page. Portrait A4."""
    import docx
    from docx.shared import Mm, Pt

    lab = _LABELS[language]
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    title = doc.add_paragraph()
    run = title.add_run(f"{lab['irm']}: {lab['kinds']['progress_report']} 2015-2016")
    run.font.size = Pt(26)
    groups = _legacy_columns(lab, "progress_report", "abbrev")
    ncols = sum(len(cols) for _, cols in groups)
    for i, it in enumerate(items):
        heading = doc.add_paragraph()
        run = heading.add_run(f"{it.number}. {it.title}{' ✪' if it.starred else ''}")
        run.bold, run.font.size = True, Pt(13)
        for _ in range(paragraphs[i] if paragraphs else 2):
            doc.add_paragraph(lab["prose"])
        for _ in range(short_lines[i] if short_lines else 0):
            doc.add_paragraph(lab["analysis"])
        table = doc.add_table(rows=3, cols=ncols)
        table.style = "Table Grid"
        top, levels, marks = table.rows
        col = 0
        for label, cols in groups:
            span = top.cells[col].merge(top.cells[col + len(cols) - 1])
            _write_cell(span, label, 8, bold=True)
            for _, sub in cols:
                _write_cell(levels.cells[col], sub, 8)
                col += 1
        col = 0
        for gi, (_, cols) in enumerate(groups):
            for code, _ in cols:
                if _chosen(it, gi, code, "progress_report"):
                    _write_cell(marks.cells[col], _MARKS["check"], 8)
                col += 1
        doc.add_paragraph(lab["analysis"] + ": " + lab["prose"])
    doc.save(str(path))
    return expected(items, "progress_report")


__all__ = ["soffice", "docx_to_pdf", "write_progress_report_docx", "write_section_report_docx"]
