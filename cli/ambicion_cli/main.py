"""The typer app: each command lives in its own module under `commands/` and registers here.

`build_app` makes the app in the user's language — `--lang es|en` anywhere on the command
line, else AMBICION_LANG, else the locale (see `ambicion.i18n`) — so help, progress and
errors are Spanish for a Spanish-speaking forum and English otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from typing import Any, Callable, Iterator, Mapping, Optional, Sequence

import typer
import typer.rich_utils as rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup

from ambicion import __version__
from ambicion.i18n import Catalogue, catalogue, ui_language

from .commands import batch, extract, inspect, join, screen, serve, train
from .common import speaking
from .usage import one_line_usage_errors, remember_language

COMMANDS = (extract, screen, batch, train, join, inspect, serve)


def build_app(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> typer.Typer:
    """The command-line app, in `lang` or the language `argv` and `environ` ask for."""
    messages = catalogue(ui_language(lang or _lang_in(argv or ()), environ))
    group_cls, command_cls = _localised_classes(messages)
    app = typer.Typer(name="ambicion", help=messages("app.help"), no_args_is_help=True,
                      options_metavar=messages("metavar.options"),
                      subcommand_metavar=messages("metavar.command"),
                      add_completion=False, pretty_exceptions_enable=False, cls=group_cls)
    app.ambicion_messages = messages  # type: ignore[attr-defined]  # read by common.messages_for

    @app.callback()
    def main(
        version: bool = typer.Option(False, "--version", help=messages("app.version"),
                                     is_eager=True, callback=_print_version),
        ui_lang: Optional[str] = typer.Option(None, "--lang", metavar=messages("metavar.lang"),
                                              help=messages("app.lang")),
    ) -> None:
        """(--lang was read when the app was built; see `build_app`.)"""

    main.__doc__ = messages("app.help")
    original = app.command

    def command(*args: Any, **kwargs: Any) -> Callable:
        """app.command, with the localised help and placeholders, running in the app's language."""
        kwargs.setdefault("cls", command_cls)
        kwargs.setdefault("options_metavar", messages("metavar.options"))
        decorator = original(*args, **kwargs)

        def register(fn: Callable) -> Callable:
            @functools.wraps(fn)
            def in_language(*a: Any, **k: Any) -> Any:
                with speaking(messages):
                    return fn(*a, **k)

            decorator(in_language)
            return fn

        return register

    app.command = command  # type: ignore[method-assign]
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


# typer's module-level words that its help and error output read at the time they print
_TYPER_WORDS = {"ARGUMENTS_PANEL_TITLE": "panel.arguments", "OPTIONS_PANEL_TITLE": "panel.options",
                "COMMANDS_PANEL_TITLE": "panel.commands", "ERRORS_PANEL_TITLE": "panel.error",
                "DEFAULT_STRING": "typer.default", "REQUIRED_LONG_STRING": "typer.required",
                "ABORTED_TEXT": "typer.aborted", "RICH_HELP": "typer.try_help"}


@contextlib.contextmanager
def _typer_in_language(messages: Catalogue) -> Iterator[None]:
    """typer's own help words (panel titles, [default], [required]) in the app's language and
    its usage errors as one line, for as long as the app runs; typer's own ones after.

    Why scoped: they are globals of typer's module, so set for good they would change the
    help and errors of every other typer app in the process (one embedding ambicion's app,
    or the user's own after importing ambicion_cli).
    """
    names = [*_TYPER_WORDS, "rich_format_error"]
    saved = {name: getattr(rich_utils, name) for name in names}
    for name, key in _TYPER_WORDS.items():
        setattr(rich_utils, name, messages(key))
    rich_utils.rich_format_error = one_line_usage_errors(messages)  # type: ignore[assignment]
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)


