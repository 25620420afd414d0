"""Reading PDFs into pages of text lines and tables, with provenance; nothing more.

The readers above this module never see pdfplumber. A page is read once: its words become
lines, its ruled tables become cell grids (with each cell's fill, because old IRM reports
mark a rating by shading a cell), and the page is closed before the next one is opened so
memory does not grow with page count. Repeated headers and footers are removed by
`strip_running_lines` across the whole document. Pages without any vector path (no ruled
table can be there) are read through pdfium instead (pdf/fast.py): same Lines, a fraction
of the time; pdfplumber still opens the file first, so bad files fail the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Literal, Sequence

from ..errors import InputError
from ..io import require_pdf
from ..limits import limits
from .guards import (OCR_ADVICE, XFA_ONLY, check_streams, crowded, dynamic_xfa, form_lines, has_form,
                     in_own_direction, unreadable_pages, with_form_fields)
from .layers import hidden_layers
from .layout import Cell, Line, Page, Span, Table, shared
from .columns import read_in_columns
from .drawing import check_page_drawing
from .footnotes import separate_footnotes
from .objects import load_objects
from .rotated import page_words, split_turned, turned_lines
from .unruled import find_unruled_tables
from .visibility import KINDS, NOTHING_HIDDEN, Frame, Hidden, HiddenChars, scan_objects

__all__ = ["Cell", "Line", "Page", "Span", "Table", "iter_pages", "kept_pages", "page_count", "read_pages", "strip_running_lines"]


_PASSWORD = "the PDF is password-protected; remove the password and try again"


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    require_pdf(path)
    check_streams(path)  # a decompression bomb fails here, before pdfminer inflates it
    try:
        return pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, _PASSWORD) from None
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise InputError(path, _broken_reason(exc)) from None


def _broken_reason(exc: BaseException) -> str:
    """One line for a PDF that pdfminer could not open; pdfplumber wraps the cause."""
    chain = [exc, *(a for a in getattr(exc, "args", ()) if isinstance(a, BaseException))]
    if exc.__cause__ is not None:
        chain.append(exc.__cause__)
    for e in chain:
        text = f"{type(e).__name__} {e}".lower()
        if "password" in text or "encrypt" in text:
            return _PASSWORD
    inner = chain[-1]
    return f"not a readable PDF (damaged or truncated: {type(inner).__name__})"


class _ProblemCounter(logging.Handler):
    """Counts what pdfminer complains about while reading, so damage can be reported."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# pdfminer logs damage as warnings; without this, Python's last-resort handler would print
# them on stderr from inside the library. Applications can still attach their own handlers.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


# A gap wider than this many font sizes (and SPAN_GAP_MIN points) splits a line into spans.
SPAN_GAP = 1.5
SPAN_GAP_MIN = 12.0
_MARK = re.compile(r"^[\d*†‡]{1,3}(?P<tail>[.,;:)]*)$")


def _words_to_lines(words: Sequence[dict], tolerance: float = 3.0) -> list[Line]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
        size = _main_size(ws)
        ws = _drop_marks(ws, size)
        if not ws:
            continue
        spans: list[list[dict]] = [[ws[0]]]
        text = ws[0]["text"]
        for prev, w in zip(ws, ws[1:]):
            gap = w["x0"] - prev["x1"]
            if gap > max(SPAN_GAP * size, SPAN_GAP_MIN):
                spans.append([w])
            else:
                spans[-1].append(w)
            text += (" " if gap > 0.5 else "") + w["text"]
        font = ws[0].get("fontname", "") or ""
        out.append(Line(text=shared(text), x0=ws[0]["x0"], top=min(w["top"] for w in ws),
                        x1=ws[-1]["x1"], bottom=max(w["bottom"] for w in ws),
                        size=round(size, 1), bold="bold" in font.lower(),
                        spans=tuple(_span(sp) for sp in spans) if len(spans) > 1 else ()))
    return out


