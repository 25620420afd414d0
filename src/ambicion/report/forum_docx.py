"""The forum's written feedback as a Word document (python-docx), to edit and send as a letter.

Why Word too: many forums answer participants by letter or minutes written in Word; this
gives them a first draft with the same cards as the HTML page, evidence highlighted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from .cards import Card, Run, card_facts, evidence_note
from .wording import count_words, texts

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML cannot hold these


def write_feedback_docx(cards: Sequence[Card], sources: Sequence[str], lang: str, path: Path,
                        version: str, title: str | None = None) -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    t = texts(lang)
    doc = docx.Document()
    heading = title or t["title"]
    doc.core_properties.title = _x(heading)
    doc.add_heading(_x(heading), level=0)
    if sources:
        key = "sources_one" if len(sources) == 1 else "sources_other"
        p = doc.add_paragraph()
        p.add_run(_x(t[key].format(names=", ".join(sources)))).bold = True
        p.add_run(" · " + count_words(len(cards), "count_proposals", lang))
    doc.add_paragraph(t["intro"])
    doc.add_paragraph(t["confidence_note"])
    doc.add_paragraph(t["generated"].format(version=version)).runs[0].italic = True

    doc.add_heading(t["overview"], level=1)
    # like the HTML and Markdown pages: a screening nobody has decided on yet shows no status
    decided = any(c.decision for c in cards)
    heads = [t["number"], t["commitment"], t["values"], t["ambition"], t["flags"]]
    if decided:
        heads.append(t["decision"])
    grid = doc.add_table(rows=1, cols=len(heads))
    grid.style = "Table Grid"
    for cell, h in zip(grid.rows[0].cells, heads):
        cell.text = ""
        cell.paragraphs[0].add_run(h).bold = True
    for c in cards:
        cells = grid.add_row().cells
        values = [str(c.number), c.title, c.values, c.ambition, c.flags]
        if decided:
            values.append(c.decision or t["decision_pending"])
        for cell, value in zip(cells, values):
            cell.text = _x(value)

    colours = {("value",): WD_COLOR_INDEX.BRIGHT_GREEN, ("flag",): WD_COLOR_INDEX.PINK,
               ("flag", "value"): WD_COLOR_INDEX.YELLOW}
    for c in cards:
        doc.add_heading(_x(f"{c.heading}. {c.title}"), level=1)
        facts = card_facts(c, t)
        if decided or c.answer:  # a round's answers: every proposal says its status
            facts.append((t["decision"], c.decision or t["decision_pending"]))
        for k, v in facts:
            p = doc.add_paragraph()
            p.add_run(f"{k}: ").bold = True
            p.add_run(_x(v))
        if c.answer:
            p = doc.add_paragraph()
            p.add_run(f"{t['answer']}: ").bold = True
            p.add_run(_x(c.answer))
        doc.add_heading(t["text"], level=2)
        for f in c.fields:
            doc.add_paragraph().add_run(_x(f.label)).bold = True
            for para in f.paragraphs:
                p = doc.add_paragraph(style="List Bullet" if f.listed else None)
                _add_runs(p, para.runs, colours)
                if para.note:
                    p.add_run(_x(f" ({para.note})")).italic = True
        doc.add_paragraph(t["legend"]).runs[0].italic = True
        if c.evidence:
            doc.add_heading(t["evidence"], level=2)
            for e in c.evidence:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(_x(e.label)).bold = True
                rest = evidence_note(e, t)
                p.add_run(_x(rest))
        for head, items, empty in ((t["reasons"], c.reasons, t["no_notes"]),
                                   (t["verifiability"], c.verifiability, t["no_notes"]),
                                   (t["suggestions"], c.suggestions, t["no_suggestions"])):
            doc.add_heading(head, level=2)
            for item in items or (empty,):
                doc.add_paragraph(_x(item), style="List Bullet")
    doc.save(str(path))


def _add_runs(paragraph, runs: Sequence[Run], colours) -> None:
    for r in runs:
        run = paragraph.add_run(_x(r.text))
        if r.kinds:
            run.bold = True
            run.font.highlight_color = colours.get(tuple(r.kinds))


def _x(text: str) -> str:
    return _ILLEGAL.sub("", text)
