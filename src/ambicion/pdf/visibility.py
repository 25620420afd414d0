"""Which of a page's text a viewer would not show: size 0, invisible, clipped, off the page, white.

Why: a text layer can hold text nobody sees — drawn at size 0, in render mode 3 (invisible)
or 7 (clip only), clipped away, placed outside the page box, white on a white page or fully
transparent — whether by accident or to slip words past a reader. Judged as if visible, it
would put words in a plan that its readers never saw. Invisible text on top of a picture is
the one exception: it is what OCR tools lay over a scan, and it is the document's text.

One pass over pdfium's top-level page objects (the fast reader's own pass) classifies each
text object from a handful of attributes; nothing else is looked at unless white text was
found, when the pictures and filled shapes under it are. Text inside form XObjects is not
classified (it is read as before), and a form counts as a picture text may lie on.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterable, Sequence

# what hides a text object, as said in reasons (each has a reason.* entry of its own)
SIZE_ZERO = "size 0"
INVISIBLE_MODE = "invisible render mode"
CLIPPED = "clipped away"
OUTSIDE = "outside the page"
WHITE = "white on white"
TRANSPARENT = "transparent"
KINDS = (SIZE_ZERO, INVISIBLE_MODE, CLIPPED, OUTSIDE, WHITE, TRANSPARENT)

# glyph boxes thinner than this (points) show nothing: size 0, or a text matrix scaled to 0
MIN_GLYPH = 0.5
# an RGB channel at least this bright counts as white (pdfium gives 0-255)
WHITE_LEVEL = 250
_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, FPDF_TEXTRENDERMODE_CLIP
_STROKE_ONLY_MODES = (1, 5)  # stroke (and clip): the outline colour is what shows

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: top-down, as pdfplumber's


@dataclass(frozen=True)
class Hidden:
    """The text objects of one page that a viewer would not show.

    `objects` are pdfium object addresses (for the fast reader, which meets them again
    through its text page); `boxes` their boxes top-down, with the kind that hides each, for
    a reader that works on characters (pdfplumber).
    """

    objects: frozenset[int]
    boxes: tuple[tuple[Box, str], ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        found = {kind for _, kind in self.boxes}
        return tuple(k for k in KINDS if k in found)


NOTHING_HIDDEN = Hidden(frozenset(), ())


@dataclass(frozen=True)
class Objects:
    """What the fast reader needs to know of a page's top-level objects."""

    paths: int
    images: int
    hidden: Hidden


def scan_objects(page) -> Objects:
    """Count a pdfium page's paths and images, and find its text that would not show."""
    import pypdfium2.raw as raw

    paths = images = 0
    path_objs: list = []
    image_boxes: list[tuple[float, float, float, float]] = []  # pictures, forms, shadings
    invisible: list[tuple[object, tuple[float, float, float, float]]] = []
    white: list[tuple[int, object, tuple[float, float, float, float]]] = []
    hidden: list[tuple[object, tuple[float, float, float, float], str]] = []
    left, bottom, right, top = _page_box(page)
    floats = [ctypes.c_float() for _ in range(4)]
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    handle = page.raw
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            path_objs.append((i, obj))
            continue
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_SHADING):
            # a picture, a form that may hold the scan an OCR layer lies on, a shading that
            # may be dark: each can be what text is drawn over, a ground
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
            ground = _bounds(raw, obj, floats)
            if ground is not None:
                image_boxes.append(ground)
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        box = _bounds(raw, obj, floats)
        if box is None:
            continue
        if box[2] - box[0] < MIN_GLYPH or box[3] - box[1] < MIN_GLYPH:
            if _drawn_at_size_zero(raw, obj):
                hidden.append((obj, box, SIZE_ZERO))
            continue  # otherwise a text object without glyphs (word processors write them)
        if left < right and (box[2] <= left or box[0] >= right or box[3] <= bottom or box[1] >= top):
            hidden.append((obj, box, OUTSIDE))
            continue
        if _clipped_away(raw, obj, box):
            hidden.append((obj, box, CLIPPED))
            continue
        mode = raw.FPDFTextObj_GetTextRenderMode(obj)
        if mode in _INVISIBLE_MODES:
            invisible.append((obj, box))
            continue
        colour = raw.FPDFPageObj_GetStrokeColor if mode in _STROKE_ONLY_MODES else raw.FPDFPageObj_GetFillColor
        if colour(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            if a.value == 0:
                hidden.append((obj, box, TRANSPARENT))
            elif min(r.value, g.value, b.value) >= WHITE_LEVEL:
                white.append((i, obj, box))
    for obj, box in invisible:  # OCR's invisible layer over a scan is the page's text
        if not _over_any(box, image_boxes):
            hidden.append((obj, box, INVISIBLE_MODE))
    if white:
        grounds = image_boxes + _coloured_fills(raw, [(i, o) for i, o in path_objs if i < white[-1][0]])
        for _i, obj, box in white:
            if not _over_any(box, grounds):
                hidden.append((obj, box, WHITE))
    if not hidden:
        return Objects(paths, images, NOTHING_HIDDEN)
    media = page.get_mediabox()
    return Objects(paths, images, Hidden(
        frozenset(address(obj) for obj, _, _ in hidden),
        tuple(((x0 - media[0], media[3] - y1, x1 - media[0], media[3] - y0), kind)
              for _, (x0, y0, x1, y1), kind in hidden)))


def _bounds(raw, obj, floats: Sequence[ctypes.c_float]) -> tuple[float, float, float, float] | None:
    """A page object's box (left, bottom, right, top, bottom-up as pdfium's), or None."""
    if not raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(f) for f in floats)):
        return None
    return floats[0].value, floats[1].value, floats[2].value, floats[3].value