def _span(ws: Sequence[dict]) -> Span:
    text = ""
    for prev, w in zip([None, *ws], ws):
        text += ("" if prev is None else (" " if w["x0"] - prev["x1"] > 0.5 else "")) + w["text"]
    return Span(text=text, x0=ws[0]["x0"], x1=ws[-1]["x1"],
                bold="bold" in (ws[0].get("fontname", "") or "").lower())


def _main_size(ws: Sequence[dict]) -> float:
    """The font size most of the line's characters are set in."""
    first = ws[0].get("size", 0.0) if ws else 0.0
    if all(w.get("size", 0.0) == first for w in ws):
        return round(float(first), 1)
    by_size: Counter[float] = Counter()
    for w in ws:
        by_size[round(float(w.get("size", 0.0)), 1)] += len(w["text"])
    return by_size.most_common(1)[0][0] if by_size else 0.0


def _drop_marks(ws: list[dict], size: float) -> list[dict]:
    """Leave out footnote reference marks: digits (or *, †) set small and raised, right
    after a word ("transparencia¹"); a punctuation mark after them stays."""
    if size <= 0:
        return ws
    baseline = max(w["bottom"] for w in ws)
    out: list[dict] = []
    glue = False  # a mark was dropped: punctuation right after it closes the word before
    for w in ws:
        m = _MARK.match(w["text"])
        small = float(w.get("size", size)) < 0.8 * size
        if m and small and out and w["bottom"] < baseline - 0.5 and w["x0"] - out[-1]["x1"] < 1.0:
            out[-1] = {**out[-1], "text": out[-1]["text"] + m.group("tail"), "x1": w["x1"]}
            glue = True
            continue
        if glue and out and w["text"][:1] in ".,;:)" and w["x0"] - out[-1]["x1"] < 3.0:
            w = {**w, "x0": out[-1]["x1"]}
        glue = False
        out.append(w)
    return out


def _text_lines(words: Sequence[dict]) -> list[Line]:
    """Upright words as lines, then turned words as their own lines (pdf/rotated.py)."""
    upright, turned = split_turned(words)
    lines = _words_to_lines(upright)
    if turned:
        lines += [Line(text=t["text"], x0=t["x0"], top=t["top"], x1=t["x1"], bottom=t["bottom"],
                       size=t["size"], bold="bold" in (t["fontname"] or "").lower())
                  for t in turned_lines(turned)]
    return lines


def _cell_filled(page, bbox, rects) -> bool:
    x0, top, x1, bottom = bbox
    for r in rects:
        if not r.get("fill"):
            continue
        color = r.get("non_stroking_color")
        if color in (None, (1,), [1], (1, 1, 1), [1, 1, 1], 1, (0, 0, 0, 0), [0, 0, 0, 0]):
            continue
        if r["x0"] >= x0 - 1 and r["x1"] <= x1 + 1 and r["top"] >= top - 1 and r["bottom"] <= bottom + 1:
            if (r["x1"] - r["x0"]) > 0.5 * (x1 - x0) and (r["bottom"] - r["top"]) > 0.5 * (bottom - top):
                return True
    return False


