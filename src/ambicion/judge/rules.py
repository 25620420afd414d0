"""The rules-only judge: turn rule-family sums into probability-like scores for every label.

These scores are the rules-only baseline in the model card, a feature of the trained models,
and half of the final decision, so the judge stays sensible where training data is thin.
Each score is a logistic squash of weighted evidence minus counter-evidence; a single strong
phrase (weight 1) gives about 0.77, nothing gives about 0.23.
"""

from __future__ import annotations

import math
from typing import Mapping

from ..model import AmbitionLevel, ValueCode
from .features import Features

SLOPE = 2.4
VALUE_LABELS: tuple[ValueCode, ...] = ("access_to_information", "civic_participation", "public_accountability",
                                      "technology_innovation")
BINARY_LABELS = VALUE_LABELS + ("e_government", "restates_functions")
AMBITION: tuple[AmbitionLevel, ...] = ("unclear", "modest", "substantial")
SCORE_NAMES = BINARY_LABELS + tuple(f"ambition_{a}" for a in AMBITION)


def squash(evidence: float, center: float = 0.5) -> float:
    return 1.0 / (1.0 + math.exp(-SLOPE * (evidence - center)))


VALUE_CENTER = 0.65  # one weak phrase (weight < 0.65) is not enough on its own


def value_scores(s: Mapping[str, float]) -> dict[str, float]:
    ai = squash(s["disclosure"] + s["info_request"] + s["open_data"] - 0.7 * s["internal_info"], VALUE_CENTER)
    cp = squash(s["participation"] - 0.3 * s["one_way"], VALUE_CENTER)
    pa = squash(s["answerability"] + s["duty_to_respond"] + s["complaint"] + s["sanction"]
                + s["declaration"] + s["oversight"] - 0.6 * s["internal_control"], VALUE_CENTER)
    core = max(ai, cp, pa)
    # one passing mention of a website is not "technology for openness"; open data is
    ti = squash(min(s["technology"], 2.0) + 2.0 * s["open_data"], center=1.0) * core
    return {"access_to_information": ai, "civic_participation": cp, "public_accountability": pa,
            "technology_innovation": ti}


def flag_scores(f: Features, values: Mapping[str, float]) -> dict[str, float]:
    s = f.sums
    core = max(values["access_to_information"], values["civic_participation"],
               values["public_accountability"])
    # digitising, platforms and internal data flows, damped by any sign of a public-facing value
    egov = (squash(s["digitisation"] + 0.6 * s["technology"] + s["internal_info"], center=0.8)
            * math.sqrt(1.0 - core))
    restates = squash(s["legal_restatement"] + s["routine"] + 0.8 * s["continuity"]
                      - s["binding"] - 0.5 * s["institutionalise"]
                      + function_evidence(f), center=1.2)
    return {"e_government": egov, "restates_functions": restates,
            "not_verifiable": f.verif.probability()}


# how much the function verdict (judge/functions/decide.py) adds to the restatement evidence:
# covered phrases outweigh any cue phrase, going beyond outweighs a cue phrase too
VERDICT_WEIGHT = {"restated": 2.4, "partial": 0.6, "beyond": -1.5, "none": 0.0}
CLOSEST_WEIGHT = 1.0  # what the closest function adds without a full verdict (chosen on the training split)


def function_evidence(f: Features) -> float:
    """Restatement evidence from the listed functions, scaled by the share of actions covered."""
    analysis = f.function.analysis if f.function else None
    if analysis is None:
        return 0.0
    weight = VERDICT_WEIGHT[analysis.verdict]
    if weight < 0:
        return weight
    evidence = weight * analysis.share
    best = analysis.best  # a close function for some phrase, even when not all are covered
    if best is not None and best.shared >= 2 and best.objects >= 1:
        evidence += CLOSEST_WEIGHT * max(0.0, best.similarity - 0.5)
    return evidence


def restated(f: Features) -> bool:
    """The function evidence says the commitment only restates functions already in force."""
    return bool(f.function and f.function.analysis and f.function.analysis.verdict == "restated")


def ambition_scores(f: Features, values: Mapping[str, float], flags: Mapping[str, float]) -> dict[str, float]:
    s = f.sums
    core = max(values["access_to_information"], values["civic_participation"],
               values["public_accountability"])
    push = s["binding"] + s["institutionalise"] + 0.8 * s["duty_to_respond"] + 0.5 * s["scope_wide"]
    if core < 0.5 or restated(f):
        probs = (0.8, 0.15, 0.05)
    elif flags["restates_functions"] >= 0.5 and s["binding"] < 0.5:
        probs = (0.6, 0.3, 0.1)
    elif push >= 1.0:
        probs = (0.05, 0.3, 0.65)
    elif push >= 0.6:
        probs = (0.1, 0.5, 0.4)
    else:
        probs = (0.15, 0.65, 0.2)
    return dict(zip(AMBITION, probs))


def lens_score(scores: Mapping[str, float]) -> float:
    """The rules' lens: the strongest of the three core values."""
    return max(scores["access_to_information"], scores["civic_participation"],
               scores["public_accountability"])


def all_scores(f: Features) -> dict[str, float]:
    """Every rule score, keyed by SCORE_NAMES."""
    values = value_scores(f.sums)
    flags = flag_scores(f, values)
    amb = ambition_scores(f, values, flags)
    out = {**values, "e_government": flags["e_government"],
           "restates_functions": flags["restates_functions"]}
    out.update({f"ambition_{k}": v for k, v in amb.items()})
    out["not_verifiable"] = flags["not_verifiable"]
    return out
