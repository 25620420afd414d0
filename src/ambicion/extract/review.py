"""Read an IRM review PDF or Word file of any generation into a Review of per-commitment ratings.

The report is read into the block model first (read/pdf.py, read/docx.py), tables cut by a
page break joined by the one join (read/tables.py) with the tail rule of numbered rows. All
readers then run over the same blocks — the key–value reader for current Action Plan Reviews
and Results Reports, the summary-table reader for tables of field columns, the tick-table
reader for older progress and end-of-term reports — and their ratings are merged by
commitment number, because some reports mix the styles (an overview table plus
"Finalización: Completo" lines in the sections).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ..errors import NoCommitmentsError
from ..model import IrmRating, Review
from ..pdf.layout import Page
from ..pdf.pages import iter_pages, kept_pages
from ..read.blocks import Document, TableBlock
from ..read.review_segment import review_starts
from .review_current import current_ratings, opens_rating
from .review_grid import grid_ratings
from .review_legacy import legacy_ratings
from .review_meta import read_meta
from .review_text import STAR_WORDS, document_tables, has_star

_FIELDS = ("verifiable", "open_gov_lens", "potential_results", "promising", "specificity",
           "potential_impact", "completion", "opened_government", "ambition")


def read_review(path: str | Path, *, max_pages: int | None = None) -> Review:
    """Extract the IRM's ratings from a PDF or a Word (.docx) report; raises InputError for
    unreadable files and NoCommitmentsError when the document holds no rating the readers
    recognise. Both formats are read as blocks; a Word file's pages are approximate, counted
where Word recorded page breaks (read/docx.py), and one page when it records none."""
    p = Path(path)
    doc = read_review_document(p, max_pages)
    source = str(p)
    meta = read_meta(doc)
    starts = review_starts(doc.blocks)  # one list for both readers
    legacy = legacy_ratings(doc, source, starts)
    current = merge_ratings(current_ratings(doc, source, starts), grid_ratings(doc, source))
    ratings = merge_ratings(legacy, current)
    if not ratings:
        raise NoCommitmentsError(
            p, "no IRM commitment assessments found (no rated commitment blocks or tick tables); "
               "is this an IRM report?")
    kind = meta.kind or _infer_kind(legacy, current)
    says = marks_stars(doc)
    ratings = [replace(r, starred=bool(r.starred) if says else (True if r.starred else None))
               for r in expand_clusters(ratings)]
    return Review(source=source, title=meta.title, country=meta.country, period=meta.period,
                  kind=kind, language=meta.language, pages=doc.pages or 1, ratings=tuple(ratings))


def read_review_document(path: str | Path, max_pages: int | None = None) -> Document:
    """A review as blocks: a table cut by a page break is joined with the tail rule of
    numbered rows (read/tables.py), and never ends at a row of its own; a rating line
    ("Potencial de resultados: Modesto", or its label alone) opens a paragraph of its own."""
    p = Path(path)
    if p.suffix.lower() == ".docx":
        from ..read.docx import read_docx

        return read_docx(p)
    raw = list(iter_pages(p, max_pages=max_pages))
    return review_document_from_pages(kept_pages(p, raw), str(p), raw)


def review_document_from_pages(pages: Sequence[Page], source: str, raw: Sequence[Page] = ()) -> Document:
    """Blocks of a review's pages already read, the way `read_review` reads them (shared
    with `inspect`, so it shows the tables and paragraphs the readers see)."""
    from ..read.pdf import document_from_pages
    from ..read.tables import numbered_row_tail

    return document_from_pages(pages, source, raw, starts_new=_never, tail=numbered_row_tail,
                               opens_paragraph=opens_rating)


def _never(texts: object) -> bool:
    """A review's tables never end at a row of their own: a continued tick table goes on."""
    return False


def merge_ratings(first: Sequence[IrmRating], second: Sequence[IrmRating]) -> list[IrmRating]:
    """Ratings of both readers, one per commitment number; `first` wins where both have a value."""
    out: list[IrmRating] = list(first)
    index = {r.number: i for i, r in enumerate(out) if r.number is not None}
    for r in second:
        i = index.get(r.number) if r.number is not None else None
        if i is None:
            if r.number is not None:
                index[r.number] = len(out)
            out.append(r)
            continue
        base = out[i]
        updates = {f: getattr(r, f) for f in _FIELDS if getattr(base, f) is None and getattr(r, f) is not None}
        if not base.relevance and r.relevance:
            updates["relevance"] = r.relevance
        if r.starred and not base.starred:
            updates["starred"] = True
        if r.cluster and not base.cluster:
            updates["cluster"] = r.cluster
        out[i] = replace(base, **updates)
    return out


def expand_clusters(ratings: Sequence[IrmRating]) -> list[IrmRating]:
    """One rating per clustered commitment: a cluster rated once gives each member its row.

    A member the report also rates on its own keeps that rating; the others get a copy of
    the cluster's, numbered as themselves, right after it.
    """
    rated = {r.number for r in ratings if r.number is not None}
    out: list[IrmRating] = []
    for r in ratings:
        out.append(r)
        if len(r.cluster) < 2:
            continue
        for n in r.cluster:
            if n not in rated:
                rated.add(n)
                out.append(replace(r, number=n))
    return out


def marks_stars(doc: Document) -> bool:
    """Whether the report stars commitments at all (a star glyph or the word for it anywhere).

    Only then does an unstarred commitment mean "not starred"; otherwise it means "not said".
    """
    texts = [b.text for b in doc.blocks if not isinstance(b, TableBlock)]
    texts += [c.text for _, t in document_tables(doc) for c in t.cells]
    return any(has_star(text) or STAR_WORDS.search(text) for text in texts)


def _infer_kind(legacy: Sequence[IrmRating], current: Sequence[IrmRating]) -> str:
    if legacy:
        return "end_of_term_report" if any(r.opened_government for r in legacy) else "progress_report"
    if any(r.potential_results or r.verifiable is not None for r in current):
        return "action_plan_review"
    return "results_report"
