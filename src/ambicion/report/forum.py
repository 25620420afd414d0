"""The forum's written feedback: one card per proposed commitment, as HTML, Markdown or XLSX.

Why: OGP's co-creation recommendations ask the multi-stakeholder forum to document every
proposal it received and answer in writing how it was considered. This report gives, for
each commitment, its values, ambition and warnings, the phrases each judgement rests on
(highlighted in the commitment's own text), verifiability notes and suggestions — in Spanish
by default. Commitment text is untrusted: it is escaped in HTML and Markdown and
neutralised in spreadsheets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Literal, Mapping, Sequence

from ..errors import OutputError
from ..io import atomic_path, atomic_write
from ..labels import AMBITION_NAMES, FLAG_NAMES, VALUE_NAMES
from ..model import Assessment
from .htmlkit import esc, page, table

Format = Literal["html", "md", "xlsx"]


@lru_cache(maxsize=1)
def _texts() -> Mapping[str, Mapping[str, str]]:
    raw = resources.files("ambicion").joinpath("data/forum_text.json").read_text("utf-8")
    return json.loads(raw)


def texts(lang: str) -> Mapping[str, str]:
    """The report's phrases in `lang` ("es" or "en")."""
    return _texts()[lang]


def write_forum_report(
    assessments: Sequence[Assessment],
    target: Path,
    fmt: Format,
    lang: Literal["es", "en"] = "es",
    inputs: Iterable[str | Path] = (),
) -> None:
    """Write the forum's feedback on `assessments` to `target` (atomically, never over an input)."""
    if lang not in ("es", "en"):
        raise OutputError(target, f"unknown report language {lang!r}; use es or en")
    target = Path(target)
    inputs = list(inputs)
    if fmt == "html":
        with atomic_write(target, inputs=inputs) as fh:
            fh.write(forum_html(assessments, lang))
    elif fmt == "md":
        with atomic_write(target, inputs=inputs) as fh:
            fh.write(forum_markdown(assessments, lang))
    elif fmt == "xlsx":
        with atomic_path(target, inputs=inputs) as tmp:
            _write_xlsx(assessments, tmp, lang)
    else:
        raise OutputError(target, f"unknown report format {fmt!r}; use html, md or xlsx")


# ---------------------------------------------------------------- evidence spans


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: Literal["value", "flag"]
    code: str


def evidence_spans(a: Assessment) -> list[Span]:
    """Evidence spans of present values and flags, checked against the text.

    An offset that does not point at its own words (e.g. the text was cleaned after
    judging) falls back to the first occurrence of those words; unfound evidence is dropped
    rather than highlighting the wrong words.
    """
    out: list[Span] = []
    groups = [("value", v.code, v.evidence) for v in a.values if v.present]
    groups += [("flag", f.code, f.evidence) for f in a.flags if f.present]
    for kind, code, evidence in groups:
        for e in evidence:
            start, end = e.start, e.end
            if not (0 <= start < end <= len(a.text) and a.text[start:end] == e.text):
                found = a.text.find(e.text) if e.text else -1
                if found < 0:
                    continue
                start, end = found, found + len(e.text)
            out.append(Span(start, end, kind, code))
    return out


