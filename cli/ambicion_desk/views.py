"""What a page shows of a proposal: labels in the forum's language, highlighted text, evidence.

Why a view layer: templates stay free of logic and of model numbers (the forum reads
"confianza alta", never a probability), and the highlighting reuses the forum report's own
evidence spans, so the desk and the written feedback point at the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ambicion import Proposal as FeedbackProposal
from ambicion.labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
from ambicion.model import Assessment
from ambicion.report.cards import Field, card as feedback_card
from ambicion.report.evidence import distinct_phrases

from .store import Proposal
from .texts import confidence_word, decision_label

# reasons that quote the model's probabilities ("… modesto 83 %") stay in JSON/CSV outputs;
# the forum reads the confidence in words instead
_PERCENT = re.compile(r"\d\s?%")


@dataclass(frozen=True)
class EvidenceLine:
    label: str
    kind: str
    phrases: tuple[str, ...]
    detail: str = ""
    function: str = ""


@dataclass(frozen=True)
class Card:
    """A proposal as a page shows it. `number` is its place in the round ("Propuesta 3"), as
    in the exported feedback; `key` names it in URLs and never changes, even after removals."""

    number: int
    key: int
    title: str
    source: str
    language: str
    values: tuple[str, ...]
    lens: bool
    ambition: str
    confidence: str
    flags: tuple[str, ...]
    fields: tuple[Field, ...]
    evidence: tuple[EvidenceLine, ...]
    reasons: tuple[str, ...]
    verifiability: tuple[str, ...]
    suggestions: tuple[str, ...]
    decision: str
    decision_label: str
    answer: str


def card(p: Proposal, number: int, lang: str) -> Card:
    """Everything a page shows of proposal `p`, the `number`-th of its round, in `lang`."""
    a = p.assessment
    return Card(
        number=number, key=p.number, title=_title(a), source=p.source, language=a.language,
        values=tuple(_name("value", c, lang) for c in a.value_codes), lens=a.open_gov_lens,
        ambition=AMBITION_NAMES.get(a.ambition, {}).get(lang, a.ambition),
        confidence=confidence_word((a.ambition_probabilities or {}).get(a.ambition), lang),
        flags=tuple(_name("flag", c, lang) for c in a.flag_codes),
        fields=fields(p, lang), evidence=evidence_lines(a, lang),
        reasons=tuple(r for r in a.ambition_reasons if not _PERCENT.search(r)),
        verifiability=tuple(a.verifiability),
        suggestions=tuple(a.suggestions), decision=p.decision or "",
        decision_label=decision_label(p.decision, lang), answer=p.answer)


def fields(p: Proposal, lang: str) -> tuple[Field, ...]:
    """The proposal's fields with their highlights, exactly as the written feedback shows them
    (the report's own cards: the same headings, order and highlighted words)."""
    return feedback_card(p.number, FeedbackProposal(p.assessment, p.commitment, p.source), lang).fields


def evidence_lines(a: Assessment, lang: str) -> tuple[EvidenceLine, ...]:
    """One line per present value and flag: its phrases (each once) and, for flags, why."""
    out = [EvidenceLine(_name("value", v.code, lang), "value", tuple(distinct_phrases(v.evidence)))
           for v in a.values if v.present]
    out += [EvidenceLine(_name("flag", f.code, lang), "flag", tuple(distinct_phrases(f.evidence)),
                         f.detail.strip(), f.matched_function or "")
            for f in a.flags if f.present]
    return tuple(out)


def _title(a: Assessment) -> str:
    return " ".join((a.title or a.text[:80]).split())


def _name(kind: str, code: str, lang: str) -> str:
    names = VALUE_NAMES if kind == "value" else FLAG_NAMES
    return names.get(code, {}).get(lang, code)
