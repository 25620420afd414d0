"""The desk's words in Spanish and English, and the forum's three decisions (data/desk_text.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

LANGS = ("es", "en")
DEFAULT_LANG = "es"


@lru_cache(maxsize=1)
def _data() -> Mapping[str, Any]:
    raw = resources.files("ambicion_desk").joinpath("data/desk_text.json").read_text("utf-8")
    return json.loads(raw)


def words(lang: str) -> Mapping[str, Any]:
    """The interface's phrases in `lang` (Spanish when `lang` is not one the desk speaks)."""
    return _data()[lang if lang in LANGS else DEFAULT_LANG]


def decisions() -> Mapping[str, Mapping[str, str]]:
    """Decision code → its label per language, in the order the forum chooses from."""
    return _data()["decisions"]


def decision_label(code: str | None, lang: str) -> str:
    """The label of a recorded decision, or "Pendiente"/"Pending" when none was recorded."""
    if code and code in decisions():
        return decisions()[code][lang]
    return words(lang)["pending"]


def confidence_word(probability: float | None, lang: str) -> str:
    """"confianza alta/media/baja" for the probability of the level the model chose."""
    if probability is None:
        return ""
    cut = _data()["confidence_thresholds"]
    key = ("confidence_high" if probability >= cut["high"]
           else "confidence_medium" if probability >= cut["medium"] else "confidence_low")
    w = words(lang)
    return w["confidence"].format(level=w[key])


def plural(entry: Mapping[str, str], n: int) -> str:
    """Pick the singular or plural form of a countable phrase and fill in `n`."""
    return entry["one" if n == 1 else "many"].format(n=n)
