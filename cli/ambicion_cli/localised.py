"""typer's app, command and argument classes, speaking the app's language.

Why apart from `main`: typer fixes help text when a command registers and the parser words
its errors in English; these subclasses are where the app's catalogue reaches both.
"""

from __future__ import annotations

import contextlib
import functools
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TypeVar

import typer
import typer.rich_utils as rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from ambicion.i18n import Catalogue

from .common import speaking
from .usage import one_line_usage_errors, remember_language, say_instead

if TYPE_CHECKING:  # the parser types typer hands its commands (its own copy of click)
    from typer._click import Command as ClickCommand
    from typer._click import Context, HelpFormatter

F = TypeVar("F", bound=Callable[..., Any])


# typer's module-level words that its help and error output read at the time they print
_TYPER_WORDS = {"ARGUMENTS_PANEL_TITLE": "panel.arguments", "OPTIONS_PANEL_TITLE": "panel.options",
                "COMMANDS_PANEL_TITLE": "panel.commands", "ERRORS_PANEL_TITLE": "panel.error",
                "DEFAULT_STRING": "typer.default", "REQUIRED_LONG_STRING": "typer.required",
                "ABORTED_TEXT": "typer.aborted", "RICH_HELP": "typer.try_help"}


@contextlib.contextmanager
def typer_in_language(messages: Catalogue) -> Iterator[None]:
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
    setattr(rich_utils, "rich_format_error", one_line_usage_errors(messages))
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)


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


def localised_classes(messages: Catalogue) -> tuple[type[TyperGroup], type[TyperCommand]]:
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

        def main(self, *args: Any, **kwargs: Any) -> Any:
            with typer_in_language(messages):  # typer's globals are ambicion's for this run only
                return super().main(*args, **kwargs)

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

        def main(self, *args: Any, **kwargs: Any) -> Any:
            with typer_in_language(messages):  # typer's globals are ambicion's for this run only
                return super().main(*args, **kwargs)

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
