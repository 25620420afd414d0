"""The forum's written feedback on screened proposals: HTML, Markdown, XLSX or Word.

Why: OGP's co-creation guidance asks the multi-stakeholder forum to answer every proposal
in writing — which were adopted, which not, and why. For each proposal this gives its
values, ambition and warnings in words (confidence as high / medium / low, never a model
probability), the phrases each judgement rests on highlighted in the proposal's own text,
verifiability notes, suggestions, and — once the forum has decided — its decision and its
answer to the participant. Proposals are numbered as the forum sees them ("Propuesta 1");
the file they came from is named once, in the header. Proposal text is untrusted: it is
escaped in HTML and Markdown, kept as text in Word and neutralised in spreadsheets.

The API (also importable from `ambicion`), for the command line and the web desk alike::

    Proposal(assessment, commitment=None, source="", decision=None, answer="")
        decision: one of DECISIONS = ("adopted", "partly_adopted", "not_adopted") or None
    render_feedback(proposals, fmt, *, lang="es", title=None) -> bytes
        fmt: "html" | "md" | "xlsx" | "docx"; proposals: Proposals or bare Assessments,
        in the order the forum numbers them. HTML and Markdown are UTF-8 bytes.
    write_feedback(proposals, target, fmt=None, *, lang="es", title=None, inputs=()) -> Path
        writes atomically; fmt defaults to the target's suffix; refuses to write over a
        file in `inputs`.
    FEEDBACK_FORMATS: fmt -> (file suffix, media type), for downloads.
    decision_name(decision, lang) -> "Adoptada parcialmente" etc.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Iterable, Literal, Mapping, Sequence

from ..errors import OutputError
from ..io import atomic_path
from ..model import Assessment
from .cards import DECISIONS, Decision, Proposal, as_proposals, build_cards, source_names
from .wording import decision_name

FeedbackFormat = Literal["html", "md", "xlsx", "docx"]
FEEDBACK_FORMATS: Mapping[FeedbackFormat, tuple[str, str]] = {
    "html": (".html", "text/html; charset=utf-8"),
    "md": (".md", "text/markdown; charset=utf-8"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}

__all__ = ["Proposal", "Decision", "DECISIONS", "FeedbackFormat", "FEEDBACK_FORMATS",
           "render_feedback", "write_feedback", "decision_name"]


def render_feedback(proposals: Sequence[Proposal | Assessment], fmt: FeedbackFormat, *,
                    lang: str = "es", title: str | None = None) -> bytes:
    """The written feedback on `proposals` as the bytes of one HTML, Markdown, XLSX or Word file."""
    if fmt not in FEEDBACK_FORMATS:
        raise ValueError(f"unknown feedback format {fmt!r}; use html, md, xlsx or docx")
    if fmt in ("html", "md"):
        return _render_text(proposals, fmt, lang, title).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="ambicion-feedback-") as tmp:
        path = Path(tmp) / f"feedback{FEEDBACK_FORMATS[fmt][0]}"
        _write_binary(proposals, fmt, lang, title, path)
        return path.read_bytes()


def write_feedback(proposals: Sequence[Proposal | Assessment], target: str | Path,
                   fmt: FeedbackFormat | None = None, *, lang: str = "es", title: str | None = None,
                   inputs: Iterable[str | Path] = ()) -> Path:
    """Write the written feedback to `target` atomically (never over one of `inputs`)."""
    target = Path(target)
    if fmt is None:
        by_suffix = {suffix: name for name, (suffix, _) in FEEDBACK_FORMATS.items()}
        fmt = by_suffix.get(target.suffix.lower())
        if fmt is None:
            raise OutputError(target, "unknown feedback format; use .html, .md, .xlsx or .docx")
    if fmt not in FEEDBACK_FORMATS:
        raise OutputError(target, f"unknown feedback format {fmt!r}; use html, md, xlsx or docx")
    if lang not in ("es", "en"):
        raise OutputError(target, f"unknown language {lang!r}; use es or en")
    with atomic_path(target, inputs=list(inputs)) as tmp:
        if fmt in ("html", "md"):
            Path(tmp).write_text(_render_text(proposals, fmt, lang, title), encoding="utf-8")
        else:
            _write_binary(proposals, fmt, lang, title, Path(tmp))
    return target


def _render_text(proposals, fmt: str, lang: str, title: str | None) -> str:
    from ..version import __version__
    from .forum_html import feedback_html
    from .forum_md import feedback_markdown

    items = as_proposals(proposals)
    cards, sources = build_cards(items, lang), source_names(items)
    render = feedback_html if fmt == "html" else feedback_markdown
    return render(cards, sources, lang, __version__, title=title)


def _write_binary(proposals, fmt: str, lang: str, title: str | None, path: Path) -> None:
    from ..version import __version__

    items = as_proposals(proposals)
    cards, sources = build_cards(items, lang), source_names(items)
    if fmt == "xlsx":
        from .forum_xlsx import write_feedback_xlsx

        write_feedback_xlsx(cards, sources, lang, path, title=title)
    else:
        from .forum_docx import write_feedback_docx

        write_feedback_docx(cards, sources, lang, path, __version__, title=title)


# ---------------------------------------------------------------- first-version names
# Deprecated: kept so callers written against the first forum report keep working (with a
# DeprecationWarning); render_feedback / write_feedback also carry decisions and answers.

from .evidence import distinct_phrases, evidence_spans, segments  # noqa: E402,F401
from .forum_md import md_escape  # noqa: E402,F401


def _deprecated(old: str, new: str) -> None:
    import warnings

    warnings.warn(f"ambicion.report.forum.{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def forum_html(assessments: Sequence[Proposal | Assessment], lang: str = "es") -> str:
    """Deprecated: `render_feedback(proposals, "html", lang=...).decode()`."""
    _deprecated("forum_html", 'render_feedback(proposals, "html")')
    return _render_text(assessments, "html", lang, None)


def forum_markdown(assessments: Sequence[Proposal | Assessment], lang: str = "es") -> str:
    """Deprecated: `render_feedback(proposals, "md", lang=...).decode()`."""
    _deprecated("forum_markdown", 'render_feedback(proposals, "md")')
    return _render_text(assessments, "md", lang, None)


def write_forum_report(assessments: Sequence[Proposal | Assessment], target: str | Path,
                       fmt: FeedbackFormat, lang: str = "es",
                       inputs: Iterable[str | Path] = ()) -> None:
    """Deprecated: `write_feedback(proposals, target, fmt, lang=..., inputs=...)`."""
    _deprecated("write_forum_report", "write_feedback(proposals, target, fmt)")
    write_feedback(assessments, target, fmt, lang=lang, inputs=inputs)
