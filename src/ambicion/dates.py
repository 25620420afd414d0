"""Find dates as plans write them ("junio de 2025", "Q3 2024", "15/03/2025", "03/2025"), for readers and judge.

The plan readers split a milestone's dates from its text with `find_dates`; the judge counts
dates in a commitment's text with `count_dates` (verifiability). Both sit here, below the
readers and the judge, so neither imports the other. Month, period and ordinal words are
data (data/dates.json).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    global _ASCII_DATE_WORDS
    data = json.loads(resources.files("ambicion").joinpath("data/dates.json").read_text("utf-8"))
    _ASCII_DATE_WORDS = all(w.isascii() for key in ("months", "periods", "ordinals") for w in data[key])
    months = "|".join(sorted((re.escape(m) for m in data["months"]), key=len, reverse=True))
    periods = "|".join(data["periods"])
    ordinals = "|".join(sorted((re.escape(o) for o in data["ordinals"]), key=len, reverse=True))
    year = r"(?:19|20)\d{2}"
    forms = [
        rf"\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:{year}|\d{{2}})",
        rf"(?:0?[1-9]|1[0-2])[/.\-]{year}",  # month and year: "03/2025"
        rf"(?:\d{{1,2}}\s+(?:de\s+)?)?(?:{months})\.?(?:\s+de)?(?:\s+del?)?[\s,]+{year}",
        rf"(?:{months})\.?\s+\d{{1,2}},?\s+{year}",
        rf"(?:{ordinals})\s+(?:{periods})(?:\s+(?:de|del|of))?\s+{year}",
        rf"[QT][1-4]\s*(?:de\s+)?{year}",
        rf"(?:{periods})\s+(?:{ordinals}|[1-4])\s+(?:de\s+|of\s+)?{year}",
        rf"{year}",
    ]
    return re.compile(r"(?<![\w/])(?:" + "|".join(forms) + r")(?![\w/])", re.I)


_ASCII_DATE_WORDS = True  # set when the pattern is built; count_dates relies on it


def find_dates(text: str) -> list[re.Match[str]]:
    return list(_date_pattern().finditer(text))


# Every date form contains a year or a "d/m/yy" run, and a date is made only of digits,
# white space, ",./-" and ASCII letters (re.I also folds "İıſK" onto them); any other
# character (an accented letter, a bracket, ";") splits the text into runs no date crosses.
# `(?:19|20)\d{2}|\d[/.\-]\d`, opening on its first digit so that the engine jumps from digit to digit
_DATE_ANCHOR = re.compile(r"\d(?:(?<=1)9\d{2}|(?<=2)0\d{2}|[/.\-]\d)")
_NOT_IN_DATE = re.compile(r"[^\d\s,./\-a-zA-Z\u0130\u0131\u017f\u212a]")


def count_dates(text: str) -> int:
    """`len(find_dates(text))`, computed only over the runs of text that can hold a date.

    Judging only needs the count, and the full pattern tried at every word of a long
    commitment is slow; the runs without a year are skipped, with the same result.
    """
    pattern = _date_pattern()
    if not _ASCII_DATE_WORDS:
        return len(find_dates(text))
    count = 0
    searched_to = 0
    seps: list[int] | None = None
    for anchor in _DATE_ANCHOR.finditer(text):
        if anchor.start() < searched_to:
            continue
        if seps is None:
            seps = [m.start() for m in _NOT_IN_DATE.finditer(text)]
        k = bisect_left(seps, anchor.start())
        begin = seps[k - 1] + 1 if k else 0
        end = seps[k] if k < len(seps) else len(text)
        # the separator after the run stays visible to the pattern's look-ahead
        count += sum(1 for _ in pattern.finditer(text, begin, min(end + 1, len(text))))
        searched_to = end
    return count
