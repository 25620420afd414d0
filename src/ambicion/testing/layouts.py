"""Word files in the layouts governments publish, to be exported to PDF by LibreOffice.

Each builder writes one .docx reproducing one difficulty of real plans (texts invented
here): a commitment sheet with a merged dark title row, shaded labels and a 5-column
milestone table whose header repeats on each page; landscape "Campo | Descripción |
Observaciones" tables with a notes column, a repeated header row and a running header with
"Página X de Y"; label | value tables without any border under bold headings that wrap over
several lines; an English template with "Lead institution", "Duration" and an "Expected
outputs" milestone table. `to_pdf` converts them in one LibreOffice run, as a government
office would export them.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

LONG = ("La entidad ampliará el registro con información desagregada por distrito, la publicará "
        "cada mes en formatos abiertos y responderá por escrito a cada observación recibida de las "
        "organizaciones vecinales, dejando constancia pública de la respuesta. ")


@dataclass(frozen=True)
class Sheet:
    """One invented commitment."""

    number: int
    title: str
    institution: str
    description: str
    milestones: tuple[tuple[str, str, str], ...]  # text, start, end


SHEETS_ES = (
    Sheet(1, "Registro abierto de obras municipales", "Municipalidad Provincial del Norte",
          "Publicar cada obra con su presupuesto y su avance. " + LONG * 6,
          (("Catálogo de datos de obras aprobado", "03/2025", "06/2025"),
           ("Portal de obras abierto al público", "07/2025", "12/2025"),
           ("Primer informe de uso del portal", "01/2026", "03/2026"))),
    Sheet(2, "Mesas vecinales de seguimiento del presupuesto participativo en los distritos rurales "
             "de la provincia con actas públicas y respuesta obligatoria de la autoridad en un plazo fijo",
          "Gerencia de Participación Vecinal",
          "Instalar mesas trimestrales donde los vecinos revisan la ejecución del gasto. " + LONG * 5,
          (("Reglamento de las mesas publicado", "02/2025", "04/2025"),
           ("Primera ronda de mesas con actas abiertas", "05/2025", "08/2025"))),
    Sheet(3, "Agenda pública de reuniones de autoridades", "Secretaría General",
          "Publicar en línea las reuniones con gestores de intereses. " + LONG * 4,
          (("Formato de agenda aprobado", "01/2025", "03/2025"),
           ("Agenda publicada en datos abiertos", "04/2025", "06/2025"),
           ("Evaluación con sociedad civil", "07/2025", "09/2025"),
           ("Informe final publicado", "10/2025", "12/2025"))),
)

SHEETS_EN = (
    Sheet(1, "Open register of school meals suppliers", "Ministry of Education",
          "Publish every supplier contract with its delivery reports. " + "The ministry will answer "
          "each parents' association in writing and publish the answers. " * 6,
          (("Data standard agreed with parents' associations", "March 2025", "June 2025"),
           ("Register online", "July 2025", "December 2025"))),
    Sheet(2, "Citizen audits of rural water works", "National Water Authority",
          "Train community monitors who audit water works twice a year. " + "Findings are published "
          "on the authority's portal within thirty days. " * 6,
          (("Monitors trained in ten districts", "April 2025", "August 2025"),
           ("First audit round published", "September 2025", "January 2026"),
           ("Follow-up hearing held", "February 2026", "May 2026"))),
)

_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre")


def spelled(date: str) -> str:
    """"06/2025" as a plan writes it in running text: "junio de 2025"."""
    month, year = date.split("/")
    return f"{_MONTHS[int(month) - 1]} de {year}"


NOTE_TEXT = "Nota interna de la mesa"  # the notes column: must never reach a field
RUNNING_HEADER = "Plan Provincial de Gobierno Abierto · Matriz de compromisos"


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _page_field(paragraph) -> None:
    """Append "Página <PAGE> de <NUMPAGES>" as Word fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(code: str) -> None:
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, code), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.text = text
            run._r.append(el)

    paragraph.add_run(" Página ")
    field("PAGE")
    paragraph.add_run(" de ")
    field("NUMPAGES")


