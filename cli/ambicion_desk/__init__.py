"""The forum's desk: a local web application to screen drafts and answer each proposal in writing.

Why a package of its own: the library (`ambicion`) never imports a web stack, and the
command line only starts this app (`ambicion serve`). Everything the forum records lives in
one SQLite file under the user's data folder, so closing the browser or restarting the
server loses nothing.
"""

from __future__ import annotations

from .config import DeskConfig, default_data_dir

__all__ = ["DeskConfig", "default_data_dir", "create_app"]


def create_app(config: DeskConfig):  # -> an ASGI application (starlette.types.ASGIApp)
    """The ASGI application for `config` (imported lazily: Starlette loads only when serving)."""
    from .app import create_app as _create_app

    return _create_app(config)
