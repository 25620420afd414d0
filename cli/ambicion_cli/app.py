"""The typer app: each command lives in its own module under `commands/` and registers here.

`build_app` makes the app in the user's language — `--lang es|en` anywhere on the command
line, else AMBICION_LANG, else the locale (see `ambicion.i18n`) — so help, progress and
errors are Spanish for a Spanish-speaking forum and English otherwise.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Optional, Sequence

import typer

from ambicion import __version__
from ambicion.i18n import catalogue, ui_language

from .commands import batch, extract, inspect, join, screen, serve, train
from .localised import LocalisedTyper, localised_classes

COMMANDS = (extract, screen, batch, train, join, inspect, serve)


def build_app(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> typer.Typer:
    """The command-line app, in `lang` or the language `argv` and `environ` ask for."""
    messages = catalogue(ui_language(lang or lang_in(argv or ()), environ))
    group_cls, command_cls = localised_classes(messages)
    app = LocalisedTyper(messages, command_cls, name="ambicion", help=messages("app.help"),
                         no_args_is_help=True, options_metavar=messages("metavar.options"),
                         subcommand_metavar=messages("metavar.command"),
                         add_completion=False, pretty_exceptions_enable=False, cls=group_cls)

    @app.callback()
    def main(
        version: bool = typer.Option(False, "--version", help=messages("app.version"),
                                     is_eager=True, callback=_print_version),
        ui_lang: Optional[str] = typer.Option(None, "--lang", metavar=messages("metavar.lang"),
                                              help=messages("app.lang")),
    ) -> None:
        """(--lang was read when the app was built; see `build_app`.)"""

    main.__doc__ = messages("app.help")
    for module in COMMANDS:
        module.register(app)
    return app


def lang_in(argv: Sequence[str]) -> str | None:
    """The value of the last `--lang X` / `--lang=X` on the command line, if any."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def _print_version(value: bool) -> None:
    if value:
        print(f"ambicion {__version__}")
        raise typer.Exit()


@lru_cache(maxsize=1)
def english_app() -> typer.Typer:
    """The app in English, built once (`from ambicion_cli.main import app`: tests, embedding)."""
    return build_app(lang="en")
