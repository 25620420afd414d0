"""The console script's entry point: `run` builds the app (`app.py`) in the user's language.

Why this module imports next to nothing: worker processes of a batch re-run the script that
started them, and the script imports this module. Each worker used to import typer and rich
and build the whole app again (about 0.1 s of CPU per worker) before reading any file; the
app is now built only where it runs, in `run` or on first use of `build_app` / `app`.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TextIO, cast

from ambicion.i18n import catalogue, ui_language

if TYPE_CHECKING:
    import typer


def build_app(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
              *, lang: str | None = None) -> "typer.Typer":
    """The command-line app, in `lang` or the language `argv` and `environ` ask for."""
    from .app import build_app as build

    return build(argv, environ, lang=lang)


def __getattr__(name: str) -> Any:
    """`app`: the app in English, built on first use (tests, embedding)."""
    if name == "app":
        from .app import english_app

        return english_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings (e.g. a judge without its models) as one line in the user's language, not a
    source excerpt."""
    messages = catalogue()  # the language run() settled on (AMBICION_LANG)
    return f"{messages('warning.prefix')}: {messages.reason(' '.join(str(message).split()))}\n"


def run() -> None:
    """Console-script entry point: the app in the user's language."""
    from ambicion import OutputError
    from ambicion.errors import one_line_notes

    from .app import lang_in
    from .common import GuardedStdout, error_line, print_error, speaking, unicode_streams

    argv = sys.argv[1:]
    language = ui_language(lang_in(argv))
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
