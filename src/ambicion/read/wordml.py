"""Open Word files safely and walk all of their text: the boundary every .docx reader calls.

Why not python-docx's `paragraph.text` alone: it skips text in tracked insertions, content
controls, fields, text boxes and tables nested in cells, which is where forms and templates
keep a commitment's answers. Why a guard before opening: a .docx is a zip, and a small one
can unpack to gigabytes; a macro-enabled .docm is refused by python-docx although its text
is ordinary (the macros are never run, only dropped).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..io import read_input_bytes
from ..sniff import foreign_reason
from ..textcodec import normalize_text
from ..limits import limits, megabytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# containers whose children are blocks (paragraphs, tables) to walk in order
_BLOCK_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo",
                     f"{W}smartTag"}
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{MC}Fallback",
            f"{W}fldData", f"{W}footnoteReference", f"{W}commentReference"}


def open_word(path: str | Path):
    """A python-docx Document, after the archive passed the size checks; .docm read without macros.

    InputError (one line, naming the file) for archives over the limits or files that are
    not Word documents.
    """
    p = Path(path)
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a core dependency
        raise InputError(p, "reading .docx needs python-docx (pip install python-docx)") from None
    data = read_input_bytes(p)
    foreign = foreign_reason(data)
    if foreign:
        raise InputError(p, foreign)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(p, "not a readable Word file (not a valid .docx archive)") from None
    with archive:
        check_archive(p, archive, len(data))
        names = set(archive.namelist())
        for part in ("[Content_Types].xml", "_rels/.rels"):  # what every Office package starts from
            if part not in names:
                raise InputError(p, f"not a readable Word file (it has no {part} part)")
        check_no_dtd(p, archive)
        types = archive.read("[Content_Types].xml")
        if _MACRO_TYPE in types:
            data = _without_macros(archive, types)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        kind = {"XMLSyntaxError": "damaged XML", "KeyError": "a part it refers to is missing"}.get(
            type(exc).__name__, type(exc).__name__)
        raise InputError(p, f"not a readable Word file ({kind})") from None
    _as_shown(document, p)
    return document


def _as_shown(document, path: Path) -> None:
    """The body as Word shows it (read/wordshown.py), saying what that changed."""
    import warnings

    from ..errors import InputNote
    from .wordshown import bring_in_imported_parts, drop_hidden_runs

    unread = bring_in_imported_parts(document, path)
    if unread:
        kinds = ", ".join(sorted(set(unread)))
        warnings.warn(InputNote(f"{path}: {len(unread)} imported part(s) Word shows in the text were not "
                                f"read (their kind: {kinds}); open the file in Word and save it to read them"),
                      stacklevel=4)
    hidden = drop_hidden_runs(document)
    if hidden:
        warnings.warn(InputNote(f"{path}: holds {hidden:,} character(s) in hidden font, which Word does not "
                                "show; they were left out"), stacklevel=4)


def check_no_dtd(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse XML parts that declare a DTD.

    Why: Word never writes one; a DOCTYPE in a .docx is how entity attacks come (a billion
    laughs, an external entity naming a local file or a URL), and the XML parser, which
    leaves entities unexpanded, would silently drop the words that follow one.
    """
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as fh:
            head = fh.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(path, f"part {info.filename!r} declares a DTD, which Word never writes "
                                   "(its entities are not expanded); save the file again from Word")


def check_archive(path: Path, archive: zipfile.ZipFile, packed: int) -> None:
    """Refuse zip bombs by the sizes the archive declares (and members too many to list)."""
    cap = limits()
    infos = archive.infolist()
    if len(infos) > cap.max_zip_members:
        raise InputError(path, f"the archive holds {len(infos):,} parts, over the {cap.max_zip_members:,} limit")
    total = sum(i.file_size for i in infos)
    if total > cap.max_unzipped_bytes:
        raise InputError(path, f"unpacks to {megabytes(total)}, over the {megabytes(cap.max_unzipped_bytes)} "
                               "limit (a zip bomb?)")
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > cap.max_zip_ratio * max(1, i.compress_size):
            raise InputError(path, f"part {i.filename!r} expands {i.file_size // max(1, i.compress_size):,} "
                                   "times (a zip bomb?)")


