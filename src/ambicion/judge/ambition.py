"""Decide the ambition level (IRM potential for results) and say why, citing the text.

A commitment with neither the open-government lens nor a core value is never "substantial". With heads learnt
from real ratings, "unclear" means the text is too vague to judge (the three-level head's
reading), not merely that no value cleared its threshold.
"""

from __future__ import annotations

from typing import Mapping

from ..labels import VALUE_NAMES
from ..model import AmbitionLevel, Flag, ValueScore
from .evidence import first_quote
from .features import Features
from .messages import message
from .rules import AMBITION, PUSH_FAMILIES

CORE = ("access_to_information", "civic_participation", "public_accountability")

MAX_REASONS = 5


def decide(probs: Mapping[str, float], values: tuple[ValueScore, ...], lens: bool,
           thresholds: Mapping[str, float] | None = None,
           restated: bool = False, pushed: bool = True) -> tuple[AmbitionLevel, dict[str, float]]:
    """The level and its probabilities.

    With a "substantial" head (learnt from real ratings) P(substantial) comes from it and is
    compared with its calibrated threshold; the rest of the mass is shared between unclear
    (too vague to judge) and modest as the three-level head shares it. Substantial needs the
    lens or at least one core value.
    `restated` (every action is a function already in force, nothing beyond) means unclear:
    what the law already requires cannot be the ambition of a commitment.
    `pushed`: the text shows a cue that raises ambition (PUSH_FAMILIES); without one the head's
    "substantial" is not trusted (it would call vague one-liners substantial, and the reasons
    would have nothing to quote).
    """
    if "substantial" in probs:
        p_sub = float(probs["substantial"])
        u, m = float(probs["unclear"]), float(probs["modest"])
        share = u / (u + m) if u + m > 0 else 0.5
        rounded = {"unclear": round((1 - p_sub) * share, 4), "modest": round((1 - p_sub) * (1 - share), 4),
                   "substantial": round(p_sub, 4)}
        if restated:
            return "unclear", rounded
        # the lens is a noisy yes/no; a commitment with a core value is open enough to be rated
        rated = lens or any(v.present for v in values if v.code in CORE)
        if rated and pushed and p_sub >= (thresholds or {}).get("substantial", 0.5):
            return "substantial", rounded
        return ("unclear" if u > m else "modest"), rounded
    rounded = {a: round(float(probs[a]), 4) for a in AMBITION}
    if not lens or restated:
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
            out.extend(function_reasons(lang, rf))
        if lens:
            cite("reason.vague", "vague")
    if flag["restates_functions"].beyond:
        out.extend(function_reasons(lang, flag["restates_functions"]))
    # the probabilities stay in Assessment.ambition_probabilities: reasons are words for people
    return tuple(out[:MAX_REASONS])


def function_reasons(lang: str, rf: Flag) -> list[str]:
    """Why the restated-functions evidence matters for ambition: the functions, or what goes beyond."""
    if rf.present:
        return [message(lang, "reason.restates_function", function=c.function, reference=c.reference,
                        phrase=c.phrase) for c in rf.functions[:2]]
    if rf.beyond and rf.functions:
        from .flags import additions

        return [message(lang, "reason.beyond_functions", reference=rf.functions[0].reference,
                        additions=additions(lang, rf.beyond))]
    return []
