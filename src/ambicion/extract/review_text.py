"""Small text helpers shared by the IRM review readers: number lists, headings, label matching.

Kept apart so the current (key–value) and older (tick table) readers agree on what a
commitment heading and a list of commitment numbers look like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from ..labels import IRM_STAR_WORDS, IRM_STARS
from ..pdf.pages import Page

_NUM = r"\d{1,3}(?:\.\d{1,2})?"
_JOINER = r"(?:\s*(?:,|;|&|\by\b|\be\b|\band\b|–|—|-|\bal\b|\bto\b|\ba\b)\s*)"
NUMBER_LIST = rf"{_NUM}(?:{_JOINER}{_NUM})*"

_STAR_CLASS = "[" + "".join(sorted(IRM_STARS)) + "]"

# "Compromiso 3: Título", "Compromisos 3, 4 y 5: ...", "✪ Commitment 2. Title", "Compromiso N° 7 – ..."
HEADING = re.compile(
    rf"^\s*(?:{_STAR_CLASS}\s*)?(?:compromisos?|commitments?)\s*(?:n\s*[°º.o]+\s*|nro\.?\s*|no\.\s*|#\s*)?"
    rf"(?P<nums>{NUMBER_LIST})\s*(?:(?:[:.)–—]|-(?=\s))\s*(?P<title>.*?))?\s*(?P<star>{_STAR_CLASS})?\s*$",
    re.I,
)
# "Cluster: Open contracting (Commitments 3 and 4)", "Grupo: ...", "Clúster 2: ..."
CLUSTER_HEADING = re.compile(r"^\s*(?:cl[uú]ster|grupo|agrupaci[oó]n)\s*(?:\d+\s*)?[:.–—-]\s*(?P<title>.+)$", re.I)
# "(Compromisos 3, 4 y 5)" inside a cluster heading or the sentence that announces a cluster
NUMBERS_MENTION = re.compile(rf"(?:compromisos?|commitments?)\s*(?:n\s*[°º.o]+\s*)?(?P<nums>{NUMBER_LIST})", re.I)
# "Compromiso estelar", "starred commitments": a report that names stars at all
STAR_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in IRM_STAR_WORDS) + r")\b", re.I)
CLUSTER_SENTENCE = re.compile(r"\b(agrupa|agrupan|agrupado|agrupados|combina|clustered|groups|grouped|cluster)\b", re.I)


def parse_numbers(text: str) -> tuple[str, ...]:
    """"3, 4 y 5" -> ("3", "4", "5"); "3-5" or "3 al 5" -> ("3", "4", "5"). Order kept, no repeats."""
    out: list[str] = []
    tokens = re.findall(rf"{_NUM}|–|—|-|\bal\b|\bto\b|\ba\b", text, flags=re.I)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if re.fullmatch(_NUM, tok):
            if (i + 2 < len(tokens) and tokens[i + 1].lower() in {"–", "—", "-", "al", "to", "a"}
                    and re.fullmatch(r"\d+", tokens[i + 2]) and tok.isdigit()
                    and 0 < int(tokens[i + 2]) - int(tok) < 30):
                out.extend(str(n) for n in range(int(tok), int(tokens[i + 2]) + 1))
                i += 3
                continue
            out.append(normalize_number(tok))
        i += 1
    seen: list[str] = []
    for n in out:
        if n not in seen:
            seen.append(n)
    return tuple(seen)


def normalize_number(text: str) -> str:
    """"03" -> "3", "2.1" stays, "N° 4" -> "4": the key numbers are compared on."""
    m = re.search(_NUM, text)
    if not m:
        return text.strip()
    parts = m.group(0).split(".")
    return ".".join(str(int(p)) for p in parts if p)


def has_star(text: str) -> bool:
    return any(s in text for s in IRM_STARS)


def strip_stars(text: str) -> str:
    return " ".join(re.sub(_STAR_CLASS, " ", text).split())


def fold_aligned(text: str) -> str:
    """Like labels.fold, but one output character per input character so offsets carry over."""
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


@dataclass(frozen=True)
class TextLine:
    """A line of the document in reading order, whether it came from the page or a table row."""

    text: str
    page: int
    size: float = 0.0
    bold: bool = False
    from_table: bool = False
    cells: int = 0  # non-empty cells of the table row this line came from
    same_cell: bool = False  # a further line of the one-cell row the line before came from


def line_stream(pages: Iterable[Page], rated_cell: Callable[[str], bool] | None = None) -> list[TextLine]:
    """All lines of all pages in reading order; table rows become "label value" lines.

    A key–value annex is sometimes typeset as a two-column table, so rows are flattened
    into lines at the table's position on the page; a row of one cell (a framed summary
    box) gives one line per rating it holds, and a row of which two or more cells each hold
    a rating ("Verificable: Sí | Potencial de resultados: Modesto", told by `rated_cell`)
    gives one line per cell.
    """
    out: list[TextLine] = []
    for page in pages:
        items: list[tuple[float, int, TextLine]] = []
        for i, line in enumerate(page.lines):
            items.append((line.top, i, TextLine(" ".join(line.text.split()), page.number, line.size,
                                                line.bold)))
        for t_i, table in enumerate(page.tables):
            for r_i, row in enumerate(table.rows):
                filled = [c for c in row if c and c.text.strip()]
                texts = [" ".join(c.text.split()) for c in filled]
                if len(filled) == 1:  # a summary box: one cell holding a line per rating
                    parts = [" ".join(ln.split()) for ln in filled[0].text.splitlines() if ln.strip()]
                elif rated_cell is not None and sum(1 for t in texts if rated_cell(t)) >= 2:
                    parts = texts
                else:
                    parts = [" ".join(" ".join(c.text.split()) for c in filled)] if filled else []
                for l_i, text in enumerate(parts):
                    items.append((table.top + r_i * 0.01 + l_i * 0.0001, 10_000 + t_i * 1000 + r_i,
                                  TextLine(text, page.number, 0.0, False, True, len(filled), l_i > 0)))
        items.sort(key=lambda x: (x[0], x[1]))
        out.extend(item for _, _, item in items)
    return out
