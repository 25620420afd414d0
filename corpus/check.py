"""Validate every corpus/*.jsonl file against the annotation guide and print label counts.

Run from anywhere: `python corpus/check.py` (exit status 1 when a rule is broken). It checks
what the guide's checklist asks for, so a bad line is caught before a model is trained on it.
Optional `--file NAME` restricts the statistics to one file (validation always covers all).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

FIELDS = ("id", "group", "lang", "register", "area", "title", "text", "values", "ambition",
          "e_government", "restates_functions", "rationale")
LANGS = {"es", "en"}
REGISTERS = {"plan", "draft"}
AREAS = {"anti_corruption", "procurement", "budget", "health", "education",
         "environment_climate", "extractives", "justice", "police", "parliament",
         "municipalities", "women", "indigenous", "disability", "youth", "digital_government",
         "other"}
VALUES = ("access_to_information", "civic_participation", "public_accountability",
          "technology_innovation")
AMBITION = {"unclear", "modest", "substantial"}


def is_test(group: str) -> bool:
    """The fixed split: a fifth of the groups, chosen by hash so it never drifts."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % 5 == 0


def record_problems(rec: dict) -> list[str]:
    """Every rule a single record breaks, as short messages."""
    out = [f"missing field {f}" for f in FIELDS if f not in rec]
    if out:
        return out
    extra = set(rec) - set(FIELDS)
    if extra:
        out.append(f"unknown fields {sorted(extra)}")
    for f in ("id", "group", "title", "text", "rationale"):
        if not isinstance(rec[f], str) or not rec[f].strip():
            out.append(f"{f} must be a non-empty string")
    if rec["lang"] not in LANGS:
        out.append(f"bad lang {rec['lang']!r}")
    if rec["register"] not in REGISTERS:
        out.append(f"bad register {rec['register']!r}")
    if rec["area"] not in AREAS:
        out.append(f"bad area {rec['area']!r}")
    if rec["ambition"] not in AMBITION:
        out.append(f"bad ambition {rec['ambition']!r}")
    for f in ("e_government", "restates_functions"):
        if not isinstance(rec[f], bool):
            out.append(f"{f} must be true/false")
    vals = rec["values"]
    if not isinstance(vals, list) or any(v not in VALUES for v in vals):
        out.append(f"bad values {vals!r}")
        return out
    if len(set(vals)) != len(vals):
        out.append("duplicate values")
    if "technology_innovation" in vals and len(vals) == 1:
        out.append("technology_innovation without another value")
    if not vals and rec["ambition"] != "unclear":
        out.append("values == [] requires ambition unclear")
    prefix = rec["id"].rsplit("-", 1)[0]
    if not rec["group"].startswith(prefix + "-g"):
        out.append(f"group {rec['group']!r} does not follow id prefix {prefix!r}")
    return out


def load(path: Path) -> tuple[list[dict], list[str]]:
    """Parse one JSONL file; malformed lines become problems rather than exceptions."""
    recs, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{n}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path.name}:{n}: not an object")
            continue
        problems += [f"{path.name}:{n}: {p}" for p in record_problems(rec)]
        rec["_file"] = path.name
        recs.append(rec)
    return recs, problems


def stats(recs: list[dict]) -> str:
    """Counts of every label value, register, area and split, as plain text."""
    c: Counter[str] = Counter()
    groups: dict[str, set[str]] = {}
    for r in recs:
        c[f"lang={r.get('lang')}"] += 1
        c[f"register={r.get('register')}"] += 1
        c[f"area={r.get('area')}"] += 1
        c[f"ambition={r.get('ambition')}"] += 1
        c[f"e_government={r.get('e_government')}"] += 1
        c[f"restates_functions={r.get('restates_functions')}"] += 1
        for v in r.get("values") or []:
            c[f"value={v}"] += 1
        if not r.get("values"):
            c["value=<none>"] += 1
        groups.setdefault(r.get("group", ""), set()).add(r.get("id", ""))
    multi = sum(1 for ids in groups.values() if len(ids) > 1)
    test = sum(1 for r in recs if is_test(r.get("group", "")))
    lines = [f"records: {len(recs)}  groups: {len(groups)}  multi-variant groups: {multi}  "
             f"test split: {test}"]
    lines += [f"  {k}: {v}" for k, v in sorted(c.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", help="only print statistics for this file name")
    args = ap.parse_args(argv)
    here = Path(__file__).resolve().parent
    recs, problems = [], []
    for path in sorted(here.glob("*.jsonl")):
        r, p = load(path)
        recs += r
        problems += p
    ids = Counter(r.get("id") for r in recs)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    shown = [r for r in recs if not args.file or r["_file"] == args.file]
    print(stats(shown))
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
