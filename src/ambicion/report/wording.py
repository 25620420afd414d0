"""How the forum's feedback says things: its phrases, label names, counts and confidence in words.

Why: a forum answers participants in writing, so the feedback must read as Spanish (or
English) prose — "1 hito", "4 hitos", "Alertas: ninguna", "confianza alta" — and never show
a raw model probability. The phrases live in data/forum_text.json and the confidence cut
points in data/confidence.json (with a note on where they come from); the numbers
themselves stay in the JSON and CSV outputs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Literal, Mapping

from ..labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
from ..model import Assessment

Confidence = Literal["high", "medium", "low"]
LANGS = ("es", "en")


def _data(name: str) -> dict:
    return json.loads(resources.files("ambicion").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def _texts() -> Mapping[str, Mapping[str, str]]:
    return _data("forum_text.json")


@lru_cache(maxsize=1)
def confidence_thresholds() -> tuple[float, float]:
    """(high, medium): the probabilities at or above which confidence is high, or medium."""
    data = _data("confidence.json")
    return float(data["high"]), float(data["medium"])


def texts(lang: str) -> Mapping[str, str]:
    """The feedback's phrases in `lang` ("es" or "en"; anything else reads as Spanish)."""
    return _texts()["en" if lang == "en" else "es"]


def count_words(n: int, key: str, lang: str) -> str:
    """"1 hito" / "4 hitos": the phrase `key` in the singular or plural form for `n`."""
    t = texts(lang)
    return t[f"{key}_one" if n == 1 else f"{key}_other"].format(count=n)


def confidence(probability: float | None) -> Confidence | None:
    """The model's probability for what it chose, as high / medium / low (None if unknown)."""
    if not isinstance(probability, (int, float)) or probability != probability:
        return None
    high, medium = confidence_thresholds()
    return "high" if probability >= high else "medium" if probability >= medium else "low"


def confidence_words(probability: float | None, lang: str) -> str:
    """"confianza alta" / "high confidence"; empty when the probability is unknown."""
    level = confidence(probability)
    return texts(lang)[f"confidence_{level}"] if level else ""


def label_name(kind: str, code: str, lang: str) -> str:
    """The human name of a value, flag or ambition code."""
    names = {"value": VALUE_NAMES, "flag": FLAG_NAMES, "ambition": AMBITION_NAMES}[kind]
    return names.get(code, {}).get("en" if lang == "en" else "es", code)


def value_list(a: Assessment, lang: str) -> str:
    """The present values by name, or "ninguno"."""
    return ", ".join(label_name("value", c, lang) for c in a.value_codes) or texts(lang)["none_values"]


def flag_list(a: Assessment, lang: str) -> str:
    """The raised flags by name, or "ninguna"."""
    return ", ".join(label_name("flag", c, lang) for c in a.flag_codes) or texts(lang)["none_flags"]


def ambition_words(a: Assessment, lang: str) -> str:
    """"Sustancial (confianza media)": the level and how sure the model is, without numbers."""
    name = label_name("ambition", a.ambition, lang)
    words = confidence_words((a.ambition_probabilities or {}).get(a.ambition), lang)
    return f"{name} ({words})" if words else name


def ambition_confidence(a: Assessment, lang: str) -> str:
    return confidence_words((a.ambition_probabilities or {}).get(a.ambition), lang)


def proposal_name(n: int, lang: str) -> str:
    """"Propuesta 3": proposals are numbered as the forum sees them, not by internal ids."""
    return texts(lang)["proposal"].format(n=n)


def decision_name(decision: str | None, lang: str) -> str:
    """The forum's decision in words ("Adoptada parcialmente"); empty when none was recorded."""
    if not decision:
        return ""
    return texts(lang).get(f"decision_{decision}", decision)