def segments(text: str, spans: Sequence[Span]) -> list[tuple[str, tuple[Span, ...]]]:
    """Cut `text` at every span boundary; each piece with the spans covering it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b:
            out.append((text[a:b], tuple(s for s in spans if s.start <= a and s.end >= b)))
    return out


def _name(kind: str, code: str, lang: str) -> str:
    names = VALUE_NAMES if kind == "value" else FLAG_NAMES
    return names.get(code, {}).get(lang, code)


# ---------------------------------------------------------------- HTML


def forum_html(assessments: Sequence[Assessment], lang: str = "es") -> str:
    """The whole report as one self-contained HTML page."""
    from .. import __version__

    t = texts(lang)
    parts = [f"<h1>{esc(t['title'])}</h1>", f"<p>{esc(t['intro'])}</p>",
             f'<p class="muted">{esc(t["generated"].format(version=__version__))}</p>',
             f"<h2>{esc(t['overview'])}</h2>", _overview_html(assessments, lang)]
    for i, a in enumerate(assessments, 1):
        parts.append(_card_html(i, a, lang))
    return page(t["title"], "\n".join(parts), lang=lang)


def _overview_html(assessments: Sequence[Assessment], lang: str) -> str:
    t = texts(lang)
    rows = [{"n": i, "title": a.title or a.id, "values": _value_list(a, lang),
             "ambition": _ambition(a, lang), "flags": _flag_list(a, lang)}
            for i, a in enumerate(assessments, 1)]
    return table(rows, [("n", t["number"]), ("title", t["commitment"]), ("values", t["values"]),
                        ("ambition", t["ambition"]), ("flags", t["flags"])], numeric=("n",))


def _card_html(i: int, a: Assessment, lang: str) -> str:
    t = texts(lang)
    badges = [f'<span class="badge value">{esc(_name("value", c, lang))}</span>'
              for c in a.value_codes]
    badges.append(f'<span class="badge ambition">{esc(t["ambition"])}: '
                  f"{esc(_ambition(a, lang))}</span>")
    badges += [f'<span class="badge flag">{esc(_name("flag", c, lang))}</span>'
               for c in a.flag_codes]
    lens = t["yes"] if a.open_gov_lens else t["no"]
    out = [f'<section class="card" id="c{i}">',
           f"<h3>{i}. {esc(a.title or a.id)}</h3>",
           f'<p class="muted">{esc(t["id"])}: {esc(a.id)} · {esc(t["lens"])}: {esc(lens)}</p>',
           f"<p>{''.join(badges)}</p>",
           f"<h4>{esc(t['text'])}</h4>",
           f'<div class="text">{_highlight_html(a)}</div>',
           f'<p class="muted">{esc(t["legend"])}</p>']
    evidence = _evidence_items(a, lang)
    if evidence:
        out.append(f"<h4>{esc(t['evidence'])}</h4><ul class=\"tight\">")
        out += [f"<li><strong>{esc(head)}</strong>{esc(rest)}</li>" for head, rest in evidence]
        out.append("</ul>")
    out.append(_list_html(t["reasons"], a.ambition_reasons, t["no_notes"]))
    out.append(_list_html(t["verifiability"], a.verifiability, t["no_notes"]))
    out.append(_list_html(t["suggestions"], a.suggestions, t["no_suggestions"]))
    out.append("</section>")
    return "\n".join(out)


def _highlight_html(a: Assessment) -> str:
    runs: list[list] = []  # [text, kinds, title]; neighbours with the same labels merge
    for chunk, covering in segments(a.text, evidence_spans(a)):
        kinds = " ".join(sorted({s.kind for s in covering}))
        title = ", ".join(dict.fromkeys(_name(s.kind, s.code, a.language) for s in covering))
        if runs and runs[-1][1:] == [kinds, title]:
            runs[-1][0] += chunk
        else:
            runs.append([chunk, kinds, title])
    return "".join(
        f'<mark class="{kinds}" title="{esc(title)}">{esc(text)}</mark>' if kinds else esc(text)
        for text, kinds, title in runs)


def _list_html(heading: str, items: Sequence[str], empty: str) -> str:
    body = "".join(f"<li>{esc(x)}</li>" for x in items) or f"<li>{esc(empty)}</li>"
    return f'<h4>{esc(heading)}</h4><ul class="tight">{body}</ul>'


# ---------------------------------------------------------------- shared wording


def _value_list(a: Assessment, lang: str) -> str:
    return ", ".join(_name("value", c, lang) for c in a.value_codes) or texts(lang)["none"]


def _flag_list(a: Assessment, lang: str) -> str:
    return ", ".join(_name("flag", c, lang) for c in a.flag_codes) or texts(lang)["none"]


def _ambition(a: Assessment, lang: str) -> str:
    name = AMBITION_NAMES.get(a.ambition, {}).get(lang, a.ambition)
    p = (a.ambition_probabilities or {}).get(a.ambition)
    return f"{name} ({p:.0%})" if isinstance(p, (int, float)) else name


def _evidence_items(a: Assessment, lang: str) -> list[tuple[str, str]]:
    """(label, rest of the line) for each present value and flag: its phrases, then why."""
    t = texts(lang)
    items: list[tuple[str, str]] = []
    for v in a.values:
        if v.present:
            items.append((_name("value", v.code, lang),
                          f" ({t['probability']} {v.probability:.0%})" + _phrases(v.evidence)))
    for f in a.flags:
        if f.present:
            rest = f" ({t['probability']} {f.probability:.0%})" + _phrases(f.evidence)
            if f.functions:  # the restated functions, each with its article (the detail says the same)
                rest += _citations(f, lang)
            else:
                if f.detail:
                    rest += f" {f.detail.strip()}"
                if f.matched_function:
                    sim = f" ({t['similarity']} {f.similarity:.2f})" if f.similarity is not None else ""
                    rest += f" {t['matched_function']}: «{f.matched_function}»{sim}."
            items.append((_name("flag", f.code, lang), rest))
    return items


def _citations(f, lang: str) -> str:
    """Restated functions: each function with its article and the commitment phrase it covers."""
    t = texts(lang)
    return "".join(f" {t['restated_function']} ({c.reference}): «{c.function}» — {t['covers']} «{c.phrase}»."
                   for c in f.functions)


def distinct_phrases(evidence) -> list[str]:
    """Each distinct evidence phrase once (case-insensitive), in order of appearance."""
    seen: dict[str, str] = {}
    for e in evidence:
        phrase = " ".join(e.text.split())
        if phrase:
            seen.setdefault(phrase.casefold(), phrase)
    return list(seen.values())


def _phrases(evidence) -> str:
    """': «a»; «b».' — each distinct phrase once, in order of appearance."""
    unique = distinct_phrases(evidence)
    return (": " + "; ".join(f"«{p}»" for p in unique) + ".") if unique else "."


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")
_MD_LINE_START = re.compile(r"^([ \t]*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def md_escape(text: str) -> str:
    """Backslash-escape Markdown and HTML punctuation, so text renders as itself.

    Characters that only matter at the start of a line (list markers, setext underlines)
    are escaped there by `_md_line_starts`, applied to whole lines.
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_line_starts(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        marker = m.group(2)
        return m.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)

    return _MD_LINE_START.sub(fix, text)


