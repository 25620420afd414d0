"""Which optional-content layers a viewer shows switched off when it opens the PDF.

Why: a PDF can put part of its drawing in a layer (an optional content group) and say, in
its default configuration, that the layer starts off: viewers and printers then show nothing
of it, yet its text is stored like any other and both engines extract it. Text in such a
layer is hidden text (pdf/visibility.py). pdfium names a layer, on each object drawn in it,
by the layer's /Name only, and loses what is not ASCII in it (a UTF-16 name comes back a
byte per character), so layers are told apart by the ASCII letters of their names
(`layer_key`); a key shared by a layer that is on and one that is off is left alone (shown),
rather than hide what a viewer shows, and a name without ASCII letters is never hidden.
"""

from __future__ import annotations


def hidden_layers(pdf) -> frozenset[str]:
    """The names of the layers a pdfplumber document's default configuration turns off."""
    from pdfminer.pdftypes import resolve1

    try:
        props = resolve1(pdf.doc.catalog.get("OCProperties"))
        if not isinstance(props, dict):
            return frozenset()
        config = resolve1(props.get("D"))
        groups = _groups(props.get("OCGs"))
        if not groups or not isinstance(config, dict):
            return frozenset()
        base_off = getattr(resolve1(config.get("BaseState")), "name", "ON") == "OFF"
        on = {id(g) for g in _groups(config.get("ON"))}
        off = {id(g) for g in _groups(config.get("OFF"))}
        shown: set[str] = set()
        hidden: set[str] = set()
        for group in groups:
            is_off = id(group) in off or (base_off and id(group) not in on)
            (hidden if is_off else shown).add(layer_key(_name(group)))
        return frozenset(hidden - shown - {""})
    except Exception:  # a damaged configuration: nothing is taken for hidden
        return frozenset()


def _groups(value) -> list[dict]:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if not isinstance(value, list):
        return []
    out = []
    for item in value[:10_000]:
        group = resolve1(item)
        if isinstance(group, dict):
            out.append(group)
    return out


def _name(group: dict) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(group.get("Name"))
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else ""


def layer_key(name: str) -> str:
    """A layer's name as both engines can agree on it: its printable ASCII, trimmed."""
    return "".join(ch for ch in name if " " <= ch <= "~").strip()
