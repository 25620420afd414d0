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
