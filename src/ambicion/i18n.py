"""The interface language and its message catalogue (Spanish or English).

Why a catalogue: the forum works in Spanish, researchers often in English; every sentence a
front end shows (help, progress, errors) is looked up here by key instead of being written
into code, so a translation is a data change. Catalogues are `data/messages_<lang>.json`;
a message about a count has a "one" and an "other" form ("1 archivo", "3 archivos").

The language is chosen explicitly (`--lang`), else from the `AMBICION_LANG` variable, else
from the POSIX locale (LC_ALL, then LC_MESSAGES, then LANG): Spanish for any `es*` locale,
English otherwise.

Reasons (why a file failed) are written by the library in English, as one line that crosses
process boundaries and lands in tables (`failures.csv`) as plain text. Their templates are the
`reason.*` entries of the English catalogue, so the English sentence works as its own message
id (as in gettext): `reason_key` finds the key and the parameters of a reason, and
`Catalogue.reason` says it in the catalogue's language. Parameters named in
`NESTED_PARAMETERS` hold a reason themselves ("row 3 has an empty id (and 2 more)") and are
translated in turn; the others (file names, numbers, ids) are kept as written. A field written
"{n:d}" in an English template matches a whole number only.
"""

from __future__ import annotations

import json
import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, Mapping

Language = Literal["es", "en"]
LANGUAGES: tuple[Language, ...] = ("es", "en")


def ui_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """The language to talk to the user in (see the module docstring for the order)."""
    if explicit in LANGUAGES:
        return explicit
    env = os.environ if environ is None else environ
    forced = env.get("AMBICION_LANG", "").strip().lower()[:2]
    if forced in LANGUAGES:
        return forced
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

    def reason(self, text: str) -> str:
        """A library reason (English) said in this catalogue's language; an unknown one as is."""
        if self.language == "en":
            return text
        return _say(self, text, depth=0)

    def __call__(self, key: str, **values: object) -> str:
        text = self.messages.get(key)
        if text is None:
            text = _load("en").get(key, key)  # a key missing in a translation falls back
        if isinstance(text, Mapping):
            text = text["one" if values.get("count") == 1 else "other"]
        if not values:
            return str(text)
        # "{n:d}" in a reason template says how to match a number; filling it takes it as text
        return _WHOLE_NUMBER_FIELD.sub(r"{\1}", str(text)).format(**values)


@lru_cache(maxsize=2)
def _load(lang: str) -> Mapping[str, object]:
    raw = resources.files("ambicion").joinpath(f"data/messages_{lang}.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def catalogue(lang: str | None = None) -> Catalogue:
    """The catalogue for `lang` (default: `ui_language()`)."""
    chosen = ui_language(lang)
    return Catalogue(chosen, _load(chosen))


_WHOLE_NUMBER_FIELD = re.compile(r"\{(\w+):d\}")

# parameters that hold a reason of their own, translated in turn (others are kept as written);
# "where" is the place of a bad byte ("byte 0xe9 on line 3"), said inside encoding reasons
NESTED_PARAMETERS = frozenset({"reason", "problem", "why", "advice", "hint", "what", "where"})
_MAX_DEPTH = 6


@dataclass(frozen=True)
class _Template:
    key: str
    pattern: re.Pattern[str]
    literal: int  # characters of fixed text: the more, the more specific


@lru_cache(maxsize=1)
def _templates() -> tuple[_Template, ...]:
    """The English `reason.*` templates as patterns, most specific first."""
    found = []
    for key, text in _load("en").items():
        if not key.startswith("reason.") or not isinstance(text, str):
            continue
        regex, literal = [], 0
        for before, field, spec, _conv in string.Formatter().parse(text):
            regex.append(re.escape(before))
            literal += len(before)
            if field is not None:  # "{n:d}" stands for a whole number only
                regex.append(f"(?P<{field}>\\d+)" if spec == "d" else f"(?P<{field}>.+?)")
        found.append(_Template(key, re.compile("".join(regex), re.S), literal))
    return tuple(sorted(found, key=lambda t: -t.literal))


def reason_key(text: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue key and parameters of an English reason, or None for one not in it."""
    if len(text) > _MAX_REASON:
        return None
    for template in _templates():
        m = template.pattern.fullmatch(text)
        if m:
            return template.key, m.groupdict()
    return None


def untranslated(text: str, depth: int = 0) -> list[str]:
    """The parts of a reason that no template covers (empty when all of it can be said in
    every language): for tests and for finding reasons the catalogue still lacks."""
    found = reason_key(text)
    if found is None:
        return [text]
    if depth >= _MAX_DEPTH:
        return []
    key, params = found
    return [part for name, value in params.items() if name in NESTED_PARAMETERS
            for part in untranslated(value, depth + 1)]


_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?: [KMG]B)?")  # "100,000", "1,200 MB": a whole number only
_MAX_REASON = 4000  # longer text is no reason the library wrote: it is left as it is


def _say(messages: Catalogue, text: str, depth: int) -> str:
    found = reason_key(text) if depth < _MAX_DEPTH else None
    if found is None:
        return text
    key, params = found
    said = {name: _say(messages, value, depth + 1) if name in NESTED_PARAMETERS
            else _number(value, messages.language) for name, value in params.items()}
    return messages(key, **said)


def _number(value: str, language: str) -> str:
    """"100,000" as Spanish writes it ("100 000"); other text (a file name) unchanged."""
    return value.replace(",", " ") if language == "es" and _COUNT.fullmatch(value) else value