def _read_page(page, number: int, cell_boxes: bool = False, hidden: Hidden = NOTHING_HIDDEN) -> Page:
    load_objects(page)  # pdfplumber's page objects, converted faster (pdf/objects.py)
    if hidden.boxes:
        _drop_hidden_chars(page, hidden)
    found = [] if crowded(page) else page.find_tables(_TABLE_SETTINGS)  # bounded time
    words = page_words(page)  # turned words come whole, read in their own direction
    rects = page.rects if found else []
    fills = any(r.get("fill") for r in rects)
    # the page's words are shared out to the table cells in one pass (cropping, or
    # Table.extract, would scan every character of the page once per cell)
    grids = [t.rows for t in found]  # a computed property in pdfplumber: read it once
    cell_words, outside = _assign_words(words, [t.bbox for t in found], grids)
    tables: list[Table] = []
    for k, t in enumerate(found):
        rows = []
        for r, row in enumerate(grids[k]):
            cells: list[Cell | None] = []
            for c, bbox in enumerate(row.cells):
                if bbox is None:
                    cells.append(None)
                    continue
                ws = cell_words.get((k, r, c), [])
                text = cell_text(_text_lines(ws), bbox[0], bbox[2]) if ws else ""
                filled = _cell_filled(page, bbox, rects) if fills else False
                cells.append(Cell(text=shared(_clean(text)), filled=filled))
            rows.append(tuple(cells))
        if rows:
            boxes = tuple(tuple(_box(b) if b is not None else None for b in row.cells)
                          for row in grids[k]) if cell_boxes else ()
            tables.append(Table(rows=tuple(rows), top=t.bbox[1], bottom=t.bbox[3], page=number,
                               x0=t.bbox[0], x1=t.bbox[2], boxes=boxes))
    lines = _text_lines(outside)
    return Page(number=number, width=float(page.width), height=float(page.height),
                lines=tuple(lines), tables=tuple(tables),
                images=len(page.images) + len(page.rects) + len(page.curves), pictures=len(page.images),
                hidden=hidden.kinds)


def _drop_hidden_chars(page, hidden: Hidden) -> None:
    """Leave out of a pdfplumber page the characters a viewer would not show, before any
    word, line or table cell is made of them."""
    objects = page.objects
    chars = objects.get("char")
    if chars:
        test = HiddenChars(hidden, _frame(page))
        objects["char"] = [c for c in chars if not test.hides(c)]


def _frame(page) -> Frame:
    """How this pdfplumber page places user-space points (turned by its /Rotate, moved by
    its MediaBox), so pdfium's boxes meet pdfplumber's characters on any page."""
    media = page.page_obj.mediabox
    return Frame(rotation=int(page.rotation) if page.rotation in (90, 180, 270) else 0,
                 media=(float(media[0]), float(media[1]), float(media[2]), float(media[3])),
                 left=float(page.mediabox[0]), top=float(page.mediabox[1]), height=float(page.height))


