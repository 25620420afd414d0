"""Hostile and broken screening input: tables, encodings, pipes, devices, odd names.

The README's promise, checked on generated inputs: one clear line naming the file and the
reason, no traceback, the other rows and files still processed, bounded time and memory.
"""

from __future__ import annotations

import json
import os
import time
import warnings

import pytest
from typer.testing import CliRunner

from ambicion.errors import InputError
from ambicion.extract.draft import read_draft
from ambicion.extract.table import read_table
from ambicion.io import read_text
from ambicion.textcodec import EncodingNote
from ambicion.screening import read_screening_input

from . import hostile as H

runner = CliRunner()


counted = H.counted


def _app():
    from ambicion_cli.main import app

    return app


def _screen(*args: str, input: str | bytes | None = None):
    return runner.invoke(_app(), ["screen", *args], input=input)


def _one_line_error(result, name: str | None = None) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, result.output
    if name is not None:
        assert any(name in line for line in lines), lines
    return "\n".join(lines)


# ---------------------------------------------------------------- one bad row


def test_csv_with_one_empty_text_judges_the_others(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "drafts.csv"
        path.write_bytes(H.csv_bytes([["id", "text"], ["A1", H.GOOD_ES], ["A2", "  "], ["A3", H.GOOD_EN]]))
        result = _screen(str(path), "--format", "jsonl")
        assert result.exit_code == 1
        ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()]
        assert ids == ["A1", "A3"]
        assert "row 3 (id A2) has an empty text" in _one_line_error(result, str(path))
        # a bad row is not a failed file: the header counts problems, not files
        assert "1 problem (a file or rows in it):" in result.stderr
        assert "file failed" not in result.stderr


@pytest.mark.parametrize("bad, why", [
    ({"id": "B", "text": {"es": "texto"}}, "a JSON object"),
    ({"id": "B", "text": ["uno", "dos"]}, "a JSON array"),
    ({"id": "B", "text": float("nan")}, "nan"),
    ({"id": "B", "text": True}, "true/false"),
    ({"id": "B", "text": 12.5}, "a number"),
    ({"id": {"x": 1}, "text": "algo"}, "a JSON object as its id"),
])
def test_jsonl_non_string_text_refused_by_line(tmp_path, tally, bad, why):
    with counted(tally, "bad-rows"):
        path = tmp_path / "rows.jsonl"
        path.write_bytes(H.jsonl_bytes([{"id": "A", "text": H.GOOD_ES}, bad, {"id": "C", "text": H.GOOD_EN}]))
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["A", "C"]
        [problem] = got.problems
        assert problem.row == 2 and str(problem).startswith("line 2 ") and why in str(problem)


