"""Which of a page's text a viewer would not show: size 0, invisible, clipped, off the page, white.

Why: a text layer can hold text nobody sees — drawn at size 0, in render mode 3 (invisible)
or 7 (clip only), clipped away, placed outside the page box, white on a white page, fully
transparent or in an optional-content layer the document starts with off — whether by
accident or to slip words past a reader. Judged as if visible, it
would put words in a plan that its readers never saw. Invisible text on top of a picture is
the one exception: it is what OCR tools lay over a scan, and it is the document's text.

One pass over pdfium's page objects (the fast reader's own pass), into form XObjects as deep
as they nest, classifies each text object from a handful of attributes, with its box and
clips mapped onto the page; the filled shapes under white text are only looked at when some
was found. A form is not itself a ground text may lie on: what it draws is.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterator, Sequence

from .layers import layer_key

# what hides a text object, as said in reasons (each has a reason.* entry of its own)
SIZE_ZERO = "size 0"
INVISIBLE_MODE = "invisible render mode"
CLIPPED = "clipped away"
OUTSIDE = "outside the page"
WHITE = "white on white"
TRANSPARENT = "transparent"
LAYER_OFF = "in a layer turned off"
KINDS = (SIZE_ZERO, INVISIBLE_MODE, CLIPPED, OUTSIDE, WHITE, TRANSPARENT, LAYER_OFF)

# glyph boxes thinner than this (points) show nothing: size 0, or a text matrix scaled to 0
MIN_GLYPH = 0.5
# an RGB channel at least this bright counts as white (pdfium gives 0-255)
WHITE_LEVEL = 250
_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, FPDF_TEXTRENDERMODE_CLIP
_STROKE_ONLY_MODES = (1, 5)  # stroke (and clip): the outline colour is what shows

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: top-down, as pdfplumber's
UserBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space, bottom-up, as pdfium's
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# forms nested deeper than this are not looked into (pdfium itself stops drawing at 40)
MAX_FORM_DEPTH = 32


@dataclass(frozen=True)
class Hidden:
    """The text objects of one page that a viewer would not show.

    `objects` are pdfium object addresses (for the fast reader, which meets them again
    through its text page, forms' text included); `boxes` their boxes in PDF user space, with
    the kind that hides each, for a reader that works on characters (pdfplumber: see `Frame`).
    """

    objects: frozenset[int]
    boxes: tuple[tuple[UserBox, str], ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        found = {kind for _, kind in self.boxes}
        return tuple(k for k in KINDS if k in found)


NOTHING_HIDDEN = Hidden(frozenset(), ())


@dataclass(frozen=True)
class Objects:
    """What the fast reader needs to know of a page's objects (those inside forms included)."""

    paths: int
    images: int
    hidden: Hidden


@dataclass(frozen=True)
class _Drawn:
    """One page object as drawn: its box and clips on the page, the scale it is drawn at,
    and its place in the painting order."""

    obj: object
    kind: int
    box: UserBox
    clips: tuple[UserBox, ...]
    scale: float
    order: int
    layer_off: bool = False  # drawn in an optional-content layer the viewer starts with off


def scan_objects(page, layers_off: frozenset[str] = frozenset()) -> Objects:
    """Count a pdfium page's paths and images, and find its text that would not show,
    looking into form XObjects as deep as they nest; `layers_off` names the layers the
    document starts with off (pdf/layers.py)."""
    import pypdfium2.raw as raw

    paths = images = 0
    grounds: list[UserBox] = []  # pictures and shadings: what an OCR layer or white text may lie on
    path_objs: list[_Drawn] = []
    invisible: list[_Drawn] = []
    white: list[_Drawn] = []
    hidden: list[tuple[object, UserBox, str]] = []
    left, bottom, right, top = _page_box(page)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for drawn in _drawn_objects(raw, page.raw, layers_off):
        kind, obj, box = drawn.kind, drawn.obj, drawn.box
        if kind == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            path_objs.append(drawn)
            continue
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
            # a picture (the scan an OCR layer lies on), a shading that may be dark
            images += kind == raw.FPDF_PAGEOBJ_IMAGE
            grounds.append(box)
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        if drawn.layer_off:
            hidden.append((obj, box, LAYER_OFF))
            continue
        if box[2] - box[0] < MIN_GLYPH or box[3] - box[1] < MIN_GLYPH:
            if _drawn_at_size_zero(raw, obj, drawn.scale):
                hidden.append((obj, box, SIZE_ZERO))
            continue  # otherwise a text object without glyphs (word processors write them)
        if left < right and (box[2] <= left or box[0] >= right or box[3] <= bottom or box[1] >= top):
            hidden.append((obj, box, OUTSIDE))
            continue
        if _clipped_away(box, drawn.clips):
            hidden.append((obj, box, CLIPPED))
            continue
        mode = raw.FPDFTextObj_GetTextRenderMode(obj)
        if mode in _INVISIBLE_MODES:
            invisible.append(drawn)
            continue
        colour = raw.FPDFPageObj_GetStrokeColor if mode in _STROKE_ONLY_MODES else raw.FPDFPageObj_GetFillColor
        if colour(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            if a.value == 0:
                hidden.append((obj, box, TRANSPARENT))
            elif min(r.value, g.value, b.value) >= WHITE_LEVEL:
                white.append(drawn)
    for drawn in invisible:  # OCR's invisible layer over (or under) a scan is the page's text
        if not _over_any(drawn.box, grounds):
            hidden.append((drawn.obj, drawn.box, INVISIBLE_MODE))
    fills = _fills(raw, path_objs) if white else []
    for drawn in white:
        if not _over_any(drawn.box, grounds) and not _on_colour(drawn, fills):
            hidden.append((drawn.obj, drawn.box, WHITE))
    if not hidden:
        return Objects(paths, images, NOTHING_HIDDEN)
    return Objects(paths, images, Hidden(frozenset(address(obj) for obj, _, _ in hidden),
                                         tuple((box, kind) for _, box, kind in hidden)))


def _drawn_objects(raw, handle, layers_off: frozenset[str] = frozenset()) -> Iterator[_Drawn]:
    """Every object of a page in painting order, those drawn by forms in place of the form,
    with boxes and clips mapped onto the page, and whether a layer turned off holds it.

    Why a walk of its own: pdfium gives an object inside a form its box and clip in the
    form's space, and the form's own clip (a clip set around `Do`) and layer apply to all
    it draws.
    """
    floats = [ctypes.c_float() for _ in range(4)]
    matrix = raw.FS_MATRIX()
    # (container, is a form, next index, count, form-to-page matrix, clips so far, depth, in a layer off)
    stack: list[tuple[object, bool, int, int, Matrix, tuple[UserBox, ...], int, bool]] = [
        (handle, False, 0, raw.FPDFPage_CountObjects(handle), _IDENTITY, (), 0, False)]
    order = 0
    while stack:
        container, in_form, i, count, m, clips, depth, off = stack.pop()
        if i >= count:
            continue
        stack.append((container, in_form, i + 1, count, m, clips, depth, off))
        obj = raw.FPDFFormObj_GetObject(container, i) if in_form else raw.FPDFPage_GetObject(container, i)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        # clips and layers matter only to text and to what forms draw: paths and pictures skip the cost
        drawn_over = kind in (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM)
        own = tuple(_map_box(m, c) for c in _clip_boxes(raw, obj)) if drawn_over else ()
        layer_off = off or bool(drawn_over and layers_off and _in_layer(raw, obj, layers_off))
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH and raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
                inner = _compose(m, (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))
                stack.append((obj, True, 0, raw.FPDFFormObj_CountObjects(obj), inner, clips + own, depth + 1,
                              layer_off))
            continue
        box = _bounds(raw, obj, floats)
        if box is None:
            continue
        order += 1
        yield _Drawn(obj, kind, _map_box(m, box), clips + own, _scale(m), order, layer_off)


def _in_layer(raw, obj, layers: frozenset[str]) -> bool:
    """True when the object is marked as drawn in one of the optional-content layers keyed
    `layers` (`/OC /name BDC … EMC`: pdfium gives the layer's dictionary entries as the mark's)."""
    buf = (ctypes.c_ushort * 256)()
    length = ctypes.c_ulong()
    for k in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, k)
        if not mark or not raw.FPDFPageObjMark_GetName(mark, buf, ctypes.sizeof(buf), ctypes.byref(length)):
            continue
        if _utf16(buf, length.value) != "OC":
            continue
        if raw.FPDFPageObjMark_GetParamStringValue(mark, b"Name", buf, ctypes.sizeof(buf), ctypes.byref(length)) \
                and layer_key(_utf16(buf, length.value)) in layers:
            return True
    return False


def _utf16(buf, length: int) -> str:
    """A string pdfium wrote as UTF-16LE into `buf` (`length` bytes, its NUL included)."""
    return bytes(buf)[:max(0, length)].decode("utf-16-le", "replace").rstrip("\0")


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The matrix applying `inner`, then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _map_box(m: Matrix, box: UserBox) -> UserBox:
    """The box covering `box` mapped through `m`."""
    if m == _IDENTITY:
        return box
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (box[0], box[2]) for y in (box[1], box[3])]
    ys = [b * x + d * y + f for x in (box[0], box[2]) for y in (box[1], box[3])]
    return min(xs), min(ys), max(xs), max(ys)


