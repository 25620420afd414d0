"""Usage errors (a bad option value, an unknown option, a missing argument) as one line.

Why: the parser's own report is a usage line, a hint and a boxed panel, several lines that
wrap with the terminal; every other error ambicion prints is one line naming what is wrong,
and a script reading stderr should not have to tell the two apart. `--help` is untouched.
The printer is typer's only while ambicion's own app runs (see `localised.typer_in_language`):
another typer app in the same process keeps typer's own error output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ambicion.i18n import Catalogue

from .common import print_error

if TYPE_CHECKING:  # typer raises the errors of its own copy of click, not of click itself
    from typer._click import ClickException

_MESSAGES_ATTR = "ambicion_messages"


def remember_language(exc: BaseException, messages: Catalogue) -> None:
    """Mark a parser error with the catalogue of the app that raised it."""
    setattr(exc, _MESSAGES_ATTR, messages)


def say_instead(exc: BaseException, text: str) -> None:
    """Have a parser error say `text` wherever it is printed.

    Why its `format_message` is replaced on the exception itself: typer prints a parser error
    through `usage_error_line` (with rich) or through the parser's own `show` (without), and
    both ask that method for the reason.
    """
    setattr(exc, "format_message", lambda: text)


def one_line_usage_errors(fallback: Catalogue) -> Callable[["ClickException"], None]:
    """A stand-in for `typer.rich_utils.rich_format_error` that prints parser errors through
    `usage_error_line` (typer looks the function up in rich_utils each time, so it can be
    swapped there for the length of a run)."""

    def show(self: ClickException) -> None:  # the parameter named as in the function replaced
        if type(self).__name__ == "NoArgsIsHelpError":  # help was shown instead of an error
            return
        messages = getattr(self, _MESSAGES_ATTR, None)
        messages = messages if isinstance(messages, Catalogue) else fallback
        print_error(usage_error_line(self, messages), messages("error.prefix"))

    return show


def usage_error_line(exc: ClickException, messages: Catalogue) -> str:
    """"ambicion batch: <reason> (see `ambicion batch --help`)", in `messages`' language."""
    reason = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return reason
    command = ctx.command_path
    if ctx.command.get_help_option(ctx) is None:
        return f"{command}: {reason}"
    return messages("usage.error", command=command, reason=reason, help=ctx.help_option_names[0])
