"""Plans written in Word and exported by LibreOffice, one layout difficulty each.

The Word files are generated (ambicion.testing.layouts) and exported to PDF in one
LibreOffice run; without LibreOffice these tests are skipped. Each layout is compared with a
golden file of what matters to a reader (number, title, institutions, milestones, the text),
page numbers left out because they depend on the fonts of the exporting machine. After an
intended change, regenerate with AMBICION_REGEN_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import ambicion
from ambicion.testing import layouts

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGEN = os.environ.get("AMBICION_REGEN_GOLDEN") == "1"
BUILDERS = {
    "ficha": layouts.write_ficha,
    "landscape": layouts.write_landscape,
    "borderless": layouts.write_borderless,
    "matrix_en": layouts.write_matrix_en,
}

pytestmark = pytest.mark.skipif(layouts.soffice() is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="session")
def layout_pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("layouts")
    files = [build(out / f"{name}.docx") for name, build in BUILDERS.items()]
    files.append(layouts.write_matrix_rows(out / "matrix_rows.docx"))
    return {p.stem: p for p in layouts.to_pdf(files, out)}


def _essentials(plan) -> list[dict]:
    return [{"number": c.number, "title": c.title, "institutions": list(c.institutions),
             "description": c.description, "dates": c.dates,
             "milestones": [[m.text, m.start, m.end] for m in c.milestones]} for c in plan.commitments]


def _golden(name: str, records: list[dict]) -> None:
    path = GOLDEN / f"plan_layout_{name}.jsonl"
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    if REGEN:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    expected = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert records == expected, f"output differs from {path.name}"


def _sheets(name: str):
    return layouts.SHEETS_EN if name.endswith("_en") else layouts.SHEETS_ES


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_layout_reads_every_commitment_with_its_fields(layout_pdfs, name):
    plan = ambicion.read_plan(layout_pdfs[name])
    sheets = _sheets(name)
    assert [c.number for c in plan.commitments] == [str(s.number) for s in sheets]
    assert [c.title for c in plan.commitments] == [s.title for s in sheets]
    assert [c.institutions for c in plan.commitments] == [(s.institution,) for s in sheets]
    assert [len(c.milestones) for c in plan.commitments] == [len(s.milestones) for s in sheets]
    assert [[m.text for m in c.milestones] for c in plan.commitments] == \
        [[m[0] for m in s.milestones] for s in sheets]
    for c, s in zip(plan.commitments, sheets):
        assert " ".join(c.description.split()) == " ".join(s.description.split())
    _golden(name, _essentials(plan))


def test_ficha_milestone_columns_by_meaning(layout_pdfs):
    """`N° | Hito | Fecha inicio | Fecha fin | Entidad responsable`: "Entidad responsable" is a
    milestone column here, not the commitment's institution label."""
    plan = ambicion.read_plan(layout_pdfs["ficha"])
    first = plan.commitments[0].milestones[0]
    assert (first.start, first.end) == ("03/2025", "06/2025")


def test_landscape_notes_column_and_running_header_stay_out(layout_pdfs):
    plan = ambicion.read_plan(layout_pdfs["landscape"])
    for c in plan.commitments:
        text = json.dumps(c.to_dict(), ensure_ascii=False)
        assert layouts.NOTE_TEXT not in text
        assert layouts.RUNNING_HEADER not in text and "Página" not in text
        assert "Campo" not in text and "Observaciones" not in text


def test_english_expected_outputs_table_gives_no_header_milestone(layout_pdfs):
    plan = ambicion.read_plan(layout_pdfs["matrix_en"])
    assert all(m.text != "Milestones" for c in plan.commitments for m in c.milestones)
    assert plan.commitments[1].milestones[-1].end == "May 2026"


def test_matrix_with_one_commitment_per_row(layout_pdfs):
    plan = ambicion.read_plan(layout_pdfs["matrix_rows"])
    sheets = layouts.SHEETS_ES
    assert [(c.number, c.title, c.institutions) for c in plan.commitments] == \
        [(str(s.number), s.title, (s.institution,)) for s in sheets]
    assert [[m.end for m in c.milestones] for c in plan.commitments] == \
        [[layouts.spelled(m[2]) for m in s.milestones] for s in sheets]
