"""Imports go one way, gui → training → models, lazy imports (inside functions) included.

Read from the source with ``ast`` rather than by importing, so an import that only runs in one
code path (a button's slot, a worker job) counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGES = ("models", "training", "gui")
# A package may import itself and those after it here: gui → training → models.
MAY_IMPORT = {"models": {"models"}, "training": {"training", "models"}, "gui": {"gui", "training", "models"}}


def module_name(path: Path, root: Path = REPO) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = REPO) -> list[tuple[int, str]]:
    """Every module ``path`` imports anywhere in its body, as (line, absolute dotted name)."""
    tree = ast.parse(path.read_text(), str(path))
    name = module_name(path, root)
    package = name.rsplit(".", 1)[0] if path.name != "__init__.py" else name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # "from gui import app" imports the module gui.app
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if base in PACKAGES]
    return found


def sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (REPO / package).rglob("*.py"))


def ours(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in PACKAGES else None


def test_the_checker_sees_lazy_and_relative_imports(tmp_path):
    # A checker that misses imports inside functions would pass on the very cycles it is for.
    probe = tmp_path / "training" / "probe.py"
    probe.parent.mkdir()
    probe.write_text("def f():\n    from gui.app import main\n    from . import cli\n    import models.paths\n")
    names = {name for _, name in imports_of(probe, tmp_path)}
    assert {"gui.app", "training.cli", "models.paths"} <= names
    assert [line for line, name in imports_of(probe, tmp_path) if name == "gui.app"] == [2]


@pytest.mark.parametrize("package", ["models", "training"])
def test_lower_layers_never_import_higher_ones(package):
    wrong = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for path in sorted((REPO / package).rglob("*.py"))
        for line, name in imports_of(path)
        if ours(name) and ours(name) not in MAY_IMPORT[package]
    ]
    assert not wrong, "imports must go gui → training → models:\n" + "\n".join(wrong)


def test_no_import_cycles_among_our_modules():
    known = {module_name(p) for p in sources()}
    graph: dict[str, set[str]] = {}
    for path in sources():
        deps = set()
        for _, name in imports_of(path):
            # The longest of our modules that the name names (a from-import may name a function).
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module_name(path) and name not in PACKAGES:
                deps.add(name)
        graph[module_name(path)] = deps

    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*trail[trail.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles (lazy imports included):\n" + "\n".join(" → ".join(c) for c in cycles)


def test_no_tab_imports_another_tab():
    tabs = sorted((REPO / "gui").glob("*_tab.py"))
    names = {module_name(p) for p in tabs}
    wrong = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for path in tabs
        for line, name in imports_of(path)
        if any(name == other or name.startswith(other + ".") for other in names - {module_name(path)})
    ]
    assert not wrong, "tabs talk through the app state, never to each other:\n" + "\n".join(wrong)
