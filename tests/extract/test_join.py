"""Pairing plan commitments with IRM ratings: number, title, clusters, and what stays unpaired."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import ambicion
from ambicion.extract.join import join_items, title_similarity
from ambicion.model import Commitment, IrmRating, Plan, Review


def _c(number, title):
    return Commitment(id=f"c{number}", number=number, title=title)


def _r(number, title, cluster=()):
    return IrmRating(number=number, title=title, cluster=tuple(cluster))


PLAN = Plan(source="plan.pdf", commitments=(
    _c("1", "Implementación del portal nacional de datos abiertos de contrataciones públicas"),
    _c("2", "Fortalecimiento del sistema de trámites en línea del Estado"),
    _c("3", "Mesas de diálogo con comunidades indígenas sobre industrias extractivas"),
    _c("4", "Registro de beneficiarios finales de personas jurídicas"),
    _c("5", "Interoperabilidad del registro de beneficiarios finales con SUNAT"),
    _c("6", "Capacitación a funcionarios públicos en ética e integridad"),
    _c("7", "Presupuesto participativo regional con seguimiento ciudadano"),
    _c("8", "Plan de datos de salud"),
))


def test_similarity_ignores_accents_case_and_shortening():
    long = "Implementación del portal nacional de datos abiertos de contrataciones públicas"
    assert title_similarity(long, "PORTAL DE DATOS ABIERTOS DE CONTRATACIONES") > 0.7
    assert title_similarity("Participación ciudadana", "participacion ciudadana") == 1.0
    assert title_similarity(long, "Capacitación a funcionarios en ética pública") < 0.3


def test_numbers_confirmed_by_titles_clusters_and_unmatched():
    review = Review(source="r.pdf", ratings=(
        _r("1", "Portal de datos abiertos de contrataciones públicas"),
        _r("2", "Trámites en línea"),
        _r("4", "Registro de beneficiarios finales", cluster=("4", "5")),
        _r("6", "Capacitación a funcionarios en ética pública"),
        _r("7", "Presupuesto participativo con seguimiento ciudadano"),
        _r("12", "Compromiso que el plan no tiene"),
    ))
    joined = ambicion.join(PLAN, review)
    got = {p.commitment.number: (p.rating.number, p.method) for p in joined.pairs}
    assert got == {"1": ("1", "number+title"), "2": ("2", "number+title"), "4": ("4", "number"),
                   "5": ("4", "number"), "6": ("6", "number+title"), "7": ("7", "number+title")}
    assert [c.number for c in joined.unmatched_commitments] == ["3", "8"]
    assert [r.number for r in joined.unmatched_ratings] == ["12"]


def test_renumbered_review_falls_back_to_titles():
    review = Review(source="r.pdf", ratings=(
        _r("1", "Mesas de diálogo con comunidades indígenas"),  # the plan's number 3
        _r("3", "Portal de datos abiertos de contrataciones"),  # the plan's number 1
    ))
    joined = join_items(PLAN.commitments, review.ratings)
    got = {p.commitment.number: (p.rating.number, p.method) for p in joined.pairs}
    assert got == {"3": ("1", "title"), "1": ("3", "title")}
    assert not joined.unmatched_ratings


def test_missing_numbers_pair_on_titles_only_above_the_floor():
    ratings = (_r(None, "Presupuesto participativo regional"), _r(None, "Algo totalmente distinto"))
    joined = join_items(PLAN.commitments, ratings)
    assert [(p.commitment.number, p.method) for p in joined.pairs] == [("7", "title")]
    assert [r.title for r in joined.unmatched_ratings] == ["Algo totalmente distinto"]


def test_a_commitment_is_never_paired_twice():
    ratings = (_r("1", "Portal de datos abiertos"), _r(None, "Portal nacional de datos abiertos de contrataciones"),
               _r("4", "Beneficiarios", cluster=("4", "5")), _r("5", "Interoperabilidad del registro"))
    joined = join_items(PLAN.commitments, ratings)
    numbers = [p.commitment.number for p in joined.pairs]
    assert len(numbers) == len(set(numbers))
    assert {r.title for r in joined.unmatched_ratings} == {"Portal nacional de datos abiertos de contrataciones"}


def test_a_cluster_member_with_its_own_row_pairs_with_that_row():
    ratings = (_r("4", "Registro de beneficiarios finales", cluster=("4", "5")),
               _r("5", "Interoperabilidad del registro de beneficiarios", cluster=("4", "5")))
    joined = join_items(PLAN.commitments, ratings)
    got = {p.commitment.number: p.rating.title for p in joined.pairs}
    assert got == {"4": "Registro de beneficiarios finales", "5": "Interoperabilidad del registro de beneficiarios"}
    assert joined.unmatched_ratings == ()


def test_join_with_a_read_review(apr_es):
    review = ambicion.read_review(apr_es.path)
    joined = ambicion.join(PLAN, review)
    got = {p.commitment.number: p.rating.number for p in joined.pairs}
    assert got == {"1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7"}
    assert [c.number for c in joined.unmatched_commitments] == ["8"]
    assert joined.unmatched_ratings == ()


_titles = st.lists(st.sampled_from([c.title for c in PLAN.commitments] + ["Otro", "Datos abiertos"]),
                   max_size=8)


@settings(max_examples=60, deadline=None)
@given(_titles, st.lists(st.sampled_from(["1", "2", "3", "4", "9", None]), max_size=8),
       st.booleans())
def test_pairing_invariants(titles, numbers, clustered):
    ratings = [_r(n, t) for n, t in zip(numbers, titles)]
    if clustered and ratings:
        ratings[0] = _r("4", "Beneficiarios", cluster=("4", "5"))
    joined = join_items(PLAN.commitments, ratings)
    paired = [p.commitment.id for p in joined.pairs]
    assert len(paired) == len(set(paired))
    assert len(paired) + len(joined.unmatched_commitments) == len(PLAN.commitments)
    paired_ratings = {id(p.rating) for p in joined.pairs}
    assert len(paired_ratings) + len(joined.unmatched_ratings) == len(ratings)


def test_join_a_read_plan_with_a_read_review(apr_es, tmp_path):
    """End to end: both PDFs read back, numbers shared, titles reworded, one cluster."""
    from ambicion.testing.plans import PlanMeta, SampleCommitment, write_template_plan

    titles = [c.title for c in PLAN.commitments]
    path = write_template_plan(tmp_path / "plan.pdf", PlanMeta(), [
        SampleCommitment(i + 1, t, institution="Ministerio", what="Publicar información.") for i, t in enumerate(titles)
    ])
    plan = ambicion.read_plan(path)
    joined = ambicion.join(plan, ambicion.read_review(apr_es.path))
    assert {p.commitment.number: p.rating.number for p in joined.pairs} == {
        "1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7"}
    assert [c.number for c in joined.unmatched_commitments] == ["8"]
