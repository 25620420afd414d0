"""Turn a processed Doc into what the judge decides on: rule hits, sums, a masked text, numbers.

The same features feed the rules-only judge, the trained models and the evidence, so training
and judging can never drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from spacy.tokens import Doc

from ..lang import language_code
from ..model import Language, Milestone
from ..nlp.components import RuleMatch
from ..nlp.masking import masked_lemmas
from .functions import FunctionIndex, FunctionMatch
from .names import cited_norm_ranges, name_ranges
from .process import claim_ranges, follow_up_ranges
from .sections import Spans, context_ranges, context_weight, inside
from .verifiability import Verifiability, analyse

FAMILIES: tuple[str, ...] = (
    "disclosure", "open_data", "info_request", "internal_info",
    "participation", "one_way",
    "answerability", "duty_to_respond", "complaint", "sanction", "declaration", "oversight",
    "internal_control", "technology", "digitisation",
    "continuity", "legal_restatement", "routine",
    "binding", "institutionalise", "scope_wide", "standalone", "vague",
)

# which rule families count as evidence for which label
EVIDENCE_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "access_to_information": ("disclosure", "open_data", "info_request"),
    "civic_participation": ("participation",),
    "public_accountability": ("answerability", "duty_to_respond", "complaint", "sanction",
                              "declaration", "oversight"),
    "technology_innovation": ("technology", "open_data"),
    "e_government": ("digitisation",),
    "restates_functions": ("legal_restatement", "routine", "continuity"),
    "not_verifiable": ("vague",),
}


@dataclass(frozen=True)
class Features:
    lang: Language
    text: str
    matches: tuple[RuleMatch, ...]
    sums: Mapping[str, float]
    masked: str
    function: FunctionMatch | None
    verif: Verifiability
    n_tokens: int
    # the same families counted only inside context sections (problem, background, the plan's
    # own claims): the trained models learn how much such cues say, instead of a fixed damping
    context_sums: Mapping[str, float] | None = None
    context_ranges: tuple[tuple[int, int], ...] = ()
    # masked lemmas outside the context sections: filled only when training (learn/extra.py), for
    # a model input tried on real ratings; the judge itself never reads it
    masked_action: str | None = None

    @property
    def context_share(self) -> float:
        """Share of the text's characters inside context sections (0 when none are found)."""
        if not self.context_ranges or not self.text:
            return 0.0
        return min(1.0, sum(e - s for s, e in self.context_ranges) / len(self.text))

    def hits(self, *families: str) -> list[RuleMatch]:
        return [m for m in self.matches if m.family in families]


_UNSET = object()


def extract(doc: Doc, lang: str, functions: FunctionIndex | None,
            milestones: Sequence[Milestone] = (), function_match=_UNSET,
            context: Sequence[tuple[int, int]] = (), text: str | None = None,
            sections: tuple[tuple[int, int], ...] | None = None) -> Features:
    """`sections`: `context_ranges(text, context)` when the caller found them already."""
    if text is None:  # `doc.text`, given by callers that have it: it is rebuilt on every read
        text = doc.text
    matches = kept_matches(doc._.ambicion_matches, text)
    if sections is None:
        sections = context_ranges(text, context)
    ranges = tuple(sorted(sections + claim_ranges(text)))
    damp = context_weight()
    sums = {f: 0.0 for f in FAMILIES}
    in_context = {f: 0.0 for f in FAMILIES}
    for m in matches:
        if m.family in sums:
            if ranges and inside(ranges, m.start_char, m.end_char):
                sums[m.family] += m.weight * damp
                in_context[m.family] += m.weight
            else:
                sums[m.family] += m.weight
    return Features(
        lang=language_code(lang), text=text, matches=matches, sums=sums, masked=masked_lemmas(doc),
        function=(function_match if function_match is not _UNSET
                  else functions.best(doc) if functions is not None else None),
        verif=analyse(text, matches, milestones), n_tokens=len(doc), context_sums=in_context,
        context_ranges=ranges,
    )


# value cues inside a law's or a body's name are not evidence (names.py); binding and
# restatement cues are ("modificar la Ley N.° …" still changes a law)
NAME_BLIND = frozenset({"disclosure", "open_data", "info_request", "participation", "answerability",
                        "duty_to_respond", "complaint", "sanction", "declaration", "oversight",
                        "technology", "one_way", "internal_info", "internal_control"})


def kept_matches(matches, text: str) -> tuple[RuleMatch, ...]:
    """Rule hits minus those inside plan follow-up sentences, (for value cues) inside names,
    and (for binding cues) ending in the citation of a norm already approved."""
    follow = Spans.of(follow_up_ranges(text))
    names = Spans.of(name_ranges(text))
    cited = Spans.of(cited_norm_ranges(text))
    if not follow and not names and not cited:
        return tuple(matches)
    return tuple(m for m in matches
                 if not (follow and follow.hold(m.start_char, m.end_char))
                 and not (names and m.family in NAME_BLIND and names.hold(m.start_char, m.end_char))
                 # a binding cue resting on the cited norm ("la ordenanza aprobada por Ordenanza N.° 3")
                 and not (cited and m.family == "binding" and cited.hold(m.end_char - 1, m.end_char)))


def feature_names(score_names: Sequence[str]) -> list[str]:
    return ([f"rule:{f}" for f in FAMILIES] + [f"score:{s}" for s in score_names]
            + ["function_similarity", "dated", "measurable", "milestones", "log_tokens", "lang_en"]
            + [f"context:{f}" for f in FAMILIES] + ["context_share"])


def numeric_vector(f: Features, scores: Mapping[str, float], score_names: Sequence[str]) -> np.ndarray:
    """The dense part of a model input: log counts of rule families, rule scores, structure."""
    values = [math.log1p(f.sums[fam]) for fam in FAMILIES]
    values += [scores[s] for s in score_names]
    values += [
        f.function.similarity if f.function else 0.0,
        1.0 if f.verif.dated else 0.0,
        1.0 if f.verif.is_measurable else 0.0,
        math.log1p(f.verif.milestones),
        math.log1p(f.n_tokens) / 6.0,
        1.0 if f.lang == "en" else 0.0,
    ]
    ctx = f.context_sums or {}
    values += [math.log1p(ctx.get(fam, 0.0)) for fam in FAMILIES]
    values.append(f.context_share)
    return np.asarray(values, dtype=np.float64)
