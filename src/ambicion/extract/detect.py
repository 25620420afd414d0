"""Tell an action plan from an IRM review by its first pages, cheaply.

Only the first three pages' text is read (pypdfium2, no layout analysis), so `--kind auto`
costs little on large batches. Plans often cite the IRM in their introduction, so a bare
mention of the IRM is weak evidence; a review's cover names its report kind ("Revisión del
plan de acción", "Progress Report" …), and a plan shows the template's field labels.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..io import require_pdf
from ..labels import IRM_REPORT_KINDS, fold
from ..pdf.drawing import check_first_pages
from ..pdf.guards import check_streams

DocumentKind = Literal["plan", "review"]

# Weighted, folded markers; the review side's report names carry most weight on page one.
_REVIEW_STRONG = tuple(IRM_REPORT_KINDS)
_REVIEW_WEAK = ("mecanismo de revision independiente", "independent reporting mechanism",
                "investigador del mri", "irm researcher", "potencial de resultados",
                "potential for results", "compromiso prometedor", "promising commitment",
                "compromisos estelares", "starred commitment", "impacto potencial", "potential impact")
_REVIEW_ACRONYM = re.compile(r"\b(irm|mri)\b")
_PLAN_MARKERS = ("nombre del compromiso", "descripcion del compromiso",
                 "institucion o actor responsable", "entidad responsable", "fecha de inicio y termino",
                 "cual es la problematica", "cual es el compromiso", "como contribuira",
                 "informacion adicional", "hitos", "otros actores involucrados",
                 "lead implementing agency", "commitment description", "what is the commitment",
                 "milestone activity", "other actors involved", "start and end date")
_PLAN_TITLE = re.compile(r"\b(?:plan de accion|action plan)\b")
_REVIEW_TITLE_BEFORE = re.compile(r"(?:revision del|review of the|informe sobre el)\s*$")
_COVER_CHARS = 400


def guess_document_kind(path: str | Path, pages: int = 3) -> DocumentKind:
    """"review" when the first pages read like an IRM report, else "plan".

    Raises InputError for files that are missing, not PDFs, damaged or encrypted.
    """
    texts = _first_pages_text(Path(path), pages)
    return kind_from_text(texts)


def kind_from_text(page_texts: list[str]) -> DocumentKind:
    """The decision on already-extracted page texts (first page first)."""
    review = plan = 0.0
    for i, raw in enumerate(page_texts):
        text = fold(raw)
        head = text[:_COVER_CHARS]
        if i == 0 and any(m in head for m in _REVIEW_STRONG):
            review += 8  # the cover names the report kind
        review += 2 * sum(1 for m in _REVIEW_STRONG if m in text)
        review += min(4, sum(text.count(m) for m in _REVIEW_WEAK))
        review += 0.5 * min(2, len(_REVIEW_ACRONYM.findall(text)))
        plan += min(8, sum(text.count(m) for m in _PLAN_MARKERS))
        if i == 0:
            for m in _PLAN_TITLE.finditer(head):
                if not _REVIEW_TITLE_BEFORE.search(head[:m.start()]):
                    plan += 4  # "Plan de Acción de Gobierno Abierto" on the cover
                    break
    return "review" if review > plan else "plan"


def _first_pages_text(path: Path, pages: int) -> list[str]:
    import pypdfium2 as pdfium

    require_pdf(path)  # same wording as the page reader, so messages agree
    check_streams(path)  # pdfium would inflate a decompression bomb as readily as pdfminer
    check_first_pages(path, pages)  # and draw a form that draws itself forty times over
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "the PDF is password-protected; remove the password and try again") from None
        raise InputError(path, "not a readable PDF (damaged, truncated or not a PDF at all)") from None
    try:
        out = []
        for i in range(min(pages, len(doc))):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                out.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
        return out
    except pdfium.PdfiumError:
        raise InputError(path, "not a readable PDF (a page could not be read)") from None
    finally:
        doc.close()
