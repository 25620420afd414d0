"""The interface language and its message catalogue (Spanish or English).

Why a catalogue: the forum works in Spanish, researchers often in English; every sentence a
front end shows (help, progress, errors) is looked up here by key instead of being written
into code, so a translation is a data change. Catalogues are `data/messages_<lang>.json`;
a message about a count has a "one" and an "other" form ("1 archivo", "3 archivos").

The language is chosen explicitly (`--lang`), else from the `AMBICION_LANG` variable, else
from the POSIX locale (LC_ALL, then LC_MESSAGES, then LANG): Spanish for any `es*` locale,
English otherwise.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, Mapping

Language = Literal["es", "en"]
LANGUAGES: tuple[Language, ...] = ("es", "en")


def ui_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """The language to talk to the user in (see the module docstring for the order)."""
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    env = os.environ if environ is None else environ
    forced = env.get("AMBICION_LANG", "").strip().lower()[:2]
    if forced in LANGUAGES:
        return forced  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:  # the first one set decides, as in POSIX
            return "es" if value.lower().startswith("es") else "en"
    return "en"


@dataclass(frozen=True)
class Catalogue:
    """Messages of one language: `catalogue("clave", n=3)` gives the filled-in sentence."""

    language: Language
    messages: Mapping[str, object]

    def __call__(self, key: str, **values: object) -> str:
        text = self.messages.get(key)
        if text is None:
            text = _load("en").get(key, key)  # a key missing in a translation falls back
        if isinstance(text, Mapping):
            text = text["one" if values.get("count") == 1 else "other"]
        return str(text).format(**values) if values else str(text)


@lru_cache(maxsize=2)
def _load(lang: str) -> Mapping[str, object]:
    raw = resources.files("ambicion").joinpath(f"data/messages_{lang}.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def catalogue(lang: str | None = None) -> Catalogue:
    """The catalogue for `lang` (default: `ui_language()`)."""
    chosen = ui_language(lang)
    return Catalogue(chosen, _load(chosen))
