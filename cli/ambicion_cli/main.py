"""The typer app: each command lives in its own module under `commands/` and registers here.

`build_app` makes the app in the user's language — `--lang es|en` anywhere on the command
line, else AMBICION_LANG, else the locale (see `ambicion.i18n`) — so help, progress and
errors are Spanish for a Spanish-speaking forum and English otherwise.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Mapping, Optional, Sequence, TextIO, cast

import typer

from ambicion import __version__
from ambicion.i18n import Catalogue, catalogue, ui_language

from .commands import batch, extract, inspect, join, screen, serve, train
from .localised import LocalisedTyper, localised_classes

COMMANDS = (extract, screen, batch, train, join, inspect, serve)


def build_app(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> typer.Typer:
    """The command-line app, in `lang` or the language `argv` and `environ` ask for."""
    messages = catalogue(ui_language(lang or _lang_in(argv or ()), environ))
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


def _lang_in(argv: Sequence[str]) -> str | None:
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


app = build_app(lang="en")  # for `from ambicion_cli.main import app` (tests, embedding): English


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings (e.g. a judge without its models) as one line in the user's language, not a
    source excerpt."""
    messages = catalogue()  # the language run() settled on (AMBICION_LANG)
    return f"{messages('warning.prefix')}: {messages.reason(' '.join(str(message).split()))}\n"


def run() -> None:
    """Console-script entry point: the app in the user's language."""
    from ambicion import OutputError
    from ambicion.errors import one_line_notes

    from .common import GuardedStdout, error_line, print_error, speaking, unicode_streams

    argv = sys.argv[1:]
    language = ui_language(_lang_in(argv))
    os.environ["AMBICION_LANG"] = language  # worker processes print their notes in it too
    unicode_streams()
    sys.stdout = cast(TextIO, GuardedStdout(sys.stdout))  # a full disk under `> out` is one line, not a traceback
    warnings.formatwarning = _one_line_warning
    one_line_notes()  # readers' notes as "note: …" lines, other warnings as above
    messages = catalogue(language)
    try:
        try:
            build_app(argv, lang=language)()
        finally:
            sys.stdout.flush()  # here, not at exit, where a failure could no longer be said
    except OutputError as exc:  # what help, --version or a listing met writing standard output
        with speaking(messages):
            print_error(error_line(exc), messages("error.prefix"))
        raise SystemExit(1) from None
    finally:
        leave_objects_to_exit()


def leave_objects_to_exit() -> None:
    """Keep the interpreter's shutdown from garbage-collecting what the command made.

    Why: a command that loaded the judge holds about a quarter of a million objects, and
    the collections Python runs while it shuts down walked them all to free memory that
    the exit frees anyway: 0.4–0.7 s after a batch's last file was written, on the critical
    path of every run. Frozen objects are left out of collections; nothing else changes
    (files are closed by the commands, exit handlers still run).
    """
    import gc

    gc.freeze()


if __name__ == "__main__":
    run()
