"""The lemma table read back as a plain dict gives the lemmas spaCy's own `Table` gives."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lookups import Lookups
from spacy.strings import get_string_id

from ambicion.judge.api import default_model_dir
from ambicion.nlp.lemma_table import IdLookups, IdTable
from ambicion.nlp.pipeline import _lookup_table, build_pipeline, load_pipeline, save_pipeline

LANGS = ("es", "en")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """Per language: the forms of its table, a freshly built pipeline (spaCy's `Table`) and
    the same pipeline saved and loaded back (`IdTable`)."""
    out = {}
    for lang in LANGS:
        nlp = build_pipeline(lang)
        target = tmp_path_factory.mktemp(f"nlp_{lang}")
        save_pipeline(nlp, target)
        out[lang] = (_lookup_table(lang), nlp, load_pipeline(target), target)
    return out


def _variants(forms: list[str], lemmas: list[str], n: int, seed: int) -> list[str]:
    """Forms of the table, their lemmas, in other cases and with edits that miss the table,
    plus words spaCy keeps as symbols (whose ids are not string hashes)."""
    rnd = random.Random(seed)
    out = ["flat", "case", "nsubj", "NOUN", "Ver", "PUNCT", "x", "", "-"]
    for _ in range(n):
        word = rnd.choice(forms if rnd.random() < 0.7 else lemmas)
        kind = rnd.randrange(5)
        if kind == 1:
            word = word.upper()
        elif kind == 2:
            word = word.capitalize()
        elif kind == 3:
            word = word + rnd.choice(["s", "ó", "mente", "ing", "zz"])
        elif kind == 4 and len(word) > 2:
            word = word[:-1]
        out.append(word)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_loaded_table_is_a_plain_dict_with_the_same_entries(built, lang) -> None:
    _, nlp, loaded, target = built[lang]
    table = loaded.get_pipe("ambicion_lemmatizer").lookups.get_table("lemma_lookup")
    assert type(table) is IdTable
    spacys = Lookups().from_disk(target / "ambicion_lemmatizer" / "lookups").get_table("lemma_lookup")
    assert dict(table) == dict(spacys) == dict(nlp.get_pipe("ambicion_lemmatizer").lookups
                                               .get_table("lemma_lookup"))


@pytest.mark.parametrize("lang", LANGS)
def test_lemmas_of_many_tokens_are_those_of_spacys_table(built, lang) -> None:
    forms, nlp, loaded, _ = built[lang]
    keys = sorted(forms)
    words = _variants(keys, sorted(set(forms.values())), 20_000, seed=len(lang))
    old, new = nlp.get_pipe("ambicion_lemmatizer"), loaded.get_pipe("ambicion_lemmatizer")
    for start in range(0, len(words), 500):
        text = " ".join(words[start:start + 500])
        a, b = old(nlp.make_doc(text)), new(loaded.make_doc(text))
        assert [(t.text, t.lemma_, t.norm_) for t in a] == [(t.text, t.lemma_, t.norm_) for t in b]
    hits = [w for w in words if w.lower() in forms]
    assert len(hits) > 5_000  # most tokens were found in the table, the test is not vacuous
    for word in words[:3_000]:
        assert new.lemma_of(word) == old.lemma_of(word)


@pytest.mark.parametrize("lang", LANGS)
def test_resaving_a_loaded_pipeline_writes_the_same_table(built, lang, tmp_path) -> None:
    _, _, loaded, target = built[lang]
    save_pipeline(loaded, tmp_path / "again")
    name = "ambicion_lemmatizer/lookups/lookups.bin"
    assert (tmp_path / "again" / name).read_bytes() == (target / name).read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_pipeline_reads_its_table_as_spacy_does(lang) -> None:
    folder = default_model_dir() / f"nlp_{lang}"
    loaded = spacy.load(folder)
    table = loaded.get_pipe("ambicion_lemmatizer").lookups.get_table("lemma_lookup")
    spacys = Lookups().from_disk(folder / "ambicion_lemmatizer" / "lookups").get_table("lemma_lookup")
    assert type(table) is IdTable and len(table) > 10_000
    assert dict(table) == dict(spacys)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), max_size=20), st.text(max_size=6))
def test_id_table_answers_like_spacys_table(keys, probe) -> None:
    spacys = Lookups()
    spacys.add_table("t", {k: k.upper() + "!" for k in keys})
    ours = IdLookups().from_bytes(spacys.to_bytes()).get_table("t")
    reference = spacys.get_table("t")
    for key in [*keys, probe, get_string_id(probe)]:
        assert (key in ours) == (key in reference)
        assert ours.get(key, "-") == reference.get(key, "-")
    assert IdLookups().from_bytes(spacys.to_bytes()).to_bytes() == spacys.to_bytes()
