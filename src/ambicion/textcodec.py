"""Decoding users' text strictly, and normalising it so no character glues or hides words.

Why its own module: every text input (drafts, tables, functions files, standard input) must
be decoded by one rule and say which encoding it assumed, and every reader that builds text
(Word, tables) must normalise line breaks and invisible characters the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, InputNote, valid_unicode


class EncodingNote(InputNote):
    """Issued when a text input was not UTF-8 and was read in another encoding (said in the
    message), so front ends can tell the user what was assumed."""


@dataclass(frozen=True)
class Decoded:
    """A decoded text and the encoding it was read in."""

    text: str
    encoding: str


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32",
                   "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "cp1252": "Windows-1252"}


def decode_text(data: bytes, source: str | Path, hint: str = "") -> Decoded:
    """Decode strictly: a BOM's encoding, else UTF-16 without a BOM (`unmarked_utf16`), else
    UTF-8, else Windows-1252 for a file with no UTF-8 in it at all; anything else is an
    InputError naming the first bad byte.

    Why strict: guessing per file turned one stray byte into mojibake across a whole UTF-8
    file. A file that is mostly UTF-8 with a foreign byte is refused (with its line), because
    no single encoding reads it right.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), _ENCODING_NAMES[name])
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {_ENCODING_NAMES[name]} byte-order mark but "
                                         f"is not valid {_ENCODING_NAMES[name]} ({_where(data, exc.start)})") from None
    unmarked = unmarked_utf16(data)
    if unmarked:
        try:
            return Decoded(data.decode(unmarked), _ENCODING_NAMES[unmarked])
        except UnicodeDecodeError as exc:
            raise _bad_unmarked(source, unmarked, _where(data, exc.start)) from None
    if b"\x00" in data or _mostly_controls(data):
        tail = f"; {hint}" if hint else ""
        raise InputError(source, f"not a text file (binary content){tail}")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _UTF8_MULTIBYTE.search(data) and _valid_utf8_runs(data):
        raise InputError(source, "mixes encodings: it is UTF-8 but has a byte that is not "
                                 f"({_where(data, utf8_error.start)}); save it again as UTF-8")
    if not _CP1252_UNDEFINED.intersection(data):
        return Decoded(data.decode("cp1252"), "Windows-1252")
    raise InputError(source, f"is neither UTF-8 nor Windows-1252 text ({_where(data, utf8_error.start)}); "
                             "save it as UTF-8")


_C0 = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_UTF16_SAMPLE = 65536  # bytes looked at to tell UTF-16 without a byte-order mark
_UTF16_LATIN = 0.9  # share of code units whose high byte is NUL in Latin-script UTF-16


