"""Outputs never lose user data, never land on an input, and never carry live code."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ambicion.errors import OutputError
from ambicion.frames import write_records
from ambicion.io import atomic_write

HOSTILE = [
    ("x1", "<script>alert('x')</script> Publicar los contratos en datos abiertos."),
    ("x2", "=HYPERLINK(\"http://example.invalid\",\"clic\") Crear una mesa de diálogo."),
    ("x3", "+1+1 Aplicativo de trámites en línea."),
    ("x4", "-2 Portal de transparencia."),
    ("x5", "@SUM(A1:A9) Audiencias públicas de rendición de cuentas."),
]


def test_interrupted_write_keeps_the_old_file(tmp_path, tally):
    target = tmp_path / "out.jsonl"
    target.write_text("old content\n", "utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("interrupted")
    assert target.read_text("utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary left behind
    tally.record("output-safety", True)


def test_writer_refuses_to_overwrite_an_input(tmp_path, tally):
    source = tmp_path / "plan.csv"
    source.write_text("id,text\n1,algo\n", "utf-8")
    with pytest.raises(OutputError, match="input"):
        write_records(pd.DataFrame({"a": [1]}), source, inputs=[source])
    assert source.read_text("utf-8") == "id,text\n1,algo\n"
    tally.record("output-safety", True)


@pytest.fixture(scope="module")
def hostile_table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "drafts.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "text"])
        for i, text in HOSTILE:
            w.writerow([i, text[:20], text])
    return path


def _screen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ambicion", "screen", *args],
                          capture_output=True, text=True, timeout=300)


def test_screen_refuses_to_write_over_its_input(hostile_table, tally):
    before = hostile_table.read_bytes()
    proc = _screen(str(hostile_table), "--format", "csv", "-o", str(hostile_table))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert hostile_table.read_bytes() == before
    tally.record("output-safety", True)


def test_screen_csv_neutralises_formulas(hostile_table, tmp_path, tally):
    out = tmp_path / "screen.csv"
    proc = _screen(str(hostile_table), "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for cell in row.values():
            assert not (cell or "").startswith(("=", "+", "-", "@")), cell
    tally.record("output-safety", True)


def test_screen_html_escapes_user_text(hostile_table, tmp_path, tally):
    out = tmp_path / "screen.html"
    proc = _screen(str(hostile_table), "--format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "http://example.invalid" not in html.split("<body", 1)[0]  # nothing loads from it
    tally.record("output-safety", True)


def test_screen_json_keeps_table_ids_verbatim(hostile_table, tally):
    proc = _screen(str(hostile_table), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines() if line.strip()]
    assert ids == [i for i, _ in HOSTILE]
    tally.record("output-safety", True)


def test_outputs_get_ordinary_permissions(tmp_path):
    """A temporary file is private (0600); the renamed output must be readable like any other."""
    import os
    import stat

    target = tmp_path / "report.md"
    with atomic_write(target) as fh:
        fh.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


# ---------------------------------------------------------------- hostile output targets


def _cli(*args: str, **kwargs):
    from typer.testing import CliRunner

    from ambicion_cli.main import app

    return CliRunner().invoke(app, list(args), **kwargs)


def test_special_files_are_written_into_not_replaced(tmp_path, tally):
    import os
    import stat

    ok = False
    try:
        link = tmp_path / "sink.jsonl"
        link.symlink_to("/dev/null")
        for target in ("/dev/null", link):
            with atomic_write(target) as fh:
                fh.write("x\n")
        write_records(pd.DataFrame({"a": [1]}), link)
        result = _cli("screen", "-", "-o", "/dev/null", "--format", "jsonl",
                      input="El Ministerio publicará los contratos en datos abiertos.")
        assert result.exit_code == 0, result.output
        assert link.is_symlink() and os.readlink(link) == "/dev/null"
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
        assert [p.name for p in tmp_path.iterdir()] == ["sink.jsonl"]  # no temporary left
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_binary_formats_into_a_device(tmp_path, tally):
    import os

    ok = False
    try:
        link = tmp_path / "out.parquet"
        link.symlink_to("/dev/null")
        write_records(pd.DataFrame({"a": [1]}), link)
        assert os.readlink(link) == "/dev/null"
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_output_over_the_functions_file_is_refused(tmp_path, tally):
    ok = False
    try:
        functions = tmp_path / "rof.txt"
        functions.write_text("a) Publicar la información del sector.\nb) Supervisar los contratos.\n", "utf-8")
        before = functions.read_bytes()
        result = _cli("screen", "-", "--functions", str(functions), "-o", str(functions), "--format", "csv",
                      input="El Ministerio publicará los contratos en datos abiertos.")
        assert result.exit_code == 2 and "input" in result.stderr
        assert functions.read_bytes() == before
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_output_over_the_file_fed_on_stdin_is_refused(tmp_path, tally):
    ok = False
    try:
        fed = tmp_path / "draft.txt"
        fed.write_text("El Ministerio publicará los contratos en datos abiertos.", "utf-8")
        before = fed.read_bytes()
        with fed.open("rb") as stdin:
            proc = subprocess.run([sys.executable, "-m", "ambicion", "screen", "-", "-o", str(fed),
                                   "--format", "jsonl"], stdin=stdin, capture_output=True, text=True,
                                  timeout=300)
        assert proc.returncode == 2 and "standard input" in proc.stderr and "Traceback" not in proc.stderr
        assert fed.read_bytes() == before
        ok = True
    finally:
        tally.record("output-targets", ok)


@pytest.mark.parametrize("case", ["under-a-file", "long-name", "read-only"])
def test_os_errors_on_output_are_one_line(tmp_path, tally, case):
    import os

    ok = False
    try:
        if case == "under-a-file":
            (tmp_path / "file").write_text("x")
            target = tmp_path / "file" / "out.jsonl"
        elif case == "long-name":
            target = tmp_path / ("n" * 300 + ".jsonl")
        else:
            if os.geteuid() == 0:
                # root writes anywhere: a folder cannot be made read-only for it; a file in
                # /proc can, and gives the same kind of OS error
                target = Path("/proc/ambicion-out.jsonl")
            else:
                folder = tmp_path / "ro"
                folder.mkdir()
                folder.chmod(0o500)
                target = folder / "out.jsonl"
        with pytest.raises(OutputError) as err:
            write_records(pd.DataFrame({"a": [1]}), target)
        assert "\n" not in str(err.value) and "cannot be written" in str(err.value)
        result = _cli("screen", "-", "-o", str(target), "--format", "jsonl",
                      input="El Ministerio publicará los contratos en datos abiertos.")
        assert result.exit_code in (1, 2) and "Traceback" not in result.output
        assert "cannot be written" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_xlsx_with_control_characters(tmp_path, tally):
    ok = False
    try:
        frame = pd.DataFrame({"text": ["nul\x00 bell\x07 esc\x1b[31m fin", "=1+1"]})
        target = tmp_path / "out.xlsx"
        write_records(frame, target)
        back = pd.read_excel(target)
        assert back["text"][0] == "nul  bell  esc [31m fin" and back["text"][1] == "'=1+1"
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_dev_stdout_redirected_to_a_file_is_written_into(tmp_path, tally):
    import os

    ok = False
    try:
        out = tmp_path / "appended.jsonl"
        out.write_text("keep this line\n", "utf-8")
        inode = os.stat(out).st_ino
        with out.open("a") as stdout:
            proc = subprocess.run([sys.executable, "-m", "ambicion", "screen", "-", "-o", "/dev/stdout",
                                   "--format", "jsonl"], input="El Ministerio publicará los contratos en datos "
                                  "abiertos.", stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        lines = out.read_text("utf-8").splitlines()
        assert lines[0] == "keep this line" and len(lines) == 2 and json.loads(lines[1])["id"]
        assert os.stat(out).st_ino == inode  # the same file, written into, not replaced
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_reader_closing_the_pipe_early_is_not_an_error_message(tmp_path, tally):
    ok = False
    try:
        table = tmp_path / "many.csv"
        with table.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "text"])
            for i in range(700):
                w.writerow([f"r{i}", "El Ministerio publicará los contratos de obras en datos abiertos cada mes."])
        proc = subprocess.Popen([sys.executable, "-m", "ambicion", "screen", str(table), "--format", "jsonl"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        err = proc.stderr.read()
        proc.wait(timeout=300)
        assert json.loads(first)["id"] == "r0"
        assert proc.returncode == 141 and b"Traceback" not in err and b"Exception ignored" not in err
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_non_unicode_locale_still_writes_every_commitment(tmp_path, tally):
    import os

    ok = False
    try:
        env = {**os.environ, "PYTHONIOENCODING": "ascii"}
        proc = subprocess.run([sys.executable, "-m", "ambicion", "screen", "-", "--format", "jsonl"],
                              input="Publicación de los contratos en datos abiertos.".encode("utf-8"),
                              capture_output=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout.decode("utf-8"))["title"].startswith("Publicación")
        ok = True
    finally:
        tally.record("output-targets", ok)


def test_output_into_a_fifo_nobody_reads_fails_instead_of_hanging(tmp_path, tally):
    import os
    import threading

    ok = False
    try:
        fifo = tmp_path / "out.jsonl"
        os.mkfifo(fifo)
        with pytest.raises(OutputError, match="no program is reading"):
            with atomic_write(fifo) as fh:
                fh.write("x\n")
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
        reader.start()
        import time

        for _ in range(100):  # wait for the reader to open its end
            try:
                with atomic_write(fifo) as fh:
                    fh.write("y\n")
                break
            except OutputError:
                time.sleep(0.05)
        reader.join(10)
        assert got == [b"y\n"] and fifo.is_fifo()
        ok = True
    finally:
        tally.record("output-targets", ok)
