"""`evaluate --real`: the judge measured on real rated rows, real numbers first.

Four systems are scored on the same rows: the training recipe under nested country-grouped
cross-validation (the honest estimate for unseen members), the corpus-only recipe (what the
judge does without any real rating), the rules alone (no trained head) and a majority-class
dummy. The shipped model judged on
the same rows is shown too, but it was trained on them, so its figures are in-sample only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..judge.api import Judge
from .realcv import in_memory_judge, judge_features, nested
from .realmetrics import MEASURED, TARGETS, Stat, majority, measure

SOURCES = ("ogp_page", "plan", "irm")


def evaluate_real(corpus_dir: Path, model_dir: Path | None, real_paths: Sequence[Path],
                  n_boot: int = 1000, variants: Sequence | None = None, curve: bool = False,
                  history: bool = False) -> dict:
    """Every figure of the card's real-data section (see the module docstring).

    `curve`: also the learning curve over the number of members learnt from (`realcurve.py`:
    one more nested CV per draw of a member subset, so only on request).
    `history`: also whether a member's earlier plans help judge its latest (`realhistory.py`:
    two fits per member with several plans, so only on request).
    """
    from ..nlp.pipeline import build_pipeline
    from .corpus import load_corpus, split
    from .real import load_real
    from .train import CORPUS_LABELS, corpus_choices, corpus_rows, featurise, featurise_texts, fit_all, \
        real_langs, real_rows

    records, _ = load_corpus(corpus_dir)
    train_set, _ = split(records)
    rows, problems = load_real(real_paths)
    if not rows:
        from ..errors import InputError

        raise InputError(Path(real_paths[0]), "no valid rated row in the given files")
    if len({r.group for r in rows}) < 2:
        from ..errors import InputError

        raise InputError(Path(real_paths[0]), "cross-validation by country needs rated rows from at least "
                                              "two members (countries)")
    pipelines = {lang: build_pipeline(lang) for lang in ("es", "en")}
    feats, scores = featurise(train_set, pipelines)
    corpus = corpus_rows(train_set, feats, scores)
    rfeats, rscores = featurise_texts([r.judged_text for r in rows], real_langs(rows), pipelines)
    real = real_rows(rows, rfeats, rscores)
    choices = corpus_choices(corpus, CORPUS_LABELS)

    systems: dict[str, list] = {"cross-validated": nested(corpus, real, rows, rfeats, rscores, choices)}
    fitted, blend, thresholds, _, _ = fit_all(corpus, [], choices)
    systems["corpus only"] = judge_features(in_memory_judge(fitted, blend, thresholds), rfeats, rscores, rows)
    # the rules without any trained head: what the models add, and what they cost (learn/speed.py)
    systems["rules only"] = judge_features(Judge(Path(model_dir) if model_dir else None, use_model=False),
                                           rfeats, rscores, rows)
    if model_dir is not None:
        shipped = Judge(Path(model_dir), use_model=True)
        systems["shipped (in-sample)"] = judge_features(shipped, rfeats, rscores, rows)

    def predictor(judged):
        from .realmetrics import prediction

        return lambda i, label: prediction(judged[i], label)

    slices = {"all": list(range(len(rows)))}
    for lang in ("en", "es"):
        slices[f"language {lang}"] = [i for i, r in enumerate(rows) if r.language == lang]
    for source in SOURCES:
        slices[f"text {source}"] = [i for i, r in enumerate(rows) if r.text_source == source]
    result: dict = {"n_rows": len(rows), "n_groups": len({r.group for r in rows}),
                    "problems": problems, "files": [Path(p).name for p in real_paths], "systems": {}}
    for name, judged in systems.items():
        result["systems"][name] = {s: measure(rows, predictor(judged), idx, n_boot if s == "all" else 200)
                                   for s, idx in slices.items() if idx}
    result["systems"]["majority"] = {"all": measure(rows, majority(rows), None, n_boot)}
    from .realtried import VARIANTS, tried

    result["tried"] = tried(corpus, real, rows, rfeats, VARIANTS if variants is None else variants, n_boot)
    if curve:
        from .realcurve import learning_curve

        # the corpus-only and full-share points are the judgements above (tests check they match)
        result["curve"] = learning_curve(corpus, real, rows, rfeats, rscores, choices, n_boot=n_boot,
                                         known={0.0: systems["corpus only"], 1.0: systems["cross-validated"]})
    if history:
        from .realhistory import own_history

        found = own_history(corpus, real, rows, rfeats, rscores, choices, n_boot=n_boot)
        if found is not None:
            result["history"] = found
    return result


def _n(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _ci(stat: Stat, key: str) -> str:
    value = {"f1": stat.f1, "balanced_accuracy": stat.balanced_accuracy, "auc": stat.auc}[key]
    ci = stat.ci.get(key)
    return _n(value) + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def headline(table: dict) -> str:
    """The three figures the project's targets are set on."""
    macro = table.get("values_macro_f1")
    lens, sub = table.get("open_gov_lens"), table.get("substantial")
    parts = []
    if macro:
        ci = macro[1]
        parts.append(f"values macro-F1 {macro[0]:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else ""))
    if lens:
        parts.append(f"lens balanced accuracy {_ci(lens, 'balanced_accuracy')}")
    if sub:
        parts.append(f"ambition (substantial) balanced accuracy {_ci(sub, 'balanced_accuracy')}")
    return "; ".join(parts)


def weaknesses(result: dict) -> list[str]:
    """Plain sentences on where the cross-validated judge is weak, read off the numbers."""
    cv = result["systems"]["cross-validated"]["all"]
    dummy = result["systems"]["majority"]["all"]
    out = ["### Where the judge is weak", ""]
    for label in MEASURED:
        s = cv.get(label)
        if s is None:
            continue
        ci = s.ci.get("auc")
        if s.auc is not None and ci and ci[0] <= 0.55:
            out.append(f"- `{label}`: its ranking is barely better than chance across members "
                       f"(AUC {s.auc:.2f}, interval reaching {ci[0]:.2f}).")
        elif label in dummy and s.f1 <= dummy[label].f1 + 0.02 and dummy[label].f1 > 0:
            out.append(f"- `{label}`: F1 {s.f1:.2f} is no better than always answering the majority "
                       f"({dummy[label].f1:.2f}).")
        elif s.balanced_accuracy is not None and s.balanced_accuracy < 0.65:
            out.append(f"- `{label}`: balanced accuracy {s.balanced_accuracy:.2f}; treat its decisions as a "
                       "hint to read the text, not as the IRM's likely verdict.")
    base = result["systems"].get("corpus only", {}).get("all", {})
    pairs = [("values macro-F1", (cv.get("values_macro_f1") or (None,))[0],
              (base.get("values_macro_f1") or (None,))[0]),
             ("lens balanced accuracy", getattr(cv.get("open_gov_lens"), "balanced_accuracy", None),
              getattr(base.get("open_gov_lens"), "balanced_accuracy", None)),
             ("ambition balanced accuracy", getattr(cv.get("substantial"), "balanced_accuracy", None),
              getattr(base.get("substantial"), "balanced_accuracy", None))]
    same = [f"{name} {a:.2f} against {b:.2f}" for name, a, b in pairs
            if a is not None and b is not None and a - b < 0.03]
    if same:
        out.append("- Learning from the real rows does not clearly beat the corpus-only recipe under "
                   "country-grouped CV (" + "; ".join(same) + "): what the IRM rates is only weakly "
                   "visible in the text with these features.")
    missed = [f"{name} {value:.2f} (target {TARGETS[name]:.2f})" for name, value, _ in pairs
              if value is not None and value < TARGETS[name]]
    if missed:
        out.append("- The targets are not met: " + "; ".join(missed) + ". With the recipes tried (see the "
                   "table below) the text features rank the IRM's answers only weakly. "
                   + _growth_sentence(result))
    out.append("- Figures on few rows (Spanish, IRM one-line summaries) have wide intervals; "
               "differences inside them are noise.")
    out.append("")
    return out


def _growth_sentence(result: dict) -> str:
    """What the card can say about more real rated rows: measured when the learning curve was
    run, otherwise only what remains to be measured."""
    join_hint = ("a member's own IRM history (`ambicion join PLAN REVIEW -o rated.jsonl` on its "
                 "plans and reviews, then `train --real`)")
    curve = result.get("curve")
    own = _history_clause(result, either=False)
    if curve is None:
        return ("Whether more real rated rows would help is not measured in this card (run `evaluate "
                "--real ... --learning-curve`); " + (own if own else "one source to try is " + join_hint) + ".")
    from .realcurve import trends

    moves = [t.from_corpus[0] for t in trends(curve, TARGETS) if t.from_corpus is not None]
    if moves and max(abs(m) for m in moves) < 0.03:
        own = _history_clause(result, either=True)
        return ("The learning curve below finds that learning from more members barely moves the "
                f"figures (at most {max(abs(m) for m in moves):.2f} from none to all of them), so more "
                "rows of the same kind are unlikely to close the gap; "
                + (own if own else "untried is " + join_hint + ", which shares that member's own phrasing") + ".")
    return ("The learning curve below shows how the figures move with the members learnt from; "
            + (own if own else "another source of rows to try is " + join_hint) + ".")


def _history_clause(result: dict, either: bool) -> str | None:
    """What the own-history section measured, in a clause; None when it was not run."""
    history = result.get("history")
    if history is None:
        return None
    from .realhistory import clearly_better

    better = clearly_better(history)
    if better:
        return ("learning from a member's own earlier IRM reviews (section below) helps beyond the noise on "
                + ", ".join(better))
    return ("learning from a member's own earlier IRM reviews (section below) does not help beyond the "
            "noise" + (" either" if either else ""))


def render(result: dict) -> list[str]:
    """Markdown lines for the model card."""
    out = ["## Results on real IRM ratings (read these first)",
           f"Real rated development set: {result['n_rows']} commitments from {result['n_groups']} OGP "
           f"members (file {', '.join(result['files'])}; rows skipped: {len(result['problems'])}). "
           "Labels: the IRM's per-value relevance (older method), relevance / open-government lens "
           "yes-no, and ambition as OGP's page field \"Ambition: High/Low\" where shown, else the IRM's "
           "potential impact (moderate/transformative) or potential for results (substantial). "
           "Intervals are 95% bootstrap intervals over countries.", "",
           "**Cross-validated** means nested cross-validation grouped by country: each member's rows are "
           "judged by models trained on the corpus and the other members, with thresholds chosen by an "
           "inner country-grouped CV on those other members only. This is the estimate for a new "
           "member's plans. *Shipped (in-sample)* was trained on these very rows and is shown only to "
           "check that the shipped files match the recipe; it is not an estimate of anything.", ""]
    out.append("| system | " + " | ".join(["values macro-F1", "lens bal. acc.", "ambition bal. acc."]) + " |")
    out.append("|---|---|---|---|")
    for name, tables in result["systems"].items():
        t = tables["all"]
        macro = t.get("values_macro_f1")
        cells = [(_n(macro[0]) + (f" [{macro[1][0]:.2f}, {macro[1][1]:.2f}]" if macro and macro[1] else ""))
                 if macro else "–",
                 _ci(t["open_gov_lens"], "balanced_accuracy") if "open_gov_lens" in t else "–",
                 _ci(t["substantial"], "balanced_accuracy") if "substantial" in t else "–"]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    cv = result["systems"]["cross-validated"]
    out.extend(weaknesses(result))
    out.append("Cross-validated, per label (P / R / F1, balanced accuracy, AUC; n = rows carrying the label, "
               "pos = positives):")
    out.append("")
    out.append("| label | n | pos | P | R | F1 | bal. acc. | AUC | majority F1 |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    dummy = result["systems"]["majority"]["all"]
    for label in MEASURED:
        s = cv["all"].get(label)
        if s is None:
            continue
        out.append(f"| {label} | {s.n} | {s.positives} | {_n(s.precision)} | {_n(s.recall)} | "
                   f"{_ci(s, 'f1')} | {_ci(s, 'balanced_accuracy')} | {_ci(s, 'auc')} | "
                   f"{_n(dummy[label].f1) if label in dummy else '–'} |")
    out.append("")
    out.append("Cross-validated, by language and by text source (F1 for values, balanced accuracy for "
               "lens, ambition and verifiability; intervals from 200 replicates):")
    out.append("")
    names = [s for s in cv if s != "all"]
    out.append("| label | " + " | ".join(names) + " |")
    out.append("|---|" + "---|" * len(names))
    for label in MEASURED:
        cells = []
        for s in names:
            st = cv[s].get(label)
            if st is None:
                cells.append("–")
            else:
                key = "f1" if label.endswith(("information", "participation", "accountability", "innovation")) \
                    else "balanced_accuracy"
                cells.append(f"{_ci(st, key)} (n={st.n})")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    if result.get("tried"):
        from .realtried import render as render_tried

        out.extend(render_tried(*result["tried"]))
    if result.get("curve"):
        from .realcurve import FIGURE, render as render_curve

        command = "ambicion evaluate " + " ".join(f"--real {name}" for name in result["files"]) + " --learning-curve"
        out.extend(render_curve(result["curve"], TARGETS, command, FIGURE))
    if result.get("history"):
        from .realhistory import render as render_history

        command = "ambicion evaluate " + " ".join(f"--real {name}" for name in result["files"]) + " --own-history"
        out.extend(render_history(result["history"], command))
    return out
