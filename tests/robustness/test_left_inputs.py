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
