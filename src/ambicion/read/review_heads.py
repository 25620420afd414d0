"""How an IRM review names its commitments: headings, clusters, number lists and stars.

Kept in the reading model (not in the review readers) so the segmenter, the review readers
and `inspect` agree on what opens a rated commitment: "Compromiso 3: Título", "Commitments
4 and 5", "Cluster: … (Compromisos 3 y 4)", a ✪ by the title.
"""

from __future__ import annotations

import re
import unicodedata

from ..labels import IRM_STAR_WORDS, IRM_STARS

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