def write_ficha(path: Path, sheets: Sequence[Sheet] = SHEETS_ES) -> Path:
    """Commitment sheets: a dark title row merged over both columns, shaded label cells, and a
    milestone table `N° | Hito | Fecha inicio | Fecha fin | Entidad responsable` whose header
    row repeats on each page."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Fichas de compromisos del plan provincial.")
    for s in sheets:
        t = doc.add_table(rows=1, cols=2)
        t.style = "Table Grid"
        title = t.rows[0].cells[0].merge(t.rows[0].cells[1])
        title.text = f"Compromiso N° {s.number}: {s.title}"
        _shade(title, "1F3864")
        for label, value in (("Fecha de inicio y término del compromiso", f"{s.milestones[0][1]} – {s.milestones[-1][2]}"),
                             ("Entidad responsable", s.institution),
                             ("Descripción del compromiso", s.description)):
            cells = t.add_row().cells
            cells[0].text, cells[1].text = label, value
            _shade(cells[0], "D9E2F3")
        doc.add_paragraph("")
        m = doc.add_table(rows=1, cols=5)
        m.style = "Table Grid"
        for cell, text in zip(m.rows[0].cells, ("N°", "Hito", "Fecha inicio", "Fecha fin", "Entidad responsable")):
            cell.text = text
        _repeat_header(m.rows[0])
        for k, (text, start, end) in enumerate(s.milestones, start=1):
            cells = m.add_row().cells
            for cell, value in zip(cells, (f"{s.number}.{k}", text, start, end, s.institution)):
                cell.text = value
        doc.add_paragraph("")
    doc.save(str(path))
    return path


def write_landscape(path: Path, sheets: Sequence[Sheet] = SHEETS_ES) -> Path:
    """Landscape pages; each commitment a `Campo | Descripción | Observaciones` table with its
    header row repeated, a notes column, and a running header with "Página X de Y"."""
    import docx
    from docx.enum.section import WD_ORIENT

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    header = section.header.paragraphs[0]
    header.text = RUNNING_HEADER
    _page_field(header)
    doc.add_paragraph("Matrices de compromisos aprobadas por el comité.")
    for s in sheets:
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, ("Campo", "Descripción", "Observaciones")):
            cell.text = text
        _repeat_header(t.rows[0])
        rows = (("Compromiso", f"{s.number}. {s.title}", f"{NOTE_TEXT}: eje {s.number}"),
                ("Institución responsable", s.institution, f"{NOTE_TEXT}: punto focal"),
                ("Descripción del compromiso", s.description, f"{NOTE_TEXT}: texto validado"),
                ("Hitos", "\n".join(f"{k}. {m[0]} ({spelled(m[2])})" for k, m in enumerate(s.milestones, 1)),
                 f"{NOTE_TEXT}: medio de verificación"),
                ("Fecha de inicio y término", f"{s.milestones[0][1]} – {s.milestones[-1][2]}", ""))
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text
        doc.add_paragraph("")
    doc.save(str(path))
    return path


def write_borderless(path: Path, sheets: Sequence[Sheet] = SHEETS_ES) -> Path:
    """Label | value tables with no border at all (labels without a colon) under a bold
    commitment heading that wraps over several lines."""
    import docx
    from docx.shared import Cm, Pt

    doc = docx.Document()
    doc.add_paragraph("Compromisos con su entidad responsable, su descripción y sus hitos.")
    for s in sheets:
        run = doc.add_paragraph().add_run(f"Compromiso {s.number}: {s.title}")
        run.bold = True
        run.font.size = Pt(12)
        t = doc.add_table(rows=0, cols=2)  # the default table style draws no borders
        for label, value in (("Entidad responsable", s.institution),
                             ("Período de implementación", f"{s.milestones[0][1]} – {s.milestones[-1][2]}"),
                             ("Descripción", s.description),
                             ("Hitos", "\n".join(f"• {m[0]} ({spelled(m[2])})" for m in s.milestones))):
            cells = t.add_row().cells
            cells[0].width, cells[1].width = Cm(4), Cm(12)
            cells[0].paragraphs[0].add_run(label).bold = True
            lines = value.split("\n")
            cells[1].text = lines[0]
            for line in lines[1:]:
                cells[1].add_paragraph(line)
        doc.add_paragraph("")
    doc.save(str(path))
    return path


def write_matrix_en(path: Path, sheets: Sequence[Sheet] = SHEETS_EN) -> Path:
    """English sheets: a heading above each table, "Lead institution" and "Duration" labels,
    and a milestone table `Milestones | Expected outputs | Expected completion date |
    Stakeholders`."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Commitment sheets of the national action plan.")
    for s in sheets:
        doc.add_heading(f"Commitment {s.number}: {s.title}", level=2)
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, value in (("Lead institution", s.institution),
                             ("Duration", f"{s.milestones[0][1]} – {s.milestones[-1][2]}"),
                             ("Description", s.description)):
            cells = t.add_row().cells
            cells[0].text, cells[1].text = label, value
        doc.add_paragraph("")
        m = doc.add_table(rows=1, cols=4)
        m.style = "Table Grid"
        for cell, text in zip(m.rows[0].cells, ("Milestones", "Expected outputs", "Expected completion date",
                                                "Stakeholders")):
            cell.text = text
        for text, _start, end in s.milestones:
            cells = m.add_row().cells
            for cell, value in zip(cells, (text, "Report published", end, "Civil society forum")):
                cell.text = value
        doc.add_paragraph("")
    doc.save(str(path))
    return path


def soffice() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_files: Sequence[Path], out_dir: Path, timeout: float = 240.0) -> list[Path]:
    """Export Word files to PDF with LibreOffice, in one run (its start-up is the slow part)."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = out_dir / "lo-profile"
    subprocess.run([command, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)],
                   check=True, capture_output=True, timeout=timeout)
    return [out_dir / (Path(f).stem + ".pdf") for f in docx_files]


def write_matrix_rows(path: Path, sheets: Sequence[Sheet] = SHEETS_ES) -> Path:
    """A plan that is one matrix: one commitment per row under `N° | Compromiso | Entidad
    responsable | Hitos`, a theme row merged across, the header repeated on each page."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Matriz de compromisos del plan provincial.")
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("N°", "Compromiso", "Entidad responsable", "Hitos")):
        cell.text = text
    _repeat_header(t.rows[0])
    theme = t.add_row().cells
    theme[0].merge(theme[3]).text = "Eje temático: transparencia y participación"
    for s in sheets:
        cells = t.add_row().cells
        values = (str(s.number), s.title, s.institution,
                  "\n".join(f"• {m[0]} ({spelled(m[2])})" for m in s.milestones))
        for cell, text in zip(cells, values):
            cell.text = text
    doc.save(str(path))
    return path
