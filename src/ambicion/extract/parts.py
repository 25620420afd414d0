"""Read a long plan PDF in page ranges, in several worker processes, and join the parts.

Why: a batch of a few long plans on two workers leaves one worker idle while the other reads
the last plan alone. Reading the pages is nearly all of a plan's time and is done page by
page, except borderless tables, whose columns carry over each page break. Parts are read
without that one step; the join runs it over all the pages in order and then does what
`read_plan` does after the reading, so the Plan equals the one read from the whole file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..errors import failure_reason

MIN_PART_PAGES = 8  # below this a part's start-up (opening the file again) outweighs its gain


def page_ranges(pages: int, parts: int) -> list[tuple[int, int]]:
    """`pages` cut into at most `parts` consecutive (first, last) ranges, 1-based and
    inclusive, of near-equal size and at least MIN_PART_PAGES each."""
    n = max(1, min(parts, pages // MIN_PART_PAGES))
    bounds = [round(k * pages / n) for k in range(n + 1)]
    return [(bounds[k] + 1, bounds[k + 1]) for k in range(n)]


def read_part(path: str, first: int, last: int, pages: int | None = None) -> dict[str, Any]:
    """Pages `first`..`last` of the PDF, borderless tables left for the join; a plain dict
    either way (runs in a worker process). `pages`: the file's page count, when known."""
    from ..pdf.pages import iter_pages

    try:
        return {"pages": list(iter_pages(path, last, first=first, unruled=False, pages=pages))}
    except Exception as exc:  # the join reports the first failing part, as a whole read would
        return {"error": failure_reason(exc, path)}


def join_parts(path: str, parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The plan read from its parts (in page order): the result `extract_one` gives for the
    whole file, or the error of the first part that failed."""
    for part in parts:
        if "error" in part:
            return {"error": part["error"]}
    from ..pdf.pages import kept_pages, with_unruled_tables
    from .plan import plan_from_pages

    try:
        p = Path(path)
        pages = with_unruled_tables(page for part in parts for page in part["pages"])
        return {"kind": "plan", "data": plan_from_pages(p, kept_pages(p, pages)).to_dict()}
    except Exception as exc:
        return {"error": failure_reason(exc, path)}
