"""The first-letter lookahead never changes what an alternation matches."""

from __future__ import annotations

import json
import random
import re
from importlib import resources

import pytest

from ambicion.judge.alternation import _first_chars, any_of, by_first_letter


@pytest.mark.parametrize("pattern, first", [
    ("foros?\\s+multi", {"f"}), ("[eé]xito", {"e", "é"}), ("ab{2}", {"a"}), ("inform(ar|ará)", {"i"}),
    ("a?b", None), ("a*b", None), ("a{2}", None), ("a|b", None), ("(a|b)c", None), ("\\bley", None),
    ("[^a]b", None), (".x", None), ("[a-z]x", None), ("ŝx", None), ("", None),
])
def test_first_letters_are_read_only_when_plain(pattern, first):
    assert _first_chars(pattern) == first


def _vocabularies() -> list[list[str]]:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_plan_process.json").read_text("utf-8"))
    return [data["process_bodies"], data["reporting_cues"], data["claim_cues"],
            ["informes?", "a?vances?"], ["(x|y)z", "[eé]s"]]


@pytest.mark.parametrize("patterns", _vocabularies())
def test_matches_are_those_of_the_plain_alternation(patterns):
    fast = any_of(patterns, re.IGNORECASE)
    plain = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    rng = random.Random("alternation")
    words = [w for p in patterns for w in re.findall(r"[a-záéíóúñ]{2,}", p)]
    odd = ["ſ", "K", "İ", "ı", "É", "FORO", "Multi", "-", " ", "\n", "AGA", "ogp."]
    for _ in range(300):
        text = " ".join(rng.choice(words + odd) for _ in range(rng.randint(1, 40)))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("patterns", _vocabularies())
def test_grouping_by_first_letter_keeps_the_matches(patterns):
    grouped = re.compile(by_first_letter(patterns))
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    rng = random.Random("first-letter")
    words = [w for p in patterns for w in re.findall(r"[a-záéíóúñ]{2,}", p)]
    odd = ["-", " ", "\n", "ogp.", "s", "es"]
    for _ in range(300):
        text = " ".join(rng.choice(words + odd) for _ in range(rng.randint(1, 40))).lower()
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_grouping_needs_one_plain_letter_first():
    assert by_first_letter(["[eé]s", "x"]) == "(?:[eé]s)|(?:x)"
    assert by_first_letter(["a?b", "c"]) == "(?:a?b)|(?:c)"
    assert by_first_letter(["ab", "ac", "d"]) == "a(?:(?:b)|(?:c))|d(?:(?:))"
