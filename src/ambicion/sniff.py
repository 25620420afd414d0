"""Say what a file really is by its bytes, when it is a kind ambicion does not read.

Why: users rename files and office suites save in many formats; a Word 97 ".doc", an
OpenDocument text or a spreadsheet given as a draft would otherwise fail as "binary
content" or with a parser's exception name, which tells the user nothing to do next.
Only the container's signature and its directory of parts are looked at, never its content.
"""

from __future__ import annotations

import io
import zipfile

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 (.doc, .xls, .ppt) and .msg
ZIP_SIGNATURE = b"PK\x03\x04"
_OPENDOCUMENT = b"application/vnd.oasis.opendocument."


def zip_parts(data: bytes) -> set[str]:
    """The part names of a zip archive (empty when `data` is no readable zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return set()


def is_word_archive(parts: set[str]) -> bool:
    """A WordprocessingML package: its main document part is where Word puts it."""
    return "word/document.xml" in parts


def foreign_reason(data: bytes) -> str | None:
    """Why `data` is refused, when its signature names a format ambicion does not read;
    None for anything else (the readers say what is wrong with it)."""
    if data.startswith(OLE_SIGNATURE):
        return ("an old Office 97-2003 file (.doc, .xls or .ppt), which is not read; "
                "save it as .docx, or a table as .csv")
    if not data.startswith(ZIP_SIGNATURE):
        return None
    parts = zip_parts(data)
    if "mimetype" in parts and _mimetype(data).startswith(_OPENDOCUMENT):
        return "an OpenDocument file (.odt or .ods), which is not read; save it as .docx, or a table as .csv"
    if any(p.startswith("xl/") for p in parts):
        return "a spreadsheet; save it as .csv (with an 'id' and a 'text' column) to screen it"
    if any(p.startswith("ppt/") for p in parts):
        return "a PowerPoint presentation, which is not read; save it as .pdf"
    return None


def _mimetype(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open("mimetype") as fh:
                return fh.read(200)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return b""
