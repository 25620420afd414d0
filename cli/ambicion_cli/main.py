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
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional, Sequence, TypeVar

import typer
import typer.rich_utils as rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from ambicion import __version__
from ambicion.i18n import Catalogue, catalogue, ui_language

from .commands import batch, extract, inspect, join, screen, serve, train
from .common import speaking
from .usage import one_line_usage_errors, remember_language, say_instead

if TYPE_CHECKING:  # the parser types typer hands its commands (its own copy of click)
    from typer._click import Command as ClickCommand
    from typer._click import Context, HelpFormatter

F = TypeVar("F", bound=Callable[..., Any])

COMMANDS = (extract, screen, batch, train, join, inspect, serve)


class LocalisedTyper(typer.Typer):
    """A typer app whose commands speak its catalogue: their help and placeholders are
    localised when they register, and each runs `speaking` the catalogue."""

    def __init__(self, messages: Catalogue, command_cls: type[TyperCommand], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ambicion_messages = messages  # read by common.messages_for
        self._command_cls = command_cls

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """typer's `command`, with the localised classes and placeholders, in the app's language."""
        messages = self.ambicion_messages
        kwargs.setdefault("cls", self._command_cls)
        kwargs.setdefault("options_metavar", messages("metavar.options"))
        decorator = super().command(*args, **kwargs)

        def register(fn: F) -> F:
            @functools.wraps(fn)
            def in_language(*a: Any, **k: Any) -> Any:
                with speaking(messages):
                    return fn(*a, **k)

            decorator(in_language)
            return fn

        return register


def build_app(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> typer.Typer:
    """The command-line app, in `lang` or the language `argv` and `environ` ask for."""
    messages = catalogue(ui_language(lang or _lang_in(argv or ()), environ))
    _localise_typer(messages)
    group_cls, command_cls = _localised_classes(messages)
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


def _localise_typer(messages: Catalogue) -> None:
    """typer's own help words (panel titles, [default], [required]) in the app's language."""
    rich_utils.ARGUMENTS_PANEL_TITLE = messages("panel.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = messages("panel.options")
    rich_utils.COMMANDS_PANEL_TITLE = messages("panel.commands")
    rich_utils.ERRORS_PANEL_TITLE = messages("panel.error")
    rich_utils.DEFAULT_STRING = messages("typer.default")
    rich_utils.REQUIRED_LONG_STRING = messages("typer.required")
    rich_utils.ABORTED_TEXT = messages("typer.aborted")
    rich_utils.RICH_HELP = messages("typer.try_help")
    one_line_usage_errors(messages)


class _PlaceholderArgument(TyperArgument):
    """An argument shown by its placeholder ("ARCHIVO...") in the usage line and the help
    panel, not as "{inputs}..." with a Python type (<list[str]>)."""

    def _usage_display_name(self) -> str:
        return self.metavar or super()._usage_display_name()

    def display_type_rich(self, ctx: Context) -> str | None:
        return None


def _show_placeholders(params: Sequence[object]) -> None:
    """Arguments with a placeholder show it; a switch shows no "<bool>" (it takes no value).

    Why the class of a made parameter is changed: typer makes every argument a TyperArgument
    and offers no hook to choose another class; the subclass adds no state.
    """
    for param in params:
        if isinstance(param, TyperArgument) and param.metavar:
            param.__class__ = _PlaceholderArgument
        elif isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


def _localised_classes(messages: Catalogue) -> tuple[type[TyperGroup], type[TyperCommand]]:
    """Group and command classes whose --help says it in the app's language and whose
    arguments show their placeholder ("ARCHIVO...") instead of a Python type."""

    def help_option(option: TyperOption | None) -> TyperOption | None:
        if option is not None:
            option.help = messages("help.option")
            option.metavar = ""
        return option

    def usage(command: TyperGroup | TyperCommand, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=messages("usage.prefix"))

    class Group(TyperGroup):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _show_placeholders(self.params)

        def get_help_option(self, ctx: Context) -> TyperOption | None:
            return help_option(super().get_help_option(ctx))

        def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
            with _usage_errors_localised(ctx, messages):
                return super().parse_args(ctx, args)

        def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
            usage(self, ctx, formatter)

        def resolve_command(self, ctx: Context,
                            args: list[str]) -> tuple[str | None, ClickCommand | None, list[str]]:
            try:
                return super().resolve_command(ctx, args)
            except Exception as exc:  # "No such command 'x'."
                _localise_usage_error(exc, messages)
                raise

    class Command(TyperCommand):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _show_placeholders(self.params)

        def get_help_option(self, ctx: Context) -> TyperOption | None:
            return help_option(super().get_help_option(ctx))

        def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
            with _usage_errors_localised(ctx, messages):
                return super().parse_args(ctx, args)

        def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
            usage(self, ctx, formatter)

    return Group, Command


@contextlib.contextmanager
def _usage_errors_localised(ctx: Context, messages: Catalogue) -> Iterator[None]:
    """A parser error raised inside names the command and is said in the app's language."""
    try:
        yield
    except Exception as exc:
        if hasattr(exc, "ctx") and exc.ctx is None:  # "--real requires an argument"
            exc.ctx = ctx  # so its line names the command
        _localise_usage_error(exc, messages)
        raise


def _localise_usage_error(exc: Exception, messages: Catalogue) -> None:
    """Say a usage error in the app's language: a missing argument or an unknown option from
    the catalogue, the parser's other messages (a bad value, an unknown command) through its
    `reason.usage_*` templates; one the catalogue does not know keeps the parser's words.

    The parser's exceptions are told apart by name and read by attribute: typer raises those
    of its own copy of click (recent typer) or of click itself (older typer).
    """
    remember_language(exc, messages)
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    option_name = getattr(exc, "option_name", None)
    format_message = getattr(exc, "format_message", None)
    if kind == "MissingParameter" and param is not None:
        if getattr(param, "param_type_name", "") == "option":
            say_instead(exc, messages("err.missing_option", option=" / ".join(param.opts)))
        else:
            say_instead(exc, messages("err.missing", name=(param.metavar or param.name or "").rstrip(".")))
    elif kind == "NoSuchOption" and option_name:
        say_instead(exc, messages("err.no_option", option=option_name))
    elif callable(format_message):
        say_instead(exc, messages.reason(format_message()))


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
