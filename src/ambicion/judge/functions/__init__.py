"""Does a commitment restate what its institution must already do? Compare it to its functions.

The user may give the institution's functions (its ROF/LOF as text, a file or a list); the
general legal obligations of Peruvian entities shipped in `data/legal_obligations_pe.json`
are always added, since every entity is bound by them. `items` cuts documents into cited
items, `terms` reduces words to comparable keys, `match` scores each action phrase of a
commitment against the items, and `decide` turns that evidence into a verdict.
"""

from .decide import Beyond, Restatement
from .items import (
    FunctionItem,
    default_items,
    function_items,
    legal_obligations,
    merged,
    read_functions_file,
    split_functions,
    split_items,
)
from .match import Cover, FunctionIndex, FunctionMatch

__all__ = [
    "Beyond", "Cover", "FunctionIndex", "FunctionItem", "FunctionMatch", "Restatement",
    "default_items", "function_items", "legal_obligations", "merged", "read_functions_file",
    "split_functions", "split_items",
]
