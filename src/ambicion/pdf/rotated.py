"""Words of rotated text, read in their own direction as whole words.

Why: older IRM overview tables print their level headers turned 90° (bottom to top) to fit
narrow columns. pdfplumber's default word extractor reads such characters top to bottom and
splits a word wherever the per-character size changes (for turned glyphs the "size" is the
glyph's advance), so "Moderado" came out as "odaredoM" in pieces. Here every non-upright
character is grouped by its direction, read from its text matrix, and each group is read by
pdfplumber's own word extractor told that direction. Upright text is read exactly as before.
"""

from __future__ import annotations

from typing import Iterable, Literal, Sequence, TypedDict

Direction = Literal["btt", "ttb"]

class _WordSettings(TypedDict):
    """The word-grouping options every extraction here shares (typed, so `**` keeps them apart
    from the extractor's direction arguments)."""

    keep_blank_chars: bool
    use_text_flow: bool


_WORD_SETTINGS: _WordSettings = {"keep_blank_chars": False, "use_text_flow": False}
# Next-line direction for each reading direction: text turned 90° anticlockwise (read bottom
# to top) continues in the next line to its right; text turned clockwise, to its left.
_LINE_DIR: dict[Direction, Literal["ltr", "rtl"]] = {"btt": "ltr", "ttb": "rtl"}
LINE_TOLERANCE = 3.0  # points between two words' line positions that still share a line


def char_direction(char: dict) -> Direction | None:
    """"btt" or "ttb" for a character turned by a quarter, None for upright (or upside-down)."""
    if char.get("upright", True):
        return None
    matrix = char.get("matrix") or (1, 0, 0, 1)
    b = matrix[1]
    if b > 0:
        return "btt"
    if b < 0:
        return "ttb"
    return None


def page_words(page, extra_attrs: Sequence[str] = ("fontname", "size")) -> list[dict]:
    """The page's words: upright ones as `page.extract_words` gives them, turned ones whole.

    Turned words carry "turned" ("btt"/"ttb"; pdfplumber's own "direction" key is set on
    every word) and a "size" taken from their width across
    the line (the glyph height), so a caller can tell them apart and keep sizes comparable.
    """
    chars = page.chars
    if all(c.get("upright", True) for c in chars):
        return page.extract_words(extra_attrs=list(extra_attrs), **_WORD_SETTINGS)
    from pdfplumber.utils.text import WordExtractor

    upright = [c for c in chars if char_direction(c) is None]
    words = WordExtractor(extra_attrs=list(extra_attrs), **_WORD_SETTINGS).extract_words(upright)
    turned_attrs = [a for a in extra_attrs if a != "size"]  # per-glyph advance: would split words
    for direction in ("btt", "ttb"):
        group = [c for c in chars if char_direction(c) == direction]
        if not group:
            continue
        extractor = WordExtractor(extra_attrs=turned_attrs, line_dir_rotated=_LINE_DIR[direction],
                                  char_dir_rotated=direction, **_WORD_SETTINGS)
        for w in extractor.extract_words(group):
            w["turned"] = direction
            w["size"] = round(float(w["x1"] - w["x0"]), 1)
            words.append(w)
    return words


def split_turned(words: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """(upright words, turned words)."""
    upright: list[dict] = []
    turned: list[dict] = []
    for w in words:
        (turned if w.get("turned") else upright).append(w)
    return upright, turned


def turned_lines(words: Sequence[dict]) -> list[dict]:
    """Turned words joined into lines in reading order, as {"text", "x0", "top", "x1", "bottom",
    "size", "fontname", "turned"}.

    A line of turned text is a column of words sharing an x position; its words are read along
    the direction (bottom up for "btt"), and the lines follow each other the way the text runs.
    """
    out: list[dict] = []
    for direction in ("btt", "ttb"):
        group = [w for w in words if w.get("turned") == direction]
        if not group:
            continue
        columns: list[list[dict]] = []
        for w in sorted(group, key=lambda w: (round(w["x0"]), -w["bottom"])):
            if columns and abs(columns[-1][0]["x0"] - w["x0"]) <= LINE_TOLERANCE:
                columns[-1].append(w)
            else:
                columns.append([w])
        if direction == "ttb":
            columns.reverse()
        for col in columns:
            col.sort(key=lambda w: -w["bottom"] if direction == "btt" else w["top"])
            out.append({
                "text": " ".join(w["text"] for w in col),
                "x0": min(w["x0"] for w in col), "x1": max(w["x1"] for w in col),
                "top": min(w["top"] for w in col), "bottom": max(w["bottom"] for w in col),
                "size": col[0].get("size", 0.0), "fontname": col[0].get("fontname", ""),
                "turned": direction,
            })
    return out
