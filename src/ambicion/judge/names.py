"""Find proper names (laws, authorities, offices) whose words would otherwise read as evidence.

Why: "Ley de Transparencia y Acceso a la Información Pública" or "Autoridad Nacional de
Transparencia …" contain the very words that signal access to information, yet naming a law
or a body says nothing about what the commitment will open. Rule hits that lie wholly
inside such a name are dropped. The name heads live in data/judge_names.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .alternation import word_start

_CAP = r"[A-ZÁÉÍÓÚÑÜ][\wÁÉÍÓÚÑÜáéíóúñü'’\-]*"
_NUM = r"(?:(?:N\.?\s?[°º]|Nº|No\.|Nro\.|n\.?\s?[°º])\s?)?\d[\d.\-/]*\d|\d"
# a capitalised sentence opener glued to a name ("Amend the Access to Information Act")
_OPENER = re.compile(r"^\S+\s+(?:the|la|el|los|las)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The names led by a head, the names ended by one, and what the latter must hold."""
    data = json.loads(resources.files("ambicion").joinpath("data/judge_names.json").read_text("utf-8"))
    conn = "|".join(re.escape(c) for c in data["connectors"])
    word = rf"(?:{_NUM}|{_CAP})"
    tail = rf"(?:\s+(?:(?:{conn})\s+)*{word})+"
    first = word_start(sorted(data["heads_first"], key=len, reverse=True))
    last = "|".join(re.escape(h) for h in sorted(data["heads_last"], key=len, reverse=True))
    head_first = re.compile(rf"{first}\b{tail}")
    head_last = re.compile(rf"\b{_CAP}(?:\s+(?:(?:{conn})\s+)*{_CAP})*\s+(?:{last})\b")
    # every name ended by a head holds a space and the head: a text without one (most Spanish
    # ones, the heads being English) is not searched for such names at all
    last_word = re.compile(rf"\s(?:{last})\b")
    return head_first, head_last, last_word


def name_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of names of laws and public bodies in `text`."""
    head_first, head_last, last_word = _patterns()
    out = []
    for pattern in (head_first, head_last):
        if pattern is head_last and last_word.search(text) is None:
            continue
        for m in pattern.finditer(text):
            start = m.start()
            opener = _OPENER.match(m.group(0))
            if pattern is head_last and opener:
                start += opener.end()
            if len(text[start:m.end()].split()) >= 3:
                out.append((start, m.end()))
    return tuple(sorted(out))


# "aprobado por Decreto Supremo N.° 072-2003-PCM", "established by Law No. 12.345": a norm
# already in force, named by its number after the participle that says it was approved
_PARTICIPLE = (r"(?:aprobad|establecid|cread|creado|modificad|regulad|dispuest|reglamentad|"
               r"promulgad|dictad|emitid|expedid)[oa]s?|approved|established|created|amended|"
               r"enacted|issued|regulated|adopted|passed|set\s+out")
_NORM = (r"(?:Decreto(?:\s+(?:Supremo|Legislativo|de\s+Urgencia|Ejecutivo|Ley))?|D\.\s?S\.|D\.\s?L\.|"
         r"Ley(?:\s+Org[áa]nica)?|Resoluci[óo]n(?:\s+(?:Ministerial|Directoral|Suprema|Jefatural|"
         r"Administrativa|Ejecutiva|de\s+\w+))*|R\.\s?M\.|Ordenanza(?:\s+Municipal|\s+Regional)?|"
         r"Directiva|Acuerdo|Law|Act|Decree|Regulation|Statute|Order|Executive\s+Order)")
_CITED = re.compile(rf"\b(?:{_PARTICIPLE})\s+(?:por|mediante|en|con|by|under|in|through)\s+"
                    rf"(?:(?:el|la|the)\s+)?{_NORM}\s*(?:{_NUM})", re.IGNORECASE)


def cited_norm_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges of citations of a norm already approved ("aprobado por Decreto Supremo N.° 072").

    Why: a participle cites how a rule in force came to be; read as a binding cue it made a
    commitment that only complies with an old regulation look like one that makes a new one.
    The norm must carry its number, so "aprobado por un decreto que…" (a rule to come) stays.
    """
    return tuple(m.span() for m in _CITED.finditer(text))
