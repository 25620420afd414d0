"""Sentences for people agree in number and carry no model numbers."""

from __future__ import annotations

import json
import re
from importlib import resources

import ambicion
from ambicion.judge.messages import message
from ambicion.model import Commitment, Milestone


def test_counts_agree_in_spanish_and_english():
    assert message("es", "verif.milestones", count=1) == "1 hito identificado."
    assert message("es", "verif.milestones", count=4) == "4 hitos identificados."
    assert message("es", "verif.dated", count=1) == "Se encontró 1 fecha para los hitos."
    assert message("es", "verif.dated", count=8) == "Se encontraron 8 fechas para los hitos."
    assert message("en", "verif.milestones", count=1) == "1 milestone identified."
    assert message("en", "verif.dated", count=2) == "Found 2 dates for the milestones."


def test_no_sentence_is_written_with_a_plural_in_brackets_or_a_number_slot():
    data = json.loads(resources.files("ambicion").joinpath("data/judge_messages.json").read_text("utf-8"))
    for lang in ("es", "en"):
        for key, text in data[lang].items():
            forms = text.values() if isinstance(text, dict) else [text]
            for form in forms:
                assert "(s)" not in form and "(es)" not in form, (lang, key)
                assert "{similarity}" not in form and "%" not in form, (lang, key)


def test_every_date_of_the_milestones_is_counted():
    c = Commitment(id="b#1", number="1", title="Datos abiertos de obras",
                   what="Publicar en datos abiertos los contratos de obras.",
                   milestones=tuple(Milestone(f"Entrega {k}", f"enero {2024 + k}", f"junio {2024 + k}")
                                    for k in range(4)))
    a = ambicion.assess(c, language="es")
    assert "Se encontraron 8 fechas para los hitos." in a.verifiability
    assert "4 hitos identificados." in a.verifiability
    assert not any(re.search(r"\d\s*%|\d\.\d\d", r) for r in (*a.ambition_reasons, *a.verifiability))
