"""The one segmenter: where commitments start, from the signals real documents use.

It works on the reading model's pieces — paragraphs (headings, running text, list items,
each with its weight and size) and tables (rows of cell texts) in reading order — whatever
format they came from, and names the signal behind each start:

- "numbered_heading": "Compromiso N° 4. Título", "Commitment 3 –", in any numbering form;
  or, when a document uses nothing else, bold numbered lines "1. Título" in sequence (a
  numbered list that goes on 1, 2, 3 without headings is a list, not commitments);
- "bold_title": short bold paragraphs (Word heading styles, bold lines), each over its own
  text, when there are two or more (drafts); "whole_text": a draft with neither is one
  commitment (`text_spans`, which also says where each body ends);
- "table_title_row": a table row that opens a commitment ("Compromiso N° 3: …" merged over
  the table, or a number / title label row), which also ends a table continued over a page;
- "heading_above_table": a heading printed above a label | value table (numbered, possibly
  wrapped over several lines, or an unnumbered bold title), which opens that table's
  commitment; the same heading repeated over a continued table ("(continuación)") opens
  nothing;
- "matrix_row": one commitment per row of a matrix under a header of labels (read by the
  template reader's `read_matrix_rows`, which asks `matrix`/`starts_commitment` here).

Where an IRM review's rated commitments start is read/review_segment.py's job.

Filling the fields of each commitment is the labeller's job (read/label.py), done by the
readers in extract/ over the spans found here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence

from .tables import MergedTable, RowTexts
from .columns import milestone_header
from .label import BULLET, Label, is_contents_entry, label_of

Signal = Literal["numbered_heading", "bold_title", "whole_text", "table_title_row",
                 "heading_above_table", "title_above_table", "repeated_heading", "matrix_row"]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of running text (a heading, a list item with its numbering, a line of
    text) as the segmenter sees it: text, weight, size and where it was printed."""

    text: str
    page: int | None
    bold: bool
    end_page: int | None = None
    top: float | None = None  # of the first line
    bottom: float | None = None  # of the last line (on `end_page`)
    size: float = 0.0  # of the first line (0: unknown)
    x0: float | None = None  # left and right ends of its lines, when printed on a page
    x1: float | None = None


_NUMBERED = re.compile(r"^\s*(?P<number>\d{1,2})\s*[.)]\s+(?P<title>\S.{2,250})$", re.S)
# Grouping headings between commitments ("Eje 2: Transparencia"): not part of any commitment.
GROUP_HEADING = re.compile(r"^(?:eje|pilar|[áa]rea|tema|theme|pillar|cluster)(?:\s+tem[áa]tico)?"
                            r"\s*(?:n[°º.]?\s*)?\d{0,2}\s*[:.–—-]", re.I)


# A heading is short; a bold one may wrap over many lines (long official titles).
HEADING_CHARS = 300
BOLD_HEADING_CHARS = 600


def _heading_length(p: Para) -> bool:
    return len(p.text) <= (BOLD_HEADING_CHARS if p.bold else HEADING_CHARS)


# Every label and heading is read by the one labeller (read/label.py `label_of`); these say
# which of its answers each rule below asks about.

def heading_of(text: str) -> tuple[str, str] | None:
    """(number, title) when `text` is a commitment heading ("Compromiso N° 4. Título")."""
    found = label_of(text, heading=True)
    if found is None or found.position != "heading":
        return None
    return found.number or "", found.value


def _colon_label(text: str) -> bool:
    """"Label: value" (or "2. Label: value") opening the text."""
    found = label_of(text)
    return found is not None and found.position in ("colon", "numbered")


def _cell_label(text: str) -> Label | None:
    """A table cell that is a label as a whole, read exactly (no numbering or misspelling
    tolerated, unlike the template reader's label cell): the table join asks
    `starts_commitment` of every first row and of lines at a page foot, where a near miss
    ("Compromisos" heading a matrix) would cut a table continued over a page break."""
    return label_of(text, cell=True, first=False)


