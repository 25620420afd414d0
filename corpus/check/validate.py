"""Validate the out-of-corpus check set against the annotation guide's rules.

Run `python corpus/check/validate.py` (exit status 1 when a rule is broken). It reuses the
per-record rules of `corpus/check.py`, and adds what only this set has: the `source_note` field,
the `chk` id prefix, and label counts that should stay close to the mix seen in real plans.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE / "realistic.jsonl"


def _corpus_rules():
    """Load corpus/check.py by path: it is a script, not an importable package module."""
    spec = importlib.util.spec_from_file_location("corpus_check", HERE.parent / "check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    rules = _corpus_rules()
    problems: list[str] = []
    recs: list[dict] = []
    for n, line in enumerate(SET.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{SET.name}:{n}: invalid JSON ({exc.msg})")
            continue
        note = rec.pop("source_note", None)
        if not isinstance(note, str) or not note.strip():
            problems.append(f"{SET.name}:{n}: source_note must be a non-empty string")
        problems += [f"{SET.name}:{n}: {p}" for p in rules.record_problems(rec)]
        if not str(rec.get("id", "")).startswith("chk-"):
            problems.append(f"{SET.name}:{n}: id must start with chk-")
        recs.append(rec)
    ids = Counter(r.get("id") for r in recs)
    problems += [f"duplicate id {i}" for i, k in ids.items() if k > 1]
    print(rules.stats(recs))
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
