"""pdfplumber's page objects, built faster: the same dicts, with characters converted directly.

Why: on a page with tables, most of pdfplumber's time is not spent interpreting the PDF but
turning each of pdfminer's characters into a dict, where every attribute goes through a
generic recursive resolver and the colour-space name is re-decoded character by character.
Characters are by far the most numerous objects, and their attributes are plain numbers,
strings and tuples of numbers, so they can be copied as they are; anything else still goes
through pdfplumber's own resolver, and every other object (rects, lines, curves, images)
through pdfplumber's own `process_object`. The result is stored where pdfplumber caches a
page's objects, so its table finder and word extractor work on it unchanged; a test checks
that the dicts are equal to pdfplumber's for whole documents.
"""

from __future__ import annotations

from typing import Any

_PLAIN = (int, float, str, bool, type(None))
_END = object()


def _value(v: Any, resolve_all) -> Any:
    """An attribute as pdfplumber's `resolve_all` would return it, skipping the work when
    the value cannot hold a reference (plain scalars and tuples of them)."""
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple and all(type(x) in _PLAIN for x in v):
        return v
    return resolve_all(v)


def parse_objects(page, layout=None) -> dict[str, list[dict]]:
    """The page's objects grouped by kind, equal to pdfplumber's `page.parse_objects()`."""
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.page import ALL_ATTRS
    from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

    pdf = page.pdf
    if pdf.laparams is not None:  # text containers would be objects too: keep pdfplumber's way
        return page.parse_objects()
    norm = pdf.unicode_norm
    if norm is not None:
        from unicodedata import normalize as normalize_unicode  # what pdfplumber's page uses
    number = page.page_number
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop0 = page.initial_doctop
    decoded: dict[Any, Any] = {}
    chars: list[dict] = []
    objects: dict[str, list[dict]] = {}

    def char(obj: LTChar) -> dict:
        attr = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                t = type(v)
                attr[k] = v if (t is float or t is int or t is str or t is bool or v is None) \
                    else _value(v, resolve_all)
        attr["object_type"] = "char"
        attr["page_number"] = number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                name = getattr(obj, cs).name
                key = (type(name), name)
                if key not in decoded:
                    decoded[key] = resolve_and_decode(name)
                attr[cs] = decoded[key]
        text = obj.get_text()
        attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr.get("fontname"), bytes):  # rare; pdfplumber's own fix
            from pdfplumber.page import fix_fontname_bytes

            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop0 + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    # an explicit stack, not a recursive inner function: such a function refers to itself,
    # and the cycle would keep every page's objects alive until the garbage collector ran
    stack = [iter(layout._objs if layout is not None else page.layout._objs)]
    while stack:
        obj = next(stack[-1], _END)
        if obj is _END:
            stack.pop()
            continue
        if isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
            continue
        if type(obj) is LTChar:
            chars.append(char(obj))
            if "char" not in objects:
                objects["char"] = chars
            continue
        d = page.process_object(obj)
        kind = d["object_type"]
        if kind == "anno":
            continue
        objects.setdefault(kind, []).append(d)
    return objects


def load_objects(page) -> None:
    """Fill pdfplumber's object cache for `page` the fast way (before anything reads it).

    Falls back to pdfplumber's own parsing when its internals are not as expected, so a
    different pdfplumber release is slower, never wrong.
    """
    if hasattr(page, "_objects"):
        return
    layout = page.layout  # interpreting the page raises here exactly as pdfplumber would
    try:
        objects = parse_objects(page, layout)
    except Exception:
        return  # pdfplumber converts the objects its own way
    page._objects = objects
