"""Every command's help is Spanish under `--lang es` or a Spanish locale, placeholders as words.

How it can fail: the help of every command, argument and option is looked up in both apps;
each text must come from its language's catalogue and differ between the two (a string
written into the code is the same in both and in neither catalogue), and the rendered
Spanish help must hold no English catalogue sentence and no Python type as a placeholder.
"""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from ambicion.i18n import catalogue
from ambicion_cli.main import build_app

runner = CliRunner()
ES, EN = catalogue("es"), catalogue("en")


def _strings(messages) -> set[str]:
    return {v for v in messages.messages.values() if isinstance(v, str)}


def _walk(lang: str) -> dict[str, dict[str, tuple[str | None, str | None]]]:
    """command -> {"": (command help, None), param name -> (help, placeholder)}."""
    group = typer.main.get_command(build_app(lang=lang))
    out = {"": {"": (group.help, None), **_params(group)}}
    for name, command in group.commands.items():
        out[name] = {"": (command.help, None), **_params(command)}
    return out


def _params(command) -> dict[str, tuple[str | None, str | None]]:
    found = {}
    for p in command.params:
        takes_value = not getattr(p, "is_flag", False) and not getattr(p, "count", False)
        found[p.name] = (getattr(p, "help", None), p.metavar if takes_value else None)
    return found


COMMANDS = sorted(typer.main.get_command(build_app(lang="en")).commands)


def test_every_help_text_and_placeholder_comes_from_the_catalogue():
    es, en = _walk("es"), _walk("en")
    assert set(es) == set(en) and len(es) == len(COMMANDS) + 1
    es_texts, en_texts = _strings(ES), _strings(EN)
    english_left = []
    for command, params in es.items():
        for name, (help_es, metavar_es) in params.items():
            help_en, metavar_en = en[command][name]
            where = f"{command or 'ambicion'} {name or '(command)'}"
            if name == "help":
                continue  # typer's own --help, localised by the app (checked in the output below)
            assert help_es and help_en, f"{where}: no help"
            if help_es not in es_texts or help_en not in en_texts or help_es == help_en:
                english_left.append(where)
            if metavar_es is not None or metavar_en is not None:
                assert metavar_es in es_texts and metavar_en in en_texts, f"{where}: placeholder {metavar_es!r}"
    assert not english_left, "help not taken from the catalogue: " + ", ".join(english_left)


ENGLISH_HELP = sorted(s for key, s in EN.messages.items()
                      if isinstance(s, str) and len(s) > 12 and s not in _strings(ES)
                      and key.split(".")[0] in {"app", "help", *COMMANDS})


@pytest.mark.parametrize("command", ["", *COMMANDS])
@pytest.mark.parametrize("how", ["--lang", "locale"])
def test_rendered_help_is_spanish(command, how):
    args = ([command] if command else []) + ["--help"]
    environ = {"COLUMNS": "250", "LANG": "es_PE.UTF-8" if how == "locale" else "C.UTF-8"}
    if how == "--lang":
        args = ["--lang", "es", *args]
    result = runner.invoke(build_app(args, environ), args, env=environ)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.replace("│", " ").split())
    assert "Uso: ambicion" in out and "Mostrar esta ayuda y salir." in out
    assert not [s for s in ENGLISH_HELP if " ".join(s.split()) in out]
    placeholders = re.findall(r"<[a-z][\w\[\], ]*>|\{[a-z_]+\}|\b(?:TEXT|INTEGER|FLOAT|PATH|BOOLEAN)\b", out)
    assert not placeholders, placeholders
    for english in ("Show this message", "Usage:", "Options", "Arguments", "[default:", "[required]"):
        assert english not in out, english


@pytest.mark.parametrize("args, spanish", [
    (["batch", "x", "-o", "y", "--jobs", "0"], "Valor no válido para '--jobs'"),
    (["screen", "x", "--timeout", "abc"], "debe ser un número"),
    (["inspect", "x", "--page", "uno"], "debe ser un número entero"),
    (["no-existe"], "No existe el comando 'no-existe'"),
    (["screen", "x", "--format"], "La opción '--format' necesita un valor"),
    (["join", "a.pdf", "b.pdf", "c.pdf", "-o", "x.jsonl"], "Sobra"),
])
def test_usage_errors_are_spanish(args, spanish):
    result = runner.invoke(build_app(lang="es"), args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    out = " ".join(result.output.replace("│", " ").split())
    assert spanish in out, out
    for english in ("Invalid value", "Input should", "No such command", "Got unexpected",
                    "requires an argument", "is not a valid", "is not in the range"):
        assert english not in out, out
    english = runner.invoke(build_app(lang="en"), args, env={"COLUMNS": "200"}).output
    assert spanish not in " ".join(english.replace("│", " ").split())
