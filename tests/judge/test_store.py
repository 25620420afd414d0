"""Model files: safe loading, tamper detection, and agreement with skops itself."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import numpy as np
import pytest

from ambicion.errors import ModelError
from ambicion.judge.api import Judge, default_model_dir
from ambicion.judge.store import META_FILE, MODEL_FILE, TRUSTED_TYPES, load_bundle, read_arrays


@pytest.fixture()
def model_copy(tmp_path):
    src = default_model_dir()
    dst = tmp_path / "models"
    dst.mkdir()
    for name in (MODEL_FILE, META_FILE):
        shutil.copy(src / name, dst / name)
    return dst


def test_shipped_model_loads(model_copy):
    bundle = load_bundle(model_copy)
    assert set(bundle.classifiers) >= {"access_to_information", "ambition", "e_government"}
    assert len(bundle.vectorizer.vocabulary) == len(bundle.vectorizer.idf)


def test_flipped_byte_is_a_one_line_model_error(model_copy):
    path = model_copy / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError) as err:
        Judge(model_copy)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)


def test_truncated_file_is_a_model_error(model_copy):
    path = model_copy / MODEL_FILE
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match="truncated or was modified"):
        load_bundle(model_copy)


def test_missing_or_broken_metadata(model_copy):
    (model_copy / META_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="metadata"):
        load_bundle(model_copy)
    (model_copy / META_FILE).unlink()
    with pytest.raises(ModelError, match="not found"):
        load_bundle(model_copy)


def test_untrusted_type_is_refused_even_with_a_matching_checksum(tmp_path):
    schema = {"__class__": "dict", "__module__": "builtins", "__loader__": "DictNode",
              "content": {"x": {"__class__": "system", "__module__": "os", "__loader__": "FunctionNode"}}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("schema.json", json.dumps(schema))
    with pytest.raises(ModelError, match="untrusted type: os.system"):
        read_arrays(buf.getvalue(), tmp_path / "evil.skops")


def test_fast_reader_agrees_with_skops(model_copy):
    sio = pytest.importorskip("skops.io")
    data = (model_copy / MODEL_FILE).read_bytes()
    ours = read_arrays(data, model_copy / MODEL_FILE)
    theirs = sio.loads(data, trusted=list(TRUSTED_TYPES))
    assert np.array_equal(ours["terms"], theirs["terms"])
    assert np.allclose(ours["idf"], theirs["idf"])
    for label, params in theirs["classifiers"].items():
        for key, value in params.items():
            assert np.array_equal(ours["classifiers"][label][key], value)


def test_models_trained_with_other_features_are_refused(model_copy):
    import hashlib

    meta_path = model_copy / META_FILE
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["feature_names"] = meta["feature_names"][:-1]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert meta["model_sha256"] == hashlib.sha256((model_copy / MODEL_FILE).read_bytes()).hexdigest()
    with pytest.raises(ModelError, match="other rule features"):
        Judge(model_copy)
