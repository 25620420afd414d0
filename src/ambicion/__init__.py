"""ambicion: does a commitment open government, and how ambitiously? With evidence.

The public face of the library. Everything a user needs is importable from here; the
submodules are internal and may change, except `ambicion.testing` (synthetic plans and
reviews to try things without real files). Heavy dependencies (spaCy, scikit-learn,
pdfplumber) are imported on first use, so `import ambicion` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .errors import (
    AmbicionError,
    InputError,
    MissingFileError,
    ModelError,
    ModelWarning,
    NoCommitmentsError,
    OutputError,
)
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

from .version import __version__


def read_plan(path: str | Path, *, max_pages: int | None = None) -> Plan:
    """Extract every commitment of an action-plan PDF (template tables or prose).

    Returns a `Plan` whose `commitments` keep their milestones and page provenance.
    Raises `MissingFileError` (also a `FileNotFoundError`) when the file does not exist,
    `InputError` when it cannot be read as a PDF (damaged, encrypted, a scan without text),
    and `NoCommitmentsError` when it holds nothing that looks like a commitment.

    >>> plan = ambicion.read_plan("plan.pdf")            # doctest: +SKIP
    >>> plan.commitments[0].title, plan.to_dataframe()   # doctest: +SKIP
    """
    from .extract.plan import read_plan as _read_plan

    return _read_plan(path, max_pages=max_pages)


def read_review(path: str | Path, *, max_pages: int | None = None) -> Review:
    """Extract the IRM's per-commitment ratings from a review PDF (any generation).

    Returns a `Review` whose `ratings` hold each label as printed and normalised. Raises
    `MissingFileError` for a missing file and `InputError` for one that cannot be read.

    >>> review = ambicion.read_review("irm_review.pdf")  # doctest: +SKIP
    >>> [r.ambition for r in review.ratings]             # doctest: +SKIP
    """
    from .extract.review import read_review as _read_review

    return _read_review(path, max_pages=max_pages)


def read_draft(path_or_text: str | Path, *, language: str | None = None) -> list[Commitment]:
    """Segment a forum draft (.docx/.txt/.md/.pdf path, or the raw text) into commitments.

    Returns the commitments in reading order. A string that looks like a file name
    ("borrador.docx") but names no file raises `MissingFileError` rather than being judged
    as text; an unreadable file raises `InputError`.

    >>> ambicion.read_draft("Compromiso 1: Publicar los contratos en datos abiertos.")  # doctest: +SKIP
    """
    from .extract.draft import read_draft as _read_draft

    return _read_draft(path_or_text, language=language)


def join(plan: Plan, review: Review) -> Joined:
    """Pair a plan's commitments with a review's ratings by number and title.

    Returns a `Joined`: the pairs (with how each was matched) and what could not be paired.
    Raises nothing for a poor match; unpaired items are listed instead.

    >>> joined = ambicion.join(plan, review)              # doctest: +SKIP
    >>> [(p.commitment.id, p.rating.ambition) for p in joined.pairs]  # doctest: +SKIP
    """
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
    or a list of item strings); the general obligations of Peruvian entities are always added,
    and a restatement is cited in the flag's `functions` ("ROF, art. 4, lit. b" and the phrase
    it covers). `language` ("es"/"en") overrides detection. Returns an `Assessment` whose evidence
    offsets index `Assessment.text`. Raises `TypeError` for anything but a str or a
    `Commitment`, `ValueError` for empty or blank text or an unknown language, and
    `ModelError` when the shipped models are damaged (a `ModelWarning` says so once when
    there are none and only the rules judge).

    >>> a = ambicion.assess("Publicar en datos abiertos los contratos de obra pública.")
    >>> a.ambition in ("unclear", "modest", "substantial")
    True
    """
    from .judge.api import assess as _assess

    return _assess(text_or_commitment, functions=functions, language=language)


def assess_iter(
    items: Iterable[str | Commitment],
    functions: str | Path | Sequence[str] | None = None,
    *,
    batch_size: int = 64,
    language: str | None = None,
) -> Iterator[Assessment]:
    """Judge commitments lazily, `batch_size` at a time, in the order given.

    Accepts any iterable (a generator over a huge table works); memory stays flat because
    only one batch of spaCy Docs is alive at a time. Yields one `Assessment` per item and
    raises as `assess` does (the message names the item's position).

    >>> for a in ambicion.assess_iter(line for line in open("drafts.txt")):  # doctest: +SKIP
    ...     print(a.id, a.ambition)
    """
    from .judge.api import assess_iter as _assess_iter

    return _assess_iter(items, functions=functions, batch_size=batch_size, language=language)


def assess_many(
    items: Iterable[str | Commitment],
    functions: str | Path | Sequence[str] | None = None,
    *,
    batch_size: int = 64,
    language: str | None = None,
) -> list[Assessment]:
    """Judge many commitments at once, batching through spaCy's `nlp.pipe`.

    Returns one `Assessment` per item, in order (the same as `assess` on each); it streams
    like `assess_iter` and only keeps the results. Raises as `assess` does.

    >>> [a.ambition for a in ambicion.assess_many(plan.commitments)]  # doctest: +SKIP
    """
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
    with `resume`, reuses it on the next run. Returns a `Study` (`commitments`, `summary`,
    `agreement`, ... DataFrames); files that fail are listed in `Study.failures`, not raised.
    With `jobs` > 1 worker processes re-import the calling script: call it under
    `if __name__ == "__main__":`, or a `RuntimeError` says so. Raises `ModelError` when the
    judge's models are damaged.

    >>> if __name__ == "__main__":                       # doctest: +SKIP
    ...     study = ambicion.analyze(["plans/", "reviews/"], jobs=2)
    ...     study.commitments.groupby("country").ambition.value_counts()
    """
    from .study import analyze as _analyze

    return _analyze(paths, jobs=jobs, progress=progress, max_pages=max_pages, timeout=timeout,
                    cache_dir=cache_dir, resume=resume)


__all__ = [
    "__version__",
    "read_plan", "read_review", "read_draft", "join", "assess", "assess_iter", "assess_many",
    "analyze",
    "Plan", "Commitment", "Milestone", "Provenance", "Review", "IrmRating", "Rating",
    "Pair", "Joined", "Assessment", "ValueScore", "Flag", "FunctionCitation", "Evidence",
    "AmbicionError", "InputError", "MissingFileError", "NoCommitmentsError", "OutputError",
    "ModelError", "ModelWarning",
]
