"""Write synthetic OGP action plans as PDFs (template tables or prose) and drafts as .docx.

Why: real plans cannot be shipped with the tests, and extraction must be checked against
documents whose content is known exactly. These writers reproduce the layout features that
make real plans hard to read — ruled two-column tables that run across page breaks, a row
split over two pages with its label cell empty or repeated, milestone tables whose heading
repeats on the next page, running headers and footers, numbered prose headings, bullets and
words hyphenated at line ends — while keeping the text under the caller's control.

A field value may contain a form feed (``"\\f"``): the template writer then ends the table
there, starts a new page and continues the same row in a new table, the way a word processor
splits a tall row. `split_label` says whether the continued row's label cell is left empty
("empty") or repeats the label ("repeat").

fpdf2 is imported lazily: it is a test/bench extra, not a runtime dependency.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

MilestoneRow = tuple[str, str, str]  # (text, start, end)


@dataclass(frozen=True)
class PlanMeta:
    """What the first page of a plan says about it."""

    title: str = "Plan de Acción de Gobierno Abierto"
    country: str = "Perú"
    period: str = "2023-2025"
    language: Literal["es", "en"] = "es"
    intro: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleCommitment:
    """One commitment to write; empty fields are left out of the document."""

    number: int | str
    title: str
    institution: str = ""
    problem: str = ""
    what: str = ""
    how: str = ""
    values_claim: str = ""
    additional: str = ""
    dates: str = ""
    milestones: tuple[MilestoneRow, ...] = ()
    other_actors: str = ""
    description: str = ""  # prose plans and drafts: free text without sub-labels


LABELS: Mapping[str, Mapping[str, str]] = {
    "es": {
        "heading": "Compromiso N° {number}: {title}",
        "number": "Compromiso N°",
        "title": "Nombre del compromiso",
        "dates": "Fecha de inicio y término del compromiso",
        "institution": "Institución o actor responsable de la implementación",
        "section": "Descripción del compromiso",
        "problem": "¿Cuál es la problemática que el compromiso aborda?",
        "what": "¿Cuál es el compromiso?",
        "how": "¿Cómo contribuirá a resolver la problemática?",
        "values_claim": "¿Por qué es relevante frente a los valores de OGP?",
        "additional": "Información adicional",
        "other_actors": "Otros actores involucrados",
        "milestone": "Hito / Actividad y producto entregable",
        "start": "Fecha de inicio",
        "end": "Fecha de término",
        "prose_heading": "Compromiso {number}: {title}",
        "outside_heading": "Compromiso {number}. {title}",
        "continued": "Compromiso {number} (continuación)",
        "contents": "Contenido",
        "summary": "Matriz de compromisos",
        "summary_commitment": "Compromiso",
        "prose_institution": "Entidad responsable",
        "prose_milestones": "Hitos",
        "prose_other_actors": "Otros actores",
        "prose_dates": "Fecha de inicio y término",
        "country": "País",
        "period": "Periodo",
    },
    "en": {
        "heading": "Commitment {number}: {title}",
        "number": "Commitment No.",
        "title": "Commitment title",
        "dates": "Commitment start and end date",
        "institution": "Lead implementing agency/actor",
        "section": "Commitment description",
        "problem": "What is the public problem that the commitment will address?",
        "what": "What is the commitment?",
        "how": "How will the commitment contribute to solve the public problem?",
        "values_claim": "Why is this commitment relevant to OGP values?",
        "additional": "Additional information",
        "other_actors": "Other actors involved",
        "milestone": "Milestone activity with a verifiable deliverable",
        "start": "Start date",
        "end": "End date",
        "prose_heading": "Commitment {number} – {title}",
        "outside_heading": "Commitment {number} – {title}",
        "continued": "Commitment {number} (continued)",
        "contents": "Contents",
        "summary": "Summary of commitments",
        "summary_commitment": "Commitment",
        "prose_institution": "Lead implementing agency",
        "prose_milestones": "Milestones",
        "prose_other_actors": "Other actors involved",
        "prose_dates": "Start and end date",
        "country": "Country",
        "period": "Period",
    },
}

FIELD_ORDER = ("dates", "institution", "problem", "what", "how", "values_claim", "additional",
               "other_actors")


def _font_paths() -> tuple[str, str]:
    import matplotlib

    base = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    return os.path.join(base, "DejaVuSans.ttf"), os.path.join(base, "DejaVuSans-Bold.ttf")


def _new_pdf(header: str | None, footer: str | None):
    from fpdf import FPDF

    class _Doc(FPDF):
        def header(self) -> None:  # noqa: D401 - fpdf2 hook
            if header:
                self.set_font("DejaVu", "", 8)
                self.cell(0, 5, header, align="R")
                self.ln(9)

        def footer(self) -> None:
            if footer:
                self.set_y(-13)
                self.set_font("DejaVu", "", 8)
                self.cell(0, 5, footer.format(page=self.page_no(), pages="{nb}"), align="C", new_x="LMARGIN", new_y="NEXT")

    pdf = _Doc(format="A4")
    regular, bold = _font_paths()
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(15, 15, 15)
    pdf.set_creator("ambicion test generator")
    # a fixed date keeps regenerated files byte-identical (clean diffs, stable benchmarks)
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    return pdf


def _title_page(pdf, meta: PlanMeta, *, new_page: bool = True) -> None:
    lab = LABELS[meta.language]
    if new_page:
        pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, meta.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 12)
    if meta.country:
        pdf.multi_cell(0, 7, f"{lab['country']}: {meta.country}", align="C", new_x="LMARGIN", new_y="NEXT")
    if meta.period:
        pdf.multi_cell(0, 7, f"{lab['period']}: {meta.period}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 10)
    for para in meta.intro:
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


# ---------------------------------------------------------------- template layout


def write_template_plan(
    path: str | Path,
    meta: PlanMeta,
    commitments: Sequence[SampleCommitment | Mapping[str, Any]],
    *,
    header: str | None = "Plan de Acción de Gobierno Abierto",
    footer: str | None = "Página {page} de {pages}",
    number_row: Literal["span", "split"] = "span",
    split_label: Literal["empty", "repeat"] = "empty",
    new_page_per_commitment: bool = False,
    font_size: float = 9,
    heading_outside: bool = False,
    heading: str | None = None,
    continued_heading: bool = False,
    contents: bool = False,
    summary: bool = False,
) -> Path:
    """Write a plan in the OGP template: a ruled two-column table per commitment, then its
    milestones table (milestone | start | end). Returns the path written.

    `number_row="span"` opens each table with one merged row "Compromiso N° 1: <title>";
    `"split"` uses two label rows (number, title) instead.

    With `heading_outside`, each commitment's heading is printed as a bold line of text
    above its table (`heading` is its format string with {number} and {title}, e.g.
    "{number}. {title}"), and the table starts straight with the commitment's fields.
    `continued_heading` prints "Compromiso N (continuación)" above a table continued on a
    new page; `contents` adds a table of contents (headings, dotted leaders, page numbers)
    after the cover, and `summary` a summary matrix before it (one row per commitment:
    heading, responsible institution, dates).
    """
    from fpdf.fonts import FontFace

    lab = LABELS[meta.language]
    heading = heading or lab["outside_heading"]
    items = [_as_commitment(raw) for raw in commitments]
    pdf = _new_pdf(header, footer)
    _title_page(pdf, meta)
    if summary:
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.cell(0, 9, lab["summary"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", font_size)
        with _open_table(pdf, (80, 60, 40), headings=True) as table:
            row = table.row()
            for text in (lab["summary_commitment"], lab["institution"], lab["dates"]):
                row.cell(text)
            for c in items:
                row = table.row()
                row.cell((heading if heading_outside else lab["heading"]).format(number=c.number, title=c.title))
                row.cell(c.institution)
                row.cell(c.dates)
    if contents:
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.cell(0, 9, lab["contents"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        pdf.insert_toc_placeholder(_render_contents, pages=1)
    bold = FontFace(emphasis="BOLD")
    shaded = FontFace(emphasis="BOLD", fill_color=(220, 230, 241))
    for i, c in enumerate(items):
        if new_page_per_commitment and i > 0 or i == 0 and not contents:
            pdf.add_page()  # (the table of contents ends with a page break of its own)
        elif i > 0:
            pdf.ln(8)
        continued = None
        if heading_outside:
            text = heading.format(number=c.number, title=c.title)
            if contents:
                pdf.start_section(text)
            pdf.set_font("DejaVu", "B", font_size + 2)
            pdf.multi_cell(0, (font_size + 2) * 0.6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            if continued_heading:
                continued = lab["continued"].format(number=c.number)
        elif contents:
            pdf.start_section(lab["heading"].format(number=c.number, title=c.title))
        pdf.set_font("DejaVu", "", font_size)
        rows: list[tuple[str, str, str]] = []  # (kind, label, value)
        if heading_outside:
            pass  # the heading is the text line above: the table starts with the fields
        elif number_row == "span":
            rows.append(("span", lab["heading"].format(number=c.number, title=c.title), ""))
        else:
            rows.append(("pair", lab["number"], str(c.number)))
            rows.append(("pair", lab["title"], c.title))
        for name in FIELD_ORDER[:2]:
            if getattr(c, name):
                rows.append(("pair", lab[name], getattr(c, name)))
        if any(getattr(c, n) for n in ("problem", "what", "how", "values_claim")):
            rows.append(("span", lab["section"], ""))
        for name in FIELD_ORDER[2:]:
            if getattr(c, name):
                rows.append(("pair", lab[name], getattr(c, name)))
        if c.description:
            rows.append(("pair", lab["section"], c.description))
        _write_label_table(pdf, rows, bold, shaded, split_label, continued, font_size)
        if c.milestones:
            pdf.ln(4)
            _write_milestones(pdf, lab, c.milestones)
    return _save(pdf, path)


def _render_contents(pdf, outline) -> None:
    """The table of contents: one line per commitment, dotted leader, page number."""
    for section in outline:
        number = str(section.page_number)
        width = pdf.epw - pdf.get_string_width(number) - 4
        name = section.name
        while pdf.get_string_width(name + " ...") > width and " " in name:
            name = name.rsplit(" ", 1)[0]
        dots = "." * max(3, int((width - 2 - pdf.get_string_width(name + " ")) / pdf.get_string_width(".")))
        pdf.cell(width, 6, f"{name} {dots}")
        pdf.cell(0, 6, number, align="R", new_x="LMARGIN", new_y="NEXT")


def _open_table(pdf, widths: Sequence[float], headings: bool):
    return pdf.table(col_widths=tuple(widths), width=sum(widths), first_row_as_headings=headings,
                     text_align="LEFT", line_height=pdf.font_size * 1.45,
                     padding=1.5, align="LEFT", v_align="TOP")


def _write_label_table(pdf, rows, bold, shaded, split_label: str, continued: str | None = None,
                       font_size: float = 9) -> None:
    widths = (62, 118)
    pending = list(rows)
    first = True
    while pending:
        if not first and continued:
            pdf.set_font("DejaVu", "B", font_size + 2)
            pdf.multi_cell(0, (font_size + 2) * 0.6, continued, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            pdf.set_font("DejaVu", "", font_size)
        first = False
        carry: tuple[str, str, str] | None = None
        with _open_table(pdf, widths, headings=False) as table:
            while pending:
                kind, label, value = pending.pop(0)
                row = table.row()
                if kind == "span":
                    row.cell(label, colspan=2, style=shaded)
                    continue
                head, sep, tail = value.partition("\f")
                row.cell(label, style=bold)
                row.cell(head.strip())
                if sep:
                    carry = ("pair", label if split_label == "repeat" else "", tail.strip())
                    break
        if carry is not None:
            pdf.add_page()
            pending.insert(0, carry)


def _write_milestones(pdf, lab: Mapping[str, str], milestones: Iterable[MilestoneRow]) -> None:
    with _open_table(pdf, (110, 35, 35), headings=True) as table:
        row = table.row()
        for text in (lab["milestone"], lab["start"], lab["end"]):
            row.cell(text)
        for text, start, end in milestones:
            row = table.row()
            row.cell(text)
            row.cell(start)
            row.cell(end)


# ---------------------------------------------------------------- prose layout


def write_prose_plan(
    path: str | Path,
    meta: PlanMeta,
    commitments: Sequence[SampleCommitment | Mapping[str, Any]],
    *,
    header: str | None = "Plan de Acción de Gobierno Abierto",
    footer: str | None = "{page}",
    heading: str | None = None,
    hyphenate: bool = True,
    bullet: str = "•",
    font_size: float = 10,
) -> Path:
    """Write a prose plan: numbered bold headings, labelled paragraphs, bulleted milestones
    with dates in brackets, and (with `hyphenate`) long words split with a hyphen at line ends.

    `heading` is a format string with {number} and {title}, e.g. "{number}. {title}".
    """
    lab = LABELS[meta.language]
    heading = heading or lab["prose_heading"]
    pdf = _new_pdf(header, footer)
    _title_page(pdf, meta)
    pdf.add_page()
    width = pdf.epw
    for raw in commitments:
        c = _flat(_as_commitment(raw))
        pdf.set_font("DejaVu", "B", font_size + 2)
        _paragraph(pdf, heading.format(number=c.number, title=c.title), width, hyphenate=False)
        pdf.ln(2)
        pdf.set_font("DejaVu", "", font_size)
        if c.institution:
            _paragraph(pdf, f"{lab['prose_institution']}: {c.institution}", width, hyphenate)
        if c.dates:
            _paragraph(pdf, f"{lab['prose_dates']}: {c.dates}", width, hyphenate)
        for text in (c.description, c.problem, c.what, c.how, c.values_claim, c.additional):
            if text:
                _paragraph(pdf, text, width, hyphenate)
        if c.milestones:
            _paragraph(pdf, f"{lab['prose_milestones']}:", width, False)
            for text, start, end in c.milestones:
                when = f" ({start} – {end})" if start and end else (f" ({end})" if end else "")
                _paragraph(pdf, f"{bullet} {text}{when}", width, hyphenate, indent=5)
        if c.other_actors:
            _paragraph(pdf, f"{lab['prose_other_actors']}: {c.other_actors}", width, hyphenate)
        pdf.ln(5)
    return _save(pdf, path)


def _paragraph(pdf, text: str, width: float, hyphenate: bool, indent: float = 0) -> None:
    """Lay out one paragraph line by line, splitting long words with a hyphen when asked."""
    line_h = pdf.font_size * 1.45
    for line in _wrap(pdf, text, width - indent, hyphenate):
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width - indent, line_h, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _wrap(pdf, text: str, width: float, hyphenate: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        if hyphenate and current and len(word) >= 9 and word.isalpha():
            room = width - pdf.get_string_width(current + " -")
            cut = 0
            for k in range(3, len(word) - 3):
                if pdf.get_string_width(word[:k]) <= room:
                    cut = k
            if cut:
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
                continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------- drafts


def write_draft_docx(
    path: str | Path,
    commitments: Sequence[SampleCommitment | Mapping[str, Any]],
    *,
    language: Literal["es", "en"] = "es",
    intro: str = "",
    as_table: bool = True,
) -> Path:
    """Write a forum draft as a Word file: each commitment as the template table (or as
    prose paragraphs when `as_table` is False). python-docx is a core dependency."""
    import docx

    lab = LABELS[language]
    doc = docx.Document()
    if intro:
        doc.add_paragraph(intro)
    for raw in commitments:
        c = _flat(_as_commitment(raw))
        if as_table:
            rows: list[tuple[str, str | None]] = [(lab["heading"].format(number=c.number, title=c.title), None)]
            for name in FIELD_ORDER:
                if getattr(c, name):
                    rows.append((lab[name], getattr(c, name)))
            if c.description:
                rows.append((lab["section"], c.description))
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in rows:
                cells = table.add_row().cells
                if value is None:
                    merged = cells[0].merge(cells[1])
                    merged.text = label
                else:
                    cells[0].text = label
                    cells[1].text = value
            if c.milestones:
                mt = doc.add_table(rows=1, cols=3)
                mt.style = "Table Grid"
                for cell, text in zip(mt.rows[0].cells, (lab["milestone"], lab["start"], lab["end"])):
                    cell.text = text
                for text, start, end in c.milestones:
                    cells = mt.add_row().cells
                    cells[0].text, cells[1].text, cells[2].text = text, start, end
            doc.add_paragraph("")
        else:
            doc.add_heading(lab["prose_heading"].format(number=c.number, title=c.title), level=2)
            if c.institution:
                doc.add_paragraph(f"{lab['prose_institution']}: {c.institution}")
            for text in (c.description, c.problem, c.what, c.how):
                if text:
                    doc.add_paragraph(text)
            if c.milestones:
                doc.add_paragraph(f"{lab['prose_milestones']}:")
                for text, start, end in c.milestones:
                    doc.add_paragraph(f"{text} ({start} – {end})", style="List Bullet")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


# ---------------------------------------------------------------- helpers


def _as_commitment(raw: SampleCommitment | Mapping[str, Any]) -> SampleCommitment:
    data = dict(raw.__dict__) if isinstance(raw, SampleCommitment) else dict(raw)
    data["milestones"] = tuple(tuple(m) for m in data.get("milestones", ()))
    return SampleCommitment(**data)


def _flat(c: SampleCommitment) -> SampleCommitment:
    """Drop forced page breaks for layouts that do not use them (prose, Word)."""
    fix = {k: " ".join(v.replace("\f", " ").split()) for k, v in c.__dict__.items()
           if isinstance(v, str)}
    return SampleCommitment(**{**c.__dict__, **fix})


def _save(pdf, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target


__all__ = ["PlanMeta", "SampleCommitment", "write_template_plan", "write_prose_plan",
           "write_draft_docx", "LABELS"]
