"""Warming spaCy's tokenizer cache chunk by chunk leaves every token as spaCy makes it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import IDX, LEMMA, NORM, ORTH, SPACY

from ambicion.judge.api import default_model_dir
from ambicion.nlp.pipeline import load_pipeline
from ambicion.nlp.tokenizer_cache import ChunkWarmer, warm

ATTRS = [ORTH, SPACY, NORM, LEMMA, IDX]

# special cases early (after one, spaCy stops caching the rest of a text), abbreviations
# with inner spaces, runs of spaces, tabs, new lines, leading and trailing blanks
TEXTS = {
    "es": [
        "Los EE. UU. y la U.E., etc., publicarán datos abiertos (p. ej. contratos) en 2025.",
        "  Compromiso 3:\tLa entidad publicará, etc. el Reglamento   N.° 27806-2024/PCM;\n\n"
        "Hito 3.1: «portal» aprobado — 100 % de las solicitudes respondidas.  ",
        "Publicará publicará PUBLICARÁ los datos... y los datos, y los datos; ¿quién responde?",
        "pal xD datos abiertos pal XD publicación pal",  # special cases made only of letters
    ],
    "en": [
        "The U.S. agency, etc., won't stop; it can't. E.g. contracts (i.e. all) will be published.",
        "\tCommitment 2:  Publish   the register\n- Milestone 2.1: 50% of requests answered by 06/2025 ",
        "Publish publish PUBLISH the data... and the data, and the data; who'll answer?",
        "Dont publish gonna open data Cant answer Gonna dont",  # special cases made only of letters
    ],
}


def _pipelines(lang: str):
    folder = default_model_dir()
    assert folder is not None
    path = Path(folder) / f"nlp_{lang}"
    return load_pipeline(path), load_pipeline(path)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_warmed_tokens_are_the_ones_spacy_makes(lang):
    fresh, warmed = _pipelines(lang)
    texts = TEXTS[lang] * 2
    warm(warmed, texts)
    for text in texts:
        expected, got = fresh(text), warmed(text)
        assert [t.text for t in got] == [t.text for t in expected]
        assert np.array_equal(got.to_array(ATTRS), expected.to_array(ATTRS))
        assert got.text == text


def test_warming_is_bounded():
    _, nlp = _pipelines("es")
    warmer = ChunkWarmer(nlp.tokenizer, limit=5)
    warmer.warm(["uno dos tres cuatro cinco seis siete ocho"] * 2)
    assert len(warmer.seen) == 5
    warmer.warm(["nueve diez"] * 2)
    assert len(warmer.seen) == 5
    assert nlp.tokenizer.max_cache_size >= 5


def test_only_chunks_that_come_again_are_warmed():
    _, nlp = _pipelines("es")
    warmer = ChunkWarmer(nlp.tokenizer, pending_limit=3)
    warmer.warm(["datos 101 datos abiertos"])
    assert warmer.seen == {"datos"} and warmer.pending == {"101", "abiertos"}
    warmer.warm(["abiertos 102"])  # seen again in a later call
    assert warmer.seen == {"datos", "abiertos"} and warmer.pending == {"101", "102"}
    warmer.warm(["103 104"])  # more waiting than the bound: the old ones are forgotten
    assert warmer.pending == {"103", "104"}
    assert len(warmer.seen) == 2
