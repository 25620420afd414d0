"""Property tests: any Unicode text segments and judges to a valid result or a clear error.

Never an exception from inside, and the same input always gives the same output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ambicion
from ambicion.model import Commitment

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# text that looks like plans (headings, labels, dates) mixed with anything Unicode can hold
plan_bits = st.sampled_from([
    "Compromiso 1:", "Compromiso N° 2.", "Commitment 3 –", "1.", "Hitos:", "Entidad responsable:",
    "• ", "- ", "\n", "\n\n", "enero 2024", "(marzo 2024 – junio 2025)", "Ley N° 27806",
    "publicar datos abiertos", "plataforma digital", "mesa de diálogo", "transpa-\nrencia",
    "مرحبا بالعالم", "שלום", "😀🏛️", "\u202e", "\x00", "\x07", "\ufeff", "Ω≈ç√", "ﬁ",
])
mixed_text = st.lists(st.one_of(plan_bits, st.text(max_size=40)), max_size=30).map("".join)


def _segment(text: str):
    try:
        return ambicion.read_draft(text)
    except ambicion.AmbicionError as exc:
        assert "\n" not in str(exc)
        return exc


@SETTINGS
@given(mixed_text)
def test_read_draft_total_and_deterministic(tally, text):
    ok = False
    try:
        first = _segment(text)
        second = _segment(text)
        if isinstance(first, Exception):
            assert type(first) is type(second) and str(first) == str(second)
        else:
            assert all(isinstance(c, Commitment) for c in first)
            assert [c.to_dict() for c in first] == [c.to_dict() for c in second]
        ok = True
    finally:
        tally.record("random-text-segmentation", ok)


@pytest.mark.parametrize("text", [
    "", " ", "\n\n\t", "\x00\x01\x02", "😀" * 500, "\u202e" + "compromiso",
    "transparencia " * 75_000,  # about 1 MB of one word
    "Compromiso 1: Publicar datos\nCommitment 2: Publish the budget in open data\n" * 50,
])
def test_read_draft_extremes(tally, text):
    ok = False
    try:
        result = _segment(text)
        assert isinstance(result, (list, ambicion.AmbicionError))
        ok = True
    finally:
        tally.record("extreme-text-segmentation", ok)


def _judge(text: str):
    try:
        return ambicion.assess(text)
    except ValueError as exc:  # the contract for blank text: nothing to judge
        assert not text.strip(), f"ValueError for non-blank text: {exc}"
        return exc
    except ambicion.AmbicionError as exc:
        assert "\n" not in str(exc)
        return exc


@SETTINGS
@given(mixed_text)
def test_assess_total_and_deterministic(tally, text):
    ok = False
    try:
        first, second = _judge(text), _judge(text)
        if isinstance(first, Exception):
            assert str(first) == str(second)
        else:
            assert first.to_dict() == second.to_dict()
            assert first.ambition in {"unclear", "modest", "substantial"}
            for item in (*first.values, *first.flags):
                assert 0.0 <= item.probability <= 1.0
                for ev in item.evidence:
                    assert first.text[ev.start:ev.end] == ev.text
        ok = True
    finally:
        tally.record("random-text-judging", ok)


def test_assess_many_matches_assess(tally):
    texts = ["Publicar en datos abiertos los contratos de obra pública con actualización mensual.",
             "Desarrollar un aplicativo móvil para trámites en línea.", "", "😀" * 100]
    ok = False
    try:
        batch = ambicion.assess_many([t for t in texts if t.strip()])
        single = [ambicion.assess(t) for t in texts if t.strip()]
        assert [a.to_dict() for a in batch] == [a.to_dict() for a in single]
        ok = True
    finally:
        tally.record("random-text-judging", ok)
