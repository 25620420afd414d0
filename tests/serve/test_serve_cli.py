"""`ambicion serve` on the command line: one clear line when it cannot start."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from ambicion_cli.main import app


def test_busy_port_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_data_folder_that_is_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(blocker / "desk")])
    assert result.exit_code == 1
    assert "cannot keep the desk's data there" in result.output
    assert "Traceback" not in result.output


def test_serve_speaks_spanish(tmp_path):
    from ambicion_cli.main import build_app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(build_app(lang="es"),
                                    ["serve", "--port", str(port), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"no se puede escuchar en 127.0.0.1:{port} (la dirección ya está en uso)" in result.output
    blocker = tmp_path / "no-es-carpeta"
    blocker.write_text("x")
    result = CliRunner().invoke(build_app(lang="es"), ["serve", "--data-dir", str(blocker / "desk")])
    assert "no se pueden guardar ahí los datos del escritorio (no es una carpeta)" in result.output
