"""The README's count of the variants tried on real ratings is the card's: both come from `VARIANTS`.

Why: the README once said fourteen while the card's table listed more; the card is generated
from `realtried.VARIANTS`, so the README's number is checked against that list and that table.
"""

from __future__ import annotations

import re
from pathlib import Path

from ambicion.learn.realtried import VARIANTS

ROOT = Path(__file__).resolve().parents[2]
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}


def number(word: str) -> int:
    """An English number word below a hundred ("Twenty-six") or digits, as an int."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in UNITS:
        return UNITS.index(word)
    tens, _, unit = word.partition("-")
    return TENS[tens] + (UNITS.index(unit) if unit else 0)


def test_number_words():
    assert [number(w) for w in ("Fourteen", "Twenty-six", "thirty", "41")] == [14, 26, 30, 41]


def test_the_readme_counts_the_variants_the_card_lists():
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"([A-Za-z]+(?:-[a-z]+)?|\d+) variants of the recipe and of the\s+decision rules", readme)
    assert found, "the README's sentence on the variants tried is gone"
    assert number(found.group(1)) == len(VARIANTS)
    card = (ROOT / "models" / "MODEL_CARD.md").read_text("utf-8").splitlines()
    start = card.index("### Tried on real ratings, and why the shipped rules were kept")
    table = []
    for line in card[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not line.startswith(("| variant |", "| shipped recipe |")):
            table.append(line)
    assert len(table) == len(VARIANTS)