def unmarked_utf16(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when `head` reads as UTF-16 saved without a byte-order
    mark, None otherwise.

    Why: some exporters write UTF-16 with no mark, and its NULs made such a file "binary".
    Latin-script text in UTF-16 has a NUL in (nearly) every other byte and none in the
    others, and the other bytes are text-like; binary data and UTF-8 text do not look so.
    """
    sample = head[:_UTF16_SAMPLE]
    sample = sample[: len(sample) // 2 * 2]
    units = len(sample) // 2
    if units < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) >= _UTF16_LATIN * units and low.count(0) <= units // 100 \
                and not _mostly_controls(low):
            return codec
    return None


def _bad_unmarked(source: str | Path, codec: str, where: str) -> InputError:
    name = _ENCODING_NAMES[codec]
    return InputError(source, f"looks like {name} text without a byte-order mark but is not valid "
                              f"{name} ({where})")


def _mostly_controls(data: bytes, share: float = 0.05) -> bool:
    """True when control bytes (no text has many) make up more than `share` of the start."""
    head = data[:65536]
    return bool(head) and len(head) - len(head.translate(None, _C0)) > share * len(head)


def _valid_utf8_runs(data: bytes) -> bool:
    """True when some multibyte sequence in `data` decodes as UTF-8 (so the file is UTF-8)."""
    for m in _UTF8_MULTIBYTE.finditer(data):
        try:
            m.group().decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte 0x{data[offset]:02x} on line {line}" if offset < len(data) else f"at byte {offset}"


# line and paragraph separators that str.splitlines() honours but csv, regexes and people
# do not: all become "\n"; other control characters become a space so words stay apart
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


# invisible characters that split or disguise words without showing: zero-width spaces and
# joiners, word joiner, a byte-order mark inside the text, soft hyphen, bidirectional controls
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")


def normalize_text(text: str) -> str:
    """Every line break as "\\n", other control characters as spaces (none glue words),
    invisible characters removed, and composed (NFC) so "ó" typed as o + accent matches "ó"."""
    text = _INVISIBLE.sub("", _CONTROLS.sub(" ", _BREAKS.sub("\n", text)))
    # a lone surrogate (JSON's "\\ud800") cannot be written as UTF-8: U+FFFD, as a decoder would
    return unicodedata.normalize("NFC", valid_unicode(text))


_CODECS = {"UTF-8": "utf-8", "Windows-1252": "cp1252"}
_SNIFF_CHUNK = 1 << 20


def file_encoding(path: str | Path, source: str | Path, hint: str = "") -> tuple[str, str]:
    """(codec, name) that `decode_text` would choose for the file's bytes, found in one pass
    over the file a megabyte at a time, so a large table need not be held to be decoded.

    Raises the same InputErrors as `decode_text`, with the same wording.
    """
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF_CHUNK)
        for bom, name in _BOMS:
            if head.startswith(bom):
                offset = _first_error(fh, head, name)
                if offset is not None:
                    raise InputError(source, f"starts with a {_ENCODING_NAMES[name]} byte-order mark but "
                                             f"is not valid {_ENCODING_NAMES[name]} ({_where_in(path, offset)})")
                return name, _ENCODING_NAMES[name]
        unmarked = unmarked_utf16(head)
        if unmarked:
            offset = _first_error(fh, head, unmarked)
            if offset is not None:
                raise _bad_unmarked(source, unmarked, _where_in(path, offset))
            return unmarked, _ENCODING_NAMES[unmarked]
        if _mostly_controls(head):
            tail = f"; {hint}" if hint else ""
            raise InputError(source, f"not a text file (binary content){tail}")
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        error: int | None = None
        multibyte = undefined = False
        done = 0  # bytes fully looked at
        carry = b""  # the end of the last chunk, so a sequence cut in two is still found
        while True:
            chunk = fh.read(_SNIFF_CHUNK)
            if b"\x00" in chunk:
                tail = f"; {hint}" if hint else ""
                raise InputError(source, f"not a text file (binary content){tail}")
            if error is None:
                pending = len(decoder.getstate()[0])
                try:
                    decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    error = done - pending + exc.start
            window, carry = _open_run(carry + chunk, final=not chunk)
            multibyte = multibyte or bool(_UTF8_MULTIBYTE.search(window) and _valid_utf8_runs(window))
            undefined = undefined or bool(_CP1252_UNDEFINED.intersection(chunk))
            if not chunk:
                break
            done += len(chunk)
    if error is None:
        return "utf-8", "UTF-8"
    if multibyte:
        raise InputError(source, "mixes encodings: it is UTF-8 but has a byte that is not "
                                 f"({_where_in(path, error)}); save it again as UTF-8")
    if not undefined:
        return "cp1252", "Windows-1252"
    raise InputError(source, f"is neither UTF-8 nor Windows-1252 text ({_where_in(path, error)}); "
                             "save it as UTF-8")


def _open_run(data: bytes, final: bool) -> tuple[bytes, bytes]:
    """(the part of `data` whose multibyte runs are complete, the run still open at its end).

    A run (a lead byte and its continuation bytes) cut by a chunk border must be judged
    whole, as `decode_text` judges it; longer than 5 bytes it can no longer be valid, so
    only its first bytes need carrying.
    """
    if final:
        return data, b""
    end = len(data)
    k = end
    while k > 0 and 0x80 <= data[k - 1] <= 0xBF and end - k < 8:
        k -= 1
    if k > 0 and 0xC2 <= data[k - 1] <= 0xF4:
        return data[:k - 1], data[k - 1:k + 5]
    return data, b""


def utf8_error_place(path: str | Path) -> str | None:
    """Where a file's first byte that is not UTF-8 is ("byte 0xe9 on line 3"); None if none.

    For readers that decode as they stream and learn of a bad byte only a buffer later.
    """
    with open(path, "rb") as fh:
        offset = _first_error(fh, fh.read(_SNIFF_CHUNK), "utf-8")
    return None if offset is None else _where_in(path, offset)


def _first_error(fh, head: bytes, codec: str) -> int | None:
    """Offset of the first byte `codec` cannot decode, reading on from `head`; None if none."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = 0
    chunk = head
    while True:
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            return done - pending + exc.start
        if not chunk:
            return None
        done += len(chunk)
        chunk = fh.read(_SNIFF_CHUNK)


def _where_in(path: str | Path, offset: int) -> str:
    """`_where` for a file: the byte and its line, reading only up to it."""
    line = 1
    with open(path, "rb") as fh:
        left = offset
        while left > 0:
            chunk = fh.read(min(left, _SNIFF_CHUNK))
            if not chunk:
                break
            line += chunk.count(b"\n")
            left -= len(chunk)
        byte = fh.read(1)
    return f"byte 0x{byte[0]:02x} on line {line}" if byte else f"at byte {offset}"