def test_deep_json_line_is_one_bad_line(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "deep.jsonl"
        deep = '{"id": "D", "text": ' + "[" * 200_000 + "]" * 200_000 + "}\n"
        path.write_text(json.dumps({"id": "A", "text": H.GOOD_ES}) + "\n" + deep, "utf-8")
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["A"]
        assert "line 2" in str(got.problems[0])


def test_table_with_only_bad_rows_fails_as_a_file(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "t.csv"
        path.write_bytes(H.csv_bytes([["id", "text"], ["1", ""], ["", "texto"]]))
        with pytest.raises(InputError, match=r"no usable row: row 2 \(id 1\) has an empty text \(and 1 more\)"):
            read_screening_input(path)


# ---------------------------------------------------------------- silent loss


def test_line_breaks_inside_quoted_cells_keep_words_apart(tmp_path, tally):
    with counted(tally, "silent-loss"):
        path = tmp_path / "breaks.csv"
        text = "Publicar\nlos datos\r\nabiertos\u2028cada mes\x0cy\x85responder"
        path.write_bytes(H.csv_bytes([["id", "text"], ["1", text], ["2", H.GOOD_ES]]))
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["1", "2"]
        assert got.commitments[0].description.split() == [
            "Publicar", "los", "datos", "abiertos", "cada", "mes", "y", "responder"]


def test_text_separators_do_not_glue_words(tmp_path, tally):
    with counted(tally, "silent-loss"):
        path = tmp_path / "draft.txt"
        path.write_text("Compromiso 1: Publicar datos\u2028abiertos del presupuesto\x0cen el portal\x85cada "
                        "mes con la ciudadanía.", "utf-8")
        [c] = read_draft(path)
        words = c.text.split()
        assert "datos" in words and "abiertos" in words and "portal" in words and "cada" in words


def test_pipes_are_read_once_and_whole(tmp_path, tally):
    data = H.numbered_draft(200).encode("utf-8")
    with counted(tally, "silent-loss"):
        with H.fifo_with_writer(tmp_path / "plan.txt", data) as fifo:
            got = read_screening_input(fifo)
        assert len(got.commitments) == 200
        assert got.commitments[0].provenance.source == str(fifo)
    with counted(tally, "silent-loss"):
        with H.anonymous_pipe(data) as name:
            got = read_screening_input(name)
        assert len(got.commitments) == 200


def test_table_through_a_named_pipe(tmp_path, tally):
    with counted(tally, "silent-loss"):
        rows = [["id", "text"]] + [[f"r{i}", f"{H.GOOD_ES} Número {i}."] for i in range(300)]
        with H.fifo_with_writer(tmp_path / "rows.csv", H.csv_bytes(rows)) as fifo:
            got = read_screening_input(fifo)
        assert [c.id for c in got.commitments] == [f"r{i}" for i in range(300)]


# ---------------------------------------------------------------- encodings


def test_one_foreign_byte_does_not_turn_utf8_into_cp1252(tmp_path, tally):
    with counted(tally, "encoding"):
        path = tmp_path / "mixed.txt"
        path.write_bytes("Compromiso 1: Publicación de datos\n".encode("utf-8") * 5 + b"Informaci\xf3n\n")
        with pytest.raises(InputError, match=r"mixes encodings.*byte 0xf3 on line 6"):
            read_text(path, "")


def test_cp1252_jsonl_decodes_without_mojibake(tmp_path, tally):
    with counted(tally, "encoding"):
        path = tmp_path / "win.jsonl"
        path.write_bytes(H.jsonl_bytes([{"id": "1", "text": "Publicación de información pública"}],
                                       encoding="cp1252"))
        got = read_table(path)
        assert got.encoding == "Windows-1252"
        assert got.commitments[0].description == "Publicación de información pública"
    with counted(tally, "encoding"):
        txt = tmp_path / "win.txt"
        txt.write_bytes("Compromiso 1: Publicación del presupuesto".encode("cp1252"))
        with warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always")
            decoded = read_text(txt, "")
        assert decoded.text.endswith("Publicación del presupuesto")
        assert any(issubclass(n.category, EncodingNote) and "Windows-1252" in str(n.message) for n in notes)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv"])
def test_utf16_with_bom_is_read(tmp_path, tally, suffix):
    with counted(tally, "encoding"):
        path = tmp_path / f"utf16{suffix}"
        content = ("id,text\n1," + H.GOOD_ES.replace(",", "") + "\n") if suffix == ".csv" else (
            "Compromiso 1: Publicación de datos abiertos\nLa entidad publicará los datos cada mes.")
        path.write_bytes(content.encode("utf-16"))
        got = read_screening_input(path)
        assert got.commitments and "publica" in got.commitments[0].text.lower()


def test_binary_stdin_is_one_clear_line(tally):
    with counted(tally, "encoding"):
        result = _screen("-", "--format", "jsonl", input=b"\x00\x01\x02PK\x03\x04" + bytes(range(256)))
        assert result.exit_code == 1
        message = _one_line_error(result, "<stdin>")
        assert "not a text file" in message and "unexpected" not in message.lower()


# ---------------------------------------------------------------- size


def test_long_csv_cell_is_accepted(tmp_path, tally):
    with counted(tally, "size-limits"):
        path = tmp_path / "long.csv"
        cell = (H.GOOD_ES + " ") * (200_000 // len(H.GOOD_ES) + 1)
        path.write_bytes(H.csv_bytes([["id", "text"], ["1", cell]]))
        got = read_table(path)
        assert len(got.commitments[0].description) >= 200_000


def test_csv_cell_over_the_limit_is_one_bad_row_and_the_rest_is_read(tmp_path, tally, monkeypatch):
    with counted(tally, "size-limits"):
        from ambicion import limits as L

        monkeypatch.setenv("AMBICION_MAX_TABLE_CELL_CHARS", "400")
        L.limits.cache_clear()
        try:
            # the long cell is quoted and runs over lines that hold commas: after it the
            # reader must start again where the next row starts, not inside the cell
            long_cell = "\n".join(["palabra, otra, " * 10] * 6)
            path = tmp_path / "cells.csv"
            path.write_bytes(H.csv_bytes([["id", "text"], ["1", H.GOOD_ES], ["2", long_cell],
                                          ["3", H.GOOD_EN], ["4", "Otro compromiso, con coma"]]))
            got = read_table(path)
        finally:
            monkeypatch.delenv("AMBICION_MAX_TABLE_CELL_CHARS")
            L.limits.cache_clear()
        assert [c.id for c in got.commitments] == ["1", "3", "4"]
        [problem] = got.problems
        assert problem.row == 3 and "a cell longer than 400 characters" in str(problem)


def test_text_over_the_judge_limit_is_refused_clearly(tmp_path, tally):
    with counted(tally, "size-limits"):
        path = tmp_path / "huge.txt"
        path.write_text("Compromiso 1: Publicar datos\n" + "transparencia " * 90_000, "utf-8")
        with pytest.raises(InputError) as err:
            read_screening_input(path)
        message = str(err.value)
        assert "over the" in message and "limit" in message and "E088" not in message


def test_table_row_limit(tmp_path, tally, monkeypatch):
    with counted(tally, "size-limits"):
        from ambicion import limits as L

        monkeypatch.setenv("AMBICION_MAX_TABLE_ROWS", "50")
        L.limits.cache_clear()
        try:
            path = tmp_path / "many.csv"
            path.write_bytes(H.csv_bytes([["id", "text"]] + [[str(i), "texto"] for i in range(60)]))
            with pytest.raises(InputError, match="more than 50 rows"):
                read_table(path)
        finally:
            monkeypatch.delenv("AMBICION_MAX_TABLE_ROWS")
            L.limits.cache_clear()


def test_devices_and_silent_fifos_are_bounded(tmp_path, tally):
    with counted(tally, "size-limits"):
        with pytest.raises(InputError, match="is a device"):
            read_screening_input("/dev/zero")
    with counted(tally, "size-limits"):
        fifo = tmp_path / "nobody.txt"
        os.mkfifo(fifo)
        start = time.monotonic()
        with pytest.raises(InputError, match="empty"):
            read_screening_input(fifo)
        assert time.monotonic() - start < 10


# ---------------------------------------------------------------- names and markup


def test_names_with_newline_and_escape_are_printed_escaped(tmp_path, tally):
    with counted(tally, "names-and-markup"):
        name = str(tmp_path / "a\nb\x1b[31mred.txt")
        result = _screen(name)
        assert result.exit_code == 1
        message = _one_line_error(result)
        assert "\x1b" not in result.stderr and len(result.stderr.strip().splitlines()) == 2
        assert "\\n" in message and "\\x1b" in message


def test_markup_in_titles_and_error_names_is_text(tmp_path, tally, monkeypatch):
    with counted(tally, "names-and-markup"):
        path = tmp_path / "t.csv"
        path.write_bytes(H.csv_bytes([["id", "title", "text"], ["1", "Datos [/] [bold]abiertos[/b]", H.GOOD_ES]]))
        result = _screen(str(path))
        assert result.exit_code == 0, result.output
        assert "Datos [/] [bold]abiertos[/b]" in result.stdout
    with counted(tally, "names-and-markup"):
        import io as _io

        from rich.console import Console

        from ambicion_cli import common

        buf = _io.StringIO()
        monkeypatch.setattr(common, "err_console", Console(file=buf, force_terminal=True, width=200, highlight=False, color_system=None))
        monkeypatch.setattr(common.sys.stderr, "isatty", lambda: True, raising=False)
        common.fail("rof[/b].txt: functions file not found")
        assert "rof[/b].txt" in buf.getvalue()


def test_invisible_and_decomposed_characters_do_not_split_words(tmp_path, tally):
    with counted(tally, "silent-loss"):
        import unicodedata

        path = tmp_path / "t.csv"
        text = "Publicar la informa\u200bción de trans\u00adparencia \u202eactiva " + unicodedata.normalize(
            "NFD", "Publicación")
        path.write_bytes(H.csv_bytes([["id", "text"], ["1", text]]))
        [c] = read_table(path).commitments
        assert c.description == "Publicar la información de transparencia activa Publicación"


def test_screen_timeout_gives_up_on_one_input_and_goes_on(tmp_path, tally):
    with counted(tally, "size-limits"):
        slow = tmp_path / "slow.txt"
        slow.write_text(H.numbered_draft(3000), "utf-8")
        fast = tmp_path / "fast.csv"
        fast.write_bytes(H.csv_bytes([["id", "text"], ["F1", H.GOOD_ES]]))
        result = _screen(str(slow), str(fast), "--format", "jsonl", "--timeout", "0.05")
        assert result.exit_code == 1
        assert "timed out after 0.05 s" in _one_line_error(result, str(slow))
        ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()]
        assert ids == ["F1"] or ids == []  # the second input gets its own 0.05 s


def test_screen_rejects_a_negative_timeout(tally):
    with counted(tally, "size-limits"):
        result = _screen("-", "--timeout", "-1", input="texto")
        assert result.exit_code == 2


def test_big_tables_are_judged_and_written_a_chunk_at_a_time(tmp_path, tally, monkeypatch):
    with counted(tally, "size-limits"):
        import ambicion
        from ambicion_cli.commands import screen as screen_cmd

        sizes: list[int] = []
        real = ambicion.assess_many

        def spy(items, *args, **kwargs):
            items = list(items)
            sizes.append(len(items))
            return real(items, *args, **kwargs)

        monkeypatch.setattr(ambicion, "assess_many", spy)
        monkeypatch.setattr(screen_cmd, "CHUNK", 40)
        path = tmp_path / "big.csv"
        path.write_bytes(H.csv_bytes([["id", "text"]] + [[f"r{i}", f"{H.GOOD_EN} Item {i}."] for i in range(130)]))
        out = tmp_path / "out.json"
        result = _screen(str(path), "--format", "json", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert sizes == [40, 40, 40, 10]
        assert [r["id"] for r in json.loads(out.read_text("utf-8"))] == [f"r{i}" for i in range(130)]


def test_huge_json_numbers_and_thousands_of_bad_rows(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "t.jsonl"
        lines = ['{"id": 1' + "0" * 5000 + ', "text": "algo"}', json.dumps({"id": "ok", "text": H.GOOD_ES})]
        lines += [json.dumps({"id": f"e{i}", "text": ""}) for i in range(120)]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        got = read_screening_input(path)
        assert [c.id for c in got.commitments] == ["ok"]
        assert got.problems[0].startswith("line 1 is not usable JSON")
        assert len(got.problems) == 51 and got.problems[-1] == "… and 71 more refused row(s)"


def test_functions_through_a_pipe_are_read_once(tmp_path, tally):
    with counted(tally, "silent-loss"):
        rof = ("a) Publicar la información de los contratos de obras del sector.\n"
               "b) Supervisar la ejecución de los proyectos de inversión pública.\n").encode("utf-8")
        table = tmp_path / "t.csv"
        table.write_bytes(H.csv_bytes([["id", "text"]] + [[f"r{i}", H.GOOD_ES] for i in range(3)]))
        with H.fifo_with_writer(tmp_path / "rof.txt", rof) as fifo:
            result = _screen(str(table), "--functions", str(fifo), "--format", "jsonl")
        assert result.exit_code == 0, result.output
        assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("first", [997, 9_997, 99_997])
def test_commitment_numbers_beyond_999(tally, first):
    # a number one digit longer than the reader took was glued, with its text, to the
    # commitment before it
    with counted(tally, "silent-loss"):
        numbers = range(first, first + 7)
        text = "\n\n".join(f"Compromiso {i}: Publicar el registro {i} en datos abiertos\n"
                           f"La entidad publicará el registro {i} cada mes." for i in numbers)
        assert [c.number for c in read_draft(text)] == [str(i) for i in numbers]


def test_dev_stdin_pipe_is_read_once_and_whole(tally):
    import subprocess
    import sys

    with counted(tally, "silent-loss"):
        proc = subprocess.run([sys.executable, "-m", "ambicion", "screen", "/dev/stdin", "--format", "jsonl"],
                              input=H.numbered_draft(200), capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        assert len(proc.stdout.splitlines()) == 200


@pytest.mark.parametrize("command", ["screen", "batch", "extract"])
def test_overlong_and_looping_input_names_are_one_line(tmp_path, tally, command):
    with counted(tally, "names-and-markup"):
        loop = tmp_path / "loop.pdf"
        loop.symlink_to(loop)
        names = [str(tmp_path / ("n" * 300 + ".pdf")), str(loop)]
        extra = ["-o", str(tmp_path / "out")] if command == "batch" else []
        result = runner.invoke(_app(), [command, *names, *extra])
        assert result.exit_code == 1, result.output
        message = _one_line_error(result)
        assert "File name too long" in message and ("symbolic links" in message or "loop" in message.lower())


@pytest.mark.parametrize("cell, why", [("NaN", "a missing value"), ("null", "a missing value"),
                                       ('{"es": "Publicar datos"}', "a JSON object"),
                                       ('["uno", "dos"]', "a JSON array")])
def test_csv_cells_holding_missing_values_or_json_are_refused(tmp_path, tally, cell, why):
    with counted(tally, "bad-rows"):
        path = tmp_path / "t.csv"
        path.write_bytes(H.csv_bytes([["id", "text"], ["1", cell], ["2", "[Borrador] " + H.GOOD_ES]]))
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["2"]
        assert str(got.problems[0]).startswith("row 2 ") and why in str(got.problems[0])


def test_binary_without_nul_bytes_is_not_text(tmp_path, tally):
    with counted(tally, "encoding"):
        import random

        rng = random.Random(7)
        allowed = [c for c in range(1, 256) if c not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)]
        path = tmp_path / "noise.txt"
        path.write_bytes(bytes(rng.choice(allowed) for _ in range(5000)))
        with pytest.raises(InputError, match="not a text file"):
            read_screening_input(path)


def test_batch_plan_with_an_overlong_commitment_fails_plainly(tally):
    with counted(tally, "size-limits"):
        from ambicion.model import Commitment, Plan
        from ambicion.study import build_study
        from ambicion.testing.studies import keyword_judge

        huge = Commitment(id="1", number="1", title="Todo", description="transparencia " * 90_000)
        ok = Commitment(id="2", number="2", title="Datos", description=H.GOOD_ES)
        study = build_study([Plan(source="huge.pdf", commitments=(huge,)), Plan(source="ok.pdf", commitments=(ok,))],
                            judge=keyword_judge)
        [(source, reason)] = list(study.failures.itertuples(index=False, name=None))
        assert source == "huge.pdf" and "over the" in reason and "E088" not in reason
        assert list(study.commitments["source"]) == ["ok.pdf"]


@pytest.mark.parametrize("name, data, why", [
    ("draft.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Compromiso 1: datos}", "RTF"),
    ("draft.txt", b"  {\\rtf1\\ansi Compromiso 1: datos}", "RTF"),
    ("table.xlsx", b"PK\x03\x04" + bytes(100), "spreadsheet"),
])
def test_formats_whose_markup_would_be_judged_are_refused(tmp_path, tally, name, data, why):
    with counted(tally, "encoding"):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError, match=why):
            read_screening_input(path)


def test_terminal_table_never_prints_control_characters(tally, monkeypatch):
    with counted(tally, "names-and-markup"):
        import ambicion
        from ambicion_cli.commands.screen import render_table

        a = ambicion.assess(H.GOOD_ES)
        import dataclasses

        hostile = dataclasses.replace(a, title="Título \x1b[2J\x1b]0;x\x07 fin", ambition_reasons=("razón \x1b[31m",))
        out = render_table([ambicion.Proposal(hostile)], "es", 100)
        assert "\x1b" not in out and "\x07" not in out and "Título" in out


def test_screen_says_which_encoding_it_assumed(tmp_path, tally):
    with counted(tally, "encoding"):
        path = tmp_path / "win.txt"
        path.write_bytes("Compromiso 1: Publicación de los datos abiertos del ministerio cada mes.".encode("cp1252"))
        result = _screen(str(path), "--format", "jsonl")
        assert result.exit_code == 0, result.output
        assert f"note: {path}: not UTF-8; read as Windows-1252" in result.stderr.splitlines()
        assert "Publicación" in json.loads(result.stdout.splitlines()[0])["title"]


def test_library_assess_of_an_overlong_text_names_the_limit(tally):
    with counted(tally, "size-limits"):
        import ambicion

        with pytest.raises(ValueError) as err:
            ambicion.assess("transparencia " * 80_000)
        assert "over the" in str(err.value) and "E088" not in str(err.value)
