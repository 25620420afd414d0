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
from .functions.decide import settings as function_settings
from .sections import inside

SLOPE = 2.4
VALUE_LABELS: tuple[ValueCode, ...] = ("access_to_information", "civic_participation", "public_accountability",
                                      "technology_innovation")
BINARY_LABELS = VALUE_LABELS + ("e_government", "restates_functions")
AMBITION: tuple[AmbitionLevel, ...] = ("unclear", "modest", "substantial")
SCORE_NAMES = BINARY_LABELS + tuple(f"ambition_{a}" for a in AMBITION)
# rule families whose cues raise ambition: the ones a "substantial" reason quotes. A
# "substantial" verdict needs one of them, so it always has a phrase to rest on.
PUSH_FAMILIES = ("binding", "institutionalise", "duty_to_respond", "scope_wide")
# a legal-restatement cue this strong says in so many words that the law in force asks it
# ("conforme a la Ley N.° …", "comply with its obligations under the Act")
DECLARED_WEIGHT = 1.0


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


def _beyond_any_law() -> frozenset[str]:
    """Families whose cues go beyond what a law in force asks, whichever law a text cites:
    the hard additions of the function decision and the cues that raise ambition."""
    cfg = function_settings()
    return frozenset(set(cfg["beyond"]) - set(cfg["soft"])) | frozenset(PUSH_FAMILIES)


def declared(f: Features) -> bool:
    """The commitment says in its own words that it does what a law in force asks, and adds
    nothing such a law would not: the IRM's reading of "unclear" (continuing a legal
    obligation), found without any list of functions.

    A cue inside the problem or background sections does not count (it describes the law,
    not the commitment); one hard addition anywhere outside them (a new binding rule, a duty
    to respond, sanctions, oversight, new open data, institutionalisation, wide scope) means
    the commitment goes beyond, and the verdict falls to the function evidence and the models.
    """
    if f.function and f.function.analysis and f.function.analysis.verdict == "beyond":
        return False
    ranges = f.context_ranges

    def own(m) -> bool:
        return not (ranges and inside(ranges, m.start_char, m.end_char))

    if not any(m.weight >= DECLARED_WEIGHT and own(m) for m in f.hits("legal_restatement")):
        return False
    hard = _beyond_any_law()
    return not any(m.family in hard and own(m) for m in f.matches)


def restates_law(f: Features) -> bool:
    """Restated functions or a declared legal obligation: either way the law already asks it."""
    return restated(f) or declared(f)


def ambition_scores(f: Features, values: Mapping[str, float], flags: Mapping[str, float]) -> dict[str, float]:
    s = f.sums
    core = max(values["access_to_information"], values["civic_participation"],
               values["public_accountability"])
    push = s["binding"] + s["institutionalise"] + 0.8 * s["duty_to_respond"] + 0.5 * s["scope_wide"]
    if core < 0.5 or restates_law(f):
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
