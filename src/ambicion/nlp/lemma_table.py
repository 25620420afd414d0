"""The lemmatizer's lookup table read back from disk as a plain dict, not as spaCy's `Table`.

Why: spaCy's `Table` is an OrderedDict whose every insertion goes through Python code (the key
hashed again, then added to a bloom filter), so reading back the ~100,000 forms of the
Spanish table cost about 0.1 s of CPU in every process that loads the judge, more than
decoding the file itself. The saved bytes already hold what a `Table` holds, each form keyed by
its string id; a dict made from them straight away answers the same lookups. The file format
is spaCy's own (`Lookups.to_bytes`), so pipelines are built, saved and re-saved as before.
"""

from __future__ import annotations

from typing import Any

import srsly
from spacy.lookups import Lookups
from spacy.strings import get_string_id


class IdTable(dict):
    """A lookup table keyed by string id, read like spaCy's `Table`: keys may be strings (hashed
    as spaCy hashes them, symbols included) or ids. A dict subclass, so it is made from the
    decoded file at C speed and packs back to the same bytes."""

    def __init__(self, name: str | None = None, data: dict | None = None) -> None:
        super().__init__(data or ())
        self.name = name

    def __getitem__(self, key: str | int) -> Any:
        return dict.__getitem__(self, get_string_id(key))

    def __setitem__(self, key: str | int, value: Any) -> None:
        dict.__setitem__(self, get_string_id(key), value)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, (str, int)) and dict.__contains__(self, get_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return dict.get(self, get_string_id(key), default)

    def set(self, key: str | int, value: Any) -> None:
        self[key] = value


class IdLookups(Lookups):
    """spaCy's `Lookups` whose tables, when read from bytes (or disk), are `IdTable`s."""

    def from_bytes(self, bytes_data: bytes, **kwargs: Any) -> "IdLookups":
        # spaCy types the tables as `Table`; an IdTable answers the same calls
        tables: dict[str, Any] = {name: IdTable(name, data)
                                  for name, data in srsly.msgpack_loads(bytes_data).items()}
        self._tables = tables
        return self
