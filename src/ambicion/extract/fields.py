"""Shared pieces of plan reading: field text clean-up, milestone dates, the Draft being built.

Label matching lives in the one labeller (read/label.py `label_of`, which every reader
asks); table rows and running text use the same clean-up and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..dates import find_dates
from ..model import Commitment, Milestone
from ..read.label import (  # noqa: F401  (the labeller, re-exported for the readers here)
    BULLET,
    parse_heading,
)

# A milestone numbered under its commitment ("1.2 …", "Hito 3.1 …", "Milestone 2.4: …"):
# it opens an item like a bullet does.
ITEM_NUMBER = re.compile(r"^\s*(?:(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+)?\d{1,2}(?:\.\d{1,2})+"
                         r"\.?[:.)]?\s+(?=\S)", re.I)

TEXT_FIELDS = ("problem", "what", "how", "values_claim", "additional", "description")

def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into paragraphs; bullets start their own line; hyphenated words
    split at a line end are rejoined."""
    out: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if out and not BULLET.match(line):
            prev = out[-1]
            if re.search(r"[^\W\d_]-$", prev) and line[:1].islower():
                out[-1] = prev[:-1] + line
            else:
                out[-1] = prev + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def clean_value(text: str) -> str:
    """Normalise a field value taken from a table cell (wrapped over several lines)."""
    return join_lines(text.splitlines()).strip()


def split_institutions(text: str) -> tuple[str, ...]:
    """Responsible institutions, one per item: separated by semicolons, new lines or bullets."""
    parts = re.split(r"\s*;\s*|\n", text)
    out = []
    for p in parts:
        p = BULLET.sub("", p).strip().rstrip(".")
        if p:
            out.append(p)
    return tuple(out)


# ---------------------------------------------------------------- milestone dates


_TAIL_JOIN = re.compile(r"^\s*(?:[-–—]|a|al|hasta|to|until|y|and|,|;|/)?\s*$", re.I)
_YEAR_CUE = re.compile(r"(?:[-–—:(,;]|\b(?:hasta|until|by|en|in|para|al|a|to|desde|from)|"
                       r"(?:19|20)\d{2})\s*$", re.I)
_START_END = re.compile(
    r"(?:fecha\s+de\s+)?(?:inicio|start)\s*:?\s*(?P<start>[^;,()]+?)\s*[;,]\s*"
    r"(?:fecha\s+de\s+)?(?:t[eé]rmino|fin|finalizaci[oó]n|end)\s*:?\s*(?P<end>[^;,()]+?)\s*\)?\.?\s*$",
    re.I)


def parse_milestone(text: str, page: int | None = None) -> Milestone:
    """Split "Publicar el reglamento (enero 2024 – junio 2024)" into text and dates.

    Dates are read only at the end of the item (in brackets, after a dash or as "inicio: …;
    término: …"), so a year inside the activity ("Ley 27806 de 2002") is left alone.
    """
    text = BULLET.sub("", " ".join(text.split())).strip()
    m = _START_END.search(text)
    if m:
        body = text[: m.start()].rstrip(" ([-–—:,;")
        return Milestone(text=body, start=m.group("start").strip(), end=m.group("end").strip(), page=page)
    paren = re.search(r"\(([^()]*)\)\s*\.?$", text)
    if paren and find_dates(paren.group(1)):
        dates = [d.group(0) for d in find_dates(paren.group(1))]
        body = text[: paren.start()].rstrip(" ,;:-–—")
        return _with_dates(body, dates, page)
    matches = find_dates(text)
    if matches:
        tail: list[re.Match[str]] = []
        end = len(text.rstrip(" ."))
        for d in reversed(matches):
            in_range = bool(tail) and re.fullmatch(r"\s*[-–—]\s*", text[d.end():tail[0].start()])
            if re.fullmatch(r"\d{4}", d.group(0)) and not in_range \
                    and not _YEAR_CUE.search(text[: d.start()]):
                break  # "Ley 27806 de 2002": a year inside the activity, not its date
            if _TAIL_JOIN.match(text[d.end():end]) and len(tail) < 2:
                tail.insert(0, d)
                end = d.start()
            else:
                break
        if tail:
            body = text[:end].rstrip(" ,;:-–—(")
            body = re.sub(r"\s+(?:de|desde|from|between|entre|hasta|until|by|en|in|para|al|a)$", "",
                          body, flags=re.I)
            if body:
                return _with_dates(body, [d.group(0) for d in tail], page)
    return Milestone(text=text.rstrip(), page=page)


