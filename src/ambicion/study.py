"""Batch analysis: many plans and IRM reviews in, tidy DataFrames and a report out.

`analyze(paths)` expands folders, classifies and extracts every file (in parallel with
`jobs`), judges every commitment with the judge, pairs each plan with the review of the same
country and period, and finds commitments recycled from earlier plans. `build_study` does
everything after extraction, so it can be used on Plans and Reviews already in memory.
A file that fails is recorded in `Study.failures` and the rest is still analysed.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Mapping, Sequence

from .errors import ModelError, failure_reason
from .extract_many import Extracted, Failed, expand_paths, extract_files
from .labels import fold
from .model import Assessment, Commitment, Pair, Plan, Review
from .periods import period_years, same_period
from .rows import (
    CATEGORY_COLUMNS, IRM_COLUMNS, LIST_COLUMNS, PLAN_COLUMNS, assessment_columns,
    assessment_row, irm_row, plan_row, review_rank,
)

if TYPE_CHECKING:
    import pandas as pd

    from .recycled import Grams

Judge = Callable[[Sequence[Commitment]], list[Assessment]]
FAILURE_COLUMNS = ("file", "reason")
JUDGE_BATCH = 64


@dataclass(frozen=True)
class ProgressEvent:
    """What the batch is doing: `stage` is "files" or "commitments"; `item` names the last one.

    Each stage first reports 0 of its total (so a progress bar can appear at once). For a
    finished file, `failed` says it could not be read and `reused` that its extraction came
    from the cache (`resume`) instead of being read again.
    """

    stage: Literal["files", "commitments"]
    done: int
    total: int
    item: str = ""
    failed: bool = False
    reused: bool = False


Progress = Callable[[ProgressEvent], None]


@dataclass(frozen=True, eq=False)
class Study:
    """The result of a batch analysis, as pandas DataFrames (see `ambicion.rows` for columns)."""

    commitments: "pd.DataFrame"
    summary: "pd.DataFrame"
    agreement: "pd.DataFrame"
    confusion: "pd.DataFrame"
    disagreements: "pd.DataFrame"
    ratings: "pd.DataFrame"
    failures: "pd.DataFrame"
    plans: tuple[Plan, ...] = ()
    reviews: tuple[Review, ...] = ()
    assessments: tuple[Assessment, ...] = field(default=(), repr=False)

    def to_html(self, title: str | None = None, lang: str = "en") -> str:
        """The study as one self-contained HTML page in `lang` ("en" or "es"), figures embedded.

        Returns the page as a string; raises nothing for an empty study (the page says so).

        >>> open("report.html", "w", encoding="utf-8").write(study.to_html())  # doctest: +SKIP
        """
        from .agreement import confusion_matrix
        from .recycled import settings
        from .report.html import StudyTables, study_html

        has_ambition = not self.confusion.empty and (self.confusion["indicator"] == "ambition").any()
        tables = StudyTables(
            commitments=self.commitments, summary=self.summary, agreement=self.agreement,
            ambition_matrix=confusion_matrix(self.confusion, "ambition") if has_ambition else None,
            disagreements=self.disagreements, failures=self.failures, plans=len(self.plans),
            reviews=len(self.reviews), recycled_threshold=settings().threshold)
        return study_html(tables, title=title, lang=lang)

    def write(self, outdir: str | Path, inputs: Iterable[str | Path] = (), lang: str = "en") -> list[Path]:
        """Write the study's files into `outdir` atomically; returns the paths written.

        Always commitments.parquet/.csv, summary.csv and report.html (in `lang`); ratings,
        agreement and disagreements when reviews were given; failures when a file failed
        (its reasons said in `lang`, like the report).
        Raises `OutputError` when `outdir` is a file or a target would overwrite one of `inputs`.

        >>> study.write("out/")                                   # doctest: +SKIP
        """
        from .report.outputs import failures_in, write_study

        tables: dict[str, "pd.DataFrame"] = {
            "commitments.parquet": self.commitments,
            "commitments.csv": self.commitments,
            "summary.csv": self.summary,
        }
        if not self.ratings.empty:
            tables["ratings.csv"] = self.ratings
        if not self.agreement.empty:
            tables["agreement.csv"] = self.agreement
            tables["disagreements.csv"] = self.disagreements
        if not self.failures.empty:
            tables["failures.csv"] = failures_in(self.failures, lang)
        return write_study(Path(outdir), tables, lambda: self.to_html(lang=lang), inputs=inputs)


@contextlib.contextmanager
def study_folder(outdir: str | Path) -> Iterator[Path]:
    """Hold `outdir` for one batch: locked, left-overs settled, the user's files guarded.

    Why one call: a front end running a long batch must, before reading anything, lock the
    folder (two batches into one folder lost each other's failures), finish or discard what
    a killed run left half-published, and refuse a folder holding the user's own file under
    a name the study writes, so the user hears of it at once and not at the end.
    Raises `OutputError` for each; yields the folder (created if missing).

    >>> with ambicion.study_folder("out") as out:             # doctest: +SKIP
    ...     ambicion.analyze(["plans/"]).write(out)
    """
    from .io import folder_lock
    from .report.outputs import check_folder, recover

    with folder_lock(outdir) as folder:
        recover(folder)
        check_folder(folder)
        yield folder


def analyze(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    max_pages: int | None = None,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    resume: bool = False,
    judge: Judge | None = None,
) -> Study:
    """Analyse plans and reviews (files or folders of PDFs) into a Study.

    `cache_dir` keeps each file's extraction (by content hash); with `resume` a re-run reuses
    them and skips files already read; `timeout` bounds each file's extraction in seconds; `judge` replaces the shipped
    judge (it takes commitments and returns one Assessment per commitment, in order).
    """
    if jobs > 1 or timeout is not None:
        from .main_guard import require_main_guard

        require_main_guard(f"analyze(jobs={jobs})" if jobs > 1 else "analyze(timeout=...)")
    files, failures = expand_paths(paths)
    total = len(files)
    count = 0
    # With worker processes doing the reading this process is idle, so one background thread
    # first gets everything after the reading ready (the judge, the imports), then judges
    # each plan as soon as it is read. All of it otherwise ran serially after the last
    # file, which is what kept two jobs from being faster than one.
    background = None
    prejudged: dict[str, cf.Future] = {}
    counted: dict[str, cf.Future] = {}
    if jobs > 1 or timeout is not None:
        background = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="ambicion-judge")
        background.submit(prepare_after_reading, judge is None)

    def on_done(outcome) -> None:
        nonlocal count
        count += 1
        if background is not None and isinstance(outcome, Extracted) and isinstance(outcome.document, Plan):
            plan = outcome.document
            if judge is None:
                prejudged[plan.source] = background.submit(_judge_plan, plan, _default_judge)
            counted[plan.source] = background.submit(_count_plan, plan)
        if progress:
            progress(ProgressEvent("files", count, total, outcome.path,
                                   failed=isinstance(outcome, Failed),
                                   reused=bool(getattr(outcome, "reused", False))))

    if progress:
        progress(ProgressEvent("files", 0, total))

    try:
        outcomes = extract_files(files, jobs=jobs, max_pages=max_pages, timeout=timeout,
                                 cache_dir=Path(cache_dir) if cache_dir is not None else None,
                                 resume=resume, on_done=on_done)
    except BaseException:
        if background is not None:
            background.shutdown(wait=False, cancel_futures=True)
        raise
    if background is not None:
        background.shutdown(wait=True)
    plans: list[Plan] = []
    reviews: list[Review] = []
    for o in outcomes:
        if isinstance(o, Failed):
            failures.append(o)
        elif isinstance(o, Extracted) and isinstance(o.document, Review):
            reviews.append(o.document)
        elif isinstance(o, Extracted):
            plans.append(o.document)
    return build_study(plans, reviews, failures=[(f.path, f.reason) for f in failures],
                       judge=judge, progress=progress, prejudged=prejudged, counted=counted)


def build_study(
    plans: Sequence[Plan],
    reviews: Sequence[Review] = (),
    *,
    failures: Sequence[tuple[str, str]] = (),
    judge: Judge | None = None,
    progress: Progress | None = None,
    prejudged: Mapping[str, "cf.Future[list[Assessment]]"] | None = None,
    counted: Mapping[str, "cf.Future[list[Grams]]"] | None = None,
) -> Study:
    """Judge, pair, compare and summarise plans and reviews already extracted.

    `prejudged` maps a plan's source to its assessments being made elsewhere (analyze judges
    plans in the background as they are read); the other plans are judged here. `counted`
    likewise maps a plan's source to its commitments' n-grams counted for recycled detection
    (`_count_plan`); the result is the same with or without it.
    """
    import pandas as pd

    from .agreement import agreement_table, confusion_table, disagreements_table
    from .recycled import RECYCLED_COLUMNS, find_recycled
    from .summary import summarise

    judge = judge or _default_judge
    failed = list(failures)
    plans = sorted(plans, key=_plan_order)
    judged: list[tuple[Plan, list[Assessment]]] = []
    total = sum(len(p.commitments) for p in plans)
    done = 0
    if progress:
        progress(ProgressEvent("commitments", 0, total))
    for plan in plans:
        base = done

        def advance(n: int, plan: Plan = plan, base: int = base) -> None:
            if progress:
                progress(ProgressEvent("commitments", base + n, total, plan.source))

        try:
            early = (prejudged or {}).get(plan.source)
            if early is not None:  # judged in the background while other files were read
                assessments = early.result()
                advance(len(assessments))
            else:
                assessments = _judge_plan(plan, judge, advance)
        except ModelError:
            raise  # the judge itself is broken: every plan would fail the same way
        except Exception as exc:
            failed.append((plan.source, f"judging failed: {failure_reason(exc, plan.source)}"))
            continue
        judged.append((plan, assessments))
        done += len(plan.commitments)

    matches = _pair_reviews([p for p, _ in judged], reviews)
    rows = []
    grams: list[Grams] = []
    for plan, assessments in judged:
        counting = (counted or {}).get(plan.source)
        grams += counting.result() if counting is not None else _count_plan(plan)
        for c, a in zip(plan.commitments, assessments):
            row = plan_row(plan, c)
            row.update(assessment_row(a))
            row.update(irm_row(matches.get((plan.source, c.id), [])))
            rows.append(row)
    columns = [*PLAN_COLUMNS, *assessment_columns(), *IRM_COLUMNS]
    commitments = pd.DataFrame(rows, columns=columns)
    recycled = find_recycled(commitments, grams=grams)
    for col in RECYCLED_COLUMNS:
        commitments[col] = recycled[col]
    commitments = _tidy_types(commitments)

    return Study(
        commitments=commitments,
        summary=summarise(commitments),
        agreement=agreement_table(commitments),
        confusion=confusion_table(commitments),
        disagreements=disagreements_table(commitments),
        ratings=_ratings(reviews, matches),
        failures=pd.DataFrame(failed, columns=list(FAILURE_COLUMNS)),
        plans=tuple(p for p, _ in judged),
        reviews=tuple(reviews),
        assessments=tuple(a for _, assessments in judged for a in assessments),
    )


# what judging, pairing, recycled detection, the tables and the report import on first use
# (ambicion's own modules and the Parquet writer were imported after the last file: about
# 0.05 s of CPU on the critical path of every batch, whatever the number of jobs)
AFTER_READING_MODULES = ("pandas", "matplotlib.figure", "matplotlib.backends.backend_agg",
                         "ambicion.recycled", "ambicion.extract.join", "ambicion.agreement",
                         "ambicion.summary", "ambicion.frames", "ambicion.report.outputs",
                         "ambicion.report.html", "pyarrow.parquet")
WARM_UP_TEXTS = {"es": "Publicar los contratos en datos abiertos y responder a la ciudadanía.",
                 "en": "Publish the contracts as open data and answer citizens' questions."}
# the pipelines built before any plan is read: Spanish, the language of most plans. Another
# language's pipeline (some 0.4 s of CPU, taken from the workers) is built when a plan in it
# is first judged, which in a batch of several plans is also while other files are read.
EAGER_LANGUAGES = ("es",)


def prepare_after_reading(default_judge: bool = True,
                          languages: Sequence[str] = EAGER_LANGUAGES) -> None:
    """Load the judge (models, the pipelines of `languages`, compiled rules, function
    indexes) and import what comes after the reading, while worker processes read the files.

    Why: all of it otherwise runs serially after the last file is read, which is what kept
    two jobs from being faster than one. Failures are left for the real step to report.
    """
    import importlib

    if default_judge:
        with contextlib.suppress(Exception):
            from .judge.api import get_judge

            judge = get_judge()
            for lang in languages:
                judge.assess_many([WARM_UP_TEXTS[lang]], language=lang)
    for name in AFTER_READING_MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def _count_plan(plan: Plan) -> list["Grams"]:
    """The n-grams of the plan's commitments for recycled detection, counted from the text
    its rows carry (most of that detection's work, done per plan so a batch can do it while
    other files are read)."""
    from .recycled import count_grams

    return count_grams(c.text for c in plan.commitments)


def _default_judge(commitments: Sequence[Commitment]) -> list[Assessment]:
    from .judge.api import assess_many

    return assess_many(commitments)


def _judge_plan(plan: Plan, judge: Judge,
                advance: Callable[[int], None] = lambda n: None) -> list[Assessment]:
    """Judge a plan in batches, reporting how many of its commitments are done after each."""
    from .errors import InputError
    from .limits import limits

    cap = limits().max_commitment_chars
    for c in plan.commitments:  # spaCy refuses such texts with its own message; say it plainly
        if len(c.text) > cap:
            raise InputError(plan.source, f"commitment {c.id} has {len(c.text):,} characters, over the "
                                          f"{cap:,} limit for one commitment (was its layout recognised?)")
    out: list[Assessment] = []
    items = list(plan.commitments)
    for start in range(0, len(items), JUDGE_BATCH):
        chunk = items[start:start + JUDGE_BATCH]
        got = list(judge(chunk))
        if len(got) != len(chunk):
            raise RuntimeError(f"the judge returned {len(got)} results for {len(chunk)} commitments")
        out.extend(got)
        advance(len(out))
    return out


def _plan_order(plan: Plan) -> tuple:
    y0, _ = period_years(plan.period)
    return (fold(plan.country), y0 if y0 is not None else 9999, plan.source)


def reviews_for(plan: Plan, reviews: Sequence[Review]) -> list[Review]:
    """The reviews of `plan`: same period, and same country when both name one.

    When a review names no country it is used only if no review of that period does.
    """
    same = [r for r in reviews if same_period(plan.period, r.period)]
    named = [r for r in same if r.country and plan.country and fold(r.country) == fold(plan.country)]
    unnamed = [r for r in same if not (r.country and plan.country)]
    chosen = named or unnamed
    return sorted(chosen, key=lambda r: (review_rank(r), r.source))


def _pair_reviews(plans: Sequence[Plan], reviews: Sequence[Review]
                  ) -> dict[tuple[str, str], list[tuple[Review, Pair]]]:
    """(plan source, commitment id) -> the reviews' pairs for it, preferred review first."""
    out: dict[tuple[str, str], list[tuple[Review, Pair]]] = {}
    if not reviews:
        return out
    from .extract.join import join_items

    for plan in plans:
        for review in reviews_for(plan, reviews):  # already of the plan's member and period
            for pair in join_items(plan.commitments, review.ratings).pairs:
                out.setdefault((plan.source, pair.commitment.id), []).append((review, pair))
    return out


