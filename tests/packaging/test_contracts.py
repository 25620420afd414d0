"""What the public functions promise about bad arguments: the right exception, at once."""

from __future__ import annotations

import pickle

import pytest

import ambicion
from ambicion import Commitment, InputError, MissingFileError


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_blank_text_is_a_value_error(text):
    with pytest.raises(ValueError, match="no text"):
        ambicion.assess(text)


@pytest.mark.parametrize("value", [None, 123, 4.5, b"bytes", ["a list"]])
def test_what_is_not_text_is_a_type_error(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        ambicion.assess(value)


def test_a_commitment_without_text_is_a_value_error():
    with pytest.raises(ValueError, match="c9"):
        ambicion.assess(Commitment(id="c9", number=None, title="  "))


def test_assess_many_names_the_bad_item():
    with pytest.raises(TypeError, match="item 1"):
        ambicion.assess_many(["Publicar los contratos en datos abiertos.", None])
    with pytest.raises(ValueError, match="item 2"):
        ambicion.assess_many(["Publicar datos.", "Crear un portal.", " "])


def test_unknown_language_is_a_value_error():
    with pytest.raises(ValueError, match="language"):
        ambicion.assess("Publicar los contratos.", language="fr")


@pytest.mark.parametrize("name", ["nope.docx", "carpeta/nope.txt", "Borrador.PDF", "x.md"])
def test_a_missing_file_name_is_not_judged_as_text(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MissingFileError) as info:
        ambicion.read_draft(name)
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, InputError)
    assert str(info.value) == f"{name}: file not found"


@pytest.mark.parametrize("reader", [ambicion.read_plan, ambicion.read_review])
def test_missing_pdfs_raise_file_not_found(tmp_path, reader):
    with pytest.raises(FileNotFoundError):
        reader(tmp_path / "absent.pdf")


def test_missing_file_error_is_an_oserror_that_pickles():
    err = MissingFileError("plan.pdf")
    assert isinstance(err, OSError) and err.errno is not None
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is MissingFileError and str(back) == "plan.pdf: file not found"


def test_a_one_line_draft_is_still_text():
    found = ambicion.read_draft("Publicar los contratos de obra en datos abiertos")
    assert len(found) == 1


def test_a_judge_without_models_says_so_once(monkeypatch, tmp_path):
    import warnings

    from ambicion import ModelWarning
    from ambicion.judge import api

    monkeypatch.setattr(api, "default_model_dir", lambda: None)
    monkeypatch.setattr(api, "_JUDGES", {})
    with pytest.warns(ModelWarning, match="rules only"):
        first = api.get_judge()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert api.get_judge() is first            # cached: not warned again
        api.get_judge(use_model=False)             # rules only on purpose: no warning
    assert first.bundle is None


def test_a_model_dir_override_without_models_fails_clearly(monkeypatch, tmp_path):
    from ambicion import ModelError
    from ambicion.judge import api

    monkeypatch.setenv(api.ENV_MODEL_DIR, str(tmp_path))
    monkeypatch.setattr(api, "_JUDGES", {})
    assert api.default_model_dir() == tmp_path
    with pytest.raises(ModelError, match="judge.json"):
        api.get_judge()


def test_the_cli_shows_the_missing_models_in_one_line(monkeypatch, tmp_path, capsys):
    import sys
    import warnings

    from ambicion.judge import api
    from ambicion_cli import main

    draft = tmp_path / "borrador.txt"
    draft.write_text("Compromiso 1: Publicar los contratos en datos abiertos.\n", "utf-8")
    monkeypatch.setattr(api, "default_model_dir", lambda: None)
    monkeypatch.setattr(api, "_JUDGES", {})
    monkeypatch.setattr(sys, "argv", ["ambicion", "screen", str(draft), "--format", "jsonl"])
    monkeypatch.setattr(warnings, "formatwarning", warnings.formatwarning)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        # what Python does by default (pytest records warnings instead of printing them)
        warnings.showwarning = lambda m, c, f, n, file=None, line=None: sys.stderr.write(
            warnings.formatwarning(m, c, f, n, line))
        with pytest.raises(SystemExit) as done:
            main.run()
    assert done.value.code == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "warning" in line.lower()] == [err[0]]
    assert err[0].startswith("warning: no trained models found") and "rules only" in err[0]
