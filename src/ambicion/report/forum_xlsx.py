"""The forum's written feedback as a spreadsheet that becomes its register of answers.

Why these choices: a forum secretary opens it in Excel or LibreOffice, filters by
decision and types the answer to each participant. So: one row per proposal, a bold frozen
header with an autofilter, readable column widths and wrapped text, a drop-down list for
"Decisión del foro" and a free column for "Respuesta al participante", plus a sheet with
every highlighted phrase. Cell text that a spreadsheet would run as a formula is
neutralised, and characters XLSX cannot hold are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..frames import neutralize
from .cards import DECISIONS, Card
from .wording import decision_name, texts

# column key -> width in characters; wrapped columns are the long prose ones
WIDTHS = {"n": 8, "source": 22, "title": 40, "institutions": 28, "values": 30, "lens": 14,
          "ambition": 18, "confidence": 16, "flags": 28, "milestones": 10, "reasons": 60,
          "verifiability": 50, "suggestions": 60, "text": 80, "decision": 24, "answer": 60}
MAX_ROWS_VALIDATED = 1000  # the drop-down also covers rows a secretary adds by hand
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_feedback_xlsx(cards: Sequence[Card], sources: Sequence[str], lang: str, path: Path,
                        title: str | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    t = texts(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = t["sheet_overview"]
    wb.properties.title = title or t["title"]
    columns = [("n", t["number"])]
    if len(sources) > 1:
        columns.append(("source", t["file"]))
    columns += [("title", t["commitment"]), ("institutions", t["institutions"]),
                ("values", t["values"]), ("lens", t["lens"]), ("ambition", t["ambition"]),
                ("confidence", t["confidence"]), ("flags", t["flags"]),
                ("milestones", t["field_milestones"]), ("reasons", t["reasons"]),
                ("verifiability", t["verifiability"]), ("suggestions", t["suggestions"]),
                ("text", t["text_plain"]), ("decision", t["decision"]), ("answer", t["answer"])]
    rows = [{"n": c.number, "source": c.source, "title": c.title, "institutions": c.institutions,
             "values": c.values, "lens": c.lens, "ambition": c.ambition_level,
             "confidence": c.ambition_confidence, "flags": c.flags,
             "milestones": _milestone_count(c), "reasons": "\n".join(c.reasons),
             "verifiability": "\n".join(c.verifiability), "suggestions": "\n".join(c.suggestions),
             "text": c.text, "decision": c.decision, "answer": c.answer} for c in cards]
    _fill(ws, columns, rows)
    decision_col = get_column_letter([k for k, _ in columns].index("decision") + 1)
    choices = ",".join(decision_name(d, lang) for d in DECISIONS)
    dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                        showErrorMessage=True, errorTitle=t["decision"],
                        error=" / ".join(decision_name(d, lang) for d in DECISIONS))
    dv.add(f"{decision_col}2:{decision_col}{max(len(cards) + 1, MAX_ROWS_VALIDATED)}")
    ws.add_data_validation(dv)

    ev = wb.create_sheet(t["sheet_evidence"])
    ev_columns = [("n", t["number"]), ("title", t["commitment"]), ("label", t["label"]),
                  ("excerpt", t["excerpt"])]
    ev_rows = [{"n": c.number, "title": c.title, "label": e.label, "excerpt": phrase}
               for c in cards for e in c.evidence for phrase in e.phrases]
    _fill(ev, ev_columns, ev_rows, widths={"label": 32, "excerpt": 60})
    wb.save(path)


def _milestone_count(c: Card) -> int | None:
    listed = [f for f in c.fields if f.listed]
    return len(listed[0].paragraphs) if listed else None


def _fill(ws, columns, rows, widths=None) -> None:
    """Header (bold, frozen, filtered), rows with wrapped text, column widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = {**WIDTHS, **(widths or {})}
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, (_, heading) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=j, value=_cell(heading))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(rows, 2):
        for j, (key, _) in enumerate(columns, 1):
            value = row.get(key)
            cell = ws.cell(row=i, column=j, value=_cell(value))
            cell.alignment = wrap
    for j, (key, heading) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(j)].width = max(widths.get(key, 20), min(len(heading) + 2, 40))
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"


def _cell(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return neutralize(_ILLEGAL.sub("", value))
    return value
