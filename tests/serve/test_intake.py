"""Uploads to screened proposals: the time limit, names made safe, one failure not stopping others."""

from __future__ import annotations

from ambicion_desk import intake

DRAFT = "Compromiso 1. Datos abiertos de obras\nPublicar en formato abierto los contratos de obras."


def test_a_file_over_the_time_limit_is_stopped_and_reported():
    uploads = [intake.Upload("lento.txt", DRAFT.encode()), intake.Upload("otro.txt", DRAFT.encode())]
    # no reader process starts in a millisecond, so each file runs out of time
    result = intake.screen(uploads, timeout=0.001, timed_out_reason="demasiado lento")
    assert result.screened == []
    assert result.failures == [("lento.txt", "demasiado lento"), ("otro.txt", "demasiado lento")]


def test_files_and_pasted_text_are_screened_in_order_despite_a_bad_file():
    uploads = [intake.Upload("roto.pdf", b"%PDF-1.4 roto"), intake.Upload("bien.txt", DRAFT.encode())]
    result = intake.screen(uploads, pasted=DRAFT, pasted_source="Colectivo", timeout=120)
    assert [s.source for s in result.screened] == ["bien.txt", "Colectivo"]
    assert [name for name, _ in result.failures] == ["roto.pdf"]
    assert result.screened[0].commitment.title.startswith("Datos abiertos de obras")
    assert "Traceback" not in result.failures[0][1]


def test_upload_names_lose_folders_and_odd_characters():
    assert intake.safe_name("../../etc/passwd") == "passwd"
    assert intake.safe_name("C:\\Users\\x\\borrador final.docx") == "borrador final.docx"
    assert intake.safe_name(".oculto.md") == "oculto.md"
    assert intake.safe_name("a<b>|c.txt") == "a_b_c.txt"
    assert intake.safe_name("") == "archivo"
