"""Score the restated-functions flag on the project's functions check set.

The set (`corpus/functions_check/`) pairs function lists written for this project in the
style of Peruvian ROF/LOF with commitments that either restate one listed function in other
words or reuse its words and go beyond it. Two numbers matter: the flag's precision/recall/F1,
and how often a flagged restatement cites the function it was written to restate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

CARD_START = "<!-- functions-check:start -->"
CARD_END = "<!-- functions-check:end -->"


@dataclass(frozen=True)
class CheckRow:
    id: str
    functions: str | None  # file name inside functions/, or None for the shipped obligations
    lang: str
    restates: bool
    function: str | None  # the expected citation (a suffix such as "art. 4, lit. b")
    text: str


@dataclass(frozen=True)
class Outcome:
    row: CheckRow
    flagged: bool
    cited: tuple[str, ...]
    detail: str

    @property
    def right_function(self) -> bool:
        function = self.row.function
        if not function:
            return False
        return any(function in c for c in self.cited)


@dataclass(frozen=True)
class CheckResult:
    outcomes: tuple[Outcome, ...]
    groups: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # tp fp fn tn

    def counts(self, group: str | None = None) -> tuple[int, int, int, int]:
        rows = [o for o in self.outcomes if group is None or _group(o.row) == group]
        tp = sum(o.flagged and o.row.restates for o in rows)
        fp = sum(o.flagged and not o.row.restates for o in rows)
        fn = sum(not o.flagged and o.row.restates for o in rows)
        return tp, fp, fn, len(rows) - tp - fp - fn

    def prf(self, group: str | None = None) -> tuple[float, float, float]:
        tp, fp, fn, _ = self.counts(group)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def right_function_rate(self) -> tuple[int, int]:
        tps = [o for o in self.outcomes if o.flagged and o.row.restates]
        return sum(o.right_function for o in tps), len(tps)


def _group(row: CheckRow) -> str:
    return Path(row.functions).stem if row.functions else "general obligations"


TUNING = "commitments.jsonl"  # read while the vocabulary and thresholds were adjusted
HELD_OUT = "held_out.jsonl"  # written after that and scored without changing anything for it


def load_check(check_dir: Path, name: str = TUNING) -> list[CheckRow]:
    path = Path(check_dir) / name
    if not path.is_file():
        raise InputError(path, "functions check set not found")
    rows: list[CheckRow] = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            rows.append(CheckRow(str(data["id"]), data.get("functions"), data["lang"], bool(data["restates"]),
                                 data.get("function"), data["text"]))
        except (ValueError, KeyError) as exc:
            raise InputError(path, f"line {n}: not a check row ({exc})") from None
    return rows


def run_check(check_dir: Path, judge=None, name: str = TUNING) -> CheckResult:
    """Judge every row with its own function list; the shipped obligations when it has none."""
    from ..judge.api import get_judge

    judge = judge or get_judge()
    check_dir = Path(check_dir)
    outcomes: list[Outcome] = []
    for row in load_check(check_dir, name):
        functions = check_dir / "functions" / row.functions if row.functions else None
        a = judge.assess_many([row.text], functions=functions, language=row.lang)[0]
        flag = next(f for f in a.flags if f.code == "restates_functions")
        outcomes.append(Outcome(row, flag.present, tuple(c.reference for c in flag.functions), flag.detail))
    return CheckResult(tuple(outcomes))


def render_section(result: CheckResult, name: str = "corpus/functions_check/",
                   held_out: CheckResult | None = None) -> list[str]:
    """The model card's section: figures on both parts, then one line per function list."""
    lines = [CARD_START, "## Restated functions check set", "",
             f"`{name}`: commitments written for this project against function lists also written for it "
             "(Peruvian ROF/LOF style; nine made-up institutions, two of them in English) and the shipped "
             "general obligations. For each list, commitments that restate a listed function in other words "
             "and commitments that reuse its words but go beyond it (a binding rule, new information made "
             "public, a duty to respond, independent oversight). Never used for training. The vocabulary "
             "and thresholds were adjusted while reading the misses of the first part (`commitments.jsonl`), "
             "so its figures are an upper bound; the held-out part (`held_out.jsonl`) was written afterwards "
             "and scored without changing anything for it. The same project wrote the vocabulary and both "
             "parts: expect lower figures on real function lists.", ""]
    parts = [("tuning part", result)] + ([("held-out part", held_out)] if held_out is not None else [])
    for label, part in parts:
        p, r, f1 = part.prf()
        right, tps = part.right_function_rate()
        tp, fp, fn, tn = part.counts()
        lines.append(f"- {label} ({len(part.outcomes)} commitments): precision {p:.2f}, recall {r:.2f}, "
                     f"**F1 {f1:.2f}** (TP {tp}, FP {fp}, FN {fn}, TN {tn}); the expected function is cited in "
                     f"{right} of {tps} true positives" + (f" ({right / tps:.0%})" if tps else ""))
    lines += ["", "| part | function list | n | P | R | F1 |", "|---|---|---|---|---|---|"]
    for label, part in parts:
        for group in sorted({_group(o.row) for o in part.outcomes}):
            gp, gr, gf = part.prf(group)
            n = sum(_group(o.row) == group for o in part.outcomes)
            lines.append(f"| {label} | {group} | {n} | {gp:.2f} | {gr:.2f} | {gf:.2f} |")
    lines += ["", "Reproduce: `python corpus/functions_check/score.py`.", CARD_END]
    return lines


def replace_section(card: str, section: list[str]) -> str:
    """The card with its functions-check section replaced (or appended)."""
    block = "\n".join(section)
    if CARD_START in card and CARD_END in card:
        head, rest = card.split(CARD_START, 1)
        return head + block + rest.split(CARD_END, 1)[1]
    return card.rstrip("\n") + "\n\n" + block + "\n"