def find_headings(paras: Sequence[Para]) -> dict[int, tuple[str, str]]:
    """Index of paragraph -> (number, title) for the paragraphs that open a commitment:
    "Compromiso N…" headings, or else bold numbered lines "1. Título" in sequence."""
    found = {i: h for i, p in enumerate(paras)
             if _heading_length(p) and (h := heading_of(p.text)) is not None}
    if found:
        return found
    candidates = {i for i, p in enumerate(paras) if _NUMBERED.match(p.text)}
    if any(paras[i].bold for i in candidates):
        candidates = {i for i in candidates if paras[i].bold}  # headings are set in bold
    expected = 1
    out: dict[int, tuple[str, str]] = {}
    last_item: tuple[int, int] | None = None  # (paragraph, number) of the last list item
    for i, p in enumerate(paras):
        m = _NUMBERED.match(p.text)
        if not m:
            continue
        n = int(m.group("number"))
        title = m.group("title").strip()
        continues_list = last_item is not None and last_item == (i - 1, n - 1)
        if i in candidates and n == expected and not continues_list \
                and not title.endswith((";", ",", ":")):
            out[i] = (m.group("number"), title)
            expected += 1
            last_item = None
        else:
            last_item = (i, n)  # an item of a numbered list (milestones, actions)
    return out


# A bold title standing alone is at most this long.
TITLE_CHARS = 200


def bold_titles(paras: Sequence[Para]) -> dict[int, tuple[str | None, str]]:
    """Paragraph index -> (None, title) for bold paragraphs that title the text below them
    (short, not a label, not a lead-in ending in a colon, followed by text not in bold).
    Two or more are needed: one bold line over a text is just its title."""
    out: dict[int, tuple[str | None, str]] = {}
    for i, p in enumerate(paras[:-1]):
        text = p.text.strip()
        if not p.bold or len(text) > TITLE_CHARS or text.endswith(":") or GROUP_HEADING.match(text):
            continue
        if label_of(text, heading=True, lead=True) is not None or BULLET.match(text):
            continue
        if paras[i + 1].bold and not _colon_label(paras[i + 1].text):
            continue  # a run of bold lines: a heading over a heading, or emphasis
        out[i] = (None, text)
    return out if len(out) >= 2 else {}


@dataclass(frozen=True)
class TextSpan:
    """One commitment in running text: its heading paragraph (None for a text that is one
    commitment as a whole), the number and title it gives, and its body paragraphs."""

    signal: Signal
    head: int | None
    number: str | None
    title: str
    body: tuple[int, ...]


def text_spans(paras: Sequence[Para], *, allow_single: bool = False) -> list[TextSpan]:
    """Where commitments start and end in running text: numbered headings (else, with
    `allow_single`, bold titles; else the whole text as one). A heading's body runs to the
    next heading, or to a heading of its rank or above that is no commitment's ("Anexo");
    a title on the line after "COMPROMISO 4", or a bold heading wrapped onto a second line,
    is part of the title."""
    heads: Mapping[int, tuple[str | None, str]] = find_headings(paras)
    signal: Signal = "numbered_heading"
    if not heads and allow_single:
        heads, signal = bold_titles(paras), "bold_title"  # a draft: bold titles over their texts
    if not heads:
        if not allow_single or not paras:
            return []
        return [TextSpan("whole_text", None, None, "", tuple(range(len(paras))))]
    out: list[TextSpan] = []
    order = sorted(heads)
    for k, start in enumerate(order):
        end = order[k + 1] if k + 1 < len(order) else len(paras)
        number, title = heads[start]
        body = _own_body(paras, start, end)
        first = paras[body[0]] if body else None
        if first is not None and not title and not _colon_label(first.text) and len(first.text) <= 250:
            title, body = first.text, body[1:]
        elif (first is not None and title and paras[start].bold and first.bold and len(first.text) <= 150
              and label_of(first.text, heading=True, lead=True) is None):
            title, body = f"{title} {first.text}", body[1:]  # a bold heading wrapped onto a second line
        out.append(TextSpan(signal, start, number, title, tuple(body)))
    return out


def _own_body(paras: Sequence[Para], start: int, end: int) -> list[int]:
    """The paragraphs under the heading at `start` up to the next heading of its rank or
    above ("Anexo. Glosario" after the last commitment): bold, set no smaller than it."""
    head = paras[start]
    body = list(range(start + 1, end))
    if not head.size:
        return body
    for k, i in enumerate(body):
        p = paras[i]
        if p.bold and p.size >= head.size - 0.1 and len(p.text) <= HEADING_CHARS \
                and heading_of(p.text) is None and not (k == 0 and p.size == head.size):
            return body[:k]
    return body


