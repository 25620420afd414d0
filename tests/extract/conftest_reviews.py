"""Session fixtures for the IRM review tests: synthetic reviews drawn once, with their known ratings.

Golden files: `tests/golden/review_<name>.jsonl` hold the reader's full output (one rating per
line, source reduced to the file name). After an intended change to the reader, regenerate
them with

    AMBICION_REGEN_GOLDEN=1 python -m pytest tests/extract -q -k golden

and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden"


@dataclass(frozen=True)
class ReviewFixture:
    path: Path
    expected: list[dict]


def _make(tmp_path_factory, name: str, writer, **kwargs) -> ReviewFixture:
    pytest.importorskip("fpdf")
    path = tmp_path_factory.mktemp("reviews") / f"{name}.pdf"
    return ReviewFixture(path, writer(path, **kwargs))


@pytest.fixture(scope="session")
def apr_es(tmp_path_factory) -> ReviewFixture:
    from ambicion.testing.reviews import write_action_plan_review

    return _make(tmp_path_factory, "apr_es", write_action_plan_review, language="es")


@pytest.fixture(scope="session")
def apr_en(tmp_path_factory) -> ReviewFixture:
    from ambicion.testing.reviews import write_action_plan_review

    return _make(tmp_path_factory, "apr_en", write_action_plan_review, language="en")


@pytest.fixture(scope="session")
def results_es(tmp_path_factory) -> ReviewFixture:
    from ambicion.testing.reviews import write_results_report

    return _make(tmp_path_factory, "results_es", write_results_report, language="es")


@pytest.fixture(scope="session")
def results_en(tmp_path_factory) -> ReviewFixture:
    from ambicion.testing.reviews import write_results_report

    return _make(tmp_path_factory, "results_en", write_results_report, language="en")


@pytest.fixture(scope="session")
def progress_es(tmp_path_factory) -> ReviewFixture:
    from ambicion.testing.reviews import write_progress_report

    return _make(tmp_path_factory, "progress_es", write_progress_report, language="es")


@pytest.fixture(scope="session")
def end_of_term_en(tmp_path_factory) -> ReviewFixture:
    """English end-of-term report whose overview table breaks after two rows, header not repeated."""
    from ambicion.testing.reviews import write_progress_report

    return _make(tmp_path_factory, "end_of_term_en", write_progress_report, language="en",
                 kind="end_of_term_report", rows_per_page=2, repeat_header=False)


def rating_view(rating) -> dict:
    """The comparable part of a rating: normalised codes only, as `testing.reviews.expected` gives."""
    def code(r):
        return r.normalized if r is not None else None

    out = {"number": rating.number, "title": rating.title, "cluster": list(rating.cluster)}
    for name in ("verifiable", "open_gov_lens", "promising", "starred", "ambition"):
        out[name] = getattr(rating, name)
    for name in ("potential_results", "specificity", "potential_impact", "completion", "opened_government"):
        out[name] = code(getattr(rating, name))
    out["relevance"] = dict(rating.relevance)
    return out


def check_expected(review, expected: list[dict]) -> None:
    """Every expected key must match the reader's value, rating by rating, in order."""
    got = [rating_view(r) for r in review.ratings]
    assert [g["number"] for g in got] == [e["number"] for e in expected]
    for g, e in zip(got, expected):
        for key, value in e.items():
            assert g[key] == value, f"commitment {e['number']}: {key} is {g[key]!r}, expected {value!r}"


def golden_lines(review) -> list[str]:
    lines = []
    for r in review.ratings:
        d = r.to_dict()
        if d.get("provenance"):
            d["provenance"]["source"] = Path(d["provenance"]["source"]).name
        lines.append(json.dumps(d, ensure_ascii=False, sort_keys=True))
    head = {"kind": review.kind, "country": review.country, "period": review.period,
            "language": review.language, "title": review.title, "pages": review.pages}
    return [json.dumps({"review": head}, ensure_ascii=False, sort_keys=True), *lines]


def check_golden(review, name: str) -> None:
    """Compare with tests/golden/review_<name>.jsonl (or rewrite it when regenerating)."""
    target = GOLDEN_DIR / f"review_{name}.jsonl"
    lines = golden_lines(review)
    if os.environ.get("AMBICION_REGEN_GOLDEN"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert target.exists(), f"missing {target.name}; regenerate with AMBICION_REGEN_GOLDEN=1"
    assert target.read_text(encoding="utf-8").splitlines() == lines