def _without_macros(archive: zipfile.ZipFile, types: bytes) -> bytes:
    """The archive rewritten as a plain .docx: macro parts dropped, content type renamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in archive.infolist():
            name = info.filename
            if name.lower().endswith(("vbaproject.bin", "vbadata.xml")) or "/vbaProject" in name:
                continue
            body = archive.read(info)  # sizes already checked
            if name == "[Content_Types].xml":
                body = types.replace(_MACRO_TYPE, _DOCX_TYPE)
            new.writestr(info, body)
    return out.getvalue()


# ---------------------------------------------------------------- walking the text


@dataclass(frozen=True)
class Block:
    """A paragraph (`element` is a w:p) or a table (a w:tbl), in document order."""

    kind: str  # "p" or "tbl"
    element: object


def blocks(container) -> Iterator[Block]:
    """Paragraphs and tables of a body or cell in order, looking inside content controls,
    tracked insertions and custom XML; a paragraph's text boxes follow it as paragraphs."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            yield Block("p", child)
            for box in text_boxes(child):
                yield from blocks(box)
        elif tag == f"{W}tbl":
            yield Block("tbl", child)
        elif tag in _BLOCK_CONTAINERS:
            yield from blocks(child)


def text_boxes(p) -> Iterator:
    """The text boxes anchored in a w:p, each once (not the mc:Fallback copy for old readers)."""
    for box in p.iter(f"{W}txbxContent"):
        if not _inside_fallback(box, p):
            yield box


def paragraph_text(p) -> str:
    """All visible text of a w:p: runs, tracked insertions, fields' shown results, content
    controls and hyperlinks; not deleted text, field codes or text boxes (walked apart)."""
    parts: list[str] = []
    _collect(p, parts)
    return normalize_text("".join(parts))


def _collect(node, parts: list[str]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == f"{W}txbxContent":
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


def page_marks(p, rendered: bool) -> Iterator[bool]:
    """Where a w:p's text and page breaks fall, in document order: True for a page break,
    False for a piece of text. `rendered`: count the breaks Word recorded when it last laid
    the document out (w:lastRenderedPageBreak, natural and explicit breaks alike), else the
    explicit ones (w:br w:type="page"). Text boxes, deleted text and fallbacks are skipped,
    as in `paragraph_text`."""
    for child in p.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == f"{W}txbxContent":
            continue
        if tag == f"{W}t":
            if child.text:
                yield False
        elif tag == f"{W}lastRenderedPageBreak":
            if rendered:
                yield True
        elif tag == f"{W}br":
            if not rendered and child.get(f"{W}type") == "page":
                yield True
        else:
            yield from page_marks(child, rendered)


def breaks_page_before(p) -> bool:
    """A paragraph set to start a new page (w:pageBreakBefore on the paragraph)."""
    mark = p.find(f"{W}pPr/{W}pageBreakBefore")
    return mark is not None and mark.get(f"{W}val", "true") not in ("false", "0", "off")


def section_page_breaks(body) -> set:
    """The paragraphs that end a section followed by one starting on a new page (a section
    break of type nextPage, oddPage or evenPage: the type is the next section's)."""
    ends = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}sectPr") is not None]
    props = [p.find(f"{W}pPr/{W}sectPr") for p in ends]
    final = body.find(f"{W}sectPr")
    if final is not None:
        props.append(final)
    out = set()
    for k, p in enumerate(ends):
        nxt = props[k + 1] if k + 1 < len(props) else None
        kind = nxt.find(f"{W}type") if nxt is not None else None
        if (kind.get(f"{W}val") if kind is not None else "nextPage") not in ("continuous", "nextColumn"):
            out.add(p)
    return out


def cell_text(tc) -> str:
    """A table cell's text, nested tables included (row by row, cells separated by " | ")."""
    lines: list[str] = []
    for block in blocks(tc):
        if block.kind == "p":
            lines.append(paragraph_text(block.element))
        else:
            for row in _rows(block.element):
                cells = [cell_text(c) for c in row.iterchildren(f"{W}tc")]
                lines.append(" | ".join(c for c in cells if c.strip()))
    return "\n".join(line.strip() for line in lines if line.strip())


def document_lines(document) -> list[str]:
    """Every line of text in a Word document's body, tables flattened, in order."""
    out: list[str] = []
    for block in blocks(document.element.body):
        if block.kind == "p":
            text = paragraph_text(block.element).strip()
            if text:
                out.append(text)
        else:
            for row in _rows(block.element):
                for tc in row.iterchildren(f"{W}tc"):
                    text = cell_text(tc)
                    if text:
                        out.append(text)
    return out


def _rows(tbl) -> Iterator:
    """A table's own rows (not those of tables nested in its cells), through content controls."""
    for child in tbl.iterchildren():
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _rows(child)


def _inside_fallback(node, stop) -> bool:
    """True when `node` sits in an mc:Fallback (a second copy of a text box, for old readers)."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{MC}Fallback":
            return True
        parent = parent.getparent()
    return False
