"""How much a page draws once its form XObjects are drawn out: loops and drawing bombs refused.

Why before either engine sees the page: a form XObject (`/Fm1 Do`) is drawn wherever it is
named, and a form may name forms in turn. A few hundred bytes can so ask for a page of
2^40 forms — a form that draws itself twice, or forty forms each drawing the next twice —
and pdfium, which follows a loop forty forms deep, then spends minutes and gigabytes before
it fails; pdfminer, which draws a loop once, expands an acyclic chain as readily. Here each
page's content is measured the way it would be drawn (every form's bytes counted each time
it is drawn, each form's content decoded once), without drawing anything, and a page that
loops or draws more than `max_page_content_bytes` is refused in one line.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..errors import InputError
from ..limits import limits, megabytes

# a name followed by the Do operator: "/Fm1 Do" (names may escape bytes as #xx)
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?=[\s/\[\]()<>{}%]|$)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# deeper than this no engine draws a form (pdfium stops at 40, pdfminer at its stack's end)
MAX_DEPTH = 64


class _Loop(Exception):
    pass


class _TooMuch(Exception):
    pass


def check_page_drawing(path: str | Path, page_obj, number: int) -> int:
    """The bytes pdfminer's page `page_obj` (page `number`) draws with its forms drawn out;
    InputError when it draws a form that draws itself, or more than `max_page_content_bytes`."""
    from pdfminer.pdftypes import resolve1

    cap = limits().max_page_content_bytes
    measure = _Measure(cap)
    try:
        resources = resolve1(page_obj.resources) if page_obj.resources else None
        chain = (resources,) if isinstance(resources, dict) else ()
        for stream in page_obj.contents or ():
            measure.add(measure.drawn(resolve1(stream), chain, 0))
        return measure.total
    except _Loop:
        raise InputError(path, f"page {number} draws a form XObject that draws itself, directly or through "
                               "others (a loop no reader can finish); print it to a new PDF and try again") from None
    except _TooMuch:
        raise InputError(path, f"page {number} draws over {megabytes(cap)} of content once its forms are drawn "
                               "out (forms drawing forms: a drawing bomb?); set AMBICION_MAX_PAGE_CONTENT_BYTES "
                               "to read it anyway") from None


def check_first_pages(path: str | Path, pages: int) -> None:
    """`check_page_drawing` for the first `pages` pages, for readers that go to pdfium
    directly; a file pdfminer cannot open is left to the reader to refuse."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        fh = open(path, "rb")
    except OSError:
        return
    with fh:
        try:
            doc = PDFDocument(PDFParser(fh))
            found = PDFPage.create_pages(doc)
        except Exception:  # damaged or encrypted: the reader says what is wrong
            return
        for number in range(1, pages + 1):
            try:
                page = next(found)
            except Exception:  # the end, or a broken page tree
                return
            check_page_drawing(path, page, number)


class _Measure:
    """The bytes a page draws, each form measured once for each chain of resources its names
    are looked up in: its own, then those of what draws it, up to the page's (pdfium looks a
    name up in the page's resources when the form's own lack it, pdfminer in its caller's)."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.total = 0
        self.sizes: dict[tuple[int, tuple[int, ...]], int] = {}
        self.drawing: set[int] = set()  # the forms being drawn: meeting one again is a loop

    def add(self, size: int) -> None:
        self.total += size
        if self.total > self.cap:
            raise _TooMuch

    def drawn(self, stream, resources: tuple[dict, ...], depth: int) -> int:
        """The bytes `stream` draws, its forms drawn out, its names looked up in `resources`."""
        from pdfminer.pdftypes import PDFStream, resolve1

        if not isinstance(stream, PDFStream) or depth > MAX_DEPTH:
            return 0
        ident = getattr(stream, "objid", None) or id(stream)
        key = (ident, tuple(id(r) for r in resources))
        if key in self.sizes:
            return self.sizes[key]
        if ident in self.drawing:
            raise _Loop
        try:
            data = stream.get_data()
        except Exception:  # a damaged stream: the reader reports it when it draws the page
            return 0
        self.drawing.add(ident)
        size = len(data)
        for name, count in Counter(_name(m.group(1)) for m in _DO.finditer(data)).items():
            form = _lookup(name, resources)
            if not isinstance(form, PDFStream) or _subtype(form) != "Form":
                continue
            own = resolve1(form.get("Resources"))
            chain = ((own,) if isinstance(own, dict) and all(own is not r for r in resources) else ()) + resources
            size += count * self.drawn(form, chain, depth + 1)
            if size > self.cap:
                raise _TooMuch
        self.drawing.discard(ident)
        self.sizes[key] = size
        return size


def _lookup(name: str, resources: tuple[dict, ...]):
    """The XObject `name` stands for in the first of `resources` that names it, or None."""
    from pdfminer.pdftypes import resolve1

    for r in resources:
        xobjects = resolve1(r.get("XObject"))
        if isinstance(xobjects, dict) and name in xobjects:
            return resolve1(xobjects[name])
    return None


def _name(raw: bytes) -> str:
    """A name as pdfminer keys resources by it: #xx escapes undone."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _subtype(stream) -> str:
    from pdfminer.pdftypes import resolve1

    value = resolve1(stream.get("Subtype"))
    return getattr(value, "name", str(value))