def _scale(m: Matrix) -> float:
    """How much `m` enlarges lengths (the square root of its area factor)."""
    return abs(m[0] * m[3] - m[1] * m[2]) ** 0.5


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


def _drawn_at_size_zero(raw, obj, scale: float = 1.0) -> bool:
    """True when the text is set at font size 0 or through a matrix that squashes it flat
    (`0 0 0 0 x y Tm`, a zero `cm`, `0 Tz`, a form drawn through a zero matrix: `scale` is
    the forms' own), not when the object simply holds no glyph."""
    size = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) or \
            not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return False
    own = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return abs(size.value) * own * scale < MIN_GLYPH


def _clip_boxes(raw, obj) -> Iterator[UserBox]:
    """The box of each path of an object's clip (in the object's own space)."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(max(0, raw.FPDFClipPath_CountPaths(clip))):
        xs: list[float] = []
        ys: list[float] = []
        for s in range(raw.FPDFClipPath_CountPathSegments(clip, p)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, p, s)
            if segment and raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            yield min(xs), min(ys), max(xs), max(ys)


def _clipped_away(box: UserBox, clips: Sequence[UserBox]) -> bool:
    """True when the clips (their intersection) leave none of the box showing."""
    x0, y0, x1, y1 = box
    for c in clips:
        x0, y0, x1, y1 = max(x0, c[0]), max(y0, c[1]), min(x1, c[2]), min(y1, c[3])
        if x1 - x0 < MIN_GLYPH or y1 - y0 < MIN_GLYPH:
            return True
    return False


def _fills(raw, paths: Sequence[_Drawn]) -> list[tuple[int, UserBox, bool]]:
    """The filled paths, in painting order, as (order, box, in a colour other than white)."""
    out = []
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for drawn in paths:
        obj = drawn.obj
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not fill.value:
            continue
        if not raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            continue
        if a.value:  # a fully transparent fill paints nothing
            out.append((drawn.order, drawn.box, min(r.value, g.value, b.value) < WHITE_LEVEL))
    return out


def _on_colour(text: _Drawn, fills: Sequence[tuple[int, UserBox, bool]]) -> bool:
    """True when the last fill painted under the text's centre before it is not white.

    Why the last: a white fill laid over a dark band makes the band white again there.
    """
    coloured = False
    for order, box, colour in fills:
        if order > text.order:
            break
        if _over_any(text.box, (box,)):
            coloured = colour
    return coloured


def _over_any(box: UserBox, grounds: Sequence[UserBox]) -> bool:
    """True when the box's centre lies on one of `grounds` (bottom-up boxes, as pdfium's)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(g[0] - 1 <= cx <= g[2] + 1 and g[1] - 1 <= cy <= g[3] + 1 for g in grounds)


