"""The judge's public entry points: `assess` and `assess_many`, and the cached `Judge`.

One Judge per model directory is built on first use and kept: pipelines and models load
once, and every later call only tokenises, matches and multiplies. Batches go through
`nlp.pipe` and one model call per batch, which is what makes screening a whole plan fast.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

from ..model import Assessment, Commitment, Milestone
from . import ambition as ambition_mod
from . import flags as flags_mod
from . import values as values_mod
from .features import Features, extract, feature_names, numeric_vector
from .functions import FunctionIndex, FunctionItem, default_items, function_items, merged
from .rules import AMBITION, BINARY_LABELS, SCORE_NAMES, all_scores, restated
from .suggest import suggestions
from .verifiability import notes

ENV_MODEL_DIR = "AMBICION_MODEL_DIR"
_LOCK = threading.Lock()
_JUDGES: dict[tuple[str | None, bool], "Judge"] = {}


def default_model_dir() -> Path | None:
    """$AMBICION_MODEL_DIR, else the `models/` folder of the source tree, else None (rules only)."""
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "models"
        if (candidate / "judge.json").exists():
            return candidate
        if (parent / "pyproject.toml").exists():
            break
    return None


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    text: str
    milestones: tuple[Milestone, ...] = ()
    context: tuple[tuple[int, int], ...] = ()


def as_item(obj: str | Commitment) -> Item:
    if isinstance(obj, Commitment):
        text = obj.text
        context: tuple[tuple[int, int], ...] = ()
        problem = obj.problem.strip()
        if problem:
            start = text.find(problem, len(obj.title.strip()))
            if start >= 0:
                context = ((start, start + len(problem)),)
        return Item(obj.id, obj.title, text, tuple(obj.milestones), context)
    text = str(obj)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if len(first) <= 100 else first[:97].rstrip() + "..."
    return Item("c-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10], title, text)


def detect(text: str) -> str:
    from ..lang import detect_language

    return detect_language(text)


class Judge:
    """Pipelines, trained models (if any) and function indexes, loaded once."""

    def __init__(self, model_dir: Path | None, use_model: bool = True) -> None:
        from .store import load_bundle

        self.model_dir = model_dir
        self.bundle = None
        if use_model and model_dir is not None:
            self.bundle = load_bundle(model_dir)
            if self.bundle.meta.get("feature_names") != feature_names(SCORE_NAMES):
                from ..errors import ModelError

                raise ModelError(model_dir / "judge.json",
                                 "the models were trained with other rule features; run `ambicion train`")
        meta = self.bundle.meta if self.bundle else {}
        self.blend: dict[str, float] = dict(meta.get("blend", {}))
        self.thresholds: dict[str, float] = dict(meta.get("thresholds", {}))
        self._functions: dict[tuple[str, tuple[FunctionItem, ...]], FunctionIndex] = {}

    def nlp(self, lang: str):
        from ..nlp.pipeline import pipeline_for

        return pipeline_for(lang, str(self.model_dir) if self.model_dir else None)

    def function_index(self, lang: str, functions=None) -> FunctionIndex:
        # the general obligations bind every entity, so they join the institution's own list
        items = default_items(lang) if functions is None else merged(function_items(functions), lang)
        key = (lang, items)
        index = self._functions.get(key)
        if index is None:
            index = FunctionIndex(items, self.nlp(lang), nlp_for=self.nlp)
            if len(self._functions) > 32:
                self._functions.clear()
            self._functions[key] = index
        return index

    # ------------------------------------------------------------ judging

    def assess_docs(self, docs: Sequence[Doc], language: str, items: Sequence[Item] | None = None,
                    functions=None) -> list[Assessment]:
        """Judge docs already run through this language's pipeline."""
        if not docs:
            return []
        index = self.function_index(language, functions)
        texts = [d.text for d in docs]  # rebuilt from the tokens on every read: read once here
        items = items or [as_item(t) for t in texts]
        matches = index.best_many(docs, [it.context for it in items], texts)
        feats = [extract(d, language, index, it.milestones, fm, it.context, t)
                 for d, it, fm, t in zip(docs, items, matches, texts)]
        rule = [all_scores(f) for f in feats]
        model = self._model_probs(feats, rule)
        return [self._decide(f, it, r, m) for f, it, r, m in zip(feats, items, rule, model)]

    def _model_probs(self, feats: list[Features], rule: list[dict]) -> list[dict | None]:
        if self.bundle is None:
            return [None] * len(feats)
        from .store import predict

        numeric = np.vstack([numeric_vector(f, r, SCORE_NAMES) for f, r in zip(feats, rule)])
        raw = predict(self.bundle, [f.masked for f in feats], numeric)
        out = []
        for i in range(len(feats)):
            probs = {label: float(raw[label][i]) for label in BINARY_LABELS if label in raw}
            if "ambition" in raw:
                probs.update({a: float(p) for a, p in zip(AMBITION, raw["ambition"][i])})
            out.append(probs)
        return out

    def blended(self, rule: dict, model: dict | None) -> dict[str, float]:
        """Final probabilities: w·model + (1−w)·rules per label (w chosen at training time)."""
        probs = {label: rule[label] for label in BINARY_LABELS}
        probs.update({a: rule[f"ambition_{a}"] for a in AMBITION})
        probs["not_verifiable"] = rule["not_verifiable"]
        if model:
            for label in BINARY_LABELS:
                if label in model:
                    w = self.blend.get(label, 0.5)
                    probs[label] = w * model[label] + (1 - w) * rule[label]
            if "unclear" in model:
                w = self.blend.get("ambition", 0.5)
                for a in AMBITION:
                    probs[a] = w * model[a] + (1 - w) * rule[f"ambition_{a}"]
        return probs

    def _decide(self, f: Features, item: Item, rule: dict, model: dict | None) -> Assessment:
        probs = self.blended(rule, model)
        values = values_mod.decide(f, probs, self.thresholds)
        lens = values_mod.lens(values)
        flags = flags_mod.decide(f, probs, self.thresholds, lens)
        # only the function evidence (every action covered, nothing beyond) forces "unclear"
        level, amb = ambition_mod.decide(probs, values, lens, restated=restated(f))
        return Assessment(
            id=item.id, title=item.title, text=f.text, language=f.lang, values=values,
            open_gov_lens=lens, ambition=level, ambition_probabilities=amb,
            ambition_reasons=ambition_mod.reasons(f, level, amb, values, flags, lens),
            flags=flags, verifiability=notes(f.verif, f.text, f.lang),
            suggestions=suggestions(f, values, flags, level),
        )

    def assess_many(self, objs: Iterable[str | Commitment], functions=None, batch_size: int = 64,
                    language: str | None = None) -> list[Assessment]:
        items = [as_item(o) for o in objs]
        langs = [language or detect(it.text) for it in items]
        results: list[Assessment | None] = [None] * len(items)
        for lang in sorted(set(langs)):
            idx = [i for i, g in enumerate(langs) if g == lang]
            nlp = self.nlp(lang)
            docs = list(nlp.pipe((items[i].text for i in idx), batch_size=batch_size))
            for start in range(0, len(idx), batch_size):
                chunk = idx[start:start + batch_size]
                judged = self.assess_docs(docs[start:start + batch_size], lang,
                                          [items[i] for i in chunk], functions)
                for i, a in zip(chunk, judged):
                    results[i] = a
        return [r for r in results if r is not None]


def get_judge(model_dir: str | Path | None = None, use_model: bool = True) -> Judge:
    """The cached Judge for `model_dir` (default: the shipped models, else rules only)."""
    path = Path(model_dir) if model_dir is not None else default_model_dir()
    key = (str(path) if path else None, use_model and path is not None)
    judge = _JUDGES.get(key)
    if judge is None:
        with _LOCK:
            judge = _JUDGES.get(key)
            if judge is None:
                judge = Judge(path, use_model=key[1])
                _JUDGES[key] = judge
    return judge


def assess(text_or_commitment: str | Commitment, functions=None, *, language: str | None = None) -> Assessment:
    """Judge one commitment (text or Commitment); `functions` is text, a path or a list."""
    return get_judge().assess_many([text_or_commitment], functions=functions, language=language)[0]


def assess_many(items: Iterable[str | Commitment], functions=None, batch_size: int = 64, *,
                language: str | None = None) -> list[Assessment]:
    """Judge many commitments, batching through `nlp.pipe`."""
    return get_judge().assess_many(items, functions=functions, batch_size=batch_size, language=language)
