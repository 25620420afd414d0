"""Does a commitment restate what its institution must already do? Compare it to its functions.

The user may give the institution's functions (its ROF/LOF as text, a file or a list); with
none, the general legal obligations of Peruvian entities shipped in
`data/legal_obligations_pe.json` are used. Each commitment sentence is compared with each
function item by TF-IDF cosine over content lemmas; the closest pair is reported.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InputError, MissingFileError
from ..nlp.components import token_view
from .linear import fit_tfidf

ITEM_START = re.compile(
    r"^\s*(?:[a-zñ]{1,2}\)|\(?\d{1,3}(?:\.\d{1,3})*[.)-]|art[íi]culo\s+\d+[°º.]?\s*[.:-]?|article\s+\d+[.:]?|[-•*·–])\s*",
    re.I)
SENTENCE = re.compile(r"[^.;:\n]+")
MIN_WORDS = 4


@dataclass(frozen=True)
class FunctionMatch:
    """The function item closest to a commitment sentence, and how close (cosine, 0–1)."""

    function: str
    similarity: float
    start: int
    end: int


def split_functions(text: str) -> list[str]:
    """Cut a functions text into items at "a)", "1.", "Artículo N", bullets; else by line."""
    items: list[str] = []
    current: list[str] = []
    marked = False
    for line in text.splitlines():
        if not line.strip():
            if current:
                items.append(" ".join(current))
                current = []
            continue
        m = ITEM_START.match(line)
        if m:
            marked = True
            if current:
                items.append(" ".join(current))
            current = [line[m.end():].strip()]
        elif current and marked:
            current.append(line.strip())
        else:
            if current:
                items.append(" ".join(current))
            current = [line.strip()]
    if current:
        items.append(" ".join(current))
    return [" ".join(i.split()) for i in items if len(i.split()) >= MIN_WORDS]


def read_functions_file(path: Path) -> str:
    """The text of a functions document (.txt/.md, .pdf or .docx)."""
    from ..io import detect_kind, read_text_file

    kind = detect_kind(path)
    if kind == "pdf":
        from ..pdf.pages import read_pages

        return "\n".join(line.text for page in read_pages(path) for line in page.lines)
    if kind == "docx":
        try:
            import docx

            document = docx.Document(str(path))
        except Exception as exc:
            raise InputError(path, f"not a readable Word file ({type(exc).__name__})") from None
        return "\n".join(p.text for p in document.paragraphs)
    if kind in ("text", "unknown"):
        return read_text_file(path, "give the functions as .txt, .md, .pdf or .docx")
    raise InputError(path, "functions must be a .txt, .md, .pdf or .docx file")


def function_items(functions: str | Path | Sequence[str]) -> tuple[str, ...]:
    """Normalise the `functions=` argument (text, path or list) to a tuple of items."""
    if isinstance(functions, Path):
        items = split_functions(read_functions_file(functions))
        source: str = str(functions)
    elif isinstance(functions, str):
        candidate = Path(functions) if "\n" not in functions and len(functions) < 1024 else None
        if candidate is not None and candidate.suffix.lower() in {".txt", ".md", ".pdf", ".docx"}:
            if not candidate.is_file():
                raise MissingFileError(candidate, "functions file not found")
            items = split_functions(read_functions_file(candidate))
            source = str(candidate)
        else:
            items = split_functions(functions)
            source = "functions text"
    else:
        items = [" ".join(str(f).split()) for f in functions if str(f).strip()]
        source = "functions list"
    if not items:
        raise InputError(source, "no function items found (expected lines, 'a)', '1.' or 'Artículo N')")
    return tuple(items)


@lru_cache(maxsize=1)
def legal_obligations() -> tuple[dict, ...]:
    data = json.loads(resources.files("ambicion").joinpath("data/legal_obligations_pe.json").read_text("utf-8"))
    return tuple(data["obligations"])


def default_items(lang: str) -> tuple[str, ...]:
    key = "en" if lang == "en" else "es"
    return tuple(o[key] for o in legal_obligations())


def content_lemmas(tokens) -> str:
    return " ".join(t.norm_ for t in tokens if t.is_alpha and not t.is_stop and len(t.text) > 2)


class FunctionIndex:
    """Function items of one language, vectorised once and compared with many commitments."""

    def __init__(self, items: Sequence[str], nlp: Language) -> None:
        self.items = tuple(items)
        lemmatizer = nlp.get_pipe("ambicion_lemmatizer")
        strings = [content_lemmas(lemmatizer(nlp.make_doc(item))) for item in self.items]
        # fitted without scikit-learn, whose import alone would double the judge's load time
        self.fast, self.matrix = fit_tfidf(strings)

    def best(self, doc: Doc) -> FunctionMatch | None:
        return self.best_many([doc])[0]

    def best_many(self, docs: Sequence[Doc],
                  contexts: Sequence[Sequence[tuple[int, int]]] | None = None,
                  texts: Sequence[str] | None = None) -> list[FunctionMatch | None]:
        """The closest (sentence, function) pair of each doc, computed in one batch.

        Sentences in context sections (the problem statement, the values claim) are skipped:
        a problem that quotes the law is not a commitment that restates it.
        """
        from .sections import context_ranges, inside

        owners: list[int] = []
        spans = []
        strings: list[str] = []
        if texts is None:  # each doc's text; Doc.text is rebuilt from the tokens on every read
            texts = [doc.text for doc in docs]
        for n, doc in enumerate(docs):
            view = token_view(doc)
            ranges = context_ranges(texts[n], contexts[n] if contexts else ())
            for m in SENTENCE.finditer(texts[n]):
                if ranges and inside(ranges, m.start(), m.end()):
                    continue
                lo = bisect_left(view.starts, m.start())
                hi = bisect_left(view.starts, m.end())
                lemmas = " ".join(view.norms[k] for k in range(lo, hi) if view.content[k])
                if lemmas.count(" ") >= 2:
                    owners.append(n)
                    spans.append((m.start(), m.end()))
                    strings.append(lemmas)
        out: list[FunctionMatch | None] = [None] * len(docs)
        if not strings:
            return out
        sims = (self.fast.transform(strings) @ self.matrix.T).toarray()
        best_j = sims.argmax(axis=1)
        best_s = sims[np.arange(len(strings)), best_j]
        for row, n in enumerate(owners):
            current = out[n]
            if current is None or best_s[row] > current.similarity:
                start, end = spans[row]
                text = texts[n][start:end]
                start += len(text) - len(text.lstrip())
                end -= len(text) - len(text.rstrip())
                out[n] = FunctionMatch(self.items[int(best_j[row])], round(float(best_s[row]), 4),
                                       start, end)
        return out
