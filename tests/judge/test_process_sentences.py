"""Plan follow-up and value-claim sentences: one pass over the text finds what searching every
sentence finds."""

from __future__ import annotations

import random

from ambicion.judge import process


def _every_sentence(text: str) -> tuple[tuple, tuple]:
    bodies, cues, claims = process._config()
    sentences = list(process._sentences(text))
    return (tuple((s, e) for s, e, t in sentences if bodies.search(t) and cues.search(t)),
            tuple((s, e) for s, e, t in sentences if claims.search(t)))


def test_one_pass_equals_searching_every_sentence():
    rng = random.Random("process-sentences")
    pieces = ["foro", "multiactor", "multi-actor", "punto", "de", "contacto", "informes", "avance",
              "multi-stakeholder", "forum", "point", "of", "contact", "progress", "report",
              "valores", "la", "OGP", "AGA", "relevante", "para", "gobierno", "abierto", "relevant",
              "to", "open", "government", "values", "publicará", "datos", ".", ";", "?", "!", "\n",
              "\n\n", "  ", ",", "(OGP)"]
    found = 0
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        follow, claims = _every_sentence(text)
        assert process.follow_up_ranges(text) == follow, text
        assert process.claim_ranges(text) == claims, text
        found += len(follow) + len(claims)
    assert found > 30  # the texts do hold such sentences
