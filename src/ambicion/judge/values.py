"""Decide the OGP values from blended probabilities, with the coherence rules of the IRM.

Technology and innovation counts only alongside one of the three core values; the
open-government lens is any core value.
"""

from __future__ import annotations

from typing import Mapping

from ..model import ValueScore
from .evidence import evidence_for
from .features import Features
from .rules import VALUE_LABELS

CORE = ("access_to_information", "civic_participation", "public_accountability")


def decide(f: Features, probs: Mapping[str, float], thresholds: Mapping[str, float]) -> tuple[ValueScore, ...]:
    present = {code: probs[code] >= thresholds.get(code, 0.5) for code in VALUE_LABELS}
    if not any(present[c] for c in CORE):
        present["technology_innovation"] = False
    return tuple(
        ValueScore(code=code, probability=round(float(probs[code]), 4), present=present[code],
                   evidence=evidence_for(f, code))
        for code in VALUE_LABELS
    )


def lens(values: tuple[ValueScore, ...]) -> bool:
    return any(v.present for v in values if v.code in CORE)
