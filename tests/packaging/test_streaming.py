"""`assess_iter` judges lazily in batches: it takes any iterator, reads at most one batch
ahead, keeps the order, and gives what `assess` gives one by one."""

from __future__ import annotations

import itertools

import ambicion

ES = "Publicar en datos abiertos los contratos de obra pública número {n}, cada mes."
EN = "The ministry will publish contract number {n} as open data and answer questions."


def _texts():
    for n in itertools.count():
        yield (ES if n % 3 else EN).format(n=n)


def test_an_endless_iterator_is_read_one_batch_at_a_time():
    pulled = 0

    def counted():
        nonlocal pulled
        for text in _texts():
            pulled += 1
            yield text

    stream = ambicion.assess_iter(counted(), batch_size=4)
    first = next(stream)
    assert pulled == 4  # one batch read, nothing more
    rest = list(itertools.islice(stream, 5))
    assert pulled == 8 and len(rest) == 5
    assert first.text == EN.format(n=0)


def test_order_and_answers_match_assess_one_by_one():
    texts = list(itertools.islice(_texts(), 7))
    streamed = list(ambicion.assess_iter(iter(texts), batch_size=3))
    assert [a.text for a in streamed] == texts
    assert [a.language for a in streamed] == ["en", "es", "es", "en", "es", "es", "en"]
    for text, a in zip(texts, streamed):
        assert a.to_dict() == ambicion.assess(text).to_dict()
    assert [a.to_dict() for a in ambicion.assess_many(texts, batch_size=2)] == \
        [a.to_dict() for a in streamed]


def test_batch_size_must_be_positive():
    import pytest

    with pytest.raises(ValueError, match="batch_size"):
        list(ambicion.assess_iter(["Publicar datos."], batch_size=0))