def _box(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    """A pdfplumber cell box (x0, top, x1, bottom) as plain floats, for the reading model."""
    x0, top, x1, bottom = bbox
    return float(x0), float(top), float(x1), float(bottom)


def _assign_words(words: Sequence[dict], boxes, grids) -> tuple[dict[tuple[int, int, int], list[dict]], list[dict]]:
    """Each word to the table cell holding its centre, keyed (table, row, cell); the rest out."""
    cells: dict[tuple[int, int, int], list[dict]] = {}
    outside: list[dict] = []
    for w in words:
        cx = (w["x0"] + w["x1"]) / 2
        cy = (w["top"] + w["bottom"]) / 2
        key = None
        for k, b in enumerate(boxes):
            if not (b[0] <= cx <= b[2] and b[1] <= cy <= b[3]):
                continue
            for r, row in enumerate(grids[k]):
                rb = row.bbox
                if not (rb[1] <= cy <= rb[3]):
                    continue
                for c, cb in enumerate(row.cells):
                    if cb is not None and cb[0] <= cx <= cb[2] and cb[1] <= cy <= cb[3]:
                        key = (k, r, c)
                        break
                if key:
                    break
            if key is None:
                key = (k, -1, -1)  # inside the table but in no cell: dropped, as before
            break
        if key is None:
            outside.append(w)
        elif key[1] >= 0:
            cells.setdefault(key, []).append(w)
    return cells, outside


def cell_text(lines: Sequence[Line], x0: float, x1: float) -> str:
    """A cell's lines joined by line breaks, except where the layout broke a word too long
    for the cell without a hyphen (LibreOffice does, in narrow columns): the line is that one
    word, and not even the next fragment's first letter would have fitted after it, so the
    fragments are joined back into the word. A word that wrapped whole leaves room for at
    least a letter unless it fills the line to within one; only then is it misread."""
    out = ""
    # the text area ends where the left padding says, at most CELL_PADDING in (a centred
    # line's indent is not padding)
    right = x1 - min([line.x0 - x0 for line in lines if line.x0 >= x0] + [CELL_PADDING])
    for k, line in enumerate(lines):
        if k and _broken_word(lines[k - 1], line, right):
            out += line.text
        else:
            out += ("\n" if k else "") + line.text
    return out


# Word processors pad a cell's text by about 0.1–0.2 cm on each side (points).
CELL_PADDING = 6.0


def _broken_word(line: Line, nxt: Line, right: float) -> bool:
    text, following = line.text, nxt.text.split(" ", 1)[0]
    if " " in text.strip() or not text[-1:].isalpha() or not following[:1].islower():
        return False
    first_word_x1 = nxt.x0 + (nxt.x1 - nxt.x0) * len(following) / max(len(nxt.text), 1)
    letter = (first_word_x1 - nxt.x0) / max(len(following), 1)  # the next fragment's mean letter
    return right - line.x1 < letter


def _clean(text: str) -> str:
    # rejoin words hyphenated at a line end ("transpa-\nrencia") and keep the rest of the breaks
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


Engine = Literal["auto", "pdfplumber"]


def iter_pages(path: str | Path, max_pages: int | None = None, *, engine: Engine = "auto",
               first: int = 1, unruled: bool = True, cell_boxes: bool = False,
               pages: int | None = None) -> Iterator[Page]:
    """Yield the document's pages one by one (from page `first`, up to page `max_pages`),
    closing each after reading it.

    With `unruled=False` borderless tables are left as lines: the one step that carries
    state from page to page, so a batch can read a long file's page ranges in separate
    processes and run `with_unruled_tables` over the joined pages, to the same result.

    `pages` is the document's page count when `page_count` has already found it (a batch
    counts a long plan's pages before cutting it into ranges), so each range does not count
    them again: about 12 ms of a 60-page plan, paid once per range otherwise.

    Each table cell's box is kept only with `cell_boxes` (for drawing what was read): a
    plan's reader never looks at them, and on a long plan they would be a fifth of what the
    pages hold until the last one is read.

    With `engine="auto"`, pages that hold no vector paths (so no ruled table) are read
    through pdfium, many times faster and to the same Lines (see pdf/fast.py); the other
    pages, and every page with `engine="pdfplumber"`, go through pdfplumber.
    Memory stays flat in the page count: pdfplumber's page objects are made one at a time
    (not its `pdf.pages` list, which keeps every page and its decoded content), each page's
    content streams leave pdfminer's object cache once read, and pdfium's document is
    reopened now and then (it keeps every object it parsed until it is closed).
    Raises InputError (naming the file) for a missing, non-PDF, damaged or encrypted file.
    """
    p = Path(path)
    pdf = _open(p)
    counter = _ProblemCounter()
    log = logging.getLogger("pdfminer")
    log.addHandler(counter)
    doc = None
    try:
        try:
            total = _count_pages(pdf) if pages is None else pages
        except Exception as exc:
            raise InputError(p, _broken_reason(exc)) from None
        if total == 0:
            raise InputError(p, "the PDF has no pages")
        if dynamic_xfa(pdf):
            raise InputError(p, XFA_ONLY)
        doc = _Pdfium.open(p, total, hidden_layers(pdf))  # with engine="pdfplumber", only to find hidden text
        limit = total if max_pages is None else min(total, max_pages)
        form = has_form(pdf)
        columns = None  # an unruled table's columns, carried over a page break
        plumber_pages = _plumber_pages(pdf)
        for i in range(limit):
            try:
                plumber = next(plumber_pages)
            except StopIteration:
                break
            except Exception as exc:
                raise InputError(p, _broken_reason(exc)) from None
            if i < first - 1:  # before the asked-for first page: made, never read
                _release(pdf, plumber)
                continue
            try:
                # a form that draws itself, or forms that multiply, fail here, before either engine draws
                drawn = check_page_drawing(p, plumber.page_obj, i + 1)
                # a page drawing fewer bytes cannot hold more characters than table reading may cost
                dense = drawn > limits().max_page_chars_for_tables
                fast, hidden = doc.read(i, engine == "auto", dense) if doc is not None else (None, NOTHING_HIDDEN)
                if fast is not None:
                    if form:  # typed answers of form fields are not page content: add them first
                        fast = with_form_fields(fast, form_lines(plumber))
                    fast = separate_footnotes(fast)
                    if unruled:
                        fast, columns = find_unruled_tables(fast, columns)
                        fast = fast if cell_boxes else _without_boxes(fast)
                    yield fast
                    continue
                page = in_own_direction(plumber)  # /Rotate: read the way the text runs
                before = counter.count
                try:
                    read = _read_page(page, i + 1, cell_boxes, hidden)
                except InputError:
                    raise
                except Exception as exc:
                    raise InputError(p, f"page {i + 1} could not be read ({type(exc).__name__})") from None
                finally:
                    page.close()
                problems = counter.count - before
                if form:
                    read = with_form_fields(read, form_lines(page))
                read = read_in_columns(separate_footnotes(read))
                if unruled:
                    read, columns = find_unruled_tables(read, columns)
                    read = read if cell_boxes else _without_boxes(read)
                yield dataclasses.replace(read, problems=problems) if problems else read
            finally:
                _release(pdf, plumber)
    finally:
        log.removeHandler(counter)
        if doc is not None:
            doc.close()
        _close(pdf)


def _without_boxes(page: Page) -> Page:
    """`page` with no cell boxes in its tables (borderless ones are given theirs when found)."""
    if not any(t.boxes for t in page.tables):
        return page
    return dataclasses.replace(page, tables=tuple(dataclasses.replace(t, boxes=()) for t in page.tables))


def with_unruled_tables(pages: Iterable[Page], *, cell_boxes: bool = False) -> list[Page]:
    """Pages read with `unruled=False`, in order, with their borderless tables found as
    `iter_pages` finds them (an unruled table's columns carried over each page break, its
    cell boxes kept only with `cell_boxes`)."""
    out: list[Page] = []
    columns = None
    for page in pages:
        page, columns = find_unruled_tables(page, columns)
        out.append(page if cell_boxes else _without_boxes(page))
    return out


def _close(pdf) -> None:
    """Close a pdfplumber document without `pdf.close()`, which first makes every page
    (`pdf.pages`) only to close each one: on a long file, the memory this module avoids."""
    with contextlib.suppress(Exception):
        pdf.flush_cache()
    if not getattr(pdf, "stream_is_external", True):
        with contextlib.suppress(Exception):
            pdf.stream.close()


def _plumber_pages(pdf) -> Iterator:
    """pdfplumber pages made one at a time, as `pdf.pages` makes them all at once."""
    import pdfplumber.page as pp
    from pdfminer.pdfpage import PDFPage

    doctop = 0.0
    for i, obj in enumerate(PDFPage.create_pages(pdf.doc)):
        _repair_page_attributes(obj)
        page = pp.Page(pdf, obj, page_number=i + 1, initial_doctop=doctop)
        doctop += page.height
        yield page


def _repair_page_attributes(obj) -> None:
    """Give a page the defaults a viewer would when its boxes or rotation are malformed.

    Why: pdfminer already falls back to US Letter for a MediaBox that is not four numbers,
    but pdfplumber reads the raw attribute and fails on it ("[0 0]", a string as /Rotate),
    so a file every viewer shows would be refused as damaged.
    """
    import math

    from pdfminer.pdftypes import resolve1

    def box(value) -> list[float] | None:
        value = resolve1(value)
        if not isinstance(value, (list, tuple)) or len(value) != 4:
            return None
        numbers = [resolve1(v) for v in value]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in numbers):
            return None
        return [float(v) for v in numbers]

    attrs = obj.attrs
    media = box(attrs.get("MediaBox")) or box(getattr(obj, "mediabox", None)) or [0.0, 0.0, 612.0, 792.0]
    attrs["MediaBox"] = media
    if "CropBox" in attrs and box(attrs["CropBox"]) is None:
        attrs["CropBox"] = media
    rotate = resolve1(attrs.get("Rotate", 0))
    if not isinstance(rotate, (int, float)) or isinstance(rotate, bool) or not math.isfinite(rotate):
        attrs["Rotate"] = 0


