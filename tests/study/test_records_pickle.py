"""The records a batch moves between processes are slotted and pickle back equal.

Why: the record classes use `slots=True` (no per-instance __dict__, so a large plan or review
costs less to keep), and a batch sends page objects and results between worker processes by
pickling them. A frozen, slotted dataclass pickles only through the state methods dataclasses
add for it, so this checks real objects, both ways, through a spawned worker.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import multiprocessing as mp
import pickle

import pytest

import ambicion
from ambicion.extract.parts import read_part

pytest.importorskip("fpdf")


def _records(obj, seen=None):
    """Every dataclass instance reachable from `obj` (through fields, tuples and mappings)."""
    seen = [] if seen is None else seen
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        seen.append(obj)
        for f in dataclasses.fields(obj):
            _records(getattr(obj, f.name), seen)
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            _records(x, seen)
    elif isinstance(obj, dict):
        for x in obj.values():
            _records(x, seen)
    return seen


@pytest.fixture(scope="module")
def joined(template_es, tmp_path_factory):
    from ambicion.testing.reviews import CurrentItem, write_action_plan_review

    path = tmp_path_factory.mktemp("review") / "review.pdf"
    items = [CurrentItem(str(c.number), c.title, potential=("substantial", "modest")[k % 2])
             for k, c in enumerate(template_es.commitments)]
    write_action_plan_review(path, items)
    review = ambicion.read_review(path)
    assert review.ratings
    return ambicion.join(template_es, review)


def test_plan_review_and_pairs_are_slotted_and_pickle_equal(template_es, joined):
    records = _records([template_es, joined])
    kinds = {type(r).__name__ for r in records}
    assert {"Plan", "Commitment", "Milestone", "Provenance", "Pair", "IrmRating", "Rating",
            "Joined"} <= kinds
    assert not [r for r in records if hasattr(r, "__dict__")]
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        for obj in (template_es, joined):
            back = pickle.loads(pickle.dumps(obj, protocol=protocol))
            assert back == obj and back.to_dict() == obj.to_dict()


def test_an_assessment_pickles_equal(template_es):
    judged = ambicion.assess_many(template_es.commitments[:2])
    assert not [r for r in _records(judged) if hasattr(r, "__dict__")]
    assert pickle.loads(pickle.dumps(judged)) == judged


def test_records_cross_a_worker_process_both_ways(template_es_pdf, template_es):
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
        # a plan read in the worker comes back equal to one read here
        there = pool.submit(ambicion.read_plan, str(template_es_pdf)).result(timeout=600)
        # the pages of a part, as the batch's split reading sends them back to be joined
        part = pool.submit(read_part, str(template_es_pdf), 1, 2).result(timeout=600)
        # and a plan sent to the worker is rebuilt there (the pool pickles it both ways)
        echoed = pool.submit(dataclasses.replace, template_es).result(timeout=600)
    assert there.to_dict() == ambicion.read_plan(str(template_es_pdf)).to_dict()
    assert part == read_part(str(template_es_pdf), 1, 2) and part["pages"]
    assert echoed == template_es and type(echoed.commitments[0]) is ambicion.Commitment
