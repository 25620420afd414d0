"""Same input, same output: single calls, batches and repeated calls agree exactly."""

from __future__ import annotations

from ambicion.judge.api import assess, assess_many

TEXTS = [
    "El Ministerio publicará los contratos en datos abiertos. Hito 1: datos publicados (mayo 2025).",
    "The Council will hold a public consultation on the budget and publish a response to each comment.",
    "Implementar la firma digital y el expediente electrónico en la mesa de partes.",
    "Continue to publish the annual report in line with the Public Finance Act.",
]


def test_repeated_calls_are_identical():
    first = [a.to_dict() for a in assess_many(TEXTS)]
    second = [a.to_dict() for a in assess_many(TEXTS)]
    assert first == second


def test_batch_equals_single_and_order_is_kept():
    batch = assess_many(TEXTS, batch_size=2)
    singles = [assess(t) for t in TEXTS]
    assert [a.to_dict() for a in batch] == [a.to_dict() for a in singles]
    reversed_batch = assess_many(list(reversed(TEXTS)))
    assert [a.to_dict() for a in reversed(reversed_batch)] == [a.to_dict() for a in batch]


def test_text_ids_are_stable():
    assert assess(TEXTS[0]).id == assess(TEXTS[0]).id
    assert assess(TEXTS[0]).id != assess(TEXTS[1]).id
