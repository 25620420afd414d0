"""Function items as users have them: a ROF/LOF text, file or list cut into cited items.

Why keep each item's article, number and letter: a forum member told "this restates a
function" wants to open the ROF at the right place, so every item carries a citation such
as "ROF, art. 4, lit. b". The general obligations shipped in
`data/legal_obligations_pe.json` become items of the same kind, cited by their law.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from ...errors import InputError, MissingFileError

MIN_WORDS = 4
FUNCTION_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".pdf", ".docx"}

ARTICLE = re.compile(r"^\s*(?:art[íi]culo|art\.|article)\s*(\d{1,4}[a-z]?)\s*[°º]?\s*[.:\-–—]*\s*(.*)$", re.I)
ARTICLE_INSIDE = re.compile(r"(?<=\S)\s+(?=(?:art[íi]culo|article)\s+\d{1,4}\b)", re.I)
LETTER = re.compile(r"^\s*\(?([a-zñ]{1,2}|[A-ZÑ])\)\s*(.*)$")
LETTER_DOT = re.compile(r"^\s*([a-zñ])\.\s+(?=[A-ZÁÉÍÓÚÑ])(.*)$")
# "1.", "2)", "3.-", "4.1", "4.1.": a bare number ("30 días hábiles…") is a wrapped line, not an item
NUMBER = re.compile(r"^\s*\(?(\d{1,3}(?:\.\d{1,3})+|\d{1,3}(?=[.)\-–]))[.)\-–]*\s*(?=\S)(.*)$")
BULLET = re.compile(r"^\s*[-•*·–▪◦]\s+(.*)$")
HEADING = re.compile(r"^\s*(?:#|cap[íi]tulo\b|t[íi]tulo\b|secci[óo]n\b|subcap[íi]tulo\b|chapter\b|title\b|section\b)", re.I)
HEADER_REST = re.compile(r"^(?:(?:de\s+)?(?:las\s+|sus\s+)?funciones\b|son\s+funciones\b|functions\b|the\s+functions\b|objeto\b|finalidad\b)"
                         r"[^.]{0,120}$", re.I)
# "...; b) Dirigir ..." inside one extracted line: cut before each inline literal or number
INLINE = re.compile(r"(?<=[;:.])\s+(?=(?:\(?[a-zñ]{1,2}\)|\d{1,3}(?:\.\d{1,3})+\.?)\s+\S)")
LEADING_PUNCT = re.compile(r"^[\s.:;,)\-–—°º]+")
SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ])")


@dataclass(frozen=True)
class FunctionItem:
    """One listed function or legal obligation and where it stands in its source."""

    text: str
    reference: str  # e.g. "ROF, art. 4, lit. b" or "TUO de la Ley N° 27806, art. 11"
    source: str = ""  # the document or law it comes from
    general: bool = False  # a shipped general obligation rather than the user's own list


@dataclass
class _Position:
    article: str = ""
    number: str = ""
    letter: str = ""
    bullet: int = 0
    line: int = 0

    def reference(self, source: str) -> str:
        parts = [source] if source else []
        if self.article:
            parts.append(f"art. {self.article}")
        if self.number:
            parts.append(f"num. {self.number}")
        if self.letter:
            parts.append(f"lit. {self.letter}")
        if not (self.article or self.number or self.letter):
            parts.append(f"ítem {self.bullet or self.line}")
        elif self.bullet and not self.letter:
            parts.append(f"ítem {self.bullet}")
        return ", ".join(parts)


def _is_heading(line: str, caps_are_headings: bool = True) -> bool:
    text = line.strip()
    if HEADING.match(text) or text.endswith(":"):
        return True
    return caps_are_headings and _all_caps(text) and len(text.split()) <= 14


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def split_items(text: str, source: str = "") -> list[FunctionItem]:
    """Cut a functions text into items at articles, literals, numbers and bullets.

    Unmarked lines continue the item above them (PDF lines wrap); headings, "Son funciones
    de…:" lines and blank lines close it. A text with no markers at all is read one line
    (or, for long paragraphs, one sentence) per item.
    """
    lines = [piece for raw in text.splitlines() for piece in INLINE.split(raw)]
    filled = [x for x in lines if x.strip()]
    # a document typed all in capitals has no capitalised headings to tell apart
    caps = sum(_all_caps(x) for x in filled) * 2 <= len(filled)
    marked = any(ARTICLE.match(x) or LETTER.match(x) or LETTER_DOT.match(x) or NUMBER.match(x) or BULLET.match(x)
                 for x in lines)
    if not marked:
        return _unmarked(lines, source, caps)
    items: list[FunctionItem] = []
    pos = _Position()
    current: list[str] = []
    current_ref = ""

    def close() -> None:
        nonlocal current
        body = LEADING_PUNCT.sub("", " ".join(" ".join(current).split()))
        if len(body.split()) >= MIN_WORDS:
            items.append(FunctionItem(body, current_ref, source))
        current = []

    for line in lines:
        if not line.strip():
            close()
            continue
        article = ARTICLE.match(line)
        if article:
            close()
            pos = _Position(article=article.group(1).lower())
            rest = article.group(2).strip()
            if rest and not HEADER_REST.match(rest) and not rest.endswith(":") and len(rest.split()) >= MIN_WORDS:
                current, current_ref = [rest], pos.reference(source)
            continue
        letter = LETTER.match(line) or LETTER_DOT.match(line)
        number = None if letter else NUMBER.match(line)
        bullet = None if letter or number else BULLET.match(line)
        if letter:
            close()
            pos.letter, pos.bullet = letter.group(1).lower(), 0
            current, current_ref = [letter.group(2)], pos.reference(source)
        elif number:
            close()
            pos.number, pos.letter, pos.bullet = number.group(1), "", 0
            current, current_ref = [number.group(2)], pos.reference(source)
        elif bullet:
            close()
            pos.bullet += 1
            current, current_ref = [bullet.group(1)], pos.reference(source)
        elif _is_heading(line, caps):
            close()
        elif current:
            current.append(line.strip())
        elif not items and not pos.article:
            continue  # a title or preamble before the first article or item
        else:
            pos.line += 1
            current, current_ref = [line.strip()], _Position(article=pos.article, line=pos.line).reference(source)
    close()
    return items


def _unmarked(lines: Sequence[str], source: str, caps: bool = True) -> list[FunctionItem]:
    pieces: list[str] = []
    for line in lines:
        if not line.strip() or _is_heading(line, caps):
            continue
        if len(line.split()) > 60:
            pieces.extend(SENTENCE_END.split(line.strip()))
        else:
            pieces.append(line.strip())
    out: list[FunctionItem] = []
    for piece in pieces:
        body = " ".join(piece.split())
        if len(body.split()) >= MIN_WORDS:
            out.append(FunctionItem(body, _Position(line=len(out) + 1).reference(source), source))
    return out


def split_functions(text: str) -> list[str]:
    """The item texts of a functions text (see `split_items`)."""
    return [item.text for item in split_items(text)]


# ---------------------------------------------------------------- files


@lru_cache(maxsize=1)
def _source_names() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = json.loads(resources.files("ambicion").joinpath("data/function_sources.json").read_text("utf-8"))
    return tuple((re.compile(n["pattern"], re.I), n["name"]) for n in data["names"])


def source_name(text: str, fallback: str) -> str:
    """"ROF", "LOF"… when the document's opening lines say so, else `fallback`."""
    head = text[:1500]
    for pattern, name in _source_names():
        if pattern.search(head):
            return name
    return fallback


