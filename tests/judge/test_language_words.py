"""Language detection reads the same words as the plain `_WORD.findall` over the whole text."""

from __future__ import annotations

import random
import re
from collections import Counter

from ambicion.lang import _WORD, _words, detect_language


def test_same_words_as_findall():
    rng = random.Random("language-words")
    pieces = ["de", "la", "the", "of", "and", "gobierno,", "(OGP)", "x²", "²", "_de", "de_la", "2024de", "ñandú",
              "ǅemal", "Ⅻ", "١٢", "—", "«la»", "l'État", "e-gov", "\u00a0", "\t", "\n", " ", "  ", "will.", "ﬁn"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 30))).lower()
        assert Counter(_words(text)) == Counter(_WORD.findall(text)), text


def test_detection_is_that_of_the_counts():
    assert detect_language("La entidad publicará los datos de la gestión.") == "es"
    assert detect_language("The agency will publish the data of the office.") == "en"
    assert detect_language("") == "es"
    assert re.fullmatch(r"es|en", detect_language("x² ² (OGP)"))
