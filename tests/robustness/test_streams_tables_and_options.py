"""Standard output that cannot be written, tables that break their own quoting or run wide,
terminals without a width, a C locale, function lists that are not lists, rated rows too
alike to learn words from.

The promise checked is the README's: one line naming the file (or `<stdout>`) and the
reason, never a traceback, never an input blamed for what its output did; a table's other
rows are judged. Every input is generated here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ambicion.errors import InputError
from ambicion.extract.table import read_table
from ambicion.i18n import catalogue, untranslated

from .hostile import GOOD_ES, counted

runner = CliRunner()
DRAFT = "Compromiso 1: Publicar los contratos de obras en datos abiertos\n" + GOOD_ES + "\n"


def _cli(*args: str, **kwargs):
    from ambicion_cli.main import app

    return runner.invoke(app, list(args), **kwargs)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    from ambicion.testing import write_template_plan
    from ambicion.testing.samples import COMMITMENTS_ES, META_ES

    return write_template_plan(tmp_path_factory.mktemp("full") / "plan.pdf", META_ES, COMMITMENTS_ES[:1])


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (a device that is always full)")
@pytest.mark.parametrize("args", [["screen", "{plan}"], ["screen", "{plan}", "--format", "jsonl"],
                                  ["extract", "{plan}"], ["inspect", "{plan}"], ["--version"],
                                  ["screen", "{plan}", "--lang", "es", "--format", "csv"]])
def test_standard_output_on_a_full_disk_is_one_line_naming_it(plan, tally, args):
    with counted(tally, "output-targets"):
        argv = [a.replace("{plan}", str(plan)) for a in args]
        with FULL.open("w") as full:
            proc = subprocess.run([sys.executable, "-m", "ambicion", *argv], stdout=full, stderr=subprocess.PIPE,
                                  text=True, timeout=300)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
        [line] = proc.stderr.strip().splitlines()
        if "es" in argv:
            assert line == "error: <stdout>: no se puede escribir (no queda espacio en el dispositivo)", line
        else:
            assert line == "error: <stdout>: cannot be written (No space left on device)", line
        assert str(plan) not in line  # the plan was read: it is not what failed


# ---------------------------------------------------------------- tables that break their quoting


def test_a_quote_never_closed_is_one_bad_row_and_the_lines_it_took_are_read(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "unclosed.csv"
        path.write_text("id,text\n"
                        f'1,{GOOD_ES.replace(",", "")}\n'
                        '2,"La entidad publicará el registro sin cerrar la comilla\n'
                        "3,La entidad abrirá una consulta ciudadana sobre el reglamento.\n"
                        "4,\n"
                        "5,La contraloría publicará sus informes de auditoría cada trimestre.\n", "utf-8")
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["1", "3", "5"]
        assert [str(p) for p in got.problems] == [
            "row 3 opens a quoted cell that is never closed (it ran to the end of the file); the 3 line(s) after it "
            "were read on their own", "row 5 (id 4) has an empty text"]
        assert all(untranslated(str(p)) == [] for p in got.problems)
        assert "nunca se cierra" in catalogue("es").reason(str(got.problems[0]))
        result = _cli("screen", str(path), "--format", "jsonl")
        assert result.exit_code == 1 and result.stdout.count("\n") == 3 and "Traceback" not in result.output


def test_a_quote_closed_at_the_last_line_keeps_its_cell(tmp_path, tally):
    """A quoted cell that runs over several lines and closes is one cell, as it should be."""
    with counted(tally, "bad-rows"):
        path = tmp_path / "closed.csv"
        path.write_text(f'id,text\n1,"{GOOD_ES}\nsegunda línea del mismo compromiso"\n', "utf-8")
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["1"] and not got.problems
        assert "segunda línea" in got.commitments[0].text


def test_a_nul_byte_in_one_cell_refuses_the_file_in_one_line(tmp_path, tally):
    with counted(tally, "bad-rows"):
        path = tmp_path / "nul.csv"
        path.write_bytes(f"id,text\n1,{GOOD_ES.replace(',', '')}\n2,El ministerio\0 publicará datos.\n".encode())
        with pytest.raises(InputError, match="not a text file") as caught:
            read_table(path)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("rows", [0, 1])
def test_a_table_two_hundred_thousand_columns_wide(tmp_path, tally, rows):
    with counted(tally, "wide-tables"):
        path = tmp_path / "wide.csv"
        extra = 200_000
        lines = ["id,text," + ",".join(f"c{i}" for i in range(extra))]
        lines += [f"{k},{GOOD_ES.replace(',', '')}," + ",".join("x" * extra) for k in range(1, rows + 1)]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        if rows:
            assert [c.id for c in read_table(path).commitments] == ["1"]
        else:
            with pytest.raises(InputError) as caught:
                read_table(path)
            assert caught.value.reason == "the table has no rows"


# ---------------------------------------------------------------- terminals and locales


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "1", "99999"])
def test_a_terminal_of_no_width_or_a_strange_width_still_shows_the_view(tmp_path, tally, columns):
    with counted(tally, "terminal-and-locale"):
        path = tmp_path / "borrador.txt"
        path.write_text(DRAFT, "utf-8")
        result = _cli("screen", str(path), env={"COLUMNS": columns, "LINES": columns})
        assert result.exit_code == 0 and "Traceback" not in result.output
        assert "Propuesta 1" in result.stdout or "Proposal 1" in result.stdout


def test_a_c_locale_with_names_that_are_not_ascii(tmp_path, tally):
    with counted(tally, "terminal-and-locale"):
        path = tmp_path / "borrador-año.txt"
        path.write_text(DRAFT, "utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
        env.update(LC_ALL="C", LANG="C")
        proc = subprocess.run([sys.executable, "-m", "ambicion", "screen", str(path), str(tmp_path / "falta-ñ.txt"),
                               "--format", "jsonl"], capture_output=True, env=env, timeout=300)
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr
        assert "borrador-año.txt" in proc.stdout.decode("utf-8")
        assert "falta-ñ.txt: file not found" in proc.stderr.decode("utf-8", "backslashreplace")


# ---------------------------------------------------------------- function lists that are not lists


def _bomb_pdf(path: Path) -> Path:
    from .test_pdf_structures import DRAWING

    path.write_bytes(DRAWING["form-draws-itself-twice"][0])
    return path


@pytest.mark.parametrize("make, why", [
    (lambda p: (p.mkdir(), p)[1], "is a directory, not a file"),
    (lambda p: (p.write_bytes(b""), p)[1], "no function items found"),
    (lambda p: (p.write_bytes(bytes(range(256)) * 20), p)[1], "not a text file (binary content)"),
    (lambda p: _bomb_pdf(p.with_suffix(".pdf")), "draws a form XObject that draws itself"),
])
def test_a_functions_file_that_is_no_list_is_an_option_error(tmp_path, tally, make, why):
    with counted(tally, "option-extremes"):
        draft = tmp_path / "borrador.txt"
        draft.write_text(DRAFT, "utf-8")
        functions = make(tmp_path / "funciones.txt")
        result = _cli("screen", str(draft), "--functions", str(functions))
        assert result.exit_code == 2 and "Traceback" not in result.output
        [line] = [s for s in result.stderr.splitlines() if s.strip()]
        assert str(functions) in line and why in line, line


# ---------------------------------------------------------------- rated rows too alike


def test_rated_rows_too_alike_to_keep_any_word_give_no_text_columns_not_a_crash(tally):
    """A nested cross-validation fitted a text part on a few near-identical rows: every term
    fell under the document-frequency floor, and turning the rows into features crashed."""
    with counted(tally, "rated-rows"):
        from ambicion.learn.textcache import TextCache

        pool = [object() for _ in range(6)]
        texts = [f"texto{i} distinto{i}" for i in range(6)]  # no term in two rows
        vectorizer = TextCache(pool).vectorizer("word", lambda rows: [texts[pool.index(r)] for r in rows],
                                                {"min_df": 2, "sublinear_tf": True})
        X = vectorizer.fit(pool[:4]).transform_rows(pool)
        assert X.shape == (6, 0)
