"""The round's written feedback as a file: HTML, Markdown, XLSX (the library's forum report) or Word.

Why a thin adapter: the library's forum report (`ambicion.report.forum`) already says, per
proposal, what the screening found; this module adds what the forum decided and answered,
and writes the Word letter the forum mails to participants. When the library renders
decisions itself, only this module changes.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Sequence

from ambicion.report.forum import forum_html, forum_markdown, md_escape, write_forum_report
from ambicion.report.htmlkit import esc

from .store import Proposal, Round
from .texts import decision_label, decisions, words
from .views import card

ExportFormat = Literal["html", "md", "xlsx", "docx"]
FORMATS: tuple[ExportFormat, ...] = ("html", "xlsx", "md", "docx")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Export:
    filename: str
    media_type: str
    data: bytes


def export(rnd: Round, proposals: Sequence[Proposal], fmt: ExportFormat, lang: str) -> Export:
    """The written feedback of round `rnd` with every proposal's decision and answer."""
    writers = {"html": _html, "md": _markdown, "xlsx": _xlsx, "docx": _docx}
    data = writers[fmt](rnd, proposals, lang)
    return Export(f"{_slug(rnd.name) or 'ronda'}-{rnd.id}.{fmt}", MEDIA_TYPES[fmt], data)


def xml_safe(text: str) -> str:
    """Drop control characters that Word and Excel files cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def _html(rnd: Round, proposals: Sequence[Proposal], lang: str) -> bytes:
    w = words(lang)
    page = forum_html([p.assessment for p in proposals], lang)
    head = f'<p class="muted">{esc(w["feedback_title"].format(round=rnd.name))}</p>\n'
    rows = "".join(
        f"<tr><td class=\"num\">{i}</td><td>{esc(card(p, i, lang).title)}</td>"
        f"<td>{esc(p.source)}</td><td>{esc(decision_label(p.decision, lang))}</td>"
        f'<td style="white-space: pre-wrap">{esc(p.answer)}</td></tr>'
        for i, p in enumerate(proposals, 1))
    section = (f"<h2>{esc(w['decisions_heading'])}</h2><table><thead><tr>"
               f"<th>{esc(w['number'])}</th><th>{esc(w['title'])}</th><th>{esc(w['source'])}</th>"
               f"<th>{esc(w['decision'])}</th><th>{esc(w['answer'])}</th></tr></thead>"
               f"<tbody>{rows}</tbody></table>\n")
    page = page.replace("<body>\n", "<body>\n" + head, 1)
    cut = page.rfind("</body>")
    return (page[:cut] + section + page[cut:]).encode("utf-8")


def _markdown(rnd: Round, proposals: Sequence[Proposal], lang: str) -> bytes:
    w = words(lang)
    out = [f"_{md_escape(w['feedback_title'].format(round=rnd.name))}_", "",
           forum_markdown([p.assessment for p in proposals], lang).rstrip("\n"), "",
           f"## {md_escape(w['decisions_heading'])}"]
    for i, p in enumerate(proposals, 1):
        out += ["", f"### {i}\\. {md_escape(card(p, i, lang).title)}", "",
                f"- **{md_escape(w['source'])}:** {md_escape(p.source)}",
                f"- **{md_escape(w['decision'])}:** {md_escape(decision_label(p.decision, lang))}",
                f"- **{md_escape(w['answer'])}:**"]
        out += [f"  {md_escape(line)}" for line in p.answer.splitlines() if line.strip()]
    return ("\n".join(out) + "\n").encode("utf-8")


def _xlsx(rnd: Round, proposals: Sequence[Proposal], lang: str) -> bytes:
    """The library's spreadsheet with the decision (a drop-down list) and answer filled in."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from ambicion.frames import neutralize

    w = words(lang)
    with tempfile.TemporaryDirectory(prefix="ambicion-desk-") as tmp:
        path = Path(tmp) / "feedback.xlsx"
        write_forum_report([p.assessment for p in proposals], path, "xlsx", lang)
        book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    columns = {}
    for key in ("decision", "answer"):
        name = w[key]
        if name in header:  # the library may already leave these columns for the forum
            columns[key] = header.index(name) + 1
        else:
            header.append(name)
            columns[key] = len(header)
            cell = sheet.cell(row=1, column=columns[key], value=name)
            cell.font = Font(bold=True)
    labels = [d[lang] for d in decisions().values()]
    letter = sheet.cell(row=1, column=columns["decision"]).column_letter
    if not any(letter in str(v.sqref) for v in sheet.data_validations.dataValidation):
        dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
        dv.add(f"{letter}2:{letter}{max(2, len(proposals) + 1)}")
        sheet.add_data_validation(dv)
    for row, p in enumerate(proposals, 2):
        sheet.cell(row=row, column=columns["decision"],
                   value=decisions()[p.decision][lang] if p.decision in decisions() else None)
        answer = sheet.cell(row=row, column=columns["answer"], value=neutralize(xml_safe(p.answer)))
        answer.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[letter].width = 22
    sheet.column_dimensions[sheet.cell(row=1, column=columns["answer"]).column_letter].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx(rnd: Round, proposals: Sequence[Proposal], lang: str) -> bytes:
    """A letter-like Word document: per proposal, the decision and answer first, then why."""
    import docx

    from ambicion import __version__

    w = words(lang)
    doc = docx.Document()
    doc.core_properties.title = xml_safe(w["feedback_title"].format(round=rnd.name))
    doc.add_heading(xml_safe(w["feedback_title"].format(round=rnd.name)), level=1)
    doc.add_paragraph(w["feedback_intro"])
    for i, p in enumerate(proposals, 1):
        c = card(p, i, lang)
        doc.add_heading(xml_safe(f"{w['proposal'].format(n=i)}. {c.title}"), level=2)
        _field(doc, w["source"], c.source)
        _field(doc, w["decision"], c.decision_label)
        _field(doc, w["answer"], p.answer or "—")
        _field(doc, w["values"], ", ".join(c.values) or w["none_values"])
        ambition = c.ambition + (f" ({c.confidence})" if c.confidence else "")
        _field(doc, w["ambition"], ambition)
        _field(doc, w["flags"], ", ".join(c.flags) or w["none_flags"])
        for heading, items, empty in ((w["reasons"], c.reasons, w["no_notes"]),
                                      (w["suggestions"], c.suggestions, w["no_suggestions"])):
            doc.add_paragraph().add_run(heading).bold = True
            for item in items or (empty,):
                doc.add_paragraph(xml_safe(item), style="List Bullet")
    doc.add_paragraph().add_run(w["generated"].format(version=__version__)).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _field(doc, label: str, value: str) -> None:
    para = doc.add_paragraph()
    para.add_run(f"{label}: ").bold = True
    para.add_run(xml_safe(value))


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60]