# ---------------------------------------------------------------- tables

MILESTONE_COLUMNS = {"milestones": "text", "start": "start", "end": "end", "deliverable": "deliverable"}


def starts_commitment(texts: Sequence[str | None]) -> bool:
    """True for a table row that opens a commitment: a "Compromiso N° …" heading cell, or a
    number or title label (signal "table_title_row"; also tells the table merger where a
    table continued over a page break ends)."""
    cells = [t.strip() for t in texts if t and t.strip()]
    if not cells:
        return False
    found = label_of(cells[0], cell=True, first=False, heading=True)
    return found is not None and found.field in {"commitment", "number", "title"}


def is_matrix(table: MergedTable) -> bool:
    """A summary matrix (one row per commitment under a row of column labels), which
    restates the commitments rather than describing one."""
    rows = [r.texts() for r in table.rows]
    rows = [r for r in rows if any(t and t.strip() for t in r)]
    if len(rows) < 2 or milestone_header(rows[0]):
        return False
    head = [t for t in rows[0] if t and t.strip()]
    labelled_head = len(head) >= 3 and sum(1 for t in head if _cell_label(t)) >= 2
    body = rows[1:] if labelled_head else rows  # a matrix continued on a new page has no head
    openers = [r for r in body if _cell_label(_first_text(r))]
    if not openers:
        return labelled_head
    # rows that each hold a whole commitment: "Compromiso 1: …" | entity | dates
    return len(openers) >= 2 and all(
        heading_of(_first_text(r)) and sum(1 for t in r if t and t.strip()) >= 3 for r in openers)


def _first_text(texts: RowTexts) -> str:
    return next((t.strip() for t in texts if t and t.strip()), "")


def field_table(table: MergedTable) -> bool:
    """True for a commitment's label | value table: some row opens with a field label (a
    milestones header alone does not count) and the table is not a summary matrix."""
    if is_matrix(table):
        return False
    for row in table.rows:
        texts = row.texts()
        first = next((t.strip() for t in texts if t and t.strip()), "")
        found = _cell_label(first) if first else None
        if found is not None and found.field not in MILESTONE_COLUMNS and not milestone_header(texts):
            return True
    return False


# ---------------------------------------------------------------- headings above tables

# "(continuación)", "(cont.)", "– continued" after a heading repeated over a continued table.
_CONTINUED = re.compile(r"\s*[-–—:,]?\s*[(\[]?\s*(?:continuaci[oó]n|contin[uú]a|cont\.|continued|"
                        r"cont['’]d)\s*[)\]]?[\s.:]*$", re.I)
# A line between a heading and its table longer than this is body text, not a title line.
SHORT_LINE = 150
# Paragraphs just above a table that may hold its heading: the heading, then at most two
# short lines (its title wrapped onto them, or a theme line).
WINDOW = 3
# An unnumbered title above a table is at most this long.
ABOVE_TITLE_CHARS = 250
# Grouping headings ("Eje 2: Transparencia") and captions ("Tabla 3") are not titles.
_GROUPING = re.compile(r"^(?:eje|pilar|[áa]rea|tema|theme|pillar|cluster|tabla|table|cuadro|figura|figure|anexo|annex)\b",
                       re.I)


@dataclass(frozen=True)
class Above:
    """What the paragraphs above a table say about it: a commitment start (its number, or
    None for an unnumbered title; the title) or a repeated heading to drop; `paras` are the
    paragraph indexes the heading took."""

    signal: Signal
    number: str | None
    title: str
    paras: tuple[int, ...]


