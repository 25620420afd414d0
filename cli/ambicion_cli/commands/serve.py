"""`ambicion serve`: start the forum's desk (a local web application) and print its address."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Optional

import typer

from ambicion.errors import display_name

from ..common import fail, messages_for, reason_text, t

DEFAULT_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("serve", help=m("serve.help"))
    def serve_command(
        host: str = typer.Option(DEFAULT_HOST, "--host", metavar=m("metavar.address"), help=m("serve.host")),
        port: int = typer.Option(0, "--port", metavar=m("metavar.port"), help=m("serve.port")),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", metavar=m("metavar.folder"),
                                                help=m("serve.data_dir")),
        max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", min=0.1, metavar=m("metavar.megabytes"),
                                            help=m("serve.max_upload_mb")),
    ) -> None:
        serve(host, port, data_dir, max_upload_mb)


def serve(host: str, port: int, data_dir: Path | None, max_upload_mb: float) -> None:
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
        raise fail(t("err.desk_folder", path=display_name(folder), why=reason_text(str(exc.strerror or exc))))
    try:
        sock = _bind(host, port)
    except OSError as exc:
        raise fail(t("err.listen", host=host, port=port, why=reason_text(str(exc.strerror or exc))))
    bound = sock.getsockname()[1]
    shown = _network_address() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{bound}/" + (f"?key={token}" if token else "")
    typer.echo(t("serve.url", url=url))
    typer.echo(t("serve.data", path=config.db_path))
    if token:
        typer.echo(t("serve.shared"))
    typer.echo(t("serve.stop"))
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
