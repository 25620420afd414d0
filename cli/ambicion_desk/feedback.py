"""The round's written feedback as a file: HTML, Markdown, XLSX or Word, decisions included.

Why a thin adapter: the library's forum report (`ambicion.render_feedback`) already says,
per proposal, what the screening found and — given a `Proposal` with a decision and an
answer — what the forum decided and answered, in every format (the spreadsheet's
"Decisión del foro" and "Respuesta al participante" columns filled in). This module only
turns the round's stored proposals into those `Proposal`s and names the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Sequence

import ambicion
from ambicion import DECISIONS
from ambicion import Proposal as FeedbackProposal  # the library's; store.Proposal is the desk's row
from ambicion.report.forum import FEEDBACK_FORMATS

from . import store
from .texts import words

ExportFormat = Literal["html", "md", "xlsx", "docx"]
FORMATS: tuple[ExportFormat, ...] = ("html", "xlsx", "md", "docx")
MEDIA_TYPES = {fmt: FEEDBACK_FORMATS[fmt][1] for fmt in FORMATS}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Export:
    filename: str
    media_type: str
    data: bytes


def export(rnd: store.Round, proposals: Sequence[store.Proposal], fmt: ExportFormat, lang: str) -> Export:
    """The written feedback of round `rnd` with every proposal's decision and answer."""
    title = words(lang)["feedback_title"].format(round=rnd.name)
    data = _render([as_feedback(p) for p in proposals], fmt, lang, title)
    return Export(f"{_slug(rnd.name) or 'ronda'}-{rnd.id}.{fmt}", MEDIA_TYPES[fmt], data)


def xml_safe(text: str) -> str:
    """Drop control characters that Word and Excel files cannot hold (answers are stored so)."""
    return _XML_ILLEGAL.sub("", text)


def as_feedback(p: store.Proposal) -> FeedbackProposal:
    """A stored proposal as the library's feedback takes it (an unknown decision: pending)."""
    decision = p.decision if p.decision in DECISIONS else None
    return FeedbackProposal(p.assessment, p.commitment, p.source, decision, p.answer)


def _render(items: Sequence[FeedbackProposal], fmt: ExportFormat, lang: str, title: str) -> bytes:
    return ambicion.render_feedback(items, fmt, lang=lang, title=title)


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60]
