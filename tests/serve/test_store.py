"""The desk's SQLite store: numbering, decisions, removal, and many writers at once."""

from __future__ import annotations

import threading

from ambicion.testing.studies import keyword_judge
from ambicion.model import Commitment

from ambicion_desk.store import Store


def _assessments(n: int):
    return keyword_judge([Commitment(id=f"d#{i}", number=str(i), title=f"Propuesta {i}",
                                     what="Publicar los datos de contrataciones.")
                          for i in range(1, n + 1)])


def test_numbers_continue_after_removal_and_decisions_round_trip(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    rid = store.create_round("Ronda")
    assert store.add_proposals(rid, [("a.docx", a, None) for a in _assessments(3)]) == [1, 2, 3]
    assert store.remove(rid, 3) and not store.remove(rid, 3)
    assert store.add_proposals(rid, [("b.txt", _assessments(1)[0], None)]) == [4]
    assert store.decide(rid, 2, "adopted", "Gracias.")
    assert not store.decide(rid, 9, "adopted", "")
    again = Store(tmp_path / "desk.sqlite3")  # reopened, as after a restart
    p = again.proposal(rid, 2)
    assert (p.decision, p.answer, p.source) == ("adopted", "Gracias.", "a.docx")
    assert p.assessment == _assessments(3)[1]
    assert [r.decided for r in again.rounds()] == [1]


def test_simultaneous_uploads_get_distinct_numbers(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    rid = store.create_round("Ronda")
    items = [("x.docx", a, None) for a in _assessments(5)]
    errors: list[BaseException] = []

    def add() -> None:
        try:
            store.add_proposals(rid, items)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [p.number for p in store.proposals(rid)] == list(range(1, 21))


def test_a_database_without_the_commitment_column_is_brought_up_to_date(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE rounds (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL,"
            " last_number INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE proposals (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL, number INTEGER"
            " NOT NULL, source TEXT NOT NULL, assessment TEXT NOT NULL, decision TEXT, answer TEXT NOT"
            " NULL DEFAULT '', created TEXT NOT NULL, updated TEXT NOT NULL);")
    store = Store(path)
    rid = store.create_round("Ronda")
    commitment = Commitment(id="d#1", number="1", title="Propuesta", what="Publicar los datos.")
    store.add_proposals(rid, [("a.txt", _assessments(1)[0], commitment)])
    assert store.proposal(rid, 1).commitment == commitment
