"""Kept results are small: repeated strings are shared, judgement records have no __dict__.

`assess_many` returns every Assessment; thousands of them used to each carry their own copy
of the same reasons, suggestions and evidence phrases.
"""

from __future__ import annotations

import ambicion
from ambicion.judge.compact import compact

TEXTS = [f"La municipalidad publicará en datos abiertos los contratos de obra número {i} y "
         "responderá por escrito a las observaciones de la ciudadanía en un plazo de diez días."
         for i in range(6)]


def _strings(a):
    """Every string a result holds outside its id, title and text, as (value, object id)."""
    out = []

    def walk(o):
        if isinstance(o, str):
            out.append((o, id(o)))
        elif isinstance(o, dict):
            for k, v in o.items():
                walk(k)
                walk(v)
        elif isinstance(o, tuple):
            for x in o:
                walk(x)
        elif hasattr(o, "__slots__"):
            for name in o.__slots__:
                walk(getattr(o, name))

    for name in a.__slots__:
        if name not in ("id", "title", "text"):
            walk(getattr(a, name))
    return out


def test_equal_strings_across_results_are_one_object():
    results = ambicion.assess_many(TEXTS, language="es")
    objects: dict[str, set[int]] = {}
    for a in results:
        for value, ident in _strings(a):
            objects.setdefault(value, set()).add(ident)
    repeated = {v for v, ids in objects.items() if sum(v == w for a in results for w, _ in _strings(a)) > 1}
    assert repeated  # the six near-identical commitments share reasons and evidence
    assert all(len(objects[v]) == 1 for v in repeated)


def test_judgement_records_are_slotted_and_compact_changes_nothing():
    [a] = ambicion.assess_many(TEXTS[:1], language="es")
    assert not hasattr(a, "__dict__") and not hasattr(a.values[0], "__dict__")
    assert not hasattr(a.flags[0], "__dict__")
    assert compact(a) == a
    assert type(a).from_dict(a.to_dict()) == a