def _count_pages(pdf) -> int:
    """The number of pages, found the way pdfminer finds them, keeping none of them."""
    from pdfminer.pdfpage import PDFPage

    count = 0
    for obj in PDFPage.create_pages(pdf.doc):
        _forget_contents(pdf, obj)
        count += 1
    return count


def _release(pdf, page) -> None:
    """Let go of what a read page holds: pdfplumber's caches and its decoded content."""
    with contextlib.suppress(Exception):
        page.close()
    _forget_contents(pdf, page.page_obj)


def _forget_contents(pdf, page_obj) -> None:
    """Drop a page's content streams from pdfminer's object cache, where they would stay,
    decoded, until the document is closed: no other page draws from them."""
    cache = getattr(pdf.doc, "_cached_objs", None)
    if not isinstance(cache, dict):
        return
    for stream in getattr(page_obj, "contents", None) or ():
        objid = getattr(stream, "objid", None)
        if objid is not None:
            cache.pop(objid, None)


class _Pdfium:
    """The pdfium document for the fast path, reopened every `REOPEN` pages.

    Why reopen: pdfium keeps every object it has parsed (each page's content included) until
    the document is closed, so one open document grows with the pages read.
    """

    REOPEN = 64

    def __init__(self, path: Path, doc, layers_off: frozenset[str] = frozenset()) -> None:
        self.path, self.doc, self.loaded = path, doc, 0
        self.layers_off = layers_off  # optional-content layers the document starts with off

    @classmethod
    def open(cls, path: Path, pages: int, layers_off: frozenset[str] = frozenset()) -> "_Pdfium | None":
        """None when pdfium cannot open the file or disagrees with pdfminer about it (a
        damaged file is then read the careful way only)."""
        doc = _open_pdfium(path, pages)
        return cls(path, doc, layers_off) if doc is not None else None

    def read(self, index: int, fast: bool = True, dense: bool = False) -> tuple[Page | None, Hidden]:
        """The page read fast (or None: see `_read_fast`) and its hidden text."""
        if self.loaded >= self.REOPEN:
            fresh = _open_pdfium(self.path, len(self.doc))
            if fresh is None:
                return None, NOTHING_HIDDEN
            self.doc.close()
            self.doc, self.loaded = fresh, 0
        self.loaded += 1
        return _read_fast(self.doc, index, fast, self.layers_off, dense)

    def close(self) -> None:
        self.doc.close()


