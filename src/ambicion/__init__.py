"""ambicion: does a commitment open government, and how ambitiously? With evidence.

The public face of the library. Everything a user needs is importable from here; the
submodules are internal and may change, except `ambicion.testing` (synthetic plans and
reviews to try things without real files). Heavy dependencies (spaCy, scikit-learn,
pdfplumber) are imported on first use, so `import ambicion` stays quick.
"""

from __future__ import annotations

import contextlib

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
    failure_reason,
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

from .extract_many import Extracted, Failed
from .report.cards import DECISIONS, Decision, Proposal

if TYPE_CHECKING:
    from typing import Callable

    import pandas

    from .extract_many import Outcome  # Extracted | Failed
    from .report.forum import FeedbackFormat
    from .study import ProgressEvent, Study

from .version import __version__


def read_plan(path: str | Path, *, max_pages: int | None = None) -> Plan:
    """Extract every commitment of an action plan: a PDF (template tables or prose), or a
    plan kept in Word (.docx) or text (.txt, .md), since offices publish those too.

    Returns a `Plan` whose `commitments` keep their milestones and page provenance (a Word
    or text plan has layout "draft" and no pages, so `max_pages` applies to PDFs only).
    Raises `MissingFileError` (also a `FileNotFoundError`) when the file does not exist,
    `InputError` when it cannot be read (damaged, encrypted, a scan without text, a kind
    that is none of these), and `NoCommitmentsError` when it holds nothing that looks like
    a commitment.

    >>> plan = ambicion.read_plan("plan.pdf")            # doctest: +SKIP
    >>> plan.commitments[0].title, plan.to_dataframe()   # doctest: +SKIP
    """
    from .io import detect_kind

    if detect_kind(path) in ("docx", "text"):
        from .extract.draft import read_draft_plan

        return read_draft_plan(path)
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
    Raises nothing for a poor match; unpaired items are listed instead. Raises `InputError`
    naming the review when the review says it rates another member's plan or another period
    (only what both documents print is compared): that is the wrong document, not a poor match.

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


def study_folder(outdir: str | Path) -> "contextlib.AbstractContextManager[Path]":
    """Hold an output folder for one batch (see `ambicion.study.study_folder`): locked against
    a second batch, what a killed run left half-published settled, the user's own files
    guarded. Raises `OutputError`; use it as `with ambicion.study_folder(out) as folder:`.
    """
    from .study import study_folder as _study_folder

    return _study_folder(outdir)


def read_commitments(source: str | Path, *, language: str | None = None) -> list[Commitment]:
    """The commitments of any screening input: a plan or draft file, a table, or "-" (stdin).

    A table is a .csv/.jsonl with `id` and `text` columns; a PDF in which no plan commitment
    is found is read as a one-proposal draft.
    """
    from .screening import read_commitments as _read

    return _read(source, language)


def reading_warnings(commitments: Sequence[Commitment]) -> tuple[str, ...]:
    """What the reader doubts about the commitments read from one input (e.g. several
    commitments that seem merged into one record); empty when nothing looks wrong."""
    from .screening import reading_warnings as _warnings

    return _warnings(list(commitments))


def read_functions(paths: Sequence[str | Path]) -> tuple:
    """An institution's functions (ROF/LOF files) as cited items, read once for many calls
    of `assess_many(..., functions=...)`. Raises InputError/MissingFileError for a bad file."""
    from .judge.functions import function_items

    return function_items([Path(p) for p in paths])


def format_screening(rows: Sequence[tuple[str, Assessment]], fmt: str) -> str:
    """Screening results (source, assessment) as "json", "jsonl" or "csv" text.

    The records carry the model's numbers (probabilities, similarities); CSV cells are
    formula-safe and the CSV is meant to be written with a UTF-8 BOM for Excel.
    """
    from .screening import render_records

    return render_records(list(rows), fmt)


def render_feedback(proposals: "Sequence[Proposal | Assessment]", fmt: "FeedbackFormat", *,
                    lang: str = "es", title: str | None = None) -> bytes:
    """The forum's written feedback on `proposals` as one HTML, Markdown, XLSX or Word file.

    See `ambicion.report.forum` for what it holds; proposals are numbered in the order given.
    """
    from .report.forum import render_feedback as _render

    return _render(proposals, fmt, lang=lang, title=title)


def write_feedback(proposals: "Sequence[Proposal | Assessment]", target: str | Path,
                   fmt: "FeedbackFormat | None" = None, *, lang: str = "es",
                   title: str | None = None, inputs: Iterable[str | Path] = ()) -> Path:
    """Write the forum's written feedback atomically (format from the suffix by default)."""
    from .report.forum import write_feedback as _write

    return _write(proposals, target, fmt, lang=lang, title=title, inputs=inputs)


def extract_files(
    paths: Sequence[str | Path],
    *,
    kind: str | None = None,
    max_pages: int | None = None,
    timeout: float | None = None,
    on_done: "Callable[[Outcome], None] | None" = None,
) -> "list[Outcome]":
    """Read plans and reviews, one outcome per file in order: `Extracted` or `Failed`.

    `kind` ("plan"/"review") skips classification; `timeout` bounds each file (it is then
    read in a worker process); `on_done` is called as each file finishes.
    """
    from .extract_many import document_kind, extract_files as _extract

    return _extract([Path(p) for p in paths], jobs=1, max_pages=max_pages, timeout=timeout,
                    kind=document_kind(kind), on_done=on_done)


def write_table(frame: "pandas.DataFrame", target: str | Path | None,
                inputs: Iterable[str | Path] = ()) -> None:
    """Write a table by the target's suffix (.jsonl, .csv with BOM, .parquet, .xlsx), atomically.

    None or "-" writes JSONL to standard output; CSV and XLSX cells are formula-safe.
    """
    from .frames import write_records

    write_records(frame, target, inputs=inputs)


def write_text(target: str | Path, text: str, *, inputs: Iterable[str | Path] = (),
               encoding: str = "utf-8") -> Path:
    """Write `text` to `target` atomically, refusing to write over one of `inputs`."""
    from .io import atomic_write

    with atomic_write(target, inputs=inputs, encoding=encoding,
                      newline="" if encoding == "utf-8-sig" else None) as fh:
        fh.write(text)
    return Path(target)


def check_output(target: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Raise OutputError now if `target` is one of `inputs` (before any work is done)."""
    from .io import guard_output

    return guard_output(target, inputs)


__all__ = [
    "__version__",
    "read_plan", "read_review", "read_draft", "join", "assess", "assess_iter", "assess_many",
    "analyze", "study_folder", "read_commitments", "reading_warnings", "read_functions", "format_screening", "extract_files", "write_table",
    "write_text", "check_output", "Extracted", "Failed", "render_feedback", "write_feedback",
    "Proposal", "Decision", "DECISIONS",
    "Plan", "Commitment", "Milestone", "Provenance", "Review", "IrmRating", "Rating",
    "Pair", "Joined", "Assessment", "ValueScore", "Flag", "FunctionCitation", "Evidence",
    "failure_reason", "AmbicionError", "InputError", "MissingFileError", "NoCommitmentsError",
    "OutputError", "ModelError", "ModelWarning",
]
