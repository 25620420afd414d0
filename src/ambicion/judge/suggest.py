"""Concrete ways to raise a commitment's ambition, in its own language.

Each suggestion answers a criterion the judge found missing (no duty to respond, no open
data, nothing binding, only digitisation, restated functions, a pilot or one-off output, no
checkable milestones) and quotes the commitment where it can, so it says what is missing
in *this* commitment. A suggestion never asks for what the text already does nor contradicts
the verdict: no "scale the pilot" without a pilot, no "make it binding" for a commitment that
already binds or only restates a law that binds. The wording lives in data/judge_messages.json.
"""

from __future__ import annotations

from ..model import Flag, ValueScore
from .evidence import first_quote
from .features import Features
from .messages import message

MAX_SUGGESTIONS = 4
PILOT_RULES = ("pilot", "piloto")


def suggestions(f: Features, values: tuple[ValueScore, ...], flags: tuple[Flag, ...], level: str) -> tuple[str, ...]:
    present = {v.code for v in values if v.present}
    flag = {fl.code for fl in flags if fl.present}
    core = present & {"access_to_information", "civic_participation", "public_accountability"}
    restates_law = bool(f.hits("legal_restatement"))
    keys: list[tuple[str, dict]] = []
    restated = next((fl for fl in flags if fl.code == "restates_functions" and fl.present and fl.functions), None)
    if restated is not None:  # first: what the cited functions already require is not ambition
        keys.append(("suggest.beyond_listed_functions",
                     {"reference": restated.functions[0].reference,
                      "additions": message(f.lang, "suggest.beyond_functions.any")}))
    if "e_government" in flag:
        keys.append(("suggest.public_face", {}))
    if "restates_functions" in flag and restated is None:
        quote = first_quote(f, "legal_restatement", "routine", "continuity")
        if quote:
            keys.append(("suggest.beyond_functions", {"quote": quote}))
    if not core:
        keys.append(("suggest.add_value" if "e_government" not in flag else "suggest.publish", {}))
    if "civic_participation" in present and not f.hits("duty_to_respond"):
        keys.append(("suggest.duty_to_respond", {}))
    if "access_to_information" in present and not f.hits("open_data"):
        keys.append(("suggest.open_data", {}))
    if level != "substantial":
        pilots = [h for h in f.hits("standalone") if any(p in h.rule for p in PILOT_RULES)]
        if not f.hits("institutionalise"):
            if pilots:
                keys.append(("suggest.scale_pilot", {"quote": first_quote(f, "standalone")}))
            elif f.hits("standalone"):
                keys.append(("suggest.institutionalise", {"quote": first_quote(f, "standalone")}))
        if not f.hits("binding"):
            if restates_law and "restates_functions" not in flag:
                keys.append(("suggest.beyond_law", {"quote": first_quote(f, "legal_restatement")}))
            elif not restates_law and restated is None:  # the restated-functions advice asks for it
                keys.append(("suggest.make_binding", {}))
    if core and "public_accountability" not in present:
        keys.append(("suggest.accountability", {}))
    if core and "civic_participation" not in present:
        keys.append(("suggest.open_channel", {}))
    if "not_verifiable" in flag:
        keys.append(("suggest.verifiable", {}))
    seen: list[tuple[str, dict]] = []
    for k in keys:
        if k[0] not in [s[0] for s in seen]:
            seen.append(k)
    names = [s[0] for s in seen]
    if "suggest.verifiable" in names and names.index("suggest.verifiable") >= MAX_SUGGESTIONS:
        item = seen.pop(names.index("suggest.verifiable"))
        seen.insert(MAX_SUGGESTIONS - 1, item)
    return tuple(message(f.lang, k, **v) for k, v in seen[:MAX_SUGGESTIONS])