def _ratings(reviews: Sequence[Review], matches) -> "pd.DataFrame":
    """All IRM ratings, with the plan and commitment each was paired with (if any)."""
    import pandas as pd

    from .frames import RATING_COLUMNS, ratings_frame

    frames = []
    for review in reviews:
        links: list[tuple[str | None, str | None]] = []
        for r in review.ratings:
            link: tuple[str | None, str | None] = (None, None)
            for (plan_source, cid), items in matches.items():
                if any(rv.source == review.source and pair.rating == r for rv, pair in items):
                    link = (plan_source, cid)
                    break
            links.append(link)
        frame = ratings_frame(review)
        frame["plan_source"] = [p for p, _ in links]
        frame["commitment_id"] = [c for _, c in links]
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*RATING_COLUMNS, "plan_source", "commitment_id"])
    return pd.concat(frames, ignore_index=True)


def _tidy_types(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Stable dtypes so Parquet and CSV agree however many rows have IRM data (see `rows`)."""
    import pandas as pd

    from .labels import AMBITION_LEVELS

    out = frame.copy()
    text = string_dtype()
    for col in out.columns:
        if col in LIST_COLUMNS:
            out[col] = [list(v) if isinstance(v, (list, tuple)) else [] for v in out[col]]
        elif col in CATEGORY_COLUMNS:
            out[col] = pd.Categorical(out[col].where(out[col].isin(AMBITION_LEVELS)),
                                      categories=list(AMBITION_LEVELS), ordered=True)
        elif col.startswith(("value_", "flag_")) and not col.endswith("_prob") or col in (
                "open_gov_lens", "recycled"):
            out[col] = out[col].astype(bool)
        elif col.startswith("irm_") and col in (
                "irm_verifiable", "irm_open_gov_lens", "irm_promising", "irm_starred") or (
                col.startswith("irm_value_")):
            out[col] = out[col].astype("boolean")
        elif col in ("year_start", "year_end", "page_start", "page_end", "milestones_count"):
            out[col] = pd.array(out[col].tolist(), dtype="Int64")
        elif col.endswith(("_prob", "_similarity", "_confidence")) or col.startswith(
                "ambition_prob_"):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
        else:
            out[col] = out[col].astype(text)
    return out


def string_dtype() -> "pd.api.extensions.ExtensionDtype":
    """pandas' `str` dtype (NaN for missing, as pandas 3 uses by default) where available."""
    import numpy as np
    import pandas as pd

    try:
        return pd.StringDtype(na_value=np.nan)
    except TypeError:  # pandas < 2.3: the nullable string dtype
        return pd.StringDtype()
