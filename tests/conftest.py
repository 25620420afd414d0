"""Shared fixtures: synthetic action plans drawn once per test run, and golden-file checks.

Golden files: `tests/golden/plan_<name>.jsonl` hold the plan reader's full output (one
commitment per line, provenance source reduced to the file name). After an intended change
to the reader, regenerate them with

    AMBICION_REGEN_GOLDEN=1 python -m pytest tests/extract -q -k golden

and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ambicion.testing import write_prose_plan, write_template_plan
from ambicion.testing.samples import COMMITMENTS_EN, COMMITMENTS_ES, MANY_MILESTONES_ES, META_EN, META_ES

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("AMBICION_REGEN_GOLDEN") == "1"

HEADER_ES = "Plan de Acción de Gobierno Abierto 2023-2025"
HEADER_EN = "Open Government National Action Plan"

TEMPLATE_ES = (*COMMITMENTS_ES[:4], MANY_MILESTONES_ES)
PROSE_ES = COMMITMENTS_ES[:5]


@pytest.fixture(scope="session")
def plan_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("plans")


@pytest.fixture(scope="session")
def template_es_pdf(plan_dir) -> Path:
    """Spanish template plan: commitment 4 has a row split over a page break (label cell
    left empty), commitment 5's milestones table runs onto the next page, and every page
    carries a header and a "Página N de M" footer."""
    return write_template_plan(plan_dir / "plan_template_es.pdf", META_ES, TEMPLATE_ES,
                               header=HEADER_ES, footer="Página {page} de {pages}")


@pytest.fixture(scope="session")
def template_es(template_es_pdf):
    import ambicion

    return ambicion.read_plan(template_es_pdf)


@pytest.fixture(scope="session")
def prose_es_pdf(plan_dir) -> Path:
    """Spanish prose plan: bold "Compromiso N:" headings, sub-labels, bulleted milestones
    with dates, words hyphenated at line ends, running header and page numbers."""
    return write_prose_plan(plan_dir / "plan_prose_es.pdf", META_ES, PROSE_ES, header=HEADER_ES,
                            footer="{page}", hyphenate=True)


@pytest.fixture(scope="session")
def prose_es(prose_es_pdf):
    import ambicion

    return ambicion.read_plan(prose_es_pdf)


@pytest.fixture(scope="session")
def template_en_pdf(plan_dir) -> Path:
    """English template plan with number and title as separate label rows, and a row split
    over a page break whose label is repeated on the new page."""
    return write_template_plan(plan_dir / "plan_template_en.pdf", META_EN, COMMITMENTS_EN,
                               header=HEADER_EN, footer="Page {page} of {pages}",
                               number_row="split", split_label="repeat")


@pytest.fixture(scope="session")
def template_en(template_en_pdf):
    import ambicion

    return ambicion.read_plan(template_en_pdf)


def _records(commitments) -> list[dict]:
    out = []
    for c in commitments:
        d = c.to_dict()
        if d.get("provenance"):
            d["provenance"]["source"] = Path(d["provenance"]["source"]).name
        out.append(d)
    return out


def _check_golden(name: str, records: list[dict]) -> None:
    path = GOLDEN_DIR / f"{name}.jsonl"
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    if REGEN:
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path.name}; run with AMBICION_REGEN_GOLDEN=1"
    expected = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    got = [json.loads(x) for x in lines]
    assert [g.get("id") for g in got] == [e.get("id") for e in expected]
    for g, e in zip(got, expected):
        assert g == e, f"{g.get('id')} differs from {path.name}"


@pytest.fixture(scope="session")
def plan_golden():
    """`plan_golden(name, plan)`: compare a plan's commitments (to_dict, source reduced to the
    file name) with tests/golden/<name>.jsonl, or rewrite it when regenerating."""
    def check(name: str, plan_or_commitments) -> None:
        commitments = getattr(plan_or_commitments, "commitments", plan_or_commitments)
        _check_golden(name, _records(commitments))

    return check
