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
