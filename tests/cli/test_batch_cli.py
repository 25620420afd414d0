"""`ambicion batch` end to end on the synthetic three-plan study and its IRM review."""

from __future__ import annotations

import base64
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import ambicion.extract_many as em
from ambicion.labels import AMBITION_LEVELS, VALUE_CODES
from ambicion.testing.studies import REVIEW_2020, write_study_files
from ambicion_cli.main import app

_REAL_EXTRACT = em.extract_one


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch-in")
    files = write_study_files(folder / "peru")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF truncated")
    return {"folder": folder / "peru", "broken": broken, **files}


@pytest.fixture(scope="module")
def run(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch-out") / "study"
    result = CliRunner().invoke(app, ["batch", str(inputs["folder"]), str(inputs["broken"]),
                                      "-o", str(out), "--jobs", "2"])
    return result, out


def _csv(path: Path) -> pd.DataFrame:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    return pd.read_csv(path, encoding="utf-8-sig",
                       dtype={"number": str, "recycled_from_number": str, "irm_number": str})


def test_writes_all_outputs_and_fails_with_the_broken_file_listed(run, inputs):
    result, out = run
    assert result.exit_code == 1, result.output
    for name in ("commitments.parquet", "commitments.csv", "summary.csv", "report.html",
                 "ratings.csv", "agreement.csv"):
        assert (out / name).is_file(), name
    assert "1 file failed:" in result.stderr
    assert str(inputs["broken"]) in result.stderr
    assert list((out / ".ambicion-cache").glob("*.json"))  # one per extracted file


def test_commitments_and_summary_agree(run):
    _, out = run
    c = _csv(out / "commitments.csv")
    s = _csv(out / "summary.csv")
    assert len(c) == 10 and s["commitments"].tolist() == [3, 4, 3]
    assert list(s["period"]) == ["2017-2019", "2020-2021", "2023-2025"]
    for _, plan in s.iterrows():
        rows = c[c["source"] == plan["source"]]
        assert plan["commitments"] == len(rows)
        for code in VALUE_CODES:
            assert plan[f"share_{code}"] == pytest.approx(rows[f"value_{code}"].mean(), abs=1e-4)
        for level in AMBITION_LEVELS:
            assert plan[f"share_ambition_{level}"] == pytest.approx(
                (rows["ambition"] == level).mean(), abs=1e-4)
        assert plan["share_e_government"] == pytest.approx(rows["flag_e_government"].mean(),
                                                           abs=1e-4)
        assert plan["recycled"] == rows["recycled"].sum()
    parquet = pd.read_parquet(out / "commitments.parquet")
    assert parquet["id"].tolist() == c["id"].tolist()


def test_irm_ratings_beside_the_model_and_agreement_right(run):
    _, out = run
    c = _csv(out / "commitments.csv")
    rated = c[c["period"] == "2020-2021"].set_index("number")
    for known in REVIEW_2020:
        assert rated.loc[str(known.number), "irm_ambition"] == known.potential_results
    assert c[c["period"] != "2020-2021"]["irm_ambition"].isna().all()
    agreement = _csv(out / "agreement.csv").set_index(["scope", "indicator"])
    amb = agreement.loc[("all", "ambition")]
    pairs = c.dropna(subset=["irm_ambition"])
    assert amb["n"] == len(pairs) == 4
    assert amb["accuracy"] == pytest.approx((pairs["ambition"] == pairs["irm_ambition"]).mean(),
                                            abs=1e-4)
    ratings = _csv(out / "ratings.csv")
    assert sorted(ratings["number"].astype(str)) == ["1", "2", "3", "4"]


def test_recycled_commitment_found_not_over_flagged(run):
    _, out = run
    c = _csv(out / "commitments.csv")
    flagged = c[c["recycled"]]
    assert [(p, str(n)) for p, n in zip(flagged["period"], flagged["number"])] == [("2020-2021", "1")]
    assert str(flagged.iloc[0]["recycled_from_number"]) == "1"


def test_report_is_self_contained_with_plots(run):
    _, out = run
    page = (out / "report.html").read_text("utf-8")
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 4
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "broken.pdf" in page


def test_resume_skips_files_already_extracted(inputs, tmp_path):
    out = tmp_path / "study"
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(inputs["folder"]), "-o", str(out)])
    assert first.exit_code == 0, first.output
    before = (out / "commitments.csv").read_bytes()
    # the same files under another folder: a resumed run finds them by content, not by name
    copy = tmp_path / "copy"
    shutil.copytree(inputs["folder"], copy)
    calls: list[str] = []
    real = em.extract_one
    em.extract_one = lambda path, max_pages=None, kind=None: calls.append(path) or real(
        path, max_pages, kind)
    try:
        again = runner.invoke(app, ["batch", str(copy), "-o", str(out), "--resume"])
    finally:
        em.extract_one = real
    assert again.exit_code == 0, again.output
    assert calls == []
    c = _csv(out / "commitments.csv")
    assert c["source"].str.startswith(str(copy)).all()  # re-run replaced the outputs
    assert (out / "commitments.csv").read_bytes() != before


