"""Small pieces for self-contained HTML pages: escaping, tables, embedded images, the page shell.

Why: both the study report and the forum's feedback must open offline and must never run
what a commitment says, so every page is built from these helpers — all text passes through
`esc`, styles are inline, and images are PNG data URIs. Nothing here references the network.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Any, Callable, Mapping, Sequence

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --soft: #f5f7fa; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
  border-bottom: 2px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1.05rem; }
.muted { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .85rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--soft); } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .85rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0;
        page-break-inside: avoid; }
.badge { display: inline-block; border-radius: 3px; padding: .05rem .4rem; margin: 0 .25rem .25rem 0;
         font-size: .8rem; background: var(--soft); border: 1px solid var(--line); }
.badge.value { background: #e3f2e8; border-color: #a8d5b7; }
.badge.flag { background: #fdecea; border-color: #f1b0a9; }
.badge.ambition { background: #e8eef7; border-color: #a9bfdc; }
.text { white-space: pre-wrap; background: var(--soft); padding: .6rem; border-radius: 4px; }
/* no padding or rounding: neighbouring and overlapping highlights join without a gap */
mark { padding: 0; border-radius: 0; color: inherit; }
mark.value { background: #c8ecd3; } mark.flag { background: #f9cfc9; }
mark.value.flag { background: #f3e3a1; }
ul.tight { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
.scroll { overflow-x: auto; max-width: 100%; } .scroll table { width: auto; min-width: 100%; }
.scroll th { position: sticky; top: 0; } td { overflow-wrap: break-word; } th { white-space: nowrap; }
.scroll td:first-child { white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0; }
dt { font-weight: 600; } dd { margin: 0; }
.text .field { font-weight: 600; margin: .5rem 0 .1rem; } .text .field:first-child { margin-top: 0; }
.text .prose { white-space: pre-wrap; margin: 0; }
.text { white-space: normal; }
.decision { border-left: 4px solid var(--accent); padding: .2rem .8rem; margin: .5rem 0; }
.decision .answer { white-space: pre-wrap; }
.source { font-weight: 600; }
@media print { body { max-width: none; } h2 { page-break-after: avoid; } }
"""


def esc(value: Any) -> str:
    """Text as HTML, quotes included: user text never becomes markup."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def img(png: bytes, alt: str, caption: str = "") -> str:
    """A figure whose image is embedded as a base64 PNG data URI."""
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure><img alt="{esc(alt)}" src="data:image/png;base64,{data}">{cap}</figure>'


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]],
          formats: Mapping[str, Callable[[Any], str]] | None = None,
          numeric: Sequence[str] = ()) -> str:
    """An HTML table; `columns` are (key, heading); formats return plain text (escaped here)."""
    formats = formats or {}
    head = "".join(f"<th>{esc(h)}</th>" for _, h in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            text = formats[key](value) if key in formats else _plain(value)
            cls = ' class="num"' if key in numeric else ""
            cells.append(f"<td{cls}>{esc(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def percent(value: Any) -> str:
    if _missing(value):
        return "–"
    return f"{100 * float(value):.0f}%"


def number(value: Any, digits: int = 2) -> str:
    if _missing(value):
        return "–"
    return f"{float(value):.{digits}f}"


def page(title: str, body: str, lang: str = "en") -> str:
    """A whole HTML document with inline CSS and a restrictive content policy."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pd.NA raise or compare oddly
    except (TypeError, ValueError):
        return True


def _plain(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
