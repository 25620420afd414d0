"""The extra inputs tried on real ratings: structure features, concept ids, char n-gram recipes.

All texts here are written for the test.
"""

from __future__ import annotations

import numpy as np

from ambicion.learn.extra import STRUCTURE_NAMES, concept_text, structure_vector
from ambicion.learn.heads import SHIPPED, Recipe, Row, design_for, fit_heads


def test_structure_vector_sees_problem_words_numbers_lists_and_headings():
    plain = structure_vector("The ministry will publish the budget online.")
    rich = structure_vector("Why is this commitment relevant?\nThere is a lack of data and the problem is "
                            "insufficient oversight.\n- Milestone 1: 40 reports by 2025\n- Milestone 2: 3 audits")
    assert len(plain) == len(STRUCTURE_NAMES)
    named = dict(zip(STRUCTURE_NAMES, zip(plain, rich)))
    for name in ("problem_share", "log_numbers", "log_years", "log_list_lines", "milestone_words",
                 "boilerplate_headings", "log_chars"):
        assert named[name][1] > named[name][0], name


def test_structure_vector_reads_spanish_template_questions():
    v = dict(zip(STRUCTURE_NAMES, structure_vector("¿Por qué es relevante este compromiso? Actualmente no existe "
                                                   "un registro de obras.")))
    assert v["boilerplate_headings"] > 0 and v["problem_share"] > 0


def test_concept_text_adds_one_language_neutral_token_per_hit():
    assert concept_text("publicar dato", ("disclosure", "open_data")) == \
        "publicar dato concept:disclosure concept:open_data"
    assert concept_text("publish data", ()) == "publish data"


def _rows(n: int) -> list[Row]:
    rng = np.random.default_rng(5)
    words = ["publish budget online", "consult citizen forum", "audit contract report", "train staff"]
    out = []
    for i in range(n):
        w = words[i % 4]
        out.append(Row(w, rng.random(3), {}, f"g{i % 5}", "corpus", {"open_gov_lens": (i % 4 != 3, 1.0)},
                       text=w.capitalize() + f" in {2020 + i % 4}.", families=(("disclosure",) if i % 4 == 0 else ())))
    return out


def test_each_recipe_builds_its_own_design_and_shipped_keeps_the_word_one():
    rows = _rows(40)
    widths, vocab = {}, {}
    for recipe in (SHIPPED, Recipe(text="char"), Recipe(text="word+char"), Recipe(structure=True),
                   Recipe(concepts=True)):
        fitted = fit_heads(rows, ("open_gov_lens",), recipe)
        X = design_for(fitted, rows)
        assert X.shape[0] == len(rows) and "open_gov_lens" in fitted.heads
        widths[recipe] = X.shape[1]
        vocab[recipe] = set(fitted.terms.tolist())
    n_word = widths[SHIPPED]
    assert widths[Recipe(structure=True)] == n_word + len(STRUCTURE_NAMES)
    assert "concept:disclosure" in vocab[Recipe(concepts=True)] and "concept:disclosure" not in vocab[SHIPPED]
    assert widths[Recipe(concepts=True)] > n_word
    assert widths[Recipe(text="word+char")] == widths[Recipe(text="char")] + n_word - 3


def test_phrasing_vector_reads_machine_translated_renderings():
    from ambicion.learn.extra import PHRASING_NAMES, phrasing_vector

    plain = dict(zip(PHRASING_NAMES, phrasing_vector("The ministry will build a road.")))
    mt = dict(zip(PHRASING_NAMES, phrasing_vector(
        "Socialization of the protocol for denunciations and the sworn declarations of officials, "
        "to strengthen accountability and transparency with the citizenry.")))
    assert all(v == 0 for v in plain.values())
    assert all(mt[name] > 0 for name in PHRASING_NAMES), mt


def test_action_text_leaves_out_context_sections():
    from ambicion.judge.features import extract
    from ambicion.judge.sections import context_ranges
    from ambicion.learn.extra import action_masked
    from ambicion.nlp.pipeline import build_pipeline

    nlp = build_pipeline("es")
    text = ("Problema público: la ciudadanía no conoce los contratos.\n"
            "Compromiso: crear un comité vecinal que vote las obras.")
    doc = nlp(text)
    ranges = extract(doc, "es", None, context=()).context_ranges
    assert ranges, context_ranges(text, ())
    action = action_masked(doc, ranges)
    assert action is not None and "contrato" not in action and "comite" in action.replace("é", "e")
    assert action_masked(doc, ()) is None


def test_action_scope_recipe_reads_the_action_text_where_there_is_one():
    rows = [Row("problema contrato comite", np.zeros(1), {}, "g", "corpus", {"civic_participation": (k % 2 == 0, 1.0)},
                masked_action="comite" if k % 2 else None) for k in range(8)]
    from ambicion.learn.heads import _words

    assert _words(rows, Recipe(scope="action"))[1] == "comite"
    assert _words(rows, Recipe(scope="action"))[0] == "problema contrato comite"
    assert _words(rows, SHIPPED)[1] == "problema contrato comite"
