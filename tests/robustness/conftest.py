"""Robustness suite plumbing: a tally of malformed inputs tried, checked against the README.

Each robustness test records (kind, passed) through the `tally` fixture. At the end of a run
that executed the whole suite, the counts are compared with the README line between the
robustness markers: a README that claims other counts than the suite showed is reported in
the run's summary, and `pytest tests/robustness --update-tally` rewrites it. A plain test run
never edits the working tree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN, END = "<!-- robustness:begin -->", "<!-- robustness:end -->"

_RESULTS: dict[str, list[bool]] = defaultdict(list)

# every kind the suite tries; a run that skipped any of them (say, with -k) leaves the README alone
EXPECTED_KINDS = frozenset({
    "truncated", "random-bytes", "corrupted-xref", "not-a-pdf", "encrypted", "scanned",
    "empty-pages", "huge-page", "deeply-nested", "cli-batch", "timeout", "output-safety",
    "random-text-segmentation", "extreme-text-segmentation", "random-text-judging",
    "bad-rows", "silent-loss", "encoding", "size-limits", "names-and-markup", "output-targets",
    "batch-outputs", "word-text", "decompression-bombs", "pdf-text-layer", "crowded-pages",
    "table-properties", "page-geometry", "page-tree-loops", "content-operators", "active-content",
    "xml-entities", "word-packages", "word-bulk", "renamed-formats", "degenerate-text",
    "undecodable-names", "repeated-columns", "option-extremes", "folder-walk", "vanishing-files",
    "rated-rows", "foreign-review", "interrupts", "concurrent-writers", "mixed-scanned-pages",
    "usage-errors", "long-names", "utf16-unmarked", "invisible-text",
    "drawing-bombs", "incremental-updates", "object-streams", "optional-content", "overlapping-glyphs",
    "xfa-forms", "word-hidden-text", "word-imported-parts", "remote-references", "wide-tables",
    "terminal-and-locale",
})


class Tally:
    def record(self, kind: str, passed: bool) -> None:
        _RESULTS[kind].append(passed)


@pytest.fixture(scope="session")
def tally() -> Tally:
    return Tally()


def summary_line(results: dict[str, list[bool]]) -> str:
    total = sum(len(v) for v in results.values())
    passed = sum(sum(v) for v in results.values())
    parts = ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(results.items()))
    return (f"Robustness suite, last run: {passed} of {total} malformed or hostile inputs handled "
            f"(clear error or valid result): {parts}.")


def pytest_addoption(parser):
    parser.addoption("--update-tally", action="store_true", default=False,
                     help="rewrite the README's robustness tally with this run's counts")


def _tally_update() -> tuple[str, str] | None:
    """(README text, README text with this run's tally) when a whole-suite run disagrees."""
    # only a run that went through the whole robustness folder speaks for the README
    if set(_RESULTS) != EXPECTED_KINDS or not README.exists():
        return None
    text = README.read_text("utf-8")
    if BEGIN not in text or END not in text:
        return None
    new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END),
                 BEGIN + "\n" + summary_line(_RESULTS) + "\n" + END, text, flags=re.S)
    return (text, new) if new != text else None


def pytest_sessionfinish(session, exitstatus):
    update = _tally_update()
    if update is None or not session.config.getoption("--update-tally"):
        return
    tmp = README.with_suffix(".md.tmp")
    tmp.write_text(update[1], "utf-8")
    tmp.replace(README)
    _RESULTS.clear()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _tally_update() is not None:
        terminalreporter.write_line(
            "README robustness tally differs from this run: " + summary_line(_RESULTS)
            + " (pytest tests/robustness --update-tally rewrites it)", yellow=True)
