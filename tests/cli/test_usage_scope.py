"""ambicion's one-line usage errors and translated help words are its own: another typer app
in the same process (one that embeds ambicion's, or the user's own) keeps typer's output."""

from __future__ import annotations

import typer
import typer.rich_utils as rich_utils
from typer.testing import CliRunner

from ambicion_cli.main import build_app

runner = CliRunner()


def _other_app() -> typer.Typer:
    other = typer.Typer(add_completion=False)

    @other.command()
    def hello(count: int = typer.Option(1, "--count")) -> None:
        print("hello" * count)

    return other


def test_another_typer_app_keeps_typers_error_output_after_ambicions_ran():
    before = runner.invoke(_other_app(), ["--count", "many"], env={"COLUMNS": "100"})
    words = (rich_utils.rich_format_error, rich_utils.OPTIONS_PANEL_TITLE, rich_utils.RICH_HELP)

    spanish = runner.invoke(build_app(lang="es"), ["--lang", "es", "screen", "x", "--nope"],
                            env={"COLUMNS": "100"})
    assert spanish.exit_code == 2
    assert spanish.stderr.strip().splitlines() == [spanish.stderr.strip()]  # one line
    assert "No existe la opción --nope." in spanish.stderr

    after = runner.invoke(_other_app(), ["--count", "many"], env={"COLUMNS": "100"})
    assert after.exit_code == before.exit_code == 2
    assert after.stderr == before.stderr  # typer's own panel, in English, as before
    assert "Usage:" in after.stderr and "Error" in after.stderr and "--help" in after.stderr
    assert "error: " not in after.stderr and "Opciones" not in after.stderr
    assert (rich_utils.rich_format_error, rich_utils.OPTIONS_PANEL_TITLE, rich_utils.RICH_HELP) == words


def test_another_apps_help_is_not_in_ambicions_language():
    runner.invoke(build_app(lang="es"), ["--lang", "es", "screen", "--help"])
    shown = runner.invoke(_other_app(), ["--help"], env={"COLUMNS": "100"})
    assert shown.exit_code == 0 and "Options" in shown.stdout and "Opciones" not in shown.stdout


def test_an_error_inside_ambicions_run_still_restores_typers_printer():
    original = rich_utils.rich_format_error
    result = runner.invoke(build_app(lang="en"), ["batch", "x"])  # -o missing: a usage error
    assert result.exit_code == 2 and "Missing option -o / --output." in result.stderr
    assert rich_utils.rich_format_error is original