def _page_box(page) -> tuple[float, float, float, float]:
    """The box a viewer shows, or an empty one (no text judged outside it) when the page's
    boxes are malformed: a MediaBox written upside down, or a CropBox off the MediaBox.

    Why: for such pages the readers fall back to a default box (see
    `pages._repair_page_attributes`), and their text is read, not refused.
    """
    media = page.get_mediabox()
    box = tuple(float(v) for v in page.get_bbox())
    if media[0] >= media[2] or media[1] >= media[3] or box[0] >= box[2] or box[1] >= box[3]:
        return 0.0, 0.0, 0.0, 0.0
    return box[0], box[1], box[2], box[3]


def address(obj) -> int:
    """The address of a pdfium object handle, as `Hidden.objects` holds them."""
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _drawn_at_size_zero(raw, obj) -> bool:
    """True when the text is set at font size 0 or through a matrix that squashes it flat
    (`0 0 0 0 x y Tm`, a zero `cm`, `0 Tz`), not when the object simply holds no glyph."""
    size = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) or \
            not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return False
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return abs(size.value) * scale < MIN_GLYPH


def _clipped_away(raw, obj, box: tuple[float, float, float, float]) -> bool:
    """True when the object's clip path leaves none of its box showing."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return False
    count = raw.FPDFClipPath_CountPaths(clip)
    if count <= 0:
        return False
    x0, y0, x1, y1 = box
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(count):  # the clip is the intersection of its paths
        xs: list[float] = []
        ys: list[float] = []
        for s in range(raw.FPDFClipPath_CountPathSegments(clip, p)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, p, s)
            if segment and raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        x0, y0, x1, y1 = max(x0, min(xs)), max(y0, min(ys)), min(x1, max(xs)), min(y1, max(ys))
        if x1 - x0 < MIN_GLYPH or y1 - y0 < MIN_GLYPH:
            return True
    return False


def _coloured_fills(raw, path_objs: Iterable[tuple[int, object]]) -> list[tuple[float, float, float, float]]:
    """Boxes of filled paths (drawn before the white text) in a colour that is not white."""
    out = []
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    floats = [ctypes.c_float() for _ in range(4)]
    for _i, obj in path_objs:
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not fill.value:
            continue
        if not raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            continue
        if a.value == 0 or min(r.value, g.value, b.value) >= WHITE_LEVEL:
            continue
        box = _bounds(raw, obj, floats)
        if box is not None:
            out.append(box)
    return out


def _over_any(box: tuple[float, float, float, float], grounds: Sequence[tuple[float, float, float, float]]) -> bool:
    """True when the box's centre lies on one of `grounds` (bottom-up boxes, as pdfium's)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(g[0] - 1 <= cx <= g[2] + 1 and g[1] - 1 <= cy <= g[3] + 1 for g in grounds)


class HiddenChars:
    """Tells whether a pdfplumber character lies in one of a page's hidden text boxes.

    Boxes are bucketed by bands of the page height, so a page with many hidden objects
    costs a few comparisons a character, not one per hidden object.
    """

    BAND = 24.0

    def __init__(self, hidden: Hidden) -> None:
        self.flat = SIZE_ZERO in hidden.kinds  # then characters set flat are hidden too
        self.bands: dict[int, list[Box]] = {}
        for box, _kind in hidden.boxes:
            if box[2] - box[0] < MIN_GLYPH or box[3] - box[1] < MIN_GLYPH:
                continue  # set flat: pdfplumber's characters say so themselves (see `hides`)
            first, last = int(box[1] // self.BAND), int(box[3] // self.BAND)
            for band in range(first, min(last, first + 200) + 1):
                self.bands.setdefault(band, []).append(box)

    def hides(self, char: dict) -> bool:
        if self.flat and (float(char.get("size", 1.0) or 0.0) < MIN_GLYPH or char["x1"] - char["x0"] < 0.01):
            return True  # size 0, or squashed to no width (`0 Tz`)
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        for box in self.bands.get(int(cy // self.BAND), ()):
            if box[0] - 0.5 <= cx <= box[2] + 0.5 and box[1] - 0.5 <= cy <= box[3] + 0.5:
                return True
        return False
