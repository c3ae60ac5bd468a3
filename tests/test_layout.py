"""Module boundaries that say what they hold, read from the source itself (imports, not conventions)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, top_level_only: bool) -> set[str]:
    """Modules a file imports; with ``top_level_only``, only those run when it is imported (not inside a
    function, and not under ``if TYPE_CHECKING``): the imports that can make a cycle."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}  # "from lib import nlp"
    return found


def _graph() -> dict[str, set[str]]:
    """Module -> the lib modules importing it runs, its packages' __init__ included ("lib.models.tone"
    runs lib/models/__init__.py first)."""
    modules = {_module_name(p): p for p in LIB.rglob("*.py")}

    def with_packages(name: str) -> set[str]:
        parts = name.split(".")
        return {".".join(parts[:i]) for i in range(2, len(parts) + 1)}

    return {name: {m for imported in _imports(path, top_level_only=True) for m in with_packages(imported)
                   if m in modules and m != name and not name.startswith(m + ".")}
            for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph``, or []: depth-first search with the path on a stack."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, path + [node])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_lib_has_no_import_cycle():
    assert _cycle(_graph()) == []


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_lib_never_imports_streamlit(path: Path):
    assert not {m for m in _imports(path, top_level_only=False) if m.split(".")[0] == "streamlit"}


def test_figures_are_built_only_by_chart_builders_and_the_report():
    drawing = {str(p.relative_to(ROOT)) for p in LIB.rglob("*.py")
               if any(m.split(".")[0] == "plotly" for m in _imports(p, top_level_only=False))}
    assert drawing and all(p.startswith("lib/charts/") or p == "lib/output/report.py" for p in drawing), drawing


def test_every_extractor_declares_a_record_type_its_records_have(seed_analyses):
    from lib.extract.registry import EXTRACTORS

    (analysis,) = seed_analyses
    assert [e.name for e in EXTRACTORS] == list(analysis.records)
    for extractor in EXTRACTORS:
        records = analysis.of(extractor)
        assert records and all(type(r) is extractor.record for r in records), extractor.name
