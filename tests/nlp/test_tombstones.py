"""spaCy's string and lexeme maps stay the size of what they hold across memory zones, and a
rebuilt map answers every look-up as before."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
import spacy
from preshed.maps import PreshMap
from spacy.attrs import IS_STOP, LOWER, NORM, ORTH, SHAPE

import ambicion
from ambicion.judge import api
from ambicion.nlp import tombstones, zones
from ambicion.screening import screen_record

ATTRS = [ORTH, LOWER, NORM, SHAPE, IS_STOP]


def _zones_of_new_words(nlp, zone, zones_run: int = 40, words: int = 500) -> None:
    """`zones_run` zones, each tokenizing `words` words no zone saw before (like a table's
    row numbers)."""
    for z in range(zones_run):
        with zone(nlp):
            nlp(" ".join(f"Registro{z}x{k}" for k in range(words)))


def test_a_rebuilt_map_holds_the_same_entries_in_a_table_they_fit():
    m = PreshMap()
    for k in range(2, 20_000):
        m[k * 7919] = k
    for k in range(2, 19_000):
        del m[k * 7919]
    m[0], m[1] = 5, 6  # the two keys preshed stores apart from its table
    before = dict(m.items())
    assert m.capacity == 65_536  # sized for the 20,000 it once held
    assert tombstones.rebuild_if_sparse(m)
    assert dict(m.items()) == before and len(before) == 1_002
    assert m.capacity == tombstones.needed_cells(1_002) == 4_096
    assert not tombstones.rebuild_if_sparse(m)  # already the size it needs


def test_spacy_alone_grows_its_maps_and_our_zones_keep_them_small():
    plain, ours = spacy.blank("es"), spacy.blank("es")
    for nlp in (plain, ours):
        nlp("La entidad publicará los datos.")
        assert len(tombstones.vocabulary_maps(nlp.vocab)) == 2  # the string map, the lexeme map
    _zones_of_new_words(plain, lambda nlp: nlp.memory_zone())
    _zones_of_new_words(ours, zones.memory_zone)
    grown = [m.capacity for m in tombstones.vocabulary_maps(plain.vocab)]
    kept = [m.capacity for m in tombstones.vocabulary_maps(ours.vocab)]
    live = [sum(1 for _ in m.keys()) for m in tombstones.vocabulary_maps(ours.vocab)]
    assert all(g >= 16_384 for g in grown), grown  # 20,000 words gone, their cells still counted
    assert all(k <= 2 * tombstones.needed_cells(n) for k, n in zip(kept, live)), (kept, live)
    assert all(k < g for k, g in zip(kept, grown))


def test_after_a_rebuild_words_strings_and_tokens_are_as_before(monkeypatch):
    nlp = spacy.blank("es")
    text = "La Entidad publicará 27 contratos y los datos abiertos de 2026."
    nlp(text)  # outside any zone: these words are kept for good
    before = nlp(text).to_array(ATTRS)
    lexemes = {w: (nlp.vocab[w].orth, nlp.vocab[w].norm_, nlp.vocab[w].is_stop) for w in text.split()}
    monkeypatch.setattr(tombstones, "FLOOR", 8)
    rebuilt = []
    monkeypatch.setattr(tombstones, "rebuild_if_sparse",
                        lambda m, real=tombstones.rebuild_if_sparse: rebuilt.append(real(m)) or rebuilt[-1])
    _zones_of_new_words(nlp, zones.memory_zone, zones_run=10, words=300)
    assert any(rebuilt)
    assert np.array_equal(nlp(text).to_array(ATTRS), before)
    assert {w: (nlp.vocab[w].orth, nlp.vocab[w].norm_, nlp.vocab[w].is_stop) for w in text.split()} == lexemes
    assert all(w in nlp.vocab and nlp.vocab.strings[nlp.vocab.strings[w]] == w for w in text.split())
    assert "Registro3x7" not in nlp.vocab.strings and "Registro3x7" not in nlp.vocab


def _records(texts: list[str]) -> list[dict]:
    return [screen_record("-", a) for a in ambicion.assess_many(texts, batch_size=4)]


class _NeverLooked(dict):
    def get(self, key, default=None):
        return default


def test_verdicts_are_the_same_when_every_zone_rebuilds_the_maps(monkeypatch):
    es = ("La Contraloría {t} publicará en datos abiertos los {n} contratos de la región Vrendalia{t} "
          "y responderá por escrito a las observaciones ciudadanas.")
    en = "The agency {t} will publish the records of district Pomerix{t} as open data with civil society."
    texts = [(es if i % 2 else en).format(t=f"tb{i}", n=4410 + i) for i in range(10)]
    monkeypatch.setattr(zones, "shrink", lambda vocab: 0)
    plain = _records(texts)
    monkeypatch.undo()
    monkeypatch.setattr(tombstones, "FLOOR", 8)
    monkeypatch.setattr(tombstones, "ROOM", 1)  # every map is larger than its live entries need
    monkeypatch.setattr(tombstones, "_LOOKED", _NeverLooked())
    counted = []
    monkeypatch.setattr(zones, "shrink", lambda vocab, real=tombstones.shrink: counted.append(real(vocab)))
    rebuilt = _records(texts)
    again = _records(texts)
    assert sum(counted) > 0
    assert rebuilt == again == plain
    assert any(r["values"] for r in plain)


@pytest.mark.parametrize("zone", [contextlib.nullcontext, None])
def test_no_zone_of_ours_rebuilds_nothing(zone, monkeypatch):
    """Outside a zone, or in spaCy's own, the maps are left alone (the judge's lock covers
    only its own zones)."""
    nlp = spacy.blank("en")
    calls = []
    monkeypatch.setattr(zones, "shrink", lambda vocab: calls.append(vocab))
    with (zone() if zone else nlp.memory_zone()):
        nlp("Publish the register Zorblax.")
    assert calls == []
    with zones.memory_zone(nlp):
        nlp("Publish the register Zorblax.")
    assert calls == [nlp.vocab]
