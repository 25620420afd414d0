"""Read an action-plan PDF into a Plan: choose the layout, segment, and read the metadata.

The pages become the reading model's blocks (read/pdf.py: paragraphs, tables merged across
page breaks) and go through the one segmenter like every other format (extract/blocks.py):
template tables first (a heading printed above a table opens its commitment), running text
when no table holds labels, a matrix with one commitment per row last. Metadata (title, country, period)
comes from the first pages, where plans print it on their cover.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from ..errors import NoCommitmentsError
from ..labels import fold
from ..lang import detect_language
from ..model import Commitment, Layout, Plan
from ..pdf.pages import Page, read_pages
from ..read.pdf import document_from_pages
from .blocks import drafts_from_document
from .fields import Draft, finish, make_ids
from .sanity import sanity_warnings

META_PAGES = 2


def read_plan(path: str | Path, *, max_pages: int | None = None) -> Plan:
    """Extract every commitment of an action-plan PDF (template tables or prose).

    Raises InputError for unreadable files and NoCommitmentsError when the document was
    read but nothing in it looks like a commitment.
    """
    p = Path(path)
    return plan_from_pages(p, read_pages(p, max_pages=max_pages))


def plan_from_pages(p: Path, pages: Sequence[Page]) -> Plan:
    """The Plan in pages already read (running lines stripped): read_plan after the reading,
    apart so that a batch can read a long plan's page ranges in several processes.

    What is needed of the pages afterwards (their count, read errors, the cover) is taken
    first, so that the pages go once their blocks exist and the blocks once the drafts do:
    held to the end, each stage's copy of a long plan's text would add to the peak."""
    n = len(pages)
    problems = sum(page.problems for page in pages)
    cover = list(pages[:META_PAGES])
    doc = document_from_pages(pages, source="")
    del pages  # the caller's list, when it keeps one, stays; read_plan's goes here
    drafts, layout = drafts_from_document(doc)
    del doc
    if not drafts:
        damage = f"; the PDF also looks damaged ({problems} read errors)" if problems else ""
        raise NoCommitmentsError(p, "no commitments found: neither template tables nor numbered "
                                    f"headings such as 'Compromiso 1:' were recognised{damage}")
    language = detect_language(" ".join(_draft_text(d) for d in drafts[:20]))
    commitments = build(drafts, stem=p.stem, language=language, source=str(p))
    meta = read_metadata(cover, language)
    return Plan(source=str(p), title=meta["title"], country=meta["country"], period=meta["period"],
                language=language, layout=layout, pages=n, commitments=tuple(commitments),
                warnings=sanity_warnings(commitments, n))


def drafts_from_pages(pages: Sequence[Page], *, allow_single: bool = False) -> tuple[list[Draft], Layout]:
    """Commitments in `pages` and the layout they were found in ("template", "prose" or "mixed"):
    the pages as the reading model's blocks, through the segmenter."""
    return drafts_from_document(document_from_pages(pages, source=""), allow_single=allow_single)


def build(drafts: Sequence[Draft], *, stem: str, language: str | None, source: str | None) -> list[Commitment]:
    """Freeze drafts into commitments with stable ids; `language=None` detects each one."""
    ids = make_ids(stem, list(drafts))
    return [finish(d, cid=cid, language=language or detect_language(_draft_text(d)), source=source)
            for d, cid in zip(drafts, ids)]


def _draft_text(d: Draft) -> str:
    return " ".join([d.title] + [t for v in d.fields.values() for t in v] + [m.text for m in d.milestones])


# ---------------------------------------------------------------- metadata

_SHORT_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—/]\s*(\d{2})(?![\d/.-])")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[-–—/]|\s(?:a|al|to|y|and)\s)\s*((?:19|20)\d{2})(?!\d)")


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], ...]:
    data = json.loads(resources.files("ambicion").joinpath("data/countries.json").read_text("utf-8"))
    return tuple(data["countries"])


def read_metadata(pages: Sequence[Page], language: str = "es") -> dict[str, str]:
    """Title, country and period as printed on the first pages ("" when absent)."""
    lines = [line for page in pages for line in page.lines]
    cells = [c.text for page in pages for t in page.tables for row in t.rows for c in row if c]
    text = "\n".join([line.text for line in lines] + cells)
    return {"title": _title(pages), "country": find_country(text, language),
            "period": find_period(text)}


def find_period(text: str) -> str:
    """The plan period, e.g. "2023-2025", from the first plausible year range."""
    for m in _PERIOD.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 5:
            return f"{a}-{b}"
    for m in _SHORT_PERIOD.finditer(text):  # "2023-25"
        a = int(m.group(1))
        b = a // 100 * 100 + int(m.group(2))
        if 0 < b - a <= 5:
            return f"{a}-{b}"
    return ""


def find_country(text: str, language: str = "es") -> str:
    """The country most named on the cover pages, in the document's language."""
    folded = fold(text)
    counts: Counter[int] = Counter()
    for i, entry in enumerate(_countries()):
        for name in {entry["es"], entry["en"]}:
            key = fold(name)
            n = len(re.findall(rf"(?<!\w){re.escape(key)}(?!\w)", folded))
            counts[i] += n
            # "País: Perú" / "Gobierno del Perú" count double: they name the plan's country
            counts[i] += 2 * len(re.findall(
                rf"(?:pais|country|gobierno del?|government of|republica del?)\s*:?\s*{re.escape(key)}(?!\w)", folded))
    if not counts or counts.most_common(1)[0][1] == 0:
        return ""
    best = counts.most_common(1)[0][0]
    return _countries()[best]["en" if language == "en" else "es"]


def _title(pages: Sequence[Page]) -> str:
    """The cover's largest text (consecutive lines in that size), else its first line."""
    if not pages or not pages[0].lines:
        return ""
    lines = pages[0].lines
    biggest = max(line.size for line in lines)
    if biggest <= 0:
        return lines[0].text.strip()
    picked: list[str] = []
    for line in lines:
        if abs(line.size - biggest) < 0.6:
            picked.append(line.text.strip())
        elif picked:
            break
    return " ".join(picked)[:300]
