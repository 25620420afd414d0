"""Finding files, extracting them in workers, caching, and surviving bad or slow files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import ambicion
import ambicion.extract_many as em
from ambicion.extract_many import Extracted, Failed, expand_paths, extract_files


def test_folders_expand_to_sorted_pdfs_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    for name in ("b/z.pdf", "a.PDF", "b/a.pdf", ".cache/x.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    files, failures = expand_paths([tmp_path, tmp_path / "a.PDF", tmp_path / "missing.pdf"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.PDF", "b/a.pdf", "b/z.pdf"]
    assert failures == [Failed(str(tmp_path / "missing.pdf"), "file not found")]


def test_plans_and_reviews_are_told_apart(study_files):
    paths = [study_files["review"], study_files["2017"]]
    outcomes = extract_files(paths)
    assert [o.kind for o in outcomes] == ["review", "plan"]
    assert all(o.document.source == str(p) for o, p in zip(outcomes, paths))


def test_bad_files_fail_with_a_reason_and_others_still_extract(study_files, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    text = tmp_path / "notes.pdf"
    text.write_text("just some words")
    outcomes = extract_files([broken, study_files["2023"], text], jobs=2)
    assert isinstance(outcomes[0], Failed) and outcomes[0].reason
    assert isinstance(outcomes[1], Extracted) and len(outcomes[1].document.commitments) == 3
    assert isinstance(outcomes[2], Failed)
    assert str(text) not in outcomes[2].reason  # the file has its own column


def test_cache_is_written_and_reused_only_on_resume(study_files, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = extract_files([study_files["2023"]], cache_dir=cache)
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text())["kind"] == "plan"

    calls = []
    real = em.extract_one

    def counting(path, max_pages=None, kind=None):
        calls.append(path)
        return real(path, max_pages, kind)

    monkeypatch.setattr(em, "extract_one", counting)
    again = extract_files([study_files["2023"]], cache_dir=cache, resume=True)
    assert calls == []
    assert again[0].document == first[0].document
    extract_files([study_files["2023"]], cache_dir=cache)  # no resume: read again
    assert len(calls) == 1


def test_a_damaged_cache_entry_is_ignored(study_files, tmp_path):
    cache = tmp_path / "cache"
    extract_files([study_files["2023"]], cache_dir=cache)
    entry = next(cache.glob("*.json"))
    entry.write_text('{"format": 1, "kind": "plan", "da')
    again = extract_files([study_files["2023"]], cache_dir=cache, resume=True)
    assert isinstance(again[0], Extracted)
    assert json.loads(entry.read_text())["kind"] == "plan"  # rewritten whole


_REAL_EXTRACT = em.extract_one


def _slow_on_sleepy(path, max_pages=None, kind=None):
    """Runs in a worker process: hangs on any file named sleepy*."""
    if "sleepy" in Path(path).name:
        time.sleep(60)
    return _REAL_EXTRACT(path, max_pages, kind)


def test_a_file_that_hangs_times_out_and_the_batch_continues(study_files, tmp_path, monkeypatch):
    sleepy = tmp_path / "sleepy.pdf"
    sleepy.write_bytes(Path(study_files["2017"]).read_bytes())
    monkeypatch.setattr(em, "extract_one", _slow_on_sleepy)
    start = time.monotonic()
    outcomes = extract_files([sleepy, study_files["2023"], study_files["2020"]], jobs=2,
                             timeout=3)
    elapsed = time.monotonic() - start
    assert isinstance(outcomes[0], Failed) and outcomes[0].reason == "timed out after 3 s"
    assert isinstance(outcomes[1], Extracted) and isinstance(outcomes[2], Extracted)
    assert elapsed < 20


def test_cache_from_another_release_is_not_reused(study_files, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    extract_files([study_files["2023"]], cache_dir=cache)
    entry = next(cache.glob("*.json"))
    record = json.loads(entry.read_text())
    assert record["version"]
    record["version"] = "0.0.0-old"
    record["data"]["title"] = "stale"
    entry.write_text(json.dumps(record))
    again = extract_files([study_files["2023"]], cache_dir=cache, resume=True)
    assert again[0].document.title != "stale"


def test_a_misspelt_kind_is_refused_rather_than_read_as_a_plan(tmp_path):
    with pytest.raises(ValueError, match="kind must be 'plan' or 'review'"):
        ambicion.extract_files([tmp_path / "x.pdf"], kind="reveiw")


def test_workers_leave_what_they_started_with_out_of_collection():
    import gc

    before = (gc.get_threshold(), gc.get_freeze_count())
    pool = em._new_pool(1, timeout=60)  # started and initialised at once (a time limit)
    try:
        threshold = pool.submit(gc.get_threshold).result(timeout=60)
        frozen = pool.submit(gc.get_freeze_count).result(timeout=60)
    finally:
        pool.shutdown()
    assert threshold[0] >= em.WORKER_YOUNG_COLLECTION and threshold[1:] == gc.get_threshold()[1:]
    assert frozen > 10_000  # the readers and libraries imported before the first file
    assert (gc.get_threshold(), gc.get_freeze_count()) == before  # this process is left alone
