"""The study report's words: headings and captions (data/study_text.json) and label names.

Why: a researcher reads the report in English or Spanish, and neither reader should meet
internal codes such as `access_to_information; public_accountability` in it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Mapping

from ..labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES


@lru_cache(maxsize=1)
def _texts() -> Mapping[str, Mapping[str, str]]:
    raw = resources.files("ambicion").joinpath("data/study_text.json").read_text("utf-8")
    return json.loads(raw)


def texts(lang: str) -> Mapping[str, str]:
    """The report's phrases in `lang` ("en" or "es"; anything else reads as English)."""
    return _texts()["es" if lang == "es" else "en"]


def counted(key: str, n: int, lang: str) -> str:
    """"1 plan" / "3 planes": the phrase `key` in the form for `n`."""
    return texts(lang)[f"{key}_one" if n == 1 else f"{key}_other"].format(count=n)


def label(kind: str, code: str, lang: str) -> str:
    """The human name of a value, flag or ambition code (the code itself if unknown)."""
    names = {"value": VALUE_NAMES, "flag": FLAG_NAMES, "ambition": AMBITION_NAMES}[kind]
    return names.get(code, {}).get("es" if lang == "es" else "en", code)


def indicator_name(code: str, lang: str) -> str:
    """An agreement indicator ("ambition", a value code, "open_gov_lens", "verifiable")."""
    t = texts(lang)
    if code == "ambition":
        return t["ambition"]
    if code in VALUE_NAMES:
        return label("value", code, lang)
    return t.get({"open_gov_lens": "lens"}.get(code, code), code)


def names(codes: object, kind: str, lang: str) -> str:
    """"access_to_information; public_accountability" (or a JSON list) as human names."""
    if hasattr(codes, "tolist") and not isinstance(codes, str):  # a numpy array from Parquet
        codes = codes.tolist()
    if isinstance(codes, (list, tuple)):
        items = [str(c) for c in codes]
    elif isinstance(codes, str) and codes.strip():
        text = codes.strip()
        if text.startswith("["):
            try:
                items = [str(c) for c in json.loads(text)]
            except ValueError:
                items = [text]
        else:
            items = [c.strip() for c in text.split(";") if c.strip()]
    else:
        return ""
    return ", ".join(label(kind, c, lang) for c in items)
