"""English plans in the template, with number and title in separate label rows."""

from __future__ import annotations

import pytest

from ambicion.lang import detect_language
from ambicion.testing.samples import COMMITMENTS_EN

pytest.importorskip("fpdf")


def flat(text: str) -> str:
    return " ".join(text.replace("\f", " ").split())


def test_metadata_and_language(template_en):
    assert template_en.language == "en"
    assert template_en.country == "Philippines"
    assert template_en.period == "2022-2024"
    assert template_en.title == "Open Government National Action Plan 2022-2024"
    assert all(c.language == "en" for c in template_en.commitments)


@pytest.mark.parametrize("index", range(3))
def test_english_labels(template_en, index):
    got, want = template_en.commitments[index], COMMITMENTS_EN[index]
    assert got.number == str(want.number)
    assert got.title == want.title
    assert got.institutions == (want.institution,)
    assert got.dates == want.dates
    for name in ("problem", "what", "how", "values_claim", "other_actors"):
        assert getattr(got, name) == flat(getattr(want, name)), name
    assert [(m.text, m.start, m.end) for m in got.milestones] == [tuple(m) for m in want.milestones]


def test_repeated_label_on_the_next_page_continues_the_field(template_en):
    c = template_en.commitments[1]
    assert c.provenance.page_start < c.provenance.page_end
    assert c.what.endswith("how each was considered. The response report will be tabled "
                           "together with the budget proposal.")
    assert "What is the commitment" not in c.what


def test_golden(template_en, plan_golden):
    plan_golden("plan_template_en", template_en)


@pytest.mark.parametrize("text, lang", [
    ("The ministry will publish the budget data and respond to public comments.", "en"),
    ("El ministerio publicará los datos del presupuesto y responderá a los comentarios.", "es"),
    ("", "es"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang
