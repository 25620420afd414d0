"""Load and check the annotated corpus (corpus/*.jsonl) and split it by group.

The split is a pure function of the group id (SHA-1 of the group, modulo 5, zero = test), so
variants of one commitment never straddle train and test, and adding records never moves an
old record to the other side.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..labels import AMBITION_LEVELS, VALUE_CODES

REQUIRED = ("id", "group", "lang", "title", "text", "values", "ambition", "e_government",
            "restates_functions")


@dataclass(frozen=True)
class Example:
    id: str
    group: str
    lang: str
    register: str
    area: str
    title: str
    text: str
    values: tuple[str, ...]
    ambition: str
    e_government: bool
    restates_functions: bool
    rationale: str = ""

    @property
    def judged_text(self) -> str:
        """Title and text joined as `Commitment.text` joins them, so training sees what judging sees."""
        return f"{self.title.strip()}\n{self.text.strip()}" if self.title.strip() else self.text.strip()

    @property
    def is_test(self) -> bool:
        return is_test_group(self.group)


def is_test_group(group: str) -> bool:
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % 5 == 0


def corpus_files(folder: Path) -> list[Path]:
    files = sorted(p for p in Path(folder).glob("*.jsonl") if p.is_file())
    if not files:
        raise InputError(folder, "no corpus files (*.jsonl) found")
    return files


def corpus_hash(folder: Path) -> str:
    """SHA-256 over the corpus files' names and bytes, in name order."""
    h = hashlib.sha256()
    for p in corpus_files(folder):
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _check(data: dict) -> str | None:
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        return f"missing {', '.join(missing)}"
    if data["lang"] not in ("es", "en"):
        return f"lang must be es or en, not {data['lang']!r}"
    if not isinstance(data["values"], list) or any(v not in VALUE_CODES for v in data["values"]):
        return f"unknown value code in {data['values']!r}"
    if data["ambition"] not in AMBITION_LEVELS:
        return f"unknown ambition {data['ambition']!r}"
    if not isinstance(data["e_government"], bool) or not isinstance(data["restates_functions"], bool):
        return "e_government and restates_functions must be true or false"
    if not str(data["text"]).strip():
        return "empty text"
    return None


def load_corpus(folder: Path) -> tuple[list[Example], list[str]]:
    """All valid records, sorted by id, and one line per problem found (bad lines are skipped).

    Label-rule breaches (technology alone, values without lens but rated above unclear) are
    reported but kept: the corpus authors own the labels.
    """
    records: list[Example] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in corpus_files(folder):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            reason = _check(data) if isinstance(data, dict) else "not an object"
            if reason:
                problems.append(f"{where}: {reason}")
                continue
            if data["id"] in seen:
                problems.append(f"{where}: duplicate id {data['id']}")
                continue
            seen.add(data["id"])
            values = tuple(sorted(set(data["values"])))
            if values == ("technology_innovation",):
                problems.append(f"{where}: technology_innovation without a core value")
            if not values and data["ambition"] != "unclear":
                problems.append(f"{where}: no values but ambition {data['ambition']}")
            records.append(Example(
                id=str(data["id"]), group=str(data["group"]), lang=data["lang"],
                register=str(data.get("register", "")), area=str(data.get("area", "")),
                title=str(data["title"]), text=str(data["text"]), values=values,
                ambition=data["ambition"], e_government=data["e_government"],
                restates_functions=data["restates_functions"], rationale=str(data.get("rationale", "")),
            ))
    if not records:
        raise InputError(folder, "the corpus holds no valid record")
    return sorted(records, key=lambda r: r.id), problems


def split(records: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, test) by group."""
    return [r for r in records if not r.is_test], [r for r in records if r.is_test]


def gold(record: Example, label: str):
    """The gold answer for a label: bool for binary labels, the level for ambition."""
    if label == "ambition":
        return record.ambition
    if label == "open_gov_lens":
        return bool(set(record.values) - {"technology_innovation"})
    if label in VALUE_CODES:
        return label in record.values
    return bool(getattr(record, label))
