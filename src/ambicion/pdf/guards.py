"""Guards at the PDF boundary: decompression bombs, crowded pages, rotated pages, garbage text.

Why a module of its own: these are properties of hostile or broken files, not of any one
reading engine, so every page reader (today's and the next) calls the same checks, and the
limits live in one place (`ambicion.limits`).
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..errors import InputError
from ..limits import limits, megabytes

if TYPE_CHECKING:
    from .layout import Line, Page

# zlib cannot expand data more than about 1032 times, so only streams at least this many
# times smaller than the cap can exceed it: the rest need not be decompressed to be safe
_ZLIB_MAX_RATIO = 1100
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")


def check_streams(path: str | Path, data: bytes | None = None) -> None:
    """InputError when a compressed stream would expand beyond `max_pdf_stream_bytes`.

    Why before parsing: pdfminer inflates a stream whole, so a 1 MB file can ask for gigabytes.
    Only streams large enough to possibly exceed the cap are inflated here, piece by piece,
    with nothing kept, so the check costs little on ordinary files.
    """
    if data is None:
        import mmap

        try:
            with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                _check(path, mapped)  # mapped, not read: memory stays flat on large files
        except (OSError, ValueError):  # empty or unmappable: the parser says what is wrong
            return
        return
    _check(path, data)


def _check(path: str | Path, data) -> None:
    cap = limits().max_pdf_stream_bytes
    smallest = cap // _ZLIB_MAX_RATIO
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            return
        filters = _declared_filters(data, m.start(), pos)
        pos = end + 9
        if filters and filters != ["FlateDecode"]:
            if _chain_may_exceed(filters, end - start, cap) and _chain_exceeds(data, start, end, filters, cap):
                raise InputError(path, _BOMB.format(cap=megabytes(cap)))
            continue
        # a small stream can only be a bomb if it holds compressed data compressed again
        if (end - start >= smallest or _nested(data, start, end)) and _inflates_beyond(data, start, end, cap):
            raise InputError(path, _BOMB.format(cap=megabytes(cap)))


_BOMB = ("a compressed stream expands beyond {cap} (a decompression bomb?); set "
         "AMBICION_MAX_PDF_STREAM_BYTES to read it anyway")

# The filters pdfminer decodes, by their full and abbreviated names, with how many times
# larger than its input each output can be at most: LZW's 9-bit codes can each emit up to
# 4096 bytes; a RunLength pair (2 bytes) up to 128; the ASCII encodings shrink.
_FILTER_NAMES = {"FlateDecode": "FlateDecode", "Fl": "FlateDecode", "LZWDecode": "LZWDecode",
                 "LZW": "LZWDecode", "RunLengthDecode": "RunLengthDecode", "RL": "RunLengthDecode",
                 "ASCIIHexDecode": "ASCIIHexDecode", "AHx": "ASCIIHexDecode",
                 "ASCII85Decode": "ASCII85Decode", "A85": "ASCII85Decode"}
_MAX_RATIO = {"FlateDecode": 1032.0, "LZWDecode": 3641.0, "RunLengthDecode": 64.0,
              "ASCIIHexDecode": 0.5, "ASCII85Decode": 0.8}
# pdfminer decodes RunLength into a Python list of ints before making bytes (about 36 bytes
# of memory per decoded byte), so its output is held to this share of the cap
_RUNLENGTH_SHARE = 1 / 32
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,512}\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")


def _declared_filters(data, stream_at: int, previous_end: int) -> list[str]:
    """The /Filter names of the stream whose dictionary ends at `stream_at` (as far back as
    the previous stream's end, at most 4 KB); names pdfminer does not decode end the list."""
    lo = max(previous_end, stream_at - 4096)
    head = bytes(data[lo:stream_at])
    found = list(_FILTER.finditer(head))
    if not found:
        return []
    names = [_FILTER_NAMES.get(n.decode("ascii"), "") for n in _NAME.findall(found[-1].group(1))]
    out: list[str] = []
    for name in names:
        if not name:
            break  # an image codec (DCT, JPX, CCITT): pdfminer keeps its data as it is
        out.append(name)
    return out


def _chain_may_exceed(filters: list[str], size: int, cap: int) -> bool:
    bound = float(size)
    for name in filters:
        bound *= _MAX_RATIO[name]
    limit = cap * _RUNLENGTH_SHARE if filters[-1] == "RunLengthDecode" else cap
    return bound > limit


def _chain_exceeds(data, start: int, end: int, filters: list[str], cap: int) -> bool:
    """Decode a declared filter chain with every layer's output bounded; True past the cap.

    Why: a bomb hidden behind an ASCII layer ([/ASCII85Decode /FlateDecode]) has no zlib
    header to be found by, and LZW and RunLength expand as well as Flate does.
    """
    buf = bytes(data[start:end])
    for k, name in enumerate(filters):
        limit = int(cap * _RUNLENGTH_SHARE) if name == "RunLengthDecode" else cap
        try:
            if name == "ASCIIHexDecode":
                from pdfminer.ascii85 import asciihexdecode

                buf = asciihexdecode(buf)
            elif name == "ASCII85Decode":
                from pdfminer.ascii85 import ascii85decode

                buf = ascii85decode(buf)
            elif name == "FlateDecode":
                if k == len(filters) - 1:
                    return _inflates_beyond(buf, 0, len(buf), cap)
                got = _bounded(_inflate_chunks(buf), limit)
                if got is None:
                    return True
                buf = got
            elif name == "LZWDecode":
                got = _bounded(_lzw_chunks(buf), limit)
                if got is None:
                    return True
                buf = got
            elif name == "RunLengthDecode":
                if _runlength_size(buf, limit) > limit:
                    return True
                if k < len(filters) - 1:
                    from pdfminer.runlength import rldecode

                    buf = rldecode(buf)
        except Exception:  # damaged data: the parser will say what it makes of it
            return False
    return False


def _bounded(chunks, limit: int) -> bytes | None:
    """The chunks joined, or None as soon as they pass `limit` bytes."""
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > limit:
            return None
    return bytes(out)


def _inflate_chunks(buf: bytes):
    d = zlib.decompressobj()
    step = 1 << 16
    for k in range(0, len(buf), step):
        piece = buf[k:k + step]
        while piece:
            out = d.decompress(piece, 1 << 20)
            yield out
            piece = d.unconsumed_tail
        if d.eof:
            return


def _lzw_chunks(buf: bytes):
    import io

    from pdfminer.lzw import LZWDecoder

    return LZWDecoder(io.BytesIO(buf)).run()


def _runlength_size(buf: bytes, limit: int) -> int:
    """The length RunLength data decodes to, counted without decoding (stops past `limit`)."""
    size = i = 0
    n = len(buf)
    while i < n and size <= limit:
        length = buf[i]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            i += length + 2
        else:
            size += 257 - length
            i += 2
    return size


def _zlib_header(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _nested(data, start: int, end: int) -> bool:
    """True when a stream's first inflated bytes are themselves zlib data (Flate twice)."""
    if not _zlib_header(bytes(data[start:start + 2])):
        return False
    try:
        return _zlib_header(zlib.decompressobj().decompress(bytes(data[start:min(end, start + 512)]), 2))
    except zlib.error:
        return False


def _inflates_beyond(data, start: int, end: int, cap: int) -> bool:
    """Inflate a stream piece by piece, keeping nothing, through up to three nested layers."""
    layers = [zlib.decompressobj()]
    totals = [0]
    view = memoryview(data)[start:end]
    step = 1 << 16

    def feed(level: int, buf: bytes) -> bool:
        d = layers[level]
        while buf:
            out = d.decompress(buf, 1 << 20)
            totals[level] += len(out)
            if totals[level] > cap:
                return True
            if out and level + 1 < 3:
                if len(layers) == level + 1:
                    if totals[level] != len(out) or not _zlib_header(out[:2]):
                        out = b""  # the layer below is not Flate data: nothing more to follow
                    else:
                        layers.append(zlib.decompressobj())
                        totals.append(0)
                if out and len(layers) > level + 1:
                    try:
                        if feed(level + 1, out):
                            return True
                    except zlib.error:
                        del layers[level + 1:]
            buf = d.unconsumed_tail
        return False

    try:
        for k in range(0, len(view), step):
            if feed(0, bytes(view[k:k + step])):
                return True
            if layers[0].eof:
                return False
    except zlib.error:
        return False  # not Flate data (or damaged): the parser will say what it makes of it
    return False


def crowded(page) -> bool:
    """True when a pdfplumber page holds more drawn edges than table detection can afford.

    Why: table finding grows faster than linearly in edges, so 20,000 tiny rectangles (or a
    5,000-row ruled table) take minutes; such a page is read as text lines only. Edges are
    counted as table finding sees them: four per rectangle, one per line, one per segment of
    a path (one path can draw a whole grid).
    """
    cap = limits().max_page_objects
    objects = page.objects
    count = 4 * len(objects.get("rect", ())) + len(objects.get("line", ()))
    if count > cap:
        return True
    for curve in objects.get("curve", ()):
        count += max(1, len(curve.get("pts") or ()) - 1)
        if count > cap:
            return True
    return False


def in_own_direction(page):
    """A pdfplumber page read the way its text runs, whatever its /Rotate says.

    pdfminer applies /Rotate before finding lines, so text written across a page that is
    only displayed turned comes out one letter per line ("D P M C …"). The page is read
    unrotated when most of its characters are upright that way; text drawn sideways to be
    shown upright keeps the rotation.
    """
    if not getattr(page, "rotation", 0):
        return page
    import pdfplumber.page as pp

    obj = page.page_obj
    saved = (obj.attrs.get("Rotate"), getattr(obj, "rotate", 0))
    obj.attrs["Rotate"] = 0
    obj.rotate = 0
    flat = pp.Page(page.pdf, obj, page_number=page.page_number, initial_doctop=page.initial_doctop)
    chars = flat.chars
    if chars and sum(1 for c in chars if c.get("upright")) * 2 >= len(chars):
        page.close()
        return flat
    flat.close()
    obj.attrs["Rotate"], obj.rotate = saved
    return page


# characters a working text layer never produces in bulk: pdfminer's "(cid:N)" for glyphs
# without a Unicode mapping, control characters, the replacement character, private-use code
# points (symbol fonts without ToUnicode)
_CID = re.compile(r"\(cid:\d+\)")
_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
UNREADABLE_SHARE = 0.3


def junk_share(text: str) -> float:
    """The share of a text's visible characters that are unmapped glyphs or control codes."""
    cids = _CID.findall(text)
    rest = _CID.sub("", text)
    junk = len(_JUNK.findall(rest)) + len(cids)
    visible = sum(1 for ch in rest if not ch.isspace()) + len(cids)
    return junk / visible if visible else 0.0


def page_text(page: "Page") -> str:
    return "\n".join([line.text for line in page.lines] + [
        c.text for t in page.tables for row in t.rows for c in row if c is not None])


def unreadable_pages(pages: Iterable["Page"]) -> list[int]:
    """Numbers of the pages whose text layer is mostly garbage (see `junk_share`)."""
    return [p.number for p in pages if p.chars and junk_share(page_text(p)) >= UNREADABLE_SHARE]


OCR_ADVICE = ("its fonts have no usable Unicode map, so the text cannot be read; run OCR first, "
              "e.g. `ocrmypdf --force-ocr in.pdf out.pdf`")


def has_form(pdf) -> bool:
    """True when a pdfplumber document declares interactive form fields (an AcroForm)."""
    try:
        return bool(pdf.doc.catalog.get("AcroForm"))
    except Exception:  # a damaged catalog: no form to read
        return False


XFA_ONLY = ("is a dynamic XFA form: Adobe Reader makes its pages when it opens the file, which stores "
            "only a placeholder page; open it in Adobe Reader and print it to a new PDF")


def dynamic_xfa(pdf) -> bool:
    """True when a pdfplumber document is a dynamic XFA form (`/NeedsRendering true` with an
    XFA form): its pages hold only a "please wait" placeholder, never the document's text.

    Why: judged as it is, the placeholder reads as a plan without commitments, and the user
    is told the layout was not recognised rather than what to do.
    """
    from pdfminer.pdftypes import resolve1

    try:
        catalog = pdf.doc.catalog
        form = resolve1(catalog.get("AcroForm"))
        return resolve1(catalog.get("NeedsRendering")) is True and isinstance(form, dict) \
            and form.get("XFA") is not None
    except Exception:  # a damaged catalog: read the pages as they are
        return False


def form_lines(page) -> list[Line]:
    """The answers typed into a page's form fields, as Lines at the fields' places.

    Why: a forum's fillable template keeps its answers in the fields' values, which are not
    page content, so no text extraction sees them; without this a filled form reads as an
    empty template. Text and choice fields only (a ticked box has no words to judge).
    """
    out: list[Line] = []
    try:
        annots = page.annots
    except Exception:
        return out
    for a in annots:
        try:
            line = _field_line(a)
        except Exception:  # a malformed field is skipped, never a reason to lose the page
            line = None
        if line is not None:
            out.append(line)
    return out


def _field_line(a: dict) -> Line | None:
    """One widget annotation's typed answer as a Line, or None."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    from .layout import Line

    node, kind, value, hops = a.get("data") or {}, None, None, 0
    while isinstance(node, dict) and hops < 20:  # fields inherit FT and V from their parents
        kind = kind or resolve1(node.get("FT"))
        value = value if value is not None else resolve1(node.get("V"))
        node = resolve1(node.get("Parent"))
        hops += 1
    name = kind.name if isinstance(kind, PSLiteral) else str(kind or "")
    if name not in ("Tx", "Ch"):
        return None
    if isinstance(value, list):
        value = " ".join(decode_text(v) if isinstance(v, bytes) else str(v) for v in value)
    elif isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = value.name
    text = " ".join(str(value or "").split())
    if not text:
        return None
    return Line(text=text, x0=float(a["x0"]), top=float(a["top"]), x1=float(a["x1"]),
                bottom=float(a["bottom"]))


def with_form_fields(read: "Page", lines: list) -> "Page":
    """`read` with form answers merged into its lines in reading order (top, then left)."""
    if not lines:
        return read
    import dataclasses

    merged = sorted([*read.lines, *lines], key=lambda line: (round(line.top), line.x0))
    return dataclasses.replace(read, lines=tuple(merged))
