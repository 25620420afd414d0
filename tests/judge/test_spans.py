"""`Spans.hold` answers what `inside` answers, for ranges in any order, nested or overlapping."""

from __future__ import annotations

import random

from ambicion.judge.sections import Spans, inside


def test_hold_is_inside():
    rng = random.Random("spans")
    for _ in range(2000):
        ranges = []
        for _ in range(rng.randint(0, 8)):
            a = rng.randint(0, 60)
            ranges.append((a, a + rng.randint(0, 25)))
        spans = Spans.of(ranges)
        assert bool(spans) == bool(ranges)
        for _ in range(20):
            s = rng.randint(0, 80)
            e = s + rng.randint(0, 20)
            assert spans.hold(s, e) == inside(ranges, s, e), (ranges, s, e)
