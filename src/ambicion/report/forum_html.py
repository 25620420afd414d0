"""The forum's written feedback as one self-contained HTML page (cards laid out, all text escaped)."""

from __future__ import annotations

from typing import Sequence

from .cards import Card, Field, Run, card_facts, evidence_note
from .htmlkit import esc, page, table
from .wording import count_words, texts


def feedback_html(cards: Sequence[Card], sources: Sequence[str], lang: str, version: str,
                  title: str | None = None) -> str:
    t = texts(lang)
    heading = title or t["title"]
    parts = [f"<h1>{esc(heading)}</h1>"]
    if sources:
        key = "sources_one" if len(sources) == 1 else "sources_other"
        parts.append(f'<p class="source">{esc(t[key].format(names=", ".join(sources)))} · '
                     f"{esc(count_words(len(cards), 'count_proposals', lang))}</p>")
    parts += [f"<p>{esc(t['intro'])}</p>", f'<p class="muted">{esc(t["confidence_note"])}</p>',
              f'<p class="muted">{esc(t["generated"].format(version=version))}</p>',
              f"<h2>{esc(t['overview'])}</h2>", _overview(cards, lang)]
    decided = any(c.decision for c in cards)  # a round's answers: every card says its status
    parts += [_card(c, lang, decided) for c in cards]
    return page(heading, "\n".join(parts), lang=lang)


def _overview(cards: Sequence[Card], lang: str) -> str:
    t = texts(lang)
    columns = [("n", t["number"]), ("title", t["commitment"]), ("values", t["values"]),
               ("ambition", t["ambition"]), ("flags", t["flags"])]
    if any(c.decision for c in cards):
        columns.append(("decision", t["decision"]))
    rows = [{"n": c.number, "title": c.title, "values": c.values, "ambition": c.ambition,
             "flags": c.flags, "decision": c.decision or t["decision_pending"]} for c in cards]
    return '<div class="scroll">' + table(rows, columns, numeric=("n",)) + "</div>"


def _card(c: Card, lang: str, decided: bool = False) -> str:
    t = texts(lang)
    facts = card_facts(c, t)
    out = [f'<section class="card" id="p{c.number}">',
           f"<h3>{esc(c.heading)}. {esc(c.title)}</h3>",
           "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts) + "</dl>"]
    if decided or c.answer:
        status = c.decision or t["decision_pending"]
        out.append('<div class="decision">'
                   + f"<p><strong>{esc(t['decision'])}:</strong> {esc(status)}</p>"
                   + (f"<p><strong>{esc(t['answer'])}:</strong></p><p class=\"answer\">{esc(c.answer)}</p>"
                      if c.answer else "")
                   + "</div>")
    out.append(f"<h4>{esc(t['text'])}</h4>")
    out.append('<div class="text">' + "".join(_field(f) for f in c.fields) + "</div>")
    out.append(f'<p class="muted">{esc(t["legend"])}</p>')
    if c.evidence:
        out.append(f"<h4>{esc(t['evidence'])}</h4><ul class=\"tight\">")
        for e in c.evidence:
            rest = evidence_note(e, t)
            out.append(f"<li><strong>{esc(e.label)}</strong>{esc(rest)}</li>")
        out.append("</ul>")
    out.append(_list(t["reasons"], c.reasons, t["no_notes"]))
    out.append(_list(t["verifiability"], c.verifiability, t["no_notes"]))
    out.append(_list(t["suggestions"], c.suggestions, t["no_suggestions"]))
    out.append("</section>")
    return "\n".join(out)


def _field(f: Field) -> str:
    head = f'<p class="field">{esc(f.label)}</p>'
    if f.listed:
        items = "".join(f"<li>{_runs(p.runs)}" + (f' <span class="muted">({esc(p.note)})</span>' if p.note else "")
                        + "</li>" for p in f.paragraphs)
        return f'{head}<ul class="tight">{items}</ul>'
    return head + "".join(f'<p class="prose">{_runs(p.runs)}</p>' for p in f.paragraphs)


def _runs(runs: Sequence[Run]) -> str:
    return "".join(
        f'<mark class="{" ".join(r.kinds)}" title="{esc(", ".join(r.labels))}">{esc(r.text)}</mark>'
        if r.kinds else esc(r.text) for r in runs)


def _list(heading: str, items: Sequence[str], empty: str) -> str:
    body = "".join(f"<li>{esc(x)}</li>" for x in items) or f"<li>{esc(empty)}</li>"
    return f'<h4>{esc(heading)}</h4><ul class="tight">{body}</ul>'
