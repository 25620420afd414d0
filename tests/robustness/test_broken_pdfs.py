"""Every malformed PDF gives a clear one-line error naming the file, or a valid result.

Never an exception from inside pdfminer, never a traceback, and a batch carries on past them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ambicion
from ambicion.testing import write_template_plan
from ambicion.testing.samples import COMMITMENTS_ES, META_ES

from . import broken

CASES = broken.all_cases()


@pytest.fixture(scope="module")
def broken_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("broken")
    for kind, name, data in CASES:
        (d / f"{kind}--{name}.pdf").write_bytes(data)
    return d


def _check_outcome(path: Path, reader) -> bool:
    try:
        result = reader(path)
    except ambicion.AmbicionError as exc:
        message = str(exc)
        assert "\n" not in message, message
        assert str(path) in message, message
        return True
    assert result is not None
    return True


@pytest.mark.parametrize("kind,name", [(k, n) for k, n, _ in CASES], ids=[n for _, n, _ in CASES])
def test_read_plan_fails_cleanly_or_reads(broken_dir, kind, name, tally):
    path = broken_dir / f"{kind}--{name}.pdf"
    ok = False
    try:
        ok = _check_outcome(path, lambda p: ambicion.read_plan(p, max_pages=500))
    finally:
        tally.record(kind, ok)


@pytest.mark.parametrize("kind,name", [(k, n) for k, n, _ in CASES if k != "huge-page"],
                         ids=[n for k, n, _ in CASES if k != "huge-page"])
def test_read_review_fails_cleanly_or_reads(broken_dir, kind, name, tally):
    path = broken_dir / f"{kind}--{name}.pdf"
    ok = False
    try:
        ok = _check_outcome(path, lambda p: ambicion.read_review(p, max_pages=500))
    finally:
        tally.record(kind, ok)


def test_specific_reasons(broken_dir):
    """The reason names what is wrong, so the user knows what to do next."""
    reasons = {}
    for kind, name, _ in CASES:
        try:
            ambicion.read_plan(broken_dir / f"{kind}--{name}.pdf")
        except ambicion.AmbicionError as exc:
            reasons[kind] = str(exc).lower()
    assert "password" in reasons["encrypted"]
    assert "ocr" in reasons["scanned"]
    assert "empty" in reasons["empty-pages"] or "no text" in reasons["empty-pages"]
    assert "not a pdf" in reasons["not-a-pdf"] or "signature" in reasons["not-a-pdf"]


def test_max_pages_bounds_a_huge_document(broken_dir):
    """--max-pages stops reading early: 2000 empty pages read as 5 are still 'empty'."""
    path = broken_dir / "empty-pages--2000-empty-pages.pdf"
    with pytest.raises(ambicion.InputError):
        ambicion.read_plan(path, max_pages=5)


def test_cli_batch_carries_on_past_broken_files(broken_dir, tmp_path, tally):
    good = write_template_plan(tmp_path / "good.pdf", META_ES, COMMITMENTS_ES[:2])
    picks = [broken_dir / f"{k}--{n}.pdf" for k, n, _ in CASES
             if n in {"random-0", "encrypted", "image-only", "text-named-pdf", "xref-garbled"}]
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "ambicion", "extract", *map(str, picks), str(good), "-o", str(out),
         "--kind", "plan", "--timeout", "60"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {r["source"] for r in rows} >= {str(good)}
    for p in picks:
        if "xref" in p.name:
            continue
        assert str(p) in proc.stderr
    tally.record("cli-batch", True)


def test_cli_timeout_stops_a_slow_file(broken_dir, tmp_path, tally):
    """A file that takes longer than --timeout fails as 'timed out'; the rest still run."""
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(broken.huge_page(pages=400))  # far longer than the timeout at any known speed
    good = write_template_plan(tmp_path / "good.pdf", META_ES, COMMITMENTS_ES[:1])
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "ambicion", "extract", str(slow), str(good), "-o", str(out),
         "--kind", "plan", "--timeout", "4"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "timed out" in proc.stderr
    assert out.exists() and str(good) in out.read_text("utf-8")
    tally.record("timeout", True)
