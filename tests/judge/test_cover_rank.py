"""Ranking covers only among the scores near the best one picks what ranking them all picks."""

from __future__ import annotations

import random

from ambicion.judge.functions.match import _near_top


def test_near_top_keeps_the_winner():
    rng = random.Random("cover-rank")
    for _ in range(3000):
        base = rng.random()
        scored = [(min(1.0, max(0.0, base + rng.choice([0.0, 1e-7, -1e-7, 4e-7, -6e-7, 1e-3, -0.2]) * rng.random())),
                   n) for n in range(rng.randint(1, 12))]
        shared = {n: rng.randint(0, 3) for _, n in scored}

        def rank(entry):
            return (round(entry[0], 6), shared[entry[1]], -entry[1])

        assert max(_near_top(scored), key=rank) == max(scored, key=rank)
