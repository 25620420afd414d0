"""Build, save and load the spaCy pipelines the judge runs on (one per language).

Why blank pipelines with a lookup lemmatizer: plan text is formal and repetitive, and lemmas
are what lets a rule written as "publicar datos" match "publicará los datos". A lookup table
is small, fast, deterministic and needs no trained weights. The table ships inside the saved
pipeline, so spacy-lookups-data is needed only when (re)building it.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import Lookups

from ..errors import ModelError
from . import components  # noqa: F401  (registers the factories)

LANGS = ("es", "en")
_LOCK = threading.Lock()


def _lookup_table(lang: str) -> dict[str, str]:
    """The spacy-lookups-data lemma table, folded to lower-case keys and sorted.

    The lemmatizer lower-cases every token before looking it up, so upper-case keys are dead
    weight; sorting makes the saved table byte-identical between builds.
    """
    try:
        import spacy_lookups_data
        import srsly
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError("spacy-lookups-data", f"no saved {lang!r} pipeline was found (the shipped "
                         f"models are missing) and this package, needed to build one, is not "
                         f"installed ({exc}); reinstall ambicion or set AMBICION_MODEL_DIR") from None
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
    if not path.exists():
        raise ModelError(path, "lemma lookup table not found")
    raw: dict[str, str] = srsly.read_gzip_json(path)
    table: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            continue
        low = key.lower()
        if key == low:
            table[low] = value.lower()
        else:
            table.setdefault(low, value.lower())
    # Keep only forms seen in the language's word-frequency list (about a fifth of the Spanish
    # table, covering >99.9% of the tokens in plan text): loading stays well under a second.
    frequent = _frequent_words(lang)
    return {k: table[k] for k in sorted(table) if table[k] != k and (frequent is None or k in frequent)}


def _frequent_words(lang: str) -> set[str] | None:
    import spacy_lookups_data
    import srsly

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lexeme_prob.json.gz"
    if not path.exists():
        return None
    return {w.lower() for w in srsly.read_gzip_json(path)}


def build_pipeline(lang: str) -> Language:
    """A fresh pipeline for `lang`: tokenizer, lower-casing lookup lemmatizer, rule matcher."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}")
    nlp = spacy.blank(lang)
    lemmatizer = nlp.add_pipe("ambicion_lemmatizer")
    lookups = Lookups()
    lookups.add_table("lemma_lookup", _lookup_table(lang))
    lemmatizer.initialize(lookups=lookups)  # type: ignore[attr-defined]  # spaCy types a pipe as a bare Doc callable
    nlp.add_pipe("ambicion_rules")
    return nlp


def save_pipeline(nlp: Language, target: Path) -> None:
    """Write the pipeline (with its lookup table) so it loads offline."""
    nlp.to_disk(target)


def load_pipeline(path: Path) -> Language:
    """Load a saved pipeline; a missing or damaged one is a one-line ModelError."""
    if not (path / "config.cfg").exists():
        raise ModelError(path, "spaCy pipeline not found (run `ambicion train`)")
    try:
        return spacy.load(path)
    except Exception as exc:  # spaCy raises many types for damaged files
        raise ModelError(path, f"damaged spaCy pipeline ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=8)
def pipeline_for(lang: str, model_dir: str | None) -> Language:
    """The cached pipeline for `lang`: the saved one in `model_dir`, else built from lookups.

    Building needs spacy-lookups-data; it lets the rules-only judge work before training.
    """
    with _LOCK:
        if model_dir is not None:
            saved = Path(model_dir) / f"nlp_{lang}"
            if (saved / "config.cfg").exists():
                return load_pipeline(saved)
        return build_pipeline(lang)
