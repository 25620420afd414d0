"""Masking hides years, numbers, countries, institutions and acronyms from the models."""

from __future__ import annotations

import pytest

from ambicion.judge.api import default_model_dir
from ambicion.nlp.masking import masked_lemmas
from ambicion.nlp.pipeline import pipeline_for


@pytest.fixture(scope="module")
def es():
    return pipeline_for("es", str(default_model_dir()))


@pytest.fixture(scope="module")
def en():
    return pipeline_for("en", str(default_model_dir()))


def test_spanish_masking(es):
    text = ("La Municipalidad Provincial de Arequipa aplicará el Decreto Supremo "
            "N° 021-2019-JUS en 2024 en el Perú, conforme al ROF, con apoyo de SUNAT.")
    masked = masked_lemmas(es(text))
    for hidden in ("arequipa", "sunat", "021", "2024", "peru", "municipalidad"):
        assert hidden not in masked
    for tag in ("INSTITUTION", "ACRONYM", "NUM", "YEAR", "COUNTRY"):
        assert tag in masked
    assert "rof" in masked  # vocabulary acronyms stay
    assert "aplicar" in masked and ("decreto" in masked or "decretar" in masked)


def test_english_masking(en):
    masked = masked_lemmas(en("The Ministry of Finance of Kenya will publish data in 2025 under the "
                              "Access to Information Act 2016 with Kenyan CSOs and the EACC."))
    assert "kenya" not in masked and "finance" not in masked and "eacc" not in masked
    assert masked.count("YEAR") == 2
    assert "publish" in masked and "cso" in masked


def test_ordinary_capitalised_words_are_kept(es):
    masked = masked_lemmas(es("Publicar datos. Consulta pública en línea."))
    assert "INSTITUTION" not in masked
    assert "consulta" in masked or "consultar" in masked


def _reference_tags(words, t):
    """The plain definition, token after token, that the word-cached masking must equal."""
    from ambicion.labels import fold
    from ambicion.nlp.masking import ACRONYM, HAS_DIGIT, YEAR, _continues

    lowers = [fold(w) for w in words]
    tags = [None] * len(words)
    i = 0
    while i < len(words):
        hit = next((len(seq) for seq in t.countries.get(lowers[i], ())
                    if tuple(lowers[i:i + len(seq)]) == seq and (len(seq) > 1 or words[i][:1].isupper())), 0)
        if hit:
            tags[i:i + hit] = ["COUNTRY"] * hit
            i += hit
            continue
        if lowers[i] in t.demonyms:
            tags[i] = "COUNTRY"
        elif words[i] in t.heads and _continues(words, lowers, i + 1, t):
            j = i + 1
            while _continues(words, lowers, j, t):
                j += 1
            tags[i:j] = ["INSTITUTION"] * (j - i)
            i = j
            continue
        elif YEAR.match(words[i]):
            tags[i] = "YEAR"
        elif HAS_DIGIT.search(words[i]):
            tags[i] = "NUM"
        elif ACRONYM.match(words[i]) and words[i] not in t.keep and words[i].rstrip("s") not in t.keep:
            tags[i] = "ACRONYM"
        i += 1
    return tags


@pytest.mark.parametrize("lang", ["es", "en"])
def test_masking_equals_reading_token_after_token(lang, es, en):
    import random

    from ambicion.nlp.masking import mask_tags, terms

    t = terms()
    rng = random.Random(f"mask-{lang}")
    pool = ([seq for seqs in t.countries.values() for seq in seqs] + [(d,) for d in t.demonyms]
            + [(h,) for h in t.heads] + [(k,) for k in t.links] + [(k,) for k in t.keep])
    plain = ["Publicar", "datos", "Consulta", "2025", "N°", "021-2019", "SUNAT", "EACC", "CSOs",
             "Nacional", "de", "la", "El", ",", ".", "y", "Finance", "data", "the"]
    nlp = es if lang == "es" else en
    for _ in range(200):
        words = []
        for _ in range(rng.randint(3, 40)):
            if rng.random() < 0.4:
                seq = rng.choice(pool)
                words += [w.title() if rng.random() < 0.6 else w for w in seq]
            else:
                words.append(rng.choice(plain))
        doc = nlp(" ".join(words))
        assert mask_tags(doc) == _reference_tags([tok.text for tok in doc], t), doc.text
