"""Shared pieces of plan reading: label matching, field text clean-up and milestone dates.

Both layouts (template tables and prose) and drafts use these, so a label variant or a date
format learned once works everywhere.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..dates import find_dates
from ..labels import PLAN_FIELDS, fold, plan_field
from ..model import Commitment, Milestone

BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□➢►\-–—*]|o(?=\s)|\(?[a-z]\)|\d{1,2}[.)](?=\s))\s+", re.I)

# A milestone numbered under its commitment ("1.2 …", "Hito 3.1 …", "Milestone 2.4: …"):
# it opens an item like a bullet does.
ITEM_NUMBER = re.compile(r"^\s*(?:(?:hito|milestone|marco|jal[oó]n|actividad|activity)\s+)?\d{1,2}(?:\.\d{1,2})+"
                         r"\.?[:.)]?\s+(?=\S)", re.I)

TEXT_FIELDS = ("problem", "what", "how", "values_claim", "additional", "description")

_TRIM = re.compile(r"^[\s:¿?¡!.*()\-–—•·]+|[\s:¿?¡!.*()\-–—]+$")


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, str], ...]:
    """Known multi-word labels, longest first, for labels that run on ("... del compromiso")."""
    items = [(fold(v), code) for code, variants in PLAN_FIELDS.items() for v in variants]
    items = [(v, c) for v, c in items if len(v.split()) >= 2]
    return tuple(sorted(items, key=lambda x: -len(x[0])))


def match_label(label: str) -> str | None:
    """Map a label as printed to a field code: exact variant, either side of a slash, or a
    known multi-word label followed by more words."""
    label = " ".join(label.split())
    if not label or len(label) > 160:
        return None
    code = plan_field(label)
    if code:
        return code
    if "/" in label:
        for part in label.split("/"):
            code = plan_field(part)
            if code:
                return code
    key = fold(_TRIM.sub("", label))
    for prefix, code in _prefixes():
        if key.startswith(prefix) and (len(key) == len(prefix) or not key[len(prefix)].isalnum()):
            return code
    return None


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]\s+", re.I)
# A misspelt label cell still matches a known label this close (difflib ratio), when long
# enough for the ratio to mean something.
FUZZY_RATIO = 0.9
FUZZY_CHARS = (10, 80)


@lru_cache(maxsize=4096)
def match_label_cell(label: str) -> str | None:
    """`match_label` for a table's label cell, more tolerant: numbering before the label
    ("2. What are the causes …") and small misspellings ("Descripcion del compromsio")."""
    code = match_label(label)
    if code:
        return code
    bare = _NUMBERING.sub("", label)
    if bare != label:
        code = match_label(bare)
        if code:
            return code
    key = fold(_TRIM.sub("", " ".join(bare.split())))
    if not FUZZY_CHARS[0] <= len(key) <= FUZZY_CHARS[1]:
        return None
    close = difflib.get_close_matches(key, _label_keys(), n=1, cutoff=FUZZY_RATIO)
    return _label_index()[close[0]] if close else None


@lru_cache(maxsize=1)
def _label_index() -> dict[str, str]:
    return {fold(v): code for code, variants in PLAN_FIELDS.items() for v in variants
            if len(fold(v)) >= FUZZY_CHARS[0]}


@lru_cache(maxsize=1)
def _label_keys() -> tuple[str, ...]:
    return tuple(_label_index())


_LABEL_LINE = re.compile(r"^\s*(?P<label>[^:\n]{2,90}?)\s*:\s*(?P<value>.*)$", re.S)


def split_label_line(text: str) -> tuple[str, str] | None:
    """Read "Entidad responsable: Ministerio ..." as (field code, value); None otherwise."""
    m = _LABEL_LINE.match(text)
    if not m:
        return None
    label = m.group("label").strip("*_ #")
    code = match_label(label)
    if code is None:
        return None
    return code, m.group("value").strip()


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
        language=language if language in ("es", "en") else "es", provenance=prov,
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


_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:compromiso|commitment)\s*"
    r"(?:n[°º]\s*|nro\.?\s*|n[uú]m(?:ero)?\.?\s*|number\s*|no\.?\s+|n\.\s*|#\s*)?"
    r"(?P<number>\d{1,4}(?:\.\d{1,2})?)\s*(?:(?:[:.)]|\s[-–—]|[-–—])\s*(?P<title>.*?))?(?:\*\*)?\s*$",
    re.I | re.S)


def parse_heading(text: str) -> tuple[str, str] | None:
    """Read "Compromiso N° 4. Título", "Commitment 3 – Title" or "Compromiso 1:" as
    (number, title); None when the text is not such a heading."""
    m = _HEADING.match(text)
    if not m:
        return None
    title = " ".join((m.group("title") or "").split()).strip("*_ ")
    title = _LEADER.sub("", title)  # a table-of-contents entry: "Título ........ 12"
    return m.group("number"), title


_LEADER = re.compile(r"\s*(?:\.\s*){3,}\d*\s*$|\s*…+\s*\d*$")


def is_contents_entry(text: str) -> bool:
    """True for a table-of-contents line: the title runs into a dotted leader and a page
    number ("Compromiso 3: Título ........ 12")."""
    m = _LEADER.search(text)
    return m is not None and re.search(r"\d\s*$", m.group(0)) is not None

