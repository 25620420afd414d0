"""Read the years out of a plan's period label ("2020-2021", "2020 – 2021", "2023/2025").

Why: plans and reviews print their period in many ways, and both pairing a plan with its
review and ordering plans in time need the same normalised years.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


def period_years(period: str | None) -> tuple[int | None, int | None]:
    """(first year, last year) printed in `period`; (None, None) when it holds no year."""
    years = [int(y) for y in _YEAR.findall(period or "")]
    if not years:
        return None, None
    return min(years), max(years)


def same_period(a: str | None, b: str | None) -> bool:
    """True when both labels name the same years (a lone year matches a range starting there)."""
    a0, a1 = period_years(a)
    b0, b1 = period_years(b)
    if a0 is None or b0 is None:
        return False
    return a0 == b0 and (a1 == b1 or a0 == a1 or b0 == b1)
