"""ambicion: does a commitment open government, and how ambitiously? With evidence.

The public face of the library. Everything a user needs is importable from here; the
submodules are internal and may change. Heavy dependencies (spaCy, scikit-learn,
pdfplumber) are imported on first use, so `import ambicion` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import AmbicionError, InputError, ModelError, NoCommitmentsError, OutputError
from .model import (
    Assessment,
    Commitment,
    Evidence,
    Flag,
    FunctionCitation,
    IrmRating,
    Joined,
    Milestone,
    Pair,
    Plan,
    Provenance,
    Rating,
    Review,
    ValueScore,
)

if TYPE_CHECKING:
    from typing import Callable

    from .study import ProgressEvent, Study

__version__ = "0.1.0"


def read_plan(path: str | Path, *, max_pages: int | None = None) -> Plan:
    """Extract every commitment of an action-plan PDF (template tables or prose)."""
    from .extract.plan import read_plan as _read_plan

    return _read_plan(path, max_pages=max_pages)


def read_review(path: str | Path, *, max_pages: int | None = None) -> Review:
    """Extract the IRM's per-commitment ratings from a review PDF (any generation)."""
    from .extract.review import read_review as _read_review

    return _read_review(path, max_pages=max_pages)


def read_draft(path_or_text: str | Path, *, language: str | None = None) -> list[Commitment]:
    """Segment a forum draft (.docx/.txt/.md/.pdf path, or the raw text) into commitments."""
    from .extract.draft import read_draft as _read_draft

    return _read_draft(path_or_text, language=language)


def join(plan: Plan, review: Review) -> Joined:
    """Pair a plan's commitments with a review's ratings by number and title."""
    from .extract.join import join as _join

    return _join(plan, review)


def assess(
    text_or_commitment: str | Commitment,
    functions: str | Path | Sequence[str] | None = None,
    *,
    language: str | None = None,
) -> Assessment:
    """Judge one commitment: OGP values, lens, ambition, flags, evidence and suggestions.

    `functions` is the institution's functions (text, a .txt/.pdf/.docx path, a list of paths,
    or a list of item strings); the general obligations of Peruvian entities are always added.
    A restatement is cited in the flag's `functions` ("ROF, art. 4, lit. b" and the phrase it
    covers). `language` ("es"/"en") overrides detection.
    """
    from .judge.api import assess as _assess

    return _assess(text_or_commitment, functions=functions, language=language)


def assess_many(
    items: Iterable[str | Commitment],
    functions: str | Path | Sequence[str] | None = None,
    *,
    batch_size: int = 64,
    language: str | None = None,
) -> list[Assessment]:
    """Judge many commitments at once, batching through spaCy's `nlp.pipe`."""
    from .judge.api import assess_many as _assess_many

    return _assess_many(items, functions=functions, batch_size=batch_size, language=language)


def analyze(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    progress: "Callable[[ProgressEvent], None] | None" = None,
    max_pages: int | None = None,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    resume: bool = False,
) -> "Study":
    """Batch-analyse plans and reviews (files or folders) into tidy DataFrames.

    `progress` receives a `ProgressEvent` after each file and each plan judged; `timeout`
    bounds each file's extraction (seconds); `cache_dir` keeps each file's extraction and,
    with `resume`, reuses it on the next run.
    """
    from .study import analyze as _analyze

    return _analyze(paths, jobs=jobs, progress=progress, max_pages=max_pages, timeout=timeout,
                    cache_dir=cache_dir, resume=resume)


__all__ = [
    "read_plan", "read_review", "read_draft", "join", "assess", "assess_many", "analyze",
    "Plan", "Commitment", "Milestone", "Provenance", "Review", "IrmRating", "Rating",
    "Pair", "Joined", "Assessment", "ValueScore", "Flag", "FunctionCitation", "Evidence",
    "AmbicionError", "InputError", "NoCommitmentsError", "OutputError", "ModelError",
]