def read_functions_file(path: Path) -> str:
    """The text of a functions document (.txt/.md, .pdf or .docx), one line per block.

    PDF and Word go through the project's one reading model (`read.read_document`), so
    running headers, footers and footnotes never end up inside a function; list items keep
    their printed numbering ("a)", "4.1") and headings are marked so they close the item above
    them. A text file is read as written: its lines are its structure.
    """
    from ...io import detect_kind, read_text_file

    if detect_kind(path) in ("text", "unknown"):  # a text file's own lines are its structure
        return read_text_file(path, "give the functions as .txt, .md, .pdf or .docx")
    from ...read import read_document

    return document_lines(read_document(path))


def document_lines(document) -> str:
    """Blocks as the lines `split_items` reads: numbering first, headings as "# …", table rows."""
    lines: list[str] = []
    for block in document.blocks:
        kind = getattr(block, "kind", "")
        if kind == "heading":
            text = " ".join(block.text.split())
            lines.append(text if ARTICLE.match(text) else "# " + text)
        elif kind == "list_item":
            numbering = block.numbering.strip()
            lines.append(f"{numbering} {block.text.strip()}" if numbering not in ("", "•") else f"- {block.text.strip()}")
        elif kind == "table":
            for row in block.texts():
                cells: list[str] = []
                for cell in row:
                    if cell and cell.strip() and cell not in cells:  # merged cells repeat their text
                        cells.append(" ".join(cell.split()))
                if cells:
                    lines.append(" ".join(cells))
                    lines.append("")
        else:  # a paragraph may have swallowed an article heading: start it on its own line
            lines.extend(ARTICLE_INSIDE.sub("\n", block.text).splitlines() or [""])
    return "\n".join(lines)


