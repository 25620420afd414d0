"""English IRM reports of both generations: the same readers on English labels."""

from __future__ import annotations

import pytest
from conftest_reviews import check_expected, check_golden

import ambicion


@pytest.fixture(scope="module")
def apr(apr_en):
    return ambicion.read_review(apr_en.path)


@pytest.fixture(scope="module")
def eot(end_of_term_en):
    return ambicion.read_review(end_of_term_en.path)


def test_action_plan_review(apr, apr_en):
    assert (apr.kind, apr.country, apr.period, apr.language) == ("action_plan_review", "Peru", "2023-2025", "en")
    check_expected(apr, apr_en.expected)


def test_cluster_heading_with_numbers_in_brackets(apr):
    cluster = next(r for r in apr.ratings if r.cluster)
    assert cluster.cluster == ("3", "4", "5")
    assert cluster.title == "Beneficial ownership register"  # the "(Commitments …)" part removed


def test_action_plan_review_golden(apr):
    check_golden(apr, "apr_en")


def test_results_report(results_en):
    review = ambicion.read_review(results_en.path)
    assert review.kind == "results_report" and review.language == "en"
    check_expected(review, results_en.expected)
    assert review.ratings[1].opened_government.original == "Did not change"
    check_golden(review, "results_en")


def test_end_of_term_report_with_table_split_over_pages(eot, end_of_term_en):
    assert eot.kind == "end_of_term_report"
    check_expected(eot, end_of_term_en.expected)
    rows = {r.number: r for r in eot.ratings}
    assert rows["3"].provenance.page_start == 3  # rows continued on the next page, header not repeated
    assert rows["3"].specificity.normalized == "low"  # shaded only
    assert rows["2"].specificity.original == "None"  # "None" read as specificity, not impact
    assert rows["1"].starred is True  # ★ in the section heading, ✪ in the table
    assert rows["1"].potential_impact.original == "Transformative"


def test_end_of_term_report_golden(eot):
    check_golden(eot, "end_of_term_en")


def test_english_progress_report_with_full_value_names(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.reviews import write_progress_report

    expected = write_progress_report(tmp_path / "full.pdf", language="en", relevance="full")
    review = ambicion.read_review(tmp_path / "full.pdf")
    assert review.kind == "progress_report" and review.language == "en"
    check_expected(review, expected)
