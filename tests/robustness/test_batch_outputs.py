"""`batch` outputs: the user's own files survive, one batch per folder, a set published whole.

Also the batch's inputs that would block before any time limit applies (FIFOs, devices).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import ambicion
from ambicion.errors import OutputError
from ambicion.report import outputs
from ambicion.study import build_study
from ambicion.testing.studies import keyword_judge, write_study_files

from .hostile import counted as _counted

runner = CliRunner()


def counted(tally, kind: str = "batch-outputs"):
    return _counted(tally, kind)


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    files = write_study_files(tmp_path_factory.mktemp("hostile-batch"))
    plans = [ambicion.read_plan(files[y]) for y in ("2017", "2020")]
    return plans, [ambicion.read_review(files["review"])], files


def _cli(*args: str):
    from ambicion_cli.main import app

    return runner.invoke(app, list(args))


def _visible(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_users_own_files_are_never_deleted(docs, tmp_path, tally):
    plans, reviews, _ = docs
    with counted(tally):
        (tmp_path / "agreement.csv").write_text("my notes", "utf-8")
        (tmp_path / "failures.csv").write_text("my list", "utf-8")
        build_study(plans[:1], judge=keyword_judge).write(tmp_path)
        assert (tmp_path / "agreement.csv").read_text("utf-8") == "my notes"
        assert (tmp_path / "failures.csv").read_text("utf-8") == "my list"
    with counted(tally):
        # a run that would write agreement.csv refuses rather than replace the user's file
        with pytest.raises(OutputError, match="agreement.csv: was not written by ambicion"):
            build_study(plans, reviews, judge=keyword_judge).write(tmp_path)
        assert (tmp_path / "agreement.csv").read_text("utf-8") == "my notes"


def test_stale_outputs_of_an_earlier_run_are_removed(docs, tmp_path, tally):
    plans, reviews, _ = docs
    with counted(tally):
        build_study(plans, reviews, judge=keyword_judge).write(tmp_path)
        assert (tmp_path / "agreement.csv").exists()
        build_study(plans[:1], judge=keyword_judge).write(tmp_path)
        assert not (tmp_path / "agreement.csv").exists() and not (tmp_path / "ratings.csv").exists()


def test_a_second_batch_into_a_locked_folder_is_refused(docs, tmp_path, tally):
    _, _, files = docs
    with counted(tally):
        out = tmp_path / "out"
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, time; from ambicion.io import folder_lock\n"
             f"with folder_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
            stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            result = _cli("batch", str(files["2017"]), "-o", str(out), "--timeout", "0")
            assert result.exit_code == 1
            assert "another ambicion run is writing into this folder" in result.stderr
            assert _visible(out) == []
        finally:
            holder.kill()
            holder.wait()


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it in the process runs."""


def test_kill_while_publishing_leaves_the_set_whole(docs, tmp_path, tally, monkeypatch):
    plans, reviews, _ = docs
    with counted(tally):
        build_study(plans[:1], judge=keyword_judge).write(tmp_path)
        before = (tmp_path / "commitments.csv").read_bytes()
        real_replace = os.replace
        calls = {"n": 0}

        def dying_replace(src, dst):
            calls["n"] += 1
            if outputs.STAGING in str(src) and calls["n"] > 3 and not str(src).endswith(".tmp"):
                raise Killed()
            return real_replace(src, dst)

        monkeypatch.setattr(outputs.os, "replace", dying_replace)
        with pytest.raises(Killed):
            build_study(plans, reviews, judge=keyword_judge).write(tmp_path)
        monkeypatch.setattr(outputs.os, "replace", real_replace)
        # the next run (or recover) finishes publishing the complete set before anything else
        outputs.recover(tmp_path)
        assert (tmp_path / "agreement.csv").exists() and (tmp_path / "ratings.csv").exists()
        assert (tmp_path / "commitments.csv").read_bytes() != before
        assert not (tmp_path / outputs.STAGING).exists()
        assert not list(tmp_path.rglob("*.tmp"))


def test_kill_while_staging_keeps_the_previous_set(docs, tmp_path, tally, monkeypatch):
    plans, reviews, _ = docs
    with counted(tally):
        build_study(plans[:1], judge=keyword_judge).write(tmp_path)
        before = {n: (tmp_path / n).read_bytes() for n in _visible(tmp_path)}
        from ambicion import frames

        real = frames.write_records

        def dying(frame, target, inputs=()):
            if str(target).endswith("summary.csv"):
                raise Killed()
            return real(frame, target, inputs)

        monkeypatch.setattr(outputs, "write_records", dying)
        with pytest.raises(Killed):
            build_study(plans, reviews, judge=keyword_judge).write(tmp_path)
        assert {n: (tmp_path / n).read_bytes() for n in _visible(tmp_path)} == before
        assert not (tmp_path / outputs.STAGING).exists() and not list(tmp_path.rglob("*.tmp"))


def test_fifo_and_device_inputs_fail_fast_in_batch(tmp_path, tally):
    with counted(tally, "size-limits"):
        fifo = tmp_path / "plan.pdf"
        os.mkfifo(fifo)
        start = time.monotonic()
        result = _cli("batch", str(fifo), "/dev/zero", "-o", str(tmp_path / "out"), "--timeout", "5")
        assert time.monotonic() - start < 60
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "is a pipe" in result.stderr and "is a device" in result.stderr


@pytest.mark.parametrize("command", ["extract", "batch"])
def test_max_pages_zero_is_an_option_error(tmp_path, tally, command):
    with counted(tally, "size-limits"):
        pdf = tmp_path / "x.pdf"
        pdf.write_bytes(b"%PDF-1.4\n")
        args = [command, str(pdf), "--max-pages", "0"] + (["-o", str(tmp_path / "o")] if command == "batch" else [])
        result = _cli(*args)
        assert result.exit_code == 2 and "max-pages" in result.output + result.stderr


@pytest.mark.parametrize("delay", [2.0, 6.0])
def test_sigterm_leaves_no_stray_temporary_files(docs, tmp_path, tally, delay):
    import signal

    _, _, files = docs
    with counted(tally):
        out = tmp_path / "out"
        proc = subprocess.Popen([sys.executable, "-m", "ambicion", "batch", *(str(f) for f in files.values()),
                                 "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert b"Traceback" not in err
        if out.exists():
            assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
            staging = out / outputs.STAGING
            assert not staging.exists() or (staging / outputs.MANIFEST).is_file()
            outputs.recover(out)
            assert not staging.exists()


def test_tampered_manifest_and_cache_cannot_delete_or_crash(docs, tmp_path, tally):
    plans, _, files = docs
    with counted(tally):
        victim = tmp_path / "notes.txt"
        victim.write_text("mine", "utf-8")
        out = tmp_path / "out"
        out.mkdir()
        (out / outputs.MANIFEST).write_text(json.dumps({"files": ["../notes.txt", "notes.txt", "/etc/hostname"]}))
        build_study(plans[:1], judge=keyword_judge).write(out)
        assert victim.read_text("utf-8") == "mine"
    with counted(tally):
        from ambicion.extract_many import content_key, extract_files

        cache = tmp_path / "cache"
        cache.mkdir()
        key = content_key(files["2017"], None)
        (cache / f"{key}.json").write_text("[" * 100_000 + "]" * 100_000)
        [outcome] = extract_files([files["2017"]], cache_dir=cache, resume=True)
        assert outcome.document.commitments