def _localised_classes(messages: Catalogue) -> tuple[type[TyperGroup], type[TyperCommand]]:
    """Group and command classes whose --help says it in the app's language and whose
    arguments show their placeholder ("ARCHIVO...") instead of a Python type."""

    class _Localised:
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[call-arg]
            for param in self.params:  # type: ignore[attr-defined]
                if isinstance(param, TyperArgument) and param.metavar:
                    # "ARCHIVO..." in the usage line and the panel, not "{inputs}..." / <list[str]>
                    param._usage_display_name = lambda m=param.metavar: m  # type: ignore[method-assign]
                    param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                elif getattr(param, "is_flag", False) and param.metavar is None:
                    param.metavar = ""  # a switch takes no value: no "<bool>"

        def get_help_option(self, ctx):  # type: ignore[override]
            option = super().get_help_option(ctx)  # type: ignore[misc]
            if option is not None:
                option.help = messages("help.option")
                option.metavar = ""
            return option

        def parse_args(self, ctx, args):  # type: ignore[override]
            try:
                return super().parse_args(ctx, args)  # type: ignore[misc]
            except Exception as exc:
                if hasattr(exc, "ctx") and exc.ctx is None:  # "--real requires an argument"
                    exc.ctx = ctx  # so its line names the command
                _localise_usage_error(exc, messages)
                raise

        def main(self, *args, **kwargs):  # type: ignore[override]
            with _typer_in_language(messages):  # typer's globals are ambicion's for this run only
                return super().main(*args, **kwargs)  # type: ignore[misc]

        def format_usage(self, ctx, formatter) -> None:  # type: ignore[override]
            pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
            formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=messages("usage.prefix"))

    class Group(_Localised, TyperGroup):
        def resolve_command(self, ctx, args):  # type: ignore[override]
            try:
                return super().resolve_command(ctx, args)
            except Exception as exc:  # "No such command 'x'."
                _localise_usage_error(exc, messages)
                raise

    class Command(_Localised, TyperCommand):
        pass

    return Group, Command


def _localise_usage_error(exc: Exception, messages: Catalogue) -> None:
    """Say a usage error in the app's language: a missing argument or an unknown option from
    the catalogue, the parser's other messages (a bad value, an unknown command) through its
    `reason.usage_*` templates; one the catalogue does not know keeps the parser's words."""
    remember_language(exc, messages)
    kind = type(exc).__name__
    if kind == "MissingParameter" and getattr(exc, "param", None) is not None:
        param = exc.param  # type: ignore[attr-defined]
        if getattr(param, "param_type_name", "") == "option":
            text = messages("err.missing_option", option=" / ".join(param.opts))
        else:
            text = messages("err.missing", name=(param.metavar or param.name or "").rstrip("."))
        exc.format_message = lambda: text  # type: ignore[method-assign]
    elif kind == "NoSuchOption" and getattr(exc, "option_name", None):
        text = messages("err.no_option", option=exc.option_name)  # type: ignore[attr-defined]
        exc.format_message = lambda: text  # type: ignore[method-assign]
    elif callable(getattr(exc, "format_message", None)):
        said = messages.reason(exc.format_message())  # type: ignore[attr-defined]
        exc.format_message = lambda: said  # type: ignore[method-assign]


app = build_app(lang="en")  # for `from ambicion_cli.main import app` (tests, embedding): English


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings (e.g. a judge without its models) as one line in the user's language, not a
    source excerpt."""
    messages = catalogue()  # the language run() settled on (AMBICION_LANG)
    return f"{messages('warning.prefix')}: {messages.reason(' '.join(str(message).split()))}\n"


def run() -> None:
    """Console-script entry point: the app in the user's language."""
    from ambicion.errors import one_line_notes

    from .common import unicode_streams

    argv = sys.argv[1:]
    language = ui_language(_lang_in(argv))
    os.environ["AMBICION_LANG"] = language  # worker processes print their notes in it too
    unicode_streams()
    warnings.formatwarning = _one_line_warning
    one_line_notes()  # readers' notes as "note: …" lines, other warnings as above
    try:
        build_app(argv, lang=language)()
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