def forum_markdown(assessments: Sequence[Assessment], lang: str = "es") -> str:
    """The whole report as Markdown (CommonMark; raw HTML in user text is escaped)."""
    from .. import __version__

    t = texts(lang)
    out = [f"# {md_escape(t['title'])}", "", md_escape(t["intro"]), "",
           f"_{md_escape(t['generated'].format(version=__version__))}_", "",
           f"## {md_escape(t['overview'])}", "",
           f"| {t['number']} | {t['commitment']} | {t['values']} | {t['ambition']} | {t['flags']} |",
           "|---:|---|---|---|---|"]
    for i, a in enumerate(assessments, 1):
        cells = [str(i), a.title or a.id, _value_list(a, lang), _ambition(a, lang), _flag_list(a, lang)]
        out.append("| " + " | ".join(md_escape(" ".join(c.split())) for c in cells) + " |")
    for i, a in enumerate(assessments, 1):
        lens = t["yes"] if a.open_gov_lens else t["no"]
        out += ["", f"## {i}\\. {md_escape(' '.join((a.title or a.id).split()))}", "",
                f"- **{md_escape(t['id'])}:** {md_escape(a.id)}",
                f"- **{md_escape(t['values'])}:** {md_escape(_value_list(a, lang))}",
                f"- **{md_escape(t['lens'])}:** {md_escape(lens)}",
                f"- **{md_escape(t['ambition'])}:** {md_escape(_ambition(a, lang))}",
                f"- **{md_escape(t['flags'])}:** {md_escape(_flag_list(a, lang))}",
                "", f"**{md_escape(t['text'])}**", ""]
        quoted = _md_line_starts(_highlight_md(a)).split("\n")
        # two trailing spaces keep the text's line breaks (a hard break in CommonMark)
        out += [("> " + line + ("  " if k < len(quoted) - 1 else "")) if line else ">"
                for k, line in enumerate(quoted)]
        evidence = _evidence_items(a, lang)
        if evidence:
            out += ["", f"### {md_escape(t['evidence'])}", ""]
            out += [f"- **{md_escape(head)}**{md_escape(rest)}" for head, rest in evidence]
        for heading, items, empty in ((t["reasons"], a.ambition_reasons, t["no_notes"]),
                                      (t["verifiability"], a.verifiability, t["no_notes"]),
                                      (t["suggestions"], a.suggestions, t["no_suggestions"])):
            out += ["", f"### {md_escape(heading)}", ""]
            out += [f"- {_md_line_starts(md_escape(' '.join(x.split())))}" for x in items] or [
                f"- {md_escape(empty)}"]
    return "\n".join(out) + "\n"


