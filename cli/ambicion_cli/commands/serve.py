"""`ambicion serve`: start the forum's desk (a local web application) and print its address."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Optional

import typer

from ..common import fail

DEFAULT_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: str = typer.Option(DEFAULT_HOST, "--host",
                             help="Address to listen on; another than 127.0.0.1 shares the desk on "
                                  "the network and then requires the key printed in the URL."),
    port: int = typer.Option(0, "--port", help="Port to listen on (default: a free one)."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir",
                                            help="Folder of the desk's database (default: the "
                                                 "user's data folder, or $AMBICION_DESK_DIR)."),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", min=0.1,
                                        help="Largest upload accepted, in megabytes."),
) -> None:
    """Open the forum's desk: upload drafts, record decisions and answers, export the feedback."""
    import uvicorn

    from ambicion_desk import DeskConfig, create_app, default_data_dir
    from ambicion_desk.config import is_loopback, new_token

    token = None if is_loopback(host) else new_token()
    folder = (data_dir or default_data_dir()).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        config = DeskConfig(folder, token=token, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
        app = create_app(config)
    except OSError as exc:
        raise fail(f"{folder}: cannot keep the desk's data there ({exc.strerror or exc})")
    try:
        sock = _bind(host, port)
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
    bound = sock.getsockname()[1]
    shown = _network_address() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{bound}/" + (f"?key={token}" if token else "")
    typer.echo(f"ambicion desk: {url}")
    typer.echo(f"data: {config.db_path}")
    if token:
        typer.echo("shared on the network: give the forum this URL, key included")
    typer.echo("Ctrl-C stops the desk; nothing recorded is lost.")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def _network_address() -> str:
    """This machine's address on its local network (a UDP "connect" sends no packet)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return DEFAULT_HOST
    finally:
        probe.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
