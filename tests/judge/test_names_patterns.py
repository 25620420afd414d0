"""Names of laws and bodies: the letter-first pattern and the skip of texts without a trailing
head find exactly what the plain patterns find (rebuilt here as the reference)."""

from __future__ import annotations

import json
import random
import re
from importlib import resources

from ambicion.judge import names


def _reference(text: str) -> tuple[tuple[int, int], ...]:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_names.json").read_text("utf-8"))
    conn = "|".join(re.escape(c) for c in data["connectors"])
    word = rf"(?:{names._NUM}|{names._CAP})"
    tail = rf"(?:\s+(?:(?:{conn})\s+)*{word})+"
    first = "|".join(re.escape(h) for h in sorted(data["heads_first"], key=len, reverse=True))
    last = "|".join(re.escape(h) for h in sorted(data["heads_last"], key=len, reverse=True))
    head_first = re.compile(rf"\b(?:{first})\b{tail}")
    head_last = re.compile(rf"\b{names._CAP}(?:\s+(?:(?:{conn})\s+)*{names._CAP})*\s+(?:{last})\b")
    out = []
    for pattern in (head_first, head_last):
        for m in pattern.finditer(text):
            start = m.start()
            opener = names._OPENER.match(m.group(0))
            if pattern is head_last and opener:
                start += opener.end()
            if len(text[start:m.end()].split()) >= 3:
                out.append((start, m.end()))
    return tuple(sorted(out))


def test_same_names_as_the_plain_patterns():
    rng = random.Random("names")
    pieces = ["Ley", "Leyes", "Decreto", "Código", "Autoridad", "Nacional", "de", "la", "Transparencia",
              "y", "Acceso", "a", "Información", "Pública", "N°", "27806", "Act", "Freedom", "of",
              "Information", "the", "Amend", "Access", "to", "Office", "Commissioner", "Law", "xLey",
              "_Act", "Sistema Nacional", "National Plan", "publicará", "datos", ".", ",", "\n", "Ómbudsman",
              "Ministry", "Health", "Information Commissioner's", "Comité", "Comite"]
    found = 0
    for _ in range(1500):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        want = _reference(text)
        assert names.name_ranges(text) == want, text
        found += len(want)
    assert found > 500  # the texts do hold names
