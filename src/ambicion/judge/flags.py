"""Decide the three flags: plain e-government, restated functions, not verifiable.

Plain e-government means digitising *without* opening anything to the public, so it cannot
coexist with an open-government lens. Restated functions names the closest function or
legal obligation when one is close.
"""

from __future__ import annotations

from typing import Mapping

from ..model import Evidence, Flag
from .evidence import evidence_for, snap
from .features import Features
from .messages import message

FUNCTION_EVIDENCE = 0.3  # cosine above which the closest function is shown as evidence


def decide(f: Features, probs: Mapping[str, float], thresholds: Mapping[str, float],
           open_gov_lens: bool) -> tuple[Flag, ...]:
    lang = f.lang
    egov_p = float(probs["e_government"])
    egov = egov_p >= thresholds.get("e_government", 0.5) and not open_gov_lens
    flags = [Flag("e_government", round(egov_p, 4), egov, evidence_for(f, "e_government"),
                  detail=message(lang, "flag.e_government") if egov else "")]

    rf_p = float(probs["restates_functions"])
    rf = rf_p >= thresholds.get("restates_functions", 0.5)
    evidence = list(evidence_for(f, "restates_functions"))
    detail = message(lang, "flag.restates_functions") if rf else ""
    matched = similarity = None
    if f.function is not None:
        matched, similarity = f.function.function, f.function.similarity
        if similarity >= FUNCTION_EVIDENCE:
            start, end = snap(f.text, f.function.start, f.function.end)
            evidence.append(Evidence(start, end, f.text[start:end], "function_similarity"))
    flags.append(Flag("restates_functions", round(rf_p, 4), rf,
                      tuple(sorted(evidence, key=lambda e: (e.start, e.end))), detail=detail,
                      matched_function=matched, similarity=similarity))

    nv_p = float(probs["not_verifiable"])
    nv = nv_p >= thresholds.get("not_verifiable", 0.5)
    flags.append(Flag("not_verifiable", round(nv_p, 4), nv, evidence_for(f, "not_verifiable"),
                      detail=message(lang, "flag.not_verifiable") if nv else ""))
    return tuple(flags)