def test_timeout_marks_the_slow_file_and_the_rest_is_analysed(inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(em, "extract_one", _sleep_on_2023)
    out = tmp_path / "study"
    start = time.monotonic()
    result = CliRunner().invoke(app, ["batch", str(inputs["folder"]), "-o", str(out),
                                      "--timeout", "8", "--jobs", "2"])
    assert time.monotonic() - start < 50
    assert result.exit_code == 1
    assert re.search(r"plan_2023\.pdf: timed out after 8 s", result.stderr)
    c = _csv(out / "commitments.csv")
    assert set(c["period"]) == {"2017-2019", "2020-2021"}


def _sleep_on_2023(path, max_pages=None, kind=None):
    """Runs in a worker process: hangs on the 2023 plan, reads the others normally."""
    if path.endswith("plan_2023.pdf"):
        time.sleep(60)
    return _REAL_EXTRACT(path, max_pages, kind)


def test_nothing_to_do_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("Compromiso 1: Publicar datos abiertos.\n", "utf-8")
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    # the folder's text file is not what was missing: say so, and how to read it
    assert "no PDF or Word files found" in result.stderr
    assert "text drafts are read when named" in result.stderr
    assert not (tmp_path / "out" / "commitments.csv").exists()


def test_bundled_sample(tmp_path):
    examples = Path(__file__).resolve().parents[2] / "examples"
    samples = sorted(examples.glob("*.pdf"))
    assert samples, "the bundled sample plan is missing from examples/"
    out = tmp_path / "sample"
    result = CliRunner().invoke(app, ["batch", *map(str, samples), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    c = _csv(out / "commitments.csv")
    s = _csv(out / "summary.csv")
    assert len(c) >= 8 and s["commitments"].sum() == len(c)
    assert set(c["source"]) == {str(p) for p in samples}
    for level in AMBITION_LEVELS:
        assert s[f"share_ambition_{level}"].iloc[0] == pytest.approx(
            (c["ambition"] == level).mean(), abs=1e-4)
    assert not (out / "ratings.csv").exists() and not c["recycled"].any()
    assert "<img" in (out / "report.html").read_text("utf-8")


def test_ctrl_c_says_what_was_kept_and_resume_says_what_it_reused(inputs, tmp_path, monkeypatch):
    seen: list[str] = []

    def interrupt_on_third(path, max_pages=None, kind=None):
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return _REAL_EXTRACT(path, max_pages, kind)

    monkeypatch.setattr(em, "extract_one", interrupt_on_third)
    out = tmp_path / "study"
    runner = CliRunner()
    # --timeout 0 reads in this process, where the patched reader runs
    stopped = runner.invoke(app, ["batch", str(inputs["folder"]), "-o", str(out), "--timeout", "0"])
    assert stopped.exit_code == 130
    lines = [line for line in stopped.stderr.splitlines() if line.strip()]
    assert lines == ["error: Interrupted: 2 of 4 files were finished and kept; "
                     "run again with --resume to go on from there."]
    assert "Traceback" not in stopped.output
    monkeypatch.setattr(em, "extract_one", _REAL_EXTRACT)
    resumed = runner.invoke(app, ["batch", str(inputs["folder"]), "-o", str(out), "--resume",
                                  "--timeout", "0"])
    assert resumed.exit_code == 0, resumed.output
    assert "--resume: reused 2 files already extracted." in resumed.stderr
    assert (out / "report.html").is_file()


def test_batch_report_in_spanish(inputs, tmp_path):
    from ambicion_cli.main import build_app

    out = tmp_path / "estudio"
    args = ["batch", str(inputs["folder"]), "-o", str(out)]
    env = {"LANG": "es_PE.UTF-8"}
    result = CliRunner().invoke(build_app(args, env), args, env=env)
    assert result.exit_code == 0, result.output
    assert "3 planes, 1 revisión, 10 compromisos ->" in result.stderr
    page = (out / "report.html").read_text("utf-8")
    assert '<html lang="es">' in page and "Resumen por plan" in page
    english = CliRunner().invoke(app, [*args[:3], str(tmp_path / "study"), "--lang", "en"])
    assert english.exit_code == 0
    assert "Summary per plan" in (tmp_path / "study" / "report.html").read_text("utf-8")


def test_drafts_in_word_and_text_are_analysed_like_plans(tmp_path):
    from ambicion.testing import write_draft_docx
    from ambicion.testing.samples import COMMITMENTS_ES

    folder = tmp_path / "borradores"
    folder.mkdir()
    write_draft_docx(folder / "foro.docx", COMMITMENTS_ES[:2])
    (folder / "propuesta.md").write_text("## Compromiso 1: Datos de salud\n\n"
                                         "Publicar datos abiertos de los establecimientos de salud.\n",
                                         encoding="utf-8")
    (folder / "~$foro.docx").write_bytes(b"lock")  # Word's lock file: not a draft
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(folder), str(folder / "propuesta.md"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    c = _csv(out / "commitments.csv")
    assert sorted(Path(s).name for s in set(c["source"])) == ["foro.docx", "propuesta.md"]
    assert len(c) == 3
