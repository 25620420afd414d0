"""Where the desk keeps its data, who may reach it, and how large an upload may be."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "AMBICION_DESK_DIR"
DB_NAME = "desk.sqlite3"
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024   # a long plan PDF is a few MB; 20 MB leaves room
DEFAULT_MAX_FILES = 20
DEFAULT_READ_TIMEOUT = 120.0             # seconds per uploaded file


@dataclass(frozen=True)
class DeskConfig:
    """How one desk server runs; `token` is None only when it listens on this machine alone."""

    data_dir: Path
    token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    max_files: int = DEFAULT_MAX_FILES
    read_timeout: float = DEFAULT_READ_TIMEOUT

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME


def default_data_dir() -> Path:
    """`$AMBICION_DESK_DIR` when set, else the user's data folder for ambicion (platformdirs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("ambicion", appauthor=False) / "desk"


def is_loopback(host: str) -> bool:
    """True when `host` can only be reached from this machine (then no token is needed)."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh key for a desk shared on the network (printed once in the URL)."""
    return secrets.token_urlsafe(18)
