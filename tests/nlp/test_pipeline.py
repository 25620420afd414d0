"""The spaCy pipelines: lemmas, rule patterns as data, saving/loading, the judge component."""

from __future__ import annotations

import pytest
import spacy

from ambicion.errors import ModelError
from ambicion.judge.api import default_model_dir
from ambicion.model import Assessment
from ambicion.nlp.patterns import compile_token_pattern, load_patterns
from ambicion.nlp.pipeline import load_pipeline, pipeline_for


@pytest.fixture(scope="module")
def es():
    return pipeline_for("es", str(default_model_dir()))


@pytest.fixture(scope="module")
def en():
    return pipeline_for("en", str(default_model_dir()))


def test_lemmas_are_looked_up_in_lower_case(es, en):
    doc = es("Publicará los Datos")
    assert [t.norm_ for t in doc] == ["publicar", "lo", "dato"]
    assert en("Published records")[0].norm_ == "publish"


def test_norm_is_accent_free(es):
    assert es("Participación")[0].norm_ == "participacion"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_pattern_compiles_and_ids_are_unique(lang, es, en):
    nlp = es if lang == "es" else en
    lemmatizer = nlp.get_pipe("ambicion_lemmatizer")
    patterns = load_patterns(lang)
    assert len(patterns) > 60
    assert len({p.id for p in patterns}) == len(patterns)
    for p in patterns:
        assert p.id.startswith(lang + ".")
        for phrase in p.phrases:
            assert compile_token_pattern(phrase, nlp.make_doc, lemmatizer.lemma_of)


def test_rule_hits_carry_offsets(es):
    text = "La entidad publicará los datos abiertos de compras."
    doc = es(text)
    hits = {m.family: m for m in doc._.ambicion_matches}
    assert text[hits["open_data"].start_char:hits["open_data"].end_char] == "datos abiertos"
    assert text[hits["disclosure"].start_char:hits["disclosure"].end_char].startswith("publicará")


def test_gaps_do_not_cross_a_sentence_end(en):
    doc = en("We will publish. Information is everywhere.")
    assert not [m for m in doc._.ambicion_matches if m.rule == "en.disclosure.publish"]


def test_saved_pipeline_loads_and_missing_one_fails(tmp_path):
    nlp = load_pipeline(default_model_dir() / "nlp_en")
    assert nlp.pipe_names == ["ambicion_lemmatizer", "ambicion_rules"]
    with pytest.raises(ModelError):
        load_pipeline(tmp_path / "nowhere")


def test_judge_as_a_spacy_component():
    nlp = spacy.load(default_model_dir() / "nlp_en")
    nlp.add_pipe("ambicion")
    doc = nlp("The Ministry will publish all contracts as open data.")
    assert isinstance(doc._.ambicion, Assessment)
    assert "access_to_information" in doc._.ambicion.value_codes
    docs = list(nlp.pipe(["Digitise the payroll system for staff.", "Hold a public consultation."]))
    assert all(isinstance(d._.ambicion, Assessment) for d in docs)
