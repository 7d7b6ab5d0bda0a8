"""The layering of docs/architecture.md, enforced: every import of every module in src/nianbao (read
with ast, lazy imports inside functions included, `if TYPE_CHECKING:` blocks left out) points down the
flow, and no modules import each other in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "nianbao"

# Lowest first; a part may import only from parts on lower lines (and from within itself).
# Keep in step with docs/architecture.md.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "version", "batch"),
    ("limits",),  # what one input may cost: used by normalize, readers, extract, checks, api
    ("normalize",),
    ("document", "templates"),
    ("model",),
    ("rules",),
    ("readers",),
    ("extract",),
    ("checks", "inputs"),
    ("api",),
    ("writers",),
    ("synth", "compare", "corpus"),
    ("web",),
    ("cli",),  # `nianbao serve` starts the web app
    ("__init__", "__main__"),
)
LEVEL = {part: i for i, parts in enumerate(LAYERS) for part in parts}

Graph = dict[str, set[str]]


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "nianbao")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "nianbao":
                found.add(target)
                for alias in node.names:  # `from . import relations` names a module
                    if (SRC.parent / (target + "." + alias.name).replace(".", "/")).with_suffix(".py").exists() or \
                            (SRC.parent / (target + "." + alias.name).replace(".", "/") / "__init__.py").exists():
                        found.add(f"{target}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def import_graph(root: Path = SRC) -> Graph:
    """Module name → the nianbao modules it imports."""
    graph: Graph = {}
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        graph[module] = _imports(ast.parse(path.read_text(encoding="utf-8")), module, path.name == "__init__.py")
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_violations(graph: Graph) -> list[str]:
    """`a -> b` for every import from a part to a part on the same or a higher layer."""
    out = []
    for module, targets in sorted(graph.items()):
        here = _part(module)
        for target in sorted(targets):
            there = _part(target)
            if here == there:
                continue
            if here not in LEVEL or there not in LEVEL:
                out.append(f"{module} -> {target} (part not in the layer table)")
            elif LEVEL[there] >= LEVEL[here]:
                out.append(f"{module} -> {target}")
    return out


def cycles(graph: Graph) -> list[list[str]]:
    """Every import cycle among modules (a package's own submodules included), each as a path."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_imports_point_down_the_flow() -> None:
    assert layer_violations(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_every_part_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").exists())}
    assert parts <= set(LEVEL), sorted(parts - set(LEVEL))


@pytest.mark.parametrize(("graph", "expected"), [
    ({"nianbao.checks.tables": {"nianbao.writers.explain"}}, ["nianbao.checks.tables -> nianbao.writers.explain"]),
    ({"nianbao.readers.html": {"nianbao.extract.tables"}}, ["nianbao.readers.html -> nianbao.extract.tables"]),
    ({"nianbao.checks.tables": {"nianbao.inputs.ledger"}}, ["nianbao.checks.tables -> nianbao.inputs.ledger"]),
    ({"nianbao.writers.docx": {"nianbao.model", "nianbao.writers.base"}}, []),
])
def test_the_layer_check_can_fail(graph: Graph, expected: list[str]) -> None:
    assert layer_violations(graph) == expected


def test_the_cycle_check_can_fail() -> None:
    graph = {"nianbao.rules.catalogue": {"nianbao.rules.relations"},
             "nianbao.rules.relations": {"nianbao.rules.catalogue"}, "nianbao.model": set()}
    assert cycles(graph) == [["nianbao.rules.catalogue", "nianbao.rules.relations", "nianbao.rules.catalogue"]]
    assert cycles({"nianbao.a": {"nianbao.b"}, "nianbao.b": set()}) == []


def test_the_reader_sees_lazy_imports_and_skips_type_checking() -> None:
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..model import Report\n"
                     "def f():\n    from ..writers.explain import where\n")
    assert _imports(tree, "nianbao.checks.tables", False) == {"nianbao.writers.explain"}