def _with_dates(body: str, dates: list[str], page: int | None) -> Milestone:
    if len(dates) >= 2:
        return Milestone(text=body, start=dates[0], end=dates[-1], page=page)
    return Milestone(text=body, end=dates[0] if dates else None, page=page)


# ---------------------------------------------------------------- building a commitment


@dataclass
class Draft:
    """A commitment being assembled, field by field, with the page of each field."""

    number: str | None = None
    title: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)
    institutions: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    field_pages: dict[str, int] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # fields in the order the document gave them

    def add(self, code: str, text: str, page: int | None) -> None:
        text = text.strip()
        if not text:
            return
        if code == "institutions":
            self.institutions.extend(i for i in split_institutions(text) if i not in self.institutions)
        elif code == "title" and not self.title:
            self.title = " ".join(text.split())
        elif code == "number":
            m = re.search(r"\d+(?:\.\d+)?", text)
            if m and self.number is None:
                self.number = m.group(0)
        else:
            self.fields.setdefault(code, []).append(text)
        self.touch(code, page)

    def extend(self, code: str, text: str, page: int | None) -> None:
        """Continue the field's last paragraph (a value cut by a page or a row break)."""
        chunks = self.fields.get(code)
        text = text.strip()
        if not chunks or code in ("institutions", "title", "number") or not text:
            self.add(code, text, page)
            return
        prev = chunks[-1]
        if re.search(r"[^\W\d_]-$", prev) and text[:1].islower():
            chunks[-1] = prev[:-1] + text
        else:
            chunks[-1] = f"{prev} {text}"
        self.touch(code, page)

    def touch(self, code: str, page: int | None) -> None:
        if code not in self.order:
            self.order.append(code)
        if page is None:
            return
        self.field_pages.setdefault(code, page)
        self.pages.append(page)

    def text_of(self, code: str, sep: str = "\n") -> str:
        return sep.join(self.fields.get(code, ())).strip()

    @property
    def empty(self) -> bool:
        return not (self.title or self.fields or self.milestones or self.institutions)


def first_sentence(text: str, limit: int = 160) -> str:
    """A title for text that has none: its first line or sentence, cut at a word."""
    line = text.strip().split("\n", 1)[0]
    m = re.match(r"(.+?[.!?])(?:\s|$)", line)
    sentence = (m.group(1) if m else line).strip()
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


def finish(draft: Draft, *, cid: str, language: str, source: str | None) -> Commitment:
    """Freeze a Draft into a Commitment with its provenance."""
    from ..model import Provenance

    dates = draft.text_of("dates", " ")
    if not dates and (draft.fields.get("start") or draft.fields.get("end")):
        dates = " – ".join(x for x in (draft.text_of("start", " "), draft.text_of("end", " ")) if x)
    additional = "\n".join(x for x in (draft.text_of("additional"), draft.text_of("deliverable")) if x)
    title = draft.title or first_sentence(
        draft.text_of("what") or draft.text_of("description") or draft.text_of("problem"))
    prov = None
    if source is not None:
        pages = draft.pages or [m.page for m in draft.milestones if m.page is not None]
        prov = Provenance(source=source, page_start=min(pages) if pages else None,
                          page_end=max(pages) if pages else None,
                          field_pages=dict(draft.field_pages),
                          field_order=() if draft.field_pages else tuple(draft.order))
    return Commitment(
        id=cid, number=draft.number, title=title, institutions=tuple(draft.institutions),
        problem=draft.text_of("problem"), what=draft.text_of("what"), how=draft.text_of("how"),
        values_claim=draft.text_of("values_claim"), additional=additional,
        description=draft.text_of("description"), dates=dates,
        milestones=tuple(draft.milestones), other_actors=draft.text_of("other_actors", "; "),
        language="en" if language == "en" else "es", provenance=prov,
    )


def make_ids(stem: str, drafts: list[Draft]) -> list[str]:
    """Stable ids "<stem>#<number>" (position when unnumbered; suffixed when repeated)."""
    seen: dict[str, int] = {}
    ids = []
    for i, d in enumerate(drafts, start=1):
        base = f"{stem}#{d.number or i}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
