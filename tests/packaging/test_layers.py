"""The layering rules of docs/ARCHITECTURE.md, checked on the source's import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ambicion


ROOT = Path(ambicion.__file__).resolve().parent


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _typing_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                out.update(id(n) for n in ast.walk(inner))
    return out


def import_graph(typing: bool = True) -> dict[str, set[str]]:
    """module -> the ambicion modules it imports (at top level or in functions; with
    `typing`, also those imported only for type checking)."""
    modules = {module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        tree = ast.parse(path.read_text("utf-8"))
        skip = set() if typing else _typing_only(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module)
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and t.startswith("ambicion"):
                    found.add(t)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


GRAPH = import_graph()


def _imports(prefix: str, forbidden: str) -> list[tuple[str, str]]:
    return sorted((m, t) for m, targets in GRAPH.items() if m == prefix or m.startswith(prefix + ".")
                  for t in targets if t == forbidden or t.startswith(forbidden + "."))


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("ambicion.nlp", "ambicion.judge"),          # the pipelines the judge runs on come first
    ("ambicion.extract", "ambicion.judge"),      # readers never import the judge
    ("ambicion.pdf", "ambicion.judge"),
    ("ambicion.judge", "ambicion.report"),       # the judge never imports a report writer
    ("ambicion.judge", "ambicion.spacy_component"),
    # `Plan.to_dataframe` calls frames lazily, so frames reads plans by their shape only
    ("ambicion.frames", "ambicion.model"),
])
def test_no_import_against_the_layers(layer, forbidden):
    assert _imports(layer, forbidden) == []


def test_the_library_never_imports_the_cli():
    assert [(m, t) for m, ts in GRAPH.items() for t in ts if t.startswith("ambicion_cli")] == []


def test_the_spacy_component_is_above_the_judge():
    assert "ambicion.judge.api" in GRAPH["ambicion.spacy_component"]
    assert not any("spacy_component" in t for m, ts in GRAPH.items() if m != "ambicion" for t in ts)


def test_no_import_circles_at_run_time():
    # imports that run (top level or in a function); `if TYPE_CHECKING:` blocks never do
    assert cycles(import_graph(typing=False)) == []
