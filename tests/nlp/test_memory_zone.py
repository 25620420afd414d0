"""Judging inside spaCy memory zones: the same verdicts, strings freed, caches still right after."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from spacy.attrs import LEMMA, LOWER, NORM, ORTH

import ambicion
from ambicion.judge import api
from ambicion.nlp import components, zones
from ambicion.nlp.pipeline import pipeline_for
from ambicion.screening import screen_record

ATTRS = [ORTH, LOWER, NORM, LEMMA]


def _texts(tag: str) -> list[str]:
    """Made-up commitments, each with words and numbers no other test brings."""
    es = ("La Contraloría {t} publicará en datos abiertos los {n} contratos de la región Zurbelia{t} "
          "y responderá por escrito a las observaciones ciudadanas antes del {n}/2026.")
    en = ("The agency {t} will publish the procurement records of district Quantorv{t} as open data "
          "and hold {n} quarterly hearings with civil society on the register.")
    return [(es if i % 2 else en).format(t=f"{tag}{i}", n=7310 + i) for i in range(12)]


def _records(texts: list[str]) -> list[dict]:
    return [screen_record("-", a) for a in ambicion.assess_many(texts, batch_size=4)]


def test_verdicts_are_the_same_with_and_without_the_zone(monkeypatch):
    texts = _texts("vz")
    zoned = _records(texts)
    again = _records(texts)  # every cache after the zones ended, warm and filled
    monkeypatch.setattr(api, "memory_zone", lambda nlp: contextlib.nullcontext())
    plain = _records(texts)
    assert zoned == again == plain
    assert any(r["values"] for r in zoned)


def test_a_zone_frees_its_strings_and_the_caches_forget_them():
    nlp = pipeline_for("es", None)
    word = "Xilofantería"
    assert word not in nlp.vocab.strings
    nlp("La entidad publicará en el portal.")  # outside any zone: these words stay
    with zones.memory_zone(nlp):
        doc = nlp(f"La entidad publicará la {word} en el portal.")
        assert nlp.vocab.in_memory_zone
        inside = doc.to_array(ATTRS)
        key = nlp.vocab.strings[word]
        assert key in components._STRINGS
        del doc
    assert not nlp.vocab.in_memory_zone
    assert word not in nlp.vocab.strings and word.lower() not in nlp.vocab.strings
    assert key not in components._STRINGS and word.lower() not in components._FOLDED
    ids = nlp.get_pipe("ambicion_lemmatizer")._ids[2]
    assert nlp.vocab.strings[word.lower()] not in ids
    # kept words keep their cached entries, and judging again gives the same tokens
    assert "entidad" in nlp.vocab.strings and nlp.vocab.strings["entidad"] in components._STRINGS
    after = nlp(f"La entidad publicará la {word} en el portal.").to_array(ATTRS)
    assert np.array_equal(inside, after)


def test_someone_elses_zone_leaves_no_dead_ids_in_the_lemmatizer_cache():
    nlp = pipeline_for("en", None)
    text = "The ministry will publish the Plonkvardish registers."
    with nlp.memory_zone():  # not ours: its end is not heard of
        assert not zones.in_our_zone(nlp.vocab)
        inside = nlp(text).to_array(ATTRS)
    ids = nlp.get_pipe("ambicion_lemmatizer")._ids[2]
    for key, (lemma, norm) in ids.items():
        assert key in nlp.vocab.strings and lemma in nlp.vocab.strings and norm in nlp.vocab.strings
    doc = nlp(text)
    assert np.array_equal(inside, doc.to_array(ATTRS))
    assert {t.text: t.lemma_ for t in doc}["Plonkvardish"] == "plonkvardish"


def test_zones_do_not_nest():
    nlp = pipeline_for("es", None)
    with zones.memory_zone(nlp):
        with zones.memory_zone(nlp):  # a no-op inside a zone
            nlp("Un texto con la palabra Trombulancia.")
        assert nlp.vocab.in_memory_zone
    assert not nlp.vocab.in_memory_zone


def test_zone_cache_bounds_and_keep_rule():
    nlp = pipeline_for("es", None)
    cache = zones.ZoneCache(3, zones.key_kept)
    for word in ("uno", "dos", "tres", "cuatro"):
        cache.put(word, word.upper())
    assert len(cache) == 3  # full: later entries are computed, not kept
    nlp.vocab.strings.add("entidad")  # outside any zone: kept for good
    with zones.memory_zone(nlp):
        nlp.vocab.strings.add("Zapruvenko")
        cache.clear()
        cache.put("Zapruvenko", 1)
        cache.put("entidad", 2)
    assert "entidad" in nlp.vocab.strings
    assert dict(cache) == {"entidad": 2}


@pytest.mark.parametrize("batch_size", [1, 5])
def test_assess_iter_in_zones_matches_one_by_one(batch_size):
    texts = _texts(f"it{batch_size}")
    one_by_one = [screen_record("-", ambicion.assess(t)) for t in texts]
    streamed = [screen_record("-", a) for a in ambicion.assess_iter(iter(texts), batch_size=batch_size)]
    assert streamed == one_by_one
