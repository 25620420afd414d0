"""The inline-label pattern that matches its sentence mark finds the labels the look-behind
form finds (the form it replaced, kept here as the reference)."""

from __future__ import annotations

import random
import re

from ambicion.judge.sections import INLINE

LOOK_BEHIND = re.compile(r"(?:(?<=[.!;\]])|(?<=[.!;\]][\"»”)]))\s+"
                         r"(¿[^:?¿\n]{2,120}\?|[A-ZÁÉÍÓÚÑ¿][^:?¿.\n]{1,90}[?:])")


def test_same_labels_as_the_look_behind_form():
    rng = random.Random("inline-labels")
    pieces = [".", "!", ";", "]", "[", "\"", "»", "”", ")", "(", " ", "  ", "\n", "¿", "?", ":", "Qué",
              "Objetivo", "Problema", "Ámbito", "resolver", "la", "entidad", "publicará", "datos", "Why",
              "What", "is", "x" * 95, "a. B:", "”. ¿Por qué?", "]) Meta:", ".\u00a0Hito:"]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 40)))
        want = [m.span(1) for m in LOOK_BEHIND.finditer(text)]
        assert [m.span(1) for m in INLINE.finditer(text)] == want, text
        found += len(want)
    assert found > 300  # the texts do hold inline labels
