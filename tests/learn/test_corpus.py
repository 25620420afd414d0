"""Corpus loading, validation and the group split."""

from __future__ import annotations

import hashlib
import json

from ambicion.learn.corpus import gold, is_test_group, load_corpus, split


def _record(**over):
    base = {"id": "t-0001", "group": "t-g001", "lang": "es", "register": "draft", "area": "budget",
            "title": "Título", "text": "Publicar el presupuesto.", "values": ["access_to_information"],
            "ambition": "modest", "e_government": False, "restates_functions": False, "rationale": "x"}
    base.update(over)
    return base


def test_split_is_the_documented_hash():
    for group in ("es-a-g001", "en-g017", "x"):
        expected = int(hashlib.sha1(group.encode()).hexdigest(), 16) % 5 == 0
        assert is_test_group(group) == expected


def test_variants_of_a_group_stay_together(tmp_path):
    rows = [_record(id=f"t-{i:04d}", group=f"t-g{i // 3:03d}") for i in range(60)]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    records, problems = load_corpus(tmp_path)
    train, test = split(records)
    assert not problems and train and test
    assert not {r.group for r in train} & {r.group for r in test}


def test_bad_lines_are_reported_and_skipped(tmp_path):
    rows = [json.dumps(_record()), "{broken", json.dumps(_record(id="t-0002", ambition="huge")),
            json.dumps(_record(id="t-0003", values=["technology_innovation"])),
            json.dumps(_record(id="t-0001"))]
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    records, problems = load_corpus(tmp_path)
    assert [r.id for r in records] == ["t-0001", "t-0003"]
    assert any("a.jsonl:2" in p and "not JSON" in p for p in problems)
    assert any("unknown ambition" in p for p in problems)
    assert any("technology_innovation without a core value" in p for p in problems)
    assert any("duplicate id" in p for p in problems)


def test_gold_labels():
    records, _ = load_corpus_from([_record(values=["civic_participation", "technology_innovation"],
                                           e_government=True)])
    r = records[0]
    assert gold(r, "civic_participation") and gold(r, "open_gov_lens") and gold(r, "e_government")
    assert not gold(r, "access_to_information")
    assert gold(r, "ambition") == "modest"
    assert r.judged_text.startswith("Título\n")


def load_corpus_from(rows, tmp=None):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return load_corpus(folder)
