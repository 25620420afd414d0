"""Hostile inputs the first sweep left: usage errors, foreign reviews through the library,
over-long names, UTF-16 without a byte-order mark, oversized rated rows, invisible text.

Each is generated here; the promise checked is the README's: one line naming the file (or
the option) and the reason, never a traceback.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from .hostile import counted

runner = CliRunner()

BAD_USAGE = [
    ["batch", "x.pdf", "-o", "o", "--jobs", "0"], ["extract", "x.pdf", "--max-pages", "-5"],
    ["extract", "x.pdf", "--max-pages", "0"], ["screen", "-", "--timeout", "nan"],
    ["screen", "-", "--timeout", "-1"], ["screen", "x.txt", "--no-such-thing"],
    ["join", "plan.pdf"], ["train", "--bogus"], ["inspect"], ["serve", "--port", "x"],
    ["no-such-command"], ["evaluate", "--real"],
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", BAD_USAGE, ids=" ".join)
def test_usage_errors_are_one_line_in_the_users_language(tally, args, lang):
    with counted(tally, "usage-errors"):
        from ambicion_cli.main import build_app

        result = runner.invoke(build_app(lang=lang), args, env={"COLUMNS": "60"})
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        line = lines[0]
        command = "ambicion" if args[0] == "no-such-command" else f"ambicion {args[0]}"
        assert line.startswith(f"error: {command}: "), line
        hint = {"en": "(see `", "es": "(vea `"}[lang]
        assert line.endswith(f"{hint}{command} --help`)"), line
        assert "╭" not in line and "Usage" not in line and "Uso" not in line
        option = next((a for a in args if a.startswith("--")), None)
        if option and option != "--real":
            assert option in line, line
        if lang == "es":
            assert not any(w in line for w in ("Invalid value", "Input should", "No such", "Missing")), line


def test_help_is_still_the_full_page(tally):
    with counted(tally, "usage-errors"):
        from ambicion_cli.main import build_app

        result = runner.invoke(build_app(lang="en"), ["batch", "--help"], env={"COLUMNS": "100"})
        assert result.exit_code == 0
        assert "Usage: ambicion batch" in result.stdout and "--jobs" in result.stdout
        assert len(result.stdout.splitlines()) > 10


# ---------------------------------------------------------------- a review of another plan


def _plan_and_review(country: str, period: str, review_country: str, review_period: str):
    from ambicion.model import Commitment, IrmRating, Plan, Review

    plan = Plan(source="plan.pdf", country=country, period=period,
                commitments=(Commitment(id="c1", number="1", title="Portal de datos abiertos de compras"),))
    review = Review(source="revision.pdf", country=review_country, period=review_period,
                    ratings=(IrmRating(number="1", title="Portal de datos abiertos de compras"),))
    return plan, review


@pytest.mark.parametrize("review_country, review_period, said", [
    ("Chile", "2020-2022", "reviews Chile's plan, not Perú's"),
    ("Perú", "2016-2018", "reviews the plan of 2016-2018, not that of 2020-2022"),
])
def test_the_library_refuses_a_review_of_another_plan(tally, review_country, review_period, said):
    with counted(tally, "foreign-review"):
        import ambicion
        from ambicion.errors import InputError

        plan, review = _plan_and_review("Perú", "2020-2022", review_country, review_period)
        with pytest.raises(InputError) as caught:
            ambicion.join(plan, review)
        assert caught.value.source == "revision.pdf" and caught.value.reason == said
        assert str(caught.value) == f"revision.pdf: {said}"


@pytest.mark.parametrize("review_country, review_period", [("PERU", "2021-2023"), ("", ""), ("Perú", "")])
def test_the_library_pairs_a_review_that_does_not_say_otherwise(tally, review_country, review_period):
    with counted(tally, "foreign-review"):
        import ambicion

        plan, review = _plan_and_review("Perú", "2020-2022", review_country, review_period)
        assert [p.commitment.id for p in ambicion.join(plan, review).pairs] == ["c1"]


# ---------------------------------------------------------------- names thousands of characters long


def _deep_name(tmp_path, leaf: str) -> str:
    folders = "/".join(f"carpeta_{i:03d}_" + "x" * 60 for i in range(70))
    return f"{tmp_path}/{folders}/{leaf}"


@pytest.mark.parametrize("command", ["screen", "extract", "batch", "screen-output", "join-output"])
def test_an_over_long_name_is_shortened_in_its_error_line(tmp_path, tally, command):
    with counted(tally, "long-names"):
        from ambicion_cli.main import build_app

        from ambicion.errors import MAX_SHOWN_NAME

        name = _deep_name(tmp_path, "plan_de_accion.pdf")
        assert len(name) > 5000
        args = {"screen": ["screen", name], "extract": ["extract", name],
                "batch": ["batch", name, "-o", str(tmp_path / "out")],
                "screen-output": ["screen", "-", "-f", "jsonl", "-o", name + ".jsonl"],
                "join-output": ["join", "a.pdf", "b.pdf", "-o", name + ".txt"]}[command]
        result = runner.invoke(build_app(lang="en"), args, input="Publicar los contratos de obras en datos abiertos.\n")
        assert result.exit_code in (1, 2), result.output
        named = [line for line in result.stderr.splitlines() if "carpeta_000" in line]
        assert len(named) == 1, result.stderr
        line = named[0]
        assert len(line) < MAX_SHOWN_NAME + 120, len(line)
        assert str(tmp_path) in line and "…" in line  # the start kept, the middle elided
        leaf = {"screen-output": "plan_de_accion.pdf.jsonl", "join-output": "plan_de_accion.pdf.txt"}
        assert "/" + leaf.get(command, "plan_de_accion.pdf") in line  # the file name kept whole
        assert line.rstrip().endswith(("File name too long)", "too long", ".jsonl, .csv or .parquet",
                                       "must be a .jsonl file")) or "found" in line, line


def test_the_error_keeps_the_whole_name_for_programs(tmp_path, tally):
    with counted(tally, "long-names"):
        import ambicion
        from ambicion.errors import InputError, display_name, shortened

        name = _deep_name(tmp_path, "x.pdf")
        with pytest.raises(InputError) as caught:
            ambicion.read_plan(name)
        assert caught.value.source == name  # nothing lost: only the shown line is short
        assert str(caught.value).startswith(shortened(name) + ": ")
        bare = "n" * 400 + ".pdf"
        assert len(shortened(bare)) == 160 and shortened(bare).endswith("n.pdf") and shortened(bare).startswith("nnn")
        assert display_name("a\nb/" + "c" * 300 + "/d.pdf").startswith("a\\nb/c")
        assert shortened("/short/name.pdf") == "/short/name.pdf"


# ---------------------------------------------------------------- UTF-16 without a byte-order mark

DRAFT = ("Compromiso 1: Publicar los contratos de obras en datos abiertos\n"
         "El ministerio publicará cada mes todos los contratos de obra pública en formato abierto "
         "y responderá por escrito a las consultas ciudadanas en quince días.\n")


@pytest.mark.parametrize("codec, name", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl"])
def test_utf16_without_a_mark_is_read_and_said(tmp_path, tally, codec, name, suffix):
    with counted(tally, "utf16-unmarked"):
        import json
        import warnings

        import ambicion
        from ambicion.errors import InputNote

        text = {".txt": DRAFT, ".csv": "id,text\nA1,\"" + DRAFT.replace("\n", " ") + "\"\n",
                ".jsonl": json.dumps({"id": "A1", "text": DRAFT}, ensure_ascii=False) + "\n"}[suffix]
        path = tmp_path / f"borrador{suffix}"
        path.write_bytes(text.encode(codec))
        assert not path.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = ambicion.read_commitments(path)
        assert got and "contratos de obra pública" in " ".join(c.text for c in got)
        notes = [str(w.message) for w in caught if issubclass(w.category, InputNote)]
        assert notes == [f"{path}: not UTF-8; read as {name}"], notes


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_utf16_without_a_mark_that_is_not_valid_is_refused_naming_the_byte(tmp_path, tally, suffix):
    with counted(tally, "utf16-unmarked"):
        import ambicion
        from ambicion.errors import InputError
        from ambicion.i18n import untranslated

        path = tmp_path / f"cortado{suffix}"
        body = ("id,text\nA1," if suffix == ".csv" else "") + DRAFT
        path.write_bytes(body.encode("utf-16-le") + b"\x00\xdc" + "más texto".encode("utf-16-le"))  # a lone surrogate
        with pytest.raises(InputError) as caught:
            ambicion.read_commitments(path)
        reason = caught.value.reason
        assert reason.startswith("looks like UTF-16LE text without a byte-order mark but is not valid UTF-16LE ("), reason
        assert untranslated(reason) == []


@pytest.mark.parametrize("data", [bytes(range(256)) * 40, b"\x00\x00\x00\x01" * 500,
                                  "texto de prueba".encode("utf-8").replace(b" ", b"\x00") * 50])
def test_binary_content_is_still_binary(tmp_path, tally, data):
    with counted(tally, "utf16-unmarked"):
        import ambicion
        from ambicion.errors import InputError

        path = tmp_path / "datos.txt"
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            ambicion.read_commitments(path)
        assert "binary content" in caught.value.reason


# ---------------------------------------------------------------- rated rows, streamed under the bounds

ROW = '{"id": "%s", "country": "X", "text": "El ministerio publicará los contratos de obras cada mes.", "potential_impact": "minor"}'


@pytest.fixture
def small_limits(monkeypatch):
    from ambicion import limits as L

    monkeypatch.setenv("AMBICION_MAX_INPUT_BYTES", "20000")
    monkeypatch.setenv("AMBICION_MAX_TABLE_CELL_CHARS", "1000")
    monkeypatch.setenv("AMBICION_MAX_TABLE_ROWS", "50")
    L.limits.cache_clear()
    yield
    L.limits.cache_clear()


def test_rated_rows_bad_lines_fail_one_by_one(tmp_path, tally, small_limits):
    with counted(tally, "rated-rows"):
        from ambicion.i18n import untranslated
        from ambicion.learn.real import load_real

        path = tmp_path / "rated.jsonl"
        lines = [ROW % "A1", '{"id": "A2", "text": "' + "x" * 5000 + '"}', "[" * 400 + "]" * 400,
                 (ROW % "A3").replace("cada mes", "cada\u2028mes"), "{no json", ROW % "A4"]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        rows, problems = load_real([path])
        assert [r.id for r in rows] == ["A1", "A3", "A4"]
        assert problems[0] == "rated.jsonl:2: is longer than 1,000 characters"
        assert problems[1].startswith("rated.jsonl:3: ") and problems[2].startswith("rated.jsonl:5: not JSON")
        assert len(problems) == 3 and all(untranslated(p) == [] for p in problems), problems


@pytest.mark.parametrize("case", ["oversize", "too-many-rows", "not-utf8", "folder"])
def test_a_rated_file_beyond_the_bounds_is_refused_in_one_line(tmp_path, tally, small_limits, case):
    with counted(tally, "rated-rows"):
        from ambicion.errors import InputError
        from ambicion.i18n import untranslated
        from ambicion.learn.real import load_real

        path = tmp_path / "rated.jsonl"
        if case == "oversize":
            path.write_text("\n".join(ROW % f"A{i}" for i in range(300)) + "\n", "utf-8")
        elif case == "too-many-rows":
            path.write_text("\n".join(ROW % f"A{i}" for i in range(60)) + "\n", "utf-8")
        elif case == "not-utf8":
            path.write_bytes((ROW % "A1" + "\n" + ROW % "A2" + "\n").encode() + b'{"id": "A3", "text": "caf\xe9"}\n')
        else:
            path.mkdir()
        with pytest.raises(InputError) as caught:
            load_real([path])
        reason = caught.value.reason
        assert caught.value.source == str(path) and "\n" not in str(caught.value)
        assert untranslated(reason) == [], reason
        expected = {"oversize": "is 39 KB, over the 20 KB input limit (set AMBICION_MAX_INPUT_BYTES", "too-many-rows": "more than 50 rows",
                    "not-utf8": "not UTF-8 text (byte 0xe9 on line 3)", "folder": "is a directory"}[case]
        assert expected in reason, reason