def _open_pdfium(path: Path, pages: int):
    """The pdfium document, or None when pdfium cannot open it or counts other pages."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
    except Exception:
        return None
    if len(doc) != pages:
        doc.close()
        return None
    return doc


def _read_fast(doc, index: int, fast: bool = True, layers_off: frozenset[str] = frozenset(),
               dense: bool = False) -> tuple[Page | None, Hidden]:
    """Page `index` through pdfium when it holds no vector paths (None otherwise, or when
    not `fast`), and the page's text a viewer would not show (pdf/visibility.py). A `dense`
    page (one drawing enough bytes to) is read here, tables or not, when it holds more
    characters than table reading may cost."""
    from .fast import read_text_page

    try:
        page = doc[index]
    except Exception:
        return None, NOTHING_HIDDEN
    try:
        found = scan_objects(page, layers_off)
        if dense and _too_many_chars_for_tables(page):
            # the careful reader holds a dict per character (about 1.8 KB each): a page of
            # 700,000 characters took 18 s and 1.2 GB there, 2 s and 150 MB here, without tables
            return read_text_page(page, index + 1, images=found.images, hidden=found.hidden), found.hidden
        if not fast or found.paths or page.get_rotation():
            return None, found.hidden  # a table may be drawn here, or the page is turned: the careful path
        return read_text_page(page, index + 1, images=found.images, refuse_gaps=True,
                              hidden=found.hidden), found.hidden
    except Exception:  # anything odd: let pdfplumber read the page
        return None, NOTHING_HIDDEN
    finally:
        page.close()


def _too_many_chars_for_tables(page) -> bool:
    """True when a pdfium page holds more characters than table reading may cost
    (`max_page_chars_for_tables`): such a page is read as lines of text, as a crowded one is."""
    textpage = page.get_textpage()
    try:
        return textpage.count_chars() > limits().max_page_chars_for_tables
    finally:
        textpage.close()


def page_count(path: str | Path) -> int:
    """How many pages the PDF has. Raises InputError (naming the file) for a bad file."""
    p = Path(path)
    pdf = _open(p)
    try:
        return _count_pages(pdf)
    except Exception as exc:
        raise InputError(p, _broken_reason(exc)) from None
    finally:
        _close(pdf)


def read_pages(path: str | Path, max_pages: int | None = None, *, engine: Engine = "auto") -> list[Page]:
    """Read all pages, drop running headers/footers, and fail clearly on scans and empties."""
    p = Path(path)
    return kept_pages(p, list(iter_pages(p, max_pages=max_pages, engine=engine)))


def kept_pages(p: Path, pages: list[Page]) -> list[Page]:
    """Pages as read, without running headers/footers; InputError for scans and empties."""
    if not any(page.chars for page in pages):
        hidden = _hidden_kinds(pages)
        if hidden:
            raise InputError(p, invisible_reason(hidden))
        if any(page.images for page in pages):
            raise InputError(p, "the PDF has no text layer (a scan?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")
        raise InputError(p, "the PDF is empty: its pages hold no text")
    _note_scanned_pages(p, pages)
    _note_hidden_text(p, pages)
    return strip_running_lines(_without_garbage(p, pages))


def _hidden_kinds(pages: Iterable[Page]) -> tuple[str, ...]:
    """What hid text on any of the pages, in `visibility.KINDS` order."""
    found = {kind for page in pages for kind in page.hidden}
    return tuple(k for k in KINDS if k in found)


def invisible_reason(kinds: Sequence[str]) -> str:
    """Why a PDF whose only text is unseen is refused, naming what hides it, distinct from
    an empty PDF and from a scan."""
    return f"the PDF's text is invisible ({_what_hides(kinds)}): a viewer shows none of it, so none of it was read"


def _what_hides(kinds: Sequence[str]) -> str:
    """The first kind of hiding found, and that there were others (each said in the catalogue)."""
    return kinds[0] + (", among other ways" if len(kinds) > 1 else "")


def _note_hidden_text(path: Path, pages: list[Page]) -> None:
    """Say which pages held text a viewer does not show, left out while the rest was read.

    Why: hidden words (white on white, size 0, off the page) are left unjudged on purpose;
    the user should know that the file held more text than its pages show.
    """
    hidden = [page.number for page in pages if page.hidden]
    if not hidden:
        return
    import warnings

    from ..errors import InputNote

    shown = ", ".join(str(n) for n in hidden[:10]) + ("…" if len(hidden) > 10 else "")
    what = _what_hides(_hidden_kinds(pages))
    warnings.warn(InputNote(f"{path}: page(s) {shown} hold text a viewer does not show ({what}); "
                            "it was left out"), stacklevel=3)


def _note_scanned_pages(path: Path, pages: list[Page]) -> None:
    """Say which pages hold pictures and no text, in a document that has text elsewhere.

    Why: a plan printed partly from scans (signed annexes, a commitment pasted as an image)
    reads without error, and the commitments on those pages would be missing unannounced.
    """
    scanned = [page.number for page in pages if page.pictures and not page.chars]
    if not scanned:
        return
    import warnings

    from ..errors import InputNote

    shown = ", ".join(str(n) for n in scanned[:10]) + ("…" if len(scanned) > 10 else "")
    warnings.warn(InputNote(f"{path}: page(s) {shown} hold only pictures (scans?) and were not read; "
                            "OCR them to read them"), stacklevel=3)


def _without_garbage(path: Path, pages: list[Page]) -> list[Page]:
    """Refuse a document whose text layer is mostly unmapped glyphs; blank the odd bad page.

    Garbage judged as commitments would be worse than no answer: it would look like one.
    """
    bad = unreadable_pages(pages)
    if not bad:
        return pages
    with_text = sum(1 for page in pages if page.chars)
    if len(bad) * 2 >= with_text:
        problems = sum(page.problems for page in pages)
        damage = f" and the file looks damaged ({problems} read errors)" if problems else ""
        raise InputError(path, f"the text layer is unreadable on {len(bad)} of {with_text} page(s)"
                               f"{damage}: " + OCR_ADVICE)
    import warnings

    from ..errors import InputNote

    shown = ", ".join(str(n) for n in bad[:10]) + ("…" if len(bad) > 10 else "")
    warnings.warn(InputNote(f"{path}: page(s) {shown} left out, their text is unreadable "
                            "(fonts without a Unicode map; OCR them to read them)"), stacklevel=3)
    return [dataclasses.replace(page, lines=(), tables=()) if page.number in bad else page
            for page in pages]


_PAGE_NUMBER = re.compile(r"^(p[aá]gina|page|p\.)?\s*\d+(\s*(de|of|/)\s*\d+)?$", re.I)


_NUMBERED_HEADING = re.compile(r"^\W*(compromiso|commitment)\b", re.I)


def _line_key(text: str) -> str:
    """Fold digits so "Página 3" and "Página 4" match, except in commitment headings.

    "COMPROMISO 3" atop one page and "COMPROMISO 4" atop the next are different headings,
    not a running header; folding their numbers would erase every commitment's start.
    """
    text = " ".join(text.lower().split())
    return text if _NUMBERED_HEADING.match(text) else re.sub(r"\d+", "#", text)


def strip_running_lines(pages: Iterable[Page], band: float = 0.1) -> list[Page]:
    """Remove lines that repeat in the top or bottom band of many pages, and page numbers.

    A line is "running" when its digit-folded text appears near the same edge on at least
    half of the pages (and at least twice), which catches "Plan de Acción 2023–2025 | 7".
    """
    pages = list(pages)
    if not pages:
        return pages
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen = set()
        for line in page.lines:
            edge = _edge(line, page, band)
            if edge:
                seen.add((edge, _line_key(line.text)))
        counts.update(seen)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in counts.items() if n >= threshold}
    out = []
    for page in pages:
        keep = []
        for line in page.lines:
            edge = _edge(line, page, band)
            if edge and ((edge, _line_key(line.text)) in running or _PAGE_NUMBER.match(line.text.strip())):
                continue
            keep.append(line)
        out.append(dataclasses.replace(page, lines=tuple(keep)))
    return out


# The edge bands never shrink below this (points): a landscape page's band would otherwise
# end above a running header printed just inside a one-inch top margin.
MIN_BAND = 80.0


def _edge(line: Line, page: Page, band: float) -> str | None:
    depth = max(page.height * band, MIN_BAND)
    if line.bottom <= depth:
        return "top"
    if line.top >= page.height - depth:
        return "bottom"
    return None
