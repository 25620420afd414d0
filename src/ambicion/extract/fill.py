"""The one field filler: where a labelled value goes once a reader has found its label.

Readers differ only in how they walk a document (template.py walks table rows and cells,
prose.py walks paragraphs, the matrix reader walks one commitment per row); each finds a
label through the labeller (read/label.py) and hands the value here. So "this label names
field X, append this value" is decided in one place: a number or title opens a commitment,
a contact is noted but never copied (personal data), milestones are split into dated items
by one rule set (`split_milestones`, `opens_item`), anything else is appended to its field
with the page it was printed on.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..dates import find_dates
from ..labels import fold
from ..model import Milestone
from ..read.label import COMMITMENT_NUMBER
from ..read.tables import RowTexts
from .fields import BULLET, ITEM_NUMBER, Draft, clean_value, parse_milestone


def opens_item(line: str) -> bool:
    """A line (a cell's line, a paragraph) that opens a milestone: a list mark ("•", "-",
    "a)", "1.") or a sub-number ("1.2 …", "Hito 3.1 …")."""
    return BULLET.match(line) is not None or ITEM_NUMBER.match(line) is not None


def split_milestones(value: str) -> list[str]:
    """The milestones in one value given with its label (a table cell, the rest of a
    "Hitos: …" line): a marked line opens an item, an unmarked line continues the item
    before (a cell's line may be a wrapped one); a value on one line lists its items
    between semicolons ("Hitos: a (marzo 2025); b (junio 2025)")."""
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) == 1:
        lines = re.split(r"\s*;\s*", lines[0])
        return [ITEM_NUMBER.sub("", line) for line in lines if line.strip()]
    items: list[str] = []
    for line in lines:
        if not items or opens_item(line):
            items.append(ITEM_NUMBER.sub("", line))
        else:
            items[-1] += " " + line
    return [item for item in items if item.strip()]


def in_milestones(text: str) -> bool:
    """A paragraph of running text under a milestones label that is one more milestone: it
    opens like an item (`opens_item`) or gives its own dates. A paragraph is never a
    wrapped line, so unlike a cell's line an unmarked one does not continue the item."""
    return opens_item(text) or bool(find_dates(text))


class Filler:
    """The drafts being filled, in document order, and the field written last (a value
    with no label of its own, e.g. a row with an empty label cell, continues it)."""

    def __init__(self, drafts: Iterable[Draft] = ()) -> None:
        self.drafts: list[Draft] = list(drafts)
        self.last_code: str | None = None

    @property
    def cur(self) -> Draft:
        """The commitment being filled (one is opened when a value comes before any start)."""
        if not self.drafts:
            self.drafts.append(Draft())
        return self.drafts[-1]

    def new(self) -> Draft:
        """A fresh commitment, reusing the current one while it is still empty and unnumbered."""
        if self.drafts and self.drafts[-1].empty and self.drafts[-1].number is None:
            return self.drafts[-1]
        self.drafts.append(Draft())
        return self.drafts[-1]

    def open(self, number: str | None, title: str, page: int | None) -> None:
        """Start commitment `number`: a title row that came first is completed by it."""
        cur = self.drafts[-1] if self.drafts else None
        if cur is not None and cur.number is None and number is not None and not cur.fields \
                and not cur.milestones and not cur.institutions:
            d = cur
        elif cur is not None and number is not None and cur.number == number and not cur.fields \
                and not cur.milestones and not cur.institutions:
            d = cur  # the number restated before any field ("N°: 3" under "Compromiso 3")
        else:
            d = self.new()
        if number is not None:
            d.number = number
        d.touch("number", page)
        if title:
            d.add("title", clean_value(title), page)
        self.last_code = "title"

    def title(self, value: str, page: int | None) -> None:
        """A title label, the same for table rows and running text: it opens the next
        commitment once the current one has a body (fields, institutions, milestones: its
        start was not printed as a heading); before that it names the current one, and a
        second name there (a heading's short name, then the label's full one) keeps the
        fuller of the two."""
        cur = self.cur
        value = clean_value(value)
        if cur.fields or cur.institutions or cur.milestones:
            self.open(None, value, page)
            return
        self.last_code = "title"
        if not value:
            return
        if not cur.title or (fold(value) != fold(cur.title) and len(value) > len(cur.title)):
            cur.title = ""
            cur.add("title", value, page)
        else:
            cur.touch("title", page)

    def labelled(self, code: str, value: str, page: int | None) -> None:
        """A value with its label's field, from any walk: a number opens its commitment
        ("Compromiso N° | 3. Título"), a title names or opens one (`title`), milestones
        are split into items (`split_milestones`), anything else is appended (`put`)."""
        if code == "number":
            m = re.match(rf"\s*({COMMITMENT_NUMBER})\s*[:.\-–—)]?\s*(.*)$", value, re.S)
            number, title = (m.group(1), m.group(2)) if m else (None, value)
            self.open(number, title, page)
        elif code == "title":
            self.title(value, page)
        else:
            self.put(code, value, page)

    def put(self, code: str, value: str, page: int | None, extend: bool = False) -> None:
        """Append `value` to field `code` of the current commitment (`extend`: continue its
        last paragraph, a value cut by a page or row break)."""
        if code == "contact":
            self.cur.touch("contact", page)  # personal data: noted, not copied
            self.last_code = code
            return
        if code == "milestones":
            self.milestone_items(value, page)
            return
        if extend:
            self.cur.extend(code, clean_value(value), page)
        else:
            self.cur.add(code, clean_value(value), page)
        self.last_code = code

    def milestone(self, text: str, page: int | None, end_page: int | None = None) -> None:
        """One milestone item, its dates read from its end."""
        self.cur.milestones.append(parse_milestone(clean_value(text), page))
        self.cur.touch("milestones", page)
        if end_page is not None and end_page != page:
            self.cur.touch("milestones", end_page)
        self.last_code = "milestones"

    def milestone_items(self, value: str, page: int | None) -> None:
        """Milestones given in one value, split by `split_milestones`."""
        for item in split_milestones(value):
            self.cur.milestones.append(parse_milestone(clean_value(item), page))
        self.cur.touch("milestones", page)
        self.last_code = "milestones"

    def milestone_row(self, texts: RowTexts, cols: dict[str, int], page: int | None,
                      end_page: int | None) -> None:
        """A milestone table row, its columns named by the header's meaning (`cols`:
        role -> column; read/columns.py `milestone_header`)."""
        def get(name: str) -> str:
            i = cols.get(name)
            return clean_value(texts[i] or "") if i is not None and i < len(texts) else ""

        text = get("text")
        if not text:
            return
        start, end, deliverable = get("start"), get("end"), get("deliverable")
        if not start and not end and get("dates"):
            dated = parse_milestone(f"{text} ({get('dates')})", page)
            start, end = dated.start or "", dated.end or ""
        if not start and not end:
            self.cur.milestones.append(parse_milestone(text, page))
        else:
            self.cur.milestones.append(Milestone(text=text, start=start or None, end=end or None,
                                                 deliverable=deliverable or None, page=page))
        self.cur.touch("milestones", page)
        if end_page is not None and end_page != page:
            self.cur.touch("milestones", end_page)
        self.last_code = "milestones"

    def touch_end(self, code: str, page: int | None, end_page: int | None) -> None:
        """A value that runs onto a later page counts that page for its field."""
        if end_page is not None and page is not None and end_page != page:
            self.cur.touch(code, end_page)