def _items_of_file(path: Path) -> list[FunctionItem]:
    text = read_functions_file(path)
    items = split_items(text, source_name(text, path.stem))
    if not items:
        raise InputError(path, "no function items found (expected lines, 'a)', '1.' or 'Artículo N')")
    return items


def _as_path(value: object) -> Path | None:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and "\n" not in value and len(value) < 1024:
        candidate = Path(value)
        if candidate.suffix.lower() in FUNCTION_SUFFIXES:
            return candidate
    return None


def function_items(functions: str | Path | Sequence[str] | Sequence[Path] | Sequence[FunctionItem]
                   ) -> tuple[FunctionItem, ...]:
    """Normalise the `functions=` argument to cited items.

    Accepted: a functions text, a path (or a list of paths: one institution's ROF and LOF),
    a list of item strings (cited "ítem N" in the order given), or items already made.
    """
    if isinstance(functions, (list, tuple)) and functions and all(isinstance(f, FunctionItem) for f in functions):
        return tuple(functions)
    items: list[FunctionItem] = []
    if isinstance(functions, (str, Path)):
        path = _as_path(functions)
        if path is not None:
            if not path.is_file():
                raise MissingFileError(path, "functions file not found")
            items = _items_of_file(path)
            source: str = str(path)
        else:  # a str naming no functions file (every Path is one): the functions text itself
            text = str(functions)
            items = split_items(text, source_name(text, ""))
            source = "functions text"
    else:
        entries = list(functions)
        paths = [_as_path(e) for e in entries]
        if entries and all(p is not None for p in paths):
            for p in paths:
                assert p is not None
                if not p.is_file():
                    raise MissingFileError(p, "functions file not found")
                items.extend(_items_of_file(p))
        else:
            for n, entry in enumerate(e for e in entries if str(e).strip()):
                items.append(FunctionItem(" ".join(str(entry).split()), f"ítem {n + 1}"))
        source = "functions list"
    if not items:
        raise InputError(source, "no function items found (expected lines, 'a)', '1.' or 'Artículo N')")
    return tuple(items)


# ---------------------------------------------------------------- shipped obligations


@lru_cache(maxsize=1)
def legal_obligations() -> tuple[dict, ...]:
    """The general obligations of every Peruvian public entity, as shipped."""
    data = json.loads(resources.files("ambicion").joinpath("data/legal_obligations_pe.json").read_text("utf-8"))
    return tuple(data["obligations"])


def default_items(lang: str) -> tuple[FunctionItem, ...]:
    """The shipped obligations as items in `lang`, each cited by its law and article."""
    key = "en" if lang == "en" else "es"
    return tuple(FunctionItem(o[key], o[f"reference_{key}"], o["law"], general=True)
                 for o in legal_obligations())


def merged(user: Iterable[FunctionItem], lang: str) -> tuple[FunctionItem, ...]:
    """The user's items followed by the general obligations every entity also has."""
    own = tuple(user)
    texts = {i.text for i in own}
    return own + tuple(i for i in default_items(lang) if i.text not in texts)
