"""The forum's written feedback as Markdown that reads well pasted as plain text.

Why escaping is minimal: a secretary pastes this into an e-mail as often as into a
Markdown viewer, and "borrador\\_foro\\_B\\#1" reads badly. So a character is escaped
only where CommonMark (with the usual table and strikethrough extensions) would give it a
meaning: emphasis and code markers, link brackets, raw HTML, entities, and line-start
markers (headings, lists, quotes, setext underlines). An underscore inside a word, a "#"
mid-line or "1." mid-sentence are left alone, because there they mean nothing.
"""

from __future__ import annotations

import re
from typing import Sequence

from .cards import Card, Field, Run, card_facts, evidence_note
from .wording import count_words, texts

_ALWAYS = re.compile(r"([\\`*\[\]<])")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # not flanked by letters/digits on both sides
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TILDES = re.compile(r"~(?=~)|(?<=~)~")
_LINE_START = re.compile(
    r"^([ \t]*)(#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|\d{1,9}(?=[.)](?:\s|$))|=+(?=\s*$)|-+(?=\s*$))",
    re.MULTILINE)


def md_escape(text: str, table_cell: bool = False) -> str:
    """Escape `text` so it renders as itself, touching only characters that would act."""
    out = escape_line_starts(escape_inline(text))
    if table_cell:
        out = " ".join(out.replace("|", "\\|").split())
    return out


def escape_inline(text: str) -> str:
    """Escape what acts anywhere in a line (emphasis, code, links, raw HTML, entities)."""
    out = _ALWAYS.sub(r"\\\1", text)
    out = _UNDERSCORE.sub(r"\\_", out)
    out = _ENTITY.sub(r"\\&", out)
    return _TILDES.sub(r"\\~", out)


def escape_line_starts(text: str) -> str:
    """Escape what acts only at the start of a line (headings, list and quote markers)."""
    return _LINE_START.sub(_line_start, text)


def _line_start(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker[0].isdigit():
        return m.group(1) + marker + "\\"  # "1\." only where a list would start
    return m.group(1) + "\\" + marker


def feedback_markdown(cards: Sequence[Card], sources: Sequence[str], lang: str, version: str,
                      title: str | None = None) -> str:
    t = texts(lang)
    out = [f"# {md_escape(title or t['title'])}", ""]
    if sources:
        key = "sources_one" if len(sources) == 1 else "sources_other"
        out += [f"**{md_escape(t[key].format(names=', '.join(sources)))}** · "
                f"{md_escape(count_words(len(cards), 'count_proposals', lang))}", ""]
    out += [md_escape(t["intro"]), "", md_escape(t["confidence_note"]), "",
            f"_{md_escape(t['generated'].format(version=version))}_", "",
            f"## {md_escape(t['overview'])}", ""]
    heads = [t["number"], t["commitment"], t["values"], t["ambition"], t["flags"]]
    with_decision = any(c.decision for c in cards)
    if with_decision:
        heads.append(t["decision"])
    out.append("| " + " | ".join(md_escape(h, table_cell=True) for h in heads) + " |")
    out.append("|---:|" + "---|" * (len(heads) - 1))
    for c in cards:
        cells = [str(c.number), c.title, c.values, c.ambition, c.flags]
        if with_decision:
            cells.append(c.decision or t["decision_pending"])
        out.append("| " + " | ".join(md_escape(x, table_cell=True) for x in cells) + " |")
    for c in cards:
        out += _card(c, lang, with_decision)
    return "\n".join(out) + "\n"


def _card(c: Card, lang: str, decided: bool = False) -> list[str]:
    t = texts(lang)
    out = ["", f"## {md_escape(c.heading)}. {md_escape(c.title)}", ""]
    facts = card_facts(c, t)
    if decided or c.answer:  # a round's answers: every proposal says its status
        facts.append((t["decision"], c.decision or t["decision_pending"]))
    out += [f"- **{md_escape(k)}:** {md_escape(' '.join(v.split()))}" for k, v in facts]
    if c.answer:
        out += ["", f"**{md_escape(t['answer'])}:**", ""]
        out += [f"> {line}" if line else ">" for line in md_escape(c.answer).split("\n")]
    out += ["", f"### {md_escape(t['text'])}", ""]
    for f in c.fields:
        out += _field(f)
    out += ["", f"_{md_escape(t['legend_plain'])}_"]  # Markdown marks evidence in bold, not colours
    if c.evidence:
        out += ["", f"### {md_escape(t['evidence'])}", ""]
        for e in c.evidence:
            rest = evidence_note(e, t)
            out.append(f"- **{md_escape(e.label)}**{escape_inline(_one_line(rest))}")
    for heading, items, empty in ((t["reasons"], c.reasons, t["no_notes"]),
                                  (t["verifiability"], c.verifiability, t["no_notes"]),
                                  (t["suggestions"], c.suggestions, t["no_suggestions"])):
        out += ["", f"### {md_escape(heading)}", ""]
        out += [f"- {md_escape(' '.join(x.split()))}" for x in items] or [f"- {md_escape(empty)}"]
    return out


def _field(f: Field) -> list[str]:
    out = [f"**{md_escape(f.label)}**", ""]
    if f.listed:
        for p in f.paragraphs:
            note = f" ({md_escape(p.note)})" if p.note else ""
            out.append(f"- {_runs(p.runs, one_line=True)}{note}")
    else:
        for p in f.paragraphs:
            lines = _runs(p.runs).split("\n")
            # two trailing spaces keep the draft's line breaks (a hard break in CommonMark)
            out += [line + ("  " if k < len(lines) - 1 else "") for k, line in enumerate(lines)]
    out.append("")
    return out


def _runs(runs: Sequence[Run], one_line: bool = False) -> str:
    """Text with evidence in bold; bold never spans a line break or edge whitespace.

    Neighbouring highlighted runs are joined first, so overlapping evidence is one bold
    stretch (two adjacent bold runs would print as "**a****b**").
    """
    merged: list[tuple[str, bool]] = []
    for r in runs:
        marked = bool(r.kinds)
        if merged and merged[-1][1] == marked:
            merged[-1] = (merged[-1][0] + r.text, marked)
        else:
            merged.append((r.text, marked))
    pieces = []
    for chunk, marked in merged:
        if one_line:
            chunk = _one_line(chunk)
        if not marked:
            pieces.append(escape_inline(chunk))
            continue
        lines = []
        for line in chunk.split("\n"):
            core = line.strip()
            if core:
                lead = line[:len(line) - len(line.lstrip())]
                trail = line[len(line.rstrip()):]
                lines.append(f"{lead}**{escape_inline(core)}**{trail}")
            else:
                lines.append(line)
        pieces.append("\n".join(lines))
    text = "".join(pieces)
    return escape_line_starts(text.strip() if one_line else text)


def _one_line(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, edges kept."""
    return re.sub(r"\s+", " ", text)
