"""The body Word shows, made plain in the XML: hidden-font runs taken out, imported parts let in.

Why: two kinds of text are not what the document's XML seems to say. A run in hidden font
(`w:vanish`, set on the run or through its character or paragraph style) is stored like any
other, yet Word neither shows nor prints it — text a reader never saw, as a PDF's white or
size-0 text is, and left out for the same reason. An imported part (`w:altChunk`, how some
systems assemble a document from HTML or text pieces) holds text Word shows in its place but
that no paragraph of the body holds, so walking the body alone lost it without a word. Both
are settled once, on the opened document, so every reader after (drafts, plans, reviews,
function lists) walks the body Word would show.
"""

from __future__ import annotations

from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFF = ("false", "0", "off")
# the kinds of imported part whose text is read; others (a Word, RTF or MHT file) are named
_HTML = ("text/html", "application/xhtml+xml")
_PLAIN = ("text/plain",)
_BLOCKS = ("p", "div", "li", "tr", "br", "table", "ul", "ol", "blockquote", "pre", "section", "article",
           "h1", "h2", "h3", "h4", "h5", "h6")


def drop_hidden_runs(document) -> int:
    """Remove the body's runs in hidden font; how many characters of text they held."""
    hidden_styles = _hidden_styles(document)
    by_paragraph: dict[object, bool] = {}  # a paragraph's style hides its runs: looked up once
    dropped = 0
    body = document.element.body
    for run in list(body.iter(f"{W}r")):
        if not _hidden(run, hidden_styles, by_paragraph):
            continue
        dropped += sum(len(t.text or "") for t in run.iter(f"{W}t"))
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
    return dropped


def _flag(rpr) -> bool | None:
    """What an rPr says of hidden font: True, False (turned off), or None (nothing)."""
    if rpr is None:
        return None
    vanish = rpr.find(f"{W}vanish")
    if vanish is None:
        vanish = rpr.find(f"{W}specVanish")
    if vanish is None:
        return None
    return vanish.get(f"{W}val", "true").lower() not in _OFF


def _hidden_styles(document) -> dict[str, bool]:
    """Style id → whether the style (through the styles it is based on) sets hidden font."""
    out: dict[str, bool] = {}
    try:
        styles = list(document.styles)
    except Exception:  # a package without a styles part: nothing is hidden by style
        return out
    by_id = {s.style_id: s for s in styles}

    def hidden(style_id: str, depth: int = 0) -> bool:
        if style_id in out:
            return out[style_id]
        style = by_id.get(style_id)
        if style is None or depth > 20:  # unknown, or a loop of based-on styles
            return False
        own = _flag(style.element.find(f"{W}rPr"))
        base = style.element.find(f"{W}basedOn")
        found = own if own is not None else (
            hidden(base.get(f"{W}val", ""), depth + 1) if base is not None else False)
        out[style_id] = found
        return found

    for style_id in by_id:
        hidden(style_id)
    return out


def _hidden(run, hidden_styles: dict[str, bool], by_paragraph: dict[object, bool]) -> bool:
    """Whether a w:r is in hidden font: its own setting, else its character style's, else
    its paragraph style's."""
    rpr = _first(run, f"{W}rPr")
    own = _flag(rpr)
    if own is not None:
        return own
    if rpr is not None:
        char_style = rpr.find(f"{W}rStyle")
        if char_style is not None and hidden_styles.get(char_style.get(f"{W}val", "")):
            return True
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != f"{W}p":
        paragraph = paragraph.getparent()
    if paragraph is None:
        return False
    if paragraph not in by_paragraph:
        ppr = _first(paragraph, f"{W}pPr")
        para_style = ppr.find(f"{W}pStyle") if ppr is not None else None
        by_paragraph[paragraph] = bool(para_style is not None and hidden_styles.get(para_style.get(f"{W}val", "")))
    return by_paragraph[paragraph]


def _first(element, tag: str):
    """`element`'s first child when it has `tag` (properties come first: a run's rPr, a
    paragraph's pPr), else None; found without scanning the other children."""
    if len(element) and element[0].tag == tag:
        return element[0]
    return None


def bring_in_imported_parts(document, path: Path) -> list[str]:
    """Replace each `w:altChunk` of the body by paragraphs of its text (HTML or plain text);
    the content types of the parts that could not be read, one per part."""
    from docx.oxml import OxmlElement

    unread: list[str] = []
    for chunk in list(document.element.body.iter(f"{W}altChunk")):
        rid = chunk.get(f"{R}id", "")
        part = document.part.related_parts.get(rid) if rid else None
        lines = _chunk_lines(part, path) if part is not None else None
        parent = chunk.getparent()
        if lines is None:
            unread.append(getattr(part, "content_type", "") or "a missing part")
            if parent is not None:
                parent.remove(chunk)
            continue
        for line in lines:
            p = OxmlElement("w:p")
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
            p.append(r)
            chunk.addprevious(p)
        if parent is not None:
            parent.remove(chunk)
    return unread


def _chunk_lines(part, path: Path) -> list[str] | None:
    """The lines of text an imported part holds, or None for a kind not read."""
    kind = (getattr(part, "content_type", "") or "").split(";")[0].strip().lower()
    blob = part.blob
    if kind in _PLAIN:
        from ..errors import InputError
        from ..textcodec import decode_text

        try:
            text = decode_text(blob, path).text
        except InputError:  # not text after all: named as a part not read
            return None
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind in _HTML:
        return _html_lines(blob)
    return None


def _html_lines(blob: bytes) -> list[str]:
    """The text of an HTML part, a line per block (paragraph, list item, table row …)."""
    import lxml.html

    try:  # UTF-8 when the bytes are UTF-8 (lxml would take them for Latin-1 without a meta tag)
        blob.decode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    except UnicodeDecodeError:
        parser = None  # lxml reads the charset the part declares
    try:
        root = lxml.html.document_fromstring(blob, parser=parser)
    except Exception:  # not HTML after all (empty, binary): nothing to read
        return []
    for junk in root.xpath("//script | //style | //head | //template"):
        junk.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return [" ".join(line.split()) for line in root.text_content().splitlines() if line.strip()]
