"""Concrete ways to raise a commitment's ambition, in its own language.

Each suggestion answers a gap the judge found (no duty to respond, no open data, nothing
binding, only digitisation, restated functions, no checkable milestones). The wording lives
in data/judge_messages.json.
"""

from __future__ import annotations

from ..model import Flag, ValueScore
from .features import Features
from .messages import message

MAX_SUGGESTIONS = 4


def suggestions(f: Features, values: tuple[ValueScore, ...], flags: tuple[Flag, ...], level: str) -> tuple[str, ...]:
    present = {v.code for v in values if v.present}
    flag = {fl.code for fl in flags if fl.present}
    keys: list[str] = []
    if "restates_functions" in flag:  # first: the law already asks for the rest
        keys.append("suggest.beyond_functions")
    if "e_government" in flag:
        keys.append("suggest.public_face")
    if not present & {"access_to_information", "civic_participation", "public_accountability"}:
        keys.append("suggest.add_value" if "e_government" not in flag else "suggest.publish")
    if "civic_participation" in present and not f.hits("duty_to_respond"):
        keys.append("suggest.duty_to_respond")
    if "access_to_information" in present and not f.hits("open_data"):
        keys.append("suggest.open_data")
    if level != "substantial":
        if f.hits("standalone") and not f.hits("institutionalise"):
            keys.append("suggest.institutionalise")
        if not f.hits("binding") and "restates_functions" not in flag:  # that advice already says it
            keys.append("suggest.make_binding")
    if present and "public_accountability" not in present:
        keys.append("suggest.accountability")
    if "civic_participation" not in present and present:
        keys.append("suggest.open_channel")
    if "not_verifiable" in flag:
        keys.append("suggest.verifiable")
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    if "suggest.verifiable" in seen and seen.index("suggest.verifiable") >= MAX_SUGGESTIONS:
        seen.remove("suggest.verifiable")
        seen.insert(MAX_SUGGESTIONS - 1, "suggest.verifiable")
    return tuple(_say(f.lang, k) for k in seen[:MAX_SUGGESTIONS])


def _say(lang: str, key: str) -> str:
    if key == "suggest.beyond_functions":
        return message(lang, key, additions=message(lang, "suggest.beyond_functions.any"))
    return message(lang, key)
