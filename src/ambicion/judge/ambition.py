"""Decide the ambition level (IRM potential for results) and say why, citing the text.

A commitment outside the open-government lens is never "substantial". With heads learnt
from real ratings, "unclear" means the text is too vague to judge (the three-level head's
reading), not merely that no value cleared its threshold.
"""

from __future__ import annotations

from typing import Mapping

from ..labels import VALUE_NAMES
from ..model import Flag, ValueScore
from .evidence import first_quote
from .features import Features
from .messages import message
from .rules import AMBITION

MAX_REASONS = 5


def decide(probs: Mapping[str, float], values: tuple[ValueScore, ...], lens: bool,
           thresholds: Mapping[str, float] | None = None) -> tuple[str, dict[str, float]]:
    """The level and its probabilities.

    With a "substantial" head (learnt from real ratings) P(substantial) comes from it and is
    compared with its calibrated threshold; the rest of the mass is shared between unclear
    (too vague to judge) and modest as the three-level head shares it. Substantial needs a lens.
    """
    if "substantial" in probs:
        p_sub = float(probs["substantial"])
        u, m = float(probs["unclear"]), float(probs["modest"])
        share = u / (u + m) if u + m > 0 else 0.5
        rounded = {"unclear": round((1 - p_sub) * share, 4), "modest": round((1 - p_sub) * (1 - share), 4),
                   "substantial": round(p_sub, 4)}
        if lens and p_sub >= (thresholds or {}).get("substantial", 0.5):
            return "substantial", rounded
        return ("unclear" if u > m else "modest"), rounded
    rounded = {a: round(float(probs[a]), 4) for a in AMBITION}
    if not lens:
        return "unclear", rounded
    level = max(AMBITION, key=lambda a: (rounded[a], -AMBITION.index(a)))
    return level, rounded


def reasons(f: Features, level: str, probs: Mapping[str, float], values: tuple[ValueScore, ...],
            flags: tuple[Flag, ...], lens: bool) -> tuple[str, ...]:
    lang = f.lang
    out: list[str] = []
    present = [v.code for v in values if v.present]
    flag = {fl.code: fl for fl in flags}

    def cite(key: str, *families: str) -> None:
        quote = first_quote(f, *families)
        if quote:
            out.append(message(lang, key, quote=quote))

    if not lens:
        if present:
            names = ", ".join(VALUE_NAMES[c][lang if lang in ("es", "en") else "es"] for c in present)
            out.append(message(lang, "reason.values_no_lens", values=names))
        else:
            out.append(message(lang, "reason.no_values"))
        if flag["e_government"].present:
            cite("reason.egov", "digitisation")
    else:
        names = ", ".join(VALUE_NAMES[c][lang if lang in ("es", "en") else "es"] for c in present)
        out.append(message(lang, "reason.values", values=names))
    if level == "substantial":
        cite("reason.binding", "binding")
        cite("reason.institutional", "institutionalise")
        cite("reason.duty", "duty_to_respond")
        cite("reason.scope", "scope_wide")
    elif level == "modest":
        cite("reason.standalone", "standalone")
        if not f.hits("binding", "institutionalise", "duty_to_respond"):
            out.append(message(lang, "reason.no_binding"))
    else:
        rf = flag["restates_functions"]
        if rf.present:
            cite("reason.restates", "legal_restatement", "routine", "continuity")
            if rf.matched_function and (rf.similarity or 0) >= 0.3:
                out.append(message(lang, "reason.restates_function", function=rf.matched_function))
        if lens:
            cite("reason.vague", "vague")
    # the probabilities stay in Assessment.ambition_probabilities: reasons are words for people
    return tuple(out[:MAX_REASONS])
