"""The command line in Spanish or English: help, placeholders, errors, progress words, --version."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from ambicion import __version__
from ambicion.i18n import catalogue, ui_language
from ambicion_cli.main import build_app

runner = CliRunner()
DRAFT = ("Compromiso 1: Datos abiertos de obras\nEl Ministerio publicará los contratos de obras en "
         "datos abiertos y responderá por escrito a las denuncias en 15 días.\n")


def _invoke(args: list[str], env: dict[str, str] | None = None, **kw):
    """As the console script does: the app is built from the command line and the locale."""
    environ = {"LANG": "C.UTF-8", **(env or {})}
    return runner.invoke(build_app(args, environ), args, env=environ, **kw)


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "es_PE.UTF-8"}, "es"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
    ({"LC_ALL": "", "LC_MESSAGES": "en_US", "LANG": "es_PE"}, "en"),
    ({"AMBICION_LANG": "es", "LANG": "C"}, "es"),
    ({}, "en"),
])
def test_language_comes_from_the_locale(environ, expected):
    assert ui_language(None, environ) == expected
    assert ui_language("en", {"LANG": "es_PE.UTF-8"}) == "en"  # --lang wins


def test_catalogues_have_the_same_keys_and_plural_forms():
    es, en = catalogue("es"), catalogue("en")
    assert set(es.messages) == set(en.messages)
    assert es("failures.header", count=1) == "1 archivo falló:"
    assert es("failures.header", count=3) == "3 archivos fallaron:"
    assert en("count.plans", count=1) == "1 plan" and en("count.plans", count=2) == "2 plans"


def test_help_in_spanish_with_lang_and_word_placeholders():
    result = _invoke(["screen", "--help", "--lang", "es"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Uso: ambicion screen [OPCIONES] ARCHIVO..." in out
    assert "Argumentos" in out and "Opciones" in out and "Mostrar esta ayuda y salir." in out
    assert "FORMATO" in out and "IDIOMA" in out
    assert "{inputs}" not in out and "<list[str]>" not in out and "<bool>" not in out
    assert "Indica qué valores de gobierno abierto" in out


def test_help_in_spanish_from_the_locale():
    result = _invoke(["--help"], env={"LANG": "es_PE.UTF-8", "COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "COMANDO [ARGUMENTOS]..." in result.output and "Comandos" in result.output
    assert "Analiza muchos planes y revisiones" in result.output
    english = _invoke(["--help"], env={"COLUMNS": "120"})
    assert "Commands" in english.output and "Analyse many plans and reviews" in english.output


def test_batch_help_placeholders():
    out = _invoke(["batch", "--help"], env={"LANG": "es_PE.UTF-8", "COLUMNS": "120"}).output
    assert "RUTA..." in out and "CARPETA" in out and "SEGUNDOS" in out
    assert "<path>" not in out and "<int>" not in out and "<float>" not in out


def test_version():
    for args in (["--version"], ["--lang", "es", "--version"]):
        result = _invoke(args)
        assert result.exit_code == 0
        assert result.stdout.strip() == f"ambicion {__version__}"


def test_errors_in_spanish(tmp_path):
    result = _invoke(["screen", "x.txt", "--format", "pdf"], env={"LANG": "es_PE.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --format debe ser table, json, jsonl, csv, html, md, xlsx o docx, no «pdf»"
    result = _invoke(["screen", "x.txt", "--format", "html", "--lang", "es"])
    assert "escribe un archivo; indíquelo con -o" in result.stderr
    english = _invoke(["screen", "x.txt", "--format", "pdf"])
    assert "--format must be table, json, jsonl, csv, html, md, xlsx or docx, not 'pdf'" in english.stderr


def test_failures_listed_in_spanish_and_the_rest_still_screened(tmp_path):
    draft = tmp_path / "borrador.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = _invoke(["screen", str(draft), str(tmp_path / "falta.txt")], env={"LANG": "es_PE.UTF-8"})
    assert result.exit_code == 1
    assert "1 archivo falló:" in result.stderr and "falta.txt" in result.stderr
    assert "Propuesta 1" in result.stdout and "Potencial de resultados" in result.stdout


def test_terminal_table_follows_the_terminal_width(tmp_path):
    draft = tmp_path / "borrador.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    for columns in (60, 100, 140):
        result = _invoke(["screen", str(draft), "--lang", "es"], env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, result.output
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert max(len(line.rstrip()) for line in lines) <= columns
        assert any(len(line) == columns for line in lines if line.startswith("┌"))


def test_terminal_table_shows_no_probability_and_no_internal_id(tmp_path):
    draft = tmp_path / "borrador.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = _invoke(["screen", str(draft), "--lang", "es"], env={"COLUMNS": "120"}).stdout
    assert "borrador#" not in out and out.count("borrador.txt") == 1
    assert not re.search(r"\d\.\d\d|\d\s*%", out)
    assert re.search(r"confianza (alta|media|baja)", out)


def test_terminal_table_prints_user_text_as_written():
    text = "Compromiso 1: [bold]Datos[/bold] abiertos [/]\nPublicar los contratos en datos abiertos.\n"
    result = _invoke(["screen", "-"], input=text, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "[bold]Datos[/bold] abiertos [/]" in result.stdout


def test_usage_errors_in_spanish():
    missing = _invoke(["batch", "x"], env={"LANG": "es_PE.UTF-8", "COLUMNS": "120"})
    assert missing.exit_code == 2 and "Falta la opción -o / --output." in missing.output
    unknown = _invoke(["screen", "x", "--nope"], env={"LANG": "es_PE.UTF-8", "COLUMNS": "120"})
    assert unknown.exit_code == 2 and "No existe la opción --nope." in unknown.output
    nothing = _invoke(["screen"], env={"LANG": "es_PE.UTF-8", "COLUMNS": "120"})
    assert "Falta ARCHIVO." in nothing.output


@pytest.mark.parametrize("data, english, spanish", [
    # UTF-8 text with one Windows-1252 byte on line 2
    ("Compromiso 1: Datos abiertos\nLa entidad publicará".encode() + b" caf\xe9.\n",
     "mixes encodings: it is UTF-8 but has a byte that is not (byte 0xe9 on line 2); save it again as UTF-8",
     "mezcla codificaciones: es UTF-8 pero tiene un byte que no lo es (byte 0xe9 en la línea 2); "
     "guárdelo de nuevo como UTF-8"),
    # a UTF-16 byte-order mark, then a half code unit
    (b"\xff\xfeC\x00o\x00\n\x00=",
     "starts with a UTF-16 byte-order mark but is not valid UTF-16 (byte 0x3d on line 2)",
     "empieza con una marca de orden de bytes UTF-16 pero no es UTF-16 válido (byte 0x3d en la línea 2)"),
])
def test_where_a_bad_byte_is_said_in_the_users_language(tmp_path, data, english, spanish):
    draft = tmp_path / "borrador.txt"
    draft.write_bytes(data)
    for lang, reason in (("en", english), ("es", spanish)):
        result = _invoke(["--lang", lang, "screen", str(draft)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert f"{draft}: {reason}" in result.stderr, result.stderr


def test_a_bad_bytes_place_at_the_end_of_the_file_is_said_in_spanish():
    es = catalogue("es")
    assert es.reason("is neither UTF-8 nor Windows-1252 text (at byte 12); save it as UTF-8") == \
        "no es texto UTF-8 ni Windows-1252 (en el byte 12); guárdelo como UTF-8"
