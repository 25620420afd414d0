"""The judge's human-readable sentences, read from a data file so they can be edited as text."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Mapping


@lru_cache(maxsize=1)
def _all() -> Mapping[str, Mapping[str, str]]:
    return json.loads(resources.files("ambicion").joinpath("data/judge_messages.json").read_text("utf-8"))


def message(lang: str, key: str, **values: object) -> str:
    """The sentence `key` in `lang` ("es"/"en"), with its placeholders filled.

    A sentence about a count has a "one" and an "other" form, so it reads "1 hito" and
    "4 hitos" rather than "hito(s)".
    """
    table = _all()["en" if lang == "en" else "es"]
    text = table[key]
    if isinstance(text, dict):  # read from JSON: a sentence is a str, a counted one a dict
        text = text["one" if values.get("count") == 1 else "other"]
    return text.format(**values)