def above_tables(paras: Sequence[Para], gaps: Sequence[Sequence[int]],
                 tables: Sequence[MergedTable]) -> dict[int, Above]:
    """Table index -> what opens it, for the tables a heading printed above opens (or a
    heading repeated over a continued table, to be dropped).

    `gaps[s]` lists the paragraphs printed after table s-1 and before table s. What does
    not open a commitment: a table-of-contents entry, a heading right after another
    commitment's heading on the same page (a list of commitments), a heading separated from
    its table by body text, or a heading above a table that names its commitment itself or
    holds no field labels (a summary matrix, a milestones table)."""
    window: list[Para] = []
    owners: list[tuple[int, int]] = []  # (table, paragraph) for each window entry
    for s, gap in enumerate(gaps):
        for k in gap[-WINDOW:]:
            window.append(dataclasses.replace(paras[k], text=_CONTINUED.sub("", paras[k].text)))
            owners.append((s, k))
    heads: dict[int, tuple[int, str, str]] = {}  # table -> (paragraph, number, title)
    for w, (number, title) in sorted(find_headings(window).items()):
        s, k = owners[w]
        heads[s] = (k, number, title)

    out: dict[int, Above] = {}
    current: str | None = None
    for s, table in enumerate(tables):
        first = _first_row(table)
        named = first is not None and starts_commitment(first)  # the table opens a commitment
        if named and first is not None and (own := _own_number(first)) is not None:
            current = own  # ...and says which: nothing to add
            continue
        if s not in heads:
            titled = None if named else _title_above(paras, gaps[s])
            if titled is not None and field_table(table):
                out[s] = Above("title_above_table", None, " ".join(paras[titled].text.split()), (titled,))
                current = None
                continue
            current = None if named else current
            continue
        k, number, title = heads[s]
        para = paras[k]
        after = [j for j in gaps[s] if j > k]
        if is_contents_entry(para.text) or _in_list(paras, k, gaps[s], number):
            continue
        if any(not _title_line(paras[j]) for j in after):
            continue  # body text between the heading and the table
        if number == current and not named:
            out[s] = Above("repeated_heading", number, "", (k,))  # over a continued table
            continue
        if not field_table(table):
            continue
        if named:
            title, after = "", []  # a title row opens the table: the heading adds the number
        elif after:
            rest = " ".join(paras[j].text for j in after)
            if not title:
                title = rest  # "COMPROMISO 4" with the title on the lines below
            elif para.bold and all(paras[j].bold for j in after):
                title = f"{title} {rest}"  # a heading wrapped onto more lines
            else:
                after = []
        out[s] = Above("heading_above_table", number, title, (k, *after))
        current = number
    return out


def _first_row(table: MergedTable) -> RowTexts | None:
    for row in table.rows:
        texts = row.texts()
        if any(t and t.strip() for t in texts):
            return texts
    return None


def _own_number(texts: Sequence[str | None]) -> str | None:
    """The number a table's opening row gives its commitment ("Compromiso N° 3: …", or a
    number label and its value); None for a title row."""
    cells = [t.strip() for t in texts if t and t.strip()]
    found = label_of(cells[0], cell=True, first=False, heading=True)
    if found is not None and found.position == "heading":
        return found.number
    if found is not None and found.field == "number":
        m = re.search(r"\d{1,3}(?:\.\d{1,2})?", " ".join(cells[1:]))
        return m.group(0) if m else None
    return None


def _in_list(paras: Sequence[Para], k: int, gap: Sequence[int], number: str) -> bool:
    """True when the heading follows another commitment's heading on the same page: an
    entry in a list of commitments rather than the heading of a section."""
    if k - 1 not in gap:
        return False
    prev = paras[k - 1]
    if is_contents_entry(prev.text):
        return False  # the contents end and the section begins (a Word file has no pages)
    other = heading_of(_CONTINUED.sub("", prev.text)) if len(prev.text) <= 300 else None
    return other is not None and other[0] != number and prev.page == paras[k].page


def _title_line(p: Para) -> bool:
    return len(p.text) <= SHORT_LINE and label_of(p.text, heading=True, lead=True) is None


def _title_above(paras: Sequence[Para], gap: Sequence[int]) -> int | None:
    """The paragraph right above a table when it reads as the table's title: set in bold
    (a Word heading style, a bold line), short, and neither a label nor a lead-in ending in
    a colon. None otherwise."""
    if not gap:
        return None
    k = gap[-1]
    p = paras[k]
    text = p.text.strip()
    if not p.bold or not text or len(text) > ABOVE_TITLE_CHARS or text.endswith(":"):
        return None
    if label_of(text, heading=True, lead=True) is not None or is_contents_entry(text):
        return None
    if _GROUPING.match(text):
        return None
    return k
