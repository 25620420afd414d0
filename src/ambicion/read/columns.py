"""What a table's header cells mean: milestone tables and label | value tables by column role.

A milestone table is known by the meaning of its header cells (activity, deliverable, start,
end, responsible, verification means …), whatever their number and order; a label | value
table may open with a row naming its columns ("Campo | Descripción | Observaciones"), whose
notes column is not part of any field. The vocabularies are data (data/table_columns.json).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

from ..labels import fold

MilestoneColumns = Mapping[str, int]  # role -> column index ("text", "start", "end", …)

_PUNCT = re.compile(r"^[\s:¿?¡!.*()\-–—•·]+|[\s:¿?¡!.*()\-–—]+$")


@lru_cache(maxsize=1)
def _roles() -> dict[str, dict[str, str]]:
    data = json.loads(resources.files("ambicion").joinpath("data/table_columns.json").read_text("utf-8"))
    out: dict[str, dict[str, str]] = {}
    for table_kind in ("milestone_roles", "field_table_roles"):
        index: dict[str, str] = {}
        for role, variants in data[table_kind].items():
            for v in variants:
                index.setdefault(fold(v), role)
        out[table_kind] = index
    return out


def _key(text: str) -> str:
    return fold(_PUNCT.sub("", " ".join(text.split())))


@lru_cache(maxsize=4096)
def cell_role(text: str, kind: str = "milestone_roles") -> str | None:
    """The role a header cell names: the whole cell, either side of a slash, or a known
    name followed by more words ("Fecha de inicio prevista")."""
    index = _roles()[kind]
    key = _key(text)
    if not key:
        return None
    if key in index:
        return index[key]
    for part in key.split("/"):
        part = _key(part)
        if part in index:
            return index[part]
    words = key.split()
    for n in range(min(len(words) - 1, 5), 0, -1):
        head = " ".join(words[:n])
        if head in index and len(head) > 2:
            return index[head]
    return None


def milestone_header(texts: Sequence[str | None]) -> dict[str, int] | None:
    """Column of each milestone field when `texts` is a milestone table's header row.

    Every non-empty cell must name a role (one unknown cell is tolerated beside three known
    ones); an activity (or, lacking one, a deliverable) column and at least one other known
    column are needed. Keys: "text", "start", "end",
    "dates", "deliverable", "responsible", "verification", "notes", "index".
    """
    cells = [(i, t) for i, t in enumerate(texts) if t and t.strip()]
    if len(cells) < 2:
        return None
    roles: dict[str, int] = {}
    unknown = 0
    for i, t in cells:
        role = cell_role(t)
        if role is None:
            unknown += 1
            continue
        roles.setdefault(role, i)
    # one column of a name not in the vocabulary ("Presupuesto") is tolerated among three known
    if unknown > (1 if len(roles) >= 3 else 0):
        return None
    text = roles.get("activity", roles.get("deliverable"))
    if text is None:
        return None
    out = {("text" if r == "activity" else r): i for r, i in roles.items()}
    out["text"] = text
    if "activity" not in roles:
        out.pop("deliverable", None)
    if len(out) - (1 if "index" in out else 0) < 2:
        return None
    return out


def field_table_header(texts: Sequence[str | None]) -> dict[str, int] | None:
    """Columns of a label | value table's header row ("Campo | Descripción | Observaciones"):
    {"label": i, "value": j, "notes": k?}, or None when the row is not such a header."""
    cells = [(i, t) for i, t in enumerate(texts) if t and t.strip()]
    if len(cells) < 2:
        return None
    roles: dict[str, int] = {}
    for i, t in cells:
        role = cell_role(t, "field_table_roles")
        if role is None or role in roles:
            return None
        roles[role] = i
    if "label" in roles and "value" in roles and roles["label"] < roles["value"]:
        return roles
    return None