def _highlight_md(a: Assessment) -> str:
    """The text with evidence in bold; bold never spans a line break or edge whitespace."""
    runs: list[tuple[str, bool]] = []
    for chunk, covering in segments(a.text, evidence_spans(a)):
        marked = bool(covering)
        if runs and runs[-1][1] == marked:
            runs[-1] = (runs[-1][0] + chunk, marked)
        else:
            runs.append((chunk, marked))
    pieces = []
    for chunk, marked in runs:
        if not marked:
            pieces.append(md_escape(chunk))
            continue
        lines = []
        for line in chunk.split("\n"):
            core = line.strip()
            if core:
                lead = line[:len(line) - len(line.lstrip())]
                trail = line[len(line.rstrip()):]
                lines.append(f"{lead}**{md_escape(core)}**{trail}")
            else:
                lines.append(line)
        pieces.append("\n".join(lines))
    return "".join(pieces)


# ---------------------------------------------------------------- XLSX


def _write_xlsx(assessments: Sequence[Assessment], path: Path, lang: str) -> None:
    import pandas as pd

    from ..frames import spreadsheet_safe

    t = texts(lang)
    overview = pd.DataFrame([{
        t["number"]: i, t["id"]: a.id, t["commitment"]: a.title,
        t["values"]: _value_list(a, lang),
        t["lens"]: t["yes"] if a.open_gov_lens else t["no"],
        t["ambition"]: _ambition(a, lang), t["flags"]: _flag_list(a, lang),
        t["reasons"]: "\n".join(a.ambition_reasons),
        t["verifiability"]: "\n".join(a.verifiability),
        t["suggestions"]: "\n".join(a.suggestions), t["text_plain"]: a.text,
    } for i, a in enumerate(assessments, 1)])
    evidence_rows = []
    for i, a in enumerate(assessments, 1):
        for s in evidence_spans(a):
            evidence_rows.append({t["number"]: i, t["id"]: a.id, t["commitment"]: a.title,
                                  t["label"]: _name(s.kind, s.code, lang),
                                  t["excerpt"]: a.text[s.start:s.end]})
    evidence = pd.DataFrame(evidence_rows, columns=[t["number"], t["id"], t["commitment"],
                                                    t["label"], t["excerpt"]])
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        spreadsheet_safe(overview).to_excel(writer, sheet_name=t["sheet_overview"], index=False)
        spreadsheet_safe(evidence).to_excel(writer, sheet_name=t["sheet_evidence"], index=False)
