"""What the feedback says about each proposal, worked out once for every output format.

Why: the HTML, Markdown, Word and spreadsheet feedback (and the web desk) must say the same
thing in the same words. A `Card` holds it all as plain text and highlight runs; each
renderer only lays it out. Nothing here escapes: that is the renderer's job, per format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal, Mapping, Sequence

from ..errors import valid_unicode
from ..model import Assessment, Commitment
from .evidence import Span, evidence_spans, label_phrases, segments
from .wording import (
    ambition_confidence, ambition_words, confidence_words, count_words, decision_name,
    flag_list, label_name, proposal_name, texts, value_list,
)

Decision = Literal["adopted", "partly_adopted", "not_adopted"]
DECISIONS: tuple[Decision, ...] = ("adopted", "partly_adopted", "not_adopted")

# the commitment's own fields, in the template's order; a draft's own order wins (see _field_order)
TEXT_FIELDS = ("problem", "what", "how", "description", "additional", "milestones")
_FIELD_ALIASES = {"deliverable": "additional", "start": "milestones", "end": "milestones"}


@dataclass(frozen=True)
class Proposal:
    """One proposal as the forum answers it: the judgement and, once taken, its decision.

    `commitment` (optional) lets the feedback show the responsible institution, the
    milestones with their dates and each field under its own heading, in the draft's order.
    `source` is the file it came from (shown once, in the document's header).
    """

    assessment: Assessment
    commitment: Commitment | None = None
    source: str = ""
    decision: Decision | None = None
    answer: str = ""

    def __post_init__(self) -> None:
        # the file name may hold undecodable bytes; every feedback format is UTF-8
        object.__setattr__(self, "source", valid_unicode(self.source))


@dataclass(frozen=True)
class Run:
    """A stretch of text and the labels whose evidence covers it (none: plain text)."""

    text: str
    kinds: tuple[str, ...] = ()  # "value" and/or "flag"
    labels: tuple[str, ...] = ()  # human names of the labels, for a tooltip or a legend


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    note: str = ""  # e.g. a milestone's dates


@dataclass(frozen=True)
class Field:
    label: str
    paragraphs: tuple[Paragraph, ...]
    listed: bool = False  # milestones: one list item per paragraph


@dataclass(frozen=True)
class EvidenceLine:
    label: str
    confidence: str
    phrases: tuple[str, ...]
    detail: str = ""
    function: str = ""  # the existing function the commitment restates, when one is close


@dataclass(frozen=True)
class Card:
    number: int
    heading: str  # "Propuesta 1"
    title: str
    values: str
    lens: str
    ambition: str  # "Sustancial (confianza media)"
    ambition_level: str
    ambition_confidence: str
    flags: str
    institutions: str
    milestones: str  # "2 hitos"; empty when the commitment is not known
    fields: tuple[Field, ...]
    evidence: tuple[EvidenceLine, ...]
    reasons: tuple[str, ...]
    verifiability: tuple[str, ...]
    suggestions: tuple[str, ...]
    decision: str
    answer: str
    source: str
    text: str  # the whole judged text, for the spreadsheet


def card_facts(c: Card, t: Mapping[str, str]) -> list[tuple[str, str]]:
    """The proposal's headline facts as (label, text): institutions, values, lens, ambition,
    flags and milestones, in the order every format prints them."""
    facts = [(t["values"], c.values), (t["lens"], c.lens), (t["ambition"], c.ambition),
             (t["flags"], c.flags)]
    if c.institutions:
        facts.insert(0, (t["institutions"], c.institutions))
    if c.milestones:
        facts.append((t["field_milestones"], c.milestones))
    return facts


def evidence_note(e: EvidenceLine, t: Mapping[str, str]) -> str:
    """What follows an evidence line's label: its confidence in words, the quoted phrases,
    the detail and the function it matches."""
    rest = f" ({e.confidence})" if e.confidence else ""
    rest += (": " + "; ".join(f"«{p}»" for p in e.phrases) + ".") if e.phrases else "."
    if e.detail:
        rest += f" {e.detail}"
    if e.function:
        rest += f" {t['matched_function']}: {e.function}."
    return rest


def as_proposals(items: Sequence[Proposal | Assessment]) -> list[Proposal]:
    """Accept bare assessments too (no decision recorded yet)."""
    return [p if isinstance(p, Proposal) else Proposal(p) for p in items]


def source_names(proposals: Sequence[Proposal]) -> list[str]:
    """The distinct file names the proposals came from, in order (no folders)."""
    names = [PurePath(p.source).name for p in proposals if p.source and p.source != "-"]
    return list(dict.fromkeys(names))


def build_cards(proposals: Sequence[Proposal], lang: str) -> list[Card]:
    return [card(i, p, lang) for i, p in enumerate(proposals, 1)]


def card(n: int, p: Proposal, lang: str) -> Card:
    """Everything the feedback says about proposal number `n`."""
    a, c, t = p.assessment, p.commitment, texts(lang)
    spans = evidence_spans(a)
    fields = _fields(a, c, spans, lang)
    return Card(
        number=n, heading=proposal_name(n, lang), title=" ".join((a.title or "").split()),
        values=value_list(a, lang), lens=t["yes"] if a.open_gov_lens else t["no"],
        ambition=ambition_words(a, lang), ambition_level=label_name("ambition", a.ambition, lang),
        ambition_confidence=ambition_confidence(a, lang), flags=flag_list(a, lang),
        institutions="; ".join(c.institutions) if c else "",
        milestones=count_words(len(c.milestones), "milestones", lang) if c and c.milestones else "",
        fields=fields,
        evidence=tuple(_evidence(a, spans, lang)),
        reasons=tuple(a.ambition_reasons), verifiability=tuple(a.verifiability),
        suggestions=tuple(a.suggestions),
        decision=decision_name(p.decision, lang), answer=p.answer.strip(),
        source=PurePath(p.source).name if p.source and p.source != "-" else "",
        text=_plain_text(fields, a.text),
    )


def _plain_text(fields: Sequence[Field], whole: str) -> str:
    """The proposal's text as one cell: each field under its heading, in the draft's order."""
    if len(fields) < 2:
        return whole
    def said(p: Paragraph) -> str:
        return "".join(r.text for r in p.runs).strip() + (f" ({p.note})" if p.note else "")
    parts = [f"{f.label}:\n" + "\n".join(f"- {said(p)}" for p in f.paragraphs) if f.listed
             else f"{f.label}: " + " ".join(said(p) for p in f.paragraphs) for f in fields]
    return "\n\n".join(parts)


# ---------------------------------------------------------------- text and highlights


def _runs(a: Assessment, spans: Sequence[Span], start: int, end: int) -> tuple[Run, ...]:
    """Highlight runs of a.text[start:end]; neighbours with the same labels merge."""
    out: list[Run] = []
    for chunk, covering in segments(a.text, spans, start, end):
        kinds = tuple(sorted({s.kind for s in covering}))
        labels = tuple(dict.fromkeys(label_name(s.kind, s.code, a.language) for s in covering))
        if out and (out[-1].kinds, out[-1].labels) == (kinds, labels):
            out[-1] = Run(out[-1].text + chunk, kinds, labels)
        else:
            out.append(Run(chunk, kinds, labels))
    return tuple(out)


def _field_order(c: Commitment) -> list[str]:
    """The draft's order of fields where the reader recorded it, then the template's.

    A PDF's fields come in reading order in `field_pages`; a Word or text draft has no pages,
    so its reader keeps the order in `field_order` instead.
    """
    p = c.provenance
    seen = (p.field_order or tuple(p.field_pages)) if p else ()
    order = [_FIELD_ALIASES.get(k, k) for k in seen]
    return list(dict.fromkeys([k for k in order if k in TEXT_FIELDS] + list(TEXT_FIELDS)))


def _fields(a: Assessment, c: Commitment | None, spans: Sequence[Span], lang: str) -> tuple[Field, ...]:
    """The commitment's fields under their headings, or the whole text under one heading.

    Offsets index the judged text, which is the commitment's fields joined in a fixed order;
    when the text is not that (judged from other words), it is shown whole.
    """
    t = texts(lang)
    whole = (Field(t["text_plain"], (Paragraph(_runs(a, spans, 0, len(a.text))),)),)
    if c is None or c.text != a.text:
        return whole
    parts = [("title", c.title), ("problem", c.problem), ("what", c.what), ("how", c.how),
             ("description", c.description), ("additional", c.additional)]
    parts += [("milestones", m.text) for m in c.milestones]
    located: dict[str, list[tuple[int, int]]] = {}
    pos = 0
    for code, value in parts:
        if value and value.strip():
            piece = value.strip()
            located.setdefault(code, []).append((pos, pos + len(piece)))
            pos += len(piece) + 1
    fields = []
    for code in _field_order(c):
        where = located.get(code)
        if not where:
            continue
        if code == "milestones":
            dated = [m for m in c.milestones if m.text and m.text.strip()]
            paras = tuple(Paragraph(_runs(a, spans, s, e), _dates(m.start, m.end))
                          for (s, e), m in zip(where, dated))
            fields.append(Field(t["field_milestones"], paras, listed=True))
        else:
            s, e = where[0]
            fields.append(Field(t[f"field_{code}"], (Paragraph(_runs(a, spans, s, e)),)))
    return tuple(fields) or whole


def _dates(start: str | None, end: str | None) -> str:
    return " – ".join(x.strip() for x in (start, end) if x and x.strip())


# ---------------------------------------------------------------- evidence


def _named(function: str, sentences) -> bool:
    """Whether a sentence already quotes the function (so the feedback names it once)."""
    name = " ".join(function.split())
    return any(f"«{name}»" in s or f'"{name}"' in s for s in sentences)


def _evidence(a: Assessment, spans: Sequence[Span], lang: str) -> list[EvidenceLine]:
    """One line per present value and flag: its confidence, its phrases, and why."""
    out = []
    for v in a.values:
        if v.present:
            out.append(EvidenceLine(label_name("value", v.code, lang), confidence_words(v.probability, lang),
                                    tuple(label_phrases(a.text, spans, "value", v.code))))
    covers = texts(lang)["covers"]
    for f in a.flags:
        if not f.present:
            continue
        function, detail = "", f.detail.strip()
        citations = tuple(getattr(f, "functions", ()) or ())
        if citations:  # the functions it restates, each with its article; the detail says the same
            detail = ""
            shown = [c for c in citations if not _named(c.function, a.ambition_reasons)]
            function = "; ".join(f"«{' '.join(c.function.split())}» ({c.reference}), {covers} «{c.phrase}»"
                                 for c in shown)
        elif f.matched_function and any(e.rule == "function_similarity" for e in f.evidence) \
                and not _named(f.matched_function, a.ambition_reasons):
            function = f"«{' '.join(f.matched_function.split())}»"  # printed once: here or in the reasons
        phrases = label_phrases(a.text, spans, "flag", f.code)
        out.append(EvidenceLine(label_name("flag", f.code, lang), confidence_words(f.probability, lang),
                                tuple(phrases), detail=detail, function=function))
    return out