@dataclass(frozen=True)
class Frame:
    """Where pdfplumber puts a point of PDF user space on one of its pages.

    Why: pdfminer turns a page by its /Rotate and moves it by its MediaBox before placing
    characters, and pdfplumber adds back the MediaBox's corner; pdfium's boxes are in plain
    user space. `media` is the MediaBox pdfminer drew the page in; `left`, `top` and `height`
    are pdfplumber's (`page.mediabox[:2]`, `page.height`).
    """

    rotation: int
    media: UserBox
    left: float = 0.0
    top: float = 0.0
    height: float = 0.0

    def place(self, box: UserBox) -> Box:
        """A user-space box as pdfplumber's (x0, top, x1, bottom) on this page."""
        mx0, my0, mx1, my1 = self.media
        points = []
        for x in (box[0], box[2]):
            for y in (box[1], box[3]):
                if self.rotation == 90:
                    dx, dy = y - my0, mx1 - x
                elif self.rotation == 180:
                    dx, dy = mx1 - x, my1 - y
                elif self.rotation == 270:
                    dx, dy = my1 - y, x - mx0
                else:
                    dx, dy = x - mx0, y - my0
                points.append((dx + self.left, self.height - dy + self.top))
        xs, tops = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(tops), max(xs), max(tops)


class HiddenChars:
    """Tells whether a pdfplumber character lies in one of a page's hidden text boxes.

    Boxes are bucketed by bands of the page height, so a page with many hidden objects
    costs a few comparisons a character, not one per hidden object.
    """

    BAND = 24.0

    def __init__(self, hidden: Hidden, frame: Frame) -> None:
        self.flat = SIZE_ZERO in hidden.kinds  # then characters set flat are hidden too
        self.bands: dict[int, list[Box]] = {}
        for user_box, _kind in hidden.boxes:
            box = frame.place(user_box)
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
