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
    """The sentence `key` in `lang` ("es"/"en"), with its placeholders filled."""
    table = _all()["en" if lang == "en" else "es"]
    return table[key].format(**values)


def percent(p: float) -> str:
    return f"{round(100 * p)} %"
