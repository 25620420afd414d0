"""The one field labeller: which template field a printed label names, wherever it stands.

A label may be a table's left-column cell, a cell of a top row of labels, a line of its own
("Hitos"), the start of a line before a colon ("Entidad responsable: Minsa"), or a numbered
question ("2. What is the problem?"), with or without its colon. Every reader (template
tables, running text, Word and text drafts, matrices) asks here, so a label variant learned
once counts everywhere. The vocabulary is data (data/plan_labels.json, through
`labels.plan_field`); matching ignores accents, case, numbering and trailing punctuation,
and tolerates small misspellings in table cells. Commitment headings ("Compromiso N° 4.
Título") are read here too, as the label that names the commitment itself.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..labels import IRM_FIELDS, PLAN_FIELDS, fold, plan_field
from .review_heads import fold_aligned

# A list mark opening a line: "•", "-", "o", "a)", "1." (a bullet, never a label).
BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□➢►\-–—*]|o(?=\s)|\(?[a-z]\)|\d{1,2}[.)](?=\s))\s+", re.I)

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


def _match_cell(label: str) -> str | None:
    """`match_label` for a table's label cell (`label_of(..., cell=True)`), more tolerant:
    numbering before the label ("2. What are the causes …") and small misspellings
    ("Descripcion del compromsio")."""
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




# a commitment's number as headings and number cells give it: "4", "12.1", up to six digits
COMMITMENT_NUMBER = r"\d{1,6}(?:\.\d{1,2})?"

_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:compromiso|commitment)\s*"
    r"(?:n[°º]\s*|nro\.?\s*|n[uú]m(?:ero)?\.?\s*|number\s*|no\.?\s+|n\.\s*|#\s*)?"
    rf"(?P<number>{COMMITMENT_NUMBER})\s*(?:(?:[:.)]|\s[-–—]|[-–—]|(?<=\n)|[ \t]*\n)\s*(?P<title>.*?))?(?:\*\*)?\s*$",
    re.I | re.S)


def parse_heading(text: str) -> tuple[str, str] | None:
    """Read "Compromiso N° 4. Título", "Commitment 3 – Title", "Compromiso 1:" or a cell
    "COMPROMISO 4" with the title on its next lines as (number, title); None when the text
    is not such a heading."""
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


# A label standing alone on its line ("Hitos", "Entidad responsable") is no longer than this.
LABEL_LINE_CHARS = 80

Position = Literal["cell", "colon", "numbered", "alone", "lead", "heading"]
_QUESTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Label:
    """A field label found in a piece of text, the value printed with it, and where it stood."""

    field: str  # the field code ("institutions", "milestones", …; "commitment" for a heading)
    value: str  # the text after the label ("" when the value follows elsewhere; a heading's title)
    position: Position
    number: str | None = None  # the number a commitment heading gives


# Texts up to this long are looked up once (label cells and label lines repeat across a
# plan); longer ones are values, quick to refuse and not worth keeping.
CACHED_CHARS = 200


def label_of(text: str, *, cell: bool = False, first: bool = True, heading: bool = False,
             lead: bool = False) -> Label | None:
    """The label in `text`, for every reader (tables, running text, matrices, inspect) and
    the segmenter.

    Running text: "Label: value" on one line, "2. Label: value", or a short line that is
    only a label. A table cell (`cell`): the row's label cell (`first`) is read tolerantly
    (numbering, small misspellings, "Label: value" in one cell); a cell further along the
    row is a label only when it is one as a whole ("label | value | label | value", a top
    row of labels), so a value that opens with a word and a colon stays a value.

    With `heading`, a commitment heading ("Compromiso N° 4. Título", a cell "COMPROMISO 4")
    is read first, as the label naming the commitment itself: field "commitment", position
    "heading", its number and title. Off by default, because the field walks hand every
    label they meet to the filler and a heading is where a commitment starts, not a field.

    With `lead` (running text), a known label that runs on into more words without a colon
    ("Entidad responsable Ministerio de …", position "lead", up to 160 characters) counts
    too: the segmenter must not take such a line for a title, while the field walks leave
    it as text (where its value starts cannot be told)."""
    if heading and (found := parse_heading(text)) is not None:
        return Label("commitment", found[1], "heading", found[0])
    got = _label_cached(text, cell, first) if len(text) <= CACHED_CHARS else _label(text, cell, first)
    if got is None and lead and not cell and (code := match_label(text)) is not None:
        return Label(code, "", "lead")
    return got


def inline(label: Label | None) -> bool:
    """True for a label that opens its line and goes on with its value there ("Label:
    value", "Label:", "2. Label: value", or a commitment heading): such a line opens a
    paragraph of its own, where a short line that is only a label word may just end one."""
    return label is not None and label.position in ("colon", "numbered", "heading")


@lru_cache(maxsize=8192)
def _label_cached(text: str, cell: bool, first: bool) -> Label | None:
    return _label(text, cell, first)


def _label(text: str, cell: bool, first: bool) -> Label | None:
    if cell:
        code = _match_cell(text) if first else match_label(text)
        inline = split_label_line(text)
        if code is None:
            if not first:
                return None
            if inline is not None and inline[1]:
                return Label(inline[0], inline[1], "colon")  # "Hitos: …" in one cell
            bare = _QUESTION_NUMBER.sub("", text, count=1)
            if bare != text and (inline := split_label_line(bare)) is not None and inline[1]:
                return Label(inline[0], inline[1], "numbered")
            return None
        if inline is not None and inline[0] == code and inline[1]:
            return Label(code, inline[1], "colon")
        return Label(code, "", "cell")
    inline = split_label_line(text)
    if inline is not None:
        return Label(inline[0], inline[1], "colon")
    bare = _QUESTION_NUMBER.sub("", text, count=1)
    if bare != text and (inline := split_label_line(bare)) is not None:
        return Label(inline[0], inline[1], "numbered")  # "2. Entidad responsable: MEF"
    if len(text) <= LABEL_LINE_CHARS:
        code = match_label(text)
        if code is not None:
            return Label(code, "", "alone")
    return None


# ---------------------------------------------------------------- IRM review fields

_REVIEW_LEAD = re.compile(r"^[\W_]*")  # bullets of any shape, "¿", dashes
_REVIEW_SEP = re.compile(r"^[\s:?¿.\-–—]*")


@lru_cache(maxsize=1)
def _review_labels() -> tuple[tuple[str, str], ...]:
    """The review vocabulary (data/review_labels.json), longest label first."""
    return tuple(sorted(((fold(v), code) for code, variants in IRM_FIELDS.items() for v in variants),
                        key=lambda x: -len(x[0])))


def match_review_label(text: str) -> tuple[str, str] | None:
    """(field, the text after the label) for a review's key–value line or header cell
    ("Potencial de resultados: Modesto" -> ("potential_results", "Modesto")), else None."""
    body = _REVIEW_LEAD.sub("", text, count=1)
    key = fold_aligned(body)
    for label, code in _review_labels():
        if key.startswith(label) and (len(key) == len(label) or not key[len(label)].isalnum()):
            rest = body[len(label):]
            return code, _REVIEW_SEP.sub("", rest, count=1).strip()
    return None

