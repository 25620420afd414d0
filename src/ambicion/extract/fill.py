"""The one field filler: where a labelled value goes once a reader has found its label.

Readers differ only in how they walk a document (template.py walks table rows and cells,
prose.py walks paragraphs, the matrix reader walks one commitment per row); each finds a
label through the labeller (read/label.py) and hands the value here. So "this label names
field X, append this value" is decided in one place: a number or title opens a commitment,
a contact is noted but never copied (personal data), milestones are split into dated items,
anything else is appended to its field with the page it was printed on.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Milestone
from ..read.tables import RowTexts
from .fields import BULLET, ITEM_NUMBER, Draft, clean_value, parse_milestone


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
        else:
            d = self.new()
        if number is not None:
            d.number = number
        d.touch("number", page)
        if title:
            d.add("title", clean_value(title), page)
        self.last_code = "title"

    def title(self, value: str, page: int | None) -> None:
        """A title label: the current commitment's title, or a new commitment when the
        current one already has more than a number (only a number may come before it)."""
        cur = self.cur
        if cur.title or cur.fields or cur.institutions or cur.milestones:
            self.open(None, value, page)
        else:
            self.put("title", value, page)

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
        """Milestones given in one value: each bullet or sub-numbered line ("1.2 …") opens
        an item, other lines continue the item before."""
        items: list[str] = []
        for line in value.splitlines():
            if BULLET.match(line) or ITEM_NUMBER.match(line) or not items:
                items.append(ITEM_NUMBER.sub("", line))
            else:
                items[-1] += " " + line
        for item in items:
            if item.strip():
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
