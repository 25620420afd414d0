"""Verifiability counts dates with `count_dates`, which must agree with `find_dates` everywhere."""

from __future__ import annotations

import random

import pytest

from ambicion.dates import count_dates, find_dates

EXAMPLES = [
    "Hito 1: publicar el reglamento (enero 2024 – junio de 2024); término: 15/03/2025.",
    "Sin fecha alguna: la institución publicará la información.",
    "Q1 2024, T3 de 2025, primer semestre de 2024, I trimestre 2023 y 2do semestre 2026.",
    "Informe anual (diciembre 2023); año 2024á y á2024 no son fechas; 1/2/24 sí.",
    "March 15, 2024 to the first half of 2025; ſep 2024 and SEPT. 2023.",
]

TOKENS = ["2024", "1999", "2019-2020", "15/03/2024", "1/2/24", "03.04.2023", "enero", "ENE.", "de", "del",
          "of", "Sept.", "ſep", "ı", "primer", "1er", "Q1", "T3", "trimestre", "half", "quarter", " ", "\n",
          ",", ".", "-", "/", "á", "ñ", ";", "(", "2000", "20", "12", "3", "mar", "may", "4th", "año",
          "2025a", "_", "–", "٢٠٢٤"]


@pytest.mark.parametrize("text", EXAMPLES)
def test_examples(text: str) -> None:
    assert count_dates(text) == len(find_dates(text))


def test_examples_have_dates() -> None:
    assert count_dates(EXAMPLES[0]) == 3 and count_dates(EXAMPLES[1]) == 0


def test_random_texts() -> None:
    rnd = random.Random(3)
    for _ in range(3000):
        text = "".join(rnd.choice(TOKENS) + rnd.choice(["", " ", ","]) for _ in range(rnd.randint(1, 14)))
        assert count_dates(text) == len(find_dates(text)), text
