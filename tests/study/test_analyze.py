"""`analyze`: files and folders in, a Study out, with progress reported and failures kept."""

from __future__ import annotations

from ambicion.study import ProgressEvent, analyze
from ambicion.testing.studies import keyword_judge


def test_analyze_folder_reports_progress_and_keeps_going(study_files, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    events: list[ProgressEvent] = []
    folder = study_files["2017"].parent
    study = analyze([folder, broken, tmp_path / "missing.pdf"], progress=events.append,
                    judge=keyword_judge)
    assert events[0] == ProgressEvent("files", 0, 5)  # a bar can show at once
    first_judged = next(i for i, e in enumerate(events) if e.stage == "commitments")
    assert events[first_judged].done == 0 and events[first_judged].total == 10
    assert sum(e.failed for e in events) == 1  # broken.pdf; the missing path never reaches extraction
    files = [e for e in events if e.stage == "files"]
    assert [e.done for e in files] == [0, 1, 2, 3, 4, 5] and {e.total for e in files} == {5}
    judged = [e for e in events if e.stage == "commitments"]
    assert judged[-1].done == judged[-1].total == 10
    assert len(study.plans) == 3 and len(study.reviews) == 1
    assert sorted(study.failures["file"]) == sorted([str(broken), str(tmp_path / "missing.pdf")])
    assert study.commitments["irm_ambition"].notna().sum() == 4


def test_analyze_twice_with_cache_gives_the_same_tables(study_files, tmp_path):
    folder = study_files["2017"].parent
    first = analyze([folder], cache_dir=tmp_path / "cache", judge=keyword_judge)
    again = analyze([folder], cache_dir=tmp_path / "cache", resume=True, judge=keyword_judge)
    assert first.commitments.equals(again.commitments)
    assert first.summary.equals(again.summary)


def test_two_jobs_judge_in_the_background_and_agree_with_one(study_files):
    """jobs=2 judges each plan as it is read, in a background thread; the study is the same."""
    import pandas as pd

    import ambicion

    folder = study_files["2023"].parent
    one = ambicion.analyze([folder], jobs=1)
    events = []
    two = ambicion.analyze([folder], jobs=2, progress=events.append)
    pd.testing.assert_frame_equal(one.commitments, two.commitments)
    assert [a.to_dict() for a in one.assessments] == [a.to_dict() for a in two.assessments]
    assert {e.stage for e in events} == {"files", "commitments"}
    assert two.failures.empty
